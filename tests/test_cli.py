"""The CLI as a user runs it: exit codes, output routing, check selection, determinism."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bedrock_lifecycle.cli import main

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "fixtures" / "demo" / "repo"
AS_OF = ["--as-of", "2026-11-25"]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def tree(tmp_path):
    def make(files: dict[str, str]) -> Path:
        for name, text in files.items():
            p = tmp_path / name
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text)
        return tmp_path

    return make


def test_clean_tree_exits_0(capsys, tree):
    root = tree({"a.yaml": "model: amazon.nova-pro-v1:0\n"})
    code, out, _ = run(capsys, "scan", str(root), *AS_OF)
    assert code == 0
    assert "Passed checks: 5, Failed checks: 0, Skipped checks: 0" in out


def test_eol_model_exits_1_and_soft_fail_exits_0(capsys, tree):
    root = tree({"a.yaml": "model: anthropic.claude-v2\n"})
    assert run(capsys, "scan", str(root), *AS_OF)[0] == 1
    assert run(capsys, "scan", str(root), "--soft-fail", *AS_OF)[0] == 0


def test_legacy_and_unknown_warn_by_default_and_fail_with_fail_on(capsys, tree):
    root = tree({"a.yaml": "a: anthropic.claude-sonnet-4-5-20250929-v1:0\nb: anthropic.claude-sonnet-4-5-v1:0\n"})
    code, out, _ = run(capsys, "scan", str(root), *AS_OF, "--compact")
    assert code == 0
    assert "BRL_003 WARNING" in out and "BRL_005 WARNING" in out
    assert run(capsys, "scan", str(root), *AS_OF, "--fail-on", "legacy")[0] == 1
    assert run(capsys, "scan", str(root), *AS_OF, "--fail-on", "unknown")[0] == 1
    assert run(capsys, "scan", str(root), *AS_OF, "--fail-on", "eol")[0] == 0


def test_as_of_moves_status(capsys, tree):
    root = tree({"a.env": "M=anthropic.claude-sonnet-4-20250514-v1:0\n"})
    # Legacy 2026-04-14, extended access 2026-07-14, EOL 2026-10-14
    _, out, _ = run(capsys, "scan", str(root), "--as-of", "2026-04-13", "-o", "json")
    assert {r["check_id"] for r in json.loads(out)["results"]["failed_checks"]} == set()
    _, out, _ = run(capsys, "scan", str(root), "--as-of", "2026-04-14", "-o", "json", "--warn-days", "0")
    assert {r["check_id"] for r in json.loads(out)["results"]["failed_checks"]} == {"BRL_003"}
    _, out, _ = run(capsys, "scan", str(root), "--as-of", "2026-07-14", "-o", "json", "--warn-days", "92")
    assert {r["check_id"] for r in json.loads(out)["results"]["failed_checks"]} == {"BRL_002", "BRL_004"}
    _, out, _ = run(capsys, "scan", str(root), "--as-of", "2026-10-14", "-o", "json")
    assert {r["check_id"] for r in json.loads(out)["results"]["failed_checks"]} == {"BRL_001"}


def test_json_stdout_holds_only_json(capsys):
    code, out, err = run(capsys, "scan", str(DEMO), "-o", "json", *AS_OF)
    doc = json.loads(out)
    assert code == 1
    assert doc["check_type"] == "bedrock_lifecycle"
    assert doc["summary"]["failed"] == len(doc["results"]["failed_checks"]) > 0
    rec = doc["results"]["failed_checks"][0]
    assert set(rec) >= {
        "check_id",
        "check_name",
        "check_result",
        "file_path",
        "file_line_range",
        "resource",
        "severity",
        "guideline",
        "bedrock",
    }
    assert rec["file_path"].startswith("/")
    assert set(rec["bedrock"]) >= {
        "reference",
        "model_id",
        "status",
        "legacy_date",
        "extended_access_date",
        "eol_date",
        "replacement",
        "provenance",
    }


def test_check_and_skip_check(capsys):
    _, out, _ = run(capsys, "scan", str(DEMO), "-o", "json", "--check", "BRL_001", *AS_OF)
    doc = json.loads(out)
    ids = {r["check_id"] for b in ("passed_checks", "failed_checks", "skipped_checks") for r in doc["results"][b]}
    assert ids == {"BRL_001"}
    _, out, _ = run(capsys, "scan", str(DEMO), "-o", "json", "--skip-check", "BRL_001,LOW", *AS_OF)
    doc = json.loads(out)
    ids = {r["check_id"] for b in ("passed_checks", "failed_checks", "skipped_checks") for r in doc["results"][b]}
    assert "BRL_001" not in ids and "BRL_006" not in ids and "BRL_002" in ids


def test_unknown_check_id_is_a_usage_error(capsys):
    code, _, err = run(capsys, "scan", str(DEMO), "--check", "CKV_NOPE")
    assert code == 2 and "unknown check ID" in err


def test_missing_path_and_bad_catalog_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, "scan", str(tmp_path / "nope"))
    assert code == 2 and "no such file" in err
    bad = tmp_path / "cat.json"
    bad.write_text("{not json")
    code, _, err = run(capsys, "scan", str(DEMO), "--catalog", str(bad))
    assert code == 2 and "not valid JSON" in err and "Traceback" not in err


def test_bad_date_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["scan", str(DEMO), "--as-of", "25/11/2026"])
    assert exc.value.code == 2


def test_strict_sets_the_incomplete_bit(capsys, tree):
    root = tree({"bad.yaml": "a: [\nm: anthropic.claude-v2\n"})
    code, out, _ = run(capsys, "scan", str(root), *AS_OF)
    assert code == 1 and "BRL_E001" in out
    assert run(capsys, "scan", str(root), *AS_OF, "--strict")[0] == 5
    root2 = tree({"bad2.yaml": "a: [\nm: amazon.nova-pro-v1:0\n"})
    assert run(capsys, "scan", str(root2 / "bad2.yaml"), *AS_OF, "--strict")[0] == 4


def test_output_file_path_forms(capsys, tmp_path):
    dest = tmp_path / "out"
    code, out, _ = run(capsys, "scan", str(DEMO), "-o", "cli", "-o", "json", "--output-file-path", str(dest), *AS_OF)
    assert code == 1
    assert "Check: BRL_001" in out  # the console output still goes to the console
    assert json.loads((dest / "results_json.json").read_text())["check_type"] == "bedrock_lifecycle"
    one = tmp_path / "r.json"
    code, out, _ = run(
        capsys, "scan", str(DEMO), "-o", "cli", "-o", "json", "--output-file-path", f"console,{one}", *AS_OF
    )
    assert "Check: BRL_001" in out and json.loads(one.read_text())["summary"]["failed"] > 0


def test_deterministic_and_parallel_equals_serial(capsys):
    outs = []
    for jobs in ("1", "1", "2"):
        _, out, _ = run(capsys, "scan", str(DEMO), "-o", "json", "--jobs", jobs, *AS_OF)
        outs.append(out)
    assert outs[0] == outs[1] == outs[2]


def test_explicit_files_report_only_those(capsys, monkeypatch):
    monkeypatch.chdir(DEMO)
    _, out, _ = run(capsys, "scan", "docker-compose.yml", "-o", "json", *AS_OF)
    paths = {r["file_path"] for b in ("passed_checks", "failed_checks") for r in json.loads(out)["results"][b]}
    assert paths == {"/docker-compose.yml"}


def test_inline_skip_and_no_inline_skips(capsys):
    _, out, _ = run(capsys, "scan", str(DEMO), "-o", "json", *AS_OF)
    skipped = json.loads(out)["results"]["skipped_checks"]
    assert [(r["check_id"], r["check_result"]["suppress_comment"]) for r in skipped] == [
        ("BRL_003", "migration tracked in PLAT-2231")
    ]
    _, out, _ = run(capsys, "scan", str(DEMO), "-o", "json", "--no-inline-skips", *AS_OF)
    assert json.loads(out)["results"]["skipped_checks"] == []


def test_skip_until_expires(capsys, tree):
    root = tree({"a.yaml": "m: anthropic.claude-v2  # bedrock-lifecycle:skip=BRL_001:known until=2026-01-31\n"})
    _, out, _ = run(capsys, "scan", str(root), "-o", "json", "--as-of", "2026-01-31")
    assert len(json.loads(out)["results"]["skipped_checks"]) == 1
    _, out, _ = run(capsys, "scan", str(root), "-o", "json", "--as-of", "2026-02-01")
    assert json.loads(out)["results"]["skipped_checks"] == []


def test_version_names_catalog_date(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and "catalog 2026-11-26" in out


def test_catalog_show_every_form(capsys):
    code, out, _ = run(
        capsys,
        "catalog",
        "show",
        "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2:1",
        "-o",
        "json",
        *AS_OF,
    )
    doc = json.loads(out)
    assert code == 0 and doc["model_id"] == "anthropic.claude-v2:1" and doc["status"] == "EOL"
    code, out, _ = run(capsys, "catalog", "show", "anthropic.claude-sonnet-4-5-v1:0", "-o", "json", *AS_OF)
    assert code == 1 and json.loads(out)["status"] == "UNKNOWN"


def test_catalog_list_filters(capsys):
    code, out, _ = run(capsys, "catalog", "list", "--status", "legacy", "-o", "json", *AS_OF)
    models = json.loads(out)["models"]
    assert code == 0 and models and {m["status"] for m in models} == {"LEGACY"}
    code, out, _ = run(capsys, "catalog", "list", "--provider", "cohere", *AS_OF)
    assert "cohere.embed-english-v3" in out and "anthropic." not in out


def test_catalog_list_advises_only_active_models(capsys):
    from datetime import date

    from bedrock_lifecycle.catalog import load_embedded

    catalog = load_embedded()
    code, out, _ = run(capsys, "catalog", "list", "--status", "legacy,eol", "-o", "json", "--as-of", "2026-12-05")
    models = json.loads(out)["models"]
    assert code == 0 and len(models) > 100
    for m in models:
        if m["replacement"]:
            assert catalog.get(m["replacement"]).lifecycle(date(2026, 12, 5)).status.value == "ACTIVE", m["id"]
    v2 = next(m for m in models if m["id"] == "anthropic.claude-v2")
    assert v2["replacement"] == "anthropic.claude-sonnet-5-5" and v2["replacement_inferred"]


def test_python_dash_m_and_console_script():
    proc = subprocess.run([sys.executable, "-m", "bedrock_lifecycle", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("bedrock-lifecycle ")
    exe = shutil.which("bedrock-lifecycle", path=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    assert exe, "console script not installed"
    proc = subprocess.run([exe, "scan", str(DEMO), "--compact", *AS_OF], capture_output=True, text=True)
    assert proc.returncode == 1 and "BRL_001 FAILED" in proc.stdout


def test_one_output_format_table_serves_scan_and_inventory():
    """Every -o choice comes from report.OUTPUT_FORMATS, and every row names a render function that exists."""
    from bedrock_lifecycle.cli import build_parser
    from bedrock_lifecycle.report import FORMATS, OUTPUT_FORMATS, output_formats, renderer

    sub = next(a for a in build_parser()._actions if a.dest == "command").choices
    choices = {
        name: next(a for a in sub[name]._actions if a.dest == "output").choices for name in ("scan", "inventory")
    }
    assert tuple(choices["scan"]) == FORMATS == output_formats("scan")
    assert tuple(choices["inventory"]) == output_formats("inventory") == ("table", "json", "csv", "cyclonedx")
    assert len({(f.command, f.name) for f in OUTPUT_FORMATS}) == len(OUTPUT_FORMATS)
    for fmt in OUTPUT_FORMATS:
        assert callable(renderer(fmt)), fmt
