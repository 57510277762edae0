"""INI and ``.cfg`` files (configparser's dialect, read leniently, never failing).

``[section]`` headers, ``key = value`` and ``key: value`` lines, indented
continuation lines, and ``#``/``;`` comments (whole-line, or after whitespace
on a value line: many real files use them although configparser does not by
default; a model ID in such a comment is not a reference). Each value becomes a
Scalar with the key path ``(section, key)``; a line that is neither is kept as
text (key path ``(line,)``) so nothing in an odd file goes unread.
"""

from __future__ import annotations

import re

from bedrock_lifecycle.document import Comment, Document
from bedrock_lifecycle.model import Scalar

_SECTION = re.compile(r"\s*\[([^\]\n]*)\]")
_KEY = re.compile(r"([^=:\s\[][^=:]*?)\s*[=:]\s*")
_INLINE_COMMENT = re.compile(r"\s[#;]")


class IniParser:
    name = "ini"
    frameworks = ("config",)
    comment_markers = ("#", ";")

    def claims(self, path: str) -> bool:
        return path.endswith((".ini", ".cfg", ".conf"))

    def parse(self, path: str, text: str) -> Document:
        scalars: list[Scalar] = []
        comments: list[Comment] = []
        section: str | None = None
        key_path: tuple[str | int, ...] | None = None  # of the last key, for continuation lines
        offset = 0
        for number, line in enumerate(text.split("\n"), start=1):
            body = line.rstrip("\r")
            stripped = body.strip()
            indented = body[:1] in (" ", "\t")
            if not stripped:
                key_path = None
            elif stripped[0] in "#;":
                comments.append(Comment(number, stripped[1:].strip()))
            elif indented and key_path is not None:
                start = offset + len(body) - len(body.lstrip())
                scalars.append(self._value(body, start - offset, offset, key_path, number, comments))
            elif m := _SECTION.match(body):
                section = m.group(1).strip()
                key_path = None
            elif m := _KEY.match(body):
                key = m.group(1).strip()
                key_path = (section, key) if section is not None else (key,)
                scalars.append(self._value(body, m.end(), offset, key_path, number, comments))
            else:
                scalars.append(Scalar(body, (number,), offset, offset + len(body)))
                key_path = None
            offset += len(line) + 1
        return Document(path, self.name, text, scalars=tuple(scalars), comments=tuple(comments))

    @staticmethod
    def _value(
        body: str, at: int, offset: int, key_path: tuple[str | int, ...], number: int, comments: list[Comment]
    ) -> Scalar:
        end = len(body)
        m = _INLINE_COMMENT.search(body, at)
        if m:
            comments.append(Comment(number, body[m.end() :].strip(), False))
            end = m.start()
        value = body[at:end].strip()
        return Scalar(value.strip("\"'"), key_path, offset + at, offset + end)
