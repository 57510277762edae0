"""The Terraform expression tree: frozen records with character offsets into the file text.

Built by parsers/hcl.py (HCL syntax) and parsers/tf_json.py (JSON syntax), read
by the static evaluator (resolve/terraform.py). A string literal keeps the raw
source range it came from, so a model ID found in it is located exactly.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Lit:
    """A number, bool or null."""

    value: object
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class StrPart:
    """Literal text of a template, decoded; start/end is the raw source it came from."""

    value: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Interp:
    expr: Expr
    start: int  # the whole ${...}
    end: int


@dataclass(frozen=True, slots=True)
class Template:
    """A quoted string or heredoc: literal parts and interpolations."""

    parts: tuple[StrPart | Interp, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Traversal:
    """``var.x.y["k"][0]``: a root (identifier, or the expression indexed) and its steps."""

    root: str | Expr
    steps: tuple[str | Expr, ...]  # attribute names, or index expressions
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Splat:
    """``base[*].a`` / ``base.*.a``: the steps apply to every element."""

    base: Expr
    steps: tuple[str | Expr, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple[Expr, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TupleExpr:
    items: tuple[Expr, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ObjectExpr:
    items: tuple[tuple[str | Expr, Expr], ...]  # identifier/literal keys are str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Cond:
    cond: Expr
    yes: Expr
    no: Expr
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class BinOp:
    op: str
    left: Expr
    right: Expr
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Unary:
    op: str
    operand: Expr
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ForExpr:
    """``[for k, v in coll : value if cond]`` or ``{for k, v in coll : key => value}``."""

    key_var: str | None
    value_var: str
    collection: Expr
    key: Expr | None  # object form only
    value: Expr
    cond: Expr | None
    grouping: bool
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Opaque:
    """Something that cannot be known statically; literals inside are still located."""

    children: tuple[Expr, ...]
    start: int
    end: int


Expr = Lit | Template | Traversal | Splat | Call | TupleExpr | ObjectExpr | Cond | BinOp | Unary | ForExpr | Opaque


@dataclass(frozen=True, slots=True)
class Attr:
    name: str
    expr: Expr
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Body:
    attrs: tuple[Attr, ...]
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Block:
    type: str
    labels: tuple[str, ...]
    body: Body
    start: int
    end: int


EMPTY_BODY = Body((), ())


def children(expr: Expr) -> tuple[Expr, ...]:
    """Direct sub-expressions, for walks that visit every literal (coverage, tests)."""
    if isinstance(expr, Template):
        return tuple(p.expr for p in expr.parts if isinstance(p, Interp))
    if isinstance(expr, Traversal):
        root = () if isinstance(expr.root, str) else (expr.root,)
        return root + tuple(s for s in expr.steps if not isinstance(s, str))
    if isinstance(expr, Splat):
        return (expr.base,) + tuple(s for s in expr.steps if not isinstance(s, str))
    if isinstance(expr, (Call,)):
        return expr.args
    if isinstance(expr, TupleExpr):
        return expr.items
    if isinstance(expr, ObjectExpr):
        return tuple(x for k, v in expr.items for x in ((v,) if isinstance(k, str) else (k, v)))
    if isinstance(expr, Cond):
        return (expr.cond, expr.yes, expr.no)
    if isinstance(expr, BinOp):
        return (expr.left, expr.right)
    if isinstance(expr, Unary):
        return (expr.operand,)
    if isinstance(expr, ForExpr):
        return tuple(x for x in (expr.collection, expr.key, expr.value, expr.cond) if x is not None)
    if isinstance(expr, Opaque):
        return expr.children
    return ()


__all__ = [
    "EMPTY_BODY",
    "Attr",
    "BinOp",
    "Block",
    "Body",
    "Call",
    "Cond",
    "Expr",
    "ForExpr",
    "Interp",
    "Lit",
    "ObjectExpr",
    "Opaque",
    "Splat",
    "StrPart",
    "Template",
    "Traversal",
    "TupleExpr",
    "Unary",
    "children",
]
