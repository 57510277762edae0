"""TOML: validated by the stdlib ``tomllib``, located by a small scanner over the raw text.

``tomllib`` gives values but no positions, so it only decides whether the file
is valid TOML (and where it is not). A scanner then walks the valid text once
and records each string value, and each quoted key, with its key path and its
exact offsets: ``[[tool.gateway.models]]`` array tables get their index, inline
tables and arrays nest. On Python 3.10 (no ``tomllib``) the file is read by the
text scanner instead, without a diagnostic: nothing is wrong with the file.
"""

from __future__ import annotations

import re

from bedrock_lifecycle.document import Comment, Document
from bedrock_lifecycle.errors import ParseFailure
from bedrock_lifecycle.model import Scalar
from bedrock_lifecycle.parsers.text import TextParser

_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\", "e": "\x1b"}
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2})|[ \t]*\n\s*|(.))")

Path = tuple[str | int, ...]


class TomlParser:
    name = "toml"
    frameworks = ("config",)
    comment_markers = ("#",)

    def claims(self, path: str) -> bool:
        return path.endswith(".toml")

    def parse(self, path: str, text: str) -> Document:
        try:
            import tomllib  # type: ignore[import-not-found, unused-ignore]  # Python 3.11+
        except ModuleNotFoundError:  # Python 3.10
            return TextParser(self.comment_markers).parse(path, text)
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            msg = str(exc)
            m = _AT.search(msg)
            raise ParseFailure(
                _AT.sub("", msg).strip(), int(m.group(1)) if m else None, int(m.group(2)) if m else None
            ) from None
        scanner = _Scanner(text)
        scanner.run()
        return Document(path, self.name, text, scalars=tuple(scanner.scalars), comments=tuple(scanner.comments))


class _Scanner:
    """One pass over valid TOML; every string and quoted key with its path and offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.scalars: list[Scalar] = []
        self.comments: list[Comment] = []
        self.table: Path = ()
        self.array_tables: dict[Path, int] = {}  # resolved path of an array of tables -> elements so far

    def run(self) -> None:
        pos = 0
        while pos < self.n:
            pos = self.space(pos, newlines=True)
            if pos >= self.n:
                break
            c = self.text[pos]
            if c == "#":
                pos = self.comment(pos)
            elif c == "[":
                pos = self.header(pos)
            else:
                parts, pos = self.key(pos, self.table)
                pos = self.space(pos)
                pos = self.value(self.space(pos + 1), self.table + tuple(parts))  # past '='
            pos = self.space(pos)
            if pos < self.n and self.text[pos] == "#":
                pos = self.comment(pos)

    # --- pieces ---

    def space(self, pos: int, newlines: bool = False) -> int:
        ws = " \t\r\n" if newlines else " \t\r"
        while pos < self.n and self.text[pos] in ws:
            pos += 1
        return pos

    def comment(self, pos: int) -> int:
        end = self.text.find("\n", pos)
        end = self.n if end == -1 else end
        line_no = self.text.count("\n", 0, pos) + 1
        line_start = self.text.rfind("\n", 0, pos) + 1
        own = not self.text[line_start:pos].strip()
        self.comments.append(Comment(line_no, self.text[pos + 1 : end].strip(), own))
        return end

    def header(self, pos: int) -> int:
        array = self.text.startswith("[[", pos)
        parts, pos = self.key(self.space(pos + (2 if array else 1)), ())
        pos = self.space(pos) + (2 if array else 1)
        resolved: Path = ()
        for i, part in enumerate(parts):
            resolved += (part,)
            last = i == len(parts) - 1
            if last and array:
                count = self.array_tables.get(resolved, 0)
                self.array_tables[resolved] = count + 1
                resolved += (count,)
            elif resolved in self.array_tables:
                resolved += (self.array_tables[resolved] - 1,)
        self.table = resolved
        return pos

    def key(self, pos: int, base: Path) -> tuple[list[str], int]:
        """A dotted key; quoted parts are recorded as scalars (a quoted key may name a model)."""
        parts: list[str] = []
        while True:
            pos = self.space(pos)
            c = self.text[pos]
            if c in "\"'":
                start = pos
                value, pos = self.string_body(pos)
                parts.append(value)
                self.scalars.append(Scalar(value, base + tuple(parts), start, pos))
            else:
                m = _BARE_KEY.match(self.text, pos)
                end = m.end() if m else pos + 1
                parts.append(self.text[pos:end])
                pos = end
            pos = self.space(pos)
            if pos < self.n and self.text[pos] == ".":
                pos += 1
                continue
            return parts, pos

    def value(self, pos: int, path: Path) -> int:
        c = self.text[pos] if pos < self.n else ""
        if c in "\"'":
            start = pos
            value, pos = self.string_body(pos)
            self.scalars.append(Scalar(value, path, start, pos))
            return pos
        if c == "[":
            return self.array(pos + 1, path)
        if c == "{":
            return self.inline_table(pos + 1, path)
        while pos < self.n and self.text[pos] not in ",]}\n#":
            pos += 1  # number, boolean, date-time
        return pos

    def array(self, pos: int, path: Path) -> int:
        i = 0
        while True:
            pos = self.space(pos, newlines=True)
            if pos < self.n and self.text[pos] == "#":
                pos = self.comment(pos)
                continue
            if pos >= self.n or self.text[pos] == "]":
                return pos + 1
            if self.text[pos] == ",":
                pos += 1
                continue
            pos = self.value(pos, path + (i,))
            i += 1

    def inline_table(self, pos: int, path: Path) -> int:
        while True:
            pos = self.space(pos, newlines=True)
            if pos >= self.n or self.text[pos] == "}":
                return pos + 1
            if self.text[pos] == ",":
                pos += 1
                continue
            parts, pos = self.key(pos, path)
            pos = self.space(pos)
            pos = self.value(self.space(pos + 1), path + tuple(parts))

    def string_body(self, pos: int) -> tuple[str, int]:
        """(decoded value, end offset) of the string starting at pos."""
        text = self.text
        quote = text[pos]
        triple = text.startswith(quote * 3, pos)
        delim = quote * 3 if triple else quote
        i = pos + len(delim)
        j = i
        while j < self.n:
            if quote == '"' and text[j] == "\\":
                j += 2
                continue
            if text.startswith(delim, j):
                if triple:
                    while text.startswith(quote, j + 3):
                        j += 1  # up to two quotes may end the content
                break
            j += 1
        raw = text[i:j]
        if triple and raw.startswith("\n"):
            raw = raw[1:]
        elif triple and raw.startswith("\r\n"):
            raw = raw[2:]
        value = _unescape(raw) if quote == '"' else raw
        return value, min(j + len(delim), self.n)


def _unescape(raw: str) -> str:
    if "\\" not in raw:
        return raw

    def sub(m: re.Match[str]) -> str:
        code = m.group(1) or m.group(2) or m.group(3)
        if code:
            return chr(int(code, 16))
        if m.group(4) is not None:
            return _ESCAPES.get(m.group(4), m.group(4))
        return ""  # line-ending backslash

    return _ESCAPE.sub(sub, raw)
