"""String literals and their context in JS/TS/TSX, Java, Go, C#, Kotlin and Ruby, read with tree-sitter.

Each language is a ``Lang`` table over its maintained grammar (see
parsers/treesitter.py): which node types are string literals, comments,
escapes and interpolation holes, and which ancestors name a literal's context.
``read(text, lang)`` parses the file, captures every literal and comment with
one query (in C), and gives each literal:

* ``Scalar.value``: the literal's interior masked to the same length as the
  source (escapes blanked, hole expressions replaced by ``_``, see
  source_mask.apply), so a match at offset k sits at ``start + k``. A literal
  written inside a hole (``${x ? "a" : "b"}``) is a literal of its own.
* ``Scalar.key_path``: the context segments, outermost first, in the encoding
  parsers.source_context documents (``c:`` call, ``b:`` composite literal,
  ``f:`` function, ``t:`` type, ``k:`` key, ``p:in`` the left operand of a
  substring test); extract.source.describe turns them into the resource name
  (``InvokeModelCommand(modelId)``), and extract.source.is_probe reads the
  probes (an argument of ``.startsWith(...)``, Kotlin ``"x" in s``).

Context comes from the path from the root to the literal: each (parent,
child) step on it may add a segment, by the parent's node type (``Lang.rules``):
a call adds ``c:callee`` when the child is its argument list, a pair or an
assignment adds ``k:key`` when the child is its value, a class or a function
adds ``t:``/``f:`` with its name. The walk descends from the root to each
literal in document order with ``first_child_for_byte`` and keeps the stack of
the previous literal's ancestors, so every node on the way is visited once
(tree-sitter nodes have no parent pointer: climbing with ``.parent`` would be
quadratic on deep nesting).

Parsing never fails: tree-sitter turns a syntax error into an ERROR node and
still parses the rest, and a literal inside an ERROR node is still read. The
rest of an ERROR node's text (after an unclosed bracket it can be the rest of
the file, skipped unread; or a literal torn into loose tokens) goes to the
text fallback (``Document.unparsed``) with a syntax problem naming its line,
so nothing it holds goes unseen.

Extending a language (the hook for extra per-language readers, e.g. CDK
constants such as ``bedrock.FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1``):
write a ``Visitor`` (a tree-sitter query for the nodes it wants and a
``visit(reader, node, capture)`` method returning Scalars, and a ``gate``: bytes
one of which a file must hold for the query to run) and add it with
``add_visitor("typescript", visitor)`` (one call per parser name). Its query
runs on the same tree after the literal query; ``reader.context(node)`` gives
the node's context segments exactly as for a literal (so a constant assigned
to ``modelId`` is named ``InvokeModelCommand(modelId)`` like a literal),
``reader.src`` converts byte offsets to character offsets, and
``reader.lang`` holds the language's table. The Scalars it returns are added
to the document's; keep ``len(value) == end - start`` so offsets map 1:1 (a
model constant instead spans the code it names and ends its key path with
source_context.MODEL_CONSTANT; see ModelConstants at the end of this module,
the first visitor). A visitor may climb with ``.parent`` from the few nodes it
captures; ``context()`` is cheapest when asked in document order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from bedrock_lifecycle.document import Comment, Document, SyntaxProblem
from bedrock_lifecycle.model import Scalar
from bedrock_lifecycle.parsers import treesitter
from bedrock_lifecycle.parsers.source_context import MODEL_CONSTANT, MODEL_CONSTANT_CLASSES, PROBE_IN
from bedrock_lifecycle.parsers.source_mask import apply

if TYPE_CHECKING:
    from tree_sitter import Node

MAX_SEGMENTS = 8  # context segments kept per literal (the innermost ones)
MAX_PARTS = 3  # parts of a dotted name kept: 'os.environ.MODEL_ID'
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*\Z")
_LEAD_IN = re.compile(r"[ \t\r\f\v]*[/*#]*[ \t\r\f\v]*")

Rule = Callable[["Reader", "Node", "Node"], "str | None"]
"""(reader, parent, child on the path to the literal) -> a context segment, or None."""


class Visitor(Protocol):
    """An extra per-language reader run on the same tree (see the module docstring)."""

    query: str
    gate: tuple[bytes, ...]  # the query runs only on files holding one of these (empty: every file)

    def visit(self, reader: Reader, node: Node, capture: str) -> Iterable[Scalar]: ...


@dataclass
class Lang:
    name: str  # parser name (Document.kind)
    grammar: str  # key of treesitter.GRAMMARS
    strings: frozenset[str]  # literal node types: the interior lies between the first and last child
    comments: frozenset[str]
    rules: dict[str, Rule]
    names: frozenset[str]  # node types whose text is a name ('identifier', 'this', ...)
    members: dict[str, tuple[str | None, str | None]]  # member access type -> (object field, name field)
    subscripts: frozenset[str] = frozenset()  # obj["KEY"]: a dotted name part when the index is a string
    whole: frozenset[str] = frozenset()  # literal node types without delimiters (Ruby %w[] words)
    escapes: frozenset[str] = frozenset({"escape_sequence"})
    holes: frozenset[str] = frozenset()  # interpolation node types: '${' expression '}'
    dollar_names: bool = False  # Kotlin "$name" templates (the grammar keeps them as text)
    verbatim: frozenset[str] = frozenset()  # C# @"...": a single token, '""' is a quote
    heredocs: bool = False  # Ruby: heredoc bodies belong to the '<<~EOS' that opened them
    visitors: list[Visitor] = field(default_factory=list)
    query: str = field(init=False)

    def __post_init__(self) -> None:
        strings = " ".join(f"({t})" for t in sorted(self.strings | self.verbatim))
        comments = " ".join(f"({t})" for t in sorted(self.comments))
        extra = " (heredoc_beginning) @h (heredoc_body) @b" if self.heredocs else ""
        self.query = f"[{strings}] @s [{comments}] @c (ERROR) @e{extra}"


MAX_PROBLEMS = 5  # syntax problems reported per file (the last one says how many more)


def read(text: str, lang: Lang) -> tuple[list[Scalar], list[Comment]]:
    """String literals (with context) and comments of a source file; never raises on bad syntax."""
    reader = Reader(text, lang)
    return reader.run()


def read_document(path: str, text: str, lang: Lang) -> Document:
    """The Document of a source file: literals, comments, and the skipped text as syntax problems."""
    reader = Reader(text, lang)
    scalars, comments = reader.run()
    problems = reader.problems()
    return Document(
        path,
        lang.name,
        text,
        scalars=tuple(scalars),
        comments=tuple(comments),
        problems=problems,
        unparsed=tuple(reader.unparsed()),
    )


class Reader:
    def __init__(self, text: str, lang: Lang) -> None:
        self.lang = lang
        self.src = treesitter.Source(text)
        self.tree = treesitter.parse(lang.grammar, self.src)
        self.scalars: list[Scalar] = []
        self.comments: list[Comment] = []
        # the path from the root to the last node placed: (node, context inside it)
        self._path: list[tuple[Node, tuple[str, ...]]] = [(self.tree.root_node, ())]
        self._lead_in = (-1, 0)  # (line start, end of its lead-in) for the last comment's line
        self.skipped: list[tuple[int, int]] = []  # character ranges of the outermost ERROR nodes

    # --- the walk ---

    def run(self) -> tuple[list[Scalar], list[Comment]]:
        root = self.tree.root_node
        lang = self.lang
        openers: list[Node] = []
        for node, capture in treesitter.captures(lang.grammar, lang.query, root):
            if capture == "s":
                self.literal(node)
            elif capture == "c":
                self.comment(node)
            elif capture == "e":
                self.error(node)
            elif capture == "h":
                openers.append(node)
            elif capture == "b" and openers:
                self.heredoc(openers.pop(0), node)
        data = self.src.data
        for visitor in lang.visitors:
            if visitor.gate and not any(g in data for g in visitor.gate):
                continue  # a query with predicates costs Python work per candidate node: skip it early
            for node, capture in treesitter.captures(lang.grammar, visitor.query, root):
                self.scalars.extend(visitor.visit(self, node, capture))
        return self.scalars, self.comments

    def context(self, node: Node) -> tuple[str, ...]:
        """Context segments for ``node`` (outermost first). Nodes must be asked for in document order
        (an earlier one re-descends from the root: correct, only slower)."""
        path = self._path
        start, end = node.start_byte, node.end_byte
        while len(path) > 1:
            top = path[-1][0]
            if top == node:
                return path[-1][1]
            if top.start_byte <= start and end <= top.end_byte and (top.start_byte, top.end_byte) != (start, end):
                break
            path.pop()  # not an ancestor (or a same-range descendant of it): back up
        rules = self.lang.rules
        while True:
            parent, ctx = path[-1]
            child = self._child_towards(parent, node)
            if child is None:
                return ctx
            rule = rules.get(parent.type)
            seg = rule(self, parent, child) if rule is not None else None
            if seg is not None:
                ctx = (ctx + (seg,))[-MAX_SEGMENTS:]
            path.append((child, ctx))
            if child == node:
                return ctx

    @staticmethod
    def _child_towards(parent: Node, node: Node) -> Node | None:
        start, end = node.start_byte, node.end_byte
        child = parent.first_child_for_byte(start)
        if child is not None and child.start_byte <= start and end <= child.end_byte and child != parent:
            if child.end_byte > child.start_byte or child == node:
                return child
        for child in parent.children:  # zero-width (MISSING) neighbours: look at every child
            if child == node or (child.start_byte <= start and end <= child.end_byte and child.end_byte > start):
                return child
        return None

    # --- syntax errors ---

    def error(self, node: Node) -> None:
        """Record an outermost ERROR node: its text goes to the text fallback, except the literals read
        in it. Inside an error, tree-sitter may leave a literal as loose tokens or read a model ID as
        identifiers and operators ('cohere' '.' 'command' '-' 'r'): only the text can tell."""
        start, end = self.src.char(node.start_byte), self.src.char(node.end_byte)
        if self.skipped and start < self.skipped[-1][1]:
            return  # nested in the last one
        if end > start:
            self.skipped.append((start, end))

    def unparsed(self) -> list[tuple[int, int]]:
        """The error ranges without the literal interiors read in them (those are reported already)."""
        if not self.skipped:
            return []
        reads = sorted((s.start, s.end) for s in self.scalars)
        out: list[tuple[int, int]] = []
        k = 0
        for start, end in self.skipped:
            pos = start
            while k < len(reads) and reads[k][1] <= start:
                k += 1
            j = k
            while j < len(reads) and reads[j][0] < end:
                if reads[j][0] > pos:
                    out.append((pos, reads[j][0]))
                pos = max(pos, reads[j][1])
                j += 1
            if end > pos:
                out.append((pos, end))
        text = self.src.text
        return [(a, b) for a, b in out if text[a:b].strip()]

    def problems(self) -> tuple[SyntaxProblem, ...]:
        out = []
        for start, _end in self.skipped[:MAX_PROBLEMS]:
            line, col = self.src.index().position(start)
            out.append(SyntaxProblem("syntax error", line, col))
        if len(self.skipped) > MAX_PROBLEMS:
            last = out[-1]
            more = len(self.skipped) - MAX_PROBLEMS
            out[-1] = SyntaxProblem(f"{last.message} (and {more} more)", last.line, last.col)
        return tuple(out)

    # --- literals ---

    def literal(self, node: Node) -> None:
        ctx = self.context(node)
        lang = self.lang
        kids = node.children
        if node.type in lang.whole or not kids:
            a, b = node.start_byte, node.end_byte
            if node.type in lang.verbatim:  # @"...": one token that holds its delimiters
                raw = self.src.data[a:b]
                q = raw.find(b'"') + 1
                b -= 1 if raw.endswith(b'"') and len(raw) > q else 0
                a += q
        else:
            first = 1 if kids[0].type == "interpolation_start" and len(kids) > 1 else 0
            last = len(kids) - 1
            while last > first and kids[last].type == "string_literal_encoding":  # "..."u8
                last -= 1
            if last <= first:
                return
            a, b = kids[first].end_byte, kids[last].start_byte
            if kids[first].is_named and kids[first].type not in _DELIMITERS:
                a = kids[first].start_byte  # no opening delimiter token (error recovery)
            if kids[last].is_named and kids[last].type not in _DELIMITERS:
                b = kids[last].end_byte
        self._emit(node, ctx, a, b)

    def _emit(self, node: Node, ctx: tuple[str, ...], a: int, b: int) -> None:
        if b <= a:
            return
        char = self.src.char
        lang = self.lang
        escapes: list[tuple[int, int]] = []
        holes: list[tuple[int, int]] = []
        for kid in node.children:
            if kid.type in lang.escapes:
                s = char(kid.start_byte)
                escapes.append((s, char(kid.end_byte) - s))
            elif kid.type in lang.holes and kid.child_count >= 2:
                holes.append((char(kid.children[0].end_byte), char(kid.children[-1].start_byte)))
        start, end = char(a), char(b)
        text = self.src.text
        if node.type in lang.verbatim:
            pos = text.find('""', start, end)
            while pos != -1:
                escapes.append((pos, 2))
                pos = text.find('""', pos + 2, end)
        pieces, clean = apply(text, start, end, escapes, holes, lang.dollar_names)
        for at, value in pieces:
            if value.strip():
                self.scalars.append(Scalar(value, ctx, at, at + len(value)))

    def heredoc(self, opener: Node, body: Node) -> None:
        kids = body.children
        end = next((k.start_byte for k in kids if k.type == "heredoc_end"), body.end_byte)
        a = body.start_byte
        if self.src.data[a : a + 1] == b"\n":
            a += 1
        self._emit(body, self.context(opener), a, end)

    def string_value(self, node: Node) -> str | None:
        """The text of a plain literal with no escape or hole (a key: '"modelId": ...'), else None."""
        kids = node.children
        if node.type in self.lang.whole:
            return self.src.node_text(node)
        if len(kids) < 2 or any(k.type in self.lang.escapes or k.type in self.lang.holes for k in kids):
            return None
        first = 1 if kids[0].type == "interpolation_start" else 0
        if first:
            return None
        return self.src.text[self.src.char(kids[0].end_byte) : self.src.char(kids[-1].start_byte)]

    # --- comments ---

    def comment(self, node: Node) -> None:
        text = self.src.text
        start, end = self.src.char(node.start_byte), self.src.char(node.end_byte)
        line, _col = self.src.position(node.start_byte)
        body = text[start:end]
        marker = 2 if body.startswith(("//", "/*")) else 1 if body.startswith("#") else 0
        if body.startswith("=begin"):
            marker = 0
        own = start <= self._lead_in_end(start)
        if body.startswith(("/*", "=begin")):
            offset = line
            for k, part in enumerate(body[marker:].split("\n")):
                self._add_comment(offset + k, part, own if k == 0 else True)
        else:
            self._add_comment(line, body[marker:], own)

    def _lead_in_end(self, at: int) -> int:
        text = self.src.text
        line_start = text.rfind("\n", 0, at) + 1
        if self._lead_in[0] != line_start:
            m = _LEAD_IN.match(text, line_start)
            self._lead_in = (line_start, m.end() if m else line_start)
        return self._lead_in[1]

    def _add_comment(self, line: int, body: str, own: bool) -> None:
        cleaned = body.strip().lstrip("*/#!").strip()
        if cleaned.endswith("*/"):
            cleaned = cleaned[:-2].rstrip()
        self.comments.append(Comment(line, cleaned, own))

    # --- names ---

    def text(self, node: Node) -> str:
        return self.src.node_text(node)

    def dotted(self, node: Node | None) -> str | None:
        """'client.converse', 'os.environ.MODEL_ID', 'this.model': at most MAX_PARTS parts, or None."""
        lang = self.lang
        parts: list[str] = []
        while node is not None and len(parts) < 16:
            kind = node.type
            if kind in lang.names:
                parts.append(self.text(node))
                break
            if kind in lang.strings:
                value = self.string_value(node)
                if value:
                    parts.append(value)
                break
            if kind in _UNWRAP and node.named_child_count:
                node = node.named_children[0]  # Foo<T> -> Foo
                continue
            if kind in lang.members:
                if node.child_by_field_name("arguments") is not None:
                    break  # a call in the chain: 'a.b().c(' names 'c'

                obj_field, name_field = lang.members[kind]
                named = node.named_children
                obj = node.child_by_field_name(obj_field) if obj_field else (named[0] if named else None)
                name = node.child_by_field_name(name_field) if name_field else (named[-1] if named else None)
                if name is None or name == obj:
                    break
                while name.named_child_count and name.type not in lang.names:
                    name = name.named_children[-1]  # Kotlin navigation_suffix, C# generic_name
                parts.append(self.text(name))
                node = obj
                continue
            if kind in lang.subscripts:
                named = node.named_children
                index = named[-1] if len(named) >= 2 else None
                value = self.string_value(index) if index is not None and index.type in lang.strings else None
                if not value:
                    break
                parts.append(value)
                node = named[0]
                continue
            break
        if not parts:
            return None
        parts.reverse()
        return ".".join(parts[-MAX_PARTS:])


_DELIMITERS = frozenset({"raw_string_start", "raw_string_end", "interpolation_start"})


def add_visitor(parser_name: str, visitor: Visitor) -> None:
    """Run ``visitor`` on every file of that language (see the module docstring)."""
    found = [lang for lang in LANGS if lang.name == parser_name]
    if not found:
        raise KeyError(parser_name)
    for lang in found:  # TypeScript: the .ts and the .tsx grammar
        lang.visitors.append(visitor)


# --- rule factories: each returns a Rule ---


def _field(node: Node, name: str | None) -> Node | None:
    if name is None:
        named = node.named_children
        return named[0] if named else None
    return node.child_by_field_name(name)


def _same(a: Node | None, b: Node) -> bool:
    return a is not None and a.start_byte == b.start_byte and a.end_byte == b.end_byte and a.type == b.type


def call(fn: str | None, args: frozenset[str]) -> Rule:
    """A call: 'c:callee' for a literal among its arguments."""

    def rule(r: Reader, parent: Node, child: Node) -> str | None:
        if child.type not in args:
            return None
        name = r.dotted(_field(parent, fn))
        return "c:" + name if name else None

    return rule


def keyed(key: str | None) -> Rule:
    """A key/value pair, assignment or declaration: 'k:key' for a literal in the value."""

    def rule(r: Reader, parent: Node, child: Node) -> str | None:
        target = _field(parent, key)
        if target is None or _same(target, child) or not child.is_named:
            return None
        if child.start_byte < target.end_byte:
            return None  # the key side ('"modelId": ...' reads its key, not itself)
        name = _key_name(r, target)
        return "k:" + name if name else None

    return rule


def _key_name(r: Reader, target: Node) -> str | None:
    kind = target.type
    if kind in ("hash_key_symbol", "simple_symbol"):
        return r.text(target).lstrip(":") or None
    if kind in ("expression_list", "variable_declaration", "literal_element", "pattern_list", "left_assignment_list"):
        named = target.named_children
        return _key_name(r, named[0]) if len(named) == 1 else None  # 'a, b = ...': no single key
    return r.dotted(target)


_PARAMETERS = frozenset(
    {
        "formal_parameters",  # JS/TS, Java
        "parameter_list",  # Go, C#
        "function_value_parameters",  # Kotlin
        "primary_constructor",  # Kotlin 'class Options(val model: String = ...)'
        "method_parameters",  # Ruby
    }
)


def scope(kind: str, name: str = "name") -> Rule:
    """A function ('f:') or type ('t:') declaration: every literal inside but its name. A default in its
    parameter list reads like an argument of it: 'c:' ('ModelPicker(value)', 'Options(model)')."""

    def rule(r: Reader, parent: Node, child: Node) -> str | None:
        target = parent.child_by_field_name(name)
        if target is None or _same(target, child):
            return None
        if child.type in _PARAMETERS and child.start_byte >= target.end_byte:
            return f"c:{r.text(target)}"
        return f"{kind}:{r.text(target)}"

    return rule


def composite(type_field: str, body: str) -> Rule:
    """A typed composite literal (Go 'ConverseInput{...}'): 'b:Type' when the type is capitalised."""

    def rule(r: Reader, parent: Node, child: Node) -> str | None:
        if not _same(parent.child_by_field_name(body), child):
            return None
        name = r.dotted(parent.child_by_field_name(type_field))
        return "b:" + name if name and name.rsplit(".", 1)[-1][:1].isupper() else None

    return rule


def creation(type_field: str, args: str, init: str | None) -> Rule:
    """'new T(args)': 'c:T' in the arguments; 'new T { X = ... }' (C#): 'b:T' in the initializer."""

    def rule(r: Reader, parent: Node, child: Node) -> str | None:
        name = r.dotted(_type_name(parent.child_by_field_name(type_field)))
        if not name:
            return None
        if _same(parent.child_by_field_name(args), child):
            return "c:" + name
        if init is not None and _same(parent.child_by_field_name(init), child):
            return "b:" + name
        return None

    return rule


_UNWRAP = frozenset({"generic_type", "generic_name"})


def _type_name(node: Node | None) -> Node | None:
    while node is not None and node.type in _UNWRAP and node.named_child_count:
        node = node.named_children[0]  # Foo<T> -> Foo
    return node


def arguments(wrapper: str | None = None) -> Rule:
    """An argument list: 'f("MODEL_ID", "anthropic...")': a plain identifier-like string argument
    names the argument after it (os.getenv / System.getenv().getOrDefault / ENV.fetch)."""

    def rule(r: Reader, parent: Node, child: Node) -> str | None:
        prev = child.prev_named_sibling
        while prev is not None and prev.type in r.lang.comments:
            prev = prev.prev_named_sibling
        if prev is None:
            return None
        if wrapper is not None and prev.type == wrapper and prev.named_child_count == 1:
            prev = prev.named_children[0]
        if prev.type not in r.lang.strings:
            return None
        value = r.string_value(prev)
        return "k:" + value if value and _ENV_NAME.match(value) else None

    return rule


def first_of(*rules: Rule) -> Rule:
    def rule(r: Reader, parent: Node, child: Node) -> str | None:
        for each in rules:
            seg = each(r, parent, child)
            if seg is not None:
                return seg
        return None

    return rule


def _kotlin_call(r: Reader, parent: Node, child: Node) -> str | None:
    """Kotlin 'f(args)' -> c:f; 'ConverseRequest { modelId = ... }' (a trailing lambda) -> b:ConverseRequest."""
    named = parent.named_children
    if not named or _same(named[0], child):
        return None
    name = r.dotted(named[0])
    if not name:
        return None
    if child.type == "value_arguments":
        return "c:" + name
    if child.type in ("annotated_lambda", "lambda_literal"):
        return ("b:" if name.rsplit(".", 1)[-1][:1].isupper() else "c:") + name
    return None


def _kotlin_named_argument(r: Reader, parent: Node, child: Node) -> str | None:
    """value_argument: 'modelId = "..."' (a named argument)."""
    named = parent.named_children
    if len(named) >= 2 and named[0].type == "identifier" and any(k.type == "=" for k in parent.children):
        if not _same(named[0], child):
            return "k:" + r.text(named[0])
    return None


def _left_of_in(r: Reader, parent: Node, child: Node) -> str | None:
    """Kotlin '"anthropic.claude-3-" in name' / '!in': the left operand is a substring probe."""
    return PROBE_IN if _same(parent.child_by_field_name("left"), child) else None


_KOTLIN_FUNCTION = scope("f")


def _kotlin_function(r: Reader, parent: Node, child: Node) -> str | None:
    """'fun sonnet(geo: String) = "..."': an expression body is the function's value, keyed by its name."""
    if child.type == "function_body" and child.child_count and child.children[0].type == "=":
        name = parent.child_by_field_name("name")
        return "k:" + r.text(name) if name is not None else None
    return _KOTLIN_FUNCTION(r, parent, child)


def _flat_member(r: Reader, parent: Node, child: Node) -> str | None:
    """C# 'new { Model = "..." }': name '=' value pairs as flat children."""
    eq = child.prev_sibling
    name = eq.prev_sibling if eq is not None and eq.type == "=" else None
    return "k:" + r.text(name) if name is not None and name.type == "identifier" else None


def _csharp_argument(r: Reader, parent: Node, child: Node) -> str | None:
    """C# 'Call(model: "...")': a named argument."""
    name = parent.child_by_field_name("name")
    if name is not None and not _same(name, child):
        return "k:" + r.text(name)
    return None


def method_call(obj: str, name: str, args: frozenset[str]) -> Rule:
    """'receiver.method(args)' with the two in separate fields (Java, Ruby): 'c:receiver.method'."""

    def rule(r: Reader, parent: Node, child: Node) -> str | None:
        method = parent.child_by_field_name(name)
        if child.type not in args or method is None:
            return None
        receiver = parent.child_by_field_name(obj)
        base = r.dotted(receiver) if receiver is not None else None
        full = f"{base}.{r.text(method)}" if base else r.text(method)
        return "c:" + ".".join(full.split(".")[-MAX_PARTS:])

    return rule


def keyed_first(types: frozenset[str]) -> Rule:
    """A declaration whose name is its first child of one of ``types`` (Kotlin 'val m: String = ...')."""

    def rule(r: Reader, parent: Node, child: Node) -> str | None:
        target = next((k for k in parent.named_children if k.type in types), None)
        if target is None or child.start_byte < target.end_byte or not child.is_named:
            return None
        if child.type in ("user_type", "nullable_type", "type_constraints"):
            return None
        name = _key_name(r, target)
        return "k:" + name if name else None

    return rule


_JS_NAMES = frozenset(
    {
        "identifier",
        "property_identifier",
        "shorthand_property_identifier",
        "shorthand_property_identifier_pattern",
        "private_property_identifier",
        "type_identifier",
        "this",
        "super",
    }
)
_JS_RULES: dict[str, Rule] = {
    "call_expression": call("function", frozenset({"arguments"})),
    "new_expression": call("constructor", frozenset({"arguments"})),
    "arguments": arguments(),
    "variable_declarator": keyed("name"),
    "assignment_expression": keyed("left"),
    "augmented_assignment_expression": keyed("left"),
    "assignment_pattern": keyed("left"),
    "object_assignment_pattern": keyed("left"),
    "pair": keyed("key"),
    "pair_pattern": keyed("key"),
    "public_field_definition": keyed("name"),
    "field_definition": keyed("property"),
    "enum_assignment": keyed("name"),
    "type_alias_declaration": keyed("name"),
    "required_parameter": keyed("pattern"),
    "optional_parameter": keyed("pattern"),
    "jsx_attribute": keyed(None),
    "function_declaration": scope("f"),
    "generator_function_declaration": scope("f"),
    "method_definition": scope("f"),
    "class_declaration": scope("t"),
    "abstract_class_declaration": scope("t"),
    "class": scope("t"),
    "interface_declaration": scope("t"),
    "enum_declaration": scope("t"),
}
_JS_MEMBERS: dict[str, tuple[str | None, str | None]] = {
    "member_expression": ("object", "property"),
    "nested_identifier": ("object", "property"),
    "nested_type_identifier": ("module", "name"),
}


def _js(name: str, grammar: str) -> Lang:
    return Lang(
        name,
        grammar,
        strings=frozenset({"string", "template_string"}),
        comments=frozenset({"comment", "html_comment"}),
        rules=_JS_RULES,
        names=_JS_NAMES,
        members=_JS_MEMBERS,
        subscripts=frozenset({"subscript_expression"}),
        holes=frozenset({"template_substitution"}),
    )


JAVASCRIPT = _js("javascript", "javascript")
TYPESCRIPT = _js("typescript", "typescript")
TSX = _js("typescript", "tsx")

JAVA = Lang(
    "java",
    "java",
    strings=frozenset({"string_literal"}),
    comments=frozenset({"line_comment", "block_comment"}),
    rules={
        "method_invocation": method_call("object", "name", frozenset({"argument_list"})),
        "object_creation_expression": creation("type", "arguments", None),
        "enum_constant": call("name", frozenset({"argument_list"})),
        "argument_list": arguments(),
        "variable_declarator": keyed("name"),
        "assignment_expression": keyed("left"),
        "element_value_pair": keyed("key"),
        "annotation": call("name", frozenset({"annotation_argument_list"})),
        "method_declaration": scope("f"),
        "constructor_declaration": scope("f"),
        "class_declaration": scope("t"),
        "interface_declaration": scope("t"),
        "enum_declaration": scope("t"),
        "record_declaration": scope("t"),
        "annotation_type_declaration": scope("t"),
    },
    names=frozenset({"identifier", "type_identifier", "this", "super"}),
    members={
        "field_access": ("object", "field"),
        "scoped_identifier": ("scope", "name"),
        "scoped_type_identifier": (None, None),
    },
    holes=frozenset({"string_interpolation"}),
)

GO = Lang(
    "go",
    "go",
    strings=frozenset({"interpreted_string_literal", "raw_string_literal"}),
    comments=frozenset({"comment"}),
    rules={
        "call_expression": call("function", frozenset({"argument_list"})),
        "argument_list": arguments(),
        "composite_literal": composite("type", "body"),
        "const_spec": keyed("name"),
        "var_spec": keyed("name"),
        "short_var_declaration": keyed("left"),
        "assignment_statement": keyed("left"),
        "keyed_element": keyed("key"),
        "function_declaration": scope("f"),
        "method_declaration": scope("f"),
        "type_spec": scope("t"),
    },
    names=frozenset({"identifier", "field_identifier", "type_identifier", "package_identifier"}),
    members={"selector_expression": ("operand", "field"), "qualified_type": ("package", "name")},
    subscripts=frozenset({"index_expression"}),
)

CSHARP = Lang(
    "csharp",
    "csharp",
    strings=frozenset({"string_literal", "raw_string_literal", "interpolated_string_expression"}),
    comments=frozenset({"comment"}),
    rules={
        "invocation_expression": call("function", frozenset({"argument_list"})),
        "object_creation_expression": creation("type", "arguments", "initializer"),
        "argument_list": arguments("argument"),
        "argument": _csharp_argument,
        "variable_declarator": keyed("name"),
        "assignment_expression": keyed("left"),
        "property_declaration": keyed("name"),
        "anonymous_object_creation_expression": _flat_member,
        "method_declaration": scope("f"),
        "constructor_declaration": scope("f"),
        "local_function_statement": scope("f"),
        "class_declaration": scope("t"),
        "struct_declaration": scope("t"),
        "interface_declaration": scope("t"),
        "record_declaration": scope("t"),
        "enum_declaration": scope("t"),
    },
    names=frozenset({"identifier", "this", "base", "predefined_type"}),
    members={
        "member_access_expression": ("expression", "name"),
        "qualified_name": ("qualifier", "name"),
        "generic_name": (None, None),
    },
    subscripts=frozenset({"element_access_expression"}),
    holes=frozenset({"interpolation"}),
    verbatim=frozenset({"verbatim_string_literal"}),
)

KOTLIN = Lang(
    "kotlin",
    "kotlin",
    strings=frozenset({"string_literal", "multiline_string_literal"}),
    comments=frozenset({"line_comment", "block_comment"}),
    rules={
        "call_expression": _kotlin_call,
        "value_arguments": arguments("value_argument"),
        "value_argument": _kotlin_named_argument,
        "property_declaration": keyed_first(frozenset({"variable_declaration"})),
        "class_parameter": keyed_first(frozenset({"identifier"})),
        "assignment": keyed("left"),
        "in_expression": _left_of_in,
        "function_declaration": _kotlin_function,
        "class_declaration": scope("t"),
        "object_declaration": scope("t"),
    },
    names=frozenset({"identifier", "this_expression", "super_expression"}),
    members={"navigation_expression": (None, None)},
    subscripts=frozenset({"index_expression"}),
    holes=frozenset({"interpolation"}),
    dollar_names=True,
)

RUBY = Lang(
    "ruby",
    "ruby",
    strings=frozenset({"string", "delimited_symbol", "bare_string", "bare_symbol"}),
    comments=frozenset({"comment"}),
    rules={
        "call": method_call("receiver", "method", frozenset({"argument_list"})),
        "argument_list": arguments(),
        "assignment": keyed("left"),
        "operator_assignment": keyed("left"),
        "pair": keyed("key"),
        "keyword_parameter": keyed("name"),
        "optional_parameter": keyed("name"),
        "method": scope("f"),
        "singleton_method": scope("f"),
        "class": scope("t"),
        "module": scope("t"),
    },
    names=frozenset({"identifier", "constant", "self", "instance_variable", "class_variable", "global_variable"}),
    members={"call": ("receiver", "method"), "scope_resolution": ("scope", "name")},
    subscripts=frozenset({"element_reference"}),
    whole=frozenset({"bare_string", "bare_symbol"}),
    holes=frozenset({"interpolation"}),
    heredocs=True,
)

LANGS: tuple[Lang, ...] = (JAVASCRIPT, TYPESCRIPT, TSX, JAVA, GO, CSHARP, KOTLIN, RUBY)


# --- model constants in code: the first Visitor ---

_CLASSES = "|".join(MODEL_CONSTANT_CLASSES)
_CONSTANT_NAME = re.compile(r"[A-Z][A-Z0-9_]*\Z")
_GO_CONSTANT = re.compile(rf"({_CLASSES})_([A-Z][A-Z0-9_]*)\Z")
_IMPORTS = frozenset({"import_statement", "import_declaration", "using_directive", "import_spec", "import_header"})


@dataclass
class ModelConstants:
    """``FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1`` (and ``BedrockFoundationModel.X``) in code.

    Emits a Scalar whose value is ``Class.NAME``, whose offsets span the class name to the constant as
    written (``bedrock.`` before it is left out), and whose key path is the node's context plus
    MODEL_CONSTANT; resolve.cdk maps it to its model ID. Go's generated accessors
    (``awsbedrock.FoundationModelIdentifier_ANTHROPIC_CLAUDE_V2_1()``) span the one identifier. Names in
    comments and strings are not code, and an import (``import static ...FoundationModelIdentifier.X``)
    is not a use.
    """

    name_types: tuple[str, ...]  # node types a class name or a Go accessor can be
    members: frozenset[str]  # member access node types: object '.' name
    query: str = field(init=False)
    gate: tuple[bytes, ...] = tuple(c.encode() for c in MODEL_CONSTANT_CLASSES)

    def __post_init__(self) -> None:
        pattern = f"^({_CLASSES})(_[A-Z][A-Z0-9_]*)?$"
        self.query = " ".join(f'(({t}) @c (#match? @c "{pattern}"))' for t in self.name_types)

    def visit(self, reader: Reader, node: Node, capture: str) -> Iterable[Scalar]:
        text = reader.text(node)
        go = _GO_CONSTANT.match(text)
        use: Node | None = node
        if go is not None:
            value = f"{go.group(1)}.{go.group(2)}"
            end = node.end_byte
        else:
            owner = node.parent  # 'bedrock.FoundationModelIdentifier': the access that ends in the class
            if owner is not None and owner.type in self.members and _last_named(owner) == node:
                holder = owner.parent
                inner = owner
            else:
                holder, inner = owner, node
            if holder is None or holder.type not in self.members or _first_named(holder) != inner:
                return ()
            constant = _last_named(holder)
            if constant is None or constant == inner or not _CONSTANT_NAME.match(reader.text(constant)):
                return ()
            value = f"{text}.{reader.text(constant)}"
            end = constant.end_byte
            use = holder
        up = use.parent if use is not None else None
        while up is not None:
            if up.type in _IMPORTS:
                return ()
            up = up.parent
        ctx = reader.context(use) if use is not None else ()
        start, stop = reader.src.char(node.start_byte), reader.src.char(end)
        return (Scalar(value, ctx + (MODEL_CONSTANT,), start, stop),)


def _first_named(node: Node) -> Node | None:
    named = node.named_children
    return named[0] if named else None


def _last_named(node: Node) -> Node | None:
    named = node.named_children
    return named[-1] if named else None


_JS_CONSTANTS = ModelConstants(("identifier", "property_identifier"), frozenset({"member_expression"}))
for _lang in (JAVASCRIPT, TYPESCRIPT, TSX):
    _lang.visitors.append(_JS_CONSTANTS)
JAVA.visitors.append(ModelConstants(("identifier",), frozenset({"field_access", "scoped_identifier"})))
CSHARP.visitors.append(ModelConstants(("identifier",), frozenset({"member_access_expression", "qualified_name"})))
GO.visitors.append(ModelConstants(("field_identifier", "identifier"), frozenset({"selector_expression"})))
KOTLIN.visitors.append(ModelConstants(("identifier",), frozenset({"navigation_expression"})))
