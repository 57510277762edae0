#!/usr/bin/env python3
"""Build the embedded catalog from the researched reference facts.

    python scripts/build_catalog.py [../shared/reference/bedrock-lifecycle/lifecycle.yaml]

Reads lifecycle.yaml (facts with their sources) and writes
src/bedrock_lifecycle/catalog/data/catalog.json: one entry per model ID, sorted,
every entry with its source URL and confidence, the file stamped with the date
the facts were compiled. Status is *not* copied: the scanner computes it from the
dates, so the file answers for any --as-of date. Corrections to the reference
facts live in CORRECTIONS below, each with its reason, so a reviewer sees them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import catalog_compat  # noqa: E402  (the compatibility facts, kept in their own file)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "reference" / "bedrock-lifecycle" / "lifecycle.yaml"
OUT = ROOT / "src" / "bedrock_lifecycle" / "catalog" / "data" / "catalog.json"

# Geo prefixes of system-defined (cross-Region) inference profiles, from id-forms.md §4
# (AWS inference-profiles-support page, 2026 model cards; 'in.' from recorded API output).
GEO_PREFIXES = ["apac", "au", "ca", "eu", "global", "in", "jp", "us", "us-gov"]
# Provider prefixes seen in Bedrock model IDs (id-forms.md §1); entries add their own.
PROVIDERS = [
    "ai21",
    "amazon",
    "anthropic",
    "cohere",
    "deepseek",
    "google",
    "luma",
    "meta",
    "minimax",
    "mistral",
    "moonshot",
    "moonshotai",
    "nvidia",
    "openai",
    "qwen",
    "stability",
    "twelvelabs",
    "writer",
    "xai",
    "zai",
]

# Field-level corrections to the reference facts: (model_id, field) -> (value, reason).
CORRECTIONS: dict[tuple[str, str], tuple[Any, str]] = {}


def _s(v: Any) -> str | None:
    return None if v in (None, "") else str(v)


def convert(raw: dict[str, Any]) -> dict[str, Any]:
    model_id = raw["model_id"]
    out: dict[str, Any] = {
        "id": model_id,
        "name": raw.get("name") or model_id,
        "provider": raw.get("provider") or model_id.split(".", 1)[0],
        "legacy_date": _s(raw.get("legacy_date")),
        "extended_access_date": _s(raw.get("public_extended_access_date")),
        "eol_date": _s(raw.get("eol_date")),
        "earliest_eol_date": _s(raw.get("earliest_eol_date")),
        "eol_no_sooner_than": _s(raw.get("eol_no_sooner_than")),
        "launch_date": _s(raw.get("launch_date")),
        "replacement": raw.get("recommended_replacement"),
        "replacement_note": raw.get("replacement_note"),
        "regions": sorted(raw.get("regions") or []),
        "schedule": [
            {
                "regions": sorted(row.get("regions") or []),
                "legacy_date": _s(row.get("legacy_date")),
                "extended_access_date": _s(row.get("public_extended_access_date")),
                "eol_date": _s(row.get("eol_date")),
            }
            for row in raw.get("regional_schedule") or []
        ],
        "variant_of": raw.get("variant_of"),
        "aliases": sorted(set(raw.get("aliases") or [])),
        "endpoints": raw.get("endpoints") or [],
        "lifecycle_policy": raw.get("lifecycle_policy"),
        "confidence": raw.get("confidence", "unknown"),
        "inferred": bool(raw.get("inferred", False)),
        "notes": " ".join(x for x in (raw.get("notes"), raw.get("inferred_note"), raw.get("source_note")) if x) or None,
        "source_url": raw["source"],
    }
    for (mid, field), (value, _reason) in CORRECTIONS.items():
        if mid == model_id:
            out[field] = value
    return {k: v for k, v in out.items() if v not in (None, [], False)}


def inherit_schedules(models: dict[str, dict[str, Any]], alias_of: dict[str, str]) -> None:
    """PT variants and aliases carry their base model's per-Region rows.

    id-forms.md: "All variants carry their base model's dates". The reference gives
    variants and alias entries the base's top-level dates only, so a Region-pinned
    variant would fall back to the summary dates (Legacy until the latest EOL)
    where its base is already EOL in that Region.
    """
    for key, entry in models.items():
        base_id = entry.get("variant_of") or alias_of.get(key)
        base = models.get(str(base_id).lower()) if base_id else None
        if base is None or entry.get("schedule") or not base.get("schedule"):
            continue
        same = all(entry.get(f) == base.get(f) for f in ("legacy_date", "extended_access_date", "eol_date"))
        if not same:
            continue
        for field in ("schedule", "regions", "earliest_eol_date"):
            if field in base:
                entry[field] = base[field]


def build(source: Path) -> dict[str, Any]:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    models: dict[str, dict[str, Any]] = {}
    for section in ("legacy_or_eol", "active"):
        for raw in data[section]:
            entry = convert(raw)
            key = entry["id"].lower()
            if key in models:
                raise SystemExit(f"duplicate model id {entry['id']} in {source}")
            models[key] = entry
    inherit_schedules(
        models,
        {
            raw["model_id"].lower(): raw.get("alias_of")
            for sec in ("legacy_or_eol", "active")
            for raw in data[sec]
            if raw.get("alias_of")
        },
    )
    providers = sorted(set(PROVIDERS) | {k.split(".", 1)[0] for k in models})
    return {
        "schema_version": 1,
        "generated": str(data["as_of"]),
        "source": "Amazon Bedrock documentation (model lifecycle, model cards, supported models, provisioned "
        "throughput, inference profiles), the botocore service model and the AWS CDK; each entry names its page.",
        "status_rule": "EOL if as_of >= eol_date; LEGACY if as_of >= legacy_date (public extended access once "
        "as_of >= extended_access_date); otherwise ACTIVE. Top-level dates: earliest legacy, latest EOL over "
        "the Regions in 'schedule'.",
        "corrections": [
            {"id": mid, "field": field, "value": value, "reason": reason}
            for (mid, field), (value, reason) in sorted(CORRECTIONS.items())
        ],
        "providers": providers,
        "geo_prefixes": GEO_PREFIXES,
        "models": [models[k] for k in sorted(models)],
    }


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    doc = catalog_compat.apply(build(source))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(doc['models'])} models, generated {doc['generated']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
