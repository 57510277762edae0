"""GitHub-flavoured Markdown for $GITHUB_STEP_SUMMARY and pull-request comments.

A headline and a count table, then one table per check that failed (End-of-Life,
extended access, ...: grouped by lifecycle status, most severe first) with the
dates and the replacement, then suppressed findings, files that could not be
fully scanned and the baseline. The catalog date and the as-of date are stated
at the top. Tables are capped per group so a huge repository stays under
GitHub's comment size limit (65,536 characters); every cell is escaped, since
resource names come from the scanned files.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from bedrock_lifecycle.coverage import Coverage
from bedrock_lifecycle.model import Finding, Result, ScanResult, Status
from bedrock_lifecycle.policies import DOCS_URL
from bedrock_lifecycle.report import ReportOptions, catalog_age_warning
from bedrock_lifecycle.report.csv_ import by_reference, status_label

MAX_ROWS = 50  # per table
_PLAIN = re.compile(r"([\\`*_\[\]<>|#~!])")
_RESOLVED = (Status.ACTIVE, Status.LEGACY, Status.EOL)


def code(text: str) -> str:
    """A code span that survives a table cell: no backticks, pipes escaped, one line."""
    if not text:
        return "-"
    return "`" + text.replace("`", "'").replace("|", "\\|").replace("\n", " ").replace("\r", " ") + "`"


def plain(text: str) -> str:
    return _PLAIN.sub(r"\\\1", text.replace("\r", " ").replace("\n", " ")) if text else "-"


def _d(value: date | None) -> str:
    return value.isoformat() if value else "-"


def _where(f: Finding) -> str:
    span = f.resolution.reference.span
    return code(f"{span.path}:{span.start_line}")


def _model(f: Finding) -> str:
    res = f.resolution
    ref = res.reference
    shown = code(ref.text)
    if res.model_id and res.model_id.lower() != ref.text.lower():
        shown += f" → {code(res.model_id)}"
    if res.name:
        shown += f" ({plain(res.name)})"
    return shown


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(r) + " |" for r in rows[:MAX_ROWS]]
    if len(rows) > MAX_ROWS:
        out.append(f"\n_…and {len(rows) - MAX_ROWS} more; see the JSON or SARIF report._")
    return out


def _group(check_id: str, findings: list[Finding]) -> list[str]:
    first = findings[0]
    failing = any(f.failing for f in findings)
    icon, verdict = (":x:", "fails the run") if failing else (":warning:", "warning")
    out = [
        f"### {icon} {check_id} {plain(first.check_name)} · {len(findings)}",
        "",
        f"Severity {first.severity.value}, {verdict}. [What it means and how to migrate]({first.guideline})",
        "",
    ]
    if all(f.resolution.status in _RESOLVED for f in findings):
        header = [
            "Location",
            "Resource",
            "Model",
            "Status",
            "Legacy",
            "Extended access",
            "End-of-Life",
            "Replacement",
        ]
        rows = [
            [
                _where(f),
                code(f.resolution.reference.resource),
                _model(f),
                plain(status_label(f.resolution)),
                _d(f.resolution.legacy_date),
                _d(f.resolution.extended_access_date),
                _d(f.resolution.eol_date),
                code(f.resolution.replacement or "")
                if f.resolution.replacement
                else plain(f.resolution.replacement_note or "none recorded"),
            ]
            for f in findings
        ]
    else:
        header = ["Location", "Resource", "Reference", "Details"]
        rows = [
            [
                _where(f),
                code(f.resolution.reference.resource),
                code(f.resolution.reference.text),
                plain(f.message),
            ]
            for f in findings
        ]
    return out + _table(header, rows) + [""]


def render(result: ScanResult, opts: ReportOptions) -> str:
    counts = Counter(f.result for f in result.findings)
    failing = sum(1 for f in result.findings if f.failing)
    warnings = counts[Result.FAILED] - failing
    if failing:
        headline = f":x: {failing} finding{'s' if failing != 1 else ''} fail the run"
    elif warnings:
        headline = f":warning: nothing fails the run; {warnings} warning{'s' if warnings != 1 else ''}"
    else:
        headline = ":white_check_mark: no lifecycle problems found"
    version = result.extra.get("version") or ""
    out = [
        f"## bedrock-lifecycle: {headline}",
        "",
        f"Catalog **{result.catalog_date}** ({plain(result.catalog_source)}"
        f"{'; AWS pages up to ' + result.catalog_sources_date if result.catalog_sources_date else ''}) · as of "
        f"**{result.as_of.isoformat()}** · {_coverage(result)} · "
        f"bedrock-lifecycle {version}",
        "",
    ]
    warning = catalog_age_warning(result.catalog_date, result.as_of, opts.stale_after_days)
    if warning:
        out += ["> [!WARNING]", f"> {plain(warning)}", ""]
    out += _table(
        ["Result", "Count"],
        [
            [":x: Failing the run", str(failing)],
            [":warning: Warnings (do not fail the run)", str(warnings)],
            [":no_bell: Suppressed", str(counts[Result.SKIPPED])],
            [":white_check_mark: Passed checks", str(counts[Result.PASSED])],
            [":grey_question: Files not fully scanned", str(len({d.path for d in result.diagnostics}))],
        ]
        + (
            [[":file_folder: Known findings in the baseline (not shown)", str(result.baselined)]]
            if result.baseline is not None
            else []
        ),
    ) + [""]

    groups: dict[str, list[Finding]] = {}
    for f in result.findings:
        if f.result is Result.FAILED:
            groups.setdefault(f.check_id, []).append(f)
    order = sorted(groups, key=lambda c: (not any(f.failing for f in groups[c]), -groups[c][0].severity.rank, c))
    for check_id in order:
        out += _group(check_id, groups[check_id])

    skipped = [f for f in result.findings if f.result is Result.SKIPPED]
    if skipped:
        out += [f"### :no_bell: Suppressed · {len(skipped)}", ""]
        out += _table(
            ["Location", "Check", "Resource", "Model", "Reason", "Until"],
            [
                [
                    _where(f),
                    f.check_id,
                    code(f.resolution.reference.resource),
                    _model(f),
                    plain(f.suppress_comment or ""),
                    _d(f.suppression.until if f.suppression else None),
                ]
                for f in skipped
            ],
        ) + [""]
    if result.diagnostics:
        out += [f"### :grey_question: Files not fully scanned · {len(result.diagnostics)}", ""]
        out += _table(
            ["Location", "Code", "Problem"],
            [[code(f"{d.path}:{d.line}" if d.line else d.path), d.code, plain(d.message)] for d in result.diagnostics],
        ) + [""]
    if result.baseline is not None:
        out += [
            "### :file_folder: Baseline",
            "",
            f"{code(result.baseline)}: {result.baselined} known finding(s) are not shown above. "
            f"{len(result.stale)} entr{'y' if len(result.stale) == 1 else 'ies'} no longer occur"
            f"{'s' if len(result.stale) == 1 else ''} (stale; re-create the baseline to drop them)"
            + (":" if result.stale else "."),
            "",
        ]
        if result.stale:
            out += _table(
                ["File", "Check", "Resource", "Model", "Count"],
                [[code(e.path), e.check_id, code(e.resource), code(e.model), str(e.count)] for e in result.stale],
            )
            out.append("")
    cov = Coverage.of(result.files)
    if cov.skipped or cov.scanned:
        out += ["<details><summary>Coverage: what was scanned, and what was skipped</summary>", ""]
        out += _table(
            ["Files", "Count"],
            [[f"scanned: {plain(k)}", str(v)] for k, v in cov.by_framework.items()]
            + [[f"skipped: {plain(k)}", str(v)] for k, v in cov.by_reason.items()],
        )
        out += ["", "</details>", ""]
    active = Counter(
        g[0].resolution.model_id
        for g in by_reference(result.findings)
        if g[0].resolution.status is Status.ACTIVE and g[0].resolution.model_id
    )
    if active:
        out += ["<details><summary>Active models in use</summary>", ""]
        out += _table(["Model", "References"], [[code(m), str(n)] for m, n in sorted(active.items())])
        out += ["", "</details>", ""]
    out.append(f"<sub>bedrock-lifecycle {version} · [the checks]({DOCS_URL})</sub>")
    return "\n".join(out) + "\n"


def _coverage(result: ScanResult) -> str:
    cov = Coverage.of(result.files)
    return f"{cov.scanned} files scanned, {cov.skipped} skipped"
