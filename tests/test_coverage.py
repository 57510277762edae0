"""The coverage report: what was scanned per framework, what was skipped and why, and 'nothing scanned'."""

from __future__ import annotations

import json

from bedrock_lifecycle.cli import main


def _run(capsys, *args):
    code = main(["scan", *map(str, args), "--as-of", "2026-11-25", "--jobs", "1"])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_nothing_scanned_exits_2_with_a_clear_message_and_still_reports(tmp_path, capsys):
    (tmp_path / "README.md").write_text("Uses anthropic.claude-v2.\n")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\x00")
    code, out, err = _run(capsys, tmp_path, "-o", "json")
    assert code == 2
    assert "nothing scanned" in err and "documentation 1" in err and "--include-docs" in err
    cov = json.loads(out)["summary"]["coverage"]
    assert cov["files_scanned"] == 0 and cov["skipped_by_reason"] == {"no parser": 1, "documentation": 1}


def test_empty_directory_is_not_a_pass(tmp_path, capsys):
    code, _, err = _run(capsys, tmp_path)
    assert code == 2 and "no files found" in err


def test_everything_excluded_on_purpose_is_not_an_error(tmp_path, capsys):
    (tmp_path / "app.yaml").write_text("model: anthropic.claude-v2\n")
    code, _, err = _run(capsys, tmp_path, "--skip-path", "app", "--compact")
    assert code == 0 and err == ""


def test_a_clean_scan_is_a_pass_and_says_what_it_read(tmp_path, capsys):
    (tmp_path / "app.yaml").write_text("name: x\n")
    (tmp_path / "node_modules").mkdir()
    code, out, _ = _run(capsys, tmp_path)
    assert code == 0
    assert "Coverage: 1 file scanned (config 1); 1 skipped (vendored 1)" in out


def test_list_files_names_each_parser_or_skip_reason(tmp_path, capsys):
    (tmp_path / "a.ipynb").write_text('{"cells": []}')
    (tmp_path / "b.md").write_text("# b\n")
    (tmp_path / "c.json.example").write_text("{}")
    code, out, err = _run(capsys, tmp_path, "--list-files")
    assert code == 0
    assert out.splitlines() == [
        "a.ipynb\tnotebook (source)",
        "b.md\tskipped: documentation",
        "c.json.example\tjson (config)",
    ]
    assert err.startswith("Coverage: 2 files scanned")
    _, out, _ = _run(capsys, tmp_path, "--list-files", "--include-docs")
    assert "b.md\tmarkdown (docs)" in out.splitlines()


def test_docs_findings_fail_only_when_asked(tmp_path, capsys):
    (tmp_path / "README.md").write_text("# Setup\n\n```sh\nexport MODEL=anthropic.claude-v2\n```\n")
    code, out, _ = _run(capsys, tmp_path, "--include-docs", "--compact")
    assert code == 0 and "README.md:4:14: BRL_001 WARNING" in out and "[Setup > code block 1 (sh)]" in out
    code, out, _ = _run(capsys, tmp_path, "--fail-on-docs", "--compact")
    assert code == 1 and "README.md:4:14: BRL_001 FAILED" in out
    code, _, _ = _run(capsys, tmp_path, "--framework", "docs", "--compact")
    assert code == 0
