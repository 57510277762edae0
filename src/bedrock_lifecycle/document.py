"""A format-neutral parsed document: a node tree with source offsets.

YAML and JSON both parse into these nodes, so the CloudFormation, Kubernetes
and generic extractors work on either. Offsets are character offsets into
``Document.text``; ``LineIndex`` turns them into 1-based lines and columns.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from bedrock_lifecycle.model import Scalar, Span


@dataclass(frozen=True, eq=False, slots=True)
class ScalarNode:
    value: str
    start: int
    end: int
    tag: str | None = None  # YAML tag ('!Ref', '!Sub'...); None for plain strings
    style: str | None = None  # quote character or block style; None when plain
    is_string: bool = True  # False for numbers, booleans and nulls


@dataclass(frozen=True, eq=False, slots=True)
class MapNode:
    items: tuple[tuple[ScalarNode, Node], ...]
    start: int
    end: int
    tag: str | None = None

    def get(self, key: str) -> Node | None:
        for k, v in self.items:
            if k.value == key:
                return v
        return None


@dataclass(frozen=True, eq=False, slots=True)
class SeqNode:
    items: tuple[Node, ...]
    start: int
    end: int
    tag: str | None = None


Node = ScalarNode | MapNode | SeqNode


@dataclass(frozen=True)
class Comment:
    line: int
    text: str  # without the comment marker
    own_line: bool = True  # False for a comment that trails code on its line


@dataclass(frozen=True)
class SyntaxProblem:
    """A syntax error a parser recovered from: the rest of the file was parsed."""

    message: str  # what and where, never the file's text
    line: int | None = None
    col: int | None = None


@dataclass(frozen=True)
class Document:
    path: str  # POSIX path relative to the scan root
    kind: str  # parser name: yaml, json, dotenv, text, ...
    text: str
    roots: tuple[Node, ...] = ()  # YAML documents, or the one JSON value
    scalars: tuple[Scalar, ...] = ()  # flat formats (dotenv, text, source): strings with offsets
    comments: tuple[Comment, ...] = ()
    # Syntax errors recovered from, and the character ranges that did not parse (scanned as text).
    problems: tuple[SyntaxProblem, ...] = ()
    unparsed: tuple[tuple[int, int], ...] = ()
    meta: dict[str, object] = field(default_factory=dict, compare=False, hash=False)


class LineIndex:
    """Offset -> (line, column), both 1-based."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def span(self, path: str, start: int, end: int) -> Span:
        sl, sc = self.position(start)
        el, ec = self.position(max(start, end - 1))
        return Span(path, sl, sc, el, ec + 1)

    def line_start(self, line: int) -> int:
        return self._starts[min(max(line, 1), len(self._starts)) - 1]


MAX_KEY_PATH = 64  # key-path parts kept; deeper nodes share the path ending in ELIDED
ELIDED = "\u2026"


def walk(root: Node, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Node]]:
    """Every node under root once, with its key path; iterative (no recursion limit).

    A node reached twice (a YAML alias) is visited only the first time, so alias
    bombs cost one walk of each distinct node. Key paths stop growing at
    MAX_KEY_PATH parts (then one ELIDED part): copying ever-longer paths made a
    JSON file nested 100,000 deep cost seconds, quadratically, and each finding
    in it a 300 KB resource name.
    """
    seen: set[int] = set()
    stack: list[tuple[tuple[str | int, ...], Node]] = [(path, root)]
    while stack:
        key_path, node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield key_path, node
        if isinstance(node, MapNode):
            for k, v in reversed(node.items):
                stack.append((_child(key_path, k.value), v))
        elif isinstance(node, SeqNode):
            for i in range(len(node.items) - 1, -1, -1):
                stack.append((_child(key_path, i), node.items[i]))


def _child(key_path: tuple[str | int, ...], part: str | int) -> tuple[str | int, ...]:
    if len(key_path) < MAX_KEY_PATH:
        return key_path + (part,)
    return key_path if len(key_path) > MAX_KEY_PATH else key_path + (ELIDED,)
