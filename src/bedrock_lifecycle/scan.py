"""The pipeline: discover -> read/prefilter -> parse -> extract -> resolve -> evaluate.

Per-file work (read, prefilter, decode, parse, extract) is a pure function of
the file and the configuration, so it runs serially or in a process pool with
identical results; resolution and evaluation run in the parent, and the result
is sorted at the end. Nothing a file contains can stop the scan: every failure
becomes a Diagnostic for that file and the text fallback still looks for
references in whatever could be decoded.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from bedrock_lifecycle import __version__, coverage, diagnostics
from bedrock_lifecycle.catalog import Catalog
from bedrock_lifecycle.config import OPTIONAL_FRAMEWORKS, Config
from bedrock_lifecycle.discover import E_UNREADABLE, Target, discover
from bedrock_lifecycle.document import Document
from bedrock_lifecycle.errors import ParseFailure
from bedrock_lifecycle.extract import ExtractContext, extract, extractor_for
from bedrock_lifecycle.model import (
    DOC_KINDS,
    Diagnostic,
    FileRecord,
    Finding,
    Reference,
    Resolution,
    Result,
    Scalar,
    ScanResult,
    Severity,
    Suppression,
)
from bedrock_lifecycle.parsers import ALL_FRAMEWORKS, Parser, fallback_for, parser_for
from bedrock_lifecycle.parsers.generated import is_generated
from bedrock_lifecycle.policies import POLICIES, EvalContext, Policy
from bedrock_lifecycle.policies.messages import describe
from bedrock_lifecycle.resolve.ids import Recognizer, resolve
from bedrock_lifecycle.resolve.replacement import with_replacement
from bedrock_lifecycle.suppress import in_force

LOG = logging.getLogger(__name__)

E_PARSE = diagnostics.PARSE_ERROR.code
E_ENCODING = diagnostics.ENCODING.code
E_TOO_LARGE = diagnostics.TOO_LARGE.code
E_BINARY = diagnostics.BINARY.code
E_INTERNAL = diagnostics.INTERNAL.code

_LONE_CR = re.compile(r"\r(?!\n)")


@dataclass(frozen=True)
class FileOutcome:
    references: tuple[Reference, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    parsed: bool = False  # handed to a parser (False when the prefilter ruled it out)
    record: FileRecord | None = None  # coverage: the parser that read the file, or why it was skipped


def may_hold_reference(parser: Parser, target: Target, data: bytes, recognizer: Recognizer) -> bool:
    """The prefilter: one regex search over the bytes, unless the parser widens it.

    A parser may define ``wants(target_path, data, recognizer)``, e.g. Terraform,
    whose file can use a model literal that sits in a sibling variables.tf or tfvars.
    """
    wants = getattr(parser, "wants", None)
    if wants is not None:
        return bool(wants(target.path, data, recognizer))
    return recognizer.may_contain(data)


def read_text(
    target: Target, cfg: Config, recognizer: Recognizer, parser: Parser
) -> tuple[str | None, list[Diagnostic]]:
    """Bytes -> text, or None when the file cannot hold a reference or cannot be read."""
    diags: list[Diagnostic] = []
    try:
        with open(target.path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            # Never read(limit + 1): that preallocates the whole limit for every small file (2x slower).
            data = fh.read(min(size, cfg.max_file_size) + 1)
    except OSError as exc:
        return None, [Diagnostic(target.rel, None, E_UNREADABLE, f"cannot read: {exc.strerror or exc}")]
    if len(data) > cfg.max_file_size:
        return None, [
            Diagnostic(
                target.rel,
                None,
                E_TOO_LARGE,
                f"not scanned: {max(size, len(data))} bytes is over the {cfg.max_file_size}-byte "
                "limit (--max-file-size)",
            )
        ]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:  # a bad code unit hides nothing else: decode the rest
            line = data[: exc.start].decode("utf-16", "replace").count("\n") + 1
            diags.append(
                Diagnostic(
                    target.rel,
                    line,
                    E_ENCODING,
                    f"bad UTF-16 ({exc.reason} at offset {exc.start}); undecodable bytes replaced",
                )
            )
            text = data.decode("utf-16", "replace")
        if not may_hold_reference(parser, target, text.encode("utf-8", "replace"), recognizer):
            return None, []
        return _normalise(text), diags
    if not may_hold_reference(parser, target, data, recognizer):
        return None, []
    if b"\x00" in data[:8192]:  # not parsed, but a NUL byte must not hide a model ID: see process_file
        return (
            _normalise(data.decode("utf-8", "replace")),
            [Diagnostic(target.rel, None, E_BINARY, "binary content (NUL bytes): not parsed; scanned as text")],
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        diags.append(
            Diagnostic(
                target.rel,
                line,
                E_ENCODING,
                f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); undecodable bytes replaced",
            )
        )
        text = data.decode("utf-8-sig", "replace")
    return _normalise(text), diags


def _normalise(text: str) -> str:
    # CRLF and CR-only line endings become LF: every parser (HCL's grammar too) sees one kind of line
    # end, and line numbers are counted on LF alone. Columns are unchanged.
    return _LONE_CR.sub("\n", text.replace("\r\n", "\n")) if "\r" in text else text


def parse_document(target: Target, text: str, parser: Parser) -> tuple[Document, list[Diagnostic]]:
    try:
        doc = parser.parse(target.rel, text)
        return doc, [
            Diagnostic(target.rel, p.line, E_PARSE, f"{parser.name} parse error: {p.message}; scanned as text", p.col)
            for p in doc.problems
        ]
    except ParseFailure as exc:
        diag = Diagnostic(
            target.rel, exc.line, E_PARSE, f"{parser.name} parse error: {exc.message}; scanned as text", exc.col
        )
    except RecursionError:
        diag = Diagnostic(target.rel, None, E_PARSE, f"{parser.name} parse error: nesting too deep; scanned as text")
    except Exception as exc:  # a parser bug must not end the scan
        LOG.debug("parser %s crashed on %s", parser.name, target.rel, exc_info=True)
        diag = Diagnostic(
            target.rel,
            None,
            E_INTERNAL,
            f"internal error in {parser.name} parser: {type(exc).__name__}: {exc}; scanned as text",
        )
    return fallback_for(parser).parse(target.rel, text), [diag]


def unparsed_as_text(doc: Document, parser: Parser) -> Document:
    """The text fallback's document of the ranges a recovering parser left unparsed, and nothing else."""
    text_doc = fallback_for(parser).parse(doc.path, doc.text)
    scalars = []
    for scalar in text_doc.scalars:
        for start, end in doc.unparsed:
            lo, hi = max(start, scalar.start), min(end, scalar.end)
            if lo < hi:
                scalars.append(Scalar(doc.text[lo:hi], scalar.key_path, lo, hi))
    return replace(text_doc, scalars=tuple(scalars))


def skip_reason(rel: str) -> str:
    """Why no parser of the selected frameworks reads this file."""
    if is_generated(rel):
        return coverage.GENERATED
    parser = parser_for(rel, ALL_FRAMEWORKS)
    if parser is None:
        return coverage.NO_PARSER
    if set(parser.frameworks) <= set(OPTIONAL_FRAMEWORKS):
        return coverage.DOCUMENTATION
    return coverage.EXCLUDED  # --framework / --skip-framework left its framework out


def default_framework(parser: Parser) -> str:
    """The framework a parser's file counts under before its content is known (YAML and JSON: config)."""
    return "config" if "config" in parser.frameworks else parser.frameworks[0]


def process_file(target: Target, cfg: Config, recognizer: Recognizer) -> FileOutcome:
    parser = parser_for(target.rel, cfg.frameworks)
    if parser is None:
        return FileOutcome(record=FileRecord(target.rel, skipped=skip_reason(target.rel)))
    text, diags = read_text(target, cfg, recognizer, parser)
    record = FileRecord(target.rel, parser.name, default_framework(parser))
    if text is None:
        if any(d.code == E_TOO_LARGE for d in diags):
            record = FileRecord(target.rel, skipped=coverage.TOO_LARGE)
        elif diags:
            record = FileRecord(target.rel, skipped=coverage.UNREADABLE)
        return FileOutcome(diagnostics=tuple(diags), record=record)  # else: read; nothing model-like in it
    parse_diags: list[Diagnostic] = []
    if any(d.code == E_BINARY for d in diags):  # binary: no format parser, only the text fallback
        doc = fallback_for(parser).parse(target.rel, text)
        record = FileRecord(target.rel, skipped=coverage.BINARY)
    else:
        doc, parse_diags = parse_document(target, text, parser)
    diags += parse_diags
    ctx = ExtractContext(cfg.root, target.path, cfg.frameworks)
    try:
        refs = extract(doc, recognizer, ctx)
        if doc.unparsed:  # a parser that recovered from syntax errors: what it could not parse, as text
            refs += extract(unparsed_as_text(doc, parser), recognizer, ctx)
        entry = extractor_for(doc, ctx.frameworks)  # the framework its content belongs to (a YAML template)
        if entry is not None and record.skipped is None and doc.kind != "text":  # not the parse-error fallback
            record = FileRecord(target.rel, parser.name, entry.framework)
    except ParseFailure as exc:  # a format stricter than its syntax (an unknown CloudFormation tag)
        diags.append(
            Diagnostic(
                target.rel, exc.line, E_PARSE, f"{parser.name} parse error: {exc.message}; scanned as text", exc.col
            )
        )
        refs = extract(fallback_for(parser).parse(target.rel, text), recognizer, ctx)
    except Exception as exc:  # an extractor bug: report it, fall back to the text scan
        LOG.debug("extractor crashed on %s", target.rel, exc_info=True)
        diags.append(
            Diagnostic(
                target.rel,
                None,
                E_INTERNAL,
                f"internal error in {doc.kind} extractor: {type(exc).__name__}: {exc}; scanned as text",
            )
        )
        refs = extract(fallback_for(parser).parse(target.rel, text), recognizer, ctx)
    return FileOutcome(tuple(refs), tuple(diags), parsed=True, record=record)


# --- parallel plumbing (flake8 style: config through the initializer, sort afterwards) ---

_WORKER: tuple[Config, Recognizer] | None = None


def _init_worker(cfg: Config, recognizer: Recognizer) -> None:
    global _WORKER
    _WORKER = (cfg, recognizer)


def _work(target: Target) -> FileOutcome:
    assert _WORKER is not None
    cfg, recognizer = _WORKER
    return _safe(target, cfg, recognizer)


def _safe(target: Target, cfg: Config, recognizer: Recognizer) -> FileOutcome:
    try:
        return process_file(target, cfg, recognizer)
    except Exception as exc:
        return FileOutcome(
            diagnostics=(Diagnostic(target.rel, None, E_INTERNAL, f"internal error: {type(exc).__name__}: {exc}"),)
        )


def run_files(targets: Sequence[Target], cfg: Config, recognizer: Recognizer) -> list[FileOutcome]:
    """Per-file work, in a process pool for several files and jobs, else in this process."""
    if cfg.jobs > 1 and len(targets) > 1:
        pooled = _run_pool(targets, cfg, recognizer)
        if pooled is not None:
            done, death = pooled
            if death is None:
                return done
            # Files whose results did not come back are scanned here, one by one.
            return done + [_safe(t, cfg, recognizer) for t in targets[len(done) :]] + [death]
    return [_safe(t, cfg, recognizer) for t in targets]


def _run_pool(
    targets: Sequence[Target], cfg: Config, recognizer: Recognizer
) -> tuple[list[FileOutcome], FileOutcome | None] | None:
    """(results in order, a diagnostic if a worker died), or None when no pool can be had.

    A worker the system kills (a memory or CPU limit) must not hang the scan, as it would with
    multiprocessing.Pool.map: the executor reports a broken pool instead.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    done: list[FileOutcome] = []
    try:
        ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        with ProcessPoolExecutor(
            cfg.jobs, mp_context=ctx, initializer=_init_worker, initargs=(cfg, recognizer)
        ) as pool:
            try:
                for outcome in pool.map(_work, targets, chunksize=max(1, len(targets) // (cfg.jobs * 8))):
                    done.append(outcome)
            except BrokenProcessPool:
                LOG.warning("a worker process died; scanning the remaining files in the main process")
                return done, FileOutcome(
                    diagnostics=(
                        Diagnostic(
                            targets[len(done)].rel,
                            None,
                            E_INTERNAL,
                            "internal error: a worker process died (killed by the system: memory or CPU limit?) while "
                            "scanning this file or one after it; the remaining files were scanned in the main process",
                        ),
                    )
                )
    except OSError as exc:  # no semaphores or fork in a sandbox: run serially
        LOG.debug("process pool unavailable (%s); scanning serially", exc)
        return None
    return done, None


# --- resolve and evaluate (parent process) ---


def resolve_all(
    refs: Iterable[Reference],
    catalog: Catalog,
    recognizer: Recognizer,
    cfg: Config,
    diagnostics: list[Diagnostic] | None = None,
) -> list[Resolution]:
    """Resolve each reference; with a diagnostics list, a resolver crash on one becomes a diagnostic there."""
    out = []
    for ref in refs:
        try:
            parsed = recognizer.parser.parse(ref.text)
            if parsed is None:
                continue
            out.append(with_replacement(resolve(ref, parsed, catalog, cfg.as_of), catalog, cfg.as_of))
        except Exception as exc:
            if diagnostics is None:
                raise
            LOG.debug("resolver crashed on %r", ref.text, exc_info=True)
            diagnostics.append(internal_error(ref, "resolver", exc))
    return out


def internal_error(ref: Reference, component: str, exc: Exception) -> Diagnostic:
    return Diagnostic(
        ref.span.path,
        ref.span.start_line,
        E_INTERNAL,
        f"internal error in {component}: {type(exc).__name__}: {exc}",
        ref.span.start_col,
    )


def selected(policy: Policy, cfg: Config) -> bool:
    tags = {policy.id, policy.severity.value}
    if cfg.checks and not (tags & cfg.checks):
        return False
    return not (tags & cfg.skip_checks)


def fail_policy(policy: Policy, cfg: Config) -> tuple[bool, bool]:
    """(enforced, hard) for a FAILED result of this check, in Checkov's order of precedence.

    An ID in --hard-fail-on, then an ID in --soft-fail-on, then a severity at or
    above the lowest --hard-fail-on severity, then one at or below the highest
    --soft-fail-on severity; otherwise the check's class in --fail-on decides.
    ``hard`` means --hard-fail-on matched, which also overrides --soft-fail.
    """
    sev = policy.severity
    if policy.id in cfg.hard_fail_on:
        return True, True
    if policy.id in cfg.soft_fail_on:
        return False, False
    hard = [Severity(s).rank for s in cfg.hard_fail_on if s in Severity.__members__]
    if hard and sev.rank >= min(hard):
        return True, True
    soft = [Severity(s).rank for s in cfg.soft_fail_on if s in Severity.__members__]
    if soft and sev.rank <= max(soft):
        return False, False
    return policy.fail_class in cfg.fail_on, False


def effective_suppressions(res: Resolution, cfg: Config) -> tuple[Suppression, ...]:
    """Inline skips plus matching config-file rules; none at all with --no-inline-skips (audits)."""
    if not cfg.inline_skips:
        return ()
    return res.reference.suppressions + tuple(r.suppression() for r in cfg.suppressions if r.matches(res))


def evaluate(
    resolutions: Iterable[Resolution],
    cfg: Config,
    policies: Sequence[Policy] = POLICIES,
    diagnostics: list[Diagnostic] | None = None,
) -> list[Finding]:
    """Findings of every selected check; a check that raises gives a FAILED finding and, when a
    diagnostics list is given, an internal-error diagnostic (so --strict sees an incomplete scan)."""
    ctx = EvalContext(cfg.as_of, cfg.warn_days)
    active = [(p, *fail_policy(p, cfg)) for p in policies if selected(p, cfg)]
    findings = []
    for res in resolutions:
        skips = effective_suppressions(res, cfg)
        if skips != res.reference.suppressions:  # what BRL_008 judges and the reports show
            res = replace(res, reference=replace(res.reference, suppressions=skips))
        described = describe(res, cfg.as_of)
        for policy, enforced, hard in active:
            message = described
            try:
                result = policy.evaluate(res, ctx)
                if result is Result.FAILED:
                    message = policy.message(res, ctx) or described
            except Exception as exc:  # a check bug is reported on the reference, never swallowed
                result = Result.FAILED
                message = f"internal error in check {policy.id}: {type(exc).__name__}: {exc}"
                if diagnostics is not None:
                    diagnostics.append(internal_error(res.reference, f"check {policy.id}", exc))
            if result is None:
                continue
            skip = next((s for s in skips if in_force(s, policy.id, cfg.as_of)), None)
            if skip is not None:
                result = Result.SKIPPED
            # Documentation findings are reported but never fail the run (nor are errors in SARIF) unless asked.
            failed = result is Result.FAILED and (cfg.fail_on_docs or res.reference.kind not in DOC_KINDS)
            findings.append(
                Finding(
                    check_id=policy.id,
                    check_name=policy.name,
                    severity=policy.severity,
                    guideline=policy.guideline,
                    result=result,
                    message=message,
                    resolution=res,
                    suppress_comment=(skip.reason or "no reason given") if skip else None,
                    failing=failed and enforced and (hard or not cfg.soft_fail),
                    enforced=failed and enforced,
                    suppression=skip,
                )
            )
    return findings


def scan(
    cfg: Config,
    catalog: Catalog,
    *,
    process: Callable[[Sequence[Target], Config, Recognizer], list[FileOutcome]] = run_files,
) -> ScanResult:
    recognizer = Recognizer.for_catalog(catalog)
    passed_over: list[FileRecord] = []
    targets, diagnostics = discover(cfg, passed_over)
    outcomes = process(targets, cfg, recognizer)
    records = {o.record.path: o.record for o in outcomes if o.record is not None}
    for t in targets:  # a file whose work crashed or died with its worker
        records.setdefault(t.rel, FileRecord(t.rel, skipped=coverage.UNREADABLE))
    for d in diagnostics:  # unreadable, link loops and escapes, special files: met by the walk, never read
        records.setdefault(d.path, FileRecord(d.path, skipped=coverage.UNREADABLE))
    records.update((r.path, r) for r in passed_over)
    refs = [r for o in outcomes for r in o.references]
    diagnostics += [d for o in outcomes for d in o.diagnostics]
    if cfg.report_only is not None:
        refs = [r for r in refs if r.span.path in cfg.report_only]
    findings = evaluate(resolve_all(refs, catalog, recognizer, cfg, diagnostics), cfg, diagnostics=diagnostics)
    result = ScanResult.build(
        findings,
        diagnostics,
        as_of=cfg.as_of,
        catalog_date=catalog.generated,
        catalog_source=catalog.source,
        root=cfg.root,
        files_scanned=sum(1 for o in outcomes if o.parsed),
        catalog_sources_date=str(catalog.meta.get("sources_newest_page_date") or "") or None,
        files=tuple(records.values()),
    )
    result.extra.update(files_discovered=len(targets), version=__version__)
    return result
