"""The text fallback: any file, line by line, with comments left out when the
format has them. Used when a parser fails, so a parse error never loses a
reference, and for formats that are not a language we parse (Helm templates).
"""

from __future__ import annotations

import re

from bedrock_lifecycle.document import Comment, Document
from bedrock_lifecycle.model import Scalar

# A key just before the value on the same line: 'MODEL_ID = "', 'model_id: '.
_KEY_BEFORE = re.compile(r"""([A-Za-z_][\w.-]*)["']?\s*(?::|=|=>|:=)\s*["'`]?\s*$""")


class TextParser:
    name = "text"
    frameworks = ("config",)
    comment_markers: tuple[str, ...] = ()

    def __init__(self, comment_markers: tuple[str, ...] = ()) -> None:
        self.comment_markers = comment_markers

    def claims(self, path: str) -> bool:
        return False  # only ever used as the fallback, or chosen explicitly

    def parse(self, path: str, text: str) -> Document:
        scalars = []
        comments = []
        offset = 0
        for number, line in enumerate(text.split("\n"), start=1):
            cut = _comment_start(line, self.comment_markers)
            code = line if cut is None else line[:cut]
            if cut is not None:
                comments.append(Comment(number, line[cut:].lstrip("#/; ").rstrip(), not line[:cut].strip()))
            if code.strip():
                scalars.append(Scalar(code, (number,), offset, offset + len(code)))
            offset += len(line) + 1
        return Document(path, self.name, text, scalars=tuple(scalars), comments=tuple(comments))


def key_before(line_prefix: str) -> str | None:
    m = _KEY_BEFORE.search(line_prefix)
    return m.group(1) if m else None


def _comment_start(line: str, markers: tuple[str, ...]) -> int | None:
    """Where a line comment starts, outside quotes; None when there is none."""
    if not markers:
        return None
    quote = None
    i = 0
    n = len(line)
    while i < n:
        c = line[i]
        if quote:
            if c == "\\":
                i += 2
                continue
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        else:
            for m in markers:
                if line.startswith(m, i) and (i == 0 or line[i - 1] in " \t" or m != "#"):
                    return i
        i += 1
    return None


def hash_comments(text: str) -> tuple[Comment, ...]:
    """'#' comments of a YAML/dotenv-like file, for inline suppressions."""
    out = []
    if "#" not in text:
        return ()
    for number, line in enumerate(text.split("\n"), start=1):
        if "#" in line:
            cut = _comment_start(line, ("#",))
            if cut is not None:
                out.append(Comment(number, line[cut + 1 :].strip(), not line[:cut].strip()))
    return tuple(out)
