"""Checkov-shaped JSON: passed/failed/skipped records plus our diagnostics."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from bedrock_lifecycle.coverage import Coverage
from bedrock_lifecycle.diagnostics import PARSE_ERROR
from bedrock_lifecycle.model import Finding, Result, ScanResult, Span
from bedrock_lifecycle.report import ReportOptions, catalog_age_warning

if TYPE_CHECKING:
    from bedrock_lifecycle.migrate.proposals import Proposal

CHECK_TYPE = "bedrock_lifecycle"


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def file_path(path: str) -> str:
    """Checkov writes scan-root-relative paths with a leading '/'."""
    return path if path.startswith("/") else "/" + path


def record(f: Finding, fixes: Mapping[Span, Proposal] | None = None) -> dict[str, Any]:
    res = f.resolution
    ref = res.reference
    check_result: dict[str, Any] = {"result": f.result.value}
    proposal = fixes.get(ref.span) if fixes else None
    if f.suppress_comment is not None:
        check_result["suppress_comment"] = f.suppress_comment
    return {
        "check_id": f.check_id,
        "check_name": f.check_name,
        "check_result": check_result,
        "file_path": file_path(ref.span.path),
        "repo_file_path": file_path(ref.span.path),
        "file_line_range": [ref.span.start_line, ref.span.end_line],
        "resource": ref.resource,
        "severity": f.severity.value,
        "guideline": f.guideline,
        "message": f.message,
        "bedrock": {
            "reference": ref.text,
            "form": res.parsed.form,
            "model_id": res.model_id,
            "model_name": res.name,
            "status": res.status.value,
            "extended_access": res.extended_access,
            "legacy_date": _iso(res.legacy_date),
            "extended_access_date": _iso(res.extended_access_date),
            "eol_date": _iso(res.eol_date),
            "replacement": res.replacement,
            "region": ref.region or res.parsed.region,
            "attribute": ref.attribute,
            "possible_value": ref.possible,
            "column": ref.span.start_col,
            "fails_run": f.failing,
            "source_url": res.source_url,
            "provenance": [{"file_path": file_path(s.path), "line": s.line, "via": s.via} for s in ref.provenance],
        }
        | ({"fix": _fix(proposal)} if proposal is not None and f.result is Result.FAILED else {}),
    }


def _fix(proposal: Proposal) -> dict[str, Any]:
    doc = proposal.document()
    if doc["edit"] is not None:
        doc["edit"]["file_path"] = file_path(doc["edit"]["file_path"])
    return doc


def document(result: ScanResult, *, records: bool = True) -> dict[str, Any]:
    """The report as one dict; with records=False the three check lists are left empty (see render)."""
    buckets: dict[Result, list[dict[str, Any]]] = {r: [] for r in Result}
    for f in result.findings:
        if records:
            buckets[f.result].append(record(f))
        else:
            buckets[f.result].append({})
    warning = catalog_age_warning(result.catalog_date, result.as_of)
    return {
        "check_type": CHECK_TYPE,
        "results": {
            "passed_checks": buckets[Result.PASSED],
            "failed_checks": buckets[Result.FAILED],
            "skipped_checks": buckets[Result.SKIPPED],
            "parsing_errors": sorted({file_path(d.path) for d in result.diagnostics if d.code == PARSE_ERROR.code}),
        },
        "summary": {
            "passed": len(buckets[Result.PASSED]),
            "failed": len(buckets[Result.FAILED]),
            "skipped": len(buckets[Result.SKIPPED]),
            "failing": sum(1 for f in result.findings if f.failing),
            "parsing_errors": sum(1 for d in result.diagnostics if d.code == PARSE_ERROR.code),
            "resource_count": len({(f.span.path, f.resolution.reference.resource) for f in result.findings}),
            "files_scanned": result.files_scanned,
            "coverage": Coverage.of(result.files).as_dict(),
            "bedrock_lifecycle_version": result.extra.get("version"),
            "catalog_date": result.catalog_date,
            "catalog_source": result.catalog_source,
            "catalog_sources_date": result.catalog_sources_date,
            "as_of": result.as_of.isoformat(),
            "catalog_warning": warning,
        },
        "diagnostics": [
            {"code": d.code, "file_path": file_path(d.path), "line": d.line, "column": d.col, "message": d.message}
            for d in result.diagnostics
        ],
    } | _baseline(result)


def _baseline(result: ScanResult) -> dict[str, Any]:
    """Present only with --baseline: the FAILED findings it accepts move from failed_checks to accepted."""
    if result.baseline is None:
        return {}
    return {
        "baseline": {
            "file": result.baseline,
            "baselined": result.baselined,
            "accepted": [record(f) for f in result.accepted],
            "stale": [
                {
                    "file_path": file_path(e.path),
                    "resource": e.resource,
                    "check_id": e.check_id,
                    "model": e.model,
                    "count": e.count,
                }
                for e in result.stale
            ],
        }
    }


_BUCKET_KEYS = {Result.PASSED: "passed_checks", Result.FAILED: "failed_checks", Result.SKIPPED: "skipped_checks"}
_RECORD_INDENT = " " * 6  # records sit at depth 3: {"results": {"passed_checks": [ ... ]}}


def render(result: ScanResult, opts: ReportOptions) -> str:
    """json.dumps(document(result), indent=2, sort_keys=True), built with bounded overhead.

    With an indent, json.dumps runs the pure-Python encoder and joins a list of
    every token: a 2 MiB file naming 50,000 models (250,000 records) peaked at
    2.2 GB. Here each record is encoded on its own and dropped, and the records
    are spliced into the encoded skeleton by position; the text is identical.
    """
    doc = document(result, records=False)
    salt = 0
    while True:  # placeholders that occur nowhere else in the skeleton (a file name could spell one)
        marks = {r: json.dumps(f"\x00{key}\x00{salt}") for r, key in _BUCKET_KEYS.items()}
        for r, key in _BUCKET_KEYS.items():
            doc["results"][key] = json.loads(marks[r])
        skeleton = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False)
        if all(skeleton.count(m) == 1 for m in marks.values()):
            break
        salt += 1
    by_position = sorted(_BUCKET_KEYS, key=lambda r: skeleton.index(marks[r]))
    parts: list[str] = []
    at = 0
    for r in by_position:
        pos = skeleton.index(marks[r])
        parts.append(skeleton[at:pos])
        at = pos + len(marks[r])
        chosen = [f for f in result.findings if f.result is r]
        if not chosen:
            parts.append("[]")
            continue
        parts.append("[\n")
        for i, f in enumerate(chosen):
            encoded = [_RECORD_INDENT]  # joined per record: a list of every token of every record grows large
            _indented(record(f, opts.fixes), _RECORD_INDENT, encoded)
            parts.append("".join(encoded))
            parts.append(",\n" if i < len(chosen) - 1 else "\n    ]")
    parts.append(skeleton[at:])
    parts.append("\n")
    return "".join(parts)


_STR = json.encoder.encode_basestring  # the C string encoder (ensure_ascii=False), one call per string


def _scalar(value: object) -> str | None:
    """A scalar as json.dumps writes it; None for a container."""
    if isinstance(value, str):
        return _STR(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return json.dumps(value)
    return None


def _indented(value: object, indent: str, out: list[str]) -> None:
    """Append exactly ``json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)`` with every line
    after the first prefixed by ``indent``.

    With an indent, json.dumps runs its pure-Python, generator-based encoder, which was the largest single
    cost of a JSON report (a third of a 1,000-file Terraform scan). Records are small trees of dicts,
    lists, strings, numbers, booleans and None; this writes them directly (tests/report: byte-identical).
    """
    scalar = _scalar(value)
    if scalar is not None:
        out.append(scalar)
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = indent + "  "
        sep = "{\n" + inner
        for key in sorted(value):
            item = value[key]
            out.append(sep)
            sep = ",\n" + inner
            out.append(_STR(key if isinstance(key, str) else str(key)))
            scalar = _scalar(item)
            if scalar is not None:
                out.append(": " + scalar)
            else:
                out.append(": ")
                _indented(item, inner, out)
        out.append("\n" + indent + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = indent + "  "
        sep = "[\n" + inner
        for item in value:
            out.append(sep)
            sep = ",\n" + inner
            scalar = _scalar(item)
            if scalar is not None:
                out.append(scalar)
            else:
                _indented(item, inner, out)
        out.append("\n" + indent + "]")
    else:  # anything else: as json.dumps would write it (or fail)
        encoded = json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)
        out.append(encoded.replace("\n", "\n" + indent))
