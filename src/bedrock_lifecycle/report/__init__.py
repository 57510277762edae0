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
    sarif_category: str | None = None  # runAutomationDetails.id (--sarif-category)
    sarif_include_suppressed: bool = False  # SKIPPED results as results with `suppressions`
    sarif_max_results: int = 25_000  # GitHub code scanning's per-run limit
    uri_prefix: str = ""  # scan root relative to the repository root, for repo-relative SARIF URIs
    # html (report/html.py): the timeline's "today" line (None: not drawn), the --horizon window
    # (inventory.HorizonSpec), the catalog (replacement chains with each hop's status), file-link base.
    today: date | None = None
    horizon: object | None = None
    catalog: object | None = None
    link_base: str = ""


def catalog_age_warning(catalog_date: str, as_of: date, limit: int) -> str | None:
    try:
        built = date.fromisoformat(catalog_date)
    except ValueError:
        return None
    age = (as_of - built).days
    if age > limit:
        return (
            f"the lifecycle catalog is {age} days old (dated {catalog_date}): "
            "run `bedrock-lifecycle catalog sync` or upgrade bedrock-lifecycle"
        )
    return None


_MODULES = {
    "cli": "text",
    "json": "json_",
    "sarif": "sarif",
    "junitxml": "junit",
    "github": "github",
    "csv": "csv_",
    "html": "html",
}


def formatter(name: str) -> Callable[..., str]:
    """The render function of one format; only its module is imported (start-up stays light)."""
    from importlib import import_module

    return import_module(f"bedrock_lifecycle.report.{_MODULES[name]}").render


def formatters() -> dict[str, Callable[..., str]]:
    """Name -> render function for every format (imports them all: for tools and tests, not the scan path)."""
    return {name: formatter(name) for name in _MODULES}


FORMATS = ("cli", "json", "sarif", "junitxml", "github", "csv", "html")
