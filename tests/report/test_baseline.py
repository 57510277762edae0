"""Baseline: create -> clean run -> a new finding appears -> a fixed finding is listed as stale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bedrock_lifecycle import baseline
from bedrock_lifecycle.cli import main
from bedrock_lifecycle.errors import ConfigError

AS_OF = "2026-11-25"
APP = """\
models:
  chat: anthropic.claude-3-haiku-20240307-v1:0
  draft: anthropic.claude-opus-4-1-20250805-v1:0
  embed: amazon.titan-embed-text-v2:0
"""


def scan(capsys, root: Path, *extra: str) -> tuple[int, str, str]:
    code = main(["scan", str(root), "--as-of", AS_OF, "--jobs", "1", "--repo-root", str(root), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def failed(out: str) -> list[tuple[str, str]]:
    return [(r["check_id"], r["resource"]) for r in json.loads(out)["results"]["failed_checks"]]


def test_full_cycle(capsys, tmp_path):
    (tmp_path / "app.yaml").write_text(APP)
    # 1. create: the run reports as usual and writes the baseline in the scan root
    code, out, err = scan(capsys, tmp_path, "--create-baseline", "-o", "json")
    assert code == 1 and len(failed(out)) == 3
    path = tmp_path / baseline.FILENAME
    assert "wrote 3 finding(s) to the baseline" in err
    doc = json.loads(path.read_text())
    assert doc["findings"] == [
        {
            "check_id": "BRL_001",
            "file": "app.yaml",
            "model": "anthropic.claude-3-haiku-20240307-v1:0",
            "resource": "models.chat",
        },
        {
            "check_id": "BRL_002",
            "file": "app.yaml",
            "model": "anthropic.claude-opus-4-1-20250805-v1:0",
            "resource": "models.draft",
        },
        {
            "check_id": "BRL_004",
            "file": "app.yaml",
            "model": "anthropic.claude-opus-4-1-20250805-v1:0",
            "resource": "models.draft",
        },
    ]
    assert all(set(e) == {"check_id", "file", "model", "resource"} for e in doc["findings"])  # no line numbers

    # 2. clean run: everything known, nothing fails, the baseline file itself is not scanned
    code, out, _ = scan(capsys, tmp_path, "--baseline", str(path), "-o", "json")
    report = json.loads(out)
    assert code == 0 and failed(out) == []
    assert report["baseline"]["baselined"] == 3 and report["baseline"]["stale"] == []
    assert {r["check_id"] for r in report["baseline"]["accepted"]} == {"BRL_001", "BRL_002", "BRL_004"}
    assert all(r["file_path"] == "/app.yaml" for b in report["results"].values() for r in b)

    # lines move: still known (the key has no line number)
    (tmp_path / "app.yaml").write_text("# moved\n\n" + APP)
    assert scan(capsys, tmp_path, "--baseline", str(path))[0] == 0

    # 3. a new finding appears (another resource, and a second copy of a known one)
    (tmp_path / "app.yaml").write_text(APP + "  summary: anthropic.claude-v2:1\n")
    (tmp_path / "other.yaml").write_text("models:\n  chat: anthropic.claude-3-haiku-20240307-v1:0\n")
    code, out, _ = scan(capsys, tmp_path, "--baseline", str(path), "-o", "json")
    assert code == 1 and sorted(failed(out)) == [("BRL_001", "models.chat"), ("BRL_001", "models.summary")]
    assert {r["file_path"] for r in json.loads(out)["results"]["failed_checks"]} == {
        "/app.yaml",
        "/other.yaml",
    }

    # 4. the chat model is fixed: its entry is stale, in every report
    (tmp_path / "other.yaml").unlink()
    (tmp_path / "app.yaml").write_text(
        APP.replace("anthropic.claude-3-haiku-20240307-v1:0", "anthropic.claude-haiku-4-5-20251001-v1:0")
    )
    code, out, _ = scan(capsys, tmp_path, "--baseline", str(path), "-o", "json")
    stale = json.loads(out)["baseline"]["stale"]
    assert code == 0 and stale == [
        {
            "check_id": "BRL_001",
            "count": 1,
            "file_path": "/app.yaml",
            "model": "anthropic.claude-3-haiku-20240307-v1:0",
            "resource": "models.chat",
        }
    ]
    _, cli, _ = scan(capsys, tmp_path, "--baseline", str(path))
    assert "Baseline .bedrock-lifecycle.baseline.json: 2 known finding(s) not shown; 1 stale entry" in cli
    assert "app.yaml: stale baseline entry BRL_001 [models.chat]" in cli
    _, compact, _ = scan(capsys, tmp_path, "--baseline", str(path), "--compact")
    assert "app.yaml: stale baseline entry BRL_001 [models.chat]" in compact
    _, out, _ = scan(capsys, tmp_path, "--baseline", str(path), "-o", "sarif")
    notes = json.loads(out)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["descriptor"]["id"] for n in notes] == ["BRL_BASELINE", "BRL_BASELINE_STALE"]
    assert "models.chat" in notes[1]["message"]["text"]
    for fmt, needle in (("github", "`models.chat`"), ("junitxml", "stale baseline entry: BRL_001")):
        assert needle in scan(capsys, tmp_path, "--baseline", str(path), "-o", fmt)[1]


def test_only_entries_this_scan_could_find_are_stale(capsys, tmp_path):
    (tmp_path / "app.yaml").write_text(APP)
    scan(capsys, tmp_path, "--create-baseline")
    path = str(tmp_path / baseline.FILENAME)
    _, out, _ = scan(capsys, tmp_path, "--baseline", path, "--check", "BRL_001", "-o", "json")
    assert json.loads(out)["baseline"]["stale"] == []  # BRL_002/BRL_004 did not run
    _, out, _ = scan(capsys, tmp_path, "--baseline", path, "--skip-path", "app", "-o", "json")
    assert json.loads(out)["baseline"]["stale"] == []


def test_bad_baseline_is_a_usage_error(capsys, tmp_path):
    (tmp_path / "app.yaml").write_text(APP)
    bad = tmp_path / "b.json"
    bad.write_text('{"findings": [{"file": "a", "resource": "r", "check_id": "BRL_001"}]}')
    code, _, err = scan(capsys, tmp_path, "--baseline", str(bad))
    assert code == 2 and "findings[0].model: expected a string" in err
    code, _, err = scan(capsys, tmp_path, "--baseline", str(tmp_path / "missing.json"))
    assert code == 2 and "cannot read baseline" in err


def test_loads_validates_and_counts_duplicates():
    entries = baseline.loads(
        json.dumps(
            {"findings": [{"file": "a.yaml", "resource": "r", "check_id": "brl_001", "model": "m", "count": 2}]}
        ),
        "b",
    )
    assert entries[0].check_id == "BRL_001" and entries[0].count == 2
    with pytest.raises(ConfigError, match="count: expected a whole number"):
        baseline.loads('{"findings": [{"file": "a", "resource": "r", "check_id": "X", "model": "m", "count": 0}]}', "b")
    with pytest.raises(ConfigError, match="not valid JSON"):
        baseline.loads("{", "b")
