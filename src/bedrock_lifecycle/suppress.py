"""Inline suppressions: ``checkov:skip=ID:reason`` and ``bedrock-lifecycle:skip=ID:reason [until=YYYY-MM-DD]``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bedrock_lifecycle.document import Comment
from bedrock_lifecycle.model import Suppression

_SKIP = re.compile(
    r"(?P<tool>checkov|bedrock-lifecycle):skip=(?P<id>[A-Za-z0-9_]+)"
    r"(?::(?P<reason>.*?))?(?:\s+until=(?P<until>\d{4}-\d{2}-\d{2}))?\s*$"
)


def parse_comment(comment: Comment) -> Suppression | None:
    m = _SKIP.search(comment.text)
    if not m:
        return None
    until = None
    if m.group("until"):
        try:
            until = date.fromisoformat(m.group("until"))
        except ValueError:
            until = None
    return Suppression(m.group("id").upper(), (m.group("reason") or "").strip(), comment.line, until, m.group("tool"))


@dataclass(frozen=True)
class SkipIndex:
    trailing: dict[int, list[Suppression]]  # skips written after code on a line
    above: dict[int, list[Suppression]]  # skips on a comment line of their own
    comment_lines: frozenset[int]  # every own-line comment (a block above a value may mix text and skips)


def suppressions(comments: Iterable[Comment]) -> SkipIndex:
    trailing: dict[int, list[Suppression]] = {}
    above: dict[int, list[Suppression]] = {}
    own: set[int] = set()
    for c in comments:
        if c.own_line:
            own.add(c.line)
        s = parse_comment(c)
        if s is not None:
            (above if c.own_line else trailing).setdefault(c.line, []).append(s)
    return SkipIndex(trailing, above, frozenset(own))


def applicable(index: SkipIndex, start_line: int, end_line: int) -> tuple[Suppression, ...]:
    """Skips trailing the reference's own lines, or in the comment block just above it."""
    found: list[Suppression] = []
    for line in range(start_line, end_line + 1):
        found.extend(index.trailing.get(line, ()))
        found.extend(index.above.get(line, ()))
    line = start_line - 1
    while line in index.comment_lines:
        found.extend(index.above.get(line, ()))
        line -= 1
    return tuple(found)
