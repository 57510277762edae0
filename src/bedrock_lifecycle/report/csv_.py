"""CSV for spreadsheets: one row per reference, not per check.

A reference is evaluated by several checks; its row carries its most severe
result (FAILED before BASELINED before SKIPPED before PASSED, then by
severity), the IDs of the checks it fails, of those a --baseline accepts and of
those suppressed, the lifecycle dates and the replacement. (Baselined findings
are not failures of this run, but a sheet that showed an EOL model as PASSED
would mislead, so they keep their row.) The catalog date and the as-of date are columns of every row, so
a sheet pasted elsewhere still says what it was measured against. Cells that a
spreadsheet would run as a formula (leading = + - @) are prefixed with an
apostrophe (OWASP's CSV-injection advice); IDs and dates never start that way.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date

from bedrock_lifecycle.model import Finding, Resolution, Result, ScanResult
from bedrock_lifecycle.report import ReportOptions

COLUMNS = (
    "file",
    "line",
    "column",
    "resource",
    "reference",
    "model_id",
    "model_name",
    "status",
    "result",
    "severity",
    "failing_checks",
    "fails_run",
    "baselined_checks",
    "suppressed_checks",
    "legacy_date",
    "extended_access_date",
    "eol_date",
    "replacement",
    "message",
    "catalog_date",
    "catalog_sources_date",
    "as_of",
)
_RESULT_RANK = {Result.FAILED: 2, Result.SKIPPED: 1, Result.PASSED: 0}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def status_label(res: Resolution) -> str:
    """EOL, LEGACY, LEGACY (extended access), ACTIVE, UNKNOWN or OPAQUE."""
    return res.status.value + (" (extended access)" if res.extended_access else "")


def worst(findings: Iterable[Finding], accepted: frozenset[int] = frozenset()) -> Finding:
    """The finding that speaks for a reference: failing, FAILED, baselined, SKIPPED, PASSED; then severity."""
    return max(
        findings,
        key=lambda f: (
            f.failing,
            id(f) not in accepted and f.result is Result.FAILED,
            _RESULT_RANK[f.result],
            f.severity.rank,
            f.check_id,
        ),
    )


def by_reference(findings: Iterable[Finding]) -> list[list[Finding]]:
    """Findings grouped per reference (its place, use site and text), in report order."""
    groups: dict[tuple[str, int, int, str, str], list[Finding]] = {}
    for f in findings:
        ref = f.resolution.reference
        key = (ref.span.path, ref.span.start_line, ref.span.start_col, ref.resource, ref.text)
        groups.setdefault(key, []).append(f)
    return [groups[k] for k in sorted(groups)]


def _safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def row(findings: list[Finding], result: ScanResult, accepted: frozenset[int] = frozenset()) -> list[str]:
    top = worst(findings, accepted)
    res = top.resolution
    ref = res.reference
    failing = sorted(f.check_id for f in findings if f.result is Result.FAILED and id(f) not in accepted)
    baselined = sorted(f.check_id for f in findings if id(f) in accepted)
    suppressed = sorted(f.check_id for f in findings if f.result is Result.SKIPPED)
    shown = "BASELINED" if id(top) in accepted else top.result.value
    values = [
        ref.span.path,
        ref.span.start_line,
        ref.span.start_col,
        ref.resource,
        ref.text,
        res.model_id or "",
        res.name or "",
        status_label(res),
        shown,
        top.severity.value if top.result is not Result.PASSED else "",
        ";".join(failing),
        "yes" if any(f.failing for f in findings) else "no",
        ";".join(baselined),
        ";".join(suppressed),
        _iso(res.legacy_date),
        _iso(res.extended_access_date),
        _iso(res.eol_date),
        res.replacement or "",
        top.message,
        result.catalog_date,
        result.catalog_sources_date or "",
        result.as_of.isoformat(),
    ]
    return [_safe(v) for v in values]


def render(result: ScanResult, opts: ReportOptions) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    accepted = frozenset(id(f) for f in result.accepted)
    for group in by_reference((*result.findings, *result.accepted)):
        writer.writerow(row(group, result, accepted))
    return out.getvalue()
