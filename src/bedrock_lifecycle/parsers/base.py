"""The parser seam: a small Protocol, and the shared decode step."""

from __future__ import annotations

from typing import Protocol

from bedrock_lifecycle.document import Document


class Parser(Protocol):
    """What the registry (parsers/__init__.py PARSERS) holds. The three attributes are read-only, so a
    class attribute (``frameworks = ("terraform",)``) or an instance attribute set in ``__init__`` both
    satisfy them; mypy checks every registered parser against this Protocol."""

    @property
    def name(self) -> str: ...

    @property
    def frameworks(self) -> tuple[str, ...]:
        """The --framework groups whose files this parser reads."""
        ...

    @property
    def comment_markers(self) -> tuple[str, ...]:
        """Line-comment markers, used by the text fallback when parsing fails."""
        ...

    def claims(self, path: str) -> bool:
        """Whether this parser reads the file, from its POSIX path alone (no I/O)."""
        ...

    def parse(self, path: str, text: str) -> Document:
        """Parse text; raise ParseFailure(message, line, col) on malformed input."""
        ...


def basename(path: str) -> str:
    return path.rsplit("/", 1)[-1]
