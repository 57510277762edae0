"""A static evaluator for Terraform expressions: values, never execution.

Values carry where their text came from. A string is a sequence of segments,
each either literal text with its source location (``Loc``) or text made by
evaluation (JSON punctuation, a number, a placeholder for something unknown),
and each segment carries the hops it took (``Step``: variable default, tfvars,
``local.x``, module input, module output). So when a model ID is found in the
evaluated string, the literal a developer edits and the chain that carried it
are both known.

What cannot be known statically (data sources, resource attributes, remote
modules, ``-var`` flags, unknown functions) is ``Unknown``: inside a string it
becomes a ``${...}`` placeholder, so ``arn:aws:bedrock:${var.region}::foundation-model/<literal>``
still names its model, but no model is ever made up from an unknown value.
A value that may be one of several (a conditional on an unknown condition,
``try()`` past an unknown argument, ``for_each`` items) is a ``Choice``; its
options are reported as possible values.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from bedrock_lifecycle.model import Step
from bedrock_lifecycle.parsers.hcl_ast import (
    BinOp,
    Call,
    Cond,
    Expr,
    ForExpr,
    Interp,
    Lit,
    ObjectExpr,
    Opaque,
    Splat,
    StrPart,
    Template,
    Traversal,
    TupleExpr,
    Unary,
)

LOG = logging.getLogger(__name__)

MAX_OPTIONS = 16  # alternatives kept for one value (conditionals, tfvars files, for_each items)
MAX_ITEMS = 1000  # elements a for expression is evaluated over


# --- values ---


@dataclass(frozen=True, slots=True)
class Loc:
    """Where a literal sits: the raw source range of one template part, and its decoded text."""

    path: str
    start: int
    end: int
    value: str


@dataclass(frozen=True, slots=True)
class Seg:
    text: str
    loc: Loc | None = None  # None: text made by evaluation
    prov: tuple[Step, ...] = ()  # hops from the literal to here
    unknown: bool = False  # a placeholder for a value that cannot be known
    possible: bool = False  # came from one option of several (see ChoiceV)


@dataclass(frozen=True, slots=True)
class StrV:
    segs: tuple[Seg, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segs)

    @property
    def known(self) -> bool:
        return not any(s.unknown for s in self.segs)


@dataclass(frozen=True, slots=True)
class PrimV:
    value: int | float | bool | None


@dataclass(frozen=True, slots=True)
class ListV:
    items: tuple[Value, ...]
    prov: tuple[Step, ...] = ()


@dataclass(frozen=True, slots=True)
class MapV:
    items: tuple[tuple[str, Value], ...]
    prov: tuple[Step, ...] = ()

    def get(self, key: str) -> Value | None:
        for k, v in reversed(self.items):
            if k == key:
                return with_prov(v, self.prov)
        return None


@dataclass(frozen=True, slots=True)
class ChoiceV:
    """One of several values. Build with ``choice()``, which marks the options' literals as possible:
    possibility belongs to the literal, so a fixed literal next to a Choice in one string stays certain."""

    options: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class UnknownV:
    src: str = "?"  # the expression, for the placeholder text


@dataclass(frozen=True, slots=True)
class ErrorV:
    """An evaluation error (missing key, bad index): what try() skips."""


Value = StrV | PrimV | ListV | MapV | ChoiceV | UnknownV | ErrorV
NULL = PrimV(None)


def with_prov(value: Value, prov: tuple[Step, ...]) -> Value:
    """The value with more hops appended (lazily for collections)."""
    if not prov:
        return value
    if isinstance(value, StrV):
        return StrV(tuple(replace(s, prov=s.prov + prov) if s.loc else s for s in value.segs))
    if isinstance(value, ListV):
        return ListV(value.items, value.prov + prov)
    if isinstance(value, MapV):
        return MapV(value.items, value.prov + prov)
    if isinstance(value, ChoiceV):
        return ChoiceV(tuple(with_prov(o, prov) for o in value.options))
    return value


def choice(options: Sequence[Value]) -> Value:
    """A Choice of the options (flattened, deduplicated, capped), their literals marked possible.

    A lone option is still a Choice: a value that may or may not be used.
    """
    flat: list[Value] = []
    for o in options:
        for x in o.options if isinstance(o, ChoiceV) else (o,):
            if isinstance(x, (UnknownV, ErrorV)):
                continue
            x = mark_possible(x)
            if x not in flat:
                flat.append(x)
    if not flat:
        return UnknownV()
    return ChoiceV(tuple(flat[:MAX_OPTIONS]))


def mark_possible(value: Value) -> Value:
    if isinstance(value, StrV):
        return StrV(tuple(replace(s, possible=True) if s.loc and not s.possible else s for s in value.segs))
    if isinstance(value, ListV):
        return ListV(tuple(mark_possible(i) for i in value.items), value.prov)
    if isinstance(value, MapV):
        return MapV(tuple((k, mark_possible(v)) for k, v in value.items), value.prov)
    if isinstance(value, ChoiceV):
        return ChoiceV(tuple(mark_possible(o) for o in value.options))
    return value


def strings(value: Value, path: str) -> Iterator[tuple[StrV, str]]:
    """Every string inside a value (each option of a Choice), with its attribute path."""
    if isinstance(value, StrV):
        yield value, path
    elif isinstance(value, ListV):
        for i, item in enumerate(value.items):
            yield from strings(with_prov(item, value.prov), f"{path}[{i}]")
    elif isinstance(value, MapV):
        for key, item in value.items:
            yield from strings(with_prov(item, value.prov), f"{path}.{key}" if path else key)
    elif isinstance(value, ChoiceV):
        for option in value.options:
            yield from strings(option, path)


def literal(value: Value) -> str | None:
    """The text of a fully known string (or primitive), else None."""
    if isinstance(value, StrV):
        return value.text if value.known else None
    if isinstance(value, PrimV) and value.value is not None:
        return _prim_text(value.value)
    return None


def _prim_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- the evaluator ---


class Scope(Protocol):
    """What expressions can refer to: a module instance (see extract/terraform.py)."""

    def var(self, name: str) -> Value: ...

    def local(self, name: str) -> Value: ...

    def module_output(self, module: str, name: str) -> Value: ...

    # Optionally, ``call(evaluator, expr) -> Value | None``: functions of its own (None: not one of them).


@dataclass(frozen=True)
class Source:
    """The file an expression is in: its reported path and text (for placeholders)."""

    path: str
    text: str


_PLACEHOLDER_JUNK = re.compile(r"[\s{}]+")


class Evaluator:
    def __init__(self, scope: Scope, source: Source, bindings: dict[str, Value] | None = None) -> None:
        self.scope = scope
        self.source = source
        self.bindings = bindings or {}

    def bind(self, extra: dict[str, Value]) -> Evaluator:
        return Evaluator(self.scope, self.source, {**self.bindings, **extra})

    def unknown(self, expr: Expr) -> UnknownV:
        src = _PLACEHOLDER_JUNK.sub("", self.source.text[expr.start : expr.end])[:80]
        return UnknownV(src or "?")

    def eval(self, expr: Expr) -> Value:
        if isinstance(expr, Lit):
            value = expr.value
            return PrimV(value if isinstance(value, (int, float, bool)) or value is None else None)
        if isinstance(expr, Template):
            return self.template(expr)
        if isinstance(expr, Traversal):
            return self.traversal(expr)
        if isinstance(expr, TupleExpr):
            return ListV(tuple(self.eval(i) for i in expr.items))
        if isinstance(expr, ObjectExpr):
            items = []
            for key, val in expr.items:
                name = key if isinstance(key, str) else literal(self.eval(key))
                items.append((name if name is not None else "?", self.eval(val)))
            return MapV(tuple(items))
        if isinstance(expr, Call):
            from bedrock_lifecycle.resolve.tf_functions import call

            own = getattr(self.scope, "call", None)  # a scope's own functions (Terragrunt's)
            if own is not None:
                result: Value | None = own(self, expr)
                if result is not None:
                    return result
            return call(self, expr)
        if isinstance(expr, Cond):
            cond = self.eval(expr.cond)
            if isinstance(cond, PrimV) and isinstance(cond.value, bool):
                return self.eval(expr.yes if cond.value else expr.no)
            if isinstance(cond, ErrorV):
                return cond
            return choice([self.eval(expr.yes), self.eval(expr.no)])
        if isinstance(expr, BinOp):
            return self.binop(expr)
        if isinstance(expr, Unary):
            operand = self.eval(expr.operand)
            if isinstance(operand, PrimV):
                if expr.op == "!" and isinstance(operand.value, bool):
                    return PrimV(not operand.value)
                if expr.op == "-" and _number(operand.value):
                    assert isinstance(operand.value, (int, float))
                    return PrimV(-operand.value)
            return self.unknown(expr)
        if isinstance(expr, Splat):
            return self.splat(expr)
        if isinstance(expr, ForExpr):
            return self.for_expr(expr)
        return self.unknown(expr) if isinstance(expr, Opaque) else UnknownV()

    # strings
    def template(self, expr: Template) -> Value:
        parts = expr.parts
        if len(parts) == 1 and isinstance(parts[0], Interp):
            return self.eval(parts[0].expr)  # "${x}" keeps x's type
        options: list[list[tuple[Seg, ...]]] = []
        for part in parts:
            if isinstance(part, StrPart):
                loc = Loc(self.source.path, part.start, part.end, part.value)
                options.append([(Seg(part.value, loc),)])
            else:
                options.append(self.as_segments(self.eval(part.expr), part.expr))
        combos = list(itertools.islice(itertools.product(*options), MAX_OPTIONS))
        values = list(dict.fromkeys(StrV(tuple(s for segs in combo for s in segs)) for combo in combos))
        if len(values) == 1:
            return values[0]
        return ChoiceV(tuple(values)) if values else UnknownV()

    def as_segments(self, value: Value, expr: Expr) -> list[tuple[Seg, ...]]:
        """A value interpolated into a string: its segments (one entry per option of a Choice)."""
        if isinstance(value, StrV):
            return [value.segs]
        if isinstance(value, PrimV) and value.value is not None:
            return [(Seg(_prim_text(value.value)),)]
        if isinstance(value, ChoiceV):
            out = [segs for option in value.options for segs in self.as_segments(option, expr)]
            return out[:MAX_OPTIONS] or [(self.placeholder(expr),)]
        return [(self.placeholder(expr),)]

    def placeholder(self, expr: Expr) -> Seg:
        return Seg("${" + self.unknown(expr).src + "}", unknown=True)

    # references
    def traversal(self, expr: Traversal) -> Value:
        steps = list(expr.steps)
        root = expr.root
        if not isinstance(root, str):
            value = self.eval(root)
        elif root in self.bindings:
            value = self.bindings[root]
        elif root in ("var", "local") and steps and isinstance(steps[0], str):
            name = steps.pop(0)
            assert isinstance(name, str)
            value = self.scope.var(name) if root == "var" else self.scope.local(name)
        elif root == "module" and len(steps) >= 2 and isinstance(steps[0], str) and isinstance(steps[1], str):
            module, output = steps.pop(0), steps.pop(0)
            assert isinstance(module, str) and isinstance(output, str)
            value = self.scope.module_output(module, output)
        else:  # data sources, resources, path, terraform, count, each, self: not known statically
            return self.unknown(expr)
        for step in steps:
            value = self.step(value, step)
            if isinstance(value, UnknownV):
                return self.unknown(expr)
        return value

    def step(self, value: Value, step: str | Expr) -> Value:
        if isinstance(value, ChoiceV):
            return choice([self.step(o, step) for o in value.options])
        if isinstance(value, (UnknownV, ErrorV)):
            return value
        key: str | int | None
        if isinstance(step, str):
            key = step
        else:
            k = self.eval(step)
            if isinstance(k, PrimV) and isinstance(k.value, (int, float)) and not isinstance(k.value, bool):
                key = int(k.value)
            else:
                key = literal(k)
                if key is None:
                    return UnknownV()
        if isinstance(value, MapV):
            item = value.get(str(key))
            return item if item is not None else ErrorV()
        if isinstance(value, ListV):
            if isinstance(key, str) and key.isdigit():
                key = int(key)
            if isinstance(key, int) and 0 <= key < len(value.items):
                return with_prov(value.items[key], value.prov)
            return ErrorV()
        return ErrorV()

    def splat(self, expr: Splat) -> Value:
        base = self.eval(expr.base)
        if isinstance(base, (UnknownV, ErrorV, ChoiceV)):
            return self.unknown(expr)
        items = (
            [with_prov(i, base.prov) for i in base.items]
            if isinstance(base, ListV)
            else ([] if base == NULL else [base])
        )
        out = []
        for item in items:
            for step in expr.steps:
                item = self.step(item, step)
            if isinstance(item, (UnknownV, ErrorV)):
                return self.unknown(expr)
            out.append(item)
        return ListV(tuple(out))

    def for_expr(self, expr: ForExpr) -> Value:
        coll = self.eval(expr.collection)
        if isinstance(coll, ListV):
            items = enumerate(coll.items)
            pairs: list[tuple[Value, Value]] = [(PrimV(i), with_prov(v, coll.prov)) for i, v in items]
        elif isinstance(coll, MapV):
            pairs = [(StrV((Seg(k),)), with_prov(v, coll.prov)) for k, v in coll.items]
        else:
            return self.unknown(expr)
        list_items: list[Value] = []
        map_items: list[tuple[str, Value]] = []
        for key, val in pairs[:MAX_ITEMS]:
            names = {expr.value_var: val}
            if expr.key_var:
                names[expr.key_var] = key
            inner = self.bind(names)
            possible = False
            if expr.cond is not None:
                cond = inner.eval(expr.cond)
                if isinstance(cond, PrimV) and cond.value is False:
                    continue
                possible = not (isinstance(cond, PrimV) and cond.value is True)
            value = inner.eval(expr.value)
            value = choice([value]) if possible else value
            if expr.key is None:
                list_items.append(value)
            else:
                name = literal(inner.eval(expr.key))
                map_items.append((name if name is not None else "?", value))
        return ListV(tuple(list_items)) if expr.key is None else MapV(tuple(map_items))

    # operators
    def binop(self, expr: BinOp) -> Value:
        left, right = self.eval(expr.left), self.eval(expr.right)
        op = expr.op
        if op in ("==", "!="):
            a, b = _comparable(left), _comparable(right)
            if a is _UNKNOWN or b is _UNKNOWN:
                return self.unknown(expr)
            return PrimV((a == b) == (op == "=="))
        if not (isinstance(left, PrimV) and isinstance(right, PrimV)):
            return self.unknown(expr)
        x, y = left.value, right.value
        if op in ("&&", "||"):
            if isinstance(x, bool) and isinstance(y, bool):
                return PrimV(x and y if op == "&&" else x or y)
            return self.unknown(expr)
        if not (_number(x) and _number(y)):
            return self.unknown(expr)
        assert isinstance(x, (int, float)) and isinstance(y, (int, float))
        ops: dict[str, Callable[[float, float], object]] = {
            "+": lambda a, b: a + b,
            "-": lambda a, b: a - b,
            "*": lambda a, b: a * b,
            "<": lambda a, b: a < b,
            ">": lambda a, b: a > b,
            "<=": lambda a, b: a <= b,
            ">=": lambda a, b: a >= b,
        }
        if op in ops:
            result = ops[op](x, y)
            return PrimV(result if isinstance(result, (bool, int, float)) else None)
        return self.unknown(expr)


_UNKNOWN = object()


def _comparable(value: Value) -> object:
    if isinstance(value, StrV):
        return value.text if value.known else _UNKNOWN
    if isinstance(value, PrimV):
        return value.value
    return _UNKNOWN


def _number(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


# --- jsonencode: a value as JSON text, literal segments kept so matches stay located ---


def json_segments(value: Value) -> list[Seg]:
    if isinstance(value, StrV):
        out = [Seg('"')]
        for s in value.segs:
            escaped = json.dumps(s.text)[1:-1] if not s.unknown else s.text
            out.append(replace(s, text=escaped))
        out.append(Seg('"'))
        return out
    if isinstance(value, PrimV):
        return [Seg(json.dumps(value.value))]
    if isinstance(value, ListV):
        out = [Seg("[")]
        for i, item in enumerate(value.items):
            if i:
                out.append(Seg(","))
            out += json_segments(with_prov(item, value.prov))
        out.append(Seg("]"))
        return out
    if isinstance(value, MapV):
        out = [Seg("{")]
        merged = {k: v for k, v in value.items}  # later keys win, as in an object constructor
        for i, key in enumerate(sorted(merged)):  # Terraform's jsonencode sorts object keys
            if i:
                out.append(Seg(","))
            out.append(Seg(json.dumps(key) + ":"))
            out += json_segments(with_prov(merged[key], value.prov))
        out.append(Seg("}"))
        return out
    return [Seg('"${?}"', unknown=True)]


def expand(value: Value) -> list[Value]:
    """The Choice-free variants of a value (capped); literals from a Choice are already marked possible."""
    if isinstance(value, ChoiceV):
        return [v for o in value.options for v in expand(o)][:MAX_OPTIONS]
    if isinstance(value, ListV):
        variants = [expand(with_prov(i, value.prov)) for i in value.items]
        combos = itertools.islice(itertools.product(*variants), MAX_OPTIONS)
        return [ListV(tuple(c)) for c in combos]
    if isinstance(value, MapV):
        keys = [k for k, _ in value.items]
        variants = [expand(with_prov(v, value.prov)) for _, v in value.items]
        combos = itertools.islice(itertools.product(*variants), MAX_OPTIONS)
        return [MapV(tuple(zip(keys, c, strict=True))) for c in combos]
    return [value]


__all__ = [
    "ChoiceV",
    "ErrorV",
    "Evaluator",
    "ListV",
    "Loc",
    "MapV",
    "NULL",
    "PrimV",
    "Scope",
    "Seg",
    "Source",
    "StrV",
    "UnknownV",
    "Value",
    "choice",
    "expand",
    "json_segments",
    "literal",
    "mark_possible",
    "strings",
    "with_prov",
]
