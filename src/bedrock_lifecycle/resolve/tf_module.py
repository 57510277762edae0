"""A Terraform module instance: where ``var.``, ``local.`` and ``module.`` references get their values.

Variable precedence follows Terraform's documentation for a root module:
the ``default``, overridden by ``terraform.tfvars``, then ``terraform.tfvars.json``,
then ``*.auto.tfvars``/``*.auto.tfvars.json`` in lexical order (later wins).
Other ``*.tfvars`` files are only read with ``-var-file``: their values are
kept as possible values. ``-var`` flags and ``TF_VAR_`` variables are not
known statically. A module called from another gets the caller's arguments
instead of tfvars (a default is used only when the caller passes nothing).
Local module sources (``./``, ``../``) are followed while they stay inside the
scan root (the loader refuses a directory out of it); registry and git sources,
and local ones that lead out of the root, are not (their variables stay unknown).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bedrock_lifecycle.document import Comment, LineIndex
from bedrock_lifecycle.model import Step
from bedrock_lifecycle.parsers.hcl_ast import Attr, Block, Body, Traversal
from bedrock_lifecycle.resolve.terraform import (
    Evaluator,
    ListV,
    MapV,
    Seg,
    Source,
    StrV,
    UnknownV,
    Value,
    choice,
    literal,
    with_prov,
)

LOG = logging.getLogger(__name__)

MAX_DEPTH = 8  # nested local module calls followed
MODULE_META = frozenset({"source", "version", "providers", "count", "for_each", "depends_on"})
_REGION = re.compile(r"[a-z]{2,5}(?:-[a-z]+)+-\d{1,2}")


@dataclass(frozen=True, eq=False)
class TfFile:
    path: str  # reported path (relative to the scan root)
    name: str  # file name
    text: str
    body: Body
    comments: tuple[Comment, ...] = ()
    index: LineIndex = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", LineIndex(self.text))

    def line(self, offset: int) -> int:
        return self.index.position(offset)[0]

    @property
    def is_config(self) -> bool:
        return self.name.endswith((".tf", ".tf.json"))

    @property
    def var_file_rank(self) -> int | None:
        """Load order of an automatically loaded variables file; None for other files."""
        if self.name == "terraform.tfvars":
            return 0
        if self.name == "terraform.tfvars.json":
            return 1
        if self.name.endswith((".auto.tfvars", ".auto.tfvars.json")):
            return 2
        return None

    @property
    def is_var_file(self) -> bool:
        return self.name.endswith((".tfvars", ".tfvars.json"))


@dataclass(frozen=True, eq=False)
class ModuleDir:
    directory: str  # absolute
    files: tuple[TfFile, ...]  # sorted by name

    @property
    def config(self) -> tuple[TfFile, ...]:
        return tuple(f for f in self.files if f.is_config)


Loader = Callable[[str], "ModuleDir | None"]


class Module:
    """One instance of a module: the root of a scan directory, or a local module called from it."""

    def __init__(
        self,
        mdir: ModuleDir,
        loader: Loader,
        *,
        address: str = "",
        inputs: dict[str, Value] | None = None,
        chain: tuple[str, ...] = (),
        providers: dict[str | None, str | None] | None = None,
    ) -> None:
        self.mdir = mdir
        self.loader = loader
        self.address = address  # "" for the root, "module.agent." for a call
        self.inputs = inputs  # None: a root module (tfvars apply)
        self.chain = chain + (mdir.directory,)
        self._memo: dict[str, Value] = {}
        self._busy: set[str] = set()
        self._children: dict[str, Module | None] = {}
        self.variables: dict[str, tuple[TfFile, Block]] = {}
        self.locals: dict[str, tuple[TfFile, Attr]] = {}
        self.outputs: dict[str, tuple[TfFile, Block]] = {}
        self.calls: dict[str, tuple[TfFile, Block]] = {}
        provider_blocks: list[tuple[TfFile, Block]] = []
        for f in mdir.config:
            for block in f.body.blocks:
                name = block.labels[0] if block.labels else ""
                if block.type == "variable" and name:
                    self.variables[name] = (f, block)
                elif block.type == "locals":
                    for attr in block.body.attrs:
                        self.locals[attr.name] = (f, attr)
                elif block.type == "output" and name:
                    self.outputs[name] = (f, block)
                elif block.type == "module" and name:
                    self.calls[name] = (f, block)
                elif block.type == "provider" and name == "aws":
                    provider_blocks.append((f, block))
        self.providers: dict[str | None, str | None] = dict(providers or {})
        for f, block in provider_blocks:
            alias_attr, region_attr = _attr(block.body, "alias"), _attr(block.body, "region")
            alias = literal(self.evaluator(f).eval(alias_attr.expr)) if alias_attr else None
            region = literal(self.evaluator(f).eval(region_attr.expr)) if region_attr else None
            self.providers[alias] = region if region and _REGION.fullmatch(region) else None

    def evaluator(self, f: TfFile, bindings: dict[str, Value] | None = None) -> Evaluator:
        return Evaluator(self, Source(f.path, f.text), bindings)

    @property
    def directory(self) -> str:
        return self.mdir.directory

    # --- Scope ---

    def var(self, name: str) -> Value:
        return self._memoised("var." + name, lambda: self._var(name))

    def local(self, name: str) -> Value:
        return self._memoised("local." + name, lambda: self._local(name))

    def module_output(self, module: str, name: str) -> Value:
        child = self.child(module)
        return child.output(name) if child is not None else UnknownV()

    def _memoised(self, key: str, compute: Callable[[], Value]) -> Value:
        if key in self._memo:
            return self._memo[key]
        if key in self._busy:  # a reference cycle: not knowable
            return UnknownV()
        self._busy.add(key)
        try:
            value = compute()
        finally:
            self._busy.discard(key)
        self._memo[key] = value
        return value

    def _var(self, name: str) -> Value:
        decl = self.variables.get(name)
        if decl is None:
            return UnknownV()
        if self.inputs is not None:
            return self.inputs[name] if name in self.inputs else self._default(name, *decl)
        value = self._default(name, *decl)
        optional: list[Value] = []
        auto = sorted(
            (f for f in self.mdir.files if f.var_file_rank is not None), key=lambda f: (f.var_file_rank, f.name)
        )
        for f in auto:
            attr = _attr(f.body, name)
            if attr is not None:
                value = with_prov(
                    self.evaluator(f).eval(attr.expr), (Step(f.path, f.line(attr.start), f"{f.name} var.{name}"),)
                )
        for f in self.mdir.files:
            if f.is_var_file and f.var_file_rank is None:
                attr = _attr(f.body, name)
                if attr is not None:
                    step = Step(f.path, f.line(attr.start), f"{f.name} (-var-file) var.{name}")
                    optional.append(with_prov(self.evaluator(f).eval(attr.expr), (step,)))
        return choice([value, *optional]) if optional else value

    def _default(self, name: str, f: TfFile, block: Block) -> Value:
        attr = _attr(block.body, "default")
        if attr is None:
            return UnknownV()  # required: set by the caller, tfvars or -var
        return with_prov(
            self.evaluator(f).eval(attr.expr), (Step(f.path, f.line(block.start), f"variable default var.{name}"),)
        )

    def _local(self, name: str) -> Value:
        decl = self.locals.get(name)
        if decl is None:
            return UnknownV()
        f, attr = decl
        step = Step(f.path, f.line(attr.start), f"local.{name}")
        return with_prov(self.evaluator(f).eval(attr.expr), (step,))

    def output(self, name: str) -> Value:
        def compute() -> Value:
            decl = self.outputs.get(name)
            attr = _attr(decl[1].body, "value") if decl else None
            if decl is None or attr is None:
                return UnknownV()
            f, block = decl
            step = Step(f.path, f.line(block.start), f"module output {self.address}output.{name}")
            return with_prov(self.evaluator(f).eval(attr.expr), (step,))

        return self._memoised("output." + name, compute)

    # --- module calls ---

    def child(self, name: str) -> Module | None:
        if name not in self._children:
            self._children[name] = self._load_child(name)
        return self._children[name]

    def _load_child(self, name: str) -> Module | None:
        decl = self.calls.get(name)
        if decl is None:
            return None
        f, block = decl
        source_attr = _attr(block.body, "source")
        source = literal(self.evaluator(f).eval(source_attr.expr)) if source_attr else None
        if not source or not source.startswith(("./", "../")) or len(self.chain) > MAX_DEPTH:
            return None  # registry, git, S3 ... sources are not followed
        target = os.path.normpath(os.path.join(self.directory, source))
        if target in self.chain:
            return None
        mdir = self.loader(target)
        if mdir is None or not mdir.config:
            return None
        ev = self.evaluator(f, for_each_bindings(self.evaluator(f), block.body))
        inputs: dict[str, Value] = {}
        for attr in block.body.attrs:
            if attr.name in MODULE_META:
                continue
            step = Step(f.path, f.line(attr.start), f"module input {self.address}module.{name}.{attr.name}")
            inputs[attr.name] = with_prov(ev.eval(attr.expr), (step,))
        return Module(
            mdir,
            self.loader,
            address=f"{self.address}module.{name}.",
            inputs=inputs,
            chain=self.chain,
            providers=self._passed_providers(f, block),
        )

    def _passed_providers(self, f: TfFile, block: Block) -> dict[str | None, str | None]:
        """The aws provider configurations a child sees: the default one, or those mapped by ``providers``."""
        passed: dict[str | None, str | None] = {}
        if None in self.providers:
            passed[None] = self.providers[None]
        mapping = _attr(block.body, "providers")
        if mapping is not None and hasattr(mapping.expr, "items"):
            for key, value in getattr(mapping.expr, "items", ()):
                inner = key if isinstance(key, str) else ""
                if not inner.startswith("aws") or not isinstance(value, Traversal) or value.root != "aws":
                    continue
                alias_in_child = inner.split(".", 1)[1] if "." in inner else None
                alias_here = value.steps[0] if value.steps and isinstance(value.steps[0], str) else None
                passed[alias_in_child] = self.providers.get(alias_here)
        return passed

    def region_for(self, block: Block) -> str | None:
        """The region of the aws provider a resource uses, when it is a literal."""
        if not block.labels or not block.labels[0].startswith("aws_"):
            return None
        ref = _attr(block.body, "provider")
        alias = None
        if (
            ref is not None
            and isinstance(ref.expr, Traversal)
            and ref.expr.steps
            and isinstance(ref.expr.steps[0], str)
        ):
            alias = ref.expr.steps[0]
        return self.providers.get(alias)


def for_each_bindings(ev: Evaluator, body: Body, name: str = "each") -> dict[str, Value]:
    """``each.key``/``each.value`` (or a dynamic block's iterator) as the choice of the for_each items."""
    attr = _attr(body, "for_each")
    if attr is None:
        return {}
    coll = ev.eval(attr.expr)
    if isinstance(coll, ListV):
        items = [with_prov(i, coll.prov) for i in coll.items]
        keys: list[Value] = items
    elif isinstance(coll, MapV):
        items = [with_prov(v, coll.prov) for _, v in coll.items]
        keys = [StrV((Seg(k),)) for k, _ in coll.items]
    else:
        return {}
    if not items:
        return {}

    def one_of(values: list[Value]) -> Value:
        return values[0] if len(values) == 1 else choice(values)

    return {name: MapV((("key", one_of(keys)), ("value", one_of(items))))}


def _attr(body: Body, name: str) -> Attr | None:
    for attr in body.attrs:
        if attr.name == name:
            return attr
    return None


def attr_named(body: Body, name: str) -> Attr | None:
    return _attr(body, name)


__all__ = ["MAX_DEPTH", "MODULE_META", "Module", "ModuleDir", "TfFile", "attr_named", "for_each_bindings"]
