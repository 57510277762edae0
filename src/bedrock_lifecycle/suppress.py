"""Suppressions: inline ``checkov:skip=ID:reason`` and ``bedrock-lifecycle:skip=ID:reason [until=YYYY-MM-DD]``
comments, and config-file rules (``suppressions:`` in .bedrock-lifecycle.yaml) for files that have no
comments (JSON) or for a team's central list.

A skip is only ever a Suppression record on a Reference; whether it is valid
(reason, known check, not expired) is judged by check BRL_008 at evaluation,
so a bad skip is reported where it sits instead of being silently ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fnmatch import fnmatchcase

from bedrock_lifecycle.document import Comment
from bedrock_lifecycle.model import Resolution, Suppression

_SKIP = re.compile(
    r"(?P<tool>checkov|bedrock-lifecycle):skip=(?P<id>[A-Za-z0-9_]+)"
    r"(?::(?P<reason>.*?))?(?:\s+until=(?P<until>\S*))?\s*$"
)


def parse_comment(comment: Comment) -> Suppression | None:
    m = _SKIP.search(comment.text)
    if not m:
        return None
    until = None
    problem = None
    if m.group("until") is not None:
        try:
            until = date.fromisoformat(m.group("until"))
        except ValueError:
            problem = f"until date {m.group('until')!r} is not a date (YYYY-MM-DD)"
    return Suppression(
        m.group("id").upper(), (m.group("reason") or "").strip(), comment.line, until, m.group("tool"), problem=problem
    )


def in_force(skip: Suppression, check_id: str, as_of: date) -> bool:
    """Whether a skip suppresses this check today: the right ID, well-formed, not past its until date."""
    return skip.check_id == check_id and skip.problem is None and (skip.until is None or as_of <= skip.until)


@dataclass(frozen=True)
class SuppressionRule:
    """One ``suppressions:`` entry of the config file.

    Globs are shell-style and ``*`` also crosses '/'; in ``resource`` only ``*``
    and ``?`` are wildcards, so list indexes (``picker[2].modelId``) match literally.
    """

    path: str  # glob on the scan-root-relative POSIX path
    check_id: str
    reason: str
    until: date | None = None
    resource: str | None = None  # glob on the resource (use site)
    model: str | None = None  # glob on the resolved model ID or the reference as written (case-insensitive)
    origin: str = ""  # "file:line" of the entry, for messages

    def matches(self, res: Resolution) -> bool:
        ref = res.reference
        if not fnmatchcase(ref.span.path, self.path):
            return False
        if self.resource is not None and not (
            ref.resource == self.resource or fnmatchcase(ref.resource, self.resource.replace("[", "[[]"))
        ):
            return False
        if self.model is not None:
            pattern = self.model.lower()
            names = [n.lower() for n in (res.model_id, ref.text) if n]
            if not any(fnmatchcase(n, pattern) for n in names):
                return False
        return True

    def suppression(self) -> Suppression:
        return Suppression(self.check_id, self.reason, 0, self.until, "config", origin=self.origin)


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
