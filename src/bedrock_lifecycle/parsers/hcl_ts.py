"""HCL text -> the expression tree with offsets (imported only when an HCL file is parsed).

``.tf``, ``*.tfvars`` and other HCL files are parsed by tree-sitter with the
``tree-sitter-hcl`` grammar; ``.tf.json`` and ``*.tfvars.json`` are read into
the same tree by tf_json.py. The syntax tree is converted here into the frozen
records of hcl_ast.py, so every string literal keeps its exact source offsets
(characters, not bytes) and every expression keeps its structure for the static
evaluator (resolve/terraform.py). Nothing is ever evaluated here. Heredocs and
JSON strings are split by ``parse_template``, which finds their ``${...}``
interpolations.

tree-sitter recovers from syntax errors: a top-level item holding an ERROR or
MISSING node is left out of the tree, described (line and column, never the
text) and its range handed to the text fallback; the other items are kept.
Operator chains are re-associated with HCL's precedence (``_associate``), so
the tree does not depend on how a grammar nests them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from bedrock_lifecycle.document import Comment, SyntaxProblem
from bedrock_lifecycle.errors import ParseFailure
from bedrock_lifecycle.parsers import treesitter
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
from bedrock_lifecycle.parsers.treesitter import Source

LOG = logging.getLogger(__name__)


def parse_hcl(text: str) -> tuple[Body, tuple[Comment, ...]]:
    """HCL text -> (Body, comments). Raises ParseFailure with the line of the first syntax error."""
    parsed = parse_hcl_partial(text)
    if parsed.problems:
        first = parsed.problems[0]
        raise ParseFailure(first.message, first.line, first.col)
    return parsed.body, parsed.comments


class HclParse(NamedTuple):
    """A parse that recovered from syntax errors: what parsed, and what did not."""

    body: Body  # every top-level attribute and block without a syntax error
    comments: tuple[Comment, ...]
    problems: tuple[SyntaxProblem, ...]  # one per top-level item (or stray text) with an error
    unparsed: tuple[tuple[int, int], ...]  # their character ranges, left to the text fallback


_MAX_PROBLEMS = 5  # syntax errors described per file; the rest are counted in the last


def parse_hcl_partial(text: str, base: int = 0) -> HclParse:
    """HCL text -> the tree of the items that parsed, and the ranges of those that did not.

    tree-sitter recovers from a syntax error by marking ERROR and MISSING nodes
    inside an otherwise complete tree. A top-level item (attribute or block)
    holding one is not converted, since its structure is a guess: its range is
    reported and scanned as text, and every other item keeps its full structure.
    """
    source = Source(text)
    conv = _Converter(source, base)  # base: where text starts in its file (an embedded document)
    root = treesitter.parse("hcl", source).root_node
    attrs: list[Attr] = []
    blocks: list[Block] = []
    bad: list[Any] = []
    for child in root.children:
        if child.type == "body" and not child.is_missing:
            for item in child.children:
                if item.has_error or item.is_missing or item.type == "ERROR":
                    bad.append(item)
                elif item.type == "attribute":
                    attrs.append(conv.attribute(item))
                elif item.type == "block":
                    blocks.append(conv.block(item))
        elif child.has_error or child.type == "ERROR" or child.is_missing:
            bad.append(child)
    local = conv if base == 0 else _Converter(source, 0)  # comments and problems: lines of text itself
    comments = _comments(root, local, text) if "#" in text or "//" in text or "/*" in text else ()
    problems: list[SyntaxProblem] = []
    unparsed: list[tuple[int, int]] = []
    for item in bad:
        start, end = conv.off(item.start_byte), conv.off(item.end_byte)
        if end > start:
            unparsed.append((start, end))
        if len(problems) < _MAX_PROBLEMS:
            problems.append(_problem(item, local, text))
    if len(bad) > _MAX_PROBLEMS:
        last = problems[-1]
        more = len(bad) - _MAX_PROBLEMS
        problems[-1] = SyntaxProblem(f"{last.message} (and {more} more)", last.line, last.col)
    return HclParse(Body(tuple(attrs), tuple(blocks)), comments, tuple(problems), tuple(unparsed))


def _comments(root: Any, conv: _Converter, text: str) -> tuple[Comment, ...]:
    out = []
    for node, _name in treesitter.captures("hcl", "(comment) @c", root):
        start = conv.off(node.start_byte)
        raw = text[start : conv.off(node.end_byte)].strip()
        line_start = text.rfind("\n", 0, start) + 1
        inner = raw[2:-2] if raw.startswith("/*") else raw.lstrip("#/")
        out.append(Comment(node.start_point[0] + 1, inner.strip(), not text[line_start:start].strip()))
    out.sort(key=lambda c: c.line)
    return tuple(out)


def _problem(item: Any, conv: _Converter, text: str) -> SyntaxProblem:
    """What is wrong and where, never the file's text (a secret in a broken file stays out of reports)."""
    heredoc = _broken_heredoc(item)
    if heredoc is not None:
        node = heredoc
        ident = next((c for c in heredoc.children if c.type == "heredoc_identifier"), None)
        named = ident is not None and ident.end_byte > ident.start_byte
        what = "unterminated heredoc" if named else "unexpected input"
        before = heredoc.parent.prev_sibling if not named and heredoc.parent is not None else None
        if before is not None and before.type == "<":  # '<<<<<<< HEAD' read as '<' then '<<' heredoc
            node = before
    else:
        node = treesitter.first_error(item) or item
        if node.is_missing:
            at_end = node.start_byte >= len(conv.data.rstrip())
            what = "unexpected end of input" if at_end else f"missing {node.type!r}"
        elif node.type == "ERROR":
            what = "unexpected input"
        else:
            what = "syntax error"
    offset = conv.off(node.start_byte)
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    owner = ""
    if item.type in ("block", "attribute") and item.children:
        first = item.children[0]
        name = conv.data[first.start_byte : first.end_byte].decode("utf-8", "replace")
        if first.type == "identifier" and len(name) <= 64:
            owner = f" in {item.type} {name!r} starting at line {item.start_point[0] + 1}"
    return SyntaxProblem(f"{what} at line {line}, column {col}{owner}", line, col)


def _broken_heredoc(node: Any) -> Any:
    """The first heredoc whose closing marker is MISSING, or None."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == "heredoc_template" and any(c.is_missing for c in n.children):
            return n
        stack.extend(c for c in reversed(n.children) if c.has_error)
    return None


def parse_expression(src: str, base: int) -> Expr:
    """One expression's source (from a heredoc or JSON interpolation); Opaque when it does not parse."""
    prefix = "__x = "
    source = Source(prefix + src + "\n")
    root = treesitter.parse("hcl", source).root_node
    if root.has_error:
        return Opaque((), base, base + len(src))
    body = next((c for c in root.children if c.type == "body"), None)
    items = [c for c in body.children if c.type != "comment"] if body is not None else []
    if len(items) != 1 or items[0].type != "attribute":  # '__x = a }\n{ b' is not one expression
        return Opaque((), base, base + len(src))
    attr = items[0]
    try:
        return _Converter(source, base - len(prefix)).attribute(attr).expr
    except RecursionError:
        return Opaque((), base, base + len(src))


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

_SKIP = frozenset({"comment", "ERROR"})


class _Converter:
    """tree-sitter-hcl nodes -> Expr/Body, with character offsets shifted by ``delta``.

    tree-sitter counts bytes; the tree counts characters of the text (``Source.char``).
    """

    def __init__(self, source: Source, delta: int) -> None:
        self.data = source.data
        self.delta = delta
        self._char = source.char

    def off(self, byte: int) -> int:
        return self._char(byte) + self.delta

    def _span(self, node: Any) -> tuple[int, int]:
        return self.off(node.start_byte), self.off(node.end_byte)

    def _src(self, node: Any) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "surrogatepass")

    @staticmethod
    def _named(node: Any) -> list[Any]:
        return [c for c in node.named_children if c.type not in _SKIP]

    # structure
    def body(self, node: Any) -> Body:
        attrs: list[Attr] = []
        blocks: list[Block] = []
        for child in node.named_children:
            if child.type == "attribute":
                attrs.append(self.attribute(child))
            elif child.type == "block":
                blocks.append(self.block(child))
        return Body(tuple(attrs), tuple(blocks))

    def attribute(self, node: Any) -> Attr:
        named = self._named(node)
        name = self._src(named[0])
        start, end = self._span(node)
        value = self.expr(named[1]) if len(named) > 1 else Opaque((), end, end)
        return Attr(name, value, start, max(end, value.end))

    def block(self, node: Any) -> Block:
        names: list[str] = []
        body = EMPTY_BODY
        for child in self._named(node):
            kind = child.type
            if kind == "identifier":
                names.append(self._src(child))
            elif kind == "string_lit":
                tmpl = self.string(child)
                names.append("".join(p.value if isinstance(p, StrPart) else "" for p in tmpl.parts))
            elif kind == "body":
                body = self.body(child)
        start, end = self._span(node)
        return Block(names[0] if names else "", tuple(names[1:]), body, start, end)

    # expressions
    def expr(self, node: Any) -> Expr:
        kind = node.type
        if kind == "expression":
            return self._expression(node)
        handler = _HANDLERS.get(kind)
        start, end = self._span(node)
        if handler is None:
            return Opaque(tuple(self.expr(c) for c in self._named(node)), start, end)
        return handler(self, node, start, end)

    def _expression(self, node: Any) -> Expr:
        return self._term(node.children, node)

    def _term(self, children: list[Any], node: Any) -> Expr:
        """A primary (or a parenthesised expression), then get_attr/index/splat steps.

        That is an ``expression`` node's children, and an operand's inside an operation
        (the grammar inlines operands there).
        """
        children = [c for c in children if c.type != "comment"]
        if not children:
            return Opaque((), *self._span(node))
        first = children[0]
        if first.type == "(":
            inner = next((c for c in children if c.type == "expression"), None)
            base = self.expr(inner) if inner is not None else Opaque((), *self._span(node))
            close = next((i for i, c in enumerate(children) if c.type == ")"), len(children) - 1)
            rest = children[close + 1 :]
        else:
            base = self.expr(first)
            rest = children[1:]
        if not rest:
            return base
        start = base.start
        for step_node in rest:
            kind = step_node.type
            end = self.off(step_node.end_byte)
            if kind == "splat":
                splat = step_node.named_children[0] if step_node.named_children else step_node
                base = Splat(base, tuple(self._step(s) for s in self._named(splat)), start, end)
                continue
            if kind not in ("get_attr", "index"):
                continue
            step = self._step(step_node)
            if isinstance(base, Traversal):
                base = Traversal(base.root, base.steps + (step,), start, end)
            elif isinstance(base, Splat):
                base = Splat(base.base, base.steps + (step,), start, end)
            else:
                base = Traversal(base, (step,), start, end)
        return base

    def _step(self, node: Any) -> str | Expr:
        if node.type == "get_attr":
            named = self._named(node)
            return self._src(named[0]) if named else ""
        inner = node.named_children[0] if node.type == "index" and node.named_children else node
        if inner.type == "legacy_index":  # '.0'
            s, e = self._span(inner)
            digits = self._src(inner).lstrip(".").strip()
            return Lit(int(digits), s, e) if digits.isdigit() else Opaque((), s, e)
        named = self._named(inner)
        if named:
            return self.expr(named[0])
        return Opaque((), *self._span(inner))

    def _x_literal_value(self, node: Any, start: int, end: int) -> Expr:
        named = self._named(node)
        if not named:
            return Opaque((), start, end)
        inner = named[0]
        kind = inner.type
        if kind == "string_lit":
            return self.string(inner)
        raw = self._src(inner)
        if kind == "numeric_lit":
            try:
                return Lit(int(raw), start, end)
            except ValueError:
                try:
                    return Lit(float(raw), start, end)
                except ValueError:
                    return Opaque((), start, end)
        if kind == "bool_lit":
            return Lit(raw == "true", start, end)
        if kind == "null_lit":
            return Lit(None, start, end)
        return Opaque((), start, end)

    def _x_template_expr(self, node: Any, start: int, end: int) -> Expr:
        named = self._named(node)
        if not named:
            return Opaque((), start, end)
        inner = named[0]
        if inner.type == "heredoc_template":
            return self._heredoc(inner)
        return self.string(inner)

    def string(self, node: Any) -> Template:
        """A quoted string (string_lit or quoted_template): literal text decoded, interpolations as Interp.

        The literal parts are the source between the quotes and the interpolations,
        not the grammar's ``template_literal`` nodes, which leave out spaces next
        to an interpolation.
        """
        start, end = self._span(node)
        children = node.children
        if not children:
            return Template((), start, end)
        pos = children[0].end_byte if children[0].type == "quoted_template_start" else node.start_byte
        close = children[-1].start_byte if children[-1].type == "quoted_template_end" else node.end_byte
        parts: list[StrPart | Interp] = []
        for piece in children:
            kind = piece.type
            if kind not in ("template_interpolation", "template_directive"):
                continue
            if piece.start_byte > pos:
                parts.append(self._literal(pos, piece.start_byte))
            s, e = self._span(piece)
            if kind == "template_interpolation":
                inner = next((c for c in piece.named_children if c.type == "expression"), None)
                parts.append(Interp(self.expr(inner) if inner is not None else Opaque((), s, e), s, e))
            else:  # %{ if } / %{ for }: the outcome is not known statically
                parts.append(Interp(Opaque((), s, e), s, e))
            pos = piece.end_byte
        if close > pos:
            parts.append(self._literal(pos, close))
        return Template(tuple(parts), start, end)

    def _literal(self, start_byte: int, end_byte: int) -> StrPart:
        raw = self.data[start_byte:end_byte].decode("utf-8", "surrogatepass")
        return StrPart(_unescape(raw.replace("$${", "${")), self.off(start_byte), self.off(end_byte))

    def _heredoc(self, node: Any) -> Expr:
        """The body between the opening line and the closing marker, split by parse_template."""
        start, end = self._span(node)
        if self.data[node.end_byte : node.end_byte + 1] == b"\n":  # the closing marker's line ends the heredoc
            end += 1
        raw = self._src(node)
        first_nl = raw.find("\n")
        last_nl = raw.rfind("\n")
        if first_nl < 0 or last_nl <= first_nl:
            return Template((), start, end)
        body = raw[first_nl + 1 : last_nl + 1]
        return Template(parse_template(body, start + len(raw[: first_nl + 1])), start, end)

    def _x_collection_value(self, node: Any, start: int, end: int) -> Expr:
        named = self._named(node)
        return self.expr(named[0]) if named else Opaque((), start, end)

    def _x_tuple(self, node: Any, start: int, end: int) -> Expr:
        return TupleExpr(tuple(self.expr(c) for c in self._named(node) if c.type == "expression"), start, end)

    def _x_object(self, node: Any, start: int, end: int) -> Expr:
        items: list[tuple[str | Expr, Expr]] = []
        for elem in self._named(node):
            if elem.type != "object_elem":
                continue
            exprs = [c for c in self._named(elem) if c.type == "expression"]
            if len(exprs) < 2:
                continue
            items.append((self._object_key(exprs[0]), self.expr(exprs[-1])))
        return ObjectExpr(tuple(items), start, end)

    def _object_key(self, node: Any) -> str | Expr:
        """A bare name (or dotted name) is the key itself; a quoted key stays a located Template."""
        children = node.children
        if children and children[0].type == "variable_expr":
            if all(c.type == "get_attr" for c in children[1:]):
                return ".".join(self._src(self._named(c)[0]) for c in children if self._named(c))
        if len(children) == 1 and children[0].type == "literal_value":
            lit = self._named(children[0])
            if lit and lit[0].type in ("bool_lit", "null_lit"):
                return self._src(lit[0])
        key = self.expr(node)
        if isinstance(key, Lit):
            return str(key.value)
        return key

    def _x_variable_expr(self, node: Any, start: int, end: int) -> Expr:
        return Traversal(self._src(node), (), start, end)

    def _x_function_call(self, node: Any, start: int, end: int) -> Expr:
        named = self._named(node)
        name = self._src(named[0]) if named else ""
        args_node = next((c for c in named if c.type == "function_arguments"), None)
        args = (
            () if args_node is None else tuple(self.expr(c) for c in self._named(args_node) if c.type == "expression")
        )
        return Call(name, args, start, end)

    def _x_operation(self, node: Any, start: int, end: int) -> Expr:
        named = self._named(node)
        return self.expr(named[0]) if named else Opaque((), start, end)

    def _x_unary_operation(self, node: Any, start: int, end: int) -> Expr:
        children = node.children
        op = children[0].type if children and not children[0].is_named else "!"
        operand = self._term(children[1:], node) if len(children) > 1 else Opaque((), end, end)
        if (
            op == "-"
            and isinstance(operand, Lit)
            and isinstance(operand.value, (int, float))
            and not isinstance(operand.value, bool)
        ):
            return Lit(-operand.value, start, end)
        return Unary(op, operand, start, end)

    def _x_binary_operation(self, node: Any, start: int, end: int) -> Expr:
        operands: list[Expr] = []
        ops: list[str] = []
        self._flatten(node, operands, ops)
        if not operands or len(operands) != len(ops) + 1:
            return Opaque(tuple(operands), start, end)
        return _associate(operands, ops)

    def _flatten(self, node: Any, operands: list[Expr], ops: list[str]) -> None:
        """An operator chain in source order, so it is associated exactly as HCL does (_associate).

        The grammar inlines operands: a run of children between two operator tokens is one term.
        """
        group: list[Any] = []

        def flush() -> None:
            if len(group) == 1 and group[0].type == "operation":
                inner = group[0].named_children[0] if group[0].named_children else None
                if inner is not None and inner.type == "binary_operation":
                    self._flatten(inner, operands, ops)
                    group.clear()
                    return
            if group:
                operands.append(self._term(group, node))
            group.clear()

        for child in node.children:
            if not child.is_named and child.type in _PRECEDENCE:
                flush()
                ops.append(child.type)
            elif child.type != "comment":
                group.append(child)
        flush()

    def _x_conditional(self, node: Any, start: int, end: int) -> Expr:
        """``a ? b : c ? d : e`` is ``a ? b : (c ? d : e)``.

        tree-sitter-hcl 1.2 nests a chain of conditionals to the left
        (``(a ? b : c) ? d : e``), so the chain is unrolled here: the tests and
        branches in source order, then folded from the right.
        """
        levels: list[tuple[Any, Any]] = []  # (yes, no) of each level, outermost first
        current = node
        while True:
            parts = [c for c in self._named(current) if c.type == "expression"]
            if len(parts) != 3:
                return Opaque(tuple(self.expr(c) for c in parts), start, end)
            levels.append((parts[1], parts[2]))
            test = parts[0]
            inner = [c for c in test.children if c.type != "comment"]
            if len(inner) == 1 and inner[0].type == "conditional":
                current = inner[0]
                continue
            break
        # source order: test ? yes0 : no0 ? yes1 : no1 ...; each no but the last is the next test
        tests = [test] + [no for _yes, no in reversed(levels[1:])]
        yeses = [yes for yes, _no in reversed(levels)]
        result = self.expr(levels[0][1])
        for test_node, yes_node in zip(reversed(tests), reversed(yeses), strict=True):
            cond = self.expr(test_node)
            result = Cond(cond, self.expr(yes_node), result, cond.start, end)
        assert isinstance(result, Cond)
        return Cond(result.cond, result.yes, result.no, start, end)

    def _x_for_expr(self, node: Any, start: int, end: int) -> Expr:
        named = self._named(node)
        if not named:
            return Opaque((), start, end)
        inner = named[0]
        is_object = inner.type == "for_object_expr"
        parts = self._named(inner)
        intro = next((c for c in parts if c.type == "for_intro"), None)
        if intro is None:
            return Opaque((), start, end)
        intro_parts = self._named(intro)
        names = [self._src(c) for c in intro_parts if c.type == "identifier"]
        coll_node = next((c for c in intro_parts if c.type == "expression"), None)
        collection = self.expr(coll_node) if coll_node is not None else Opaque((), start, end)
        exprs = [c for c in parts if c.type == "expression"]
        cond_node = next((c for c in parts if c.type == "for_cond"), None)
        cond = None
        if cond_node is not None:
            cond_expr = next((c for c in self._named(cond_node) if c.type == "expression"), None)
            cond = self.expr(cond_expr) if cond_expr is not None else None
        key_var, value_var = (names[0], names[1]) if len(names) > 1 else (None, names[0] if names else "_")
        grouping = any(c.type == "ellipsis" for c in parts)
        if is_object and len(exprs) >= 2:
            key, value = self.expr(exprs[0]), self.expr(exprs[1])
            return ForExpr(key_var, value_var, collection, key, value, cond, grouping, start, end)
        if exprs:
            return ForExpr(key_var, value_var, collection, None, self.expr(exprs[0]), cond, False, start, end)
        return Opaque((collection,), start, end)


_HANDLERS: dict[str, Callable[[_Converter, Any, int, int], Expr]] = {
    "literal_value": _Converter._x_literal_value,
    "template_expr": _Converter._x_template_expr,
    "collection_value": _Converter._x_collection_value,
    "tuple": _Converter._x_tuple,
    "object": _Converter._x_object,
    "variable_expr": _Converter._x_variable_expr,
    "function_call": _Converter._x_function_call,
    "operation": _Converter._x_operation,
    "unary_operation": _Converter._x_unary_operation,
    "binary_operation": _Converter._x_binary_operation,
    "conditional": _Converter._x_conditional,
    "for_expr": _Converter._x_for_expr,
}


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
    "HclParse",
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
    "parse_hcl_partial",
    "parse_template",
]
