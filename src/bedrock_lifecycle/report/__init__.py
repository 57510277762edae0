"""Reporters: pure functions from a ScanResult to a string. Only the CLI writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ReportOptions:
    compact: bool = False
    quiet: bool = False
    color: bool = False
    stale_after_days: int = 90


def catalog_age_warning(catalog_date: str, as_of: date, limit: int) -> str | None:
    try:
        built = date.fromisoformat(catalog_date)
    except ValueError:
        return None
    age = (as_of - built).days
    if age > limit:
        return (f"the lifecycle catalog is {age} days old (dated {catalog_date}): "
                "run `bedrock-lifecycle catalog sync` or upgrade bedrock-lifecycle")
    return None


def formatters() -> dict[str, Callable[..., str]]:
    """Name -> render function; each module is imported only when used."""
    from bedrock_lifecycle.report import json_, text

    return {"cli": text.render, "json": json_.render}


FORMATS = ("cli", "json")
