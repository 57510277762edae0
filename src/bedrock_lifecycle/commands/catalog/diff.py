"""``bedrock-lifecycle catalog diff``: what changed between two catalog files."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from bedrock_lifecycle.commands.base import Command
from bedrock_lifecycle.commands.catalog.common import load_named
from bedrock_lifecycle.commands.options import date_arg


def configure(dif: argparse.ArgumentParser) -> None:
    dif.add_argument("old", metavar="OLD")
    dif.add_argument("new", metavar="NEW")
    dif.add_argument("--as-of", type=date_arg, metavar="YYYY-MM-DD", help="statuses as of this date (default: today)")
    dif.add_argument("-o", "--output", choices=("cli", "json"), default="cli")
    dif.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")


def run(args: argparse.Namespace) -> int:
    from bedrock_lifecycle.catalog.diff import diff, render_text

    result = diff(load_named(args.old), load_named(args.new), args.as_of or date.today())
    if args.output == "json":
        sys.stdout.write(json.dumps(result, indent=2, sort_keys=True) + "\n")
    else:
        sys.stdout.write(render_text(result))
    return 0


COMMAND = Command(
    name="diff",
    help="what changed between two catalog files ('embedded' for the built-in one)",
    configure=configure,
    run=run,
)
