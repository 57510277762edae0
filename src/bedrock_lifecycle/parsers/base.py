"""The parser seam: a small Protocol, and the shared decode step."""

from __future__ import annotations

from typing import Protocol

from bedrock_lifecycle.document import Document


class Parser(Protocol):
    name: str
    frameworks: tuple[str, ...]  # the --framework groups whose files this parser reads
    comment_markers: tuple[str, ...]  # used by the text fallback when parsing fails

    def claims(self, path: str) -> bool:
        """Whether this parser reads the file, from its POSIX path alone (no I/O)."""
        ...

    def parse(self, path: str, text: str) -> Document:
        """Parse text; raise ParseFailure(message, line, col) on malformed input."""
        ...


def basename(path: str) -> str:
    return path.rsplit("/", 1)[-1]
