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
    from bedrock_lifecycle.resolve.replacement import with_replacement

    catalog = catalog_mod.load(args.catalog, getattr(args, "catalog_overlay", None))
    as_of = args.as_of or date.today()
    parsed = IdParser.for_catalog(catalog).parse(args.id)
    if parsed is None:
        print(f"'{args.id}' is not a Bedrock model reference", file=sys.stderr)
        return EXIT_FAILED
    ref = Reference(args.id, Span("<argument>", 1, 1, 1, len(args.id) + 1), "", "argument", region=args.region)
    res = with_replacement(resolve(ref, parsed, catalog, as_of), catalog, as_of)
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
        "replacement_inferred": res.replacement_inferred,
        "replacement_note": res.replacement_note,
        "aws_replacement": entry.aws_replacement if entry else None,
        "recorded_replacement": entry.replacement if entry else None,
        "eol_no_sooner_than": iso(entry.eol_no_sooner_than) if entry else None,
        "launch_date": iso(entry.launch_date) if entry else None,
        "regions": list(entry.regions) if entry else [],
        "confidence": entry.confidence if entry else None,
        "source_url": res.source_url,
        "card": entry.card.get("page") if entry and entry.card else None,
        "legacy_date_bound": entry.legacy_date_bound if entry else None,
        "region_note": res.note,
        **date_source_lines(entry),
        "conflicts": [conflict_line(c) for c in entry.conflicts] if entry else [],
        "overlay": overlay_line(entry.overlay) if entry and entry.overlay else None,
        **compat_lines(entry, catalog),
        "swap": swap_line(res, parsed.geo, catalog),
        "notes": entry.notes if entry else None,
        "suggestions": list(res.suggestions),
        "as_of": as_of.isoformat(),
        "catalog_date": catalog.generated,
        "message": describe(res, as_of),
    }
    if args.output == "json":
        sys.stdout.write(json.dumps(doc, indent=2, sort_keys=True) + "\n")
    else:
        width = max(len(k) for k in doc if doc[k] not in (None, [], "", False))
        for key, value in doc.items():
            if value in (None, [], "", False):
                continue
            if key == "conflicts":
                for line in value:
                    print(f"{'conflict'.ljust(width)}  {line}")
                continue
            shown = ", ".join(value) if isinstance(value, list) else value
            print(f"{key.ljust(width)}  {shown}")
    return 0 if res.model_id or res.status.value == "OPAQUE" else EXIT_FAILED


def compat_lines(entry: Any, catalog: Any) -> dict[str, Any]:
    """What a migration compares: request API family, modalities, dimensions, context, profiles (catalog compat)."""
    if entry is None:
        return {}
    from bedrock_lifecycle.migrate.swap import family_name

    c = entry.compat
    modalities = f"{', '.join(c.input_modalities)} -> {', '.join(c.output_modalities)}" if c.input_modalities else None
    in_region = {True: "yes", False: "no (inference profiles only)", None: None}[c.in_region]
    return {
        "api_family": family_name(c.api_family, catalog) if c.api_family else None,
        "modalities": modalities,
        "embedding_dimensions": ", ".join(str(d) for d in c.embedding_dimensions) or None,
        "context_window": c.context_window,
        "in_region": in_region,
        "profile_prefixes": list(c.geo_profiles or []),
        "compat_source": c.source or None,
    }


def swap_line(res: Any, geo: str | None, catalog: Any) -> str | None:
    """For a Legacy or EOL model: what moving this reference to its advised replacement takes."""
    if res.model_id is None or res.status.value not in ("LEGACY", "EOL"):
        return None
    from bedrock_lifecycle.migrate.swap import classify

    swap = classify(res.model_id, res.replacement, catalog, geo_prefix=geo)
    return f"{swap.swap_class.value}: {'; '.join(swap.reasons)}"


def date_source_lines(entry: Any) -> dict[str, str]:
    """'eol_date_source': 'Model EOL date on model-card-...html (page of 2026-09-28)', one per date."""
    if entry is None:
        return {}
    out: dict[str, str] = {}
    for field in ("legacy_date", "extended_access_date", "eol_date", "launch_date", "eol_no_sooner_than"):
        src = entry.date_sources.get(field)
        if not src:
            continue
        where = str(src.get("page", ""))
        dated = f" (page of {src['page_date']})" if src.get("page_date") else ""
        inherited = f", inherited from {src['inherited_from']}" if src.get("inherited_from") else ""
        out[f"{field}_source"] = f"{src.get('field', '?')} on {where}{dated}{inherited}"
    return out


def conflict_line(c: Any) -> str:
    values = "; ".join(f"{v.get('source')}: {v.get('value')}" for v in c.get("values") or ())
    return f"{c.get('field')}: {values} -> {c.get('won')} ({c.get('why')})"


def overlay_line(overlay: Any) -> str:
    """What the overlay set next to what the catalog said, and why."""
    fields = ", ".join(f"{k} {v}" for k, v in sorted((overlay.get("fields") or {}).items()))
    if overlay.get("added"):
        return f"{overlay.get('file')}: an organisation model ({fields or 'no dates'}); reason: {overlay.get('reason')}"
    base = overlay.get("catalog") or {}
    was = ", ".join(f"{k} {v}" for k, v in sorted(base.items()) if v) or "no Legacy or EOL date, no replacement"
    return f"{overlay.get('file')}: {fields} (the catalog says: {was}); reason: {overlay.get('reason')}"


COMMAND = Command(name="show", help="resolve any ID form to its catalog entry", configure=configure, run=run)
