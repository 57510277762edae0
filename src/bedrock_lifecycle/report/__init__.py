"""Reporters: pure functions from a ScanResult to a string. Only the CLI writes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bedrock_lifecycle.migrate.proposals import Proposal
    from bedrock_lifecycle.model import Span


@dataclass(frozen=True)
class ReportOptions:
    compact: bool = False
    quiet: bool = False
    color: bool = False
    stale_after_days: int = 45  # CATALOG_MAX_AGE_DAYS
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
    # The migration assistant's proposal for each failing reference, by the span of its literal
    # (migrate.proposals.propose): SARIF fixes, JSON bedrock.fix, the migration plan. Empty: none computed.
    fixes: Mapping[Span, Proposal] = field(default_factory=dict)


# AWS changes model cards monthly: a catalog older than this is called stale in every report.
CATALOG_MAX_AGE_DAYS = 45


def catalog_label(catalog_date: str, source: str, sources_date: str | None) -> str:
    """How every report names its catalog: '2026-11-26 (embedded; AWS pages up to 2026-10-08)'."""
    pages = f"; AWS pages up to {sources_date}" if sources_date else ""
    return f"{catalog_date} ({source}{pages})"


def catalog_age_warning(catalog_date: str, as_of: date, limit: int = CATALOG_MAX_AGE_DAYS) -> str | None:
    try:
        built = date.fromisoformat(catalog_date)
    except ValueError:
        return None
    age = (as_of - built).days
    if age > limit:
        return (
            f"the lifecycle catalog is {age} days old (dated {catalog_date}; AWS changes model cards monthly, "
            f"and a catalog older than {limit} days misses them): run `bedrock-lifecycle catalog sync` "
            "or upgrade bedrock-lifecycle"
        )
    return None


@dataclass(frozen=True)
class OutputFormat:
    """One output format of one command: the function that renders it and how its file is named.

    A ``scan`` format renders ``(ScanResult, ReportOptions) -> str``; an ``inventory`` format renders
    ``(Inventory, **options) -> str``, where ``options`` names the keywords it takes. The module is
    imported only when the format is used, so start-up stays light.
    """

    name: str  # the -o word
    command: str  # "scan" or "inventory"
    module: str  # under bedrock_lifecycle.
    function: str = "render"
    extension: str = ""  # of its file in an --output-file-path folder (default: the name)
    options: tuple[str, ...] = ()  # keyword options the render function takes
    fixes: bool = False  # carries the migration assistant's proposals (ReportOptions.fixes; computed only then)
    horizon: bool = False  # scan --horizon adds its section to this output (inventory.with_horizon)

    @property
    def suffix(self) -> str:
        return self.extension or self.name


# The one table of output formats, in the order `-o` lists them. To add one: write its render function,
# add a row here (and, for scan, its snapshot under fixtures/; see docs/architecture.md).
OUTPUT_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("cli", "scan", "report.text", extension="txt", horizon=True),
    OutputFormat("json", "scan", "report.json_", fixes=True, horizon=True),
    OutputFormat("sarif", "scan", "report.sarif", fixes=True),
    OutputFormat("junitxml", "scan", "report.junit", extension="xml"),
    OutputFormat("github", "scan", "report.github", extension="md"),
    OutputFormat("csv", "scan", "report.csv_"),
    OutputFormat("html", "scan", "report.html", fixes=True),
    OutputFormat("migration", "scan", "report.migration", extension="md", fixes=True),
    OutputFormat("table", "inventory", "inventory", "render_table", extension="txt"),
    OutputFormat("json", "inventory", "inventory", "render_json"),
    OutputFormat("csv", "inventory", "inventory", "render_csv"),
    OutputFormat("cyclonedx", "inventory", "report.cyclonedx", "render_inventory", "json", ("timestamp",)),
)


def output_formats(command: str) -> tuple[str, ...]:
    """The -o choices of a command, in table order."""
    return tuple(f.name for f in OUTPUT_FORMATS if f.command == command)


def output_format(command: str, name: str) -> OutputFormat:
    for f in OUTPUT_FORMATS:
        if f.command == command and f.name == name:
            return f
    raise KeyError(f"{command} has no output format {name!r}")


def renderer(fmt: OutputFormat) -> Callable[..., str]:
    """The render function of a format; only its module is imported."""
    from importlib import import_module

    fn: Callable[..., str] = getattr(import_module(f"bedrock_lifecycle.{fmt.module}"), fmt.function)
    return fn


def formatter(name: str) -> Callable[..., str]:
    """The render function of one scan format."""
    return renderer(output_format("scan", name))


def formatters() -> dict[str, Callable[..., str]]:
    """Name -> render function for every scan format (imports them all: for tools and tests, not the scan path)."""
    return {name: formatter(name) for name in FORMATS}


FORMATS = output_formats("scan")
# Formats that carry the migration assistant's proposals (the CLI computes them only for these).
FIX_FORMATS = frozenset(f.name for f in OUTPUT_FORMATS if f.command == "scan" and f.fixes)
