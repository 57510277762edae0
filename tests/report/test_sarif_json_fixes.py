"""Machine-readable fixes: SARIF `fixes` for drop-in swaps, `bedrock.fix` in JSON; both match the literals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from bedrock_lifecycle.cli import main

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json").read_text())
CASE = ROOT / "fixtures" / "migration" / "plan" / "repo"
AS_OF = "2026-11-25"


def run(capsys, root: Path, fmt: str, *extra: str) -> dict:
    main(["scan", str(root), "-o", fmt, "--as-of", AS_OF, "--jobs", "1", "--repo-root", str(root), *extra])
    return json.loads(capsys.readouterr().out)


def region_text(root: Path, uri: str, region: dict) -> str:
    """The text a SARIF region covers (columnKind unicodeCodePoints: columns count characters)."""
    lines = (root / uri).read_text(encoding="utf-8").splitlines(keepends=True)
    first, last = region["startLine"], region["endLine"]
    if first == last:
        return lines[first - 1][region["startColumn"] - 1 : region["endColumn"] - 1]
    middle = "".join(lines[first : last - 1])
    return lines[first - 1][region["startColumn"] - 1 :] + middle + lines[last - 1][: region["endColumn"] - 1]


def apply(root: Path, changes: list[tuple[str, dict, str]]) -> None:
    """Apply SARIF replacements the way an editor does: per file, from the last region to the first."""
    by_file: dict[str, list[tuple[dict, str]]] = {}
    for uri, region, text in changes:
        by_file.setdefault(uri, []).append((region, text))
    for uri, edits in by_file.items():
        path = root / uri
        raw = path.read_bytes().decode("utf-8")
        lines = raw.splitlines(keepends=True)
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line))
        spans = sorted(
            (
                (starts[r["startLine"] - 1] + r["startColumn"] - 1, starts[r["endLine"] - 1] + r["endColumn"] - 1, t)
                for r, t in edits
            ),
            reverse=True,
        )
        for a, b, text in spans:
            raw = raw[:a] + text + raw[b:]
        path.write_bytes(raw.encode("utf-8"))


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    import contextlib
    import io

    out = {}
    for fmt in ("sarif", "json"):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(io.StringIO()):
            main(["scan", str(CASE), "-o", fmt, "--as-of", AS_OF, "--jobs", "1", "--repo-root", str(CASE)])
        out[fmt] = json.loads(buf.getvalue())
    return out


def test_sarif_with_fixes_is_schema_valid(docs):
    doc = docs["sarif"]
    assert any("fixes" in r for r in doc["runs"][0]["results"])
    errors = sorted(jsonschema.Draft4Validator(SCHEMA).iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_fixes_only_for_drop_in_swaps_and_every_drop_in_edit_has_one(docs):
    results = docs["sarif"]["runs"][0]["results"]
    with_fix = [r for r in results if "fixes" in r]
    assert with_fix and all(r["properties"]["swapClass"] == "drop-in" for r in with_fix)
    records = docs["json"]["results"]["failed_checks"]
    drop_in_edits = {
        (r["file_path"].lstrip("/"), r["file_line_range"][0], r["resource"])
        for r in records
        if r["bedrock"].get("fix", {}).get("applied_by") == "fix"
    }
    fixed = {
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["properties"]["resource"],
        )
        for r in with_fix
    }
    assert fixed == drop_in_edits
    assert not any("fixes" in r for r in results if r["properties"].get("swapClass") != "drop-in")


def test_fix_regions_are_the_literal_spans_and_lie_inside_the_result(docs):
    records = {
        (r["file_path"].lstrip("/"), r["file_line_range"][0], r["bedrock"]["column"]): r
        for r in docs["json"]["results"]["failed_checks"]
    }
    seen = 0
    for res in docs["sarif"]["runs"][0]["results"]:
        for fix in res.get("fixes", ()):
            (change,) = fix["artifactChanges"]
            (rep,) = change["replacements"]
            uri, deleted = change["artifactLocation"]["uri"], rep["deletedRegion"]
            loc = res["locations"][0]["physicalLocation"]
            assert uri == loc["artifactLocation"]["uri"]
            outer = loc["region"]
            assert (outer["startLine"], outer["startColumn"]) <= (deleted["startLine"], deleted["startColumn"])
            assert (deleted["endLine"], deleted["endColumn"]) <= (outer["endLine"], outer["endColumn"])
            record = records[(uri, outer["startLine"], outer["startColumn"])]
            edit = record["bedrock"]["fix"]["edit"]
            assert region_text(CASE, uri, deleted) == edit["old_text"]
            assert rep["insertedContent"]["text"] == edit["new_text"]
            assert edit["old_text"].lower() in record["bedrock"]["reference"].lower()
            seen += 1
    assert seen >= 3


def test_applying_the_sarif_fixes_removes_exactly_the_drop_in_findings(docs, tmp_path, capsys):
    copy = tmp_path / "repo"
    shutil.copytree(CASE, copy)
    changes = {
        (c["artifactLocation"]["uri"], json.dumps(rep["deletedRegion"], sort_keys=True), rep["insertedContent"]["text"])
        for res in docs["sarif"]["runs"][0]["results"]
        for fix in res.get("fixes", ())
        for c in fix["artifactChanges"]
        for rep in c["replacements"]
    }  # one literal shared by several resources is one change
    apply(copy, [(u, json.loads(r), t) for u, r, t in changes])
    after = run(capsys, copy, "json")
    before = docs["json"]

    def key(r):
        return (r["check_id"], r["file_path"], r["resource"], r["bedrock"]["model_id"])

    fixed = {
        key(r) for r in before["results"]["failed_checks"] if r["bedrock"].get("fix", {}).get("applied_by") == "fix"
    }
    remaining = {key(r) for r in after["results"]["failed_checks"]}
    assert fixed and not fixed & remaining
    assert remaining == {key(r) for r in before["results"]["failed_checks"]} - fixed
    assert after["summary"]["skipped"] == before["summary"]["skipped"]


def test_json_records_carry_the_swap_and_the_replacement_text(docs):
    by_model = {}
    for r in docs["json"]["results"]["failed_checks"]:
        by_model.setdefault(r["bedrock"]["model_id"], set()).add(
            (r["bedrock"]["fix"]["swap_class"], r["bedrock"]["fix"]["target_model"])
        )
    assert by_model["twelvelabs.marengo-embed-2-7-v1:0"] == {("re-embed", "twelvelabs.marengo-embed-3-0-v1:0")}
    assert by_model["meta.llama3-2-11b-instruct-v1:0"] == {("no-target", None)}
    assert by_model["amazon.titan-text-express-v1"] == {("code-change", "amazon.nova-micro-v1:0")}
    tfvars = next(r for r in docs["json"]["results"]["failed_checks"] if r["file_path"].endswith("terraform.tfvars"))
    fix = tfvars["bedrock"]["fix"]
    assert fix["swap_class"] == "drop-in" and fix["applied_by"] == "fix"
    assert fix["edit"]["old_text"] == "us.anthropic.claude-3-haiku-20240307-v1:0"
    assert fix["edit"]["new_text"] == "us.anthropic.claude-haiku-4-5-20251001-v1:0"
    assert fix["edit"]["file_path"] == "/infra/agent/terraform.tfvars"
    # Re-embed and no-target swaps are never rewritten: no edit, nothing to apply.
    for r in docs["json"]["results"]["failed_checks"]:
        if r["bedrock"]["fix"]["swap_class"] in ("re-embed", "no-target"):
            assert r["bedrock"]["fix"]["edit"] is None and r["bedrock"]["fix"]["applied_by"] is None
    # Passed and skipped records carry no proposal.
    for bucket in ("passed_checks", "skipped_checks"):
        assert not any("fix" in r["bedrock"] for r in docs["json"]["results"][bucket])
