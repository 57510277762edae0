"""Plan and apply the rewrite of dying model IDs: at the literal's exact span, keeping its form.

The scan has already found each literal where its value is defined (the variable default, the tfvars value, the
parameter default) and resolved it; this module only rewrites the model ID inside that span. Geo prefixes, ARN
partition/Region/account parts and placeholders, the LiteLLM ``bedrock/...`` route and the quoting sit outside the
ID and stay as written. A literal several resources share is one edit. Files keep their encoding, BOM, line endings
and indentation; nothing is written outside the scan root, and no file the scan could not fully read is touched.
"""

from __future__ import annotations

import difflib
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from bedrock_lifecycle.catalog.model import Catalog, ModelEntry
from bedrock_lifecycle.migrate.swap import Swap, SwapClass, classify
from bedrock_lifecycle.model import Finding, Result, ScanResult
from bedrock_lifecycle.parsers.generated import is_generated
from bedrock_lifecycle.parsers.source import SOURCE_KINDS
from bedrock_lifecycle.paths import within
from bedrock_lifecycle.resolve.ids import Form, IdParser

LOG = logging.getLogger(__name__)

UTF8_BOM = b"\xef\xbb\xbf"
_CONTEXT = re.compile(r":(\d+k|\d{3,})$")


@dataclass(frozen=True)
class Edit:
    path: str  # scan-root relative POSIX path as in findings
    start_offset: int  # character offsets in the decoded file text (BOM excluded, line endings as in the file)
    end_offset: int
    start_line: int  # 1-based, as findings report (end column exclusive)
    start_col: int
    end_line: int
    end_col: int
    old_text: str
    new_text: str
    swap: Swap
    resources: tuple[str, ...]  # every resource this literal reaches


@dataclass(frozen=True)
class NotFixed:
    path: str
    line: int
    reference: str  # the literal as written
    reason: str
    swap: Swap | None = None
    resources: tuple[str, ...] = ()
    col: int = 0
    request_sites: tuple[str, ...] = ()  # where source code the scanner read builds the request (path:line (call))


@dataclass(frozen=True)
class SourceFile:
    """A file as decoded for rewriting: its text and how to write it back byte for byte."""

    text: str
    bom: bytes
    line_starts: tuple[int, ...]  # offsets of line starts, counting CRLF, CR and LF as the scan does

    @classmethod
    def decode(cls, data: bytes) -> SourceFile:
        bom = UTF8_BOM if data.startswith(UTF8_BOM) else b""
        text = data[len(bom) :].decode("utf-8")  # strict: a file with bad bytes is never rewritten
        starts = [0]
        i, n = 0, len(text)
        while i < n:
            c = text[i]
            if c == "\r":
                i += 2 if i + 1 < n and text[i + 1] == "\n" else 1
                starts.append(i)
            elif c == "\n":
                i += 1
                starts.append(i)
            else:
                i += 1
        return cls(text, bom, tuple(starts))

    def offset(self, line: int, col: int) -> int | None:
        if not 1 <= line <= len(self.line_starts):
            return None
        return self.line_starts[line - 1] + col - 1

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode("utf-8")


def read_source(path: str) -> SourceFile:
    """Raises OSError, or ValueError when the file is not UTF-8 (or is UTF-16)."""
    with open(path, "rb") as fh:
        data = fh.read()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ValueError("UTF-16 file")
    return SourceFile.decode(data)


def _is_selected(finding: Finding) -> bool:
    return finding.result is Result.FAILED


def plan_edits(
    result: ScanResult,
    catalog: Catalog,
    as_of: date,
    *,
    unsafe: bool,
    select: Callable[[Finding], bool] = _is_selected,
) -> tuple[list[Edit], list[NotFixed]]:
    """The edits that replace each selected dying model literal, and the literals left alone with why.

    ``select`` picks the findings to fix (default: every FAILED one; SKIPPED and baselined findings never come
    here). Drop-in swaps are edits; code-change swaps too with ``unsafe``, unless the form cannot be kept; re-embed
    and no-target swaps never are.
    """
    parser = IdParser.for_catalog(catalog)
    reach: dict[tuple[str, int, int, int, int], set[str]] = {}
    for f in (*result.findings, *result.accepted):
        reach.setdefault(_key(f), set()).add(f.resolution.reference.resource)
    groups: dict[tuple[str, int, int, int, int], list[Finding]] = {}
    for f in result.findings:
        if select(f) and f.resolution.model_id and f.resolution.status.value in ("LEGACY", "EOL"):
            groups.setdefault(_key(f), []).append(f)
    unfit = _unfit_files(result)
    files: dict[str, SourceFile | str] = {}
    edits: list[Edit] = []
    skipped: list[NotFixed] = []
    for key in sorted(groups):
        path, line, col, _, _ = key
        findings = groups[key]
        resources = tuple(sorted(reach.get(key, ())))
        first = findings[0].resolution
        written = _span_text(files, result.root, key, unfit)
        if isinstance(written, NotFixed):
            skipped.append(_with(written, first.reference.text, resources))
            continue
        source, start, end = written
        old = source.text[start:end]
        outcome = _rewrite(old, findings, catalog, parser)
        if isinstance(outcome, str):
            skipped.append(NotFixed(path, line, old, outcome, None, resources, col))
            continue
        new, swap = outcome
        rewritable = swap.swap_class is SwapClass.DROP_IN or (
            unsafe and swap.swap_class is SwapClass.CODE_CHANGE and swap.blocked is None
        )
        if not rewritable:
            sites = request_sites(findings) if swap.swap_class is SwapClass.CODE_CHANGE else ()
            skipped.append(NotFixed(path, line, old, _why_not(swap, unsafe, sites), swap, resources, col, sites))
            continue
        sp = findings[0].span
        if any(e.path == path and e.start_offset < end and start < e.end_offset for e in edits):
            skipped.append(NotFixed(path, line, old, "not rewritten: overlaps another rewritten literal", swap))
            continue
        edits.append(
            Edit(path, start, end, sp.start_line, sp.start_col, sp.end_line, sp.end_col, old, new, swap, resources)
        )
    return edits, skipped


def _key(f: Finding) -> tuple[str, int, int, int, int]:
    s = f.span
    return (s.path, s.start_line, s.start_col, s.end_line, s.end_col)


def _with(nf: NotFixed, reference: str, resources: tuple[str, ...]) -> NotFixed:
    return NotFixed(nf.path, nf.line, reference, nf.reason, None, resources, nf.col)


def _unfit_files(result: ScanResult) -> dict[str, str]:
    """Files the scan could not fully read (parse errors, bad encoding, binary, internal errors): never touched."""
    out: dict[str, str] = {}
    for d in result.diagnostics:
        out.setdefault(d.path, f"{d.code}: {d.message}")
    return out


def _span_text(
    files: dict[str, SourceFile | str], root: str, key: tuple[str, int, int, int, int], unfit: dict[str, str]
) -> tuple[SourceFile, int, int] | NotFixed:
    path, line, col, end_line, end_col = key
    if path in unfit:
        return NotFixed(path, line, "", f"not rewritten: the scan could not fully read this file ({unfit[path]})")
    if is_generated(path):
        return NotFixed(path, line, "", "not rewritten: a generated file")
    if path not in files:
        full = os.path.join(root, *path.split("/"))
        real_root = os.path.realpath(root)
        if path.startswith("/") or not within(os.path.realpath(full), real_root):
            files[path] = "not rewritten: the file is outside the scan root"
        else:
            try:
                files[path] = read_source(full)
            except (OSError, ValueError) as exc:
                files[path] = f"not rewritten: cannot read the file as UTF-8 ({exc})"
    source = files[path]
    if isinstance(source, str):
        return NotFixed(path, line, "", source)
    start, end = source.offset(line, col), source.offset(end_line, end_col)
    if start is None or end is None or not 0 <= start < end <= len(source.text):
        return NotFixed(path, line, "", "not rewritten: the literal is not where the scan found it")
    return source, start, end


def _rewrite(old: str, findings: Sequence[Finding], catalog: Catalog, parser: IdParser) -> tuple[str, Swap] | str:
    """(new literal text, swap), or why the literal cannot be rewritten."""
    res = findings[0].resolution
    parsed = parser.parse(old)
    entry = catalog.lookup(parsed.candidate) if parsed and parsed.candidate else None
    if parsed is None or entry is None or entry.model_id != res.model_id:
        return f"not rewritten: the text at the span ({old!r}) no longer names {res.model_id}"
    if parsed.form == Form.CUSTOM_MODEL_ARN.value:
        return (
            "not rewritten: a custom model is trained on its base model; re-create it on the replacement "
            f"({res.replacement or 'none'}) and use the new model's ARN"
        )
    if any(f.resolution.model_id != res.model_id for f in findings):
        return "not rewritten: the uses of this literal resolve to different models"
    target_id = next((f.resolution.replacement for f in findings if f.resolution.replacement), None)
    assert parsed.candidate is not None
    src_key = parsed.candidate
    target = catalog.lookup(target_id) if target_id else None
    new_id = target.model_id if target else None
    variant = _context_suffix(src_key, entry)
    if variant and target is not None:
        new_id = _target_variant(target, variant, catalog)
        if new_id is None:
            swap = classify(entry.model_id, target.model_id, catalog, geo_prefix=parsed.geo)
            return (
                f"not rewritten ({swap.swap_class.value}): provisioned throughput on the '{variant}' context "
                f"variant; {target.model_id} has no such variant in the catalog (buy provisioned throughput for "
                "it and use that ID)"
            )
    swap = classify(entry.model_id, new_id, catalog, geo_prefix=parsed.geo)
    if swap.swap_class is SwapClass.NO_TARGET:
        note = res.replacement_note or "no Active replacement in the catalog"
        return _no_target(swap, note)
    assert new_id is not None
    if parsed.form == Form.CDK_CONSTANT.value:  # FoundationModelIdentifier.X: the replacement's constant
        return _rewrite_constant(old, new_id, swap)
    low = old.lower()
    at = low.rfind(src_key)
    if at < 0:
        return f"not rewritten: cannot find {src_key} inside {old!r}"
    return old[:at] + new_id + old[at + len(src_key) :], swap


def _rewrite_constant(old: str, new_id: str, swap: Swap) -> tuple[str, Swap] | str:
    """A CDK constant becomes the same class's constant for the replacement, when the library has one."""
    from bedrock_lifecycle.resolve import cdk

    parts = cdk.split(old)
    if parts is None:
        return f"not rewritten: {old!r} is not a CDK model constant"
    cls, name = parts
    new_name = cdk.constant_for(cls, new_id)
    if new_name is None:
        return (
            f"not rewritten ({swap.swap_class.value}): {cls} has no constant for {new_id} in {cdk.libraries(cls)}; "
            f"construct it from the ID instead ({cls}('{new_id}'))"
        )
    return old[: len(old) - len(name)] + new_name, swap


def _no_target(swap: Swap, note: str) -> str:
    return f"not rewritten ({swap.swap_class.value}): {note}"


def _context_suffix(candidate: str, entry: ModelEntry) -> str | None:
    """The provisioned-throughput context segment (':48k', ':0:512') the literal names, if any."""
    if entry.variant_of:
        base = entry.variant_of.lower()
        own = entry.model_id.lower()
        return own[len(base) :] if own.startswith(base) else _last_segment(own)
    if candidate != entry.model_id.lower():
        return candidate[len(entry.model_id) :] or None
    return None


def _last_segment(model_id: str) -> str | None:
    m = _CONTEXT.search(model_id)
    return m.group() if m else None


def _target_variant(target: ModelEntry, suffix: str, catalog: Catalog) -> str | None:
    """The replacement's variant with the same context size (':48k'), when the catalog lists one."""
    size = _last_segment(suffix)
    if size is None:
        return None
    for entry in catalog:
        if (entry.variant_of or "").lower() == target.model_id.lower() and entry.model_id.lower().endswith(size):
            return entry.model_id
    return None


def request_sites(findings: Iterable[Finding]) -> tuple[str, ...]:
    """Where the scanned source code uses the literal (a call, an assignment): the code that builds the request."""
    sites = {
        f"{f.span.path}:{f.span.start_line} ({f.resolution.reference.resource})"
        for f in findings
        if f.resolution.reference.kind in SOURCE_KINDS
    }
    return tuple(sorted(sites))


def _why_not(swap: Swap, unsafe: bool, sites: tuple[str, ...] = ()) -> str:
    what = "; ".join(swap.reasons)
    if sites and swap.api_change:
        what += f"; the request is built at {', '.join(sites)}"
    if swap.swap_class is SwapClass.RE_EMBED:
        return f"not rewritten (re-embed, never automatic): {what}"
    if swap.blocked:
        return f"not rewritten ({swap.swap_class.value}; the reference's form cannot be kept): {what}"
    if swap.swap_class is SwapClass.CODE_CHANGE and not unsafe:
        return f"not rewritten (code-change; --unsafe rewrites it): {what}"
    return f"not rewritten ({swap.swap_class.value}): {what}"


# --- output ---


def apply_to_text(text: str, edits: Iterable[Edit]) -> str:
    """The text with the edits applied (they never overlap: one per literal)."""
    out = text
    for e in sorted(edits, key=lambda e: e.start_offset, reverse=True):
        if out[e.start_offset : e.end_offset] != e.old_text:
            raise ValueError(f"{e.path}:{e.start_line}: the file changed since it was scanned")
        out = out[: e.start_offset] + e.new_text + out[e.end_offset :]
    return out


def _by_path(edits: Iterable[Edit]) -> dict[str, list[Edit]]:
    grouped: dict[str, list[Edit]] = {}
    for e in edits:
        grouped.setdefault(e.path, []).append(e)
    return {k: grouped[k] for k in sorted(grouped)}


def _diff_lines(text: str) -> list[str]:
    """Lines as git counts them: split after each LF only (a CR stays part of its line)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def unified_diff(edits: Sequence[Edit], root: str) -> str:
    """A patch ``git apply`` accepts (run in the scan root), each file preceded by '#' lines naming its swaps."""
    chunks: list[str] = []
    for path, file_edits in _by_path(edits).items():
        source = read_source(os.path.join(root, *path.split("/")))
        before = source.bom.decode("utf-8") + source.text
        after = source.bom.decode("utf-8") + apply_to_text(source.text, file_edits)
        for e in sorted(file_edits, key=lambda e: e.start_offset):
            chunks.append(describe_edit(e) + "\n")
        chunks.append(f"diff --git a/{path} b/{path}\n")
        for line in difflib.unified_diff(_diff_lines(before), _diff_lines(after), f"a/{path}", f"b/{path}", n=3):
            chunks.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(chunks)


def describe_edit(e: Edit) -> str:
    swap = e.swap
    reaches = ", ".join(e.resources) or "-"
    inferred = ", inferred replacement" if swap.inferred else ""
    return (
        f"# {e.path}:{e.start_line}:{e.start_col}: {e.old_text} -> {e.new_text} "
        f"({swap.swap_class.value}{inferred}); reaches: {reaches}"
    )


def write_edits(edits: Sequence[Edit], root: str) -> list[str]:
    """Apply the edits in place, each file atomically (a temporary file beside it, then a rename); the paths.

    Every file is read and checked first: if one changed since the scan, nothing is written.
    """
    real_root = os.path.realpath(root)
    planned: list[tuple[str, str, bytes]] = []
    for path, file_edits in _by_path(edits).items():
        full = os.path.join(root, *path.split("/"))
        real = os.path.realpath(full)  # replace the link's target, never the link
        if not within(real, real_root):
            raise ValueError(f"{path}: outside the scan root")
        source = read_source(full)
        planned.append((path, real, source.encode(apply_to_text(source.text, file_edits))))
    for _path, real, data in planned:
        fd, tmp = tempfile.mkstemp(prefix=".bedrock-lifecycle-", suffix=".tmp", dir=os.path.dirname(real))
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, os.stat(real).st_mode & 0o7777)
            os.replace(tmp, real)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    return [path for path, _, _ in planned]
