"""Checkov's console look: a summary, then each check result with its file and guide.

--compact prints one line per finding (path:line:col: ID message [resource]),
the form pre-commit users read; --quiet leaves out PASSED results.
"""

from __future__ import annotations

import re

from bedrock_lifecycle.coverage import Coverage
from bedrock_lifecycle.model import DOC_KINDS, Finding, Result, ScanResult
from bedrock_lifecycle.report import ReportOptions, catalog_age_warning, catalog_label
from bedrock_lifecycle.report.json_ import file_path

_COLORS = {Result.PASSED: "\033[32m", Result.FAILED: "\033[31m", Result.SKIPPED: "\033[33m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


# Control characters (a newline or an ESC in a file name, a YAML key, a parser message) and
# bidirectional overrides would forge report lines or terminal output (Trojan Source): shown escaped.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: object) -> str:
    """One line of plain text: control and bidi characters escaped (\\n, \\x1b, \\u202e)."""
    s = str(text)
    if not _UNSAFE.search(s):
        return s
    return _UNSAFE.sub(
        lambda m: _NAMED.get(
            m.group(), f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        s,
    )


def _paint(text: str, code: str, opts: ReportOptions) -> str:
    return f"{code}{text}{_RESET}" if opts.color else text


def _counts(result: ScanResult) -> dict[Result, int]:
    counts = {r: 0 for r in Result}
    for f in result.findings:
        counts[f.result] += 1
    return counts


def header(result: ScanResult) -> list[str]:
    label = catalog_label(result.catalog_date, result.catalog_source, result.catalog_sources_date)
    lines = [
        f"bedrock-lifecycle {result.extra.get('version', '')} | catalog {label} | as of {result.as_of.isoformat()}",
    ]
    warning = catalog_age_warning(result.catalog_date, result.as_of)
    if warning:
        lines.append(f"warning: {warning}")
    return lines


def baseline_lines(result: ScanResult, opts: ReportOptions) -> list[str]:
    """With --baseline: how many known findings are hidden, and the entries that no longer occur."""
    if result.baseline is None:
        return []
    stale = [
        f"{visible(e.path)}: stale baseline entry {e.check_id} [{visible(e.resource)}] ({visible(e.model)})"
        + (f" x{e.count}" if e.count > 1 else "")
        for e in result.stale
    ]
    if opts.compact:
        return stale
    n = len(result.stale)
    why = " (no longer found; re-create the baseline to drop them):" if n else ""
    return [
        f"Baseline {result.baseline}: {result.baselined} known finding(s) not shown; {n} stale "
        f"entr{'y' if n == 1 else 'ies'}{why}",
        *(f"  {line}" for line in stale),
    ]


def _record(f: Finding, opts: ReportOptions) -> list[str]:
    ref = f.resolution.reference
    status = _paint(f.result.value, _COLORS[f.result], opts)
    lines = [
        f'Check: {f.check_id}: "{f.check_name}"',
        f"\t{status} for resource: {visible(ref.resource)}",
        f"\tFile: {visible(file_path(ref.span.path))}:{ref.span.start_line}-{ref.span.end_line}",
        f"\tGuide: {f.guideline}",
    ]
    if f.result is Result.SKIPPED:
        lines.append(f"\tSuppress comment: {visible(f.suppress_comment)}")
    if f.result is not Result.PASSED:
        lines.append("")
        lines.append(f"\t\t{ref.span.start_line} | {visible(ref.text)}")
        lines.append(f"\t\t{visible(f.message)}")
        for step in ref.provenance:
            lines.append(f"\t\tvia {visible(step.via)} at {visible(file_path(step.path))}:{step.line}")
        if f.result is Result.FAILED and not f.failing:
            why = "--fail-on-docs" if ref.kind in DOC_KINDS else "--fail-on"
            lines.append(_paint(f"\t\t(warning: does not fail the run; see {why})", _DIM, opts))
    lines.append("")
    return lines


def _compact(f: Finding) -> str:
    ref = f.resolution.reference
    via = "".join(f" <- {visible(s.via)} {visible(file_path(s.path))}:{s.line}" for s in ref.provenance)
    level = f.result.value if f.failing or f.result is not Result.FAILED else "WARNING"
    return (
        f"{visible(ref.span.path)}:{ref.span.start_line}:{ref.span.start_col}: {f.check_id} {level} "
        f"{visible(f.message)} [{visible(ref.resource)}]{via}"
    )


def render(result: ScanResult, opts: ReportOptions) -> str:
    counts = _counts(result)
    shown = [f for f in result.findings if not (opts.quiet and f.result is Result.PASSED)]
    out: list[str] = []
    if opts.compact:
        out += [_compact(f) for f in shown if f.result is not Result.PASSED]
    else:
        out += header(result)
        out += ["", "bedrock_lifecycle scan results:", ""]
        out.append(
            f"Passed checks: {counts[Result.PASSED]}, Failed checks: {counts[Result.FAILED]}, "
            f"Skipped checks: {counts[Result.SKIPPED]}"
        )
        out.append(Coverage.of(result.files).sentence())
        out.append("")
        for bucket in (Result.PASSED, Result.FAILED, Result.SKIPPED):
            for f in shown:
                if f.result is bucket:
                    out += _record(f, opts)
    if result.diagnostics:
        if not opts.compact:
            out.append(f"Diagnostics: {len(result.diagnostics)} problem(s) in files that could not be fully scanned:")
        for d in result.diagnostics:
            where = f"{visible(d.path)}:{d.line}" if d.line else visible(d.path)
            out.append(f"{'' if opts.compact else '  '}{where}: {d.code} {visible(d.message)}")
    out += baseline_lines(result, opts)
    failing = sum(1 for f in result.findings if f.failing)
    if opts.compact:
        baselined = f", {result.baselined} baselined" if result.baseline is not None else ""
        if shown or result.diagnostics or result.stale:
            out.append(
                f"{counts[Result.FAILED]} failed ({failing} failing the run), {counts[Result.PASSED]} passed, "
                f"{counts[Result.SKIPPED]} skipped{baselined}; catalog {result.catalog_date}, "
                f"as of {result.as_of}"
            )
            out.append(Coverage.of(result.files).sentence())
    return "\n".join(out) + ("\n" if out else "")
