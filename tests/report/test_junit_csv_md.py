"""JUnit XML, CSV and GitHub Markdown: parse with the stdlib, count right, state the dates, escape input."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from bedrock_lifecycle.cli import main
from bedrock_lifecycle.model import (
    Finding,
    ParsedId,
    Reference,
    Resolution,
    Result,
    ScanResult,
    Severity,
    Span,
    Status,
)
from bedrock_lifecycle.report import ReportOptions, csv_, github, junit

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "fixtures" / "report"
BASIC = CASES / "basic" / "repo"
AS_OF = "2026-11-25"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["scan", *argv, "--as-of", AS_OF, "--jobs", "1"])
    out, err = capsys.readouterr()
    return code, out, err


def json_doc(capsys) -> dict:
    return json.loads(run(capsys, str(BASIC), "-o", "json", "--repo-root", str(BASIC))[1])


# --- JUnit ---


def test_junit_fixtures_parse_and_counts_add_up():
    for case in ("basic", "baselined"):
        root = ET.fromstring((CASES / case / "expected.xml").read_text(encoding="utf-8"))
        assert root.tag == "testsuites"
        suites = root.findall("testsuite")
        for attr in ("tests", "failures", "errors", "skipped"):
            assert int(root.get(attr)) == sum(int(s.get(attr)) for s in suites)
        for s in suites:
            cases = s.findall("testcase")
            assert int(s.get("tests")) == len(cases)
            assert int(s.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
            assert int(s.get("skipped")) == sum(1 for c in cases if c.find("skipped") is not None)
            props = {p.get("name"): p.get("value") for p in s.iter("property")}
            assert props["catalog_date"] == "2026-11-26" and props["as_of"] == AS_OF


def test_junit_matches_the_json_results(capsys):
    doc = json_doc(capsys)
    root = ET.fromstring(run(capsys, str(BASIC), "-o", "junitxml", "--repo-root", str(BASIC))[1])
    failures = root.findall(".//failure")
    assert len(failures) == doc["summary"]["failed"] == 15
    assert len(root.findall(".//skipped")) == doc["summary"]["skipped"] == 3
    assert int(root.get("errors")) == len(doc["diagnostics"]) == 1
    suite = root.find("testsuite[@id='BRL_001']")
    assert suite.get("name") == "BRL_001: Bedrock model has reached End-of-Life"
    case = next(c for c in suite.findall("testcase") if c.find("failure") is not None and c.get("line") == "6")
    assert case.get("classname") == "docker-compose.yml" and case.get("file") == "docker-compose.yml"
    failure = case.find("failure")
    assert failure.get("type") == "CRITICAL" and "reached End-of-Life on 2026-09-10" in failure.get("message")
    assert "docker-compose.yml:6:22" in failure.text and "replacement: anthropic.claude-haiku-4-5" in failure.text
    warning = root.find("testsuite[@id='BRL_003']").find(".//failure")
    assert warning.get("message").startswith("warning (does not fail the run): ")


def test_junit_strips_characters_xml_cannot_hold():
    ref = Reference("anthropic.claude-v2", Span("a\x01.yaml", 1, 1, 1, 20), "key\x07name", "yaml")
    res = Resolution(ref, ParsedId("base", "anthropic.claude-v2"), Status.EOL, model_id="anthropic.claude-v2")
    f = Finding("BRL_001", "n", Severity.CRITICAL, "https://x.invalid", Result.FAILED, "bad \x0b text", res)
    result = ScanResult.build(
        [f],
        [],
        as_of=date(2026, 11, 25),
        catalog_date="2026-11-25",
        catalog_source="embedded",
        root="/r",
        files_scanned=1,
    )
    root = ET.fromstring(junit.render(result, ReportOptions()))
    assert root.find(".//failure").get("message") == "bad \ufffd text"


# --- CSV ---


def test_csv_round_trips_one_row_per_reference(capsys):
    text = (CASES / "basic" / "expected.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(csv_.COLUMNS)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(csv_.COLUMNS)
    writer.writerows([r[c] for c in csv_.COLUMNS] for r in rows)
    assert out.getvalue() == text
    doc = json_doc(capsys)
    records = [r for b in ("passed_checks", "failed_checks", "skipped_checks") for r in doc["results"][b]]
    refs = {
        (r["file_path"].lstrip("/"), r["file_line_range"][0], r["bedrock"]["column"], r["resource"]) for r in records
    }
    assert len(rows) == len(refs) == 16
    assert all(r["catalog_date"] == "2026-11-26" and r["as_of"] == AS_OF for r in rows)


def test_csv_row_carries_the_worst_result_and_every_failing_check():
    rows = {
        (r["file"], r["line"]): r
        for r in csv.DictReader(io.StringIO((CASES / "basic" / "expected.csv").read_text(encoding="utf-8")))
    }
    draft = rows[("docker-compose.yml", "10")]
    assert draft["result"] == "FAILED" and draft["severity"] == "HIGH" and draft["fails_run"] == "yes"
    assert draft["failing_checks"] == "BRL_002;BRL_004;BRL_008"
    assert draft["status"] == "LEGACY (extended access)" and draft["eol_date"] == "2027-01-08"
    worker = rows[("docker-compose.yml", "8")]
    assert worker["result"] == "SKIPPED" and worker["suppressed_checks"] == "BRL_003" and worker["fails_run"] == "no"
    haiku = rows[("docker-compose.yml", "6")]
    assert haiku["replacement"] == "anthropic.claude-haiku-4-5-20251001-v1:0" and haiku["status"] == "EOL"
    assert rows[("docker-compose.yml", "12")]["result"] == "PASSED"
    baselined = {
        (r["file"], r["line"]): r
        for r in csv.DictReader(io.StringIO((CASES / "baselined" / "expected.csv").read_text(encoding="utf-8")))
    }
    chat = baselined[("app.yaml", "2")]
    assert chat["result"] == "BASELINED" and chat["baselined_checks"] == "BRL_001" and chat["failing_checks"] == ""


def test_csv_neutralises_formulas():
    ref = Reference("anthropic.claude-v2", Span("a.yaml", 1, 1, 1, 20), '=HYPERLINK("x")', "yaml")
    res = Resolution(ref, ParsedId("base", "anthropic.claude-v2"), Status.EOL, model_id="anthropic.claude-v2")
    f = Finding("BRL_001", "n", Severity.CRITICAL, "https://x.invalid", Result.FAILED, "m", res)
    result = ScanResult.build(
        [f],
        [],
        as_of=date(2026, 11, 25),
        catalog_date="2026-11-25",
        catalog_source="embedded",
        root="/r",
        files_scanned=1,
    )
    row = next(csv.DictReader(io.StringIO(csv_.render(result, ReportOptions()))))
    assert row["resource"] == '\'=HYPERLINK("x")'


# --- GitHub Markdown ---


def test_markdown_summary_groups_by_status_with_counts_dates_and_replacements():
    text = (CASES / "basic" / "expected.md").read_text(encoding="utf-8")
    assert text.startswith("## bedrock-lifecycle: :x: 8 findings fail the run\n")
    assert "Catalog **2026-11-26** (embedded; AWS pages up to 2026-10-08) · as of **2026-11-25**" in text
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    assert headings[:3] == [
        "### :x: BRL_001 Bedrock model has reached End-of-Life · 4",
        "### :x: BRL_002 Bedrock model is in public extended access (higher price) · 2",
        "### :x: BRL_004 Bedrock model reaches End-of-Life soon · 2",
    ]
    assert "### :no_bell: Suppressed · 3" in headings
    assert (
        "| `docker-compose.yml:6` | `services.api.environment.CHAT_MODEL_ID` | "
        "`anthropic.claude-3-haiku-20240307-v1:0` (Claude 3 Haiku) | EOL | 2026-03-10 | 2026-06-10 | "
        "2026-09-10 | `anthropic.claude-haiku-4-5-20251001-v1:0` |"
    ) in text
    base = (CASES / "baselined" / "expected.md").read_text(encoding="utf-8")
    assert "3 known finding(s) are not shown above" in base and "`old/service.env`" in base


def test_markdown_escapes_table_breaking_input_and_warns_on_an_old_catalog():
    ref = Reference("anthropic.claude-v2", Span("a|b.yaml", 1, 1, 1, 20), "k|<script>`x`", "yaml")
    res = Resolution(ref, ParsedId("base", "anthropic.claude-v2"), Status.UNKNOWN)
    f = Finding("BRL_005", "n", Severity.MEDIUM, "https://x.invalid", Result.FAILED, "a | b <img>", res)
    result = ScanResult.build(
        [f],
        [],
        as_of=date(2027, 6, 1),
        catalog_date="2026-11-25",
        catalog_source="embedded",
        root="/r",
        files_scanned=1,
    )
    text = github.render(result, ReportOptions())
    row = next(line for line in text.splitlines() if line.startswith("| `a"))
    assert row.count(" | ") == 3  # four cells: no cell was split
    assert "<script>" not in text.replace("`k\\|<script>'x'`", "") and "\\<img\\>" in row
    assert "> [!WARNING]" in text and "catalog sync" in text


# --- routing ---


def test_output_file_path_one_path_per_output(capsys, tmp_path):
    sarif_path, md_path = tmp_path / "out" / "results.sarif", tmp_path / "summary.md"
    code, out, _ = run(
        capsys,
        str(BASIC),
        "-o",
        "cli",
        "-o",
        "sarif",
        "-o",
        "github",
        "--output-file-path",
        f"console,{sarif_path},{md_path}",
        "--repo-root",
        str(BASIC),
    )
    assert code == 1 and out.startswith("bedrock-lifecycle ")
    assert json.loads(sarif_path.read_text())["runs"][0]["results"]
    assert md_path.read_text(encoding="utf-8").startswith("## bedrock-lifecycle")
    folder = tmp_path / "folder"
    run(capsys, str(BASIC), "-o", "junitxml", "-o", "csv", "--output-file-path", str(folder))
    assert sorted(p.name for p in folder.iterdir()) == ["results_csv.csv", "results_junitxml.xml"]


def test_every_format_states_the_catalog_and_as_of_dates_and_warns_when_the_catalog_is_old(capsys, tmp_path):
    (tmp_path / "a.yaml").write_text("m: anthropic.claude-v2\n")
    for fmt in ("cli", "json", "sarif", "junitxml", "github", "csv"):
        main(["scan", str(tmp_path), "-o", fmt, "--as-of", "2027-06-01", "--jobs", "1"])
        out, err = capsys.readouterr()
        assert "2026-11-26" in out and "2027-06-01" in out, fmt
        assert "2026-10-08" in out, fmt  # the newest AWS page the catalog was built from
        assert "catalog sync" in out + err, fmt
    main(["scan", str(tmp_path), "--compact", "--as-of", "2027-06-01"])
    out, err = capsys.readouterr()
    assert "catalog 2026-11-26, as of 2027-06-01" in out and "catalog sync" in err
