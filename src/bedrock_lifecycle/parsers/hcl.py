"""Terraform files -> an expression tree with offsets.

``.tf`` and ``*.tfvars`` are HCL; ``.tf.json`` and ``*.tfvars.json`` are read into the same
tree by tf_json.py.

python-hcl2's ``loads(text, with_meta=True)`` gives a dict with block line
numbers, but its values are re-serialised text: ``var.x`` comes back as the
string ``"${var.x}"`` and every literal loses its position. We use the same
LALR parser that ``loads`` uses (``hcl2.parser.parser()``, python-hcl2 7.3.x,
built with ``propagate_positions``) and convert its syntax tree ourselves, so
every string literal keeps its exact source offsets and every expression keeps
its structure for the static evaluator (resolve/terraform.py). Nothing is ever
evaluated here. Heredocs and JSON strings are templates the grammar does not
split; ``parse_template`` finds their ``${...}`` interpolations.

hcl2's grammar binds binary operators to the right and below ``? :``
(``a == b ? x : y`` parses as ``a == (b ? x : y)``); ``_Converter`` re-associates
operator chains with HCL's precedence.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from typing import Any

from bedrock_lifecycle.document import Comment, Document
from bedrock_lifecycle.errors import ParseFailure
from bedrock_lifecycle.parsers.base import basename
from bedrock_lifecycle.parsers.hcl_ast import (  # the tree, re-exported
    EMPTY_BODY,
    Attr,
    BinOp,
    Block,
    Body,
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
    children,
)

LOG = logging.getLogger(__name__)

KIND = "terraform"
SUFFIXES = (".tf", ".tf.json", ".tfvars", ".tfvars.json")

# --- the parser ---

_PARSED: OrderedDict[tuple[str, int, int], Document] = OrderedDict()
_PARSED_MAX = 256


class HclParser:
    """Terraform configuration and variable files, HCL or JSON syntax."""

    name = KIND
    frameworks = ("terraform",)
    comment_markers = ("#", "//")

    def claims(self, path: str) -> bool:
        return basename(path).endswith(SUFFIXES)

    def parse(self, path: str, text: str) -> Document:
        """Parse, or return this process's earlier parse of the same text.

        The pipeline parses a file that may name a model, and the Terraform
        extractor parses the file's siblings to resolve it: a module's files
        would otherwise be parsed again when their own turn comes.
        """
        key = (path, len(text), hash(text))
        hit = _PARSED.get(key)
        if hit is not None and hit.text == text:
            _PARSED.move_to_end(key)
            return hit
        doc = self._parse(path, text)
        _PARSED[key] = doc
        while len(_PARSED) > _PARSED_MAX:
            _PARSED.popitem(last=False)
        return doc

    def _parse(self, path: str, text: str) -> Document:
        if path.endswith(".json"):
            from bedrock_lifecycle.parsers.tf_json import parse_tf_json

            body = parse_tf_json(text, variables_file=path.endswith(".tfvars.json"))
            return Document(path, KIND, text, meta={"body": body})
        body, comments = parse_hcl(text)
        return Document(path, KIND, text, comments=comments, meta={"body": body})


def parse_hcl(text: str) -> tuple[Body, tuple[Comment, ...]]:
    """HCL text -> (Body, comments). Raises ParseFailure with the line when known."""
    from lark import Token
    from lark.exceptions import LarkError, UnexpectedInput

    try:
        tree = _lark().parse(text + "\n")  # as hcl2.loads does: the grammar needs a final newline
    except UnexpectedInput as exc:
        line = getattr(exc, "line", None)
        col = getattr(exc, "column", None)
        line = line if isinstance(line, int) and line > 0 else None
        col = col if isinstance(col, int) and col > 0 else None
        raise ParseFailure(_describe(exc, text, line, col), line, col) from None
    except LarkError as exc:
        raise ParseFailure(f"syntax error ({type(exc).__name__})") from None
    body = _Converter(text, 0).body(tree.children[0])
    comments = []
    for tok in tree.scan_values(lambda v: isinstance(v, Token) and v.type == "NL_OR_COMMENT"):
        raw = str(tok).strip()
        if not raw.startswith(("#", "//", "/*")):
            continue
        start = tok.start_pos
        line_start = text.rfind("\n", 0, start) + 1
        inner = raw[2:-2] if raw.startswith("/*") else raw.lstrip("#/")
        comments.append(Comment(tok.line, inner.strip(), not text[line_start:start].strip()))
    comments.sort(key=lambda c: c.line)
    return body, tuple(comments)


_MAX_EXPECTED = 8  # token kinds named in a message
_HEREDOC_START = re.compile(r"<<-?[A-Za-z_][A-Za-z0-9_-]*[ \t]*\n")  # not '<<<<<<< HEAD'


def _describe(exc: Any, text: str, line: int | None, col: int | None) -> str:
    """What is wrong and where, never the file's text.

    lark's own message quotes the offending token, and for an unterminated
    heredoc or string that token is the rest of the file: a secret there would
    reach every report. So only grammar names (token kinds) and positions are
    used here.
    """
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    pos = getattr(exc, "pos_in_stream", None)
    at = text[pos : pos + 260] if isinstance(pos, int) and 0 <= pos < len(text) else ""
    token = getattr(exc, "token", None)
    kind = str(getattr(token, "type", "") or "")
    if _HEREDOC_START.match(at):
        what = "unterminated heredoc"
    elif isinstance(exc, UnexpectedEOF) or kind in ("", "$END"):
        what = "unexpected end of input"
    elif isinstance(exc, UnexpectedCharacters):
        what = "unexpected character"
    elif isinstance(exc, UnexpectedToken):
        what = f"unexpected {_kind_name(kind)}"
    else:
        what = "syntax error"
    where = (
        f" at line {line}, column {col}"
        if line is not None and col is not None
        else (f" at line {line}" if line is not None else "")
    )
    expected = getattr(exc, "expected", None) or getattr(exc, "allowed", None) or ()
    names = sorted({_kind_name(str(k)) for k in expected if isinstance(k, str)} - {"symbol"})
    hint = ""
    if names and what != "unterminated heredoc":  # a heredoc's missing end marker is the whole story
        shown = ", ".join(names[:_MAX_EXPECTED]) + (", ..." if len(names) > _MAX_EXPECTED else "")
        hint = f" (expected {shown})"
    return what + where + hint


def _kind_name(kind: str) -> str:
    """A grammar token kind as a reader-facing word; lark's anonymous kinds are just 'symbol'."""
    if kind in ("", "$END"):
        return "end of input"
    if kind.startswith("__") or not kind.replace("_", "").isalnum():
        return "symbol"
    return kind


def _lark() -> Any:
    from hcl2.parser import parser

    return parser()


def parse_expression(src: str, base: int) -> Expr:
    """One expression's source (from a heredoc or JSON interpolation); Opaque when it does not parse."""
    from lark.exceptions import LarkError

    prefix = "__x = "
    try:
        tree = _lark().parse(prefix + src + "\n")
        attr = next(c for c in tree.children[0].children if getattr(c, "data", None) == "attribute")
    except (LarkError, StopIteration, RecursionError):
        return Opaque((), base, base + len(src))
    return _Converter(src, base - len(prefix)).attribute(attr).expr


def parse_template(raw: str, base: int, decoded: str | None = None) -> tuple[StrPart | Interp, ...]:
    """Split template text into literal parts and ``${...}`` interpolations.

    ``raw`` is the source text at offset ``base``. When the value differs from
    its source (a JSON string with escapes), ``decoded`` is split instead and
    every part is given the whole raw range: a match is then located by
    searching that range for its text.
    """
    text = raw if decoded is None else decoded
    exact = decoded is None
    parts: list[StrPart | Interp] = []
    buf: list[str] = []
    buf_start = 0
    i = 0
    n = len(text)

    def flush(end: int) -> None:
        if buf:
            value = "".join(buf)
            s, e = (base + buf_start, base + end) if exact else (base, base + len(raw))
            parts.append(StrPart(value, s, e))
            buf.clear()

    while i < n:
        c = text[i]
        if c in "$%" and text.startswith(c + c + "{", i):  # '$${' / '%%{': a literal '${' / '%{'
            if not buf:
                buf_start = i
            buf.append(c + "{")
            i += 3
            continue
        if c in "$%" and text.startswith("{", i + 1):
            close = _closing_brace(text, i + 2)
            if close < 0:
                break
            if not buf:
                buf_start = i
            flush(i)
            s, e = (base + i, base + close + 1) if exact else (base, base + len(raw))
            if c == "$":
                src = text[i + 2 : close].strip("~ \t\n")
                offset = i + 2 + text[i + 2 : close].find(src) if src else i + 2
                if exact:
                    expr = parse_expression(src, base + offset)
                else:
                    expr = _shifted(parse_expression(src, 0), s, e)
                parts.append(Interp(expr, s, e))
            else:  # a %{ if } / %{ for } directive: its outcome is not known statically
                parts.append(Interp(Opaque((), s, e), s, e))
            i = close + 1
            buf_start = i
            continue
        if not buf:
            buf_start = i
        buf.append(c)
        i += 1
    if i < n:
        if not buf:
            buf_start = i
        buf.append(text[i:])
        i = n
    flush(n)
    return tuple(parts)


def _shifted(expr: Expr, start: int, end: int) -> Expr:
    """An interpolation of a JSON string with escapes: its literals span the whole string."""
    if isinstance(expr, Template):
        parts = tuple(StrPart(p.value, start, end) if isinstance(p, StrPart) else p for p in expr.parts)
        return Template(parts, start, end)
    return expr


def _closing_brace(text: str, i: int) -> int:
    """Index of the '}' closing an interpolation opened before i; nested braces and strings skipped."""
    depth = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c == "{":
            depth += 1
        elif c == "}":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    return -1


_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(.))", re.S)
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


def _unescape(raw: str) -> str:
    if "\\" not in raw:
        return raw

    def one(m: re.Match[str]) -> str:
        code = m.group(1) or m.group(2)
        if code:
            try:
                return chr(int(code, 16))
            except ValueError:
                return m.group()
        return _SIMPLE.get(m.group(3), m.group())

    return _ESCAPE.sub(one, raw)


_PRECEDENCE = {
    "||": 1,
    "&&": 2,
    "==": 3,
    "!=": 3,
    "<": 4,
    ">": 4,
    "<=": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
    "%": 6,
}


class _Converter:
    """lark tree -> Expr/Body, shifting every offset by ``delta``."""

    def __init__(self, text: str, delta: int) -> None:
        self.text = text
        self.delta = delta

    # positions
    def _span(self, node: Any) -> tuple[int, int]:
        from lark import Token

        if isinstance(node, Token):
            return (node.start_pos or 0) + self.delta, (node.end_pos or 0) + self.delta
        if node.meta.empty:
            return self.delta, self.delta
        return node.meta.start_pos + self.delta, node.meta.end_pos + self.delta

    @staticmethod
    def _trees(node: Any) -> list[Any]:
        from lark import Tree

        return [c for c in node.children if isinstance(c, Tree) and c.data != "new_line_or_comment"]

    # structure
    def body(self, node: Any) -> Body:
        attrs: list[Attr] = []
        blocks: list[Block] = []
        for child in self._trees(node):
            if child.data == "attribute":
                attrs.append(self.attribute(child))
            elif child.data == "block":
                blocks.append(self.block(child))
        return Body(tuple(attrs), tuple(blocks))

    def attribute(self, node: Any) -> Attr:
        trees = self._trees(node)
        name = self._identifier(trees[0])
        start, end = self._span(node)
        return Attr(name, self.expr(trees[1]), start, end)

    def block(self, node: Any) -> Block:
        names: list[str] = []
        body = EMPTY_BODY
        for child in self._trees(node):
            if child.data == "identifier":
                names.append(self._identifier(child))
            elif child.data == "string":
                tmpl = self.string(child)
                names.append("".join(p.value if isinstance(p, StrPart) else "" for p in tmpl.parts))
            elif child.data == "body":
                body = self.body(child)
        start, end = self._span(node)
        return Block(names[0] if names else "", tuple(names[1:]), body, start, end)

    @staticmethod
    def _identifier(node: Any) -> str:
        return str(node.children[0])

    # expressions
    def expr(self, node: Any) -> Expr:
        from lark import Token

        if isinstance(node, Token):
            start, end = self._span(node)
            return Opaque((), start, end)
        kind = node.data
        start, end = self._span(node)
        if kind == "expr_term":
            first = node.children[0] if node.children else None
            if isinstance(first, Token) and first.type == "LPAR":
                return self.expr(self._trees(node)[0])
            trees = self._trees(node)
            return self.expr(trees[0]) if trees else Opaque((), start, end)
        handler = getattr(self, "_x_" + str(kind), None)
        if handler is None:
            return Opaque(tuple(self.expr(c) for c in self._trees(node)), start, end)
        result: Expr = handler(node, start, end)
        return result

    def _x_int_lit(self, node: Any, start: int, end: int) -> Expr:
        raw = "".join(str(t) for t in node.children)
        try:
            return Lit(int(raw), start, end)
        except ValueError:
            return Opaque((), start, end)

    def _x_float_lit(self, node: Any, start: int, end: int) -> Expr:
        raw = "".join(str(t) for t in node.children)
        try:
            return Lit(float(raw), start, end)
        except ValueError:
            return Opaque((), start, end)

    def _x_string(self, node: Any, start: int, end: int) -> Expr:
        return self.string(node)

    def string(self, node: Any) -> Template:
        from lark import Token

        start, end = self._span(node)
        parts: list[StrPart | Interp] = []
        for part in node.children:
            for piece in part.children:
                if isinstance(piece, Token):
                    s, e = self._span(piece)
                    value = _unescape(str(piece)) if piece.type == "STRING_CHARS" else str(piece)[1:]
                    if parts and isinstance(parts[-1], StrPart):
                        prev = parts[-1]
                        parts[-1] = StrPart(prev.value + value, prev.start, e)
                    else:
                        parts.append(StrPart(value, s, e))
                else:  # interpolation
                    s, e = self._span(piece)
                    parts.append(Interp(self.expr(self._trees(piece)[0]), s, e))
        return Template(tuple(parts), start, end)

    def _heredoc(self, node: Any, start: int, end: int) -> Expr:
        tok = node.children[0]
        raw = str(tok)
        first_nl = raw.find("\n")
        last_nl = raw.rstrip("\n").rfind("\n")
        if first_nl < 0 or last_nl <= first_nl:
            return Template((), start, end)
        body = raw[first_nl + 1 : last_nl + 1]
        return Template(parse_template(body, start + first_nl + 1), start, end)

    _x_heredoc_template = _heredoc
    _x_heredoc_template_trim = _heredoc

    def _x_tuple(self, node: Any, start: int, end: int) -> Expr:
        return TupleExpr(tuple(self.expr(c) for c in self._trees(node)), start, end)

    def _x_object(self, node: Any, start: int, end: int) -> Expr:
        items: list[tuple[str | Expr, Expr]] = []
        for elem in self._trees(node):
            trees = self._trees(elem)
            key_node, value_node = trees[0], trees[-1]
            items.append((self._object_key(key_node), self.expr(value_node)))
        return ObjectExpr(tuple(items), start, end)

    def _object_key(self, node: Any) -> str | Expr:
        inner = self._trees(node)[0] if self._trees(node) else None
        if inner is None:
            return ""
        if inner.data == "identifier":
            return self._identifier(inner)
        if inner.data == "object_elem_key_dot_accessor":
            return ".".join(self._identifier(c) for c in self._trees(inner))
        if inner.data == "object_elem_key_expression":
            return self.expr(self._trees(inner)[0])
        key = self.expr(inner)  # a quoted key stays a Template: it is a located literal too
        if isinstance(key, Lit):
            return str(key.value)
        return key

    def _x_identifier(self, node: Any, start: int, end: int) -> Expr:
        name = self._identifier(node)
        if name in ("true", "false"):
            return Lit(name == "true", start, end)
        if name == "null":
            return Lit(None, start, end)
        return Traversal(name, (), start, end)

    def _x_function_call(self, node: Any, start: int, end: int) -> Expr:
        trees = self._trees(node)
        args = tuple(self.expr(c) for c in self._trees(trees[1])) if len(trees) > 1 else ()
        return Call(self._identifier(trees[0]), args, start, end)

    def _x_provider_function_call(self, node: Any, start: int, end: int) -> Expr:
        trees = self._trees(node)
        names = [self._identifier(t) for t in trees if t.data == "identifier"]
        args_node = next((t for t in trees if t.data == "arguments"), None)
        args = tuple(self.expr(c) for c in self._trees(args_node)) if args_node is not None else ()
        return Call("::".join(names), args, start, end)

    def _step(self, node: Any) -> str | Expr:
        from lark import Token

        if node.data == "get_attr":
            return self._identifier(self._trees(node)[0])
        trees = self._trees(node)  # index: "[" expression "]" or legacy ".0"
        if trees:
            return self.expr(trees[0])
        digits = "".join(str(t) for t in node.children if isinstance(t, Token))
        s, e = self._span(node)
        return Lit(int(digits), s, e) if digits.isdigit() else Opaque((), s, e)

    def _traverse(self, node: Any, start: int, end: int) -> Expr:
        base_node, step_node = self._trees(node)
        base = self.expr(base_node)
        step = self._step(step_node)
        if isinstance(base, Traversal):
            return Traversal(base.root, base.steps + (step,), start, end)
        if isinstance(base, Splat):
            return Splat(base.base, base.steps + (step,), start, end)
        return Traversal(base, (step,), start, end)

    _x_get_attr_expr_term = _traverse
    _x_index_expr_term = _traverse

    def _splat(self, node: Any, start: int, end: int) -> Expr:
        base_node, splat = self._trees(node)
        return Splat(self.expr(base_node), tuple(self._step(s) for s in self._trees(splat)), start, end)

    _x_attr_splat_expr_term = _splat
    _x_full_splat_expr_term = _splat

    def _x_unary_op(self, node: Any, start: int, end: int) -> Expr:
        from lark import Token

        op = next((str(t) for t in node.children if isinstance(t, Token)), "!")
        operand = self.expr(self._trees(node)[0])
        if (
            op == "-"
            and isinstance(operand, Lit)
            and isinstance(operand.value, (int, float))
            and not isinstance(operand.value, bool)
        ):
            return Lit(-operand.value, start, end)
        return Unary(op, operand, start, end)

    def _x_conditional(self, node: Any, start: int, end: int) -> Expr:
        c, y, n = self._trees(node)
        return Cond(self.expr(c), self.expr(y), self.expr(n), start, end)

    def _x_binary_op(self, node: Any, start: int, end: int) -> Expr:
        operands: list[Any] = []
        ops: list[str] = []
        self._flatten(node, operands, ops)
        last = operands[-1]
        if getattr(last, "data", None) == "conditional":  # 'a == b ? x : y' is '(a == b) ? x : y'
            c, y, n = self._trees(last)
            operands[-1] = c
            cond = self._associate([self.expr(o) for o in operands], ops)
            return Cond(cond, self.expr(y), self.expr(n), start, end)
        return self._associate([self.expr(o) for o in operands], ops)

    def _flatten(self, node: Any, operands: list[Any], ops: list[str]) -> None:
        if getattr(node, "data", None) != "binary_op":
            operands.append(node)
            return
        trees = self._trees(node)
        left, term = trees[0], trees[1]
        self._flatten(left, operands, ops)
        term_trees = self._trees(term)
        operator = term_trees[0]
        ops.append(str(operator.children[0]))
        self._flatten(term_trees[-1], operands, ops)

    @staticmethod
    def _associate(operands: list[Expr], ops: list[str]) -> Expr:
        """Operator-precedence parse of a flat chain (all binary operators are left-associative)."""
        out: list[Expr] = [operands[0]]
        pending: list[str] = []

        def reduce() -> None:
            op = pending.pop()
            right = out.pop()
            left = out.pop()
            out.append(BinOp(op, left, right, _start(left), _end(right)))

        for op, operand in zip(ops, operands[1:], strict=True):
            while pending and _PRECEDENCE.get(pending[-1], 0) >= _PRECEDENCE.get(op, 0):
                reduce()
            pending.append(op)
            out.append(operand)
        while pending:
            reduce()
        return out[0]

    def _for(self, node: Any, start: int, end: int, is_object: bool) -> Expr:
        from lark import Token

        trees = self._trees(node)
        intro = trees[0]
        intro_trees = self._trees(intro)
        names = [self._identifier(t) for t in intro_trees if t.data == "identifier"]
        collection = self.expr([t for t in intro_trees if t.data != "identifier"][0])
        rest = trees[1:]
        cond = None
        if rest and rest[-1].data == "for_cond":
            cond = self.expr(self._trees(rest[-1])[0])
            rest = rest[:-1]
        key_var, value_var = (names[0], names[1]) if len(names) > 1 else (None, names[0] if names else "_")
        grouping = any(isinstance(t, Token) and str(t) == "..." for t in node.children)
        if is_object and len(rest) >= 2:
            key, value = self.expr(rest[0]), self.expr(rest[1])
            return ForExpr(key_var, value_var, collection, key, value, cond, grouping, start, end)
        if rest:
            return ForExpr(key_var, value_var, collection, None, self.expr(rest[0]), cond, False, start, end)
        return Opaque((collection,), start, end)

    def _x_for_tuple_expr(self, node: Any, start: int, end: int) -> Expr:
        return self._for(node, start, end, False)

    def _x_for_object_expr(self, node: Any, start: int, end: int) -> Expr:
        return self._for(node, start, end, True)


def _start(expr: Expr) -> int:
    return expr.start


def _end(expr: Expr) -> int:
    return expr.end


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
    "HclParser",
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
    "parse_expression",
    "parse_hcl",
    "parse_template",
]
