"""SARIF 2.1.0 in the shape GitHub code scanning ingests without warnings, built from plain dicts.

One run. Rules are every check, sorted by ID, so ``ruleIndex`` is stable from
run to run. Results are the FAILED findings (SKIPPED ones only when asked, with
``suppressions``: GitHub shows a result without them as an open alert).
Alerts must survive line moves, so ``partialFingerprints`` hashes what the
finding is (check, file, model, resource), never where it is; the line hash
GitHub computes itself (``primaryLocationLineHash``) is never written.
Diagnostics, the catalog-age warning, the baseline and the result cap go to
``invocations[0].toolExecutionNotifications``. Nothing depends on the clock or
the machine: no timestamps, no absolute paths, sorted keys.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from bedrock_lifecycle.coverage import Coverage
from bedrock_lifecycle.diagnostics import (
    BASELINE,
    BASELINE_STALE,
    CATALOG_AGE,
    SARIF_LIMIT,
    DiagnosticCode,
    level,
)
from bedrock_lifecycle.model import Diagnostic, Finding, Result, ScanResult, Severity, Span
from bedrock_lifecycle.policies import POLICIES, Policy
from bedrock_lifecycle.report import ReportOptions, catalog_age_warning

if TYPE_CHECKING:
    from bedrock_lifecycle.migrate.proposals import Proposal

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
TOOL_NAME = "bedrock-lifecycle"
INFORMATION_URI = "https://github.com/bedrock-lifecycle/bedrock-lifecycle"
FINGERPRINT_KEY = "bedrockLifecycle/v1"
URI_BASE_ID = "SRCROOT"

# GitHub: 9.0+ critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low. Always a string.
_SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "1.0",
}


def _level(severity: Severity) -> str:
    return "warning" if severity.rank >= Severity.MEDIUM.rank else "note"


def rule(policy: Policy) -> dict[str, Any]:
    steps = policy.how_to_fix
    text = "\n".join(
        [
            policy.summary,
            "",
            "How to fix:",
            *(f"{i}. {s}" for i, s in enumerate(steps, 1)),
            "",
            f"Documentation: {policy.guideline}",
        ]
    )
    markdown = "\n".join(
        [
            f"**{policy.name}** (severity {policy.severity.value})",
            "",
            policy.summary,
            "",
            "#### How to fix",
            "",
            *(f"{i}. {s}" for i, s in enumerate(steps, 1)),
            "",
            f"[Documentation for {policy.id}]({policy.guideline})",
        ]
    )
    default = "error" if policy.fails_by_default else _level(policy.severity)
    return {
        "id": policy.id,
        "name": type(policy).__name__,
        "shortDescription": {"text": policy.name},
        "fullDescription": {"text": policy.summary},
        "help": {"text": text, "markdown": markdown},
        "helpUri": policy.guideline,
        "defaultConfiguration": {"level": default},
        "properties": {
            "tags": [*policy.tags, policy.fail_class],
            "precision": policy.sarif_precision,
            "security-severity": _SECURITY_SEVERITY[policy.severity],
        },
    }


@lru_cache(maxsize=4096)
def _escaped(path: str) -> str:
    return quote(path, safe="/")


def uri(path: str, prefix: str = "") -> dict[str, str]:
    """A repo-relative, percent-escaped POSIX URI (spaces, '#', '%', non-ASCII as UTF-8 escapes)."""
    if path.startswith("/"):  # outside the scan root: only an absolute file URI can name it
        return {"uri": "file://" + _escaped(path)}
    return {"uri": _escaped(prefix + path), "uriBaseId": URI_BASE_ID}


def region(span: Span) -> dict[str, int]:
    start_line = max(1, span.start_line)
    start_col = max(1, span.start_col)
    end_line = max(start_line, span.end_line)
    end_col = span.end_col if end_line > start_line else max(start_col, span.end_col)
    return {"startLine": start_line, "startColumn": start_col, "endLine": end_line, "endColumn": end_col}


def identity(f: Finding, prefix: str = "") -> tuple[str, str, str, str]:
    """What a finding is, independent of where it sits: (check, path, model, resource)."""
    res = f.resolution
    ref = res.reference
    return (f.check_id, prefix + ref.span.path, res.model_id or ref.text.lower(), ref.resource)


def fingerprints(findings: Iterable[Finding], prefix: str = "") -> dict[int, str]:
    """id(finding) -> sha256 of its identity; identical identities are told apart by their order."""
    seen: dict[tuple[str, str, str, str], int] = {}
    out = {}
    for f in findings:
        key = identity(f, prefix)
        seen[key] = seen.get(key, 0) + 1
        parts = [*key] + ([str(seen[key])] if seen[key] > 1 else [])
        out[id(f)] = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return out


def _properties(f: Finding) -> dict[str, Any]:
    res = f.resolution
    ref = res.reference
    props = {
        "resource": ref.resource,
        "reference": ref.text,
        "modelId": res.model_id,
        "modelName": res.name,
        "status": res.status.value,
        "extendedAccess": res.extended_access,
        "legacyDate": res.legacy_date.isoformat() if res.legacy_date else None,
        "extendedAccessDate": res.extended_access_date.isoformat() if res.extended_access_date else None,
        "eolDate": res.eol_date.isoformat() if res.eol_date else None,
        "replacement": res.replacement,
        "severity": f.severity.value,
        "failsRun": f.failing,
    }
    return {k: v for k, v in props.items() if v is not None}


def result(f: Finding, index: int, fingerprint: str, opts: ReportOptions, baseline: bool) -> dict[str, Any]:
    ref = f.resolution.reference
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": uri(ref.span.path, opts.uri_prefix),
            "region": region(ref.span),
        }
    }
    if ref.resource:
        location["logicalLocations"] = [{"fullyQualifiedName": ref.resource, "kind": "resource"}]
    message = f.message
    if ref.resource:
        message += f" [{ref.resource}]"
    out: dict[str, Any] = {
        "ruleId": f.check_id,
        "ruleIndex": index,
        "level": "error" if f.enforced else _level(f.severity),
        "message": {"text": message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": _properties(f),
    }
    if ref.provenance:
        out["relatedLocations"] = [
            {
                "id": i,
                "message": {"text": step.via},
                "physicalLocation": {
                    "artifactLocation": uri(step.path, opts.uri_prefix),
                    "region": {"startLine": max(1, step.line)},
                },
            }
            for i, step in enumerate(ref.provenance, 1)
        ]
    if f.result is Result.SKIPPED:
        skip = f.suppression
        external = skip is not None and skip.source == "config"
        suppression: dict[str, Any] = {
            "kind": "external" if external else "inSource",
            "status": "accepted",
            "justification": f.suppress_comment or "",
        }
        if skip is not None and skip.until is not None:
            suppression["properties"] = {"until": skip.until.isoformat()}
        out["suppressions"] = [suppression]
    if baseline:
        out["baselineState"] = "new"
    proposal = opts.fixes.get(ref.span)
    if proposal is not None:
        out["properties"]["swapClass"] = proposal.swap_class
        if proposal.target_model:
            out["properties"]["targetModel"] = proposal.target_model
        fix = _fix(proposal, opts.uri_prefix)
        if fix is not None:
            out["fixes"] = [fix]
    return out


def _fix(p: Proposal, prefix: str) -> dict[str, Any] | None:
    """A SARIF fix for a drop-in swap: the literal's model part replaced, exactly as `fix --write` does.

    Code-change swaps are left out: replacing the ID alone would break the request that
    uses it, and a SARIF consumer (an editor's quick fix) applies what it is given.
    """
    if p.applied_by != "fix" or p.path is None:
        return None
    assert p.start_line is not None and p.start_col is not None and p.end_line is not None and p.end_col is not None
    reach = f" (reaches {', '.join(p.resources)})" if p.resources else ""
    return {
        "description": {
            "text": f"Replace {p.old_text} with {p.new_text}: a drop-in swap from {p.source_model} to "
            f"{p.target_model}{reach}"
        },
        "artifactChanges": [
            {
                "artifactLocation": uri(p.path, prefix),
                "replacements": [
                    {
                        "deletedRegion": {
                            "startLine": p.start_line,
                            "startColumn": p.start_col,
                            "endLine": p.end_line,
                            "endColumn": p.end_col,
                        },
                        "insertedContent": {"text": p.new_text},
                    }
                ],
            }
        ],
    }


def _diagnostic(d: Diagnostic, prefix: str) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": uri(d.path, prefix)}
    if d.line:
        physical["region"] = {"startLine": max(1, d.line)} | ({"startColumn": d.col} if d.col else {})
    return {
        "level": level(d.code),
        "descriptor": {"id": d.code},
        "message": {"text": f"{d.code}: {d.message}"},
        "locations": [{"physicalLocation": physical}],
    }


def _note(code: DiagnosticCode, text: str, path: str | None = None, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"level": code.severity, "descriptor": {"id": code.code}, "message": {"text": text}}
    if path:
        out["locations"] = [{"physicalLocation": {"artifactLocation": uri(path, prefix)}}]
    return out


def _capped(chosen: list[Finding], limit: int) -> tuple[list[Finding], int]:
    """Keep the most important results under GitHub's per-run limit; report how many were left out."""
    if len(chosen) <= limit:
        return chosen, 0
    order = {id(f): i for i, f in enumerate(chosen)}
    ranked = sorted(chosen, key=lambda f: (not f.failing, f.result is Result.SKIPPED, -f.severity.rank, order[id(f)]))
    kept = sorted(ranked[: max(0, limit)], key=lambda f: order[id(f)])
    return kept, len(chosen) - len(kept)


def document(result_: ScanResult, opts: ReportOptions) -> dict[str, Any]:
    rules = sorted(POLICIES, key=lambda p: p.id)
    index = {p.id: i for i, p in enumerate(rules)}
    wanted = {Result.FAILED} | ({Result.SKIPPED} if opts.sarif_include_suppressed else set())
    chosen = [f for f in result_.findings if f.result in wanted and f.check_id in index]
    prints = fingerprints((f for f in result_.findings if f.result is not Result.PASSED), opts.uri_prefix)
    kept, dropped = _capped(chosen, opts.sarif_max_results)
    baseline = result_.baseline is not None

    notes = [_diagnostic(d, opts.uri_prefix) for d in result_.diagnostics]
    warning = catalog_age_warning(result_.catalog_date, result_.as_of, opts.stale_after_days)
    if warning:
        notes.append(_note(CATALOG_AGE, warning))
    if dropped:
        notes.append(
            _note(
                SARIF_LIMIT,
                f"{dropped} of {len(chosen)} results were left out to stay under GitHub code scanning's "
                f"limit of {opts.sarif_max_results} results per run (the least severe, non-failing ones "
                "first); see the JSON report for all of them",
            )
        )
    if baseline:
        notes.append(
            _note(
                BASELINE,
                f"baseline {result_.baseline}: {result_.baselined} known finding(s) not reported; "
                f"{len(result_.stale)} stale entr{'y' if len(result_.stale) == 1 else 'ies'}",
            )
        )
    for e in result_.stale:
        times = f" (x{e.count})" if e.count > 1 else ""
        notes.append(
            _note(
                BASELINE_STALE,
                f"stale baseline entry{times}: {e.check_id} on {e.resource or e.path} ({e.model}) no "
                "longer occurs; re-create the baseline (--create-baseline) to drop it",
                e.path,
                opts.uri_prefix,
            )
        )

    version = str(result_.extra.get("version") or _version())
    properties: dict[str, Any] = {
        "catalogDate": result_.catalog_date,
        "catalogSource": result_.catalog_source,
        "catalogSourcesDate": result_.catalog_sources_date,
        "asOf": result_.as_of.isoformat(),
        "filesScanned": result_.files_scanned,
        "coverage": Coverage.of(result_.files).as_dict(),
    }
    if warning:
        properties["catalogWarning"] = warning
    if baseline:
        properties["baseline"] = {
            "file": result_.baseline,
            "baselined": result_.baselined,
            "stale": len(result_.stale),
        }
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": version,
                "semanticVersion": version,
                "informationUri": INFORMATION_URI,
                "rules": [rule(p) for p in rules],
            }
        },
        "results": [result(f, index[f.check_id], prints[id(f)], opts, baseline) for f in kept],
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notes}],
        "columnKind": "unicodeCodePoints",
        "properties": properties,
    }
    if opts.sarif_category:
        category = opts.sarif_category
        run["automationDetails"] = {"id": category if category.endswith("/") else category + "/"}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _version() -> str:
    from bedrock_lifecycle import __version__

    return __version__


def render(result_: ScanResult, opts: ReportOptions) -> str:
    return json.dumps(document(result_, opts), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
