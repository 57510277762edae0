"""Terraform: model references at their use sites, through variables, locals, tfvars and local modules.

A Terraform module is a directory, so a file is never extracted alone: the
directory it sits in is evaluated as a root module (its own tfvars apply),
local module calls are followed, and every string that reaches a resource,
data source, non-local module call, output or provider is searched for
model references (the generic fallback: any string attribute of any block).

Each Reference's span is the literal a developer edits (a variable default, a
tfvars value, a local, a module argument or the attribute itself); its
``resource`` is the use site (``aws_bedrockagent_agent.support``,
``module.agent.aws_bedrockagent_agent.this``) and its ``provenance`` lists the
hops between them. One literal feeding several use sites gives one Reference per
use site. A literal that reaches no use site (an unused or overridden variable
default, a value inside a function we cannot evaluate, an argument of a
registry module) is still reported once, at its own address (``var.x``,
``local.x``, ``module.x``, or the block attribute).

Which file reports what: a file reports exactly the references whose literal
it holds. So a module's findings come out once however its files are spread
over workers, a file handed over alone (pre-commit, ``-f``) reports what is
located in it (its siblings are still read from disk for resolution), and the
byte prefilter stays exact: a file without a model-like literal has nothing to
report and is never parsed for itself. Parsed files and evaluated directories
are cached per process, keyed by path, mtime and size.

Suppressions: ``checkov:skip=`` / ``bedrock-lifecycle:skip=`` comments anywhere
inside a resource (or module call) block apply to every reference used there,
as in Checkov; a skip just above or beside the literal applies as everywhere.
"""

from __future__ import annotations

import logging
import os
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bedrock_lifecycle.config import DEFAULT_MAX_FILE_SIZE
from bedrock_lifecycle.document import Document
from bedrock_lifecycle.extract.generic import locate
from bedrock_lifecycle.model import Reference, Span, Step, Suppression
from bedrock_lifecycle.parsers.hcl import SUFFIXES, HclParser
from bedrock_lifecycle.parsers.hcl_ast import Block, Body, Expr, Interp, StrPart, Template, Traversal, children
from bedrock_lifecycle.paths import resolves_within
from bedrock_lifecycle.resolve.ids import Form, Match, Recognizer
from bedrock_lifecycle.resolve.terraform import Evaluator, Loc, Seg, StrV, strings
from bedrock_lifecycle.resolve.tf_module import (
    MODULE_META,
    Module,
    ModuleDir,
    TfFile,
    attr_named,
    for_each_bindings,
)
from bedrock_lifecycle.suppress import SkipIndex, applicable, parse_comment, suppressions

if TYPE_CHECKING:
    from bedrock_lifecycle.extract import ExtractContext

LOG = logging.getLogger(__name__)

KIND = "terraform"
_USE_SITE_BLOCKS = frozenset({"resource", "data", "module", "output", "provider"})
RESOURCE_META = frozenset({"count", "for_each", "depends_on", "provider", "lifecycle"})
# Attributes whose model gets provisioned throughput (checked by BRL_007).
ROLES: dict[tuple[str, str], frozenset[str]] = {
    ("aws_bedrock_provisioned_model_throughput", "model_arn"): frozenset({"provisioned_throughput"}),
}
MAX_FILE_SIZE = DEFAULT_MAX_FILE_SIZE  # a sibling read for resolution only
_CACHE_FILES = 512
_CACHE_DIRS = 32


def matches(doc: Document) -> bool:
    return doc.kind == KIND


def extract_terraform(doc: Document, recognizer: Recognizer, ctx: ExtractContext) -> list[Reference]:
    """The references whose literal sits in ``doc``, resolved against its whole directory."""
    if not isinstance(doc.meta.get("body"), Body):
        return []
    disk_path = os.path.abspath(ctx.path)
    root = os.path.abspath(ctx.root)
    _FILES.seed(disk_path, doc)
    refs = evaluate_directory(os.path.dirname(disk_path), root, recognizer)
    return list(refs.get(doc.path, ()))


# --- file and directory caches (per process) ---


_FileKey = tuple[str, int, int, str]  # disk path, mtime, size, reported path


class _FileCache:
    """Parsed files by (path, mtime, size, reported path); a bounded LRU."""

    def __init__(self) -> None:
        self._entries: OrderedDict[_FileKey, TfFile | None] = OrderedDict()
        self.parser = HclParser()

    def seed(self, path: str, doc: Document) -> None:
        key = _stat_key(path)
        body = doc.meta.get("body")
        if key is not None and isinstance(body, Body) and key + (doc.path,) not in self._entries:
            tf = TfFile(doc.path, os.path.basename(path), doc.text, body, doc.comments)
            self._put(key + (doc.path,), tf)

    def get(self, path: str, rel: str) -> TfFile | None:
        stat = _stat_key(path)
        if stat is None:
            return None
        key = stat + (rel,)
        if key in self._entries:
            self._entries.move_to_end(key)
            return self._entries[key]
        tf = self._load(path, rel, stat[2])
        self._put(key, tf)
        return tf

    def _put(self, key: _FileKey, value: TfFile | None) -> None:
        self._entries[key] = value
        while len(self._entries) > _CACHE_FILES:
            self._entries.popitem(last=False)

    def _load(self, path: str, rel: str, size: int) -> TfFile | None:
        if size > MAX_FILE_SIZE:
            return None
        try:
            with open(path, "rb") as fh:
                text = fh.read(MAX_FILE_SIZE + 1).decode("utf-8-sig", "replace")
            text = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
            doc = self.parser.parse(rel, text)
        except Exception as exc:  # a broken sibling is reported when its own file is scanned
            LOG.debug("terraform: %s not usable for resolution: %s", rel, exc)
            return None
        body = doc.meta.get("body")
        if not isinstance(body, Body):
            return None
        return TfFile(rel, os.path.basename(path), text, body, doc.comments)


def _stat_key(path: str) -> tuple[str, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (path, st.st_mtime_ns, st.st_size)


_FILES = _FileCache()


def _listing(directory: str, root_real: str) -> tuple[tuple[str, int, int], ...]:
    """The Terraform files of a directory inside the scan root, never a link that leads out of it.

    ``DirEntry.is_file()`` follows links, and discovery's refusal of a link out
    of the root (BRL_E006) must hold for files read only for resolution too.
    """
    if not resolves_within(directory, root_real):
        return ()
    try:
        with os.scandir(directory) as it:
            names = sorted(
                e.name
                for e in it
                if e.name.endswith(SUFFIXES)
                and e.is_file()
                and (not e.is_symlink() or resolves_within(e.path, root_real))
            )
    except OSError:
        return ()
    keys = (_stat_key(os.path.join(directory, n)) for n in names)
    return tuple(k for k in keys if k is not None)


@dataclass
class _Loader:
    root: str
    seen: dict[str, tuple[tuple[str, int, int], ...]]
    root_real: str = ""

    def __post_init__(self) -> None:
        self.root_real = os.path.realpath(self.root)

    def __call__(self, directory: str) -> ModuleDir | None:
        if not resolves_within(directory, self.root_real):
            return None  # a module source out of the scan root: unknown, like a remote one
        listing = _listing(directory, self.root_real)
        self.seen[directory] = listing
        files = []
        for path, _mtime, _size in listing:
            tf = _FILES.get(path, _rel(path, self.root))
            if tf is not None:
                files.append(tf)
        return ModuleDir(directory, tuple(files)) if files else None


def _rel(path: str, root: str) -> str:
    from bedrock_lifecycle.discover import relpath

    return relpath(path, root)


_DIRS: OrderedDict[
    tuple[str, str], tuple[Recognizer, dict[str, tuple[tuple[str, int, int], ...]], dict[str, list[Reference]]]
] = OrderedDict()


def evaluate_directory(directory: str, root: str, recognizer: Recognizer) -> dict[str, list[Reference]]:
    """Every reference whose literal is in this directory, by reported path (cached)."""
    key = (directory, root)
    cached = _DIRS.get(key)
    root_real = os.path.realpath(root)
    if (
        cached is not None
        and cached[0] is recognizer
        and all(_listing(d, root_real) == s for d, s in cached[1].items())
    ):
        _DIRS.move_to_end(key)
        return cached[2]
    loader = _Loader(root, {})
    mdir = loader(directory)
    result: dict[str, list[Reference]] = {}
    if mdir is not None:
        for ref in module_references(mdir, loader, recognizer):
            result.setdefault(ref.span.path, []).append(ref)
    _DIRS[key] = (recognizer, dict(loader.seen), result)
    while len(_DIRS) > _CACHE_DIRS:
        _DIRS.popitem(last=False)
    return result


def clear_caches() -> None:
    """Forget every parsed file and evaluated directory of this process (tests, long-lived callers)."""
    from bedrock_lifecycle.extract import terragrunt
    from bedrock_lifecycle.parsers import hcl

    terragrunt.clear()
    _DIRS.clear()
    _FILES._entries.clear()
    hcl._PARSED.clear()


# --- use sites ---


@dataclass(frozen=True)
class Use:
    value: StrV
    address: str
    attribute: str
    step: Step  # where the attribute is written
    blocks: tuple[tuple[TfFile, Block], ...]  # module calls and the resource block (for suppressions)
    roles: frozenset[str]
    region: str | None


def uses(module: Module) -> Iterator[Use]:
    """Every string that reaches a use site of this module instance and the local modules it calls."""
    root = module.inputs is None
    for f in module.mdir.config:
        for block in f.body.blocks:
            name = block.labels[0] if block.labels else ""
            if block.type in ("resource", "data") and len(block.labels) >= 2:
                kind = "data." if block.type == "data" else ""
                address = module.address + kind + ".".join(block.labels[:2])
                ev = module.evaluator(f, for_each_bindings(module.evaluator(f), block.body))
                yield from _walk(module, f, block, block.body, ev, address, "", RESOURCE_META)
            elif block.type == "module" and name:
                child = module.child(name)
                if child is not None:
                    for use in uses(child):
                        yield replace(use, blocks=((f, block),) + use.blocks)
                else:
                    ev = module.evaluator(f, for_each_bindings(module.evaluator(f), block.body))
                    yield from _walk(
                        module, f, block, block.body, ev, f"{module.address}module.{name}", "", MODULE_META
                    )
            elif root and block.type in ("output", "provider") and name:
                ev, address = module.evaluator(f), f"{block.type}.{name}"
                yield from _walk(module, f, block, block.body, ev, address, "", frozenset({"alias"}))


def _walk(
    module: Module, f: TfFile, block: Block, body: Body, ev: Evaluator, address: str, prefix: str, skip: frozenset[str]
) -> Iterator[Use]:
    rtype = block.labels[0] if block.type == "resource" and block.labels else ""
    region = module.region_for(block) if block.type in ("resource", "data") else None
    for attr in body.attrs:
        if not prefix and attr.name in skip:
            continue
        path = prefix + attr.name
        step = Step(f.path, f.line(attr.start), f"attribute {path}")
        roles = ROLES.get((rtype, path), frozenset())
        for value, attribute in strings(ev.eval(attr.expr), path):
            yield Use(value, address, attribute, step, ((f, block),), roles, region)
    for nested in body.blocks:
        if not prefix and nested.type == "lifecycle":
            continue
        if nested.type == "dynamic" and nested.labels:
            label = nested.labels[0]
            iterator_attr = attr_named(nested.body, "iterator")
            iterator = label
            if (
                iterator_attr is not None
                and isinstance(iterator_attr.expr, Traversal)
                and isinstance(iterator_attr.expr.root, str)
                and not iterator_attr.expr.steps
            ):
                iterator = iterator_attr.expr.root
            inner = ev.bind(for_each_bindings(ev, nested.body, iterator))
            for content in nested.body.blocks:
                if content.type == "content":
                    inner_prefix = f"{prefix}{label}."
                    yield from _walk(module, f, block, content.body, inner, address, inner_prefix, skip)
            continue
        yield from _walk(module, f, block, nested.body, ev, address, f"{prefix}{nested.type}.", skip)


# --- from strings to references ---


class _Builder:
    """Turns evaluated strings into References: locates the literal, adds provenance and suppressions."""

    def __init__(self, mdir: ModuleDir, recognizer: Recognizer) -> None:
        self.recognizer = recognizer
        self.files: dict[str, TfFile] = {f.path: f for f in mdir.files}
        self._skips: dict[str, SkipIndex] = {}

    def references(
        self,
        value: StrV,
        address: str,
        attribute: str,
        *,
        step: Step | None = None,
        blocks: tuple[tuple[TfFile, Block], ...] = (),
        roles: frozenset[str] = frozenset(),
        region: str | None = None,
    ) -> Iterator[Reference]:
        text = value.text
        for m in self.recognizer.finditer(text):
            if m.parsed.form == Form.WILDCARD.value:
                continue
            found = self._locate(value, m)
            if found is None:
                continue  # the model part is not a literal of this configuration: never invented
            seg, span = found
            provenance = seg.prov + (step,) if seg.prov and step is not None else seg.prov
            skips = self._suppressions(span, blocks)
            yield Reference(
                text=m.text,
                span=span,
                resource=address,
                kind=KIND,
                attribute=attribute,
                provenance=provenance,
                region=region if region and "arn" not in m.parsed.form else None,  # an ARN names its own
                possible=seg.possible,
                roles=roles,
                suppressions=skips,
            )

    def _locate(self, value: StrV, m: Match) -> tuple[Seg, Span] | None:
        """The literal segment that names the model, and where in its file the match (part) sits."""
        candidates: list[tuple[int, int, Seg, int, int]] = []  # (preferred, overlap, seg, from, to)
        pos = 0
        for seg in value.segs:
            s0, s1 = pos, pos + len(seg.text)
            pos = s1
            lo, hi = max(s0, m.start), min(s1, m.end)
            if seg.loc is None or hi <= lo or seg.loc.path not in self.files:
                continue  # literals of other directories are reported when their own directory is scanned
            marker = self.recognizer.may_contain(seg.text.encode("utf-8", "replace"))
            holds_end = s0 < m.end <= s1
            candidates.append((int(marker) * 2 + int(holds_end), hi - lo, seg, lo - s0, hi - s0))
        if not candidates:
            return None
        _rank, _size, seg, a, b = max(candidates, key=lambda c: (c[0], c[1]))
        loc = seg.loc
        assert isinstance(loc, Loc)
        f = self.files.get(loc.path)
        if f is None:
            return None
        piece = seg.text[a:b]
        at = locate(f.text, loc.start, loc.end, seg.text, a, piece)
        return seg, f.index.span(f.path, at, at + len(piece))

    def _suppressions(self, span: Span, blocks: tuple[tuple[TfFile, Block], ...]) -> tuple[Suppression, ...]:
        found: list[Suppression] = []
        for f, block in blocks:
            first, last = f.line(block.start), f.line(block.end)
            for c in f.comments:
                if first <= c.line <= last:
                    s = parse_comment(c)
                    if s is not None:
                        found.append(s if f.path == span.path else replace(s, origin=f"{f.path}:{s.line}"))
        lit_file = self.files.get(span.path)
        if lit_file is not None and lit_file.comments:
            index = self._skips.get(span.path)
            if index is None:
                index = suppressions(lit_file.comments)
                self._skips[span.path] = index
            found.extend(applicable(index, span.start_line, span.end_line))
        return tuple(dict.fromkeys(found))


def module_references(mdir: ModuleDir, loader: _Loader, recognizer: Recognizer) -> list[Reference]:
    """All references of a directory evaluated as a root module, use sites first, then uncovered literals."""
    module = Module(mdir, loader)
    builder = _Builder(mdir, recognizer)
    out: dict[tuple[Span, str, str, str], Reference] = {}
    for use in uses(module):
        for ref in builder.references(
            use.value, use.address, use.attribute, step=use.step, blocks=use.blocks, roles=use.roles, region=use.region
        ):
            out.setdefault((ref.span, ref.resource, ref.attribute, ref.text), ref)
    covered = {key[0] for key in out}
    for f in mdir.files:
        for value, address, attribute, block in _literals(f):
            # in a resource, data source, module call, output or provider, a literal no evaluation reached
            # (an untaken branch, an argument of a function we do not evaluate) may still be the value used
            in_use_site = block is not None and block.type in _USE_SITE_BLOCKS
            for ref in builder.references(value, address, attribute, blocks=((f, block),) if block else ()):
                if ref.span not in covered:
                    ref = replace(ref, possible=True) if in_use_site else ref
                    out.setdefault((ref.span, ref.resource, ref.attribute, ref.text), ref)
                    covered.add(ref.span)
    return list(out.values())


# --- coverage: every literal, at its own address ---


def _literals(f: TfFile) -> Iterator[tuple[StrV, str, str, Block | None]]:
    """Each string literal of a file as written (interpolations as placeholders), with its own address."""
    if f.is_var_file:
        for attr in f.body.attrs:
            for value in _templates(f, attr.expr):
                yield value, f"var.{attr.name}", attr.name, None
        return
    for block in f.body.blocks:
        labels = block.labels
        if block.type in ("resource", "data") and len(labels) >= 2:
            address = ("data." if block.type == "data" else "") + ".".join(labels[:2])
        elif block.type == "variable" and labels:
            address = f"var.{labels[0]}"
        elif block.type == "module" and labels:
            address = f"module.{labels[0]}"
        elif block.type in ("output", "provider") and labels:
            address = f"{block.type}.{labels[0]}"
        elif block.type == "locals":
            for attr in block.body.attrs:
                for value in _templates(f, attr.expr):
                    yield value, f"local.{attr.name}", attr.name, block
            continue
        else:
            address = ".".join((block.type, *labels))
        for value, attribute in _body_literals(f, block.body, ""):
            yield value, address, attribute, block


def _body_literals(f: TfFile, body: Body, prefix: str) -> Iterator[tuple[StrV, str]]:
    for attr in body.attrs:
        for value in _templates(f, attr.expr):
            yield value, prefix + attr.name
    for nested in body.blocks:
        name = nested.labels[0] if nested.type == "dynamic" and nested.labels else nested.type
        inner = nested.body
        if nested.type == "dynamic":
            yield from _body_literals(f, Body(inner.attrs, ()), f"{prefix}{name}.")
            for content in inner.blocks:
                yield from _body_literals(f, content.body, f"{prefix}{name}.")
            continue
        yield from _body_literals(f, inner, f"{prefix}{name}.")


def _templates(f: TfFile, expr: Expr) -> Iterator[StrV]:
    stack = [expr]
    while stack:
        e = stack.pop()
        if isinstance(e, Template) and any(isinstance(p, StrPart) for p in e.parts):
            segs = []
            for p in e.parts:
                if isinstance(p, StrPart):
                    segs.append(Seg(p.value, Loc(f.path, p.start, p.end, p.value)))
                else:
                    assert isinstance(p, Interp)
                    segs.append(Seg("${?}", unknown=True))
            yield StrV(tuple(segs))
        stack.extend(reversed(children(e)))
