"""``.env`` files: KEY=VALUE lines, ``export``, quotes and inline comments."""

from __future__ import annotations

import re

from bedrock_lifecycle.document import Comment, Document
from bedrock_lifecycle.model import Scalar
from bedrock_lifecycle.parsers.base import basename

_LINE = re.compile(r"[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*")


class DotenvParser:
    name = "dotenv"
    frameworks = ("config",)
    comment_markers = ("#",)

    def claims(self, path: str) -> bool:
        name = basename(path)
        return name == ".env" or name.startswith(".env.") or name.endswith(".env")

    def parse(self, path: str, text: str) -> Document:
        scalars = []
        comments = []
        offset = 0
        for number, line in enumerate(text.split("\n"), start=1):
            stripped = line.strip()
            if stripped.startswith("#"):
                comments.append(Comment(number, stripped[1:].strip()))
            else:
                m = _LINE.match(line)
                if m:
                    start, end, comment = _value(line, m.end())
                    scalars.append(Scalar(line[start:end].strip("\"'"), (m.group(1),), offset + start, offset + end))
                    if comment is not None:
                        comments.append(Comment(number, comment, False))
            offset += len(line) + 1
        return Document(path, self.name, text, scalars=tuple(scalars), comments=tuple(comments))


def _value(line: str, i: int) -> tuple[int, int, str | None]:
    """(start, end) of the value with its quotes, and an inline comment if any."""
    rest = line[i:]
    if rest[:1] in ("'", '"'):
        q = rest[0]
        j = 1
        while j < len(rest):
            if rest[j] == "\\" and q == '"':
                j += 2
                continue
            if rest[j] == q:
                break
            j += 1
        end = i + min(j + 1, len(rest))
        tail = line[end:]
        hash_at = tail.find("#")
        return i, end, tail[hash_at + 1 :].strip() if hash_at != -1 else None
    m = re.search(r"[ \t]#", rest)
    if m:
        return i, i + len(rest[: m.start()].rstrip()), rest[m.end() :].strip()
    return i, i + len(rest.rstrip()), None
