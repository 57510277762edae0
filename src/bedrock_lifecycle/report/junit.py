"""JUnit XML in the shape CI systems render (Jenkins, GitLab, Azure DevOps, GitHub test-report actions).

One <testsuite> per check; one <testcase> per reference the check evaluated
(classname = the file, name = the resource and the model). A FAILED check is a
<failure> carrying the message, the location and the dates (type = severity;
the message says when it only warns), a SKIPPED one is <skipped> with its
reason, and files that could not be fully scanned are <error>s of a
"diagnostics" suite. Every suite carries the catalog date and the as-of date as
properties. No timestamps or host names, so the output is reproducible.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import date

from bedrock_lifecycle.coverage import Coverage
from bedrock_lifecycle.diagnostics import FILE_CODE_PREFIX
from bedrock_lifecycle.model import Finding, Result, ScanResult
from bedrock_lifecycle.policies import POLICY_BY_ID
from bedrock_lifecycle.report import ReportOptions, catalog_age_warning

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _x(text: object) -> str:
    """XML 1.0 cannot carry most control characters, whatever the escaping."""
    return _NOT_XML.sub("\ufffd", str(text))


def _counts(elem: ET.Element, tests: int, failures: int, errors: int, skipped: int) -> None:
    elem.set("tests", str(tests))
    elem.set("failures", str(failures))
    elem.set("errors", str(errors))
    elem.set("skipped", str(skipped))


def _properties(parent: ET.Element, items: Iterable[tuple[str, str]]) -> None:
    props = ET.SubElement(parent, "properties")
    for name, value in items:
        ET.SubElement(props, "property", name=name, value=_x(value))


def _details(f: Finding) -> str:
    res = f.resolution
    ref = res.reference
    lines = [
        f"{ref.span.path}:{ref.span.start_line}:{ref.span.start_col}",
        f"resource: {ref.resource}",
        f"reference: {ref.text}",
        f"model: {res.model_id or '-'}{f' ({res.name})' if res.name else ''}",
        f"status: {res.status.value}{' (public extended access)' if res.extended_access else ''}",
        f"legacy: {_d(res.legacy_date)}  extended access: {_d(res.extended_access_date)}  "
        f"end-of-life: {_d(res.eol_date)}",
        f"replacement: {res.replacement or res.replacement_note or '-'}",
    ]
    lines += [f"via {s.via} at {s.path}:{s.line}" for s in ref.provenance]
    lines.append(f"guide: {f.guideline}")
    return "\n".join(_x(line) for line in lines)


def _d(value: date | None) -> str:
    return value.isoformat() if value is not None else "-"


def _testcase(suite: ET.Element, f: Finding) -> None:
    ref = f.resolution.reference
    model = f.resolution.model_id or ref.text
    case = ET.SubElement(
        suite,
        "testcase",
        name=_x(f"{ref.resource or ref.span.path} [{model}]"),
        classname=_x(ref.span.path),
        file=_x(ref.span.path),
        line=str(ref.span.start_line),
    )
    if f.result is Result.FAILED:
        prefix = "" if f.failing else "warning (does not fail the run): "
        failure = ET.SubElement(case, "failure", message=_x(prefix + f.message), type=f.severity.value)
        failure.text = _details(f)
    elif f.result is Result.SKIPPED:
        ET.SubElement(case, "skipped", message=_x(f"suppressed: {f.suppress_comment}"))


def document(result: ScanResult, opts: ReportOptions) -> ET.Element:
    common = [
        ("catalog_date", result.catalog_date),
        ("catalog_source", result.catalog_source),
        ("catalog_sources_date", result.catalog_sources_date or ""),
        ("as_of", result.as_of.isoformat()),
    ]
    warning = catalog_age_warning(result.catalog_date, result.as_of, opts.stale_after_days)
    if warning:
        common.append(("catalog_warning", warning))
    cov = Coverage.of(result.files)
    common += [("files_scanned", str(cov.scanned)), ("files_skipped", str(cov.skipped))]
    common += [(f"scanned_{k}", str(v)) for k, v in cov.by_framework.items()]
    common += [(f"skipped_{k.replace(' ', '_')}", str(v)) for k, v in cov.by_reason.items()]
    if result.baseline is not None:
        common += [
            ("baseline", result.baseline),
            ("baselined", str(result.baselined)),
            ("baseline_stale", str(len(result.stale))),
        ]
    root = ET.Element("testsuites", name="bedrock-lifecycle")
    totals = [0, 0, 0, 0]
    by_check: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_check.setdefault(f.check_id, []).append(f)
    for check_id in sorted(by_check):
        findings = by_check[check_id]
        first = findings[0]
        suite = ET.SubElement(root, "testsuite", name=_x(f"{check_id}: {first.check_name}"), id=check_id)
        failures = sum(1 for f in findings if f.result is Result.FAILED)
        skipped = sum(1 for f in findings if f.result is Result.SKIPPED)
        _counts(suite, len(findings), failures, 0, skipped)
        policy = POLICY_BY_ID.get(check_id)
        _properties(
            suite,
            [
                *common,
                ("severity", first.severity.value),
                ("guideline", first.guideline),
                ("fail_class", policy.fail_class if policy else ""),
            ],
        )
        for f in findings:
            _testcase(suite, f)
        for i, n in enumerate((len(findings), failures, 0, skipped)):
            totals[i] += n
    if result.diagnostics or result.stale or not by_check:
        suite = ET.SubElement(root, "testsuite", name="bedrock-lifecycle: files and baseline", id=FILE_CODE_PREFIX)
        errors = len(result.diagnostics)
        _counts(suite, errors, 0, errors, 0)
        _properties(suite, common)
        for d in result.diagnostics:
            where = f"{d.path}:{d.line}" if d.line else d.path
            case = ET.SubElement(
                suite,
                "testcase",
                name=_x(f"{where} {d.code}"),
                classname=_x(d.path),
                file=_x(d.path),
                line=str(d.line or 1),
            )
            error = ET.SubElement(case, "error", message=_x(d.message), type=d.code)
            error.text = _x(f"{where}: {d.code} {d.message}")
        out = [f"catalog {result.catalog_date}, as of {result.as_of.isoformat()}"]
        out += [
            f"stale baseline entry: {e.check_id} {e.path} [{e.resource}] ({e.model})"
            + (f" x{e.count}" if e.count > 1 else "")
            for e in result.stale
        ]
        ET.SubElement(suite, "system-out").text = _x("\n".join(out))
        totals[0] += errors
        totals[2] += errors
    _counts(root, *totals)
    return root


def render(result: ScanResult, opts: ReportOptions) -> str:
    root = document(result, opts)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
