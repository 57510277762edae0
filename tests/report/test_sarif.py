"""SARIF: valid against the official 2.1.0 schema and shaped the way GitHub code scanning ingests it."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from bedrock_lifecycle.cli import main
from bedrock_lifecycle.model import (
    Diagnostic,
    Finding,
    ParsedId,
    Reference,
    Resolution,
    Result,
    ScanResult,
    Severity,
    Span,
    Status,
    Step,
)
from bedrock_lifecycle.policies import POLICIES
from bedrock_lifecycle.report import ReportOptions, sarif

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json").read_text())
BASIC = ROOT / "fixtures" / "report" / "basic" / "repo"
AS_OF = "2026-11-25"
SARIF_FIXTURES = sorted(ROOT.joinpath("fixtures").rglob("expected.sarif"))


def scan_sarif(capsys, root: Path, *extra: str) -> dict:
    main(["scan", str(root), "-o", "sarif", "--as-of", AS_OF, "--jobs", "1", "--repo-root", str(root), *extra])
    return json.loads(capsys.readouterr().out)


def github_rules(doc: dict) -> None:
    """What GitHub code scanning checks on top of the schema."""
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(doc["runs"]) == 1
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert {"name", "version", "semanticVersion", "informationUri", "rules"} <= set(driver)
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    for r in driver["rules"]:
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"]
        assert r["help"]["text"] and r["help"]["markdown"] and r["helpUri"].startswith("https://")
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
        sev = r["properties"]["security-severity"]
        assert isinstance(sev, str) and 0.0 <= float(sev) <= 10.0
        assert r["properties"]["precision"] in ("very-high", "high", "medium", "low")
        assert r["properties"]["tags"]
    assert {"catalogDate", "asOf"} <= set(run["properties"])
    assert run["invocations"][0]["executionSuccessful"] is True
    assert len(run["results"]) <= 25_000
    for res in run["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in ("error", "warning", "note") and res["message"]["text"]
        loc = res["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        assert not uri.startswith("/") and "://" not in uri and "\\" not in uri and " " not in uri
        assert loc["artifactLocation"]["uriBaseId"] == "SRCROOT"
        region = loc["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert region["endLine"] >= region["startLine"] and region["endColumn"] >= 1
        assert set(res["partialFingerprints"]) == {sarif.FINGERPRINT_KEY}
        assert "primaryLocationLineHash" not in json.dumps(res)


@pytest.mark.parametrize("path", SARIF_FIXTURES, ids=[p.parent.name for p in SARIF_FIXTURES])
def test_every_sarif_fixture_is_schema_valid_and_github_shaped(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft4Validator(SCHEMA).iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    github_rules(doc)


def test_there_are_sarif_fixtures():
    assert {p.parent.name for p in SARIF_FIXTURES} >= {"basic", "baselined"}


def test_basic_fixture_content():
    run = json.loads((BASIC.parent / "expected.sarif").read_text(encoding="utf-8"))["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == sorted(p.id for p in POLICIES)
    assert run["automationDetails"] == {"id": "bedrock-lifecycle/"}
    assert run["properties"]["catalogDate"] == "2026-11-26" and run["properties"]["asOf"] == AS_OF
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert "deploy/my%20stack/v%C3%A4rden.yaml" in uris  # space and UTF-8 percent-escaped
    # SKIPPED results are left out by default (GitHub would show them as open alerts)
    assert all("suppressions" not in r for r in run["results"])
    assert not any(
        r["ruleId"] == "BRL_003" and r["locations"][0]["physicalLocation"]["region"]["startLine"] == 8
        for r in run["results"]
    )
    eol = next(r for r in run["results"] if r["ruleId"] == "BRL_001" and "CHAT_MODEL_ID" in r["message"]["text"])
    text = eol["message"]["text"]
    assert "anthropic.claude-3-haiku-20240307-v1:0" in text and "End-of-Life on 2026-09-10" in text
    assert "migrate to anthropic.claude-haiku-4-5-20251001-v1:0" in text
    assert eol["level"] == "error"
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["descriptor"]["id"] for n in notes] == ["BRL_E001"]
    assert notes[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["BRL_003"] == "warning" and levels["BRL_006"] == "note" and levels["BRL_008"] == "note"


def _shift(root: Path, lines: int) -> None:
    """Move every reference down: comments at the top of YAML/.env, blank lines at the top of JSON."""
    for path in root.rglob("*"):
        if path.is_file() and path.name != ".bedrock-lifecycle.yaml":
            head = "\n" * lines if path.suffix == ".json" else "# moved\n" * lines
            path.write_text(head + path.read_text(encoding="utf-8"), encoding="utf-8")


def _prints(doc: dict) -> dict[tuple[str, str, str], int]:
    out = {}
    for r in doc["runs"][0]["results"]:
        loc = r["locations"][0]["physicalLocation"]
        out[(r["ruleId"], loc["artifactLocation"]["uri"], r["partialFingerprints"][sarif.FINGERPRINT_KEY])] = loc[
            "region"
        ]["startLine"]
    return out


def test_fingerprints_survive_line_moves(capsys, tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(BASIC, repo)
    before = _prints(scan_sarif(capsys, repo))
    _shift(repo, 3)
    after = _prints(scan_sarif(capsys, repo))
    assert set(before) == set(after) and len(before) == 15
    assert all(after[k] == before[k] + 3 for k in before)  # the lines did move
    assert len({k[2] for k in before}) == len(before)  # one fingerprint per result


def test_fingerprint_changes_with_the_model_not_the_line(capsys, tmp_path):
    (tmp_path / "a.yaml").write_text("m: anthropic.claude-v2\n")
    first = _prints(scan_sarif(capsys, tmp_path))
    (tmp_path / "a.yaml").write_text("m: anthropic.claude-v2:1\n")
    second = _prints(scan_sarif(capsys, tmp_path))
    assert {k[2] for k in first}.isdisjoint({k[2] for k in second})


def test_include_suppressed_and_category(capsys):
    run = scan_sarif(capsys, BASIC, "--sarif-include-suppressed", "--sarif-category", "lifecycle/prod/")["runs"][0]
    assert run["automationDetails"] == {"id": "lifecycle/prod/"}
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert len(suppressed) == 3
    kinds = sorted(r["suppressions"][0]["kind"] for r in suppressed)
    assert kinds == ["external", "inSource", "inSource"]  # the config-file one is external
    just = {r["suppressions"][0]["justification"] for r in suppressed}
    assert "migration tracked in PLAT-2231" in just and "no reason given" in just
    jsonschema.Draft4Validator(SCHEMA).validate({"version": "2.1.0", "runs": [run]})


def test_uri_is_prefixed_with_the_scan_root_inside_the_repository(capsys, tmp_path):
    (tmp_path / ".git").mkdir()
    sub = tmp_path / "infra" / "my app"
    sub.mkdir(parents=True)
    (sub / "a.yaml").write_text("m: anthropic.claude-v2\n")
    main(["scan", str(sub), "-o", "sarif", "--as-of", AS_OF])
    run = json.loads(capsys.readouterr().out)["runs"][0]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "infra/my%20app/a.yaml"


def test_uri_escaping():
    assert sarif.uri("dir/a b#c%d ü.yaml") == {
        "uri": "dir/a%20b%23c%25d%20%C3%BC.yaml",
        "uriBaseId": "SRCROOT",
    }
    assert sarif.uri("/outside/x.yaml")["uri"] == "file:///outside/x.yaml"


def _finding(
    check_id: str,
    line: int,
    *,
    failing: bool = True,
    severity: Severity = Severity.CRITICAL,
    provenance: tuple[Step, ...] = (),
) -> Finding:
    ref = Reference(
        "anthropic.claude-v2",
        Span("vars/prod.tfvars", line, 9, line, 28),
        "aws_x.this",
        "terraform",
        provenance=provenance,
    )
    res = Resolution(
        ref,
        ParsedId("base", "anthropic.claude-v2"),
        Status.EOL,
        model_id="anthropic.claude-v2",
        eol_date=date(2025, 7, 21),
    )
    return Finding(
        check_id,
        "name",
        severity,
        "https://example.invalid/#x",
        Result.FAILED,
        "msg",
        res,
        failing=failing,
        enforced=failing,
    )


def _result(findings, diagnostics=(), as_of=date(2026, 11, 25)) -> ScanResult:
    return ScanResult.build(
        list(findings),
        list(diagnostics),
        as_of=as_of,
        catalog_date="2026-11-25",
        catalog_source="embedded",
        root="/r",
        files_scanned=1,
    )


def test_related_locations_follow_the_provenance_chain():
    steps = (Step("variables.tf", 4, "variable default"), Step("main.tf", 12, "var.model_id"))
    doc = sarif.document(_result([_finding("BRL_001", 3, provenance=steps)]), ReportOptions())
    related = doc["runs"][0]["results"][0]["relatedLocations"]
    assert [
        (
            r["id"],
            r["message"]["text"],
            r["physicalLocation"]["artifactLocation"]["uri"],
            r["physicalLocation"]["region"]["startLine"],
        )
        for r in related
    ] == [(1, "variable default", "variables.tf", 4), (2, "var.model_id", "main.tf", 12)]
    jsonschema.Draft4Validator(SCHEMA).validate(doc)


def test_results_are_capped_with_a_warning_keeping_the_failing_ones():
    findings = [_finding("BRL_006", i, failing=False, severity=Severity.LOW) for i in range(1, 8)]
    findings += [_finding("BRL_001", 100 + i) for i in range(3)]
    doc = sarif.document(_result(findings), ReportOptions(sarif_max_results=5))
    run = doc["runs"][0]
    assert len(run["results"]) == 5
    assert sum(r["ruleId"] == "BRL_001" for r in run["results"]) == 3
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in run["results"]]
    assert lines == sorted(lines)  # still in report order
    note = next(
        n for n in run["invocations"][0]["toolExecutionNotifications"] if n["descriptor"]["id"] == "BRL_SARIF_LIMIT"
    )
    assert note["level"] == "warning" and "5 of 10 results were left out" in note["message"]["text"]


def test_old_catalog_warning_and_diagnostics_are_notifications():
    diag = Diagnostic("bad.yaml", 2, "BRL_E001", "yaml parse error", 3)
    doc = sarif.document(_result([], [diag], as_of=date(2027, 6, 1)), ReportOptions())
    run = doc["runs"][0]
    notes = {n["descriptor"]["id"]: n for n in run["invocations"][0]["toolExecutionNotifications"]}
    assert "catalog sync" in notes["BRL_CATALOG_AGE"]["message"]["text"]
    assert "catalog sync" in run["properties"]["catalogWarning"]
    assert notes["BRL_E001"]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 2,
        "startColumn": 3,
    }
    assert run["results"] == []
    jsonschema.Draft4Validator(SCHEMA).validate(doc)


def test_output_is_deterministic(capsys):
    assert scan_sarif(capsys, BASIC) == scan_sarif(capsys, BASIC, "--jobs", "2")
