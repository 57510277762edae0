"""Terragrunt and other HCL files: inputs, locals, includes, read_terragrunt_config and generate blocks.

A Terragrunt unit (``terragrunt.hcl``) deploys the Terraform module named by
``terraform { source = ... }`` with its ``inputs`` as that module's variables
(Terragrunt passes them as ``TF_VAR_`` variables: a default is overridden, an
auto-loaded tfvars file of the module still wins). When the source is a local
directory inside the scan root, the module is evaluated with those inputs, so a
model named in ``inputs`` is reported at the input with the hops to the
resource that uses it, as a tfvars value is. Registry, git and other remote
sources are not followed: the inputs then stay literals reported at their own
address (``inputs.model_id``), as a module argument of a registry module does.

Evaluated statically: ``locals``, ``include`` of local files (their ``inputs``
merge under the unit's, their ``terraform`` source and ``generate`` blocks are
inherited, and ``include.NAME.locals``/``.inputs`` are readable),
``read_terragrunt_config("...")`` of local files (``.locals``, ``.inputs``),
``find_in_parent_folders([name])``, ``get_terragrunt_dir()`` and
``get_parent_terragrunt_dir()``. A ``generate`` block's ``contents`` is parsed as
Terraform and joins the module, its literals located in the Terragrunt file.
``get_env("NAME", "default")`` gives its default as a possible value; ``dependency`` outputs and other
run-time values are unknown.
No file outside the scan root is ever read: a path that leads out of it is
treated like a remote source.

Which file reports what, as for Terraform: a file reports the references whose
literal it holds. Every unit under the scan root is evaluated once per process,
so a literal in an included ``root.hcl`` is reported, in ``root.hcl``, once per
unit resource that uses it. A literal no unit carries to a resource (no local
source, an undeclared variable, a Packer or Nomad file) is reported at its own
address.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from bedrock_lifecycle.document import Document
from bedrock_lifecycle.model import Reference, Span, Step
from bedrock_lifecycle.parsers.hcl import HCL_KIND
from bedrock_lifecycle.parsers.hcl_ast import Attr, Body, Call, Expr, ObjectExpr, StrPart, Template, TupleExpr
from bedrock_lifecycle.parsers.hcl_ts import parse_hcl_partial
from bedrock_lifecycle.paths import resolves_within
from bedrock_lifecycle.resolve.ids import Recognizer
from bedrock_lifecycle.resolve.terraform import (
    Evaluator,
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
from bedrock_lifecycle.resolve.tf_module import Module, ModuleDir, TfFile, attr_named

if TYPE_CHECKING:
    from bedrock_lifecycle.extract import ExtractContext

UNIT = "terragrunt.hcl"
_SKIP_DIRS = frozenset({".terragrunt-cache", ".terraform", ".git", "node_modules"})
MAX_UNITS = 5000  # units evaluated under one scan root
MAX_INCLUDE_DEPTH = 4  # include / read_terragrunt_config chains followed


def matches(doc: Document) -> bool:
    return doc.kind == HCL_KIND


def extract_terragrunt(doc: Document, recognizer: Recognizer, ctx: ExtractContext) -> list[Reference]:
    """The references whose literal sits in ``doc``: through every unit that reads it, then its own."""
    from bedrock_lifecycle.extract.terraform import _FILES

    body = doc.meta.get("body")
    if not isinstance(body, Body):
        return []
    disk = os.path.abspath(ctx.path)
    root = os.path.abspath(ctx.root)
    _FILES.seed(disk, doc)
    found = list(evaluate_units(root, recognizer).get(doc.path, ()))
    covered = {r.span for r in found}
    tf = TfFile(doc.path, os.path.basename(disk), doc.text, body, doc.comments)
    found.extend(r for r in _own_literals(tf, recognizer) if r.span not in covered)
    return found


# --- one Terragrunt file, evaluated for a unit ---


class _Config:
    """A Terragrunt file as seen from the unit that deploys it: a Scope for the evaluator."""

    def __init__(self, tree: _Tree, tf: TfFile, disk: str, unit_dir: str, chain: tuple[str, ...] = ()) -> None:
        self.tree = tree
        self.tf = tf
        self.disk = disk
        self.unit_dir = unit_dir
        self.chain = chain + (disk,)
        self._memo: dict[str, Value] = {}
        self._busy: set[str] = set()
        self.locals_decl: dict[str, Attr] = {
            a.name: a for b in tf.body.blocks if b.type == "locals" for a in b.body.attrs
        }
        self._includes: list[tuple[str, _Config]] | None = None

    # Scope
    def var(self, name: str) -> Value:
        return UnknownV()

    def local(self, name: str) -> Value:
        key = "local." + name
        if key in self._memo:
            return self._memo[key]
        attr = self.locals_decl.get(name)
        if attr is None or key in self._busy:
            return UnknownV()
        self._busy.add(key)
        try:
            step = Step(self.tf.path, self.tf.line(attr.start), f"local.{name}")
            value = with_prov(self.evaluator().eval(attr.expr), (step,))
        finally:
            self._busy.discard(key)
        self._memo[key] = value
        return value

    def module_output(self, module: str, name: str) -> Value:
        return UnknownV()

    def call(self, ev: Evaluator, expr: Call) -> Value | None:
        """Terragrunt's own functions; None for the others (Terraform's, evaluated as usual)."""
        name = expr.name
        if name == "find_in_parent_folders":
            wanted = literal(ev.eval(expr.args[0])) if expr.args else None
            found = self.tree.find_in_parents(self.unit_dir, wanted)
            return StrV((Seg(found),)) if found else ev.unknown(expr)
        if name == "read_terragrunt_config":
            path = literal(ev.eval(expr.args[0])) if expr.args else None
            other = self._open(path) if path else None
            if other is None:
                return ev.eval(expr.args[1]) if len(expr.args) > 1 else ev.unknown(expr)
            step = Step(self.tf.path, self.tf.line(expr.start), f"read_terragrunt_config {other.tf.path}")
            return with_prov(other.exported(), (step,))
        if name == "get_env" and len(expr.args) >= 2:  # the environment is not known: the default is possible
            return choice([ev.eval(expr.args[1])])
        if name == "get_terragrunt_dir":
            return StrV((Seg(self.unit_dir),))
        if name == "get_parent_terragrunt_dir":
            return StrV((Seg(os.path.dirname(self.disk)),))
        if name in _RUNTIME:
            return ev.unknown(expr)
        return None

    def evaluator(self) -> Evaluator:
        include = MapV(tuple((name, cfg.exported()) for name, cfg in self.includes()))
        return Evaluator(self, Source(self.tf.path, self.tf.text), {"include": include})

    # what the file declares
    def includes(self) -> list[tuple[str, _Config]]:
        if self._includes is None:
            self._includes = []  # set first: an include cycle ends here
            found = []
            for block in self.tf.body.blocks:
                if block.type != "include":
                    continue
                attr = attr_named(block.body, "path")
                path = literal(self.evaluator_without_includes().eval(attr.expr)) if attr else None
                other = self._open(path) if path else None
                if other is not None:
                    found.append((block.labels[0] if block.labels else "", other))
            self._includes = found
        return self._includes

    def evaluator_without_includes(self) -> Evaluator:
        return Evaluator(self, Source(self.tf.path, self.tf.text), {})

    def _open(self, path: str) -> _Config | None:
        if len(self.chain) > MAX_INCLUDE_DEPTH:
            return None
        target = os.path.normpath(os.path.join(os.path.dirname(self.disk), path))
        if target in self.chain:
            return None
        tf = self.tree.load(target)
        return _Config(self.tree, tf, target, self.unit_dir, self.chain) if tf is not None else None

    def exported(self) -> Value:
        """What ``read_terragrunt_config`` and ``include.NAME`` give: locals, inputs and the other attributes."""
        items: list[tuple[str, Value]] = [("locals", MapV(tuple((n, self.local(n)) for n in self.locals_decl)))]
        items.append(("inputs", MapV(tuple(self.inputs().items()))))
        ev = self.evaluator_without_includes()
        for attr in self.tf.body.attrs:
            if attr.name != "inputs":
                items.append((attr.name, ev.eval(attr.expr)))
        return MapV(tuple(items))

    def inputs(self) -> dict[str, Value]:
        """Input name -> value: the included files' first, then this file's (a shallow merge, as Terragrunt's)."""
        merged: dict[str, Value] = {}
        for _name, other in self.includes():
            merged.update(other.inputs())
        attr = attr_named(self.tf.body, "inputs")
        if attr is None:
            return merged
        ev = self.evaluator()
        if isinstance(attr.expr, ObjectExpr):
            for key, expr in attr.expr.items:
                name = key if isinstance(key, str) else literal(ev.eval(key))
                if name:
                    step = Step(self.tf.path, self.tf.line(expr.start), f"terragrunt input {name}")
                    merged[name] = with_prov(ev.eval(expr), (step,))
            return merged
        value = ev.eval(attr.expr)  # merge(local.common, {...}), a read config's inputs ...
        if isinstance(value, MapV):
            step = Step(self.tf.path, self.tf.line(attr.start), "terragrunt inputs")
            for name, item in value.items:
                merged[name] = with_prov(with_prov(item, value.prov), (step,))
        return merged

    def source_dir(self) -> str | None:
        """The local module directory of ``terraform { source }`` (this file's, else an included one's)."""
        for block in self.tf.body.blocks:
            attr = attr_named(block.body, "source") if block.type == "terraform" else None
            if attr is not None:
                return self._local_source(literal(self.evaluator().eval(attr.expr)))
        for _name, other in self.includes():
            found = other.source_dir()
            if found is not None:
                return found
        return None

    def _local_source(self, source: str | None) -> str | None:
        if not source or "::" in source or "://" in source:
            return None  # git::, tfr:///, s3::, https:// ... : remote, never followed
        if not source.startswith(("./", "../", "/")):
            return None
        path = source.replace("//", "/")  # '../modules//agent': the double slash only marks a subdirectory
        return os.path.normpath(os.path.join(self.unit_dir, path))

    def generated(self) -> dict[str, TfFile]:
        """``generate`` blocks by name (this file's override an included file's), parsed as Terraform."""
        out: dict[str, TfFile] = {}
        for _name, other in self.includes():
            out.update(other.generated())
        for block in self.tf.body.blocks:
            if block.type != "generate" or not block.labels:
                continue
            contents = attr_named(block.body, "contents")
            path_attr = attr_named(block.body, "path")
            target = literal(self.evaluator().eval(path_attr.expr)) if path_attr else None
            tf = _generated_file(self.tf, contents.expr if contents else None, target or block.labels[0])
            if tf is not None:
                out[block.labels[0]] = tf
        return out


_RUNTIME = frozenset(
    {
        "get_aws_account_id",
        "get_aws_caller_identity_arn",
        "get_aws_caller_identity_user_id",
        "get_terraform_command",
        "get_terraform_cli_args",
        "path_relative_to_include",
        "path_relative_from_include",
        "get_original_terragrunt_dir",
        "get_repo_root",
        "get_path_from_repo_root",
        "get_path_to_repo_root",
        "run_cmd",
        "sops_decrypt_file",
        "local_exec",
    }
)


def _generated_file(tf: TfFile, expr: Expr | None, name: str) -> TfFile | None:
    """The Terraform a ``generate`` block writes, parsed with offsets into the Terragrunt file."""
    if not isinstance(expr, Template) or not expr.parts:
        return None
    start, end = expr.parts[0].start, expr.parts[-1].end
    raw = tf.text[start:end]
    if "{" not in raw:
        return None
    parsed = parse_hcl_partial(raw, base=start)
    if not parsed.body.blocks:
        return None
    file_name = name if name.endswith(".tf") else name + ".tf"
    return TfFile(tf.path, file_name, tf.text, parsed.body, tf.comments)


class _UnitModule(Module):
    """The module a unit deploys: a root module whose variables Terragrunt's inputs set."""

    unit_inputs: dict[str, Value] = {}

    def _var(self, name: str) -> Value:
        if name in self.unit_inputs and self.variables.get(name) is not None:
            set_by_tfvars = any(
                attr_named(f.body, name) is not None for f in self.mdir.files if f.var_file_rank is not None
            )
            if not set_by_tfvars:  # TF_VAR_ values lose to auto-loaded tfvars files
                return self.unit_inputs[name]
        return super()._var(name)


# --- every unit under the scan root ---


class _Tree:
    """The Terragrunt files of one scan root, read only inside it."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.root_real = os.path.realpath(root)
        self.loaded: dict[str, TfFile] = {}  # every Terragrunt file read, by disk path

    def load(self, path: str) -> TfFile | None:
        from bedrock_lifecycle.extract.terraform import _FILES, _rel

        if not resolves_within(path, self.root_real) or not os.path.isfile(path):
            return None  # out of the scan root: like a remote source
        tf = _FILES.get(path, _rel(path, self.root))
        if tf is not None:
            self.loaded[path] = tf
        return tf

    def find_in_parents(self, unit_dir: str, name: str | None) -> str | None:
        names = (name,) if name else (UNIT, "root.hcl")
        directory = os.path.dirname(unit_dir)
        while within_root(directory, self.root):
            for candidate in names:
                path = os.path.join(directory, candidate)
                if os.path.isfile(path) and resolves_within(path, self.root_real):
                    return path
            parent = os.path.dirname(directory)
            if parent == directory:
                break
            directory = parent
        return None

    def units(self) -> list[str]:
        found: list[str] = []
        for directory, dirs, files in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
            if UNIT in files:
                found.append(os.path.join(directory, UNIT))
                if len(found) >= MAX_UNITS:
                    break
        return found


def within_root(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


_TREES: dict[str, tuple[Recognizer, dict[str, list[Reference]]]] = {}


def evaluate_units(root: str, recognizer: Recognizer) -> dict[str, list[Reference]]:
    """Every reference that some unit under ``root`` carries to a resource, by the literal's file (cached)."""
    cached = _TREES.get(root)
    if cached is not None and cached[0] is recognizer:
        return cached[1]
    tree = _Tree(root)
    out: dict[str, list[Reference]] = {}
    for unit in tree.units():
        for ref in _unit_references(tree, unit, recognizer):
            out.setdefault(ref.span.path, []).append(ref)
    _TREES[root] = (recognizer, out)
    return out


def _unit_references(tree: _Tree, unit: str, recognizer: Recognizer) -> list[Reference]:
    from bedrock_lifecycle.extract.terraform import _Builder, _Loader, uses

    tf = tree.load(unit)
    if tf is None:
        return []
    config = _Config(tree, tf, unit, os.path.dirname(unit))
    generated = tuple(config.generated().values())
    source = config.source_dir()
    loader = _Loader(tree.root, {})
    module_dir = loader(source) if source is not None else None
    files = (module_dir.files if module_dir is not None else ()) + generated
    if not any(f.is_config for f in files):
        return []
    mdir = ModuleDir(module_dir.directory if module_dir is not None else os.path.dirname(unit), files)
    module = _UnitModule(mdir, loader)
    module.unit_inputs = config.inputs()
    module_paths = {f.path for f in module_dir.files} if module_dir is not None else set()
    builder = _Builder(mdir, recognizer)
    builder.files.update({f.path: f for f in tree.loaded.values() if f.path not in module_paths})
    out: dict[tuple[Span, str, str, str], Reference] = {}
    for use in uses(module):
        for ref in builder.references(
            use.value, use.address, use.attribute, step=use.step, blocks=use.blocks, roles=use.roles, region=use.region
        ):
            if ref.span.path not in module_paths:  # module literals: reported when its directory is scanned
                out.setdefault((ref.span, ref.resource, ref.attribute, ref.text), ref)
    return list(out.values())


# --- literals no unit carried anywhere, at their own address ---


def _own_literals(tf: TfFile, recognizer: Recognizer) -> Iterator[Reference]:
    from bedrock_lifecycle.extract.terraform import _body_literals, _Builder

    builder = _Builder(ModuleDir(os.path.dirname(tf.path), (tf,)), recognizer)
    for attr in tf.body.attrs:
        for value, attribute in _keyed(tf, attr.expr, attr.name):
            yield from builder.references(value, attribute, attribute)
    for block in tf.body.blocks:
        if block.type == "locals":
            for attr in block.body.attrs:
                for value, attribute in _keyed(tf, attr.expr, attr.name):
                    yield from builder.references(value, f"local.{attr.name}", attribute, blocks=((tf, block),))
            continue
        address = ".".join((block.type, *block.labels))
        for value, attribute in _body_literals(tf, block.body, ""):
            yield from builder.references(value, address, attribute, blocks=((tf, block),))


def _keyed(tf: TfFile, expr: Expr, path: str) -> Iterator[tuple[StrV, str]]:
    """Literals of an object or tuple with their key paths (``inputs.model_id``, ``models[1]``)."""
    from bedrock_lifecycle.extract.terraform import _templates

    if isinstance(expr, ObjectExpr):
        for key, inner in expr.items:
            if isinstance(key, Template):  # a quoted key: its text
                key = "".join(p.value if isinstance(p, StrPart) else "?" for p in key.parts)
            name = key if isinstance(key, str) else "?"
            yield from _keyed(tf, inner, f"{path}.{name}")
    elif isinstance(expr, TupleExpr):
        for i, item in enumerate(expr.items):
            yield from _keyed(tf, item, f"{path}[{i}]")
    else:
        for found in _templates(tf, expr):
            yield found, path


def clear() -> None:
    _TREES.clear()


__all__ = ["evaluate_units", "extract_terragrunt", "matches"]
