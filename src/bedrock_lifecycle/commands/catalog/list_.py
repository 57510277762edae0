"""``bedrock-lifecycle catalog list``: every catalog entry with its status as of a date."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from bedrock_lifecycle.commands.base import Command
from bedrock_lifecycle.commands.catalog.common import iso, statuses
from bedrock_lifecycle.commands.options import add_common, csv_words


def configure(lst: argparse.ArgumentParser) -> None:
    lst.add_argument("--status", action="append", metavar="STATUS", help="ACTIVE, LEGACY, EOL (comma-separated)")
    lst.add_argument("--provider", action="append", metavar="NAME", help="provider prefix or name")
    lst.add_argument("-o", "--output", choices=("cli", "json"), default="cli")
    add_common(lst)


def run(args: argparse.Namespace) -> int:
    from bedrock_lifecycle import catalog as catalog_mod
    from bedrock_lifecycle.model import Status
    from bedrock_lifecycle.resolve.replacement import advise

    catalog = catalog_mod.load(args.catalog, getattr(args, "catalog_overlay", None))
    as_of = args.as_of or date.today()
    want_status = statuses(args.status)
    want_provider = {p.lower() for p in csv_words(args.provider)}
    rows: list[dict[str, Any]] = []
    for entry in catalog:
        lc = entry.lifecycle(as_of)
        status = lc.status.value + (" (extended access)" if lc.extended_access else "")
        if want_status and lc.status.value not in want_status:
            continue
        prefix = entry.model_id.split(".", 1)[0]
        if want_provider and not ({prefix, entry.provider.lower()} & want_provider):
            continue
        # The advice every output gives: an Active model on the date, never the raw recorded chain.
        advice = advise(entry.model_id, catalog, as_of) if lc.status is not Status.ACTIVE else None
        shown_replacement = None
        if advice is not None:
            shown_replacement = (
                f"{advice.model_id}{' (inferred)' if advice.inferred else ''}" if advice.model_id else "none Active"
            )
        rows.append(
            {
                "id": entry.model_id,
                "name": entry.name,
                "provider": entry.provider,
                "status": lc.status.value,
                "extended_access": lc.extended_access,
                "legacy_date": iso(lc.legacy_date),
                "extended_access_date": iso(lc.extended_access_date),
                "eol_date": iso(lc.eol_date),
                "replacement": advice.model_id if advice else None,
                "replacement_inferred": bool(advice and advice.inferred),
                "recorded_replacement": entry.replacement,
                "source_url": entry.source_url,
                "_shown": status,
                "_replacement": shown_replacement,
            }
        )
    if args.output == "json":
        doc = {
            "catalog_date": catalog.generated,
            "as_of": as_of.isoformat(),
            "models": [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows],
        }
        sys.stdout.write(json.dumps(doc, indent=2, sort_keys=True) + "\n")
        return 0
    cols = [
        ("id", "MODEL ID"),
        ("_shown", "STATUS"),
        ("legacy_date", "LEGACY"),
        ("extended_access_date", "EXT. ACCESS"),
        ("eol_date", "EOL"),
        ("_replacement", "REPLACEMENT"),
    ]
    table = [[h for _, h in cols]] + [[str(r[k] or "-") for k, _ in cols] for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(cols))]
    for row in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    print(f"\n{len(rows)} of {len(catalog)} models; catalog {catalog.generated}; as of {as_of.isoformat()}")
    return 0


COMMAND = Command(name="list", help="every catalog entry with its status as of a date", configure=configure, run=run)
