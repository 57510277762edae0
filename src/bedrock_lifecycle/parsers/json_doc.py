"""JSON with source positions.

The stdlib ``json`` module gives no positions, so this is a small iterative
parser over the text that builds the same nodes as the YAML parser, using the
C string scanner of ``json.decoder`` for string bodies. It keeps its own stack
(no recursion limit), accepts ``//`` and ``/* */`` comments and trailing commas
only when asked (JSONC), and reports errors with line and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from json.decoder import scanstring  # type: ignore[attr-defined]  # the C scanner; typeshed omits it

from bedrock_lifecycle.document import Comment, Document, MapNode, Node, ScalarNode, SeqNode
from bedrock_lifecycle.errors import ParseFailure
from bedrock_lifecycle.parsers.base import basename

_WS = re.compile(r"[ \t\r\n]*")
_WS_COMMENTS = re.compile(r"(?:[ \t\r\n]+|//[^\n]*|/\*.*?\*/)*", re.S)
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_LITERALS = {"true": "true", "false": "false", "null": "null"}
_JSONC_NAMES = (
    "tsconfig.json",
    "jsconfig.json",
    "devcontainer.json",
    ".devcontainer.json",
    ".eslintrc.json",
    "settings.json",
    "extensions.json",  # .vscode/extensions.json
)


class JsonParser:
    name = "json"
    frameworks = ("cloudformation", "config")
    comment_markers: tuple[str, ...] = ()

    def claims(self, path: str) -> bool:
        return path.endswith((".json", ".jsonc", ".json5")) or basename(path) in (".babelrc",)

    def parse(self, path: str, text: str) -> Document:
        lenient = path.endswith((".jsonc", ".json5")) or basename(path) in _JSONC_NAMES
        root, comments = parse_json(text, lenient=lenient)
        return Document(path, self.name, text, roots=(root,), comments=comments)


def _fail(text: str, pos: int, msg: str) -> ParseFailure:
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return ParseFailure(msg, line, col)


def parse_json(
    text: str, lenient: bool = False, start: int = 0, stop: int | None = None
) -> tuple[Node, tuple[Comment, ...]]:
    """One JSON value spanning text[start:stop] (the whole text by default), offsets into text."""
    ws = _WS_COMMENTS if lenient else _WS
    comments: list[Comment] = []
    n = len(text) if stop is None else stop

    def skip(pos: int) -> int:
        m = ws.match(text, pos, n)
        assert m is not None  # both patterns match the empty string
        end = m.end()
        if lenient and end > pos and "/" in text[pos:end]:
            for c in re.finditer(r"//([^\n]*)|/\*(.*?)\*/", text[pos:end], re.S):
                body = c.group(1) if c.group(1) is not None else c.group(2)
                at = pos + c.start()
                own = not text[text.rfind("\n", 0, at) + 1 : at].strip()
                comments.append(Comment(text.count("\n", 0, at) + 1, body.strip(), own))
        return end

    # Each frame: [container kind '{' or '[', start offset, items list, pending key or None]
    stack: list[list[object]] = []
    pos = skip(start)
    result: Node | None = None
    expect_value = True
    while True:
        if expect_value:
            if pos >= n:
                raise _fail(text, pos, "unexpected end of input, expected a value")
            c = text[pos]
            value: Node | None = None
            if c == '"':
                try:
                    s, end = scanstring(text, pos + 1, True)
                except ValueError as exc:
                    raise _fail(text, pos, f"bad string: {exc.args[0].split(':')[0]}") from None
                value = ScalarNode(s, pos, end, None, '"', True)
                pos = end
            elif c == "{" or c == "[":
                stack.append([c, pos, [], None])
                pos = skip(pos + 1)
                close = "}" if c == "{" else "]"
                if pos < n and text[pos] == close:
                    value = _close(stack.pop(), pos + 1)
                    pos += 1
                elif c == "{":
                    pos = _key(text, pos, stack[-1], skip)
                    continue
                else:
                    continue
            else:
                m = _NUMBER.match(text, pos)
                if m:
                    value = ScalarNode(m.group(), pos, m.end(), None, None, False)
                    pos = m.end()
                else:
                    word = re.match(r"[A-Za-z]+", text[pos : pos + 6])
                    if word and word.group() in _LITERALS:
                        value = ScalarNode(word.group(), pos, pos + len(word.group()), None, None, False)
                        pos += len(word.group())
                    else:
                        raise _fail(text, pos, f"expected a value, found {text[pos]!r}")
            # attach the completed value, then close as many containers as end here
            while True:
                if not stack:
                    result = value
                    break
                frame = stack[-1]
                items = frame[2]
                assert isinstance(items, list)
                if frame[0] == "{":
                    items.append((frame[3], value))
                    frame[3] = None
                else:
                    items.append(value)
                pos = skip(pos)
                close = "}" if frame[0] == "{" else "]"
                if pos < n and text[pos] == ",":
                    pos = skip(pos + 1)
                    if lenient and pos < n and text[pos] == close:
                        value = _close(stack.pop(), pos + 1)
                        pos += 1
                        continue
                    if frame[0] == "{":
                        pos = _key(text, pos, frame, skip)
                    value = None
                    break
                if pos < n and text[pos] == close:
                    value = _close(stack.pop(), pos + 1)
                    pos += 1
                    continue
                raise _fail(text, pos, f"expected ',' or '{close}'" + ("" if pos < n else " before end of input"))
            if result is not None and not stack:
                break
    pos = skip(pos)
    if pos != n:
        raise _fail(text, pos, "extra data after the JSON value")
    return result, tuple(comments)


def _key(text: str, pos: int, frame: list[object], skip: Callable[[int], int]) -> int:
    if pos >= len(text) or text[pos] != '"':
        raise _fail(text, pos, "expected a string key")
    try:
        s, end = scanstring(text, pos + 1, True)
    except ValueError as exc:
        raise _fail(text, pos, f"bad string: {exc.args[0].split(':')[0]}") from None
    frame[3] = ScalarNode(s, pos, end, None, '"', True)
    pos = skip(end)
    if pos >= len(text) or text[pos] != ":":
        raise _fail(text, pos, "expected ':' after a key")
    return skip(pos + 1)


def _close(frame: list[object], end: int) -> Node:
    kind, start, items = frame[0], frame[1], frame[2]
    assert isinstance(start, int) and isinstance(items, list)
    if kind == "{":
        return MapNode(tuple(items), start, end)
    return SeqNode(tuple(items), start, end)
