"""Shared tree-sitter plumbing: grammars by name, cached parsers and queries, byte -> character offsets.

Every parser built on tree-sitter goes through this module, so there is one
place that knows how a grammar package is named, imports it lazily (importing
the CLI imports no grammar; see tests/test_imports.py) and caches what costs
to build (a ``Language`` per grammar, a ``Parser`` per grammar and thread, a
compiled ``Query`` per source text).

Positions: tree-sitter works on UTF-8 bytes, the rest of the pipeline on
character offsets into ``Document.text`` with 1-based lines and 1-based
character columns (``document.LineIndex``). ``Source`` holds the encoded text
and converts: ``source.char(node.start_byte)`` is the character offset,
``source.position(byte)`` the ``(line, col)`` in the project's convention
(never use ``node.start_point`` for columns: its column counts bytes).

Typical use::

    src = Source(text)
    tree = parse("javascript", src)
    for node, name in captures("javascript", QUERY, tree.root_node):
        start = src.char(node.start_byte)
"""

from __future__ import annotations

import importlib
import threading
import warnings
from bisect import bisect_right
from functools import cache
from typing import TYPE_CHECKING

from bedrock_lifecycle.document import LineIndex

if TYPE_CHECKING:  # the annotations only: tree_sitter itself is imported on first use
    from tree_sitter import Language, Node, Parser, Query, Tree

# grammar name -> (module of its PyPI wheel, function returning the language pointer)
GRAMMARS: dict[str, tuple[str, str]] = {
    "javascript": ("tree_sitter_javascript", "language"),  # tree-sitter-javascript (JS and JSX)
    "typescript": ("tree_sitter_typescript", "language_typescript"),  # tree-sitter-typescript
    "tsx": ("tree_sitter_typescript", "language_tsx"),
    "java": ("tree_sitter_java", "language"),  # tree-sitter-java
    "go": ("tree_sitter_go", "language"),  # tree-sitter-go
    "csharp": ("tree_sitter_c_sharp", "language"),  # tree-sitter-c-sharp
    "kotlin": ("tree_sitter_kotlin", "language"),  # tree-sitter-kotlin
    "ruby": ("tree_sitter_ruby", "language"),  # tree-sitter-ruby
    "python": ("tree_sitter_python", "language"),  # tree-sitter-python (not a dependency: see README)
    "hcl": ("tree_sitter_hcl", "language"),  # tree-sitter-hcl
    "bash": ("tree_sitter_bash", "language"),  # tree-sitter-bash
    "dockerfile": ("tree_sitter_dockerfile", "language"),  # tree-sitter-dockerfile
    "make": ("tree_sitter_make", "language"),  # tree-sitter-make
}


@cache
def language(name: str) -> Language:
    """The grammar ``name`` (a key of GRAMMARS), imported on first use."""
    from tree_sitter import Language

    module_name, attr = GRAMMARS[name]
    module = importlib.import_module(module_name)
    with warnings.catch_warnings():
        # tree-sitter-dockerfile 0.2 and tree-sitter-make 1.1 hand over the language as an int (their
        # binding predates the capsule); tree-sitter 0.26 accepts it with a DeprecationWarning.
        warnings.filterwarnings("ignore", "int argument support is deprecated", DeprecationWarning)
        return Language(getattr(module, attr)())


_local = threading.local()


def parser(name: str) -> Parser:
    """A parser for grammar ``name``; one per thread (a tree-sitter Parser is not thread-safe)."""
    cache: dict[str, Parser] | None = getattr(_local, "parsers", None)
    if cache is None:
        cache = _local.parsers = {}
    found = cache.get(name)
    if found is None:
        from tree_sitter import Parser

        found = cache[name] = Parser(language(name))
    return found


@cache
def query(name: str, source: str) -> Query:
    """A compiled query (S-expression ``source``) for grammar ``name``, compiled once."""
    from tree_sitter import Query

    return Query(language(name), source)


def captures(name: str, source: str, node: Node) -> list[tuple[Node, str]]:
    """Every capture of the query under ``node``, as (node, capture name), in document order."""
    from tree_sitter import QueryCursor

    found = QueryCursor(query(name, source)).captures(node)
    out = [(n, capture) for capture, nodes in found.items() for n in nodes]
    out.sort(key=lambda item: (item[0].start_byte, -item[0].end_byte))
    return out


class Source:
    """A text and its UTF-8 encoding, with byte offset -> character offset -> (line, col) conversion.

    For ASCII text (the common case) a byte offset is the character offset. Otherwise
    the byte starts of the non-ASCII characters are kept with the running count of
    extra bytes before each, so a conversion is one binary search.
    """

    __slots__ = ("_extra", "_index", "_starts", "data", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.data = text.encode("utf-8", "surrogatepass")
        self._index: LineIndex | None = None
        self._starts: list[int] = []  # byte offset just after each non-ASCII character
        self._extra: list[int] = []  # extra bytes (beyond one per character) up to and including it
        if len(self.data) != len(text):
            extra = 0
            byte = 0
            prev = 0
            for i, ch in enumerate(text):
                if ch >= "\x80":
                    byte += i - prev  # the ASCII run before it
                    width = len(ch.encode("utf-8", "surrogatepass"))
                    byte += width
                    extra += width - 1
                    prev = i + 1
                    self._starts.append(byte)
                    self._extra.append(extra)

    def char(self, byte: int) -> int:
        """The character offset of a byte offset (one that tree-sitter gives: on a character boundary)."""
        if not self._starts:
            return byte
        k = bisect_right(self._starts, byte)
        return byte - (self._extra[k - 1] if k else 0)

    def index(self) -> LineIndex:
        """The text's LineIndex (character offsets -> 1-based line and column), built once."""
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index

    def position(self, byte: int) -> tuple[int, int]:
        """(line, column), both 1-based, column in characters: the project's convention."""
        return self.index().position(self.char(byte))

    def node_text(self, node: Node) -> str:
        return self.text[self.char(node.start_byte) : self.char(node.end_byte)]


def parse(name: str, source: Source) -> Tree:
    """The syntax tree of ``source`` in grammar ``name``. Never raises: errors are ERROR/MISSING nodes."""
    return parser(name).parse(source.data)


def first_error(node: Node) -> Node | None:
    """The first ERROR or MISSING node under ``node`` in document order, or None when it parsed cleanly."""
    if not node.has_error:
        return None
    cursor = node.walk()
    while True:
        current = cursor.node
        if current is not None and (current.is_error or current.is_missing):
            return current
        if current is not None and current.has_error and cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return None
