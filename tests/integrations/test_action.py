"""The composite GitHub Action, exercised locally: every `run:` step of action.yml, as GitHub would run it.

Expressions (${{ inputs.x }}, ${{ github.action_path }}, ${{ runner.temp }}, ${{ steps.scan.outputs.x }})
are substituted the way the runner does; GITHUB_OUTPUT and GITHUB_STEP_SUMMARY are real files. The install
step builds the package offline from the local wheelhouse. `uses:` steps cannot run here; their wiring is checked.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest
import yaml
from tools import ROOT, wheelhouse

ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
EXPR = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


def _outputs(path):
    out = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if "=" in line:
                key, value = line.split("=", 1)
                out[key] = value
    return out


def run_action(workspace, tmp, inputs):
    values = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    values.update(inputs)
    step_outputs: dict[str, dict[str, str]] = {}
    summary = tmp / "summary.md"
    results = []

    def sub(text):
        def one(m):
            expr = m.group(1)
            if expr == "github.action_path":
                return str(ROOT)
            if expr == "runner.temp":
                return str(tmp)
            if expr.startswith("inputs."):
                return values[expr[len("inputs.") :]]
            m2 = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
            if m2:
                return step_outputs.get(m2.group(1), {}).get(m2.group(2), "")
            raise AssertionError(f"unsupported expression {expr}")

        return EXPR.sub(one, str(text))

    for i, step in enumerate(ACTION["runs"]["steps"]):
        if "uses" in step:
            assert "steps.scan.outputs.sarif-file" in step["with"]["sarif_file"]
            continue
        out_file = tmp / f"output-{i}"
        env = {
            **os.environ,
            "GITHUB_OUTPUT": str(out_file),
            "GITHUB_STEP_SUMMARY": str(summary),
            "RUNNER_TEMP": str(tmp),
            "PIP_NO_INDEX": "1",
            "PIP_FIND_LINKS": str(wheelhouse()),
        }
        env.pop("VIRTUAL_ENV", None)
        env.update({k: sub(v) for k, v in step.get("env", {}).items()})
        assert step["shell"] == "bash"
        proc = subprocess.run(
            ["bash", "-c", sub(step["run"])], cwd=workspace, env=env, capture_output=True, text=True, timeout=600
        )
        results.append(proc)
        if step.get("id"):
            step_outputs[step["id"]] = _outputs(out_file)
        if proc.returncode != 0:
            break
    return results, step_outputs, summary


@pytest.fixture
def workspace(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(ROOT / "fixtures" / "demo" / "repo", ws)
    (tmp_path / "runner").mkdir()
    return ws, tmp_path / "runner"


def test_action_fails_on_eol_and_writes_sarif_and_summary(workspace):
    ws, tmp = workspace
    results, outputs, summary = run_action(ws, tmp, {"as-of": "2026-11-25", "outputs": "csv"})
    install, scan, result = results
    assert install.returncode == 0, install.stderr
    assert scan.returncode == 0, scan.stderr
    assert "BRL_001" in scan.stdout  # the console report
    assert result.returncode == 1  # the step fails on EOL models
    assert outputs["scan"]["exit-code"] == "1" and int(outputs["scan"]["failed"]) > 0
    sarif = json.loads((ws / outputs["scan"]["sarif-file"]).read_text())
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    assert "BRL_001" in summary.read_text() and "|" in summary.read_text()
    assert (ws / "bedrock-lifecycle.csv").exists()


def test_action_soft_fail_and_fail_on(workspace):
    ws, tmp = workspace
    results, outputs, _ = run_action(ws, tmp, {"as-of": "2026-11-25", "soft-fail": "true"})
    assert results[-1].returncode == 0 and outputs["scan"]["exit-code"] == "1"
    results, outputs, _ = run_action(ws, tmp, {"as-of": "2026-11-25", "fail-on": "none"})
    assert results[-1].returncode == 0 and outputs["scan"]["exit-code"] == "0"
