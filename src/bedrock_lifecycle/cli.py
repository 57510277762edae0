"""Command line: ``bedrock-lifecycle scan``, ``inventory``, ``catalog list|show|sync|diff``.

The commands themselves live in ``commands/`` (one module each, listed in ``commands.COMMANDS``; its
docstring says how to add one). This module builds the parser from that registry, runs the chosen command
inside the one error handler, and is the console script (``bedrock_lifecycle.cli:main``).

Exit codes: 0 nothing fails the run; 1 a FAILED check that fails the run
(see --fail-on; never with --soft-fail); 4 (ORed with 1) some files could not be
fully scanned and --strict was given; 2 a usage, configuration, catalog or
internal error (one line on stderr; the traceback with --debug); 130 interrupted.
Only this module and ``commands/`` read the environment or write to stdout, stderr and files.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import logging
import os
import sys
import traceback
from collections.abc import Iterator, Sequence

from bedrock_lifecycle import __version__
from bedrock_lifecycle.commands import COMMANDS, Command
from bedrock_lifecycle.commands.base import EXIT_ERROR, EXIT_FAILED, EXIT_INCOMPLETE, EXIT_INTERRUPTED
from bedrock_lifecycle.commands.scan_config import build_config, scan_options
from bedrock_lifecycle.errors import FatalError

LOG = logging.getLogger(__name__)

__all__ = [
    "EXIT_ERROR",
    "EXIT_FAILED",
    "EXIT_INCOMPLETE",
    "build_config",
    "build_parser",
    "error_handler",
    "main",
    "option_like_files",
]

_scan_options = scan_options  # what a config file may set (tests and config_file callers use this name)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bedrock-lifecycle",
        description="Find Amazon Bedrock model references in IaC, config and source, and report Legacy, "
        "extended-access, End-of-Life and unknown models. Static: nothing is executed, AWS is never called.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and the catalog date")
    _add_commands(parser, COMMANDS, dest="command", metavar="COMMAND")
    return parser


def _add_commands(parser: argparse.ArgumentParser, commands: Sequence[Command], dest: str, metavar: str) -> None:
    """One subparser per command; a group's subcommands nested under it (dest ``<group>_command``)."""
    sub = parser.add_subparsers(dest=dest, metavar=metavar)
    for command in commands:
        child = sub.add_parser(command.name, help=command.help, description=command.description)
        if command.configure is not None:
            command.configure(child)
        if command.subcommands:
            group = command.name.replace("-", "_")
            _add_commands(child, command.subcommands, dest=f"{group}_command", metavar=f"{group.upper()}_COMMAND")
        child.set_defaults(func=command.run or functools.partial(_usage, child))


def _usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    parser.print_usage(sys.stderr)
    return EXIT_ERROR


@contextlib.contextmanager
def error_handler(debug: bool) -> Iterator[None]:
    try:
        yield
    except FatalError as exc:
        print(f"bedrock-lifecycle: error: {exc}", file=sys.stderr)
        raise SystemExit(EXIT_ERROR) from None
    except KeyboardInterrupt:
        print("bedrock-lifecycle: interrupted", file=sys.stderr)
        raise SystemExit(EXIT_INTERRUPTED) from None
    except Exception as exc:
        if debug:
            traceback.print_exc()
        print(
            f"bedrock-lifecycle: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
            file=sys.stderr,
        )
        raise SystemExit(EXIT_ERROR) from None


def option_like_files(argv: Sequence[str]) -> list[str]:
    """Arguments before ``--`` that look like options and also name existing files.

    pre-commit appends the staged file names to the command line: a file named
    ``--catalog=evil.json`` or ``--fail-on=none,x.yaml`` would otherwise set that
    option. Such a run stops with exit 2 instead; ``-- FILE`` names it unambiguously.
    """
    found = []
    for arg in argv:
        if arg == "--":
            break
        if arg.startswith("-") and arg != "-" and os.path.lexists(arg):
            found.append(arg)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    ambiguous = option_like_files(argv)
    if ambiguous:
        print(
            f"bedrock-lifecycle: error: {ambiguous[0]!r} is both an option and a file here; put file names "
            "after '--' (bedrock-lifecycle scan -- FILE...) or rename the file",
            file=sys.stderr,
        )
        return EXIT_ERROR
    args = parser.parse_args(argv)
    if args.version:
        from bedrock_lifecycle.catalog import load_embedded

        print(f"bedrock-lifecycle {__version__} (catalog {load_embedded().generated})")
        return 0
    if not args.command:
        parser.print_usage(sys.stderr)
        return EXIT_ERROR
    try:
        with error_handler(getattr(args, "debug", False)):
            return int(args.func(args))
    except SystemExit as exc:
        return int(exc.code or 0)
