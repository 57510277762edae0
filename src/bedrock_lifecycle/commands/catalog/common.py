"""Helpers the catalog subcommands share."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from bedrock_lifecycle.commands.options import csv_words

if TYPE_CHECKING:
    from bedrock_lifecycle.catalog.model import Catalog


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def statuses(values: Sequence[str] | None) -> set[str]:
    return {v.upper() for v in csv_words(values)}


def load_named(name: str) -> Catalog:
    """A catalog file, or the embedded catalog for the name ``embedded``."""
    from bedrock_lifecycle import catalog as catalog_mod

    return catalog_mod.load(None if name == "embedded" else name)
