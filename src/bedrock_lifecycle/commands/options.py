"""Argument types and the option groups several commands share.

- ``add_common``: ``--as-of``, ``--catalog``, ``--debug`` (every command that reads the catalog).
- ``add_targets``: the ``PATH`` arguments, ``-d/--directory`` and ``-f/--file`` (``scan``, ``inventory``).
- ``add_selection``: which files are scanned and how (``--skip-path``, ``--framework``, ``--skip-framework``,
  ``--max-file-size``, ``--jobs``; ``scan``, ``inventory``).

A new option that changes what a scan finds belongs in ``add_selection`` (both commands get it, and a
config file may set it because ``scan`` has it); read it in ``commands/scan_config.py``'s ``build_config``.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bedrock_lifecycle.inventory import HorizonSpec

LOG = logging.getLogger(__name__)


def date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def count_arg(text: str) -> int:
    """A whole number >= 0."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {text!r}")
    return value


def horizon_arg(text: str) -> HorizonSpec:
    from bedrock_lifecycle.inventory import HorizonSpec

    try:
        return HorizonSpec.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def csv_words(values: Sequence[str] | None) -> list[str]:
    """Repeatable, comma-separated option values as one list of words."""
    return [v.strip() for item in values or () for v in item.split(",") if v.strip()]


def add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--as-of",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="evaluate lifecycle status as of this date (default: today)",
    )
    p.add_argument("--catalog", metavar="FILE", help="use this catalog file instead of the embedded one")
    p.add_argument(
        "--catalog-overlay",
        metavar="FILE",
        help="organisation overlay: private models and stricter dates, each with a reason (see docs)",
    )
    p.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")


def add_targets(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: .)")
    p.add_argument("-d", "--directory", action="append", default=[], help="directory to scan (repeatable)")
    p.add_argument("-f", "--file", action="append", default=[], help="file to scan (repeatable)")


def add_selection(p: argparse.ArgumentParser) -> None:
    from bedrock_lifecycle.config import FRAMEWORKS, OPTIONAL_FRAMEWORKS

    p.add_argument(
        "--skip-path",
        action="append",
        default=[],
        metavar="REGEX",
        help="skip paths matching this regular expression (repeatable)",
    )
    p.add_argument(
        "--framework",
        action="append",
        metavar="NAMES",
        help=f"scan only these file kinds: {', '.join(FRAMEWORKS + OPTIONAL_FRAMEWORKS)}",
    )
    p.add_argument("--skip-framework", action="append", metavar="NAMES", help="do not scan these file kinds")
    p.add_argument(
        "--include-docs",
        action="store_true",
        help="also scan documentation (Markdown, reStructuredText, AsciiDoc, notebook markdown cells and "
        "outputs) as the 'docs' framework; its findings do not fail the run unless --fail-on-docs",
    )
    p.add_argument(
        "--max-file-size",
        type=count_arg,
        metavar="BYTES",
        help="skip larger files with a diagnostic (default: 2 MiB)",
    )
    p.add_argument(
        "--jobs",
        "-j",
        type=count_arg,
        metavar="N",
        help="worker processes (default: CPUs for directories, 1 for file lists)",
    )
