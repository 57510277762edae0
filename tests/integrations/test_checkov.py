"""Checkov runs our external checks for real, from its own virtual environment.

Two ways users load them: from a clone (`--external-checks-dir policies`, the shim finds src/), and with
this package installed into Checkov's environment with `pip install --no-deps` (policies copied elsewhere).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from tools import ROOT, tool, wheelhouse

FIXTURE = ROOT / "fixtures" / "checkov" / "repo"


def _checkov(args, *, env_extra=None, cwd=FIXTURE):
    checkov = tool("checkov-venv", "checkov")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env.update(BEDROCK_LIFECYCLE_AS_OF="2026-11-25", LOG_LEVEL="WARNING", **(env_extra or {}))
    return subprocess.run(
        [str(checkov), "-d", ".", "--skip-download", "--quiet", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _failed(stdout):
    docs = json.loads(stdout)
    docs = docs if isinstance(docs, list) else [docs]
    return {
        (d["check_type"], r["check_id"], r["resource"]): r
        for d in docs
        for r in d["results"]["failed_checks"]
        if r["check_id"].startswith("BRL_")
    }  # Checkov's own checks run too


@pytest.fixture(scope="module")
def clone_run():
    proc = _checkov(
        [
            "--external-checks-dir",
            str(ROOT / "policies"),
            "--framework",
            "terraform",
            "cloudformation",
            "serverless",
            "-o",
            "json",
        ]
    )
    assert proc.returncode == 1, proc.stderr[-2000:]
    return _failed(proc.stdout)


def test_terraform_variable_default_and_literals(clone_run):
    assert ("terraform", "BRL_001", "aws_bedrockagent_agent.support") in clone_run  # var.agent_model default
    record = clone_run[("terraform", "BRL_001", "aws_bedrockagent_agent.support")]
    assert record["severity"] == "CRITICAL"
    assert record["guideline"].endswith("docs/policies.md#brl_001")
    assert any("anthropic.claude-3-haiku-20240307-v1:0" in d for d in record["details"])
    assert ("terraform", "BRL_002", "aws_lambda_function.summarise") in clone_run  # Jamba: extended access
    assert ("terraform", "BRL_004", "aws_lambda_function.summarise") in clone_run
    assert ("terraform", "BRL_007", "aws_bedrock_provisioned_model_throughput.batch") in clone_run  # PT on Legacy
    assert not any(res == "aws_bedrockagent_agent.triage" for _, _, res in clone_run)  # Nova Pro is Active


def test_cloudformation_parameter_default(clone_run):
    assert ("cloudformation", "BRL_001", "AWS::Bedrock::Agent.SupportAgent") in clone_run
    assert not any(res == "AWS::Lambda::Function.Summariser" for _, _, res in clone_run)


def test_serverless_function_environment(clone_run):
    assert any(ct == "serverless" and cid == "BRL_001" for ct, cid, _ in clone_run)


def test_checkov_sarif_output_and_hard_fail_on_severity(tmp_path):
    proc = _checkov(
        [
            "--external-checks-dir",
            str(ROOT / "policies"),
            "--framework",
            "terraform",
            "-o",
            "sarif",
            "--output-file-path",
            str(tmp_path),
            "--check",
            "BRL_001,BRL_007",
        ]
    )
    assert proc.returncode == 1, proc.stderr[-2000:]
    sarif = json.loads((tmp_path / "results_sarif.sarif").read_text())
    rule_ids = {r["ruleId"] for run in sarif["runs"] for r in run["results"]}
    assert rule_ids == {"BRL_001", "BRL_007"}
    # severity drives Checkov's hard/soft fail: only CRITICAL fails here, and there are CRITICAL findings
    proc = _checkov(
        [
            "--external-checks-dir",
            str(ROOT / "policies"),
            "--framework",
            "terraform",
            "-o",
            "json",
            "--check",
            "BRL_003,BRL_005",
            "--hard-fail-on",
            "CRITICAL",
        ]
    )
    assert proc.returncode == 0, proc.stdout[-2000:]


def test_installed_with_no_deps_into_checkovs_environment(tmp_path):
    """The package installed beside Checkov (no clone on the path): the shims import it directly."""
    pip = tool("checkov-venv", "pip")
    site = tmp_path / "site"
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheelhouse())}
    subprocess.run(
        [str(pip), "install", "-q", "--no-deps", "--target", str(site), str(ROOT)],
        check=True,
        env=env,
        capture_output=True,
        timeout=600,
    )
    assert (site / "bedrock_lifecycle" / "catalog" / "data" / "catalog.json").exists()
    assert not (site / "hcl2").exists() and not (site / "yaml").exists()  # nothing that clashes with Checkov's
    checks = shutil.copytree(ROOT / "policies", tmp_path / "checks")
    proc = _checkov(
        ["--external-checks-dir", str(checks), "--framework", "terraform", "-o", "json"],
        env_extra={"PYTHONPATH": str(site)},
    )
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert ("terraform", "BRL_001", "aws_bedrockagent_agent.support") in _failed(proc.stdout)
