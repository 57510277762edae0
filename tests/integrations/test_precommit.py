"""The pre-commit hook, run for real by pre-commit, offline (packages come from a local wheelhouse)."""

from __future__ import annotations

import os
import subprocess

import pytest
from tools import ROOT, tool, wheelhouse

EOL = "models:\n  chat: anthropic.claude-3-haiku-20240307-v1:0\n"
CLEAN = "models:\n  chat: amazon.nova-pro-v1:0\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    repo = tmp_path_factory.mktemp("project")
    (repo / "config").mkdir()
    (repo / "config" / "eol.yaml").write_text(EOL)
    (repo / "config" / "clean.yaml").write_text(CLEAN)
    (repo / ".env").write_text("MODEL_ID=us.anthropic.claude-3-5-sonnet-20241022-v2:0\n")
    (repo / "notes.md").write_text("anthropic.claude-v2 is mentioned in docs only\n")
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"]):
        subprocess.run(cmd, cwd=repo, check=True)
    return repo


@pytest.fixture(scope="module")
def run_hook(project, tmp_path_factory):
    pre_commit = tool("precommit-venv", "pre-commit")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(wheelhouse()),
        "NO_COLOR": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    env.pop("VIRTUAL_ENV", None)

    def run(hook: str, *args: str, cwd=project) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(pre_commit), "try-repo", str(ROOT), hook, "--verbose", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    return run


def test_failing_file_fails_the_hook(run_hook):
    proc = run_hook("bedrock-lifecycle", "--files", "config/eol.yaml")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "config/eol.yaml:2:9: BRL_001 FAILED" in proc.stdout
    assert "anthropic.claude-3-haiku-20240307-v1:0" in proc.stdout


def test_clean_file_passes(run_hook):
    proc = run_hook("bedrock-lifecycle", "--files", "config/clean.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout and "BRL_" not in proc.stdout


def test_dotenv_is_selected_and_docs_are_not(run_hook):
    proc = run_hook("bedrock-lifecycle", "--files", ".env", "notes.md")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert ".env:1:10: BRL_001 FAILED" in proc.stdout and "notes.md" not in proc.stdout


def test_whole_repo_hook(run_hook):
    proc = run_hook("bedrock-lifecycle-repo", "--all-files")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "config/eol.yaml:2:9: BRL_001 FAILED" in proc.stdout and ".env:1:10: BRL_001" in proc.stdout


PROFILE = "models:\n  chat: us.anthropic.claude-3-haiku-20240307-v1:0\n"


@pytest.fixture
def fix_project(tmp_path):
    repo = tmp_path / "fixme"
    (repo / "config").mkdir(parents=True)
    (repo / "config" / "eol.yaml").write_text(EOL)
    (repo / "config" / "profile.yaml").write_text(PROFILE)
    (repo / "config" / "clean.yaml").write_text(CLEAN)
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"]):
        subprocess.run(cmd, cwd=repo, check=True)
    return repo


def test_fix_hook_runs_only_in_the_manual_stage(run_hook, fix_project):
    proc = run_hook("bedrock-lifecycle-fix", "--files", "config/profile.yaml", cwd=fix_project)
    assert "bedrock-lifecycle fix" not in proc.stdout or "Skipped" in proc.stdout, proc.stdout
    assert (fix_project / "config" / "profile.yaml").read_text() == PROFILE


def test_fix_hook_rewrites_the_drop_in_swap_and_a_second_run_changes_nothing(run_hook, fix_project):
    files = ("--files", "config/profile.yaml", "config/clean.yaml")
    proc = run_hook("bedrock-lifecycle-fix", "--hook-stage", "manual", *files, cwd=fix_project)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in proc.stdout
    assert (fix_project / "config" / "profile.yaml").read_text() == PROFILE.replace(
        "us.anthropic.claude-3-haiku-20240307-v1:0", "us.anthropic.claude-haiku-4-5-20251001-v1:0"
    )
    assert (fix_project / "config" / "clean.yaml").read_text() == CLEAN
    subprocess.run(["git", "add", "-A"], cwd=fix_project, check=True)
    again = run_hook("bedrock-lifecycle-fix", "--hook-stage", "manual", *files, cwd=fix_project)
    assert again.returncode == 0, again.stdout + again.stderr
    scan = run_hook("bedrock-lifecycle", "--files", "config/profile.yaml", cwd=fix_project)
    assert scan.returncode == 0 and "BRL_001" not in scan.stdout, scan.stdout


def test_fix_hook_leaves_a_swap_that_needs_a_person_and_says_why(run_hook, fix_project):
    """The bare ID's replacement is invocable only through an inference profile: not a drop-in swap."""
    proc = run_hook("bedrock-lifecycle-fix", "--hook-stage", "manual", "--files", "config/eol.yaml", cwd=fix_project)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "files were modified by this hook" not in proc.stdout
    assert "inference profile" in proc.stdout and "left for a person" in proc.stdout
    assert (fix_project / "config" / "eol.yaml").read_text() == EOL
