"""The CLI on Terraform trees: lines and use sites, pre-commit file lists, parallel runs, big trees."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from tf_support import references, run, write

from bedrock_lifecycle.cli import main
from bedrock_lifecycle.extract.terraform import clear_caches
from bedrock_lifecycle.parsers.hcl import HclParser

ROOT = Path(__file__).resolve().parents[2]
PLATFORM = ROOT / "fixtures" / "terraform" / "agent_platform" / "repo"
HAIKU3 = "anthropic.claude-3-haiku-20240307-v1:0"
NOVA = "amazon.nova-pro-v1:0"


def cli(*args: str) -> tuple[int, str]:
    clear_caches()
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["scan", *args, "--as-of", "2026-11-25", "--no-color", "--jobs", "1"])
    return code, out.getvalue()


def records(output: str) -> list[dict]:  # type: ignore[type-arg]
    doc = json.loads(output)
    return [r for k in ("passed_checks", "failed_checks", "skipped_checks") for r in doc["results"][k]]


def test_fixture_gives_the_literal_line_and_each_use_site():
    _, out = cli(str(PLATFORM), "-o", "json")
    uses = {
        (r["file_path"], r["file_line_range"][0], r["resource"])
        for r in records(out)
        if r["bedrock"]["reference"].endswith("anthropic.claude-3-5-sonnet-20240620-v1:0")
    }
    assert uses == {
        ("/live/variables.tf", 14, "module.support_agent.aws_bedrockagent_agent.this"),
        ("/live/variables.tf", 14, "aws_iam_role_policy.agent_invoke"),
        ("/live/variables.tf", 14, "data.aws_iam_policy_document.invoke"),
    }
    pt = [r for r in records(out) if r["check_id"] == "BRL_007"]
    got = [(r["file_path"], r["file_line_range"], r["resource"], r["check_result"]["result"]) for r in pt]
    assert got == [("/live/variables.tf", [25, 25], "aws_bedrock_provisioned_model_throughput.chat", "FAILED")]
    assert pt[0]["bedrock"]["provenance"] == [
        {"file_path": "/live/variables.tf", "line": 22, "via": "variable default var.pt_model"},
        {"file_path": "/live/bedrock.tf", "line": 24, "via": "attribute model_arn"},
    ]


def test_text_output_shows_the_provenance_chain():
    _, out = cli(str(PLATFORM), "--quiet")
    assert "FAILED for resource: aws_bedrock_provisioned_model_throughput.chat" in out
    assert "via variable default var.pt_model at /live/variables.tf:22" in out
    assert "via attribute model_arn at /live/bedrock.tf:24" in out


def test_broken_file_is_a_diagnostic_and_still_scanned_as_text():
    _, out = cli(str(PLATFORM), "-o", "json")
    doc = json.loads(out)
    assert doc["results"]["parsing_errors"] == ["/live/broken.tf"]
    assert [d["line"] for d in doc["diagnostics"] if d["file_path"] == "/live/broken.tf"] == [5]
    assert any(r["file_path"] == "/live/broken.tf" and r["file_line_range"] == [4, 4] for r in records(out))


TREE = {
    "variables.tf": f'variable "model" {{\n  default = "{HAIKU3}"\n}}\n',
    "main.tf": (
        'resource "aws_bedrockagent_agent" "a" {\n  foundation_model = var.model\n}\n'
        f'resource "aws_ssm_parameter" "p" {{\n  name  = "/m"\n  value = "{NOVA}"\n}}\n'
    ),
    "terraform.tfvars": 'unrelated = "x"\n',
}


def test_given_files_report_only_what_is_located_in_them(tmp_path, monkeypatch):
    write(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    _, out = cli("-f", "main.tf", "-o", "json")
    # the use in main.tf of the literal in variables.tf is located in variables.tf: not this file's finding
    assert {(r["file_path"], r["resource"]) for r in records(out)} == {("/main.tf", "aws_ssm_parameter.p")}


def test_a_given_variables_file_is_resolved_against_its_siblings_on_disk(tmp_path, monkeypatch):
    write(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    _, out = cli("-f", "variables.tf", "-o", "json")
    found = {(r["file_path"], r["file_line_range"][0], r["resource"]) for r in records(out)}
    assert found == {("/variables.tf", 2, "aws_bedrockagent_agent.a")}
    assert records(out)[0]["bedrock"]["provenance"][-1] == {
        "file_path": "/main.tf",
        "line": 2,
        "via": "attribute foundation_model",
    }


def test_each_finding_comes_out_once_whatever_the_file_order_or_workers(tmp_path):
    write(tmp_path, TREE)
    serial = references(tmp_path)
    parallel = references(tmp_path, jobs=3)
    assert serial == parallel
    assert len(serial) == len({(r.span, r.resource, r.attribute) for r in serial}) == 2


def test_report_only_subset_matches_the_full_scan(tmp_path):
    write(tmp_path, TREE)
    full = references(tmp_path)
    only = references(tmp_path, report_only=frozenset({"variables.tf"}), paths=(str(tmp_path / "variables.tf"),))
    assert only == [r for r in full if r.span.path == "variables.tf"]


def test_cache_notices_an_edited_sibling(tmp_path):
    write(tmp_path, TREE)
    assert {r.resource for r in references(tmp_path)} == {"aws_bedrockagent_agent.a", "aws_ssm_parameter.p"}
    main_tf = tmp_path / "main.tf"
    edited = main_tf.read_text().replace("foundation_model = var.model", 'foundation_model = "x"  ')
    main_tf.write_text(edited)
    os.utime(main_tf, ns=(1, 1))  # a different mtime even on coarse file systems
    result = run(tmp_path)
    assert {f.resolution.reference.resource for f in result.findings} == {"var.model", "aws_ssm_parameter.p"}


# --- big trees: nothing that cannot hold a reference is parsed ---


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_tf_tree", ROOT / "scripts" / "gen_tf_tree.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def big_tree(tmp_path_factory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("big")
    counts = _generator().generate(out, 1000)
    yield out, counts
    shutil.rmtree(out, ignore_errors=True)


def test_thousand_file_tree_parses_without_error_and_only_modules_with_models(big_tree, monkeypatch):
    out, counts = big_tree
    assert counts["files"] == 1000
    parsed: Counter[str] = Counter()
    original = HclParser._parse

    def counting(self, path, text):  # type: ignore[no-untyped-def]
        parsed[path] += 1
        return original(self, path, text)

    monkeypatch.setattr(HclParser, "_parse", counting)
    result = run(out)
    assert result.diagnostics == ()
    dirs = {p.rsplit("/", 1)[0] for p in parsed}
    bedrock_dirs = {f"modules/svc{i:04d}" for i in range(counts["modules"]) if i % 10 == 0}
    assert dirs == bedrock_dirs | {"modules/shared"}  # the called child module, for resolution
    assert max(parsed.values()) == 1  # each file parsed once (the pipeline's parse is reused)
    assert sum(parsed.values()) == 5 * counts["bedrock_modules"] + counts["modules_with_child"] + 1
    # the pipeline hands over only files with a model-like literal: main.tf, variables.tf, terraform.tfvars
    assert result.files_scanned == 2 * counts["bedrock_modules"] + counts["modules_with_child"]
    refs = {(f.resolution.reference.span.path, f.resolution.reference.resource) for f in result.findings}
    assert ("modules/svc0020/terraform.tfvars", "module.kb.aws_ssm_parameter.model") in refs
    assert ("modules/svc0010/variables.tf", "aws_bedrockagent_agent.agent") in refs


def test_a_syntax_error_costs_only_its_own_block(tmp_path):
    """The blocks around a broken one still resolve; the broken one is scanned as text; one diagnostic."""
    write(
        tmp_path,
        {
            "main.tf": """
                variable "agent_model" {
                  default = "anthropic.claude-v2:1"
                }
                resource "aws_bedrockagent_agent" "ok" {
                  foundation_model = var.agent_model
                }
                resource "aws_bedrockagent_agent" "broken" {
                  foundation_model = "amazon.nova-pro-v1:0"
                <<<<<<< HEAD
                }
                """
        },
    )
    result = run(tmp_path)
    assert [(d.path, d.line, d.code) for d in result.diagnostics] == [("main.tf", 9, "BRL_E001")]
    found = {(f.resolution.reference.span.start_line, f.resolution.reference.resource) for f in result.findings}
    resources = {line: res for line, res in found}
    assert resources[2] == "aws_bedrockagent_agent.ok"  # resolved through var.agent_model
    assert 8 in resources and resources[8] != "aws_bedrockagent_agent.broken"  # the text fallback's name
