"""``bedrock-lifecycle inventory``: every referenced model, its status, dates, uses and replacement."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from bedrock_lifecycle.commands.base import Command
from bedrock_lifecycle.commands.options import add_common, add_selection, add_targets, horizon_arg
from bedrock_lifecycle.commands.output import link_base, today, write
from bedrock_lifecycle.commands.scan_config import build_config

LOG = logging.getLogger(__name__)


def configure(inv: argparse.ArgumentParser) -> None:
    from bedrock_lifecycle.report import output_formats

    add_targets(inv)
    inv.add_argument(
        "-o",
        "--output",
        choices=output_formats("inventory"),
        default="table",
        help="output format (default: table); cyclonedx is a CycloneDX 1.6 JSON AI-BOM",
    )
    inv.add_argument("--output-file", metavar="FILE", help="write the output to FILE instead of stdout")
    inv.add_argument("--html", metavar="FILE", help="also write the self-contained HTML report to FILE")
    inv.add_argument(
        "--link-base",
        metavar="URL",
        help="HTML file links start with this https URL "
        "(e.g. https://github.com/org/repo/blob/main); default: relative to the HTML file",
    )
    inv.add_argument(
        "--horizon",
        type=horizon_arg,
        metavar="SPAN",
        help="list what changes phase within SPAN "
        "after the as-of date (180d, 26w, 6m, 2q, 1y or an end date; HTML default: 180d)",
    )
    inv.add_argument(
        "--timestamp",
        action="store_true",
        help="add metadata.timestamp to the CycloneDX "
        "output (now, or SOURCE_DATE_EPOCH); without it the output is reproducible",
    )
    add_selection(inv)
    add_common(inv)


def run(args: argparse.Namespace) -> int:
    from bedrock_lifecycle import catalog as catalog_mod
    from bedrock_lifecycle import inventory
    from bedrock_lifecycle.commands.scan import scan_parser
    from bedrock_lifecycle.report import output_format, renderer
    from bedrock_lifecycle.scan import scan

    # Every scan option the inventory does not expose keeps the scan's default (and config-file) value.
    merged = argparse.Namespace(**{**vars(scan_parser().parse_args([])), **vars(args)})
    cfg = build_config(merged)
    catalog = catalog_mod.load(merged.catalog, getattr(merged, "catalog_overlay", None))
    result = scan(cfg, catalog)
    inv = inventory.build(result, catalog, args.horizon)
    fmt = output_format("inventory", args.output)
    options: dict[str, object] = {}
    if "timestamp" in fmt.options:
        options["timestamp"] = _timestamp() if args.timestamp else None
    text = renderer(fmt)(inv, **options)
    if args.html:
        from bedrock_lifecycle.migrate import plan
        from bedrock_lifecycle.migrate.proposals import propose
        from bedrock_lifecycle.report import html

        page_inv = (
            inv if inv.horizon else inventory.build(result, catalog, inventory.HorizonSpec.parse(html.DEFAULT_HORIZON))
        )
        page_plan = plan.build(page_inv, catalog, propose(result, catalog, result.as_of))
        write(
            args.html,
            html.render_report(
                result,
                page_inv,
                today=today(),
                link_base=link_base(cfg.root, args.html, args.link_base),
                plan=page_plan,
            ),
        )
    if args.output_file:
        write(args.output_file, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return 0


def _timestamp() -> str:
    """Now (or SOURCE_DATE_EPOCH), to the second, in UTC: CycloneDX's metadata.timestamp."""
    from datetime import datetime, timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    now = datetime.fromtimestamp(int(epoch), tz=timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)
    return now.replace(microsecond=0).isoformat().replace("+00:00", "Z")


COMMAND = Command(
    name="inventory",
    help="every referenced model, its status, dates, uses and replacement",
    description="List every Bedrock model the files reference (all statuses), with "
    "where each is used, its lifecycle dates as of a date and the recommended "
    "replacement. Scans exactly as `scan` does; always exits 0 unless an error stops "
    "it.",
    configure=configure,
    run=run,
)
