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
    install, scan, fix, result = results
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


def _tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_action_fix_diff_leaves_a_patch_and_the_plan_and_changes_nothing(workspace):
    ws, tmp = workspace
    before = _tree(ws)
    results, outputs, _ = run_action(ws, tmp, {"as-of": "2026-11-25", "fix": "diff", "soft-fail": "true"})
    assert [r.returncode for r in results] == [0, 0, 0, 0], results[-1].stderr
    fix = outputs["fix"]
    patch = ws / fix["patch-file"]
    plan = ws / fix["migration-plan"]
    assert int(fix["changed-files"]) > 0 and "\ndiff --git a/" in patch.read_text()
    assert plan.read_text().startswith("# Bedrock model migration plan\n")
    after = _tree(ws)
    reports = (fix["patch-file"], fix["migration-plan"], outputs["scan"]["sarif-file"])
    assert {k: v for k, v in after.items() if k not in reports} == before  # only the reports were added
    check = subprocess.run(["git", "apply", "--check", str(patch)], cwd=ws, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_action_fix_write_applies_the_patch(workspace):
    ws, tmp = workspace
    plan_path = tmp / "plan.md"
    patch_path = tmp / "fix.patch"
    inputs = {
        "as-of": "2026-11-25",
        "fix": "write",
        "soft-fail": "true",
        "patch-file": str(patch_path),
        "migration-plan": str(plan_path),
    }
    results, outputs, _ = run_action(ws, tmp, inputs)
    assert [r.returncode for r in results] == [0, 0, 0, 0], results[-1].stderr
    assert outputs["fix"]["patch-file"] == str(patch_path) and int(outputs["fix"]["changed-files"]) > 0
    # the checkout now holds the patched files: the patch applies in reverse, and not forwards again
    reverse = subprocess.run(["git", "apply", "--check", "-R", str(patch_path)], cwd=ws, capture_output=True)
    assert reverse.returncode == 0, reverse.stderr
    forward = subprocess.run(["git", "apply", "--check", str(patch_path)], cwd=ws, capture_output=True)
    assert forward.returncode != 0
    assert "fix --write" in plan_path.read_text() or "`fix`" in plan_path.read_text()


def test_action_without_fix_runs_no_fix(workspace):
    ws, tmp = workspace
    results, outputs, _ = run_action(ws, tmp, {"as-of": "2026-11-25", "soft-fail": "true"})
    assert [r.returncode for r in results] == [0, 0, 0, 0]
    assert outputs["fix"] == {} and not (ws / "bedrock-lifecycle.patch").exists()


def test_example_workflows_use_only_inputs_and_outputs_the_action_has():
    examples = sorted((ROOT / "docs" / "examples").glob("*.yml"))
    assert any("migration" in p.name for p in examples)
    for path in examples:
        flow = yaml.safe_load(path.read_text())
        for job in flow["jobs"].values():
            steps = job["steps"]
            ours = [s for s in steps if str(s.get("uses", "")).startswith("bedrock-lifecycle/bedrock-lifecycle@")]
            assert ours, path
            for step in ours:
                assert set(step.get("with", {})) <= set(ACTION["inputs"]), (path, step["with"])
                ident = step.get("id")
                for other in steps:
                    for ref in re.findall(r"steps\.([\w-]+)\.outputs\.([\w-]+)", json.dumps(other)):
                        if ref[0] == ident:
                            assert ref[1] in ACTION["outputs"], (path, ref)
