"""Java ``.properties`` files (Spring Boot's ``application.properties`` and friends).

The format of ``java.util.Properties.load``: ``#``/``!`` comment lines, a key
ended by the first unescaped ``=``, ``:`` or whitespace, a value running to the
end of the logical line (a trailing backslash continues it), and no inline
comments. Each physical piece of a value becomes a Scalar keyed by the whole
property name, so ``spring.ai.bedrock.converse.chat.options.model=...`` is
reported under that name.
"""

from __future__ import annotations

import re

from bedrock_lifecycle.document import Comment, Document
from bedrock_lifecycle.model import Scalar

_KEY_END = re.compile(r"(?<!\\)(?:\\\\)*(?:[=:]|\s)")
_SEPARATOR = re.compile(r"\s*[=:]?\s*")
_UNESCAPE = re.compile(r"\\(.)")


class PropertiesParser:
    name = "properties"
    frameworks = ("config",)
    comment_markers = ("#", "!")

    def claims(self, path: str) -> bool:
        return path.endswith(".properties")

    def parse(self, path: str, text: str) -> Document:
        scalars: list[Scalar] = []
        comments: list[Comment] = []
        key: str | None = None  # set while a value continues on the next line
        offset = 0
        for number, line in enumerate(text.split("\n"), start=1):
            body = line.rstrip("\r")
            lead = len(body) - len(body.lstrip(" \t\f"))
            continues = _continues(body)
            end = len(body) - 1 if continues else len(body)
            if key is not None:
                if body[lead:end].strip():
                    scalars.append(Scalar(body[lead:end], (key,), offset + lead, offset + end))
            elif not body[lead:].strip():
                pass
            elif body[lead] in "#!":
                comments.append(Comment(number, body[lead + 1 :].strip()))
                continues = False
            else:
                m = _KEY_END.search(body, lead)
                key_end = m.start() + len(m.group()) - 1 if m else len(body)
                name = _UNESCAPE.sub(r"\1", body[lead:key_end])
                sep = _SEPARATOR.match(body, key_end)  # always matches (every part is optional)
                at = sep.end() if sep else key_end
                if body[at:end].strip():
                    scalars.append(Scalar(body[at:end], (name,), offset + at, offset + end))
                key = name
            if not continues:
                key = None
            offset += len(line) + 1
        return Document(path, self.name, text, scalars=tuple(scalars), comments=tuple(comments))


def _continues(body: str) -> bool:
    """An odd number of trailing backslashes continues the logical line."""
    count = len(body) - len(body.rstrip("\\"))
    return count % 2 == 1
