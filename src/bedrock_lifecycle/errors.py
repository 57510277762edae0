"""Exceptions. A FatalError ends the run with exit code 2 and one clear line."""

from __future__ import annotations


class FatalError(Exception):
    """A usage, configuration or catalog error: the run cannot go on."""


class ConfigError(FatalError):
    pass


class CatalogError(FatalError):
    pass


class SyncError(FatalError):
    pass


class ParseFailure(Exception):
    """Raised by a parser; becomes a Diagnostic and the text fallback scans the file."""

    def __init__(self, message: str, line: int | None = None, col: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
