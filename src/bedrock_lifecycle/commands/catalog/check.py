"""``bedrock-lifecycle catalog check [--catalog FILE]``: validate a catalog file; exit 1 with one line per problem.

Teams that keep their own catalog (or sync one) run it in CI. The rules are in ``catalog.check``.
"""

from __future__ import annotations

import argparse
import sys

from bedrock_lifecycle.commands.base import EXIT_FAILED, EXIT_OK, Command
from bedrock_lifecycle.commands.options import date_arg


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--catalog", metavar="FILE", help="the catalog file to check (default: the embedded catalog)")
    p.add_argument(
        "--as-of",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="judge advised replacements as of this date (default: the catalog's own date)",
    )


def run(args: argparse.Namespace) -> int:
    from bedrock_lifecycle.catalog.check import check_file

    shown, problems = check_file(args.catalog, args.as_of)
    for problem in problems:
        print(f"{shown}: {problem}")
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {shown}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{shown}: ok", file=sys.stderr)
    return EXIT_OK


COMMAND = Command(
    name="check",
    help="validate a catalog file: dates in order, IDs well formed, advice Active, sources present",
    configure=configure,
    run=run,
)
