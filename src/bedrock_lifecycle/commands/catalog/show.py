"""``bedrock-lifecycle catalog show``: resolve any ID form to its catalog entry."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from bedrock_lifecycle.commands.base import EXIT_FAILED, Command
from bedrock_lifecycle.commands.catalog.common import iso
from bedrock_lifecycle.commands.options import add_common


def configure(show: argparse.ArgumentParser) -> None:
    show.add_argument("id", metavar="ID")
    show.add_argument("--region", help="evaluate the regional schedule of this Region")
    show.add_argument("-o", "--output", choices=("cli", "json"), default="cli")
    add_common(show)


def run(args: argparse.Namespace) -> int:
    from bedrock_lifecycle import catalog as catalog_mod
    from bedrock_lifecycle.model import Reference, Span
    from bedrock_lifecycle.policies.messages import describe
    from bedrock_lifecycle.resolve.ids import IdParser, resolve

    catalog = catalog_mod.load(args.catalog)
    as_of = args.as_of or date.today()
    parsed = IdParser.for_catalog(catalog).parse(args.id)
    if parsed is None:
        print(f"'{args.id}' is not a Bedrock model reference", file=sys.stderr)
        return EXIT_FAILED
    ref = Reference(args.id, Span("<argument>", 1, 1, 1, len(args.id) + 1), "", "argument", region=args.region)
    res = resolve(ref, parsed, catalog, as_of)
    entry = catalog.get(res.model_id) if res.model_id else None
    doc: dict[str, Any] = {
        "reference": args.id,
        "form": parsed.form,
        "geo_prefix": parsed.geo,
        "region": args.region or parsed.region,
        "partition": parsed.partition,
        "status": res.status.value,
        "extended_access": res.extended_access,
        "model_id": res.model_id,
        "name": res.name,
        "provider": res.provider,
        "legacy_date": iso(res.legacy_date),
        "extended_access_date": iso(res.extended_access_date),
        "eol_date": iso(res.eol_date),
        "replacement": res.replacement,
        "eol_no_sooner_than": iso(entry.eol_no_sooner_than) if entry else None,
        "launch_date": iso(entry.launch_date) if entry else None,
        "regions": list(entry.regions) if entry else [],
        "confidence": entry.confidence if entry else None,
        "source_url": res.source_url,
        "notes": entry.notes if entry else None,
        "suggestions": list(res.suggestions),
        "as_of": as_of.isoformat(),
        "catalog_date": catalog.generated,
        "message": describe(res, as_of),
    }
    if args.output == "json":
        sys.stdout.write(json.dumps(doc, indent=2, sort_keys=True) + "\n")
    else:
        width = max(len(k) for k in doc)
        for key, value in doc.items():
            if value not in (None, [], ""):
                shown = ", ".join(value) if isinstance(value, list) else value
                print(f"{key.ljust(width)}  {shown}")
    return 0 if res.model_id or res.status.value == "OPAQUE" else EXIT_FAILED


COMMAND = Command(name="show", help="resolve any ID form to its catalog entry", configure=configure, run=run)
