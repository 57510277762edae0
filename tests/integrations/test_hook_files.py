"""The pre-commit hook selects exactly the files some parser reads (no pre-commit needed)."""

from __future__ import annotations

import re

import yaml
from tools import ROOT

from bedrock_lifecycle.parsers import parser_for

HOOKS = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
FILES = re.compile(HOOKS["bedrock-lifecycle"]["files"])
CLAIMED = [
    "main.tf",
    "live/terraform.tfvars",
    "x.auto.tfvars",
    "flow.tf.json",
    "live/prod/terragrunt.hcl",
    "root.hcl",
    "vars.tfvars.json",
    "a.yaml",
    "b.yml",
    "stack.template",
    "cdk.out/App.template.json",
    "settings.jsonc",
    "c.json5",
    ".env",
    "svc/.env.production",
    "prod.env",
    "app.py",
    "tool.pyw",
    "a.js",
    "b.mjs",
    "c.cjs",
    "d.jsx",
    "e.ts",
    "f.mts",
    "g.cts",
    "h.tsx",
    "Main.java",
    "main.go",
    "Program.cs",
    "App.kt",
    "build.gradle.kts",
    "app.rb",
    "tasks.rake",
    "x.gemspec",
    "Rakefile",
    "pyproject.toml",
    "setup.cfg",
    "app.ini",
    "nginx.conf",
    "application.properties",
    "chart/templates/_helpers.tpl",
    ".babelrc",
    "run.sh",
    "scripts/deploy.bash",
    "tools/env.zsh",
    "test/invoke.bats",
    "Dockerfile",
    "services/api/Dockerfile.prod",
    "build/api.dockerfile",
    "Containerfile",
    "Makefile",
    "GNUmakefile",
    "make/models.mk",
    "Procfile",
    "Procfile.dev",
    ".envrc",
    "analysis.ipynb",
    "batch/input.jsonl",
    "events.ndjson",
    "config/dev.json.example",
    "deploy/values.yaml.tpl",
    "settings.toml.j2",
    "app.ini.dist",
    "infra/terraform.tfvars.example",
    "config.yml.sample",
    "app.py.template",
    ".env.sample",
]
NOT_CLAIMED = [
    "README.md",
    "notes.txt",
    "image.png",
    "docs/dockerfile-guide.md",
    "Makefile.md",
    "notes.txt.sample",
    "README.md.sample",
    "docs/guide.rst",
]


def test_every_file_a_parser_reads_is_selected_by_the_hook():
    for path in CLAIMED:
        assert parser_for(path) is not None, f"no parser claims {path}: fix this list"
        assert FILES.search(path), f".pre-commit-hooks.yaml files: does not select {path}"


def test_files_no_parser_reads_are_not_selected():
    for path in NOT_CLAIMED:
        assert parser_for(path) is None
        assert not FILES.search(path), path


def test_whole_repo_hook_takes_no_file_names():
    repo = HOOKS["bedrock-lifecycle-repo"]
    assert repo["pass_filenames"] is False and repo["always_run"] is True


def test_the_fix_hook_is_manual_and_selects_the_same_files_as_the_scan_hook():
    fix, scan = HOOKS["bedrock-lifecycle-fix"], HOOKS["bedrock-lifecycle"]
    assert fix["stages"] == ["manual"]  # rewriting files is asked for, never a side effect of a commit
    assert (fix["files"], fix["types"]) == (scan["files"], scan["types"])
    assert fix["entry"].split()[:3] == ["bedrock-lifecycle", "fix", "--write"]
