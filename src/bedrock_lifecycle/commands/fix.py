"""``bedrock-lifecycle fix``: rewrite what is safe to rewrite (a patch by default; ``--write`` applies it).

Scans exactly as ``scan`` does (the same config file, skips and baseline: a suppressed or baselined finding is
not fixed), then rewrites each failing literal where its value is defined. The patch goes to stdout alone; what
was left for a person, and why, goes to stderr.

Exit codes: 0 nothing left to do; 1 a patch is pending (``--diff``) or a failing literal was left alone;
2 usage, configuration, catalog or internal error.
"""

from __future__ import annotations

import argparse
import logging
import sys

from bedrock_lifecycle.commands.base import Command
from bedrock_lifecycle.commands.options import add_common, add_selection, add_targets, count_arg

LOG = logging.getLogger(__name__)


def configure(fix: argparse.ArgumentParser) -> None:
    add_targets(fix)
    mode = fix.add_mutually_exclusive_group()
    mode.add_argument(
        "--diff",
        dest="write",
        action="store_false",
        help="print a patch that `git apply` accepts and change nothing (the default)",
    )
    mode.add_argument("--write", dest="write", action="store_true", help="rewrite the files in place (atomically)")
    fix.set_defaults(write=False)
    fix.add_argument(
        "--unsafe",
        action="store_true",
        help="also rewrite code-change swaps (the request or response shape differs; change that code too); "
        "re-embed swaps are never rewritten",
    )
    fix.add_argument(
        "-c", "--check", action="append", metavar="IDS", help="fix only findings of these checks (IDs or severities)"
    )
    fix.add_argument("--skip-check", action="append", metavar="IDS", help="do not fix findings of these checks")
    fix.add_argument(
        "--fail-on",
        action="append",
        metavar="CLASSES",
        help="fix the FAILED findings of these classes (as scan's --fail-on: eol, extended-access, eol-within, "
        "provisioned-legacy, legacy, unknown, ..., 'all' or 'none'; default: what fails a scan)",
    )
    fix.add_argument(
        "--warn-days", type=count_arg, metavar="N", help="BRL_004 fails when EOL is within N days (default: 90)"
    )
    fix.add_argument("--baseline", metavar="FILE", help="leave the findings this baseline accepts alone")
    fix.add_argument(
        "--no-inline-skips", action="store_true", help="ignore every skip (inline and config file): fix those too"
    )
    fix.add_argument("--config-file", metavar="PATH", help="read options from this file instead of the discovered one")
    fix.add_argument("--repo-root", metavar="DIR", help="the repository root (config discovery stops there)")
    add_selection(fix)
    add_common(fix)


def run(args: argparse.Namespace) -> int:
    from bedrock_lifecycle import catalog as catalog_mod
    from bedrock_lifecycle.commands.scan import scan_parser, with_baseline
    from bedrock_lifecycle.commands.scan_config import build_config
    from bedrock_lifecycle.migrate.fix import exit_code, fix, render_notes
    from bedrock_lifecycle.scan import scan

    # Every scan option fix does not expose keeps the scan's default (and config-file) value.
    merged = argparse.Namespace(**{**vars(scan_parser().parse_args([])), **vars(args)})
    merged.create_baseline = False
    cfg = build_config(merged)
    catalog = catalog_mod.load(args.catalog)
    result = with_baseline(merged, cfg, scan(cfg, catalog))
    outcome = fix(result, catalog, write=args.write, unsafe=args.unsafe)
    if not args.write:
        sys.stdout.write(outcome.diff)
        sys.stdout.flush()
    sys.stderr.write(render_notes(outcome, write=args.write))
    return exit_code(outcome, write=args.write)


COMMAND = Command(
    name="fix",
    help="rewrite dying model IDs to their Active replacement (a patch by default; --write applies it)",
    description="Scan as `scan` does, then rewrite each failing model literal where its value is defined, "
    "keeping its form (profile prefix, ARN parts, LiteLLM route, quoting). Drop-in swaps only, unless --unsafe "
    "(code-change swaps too); re-embed swaps and models with no Active replacement are listed, never rewritten. "
    "--diff (the default) prints a patch `git apply` accepts; --write applies it in place.",
    configure=configure,
    run=run,
)
