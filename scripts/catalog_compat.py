#!/usr/bin/env python3
"""Merge the compatibility facts (scripts/catalog_compat.yaml) into a catalog document.

    python scripts/catalog_compat.py [CATALOG_JSON]     # apply in place (default: the embedded catalog)

build_catalog.py calls ``apply(doc)`` on every build. Each entry gets a ``compat`` object (request API family, APIs,
modalities, embedding dimensions, context window, provisioned throughput, in-Region invocation, geo profiles and the
basis of these facts); the document gets ``api_families`` (what each family's request looks like, with its page).
Facts the build read from a stored model card win over the rules (card_facts); a re-run recomputes every entry.
Provisioned-throughput context variants inherit their base model's facts, with provisioned_throughput true; a base
model with such a variant in the catalog is marked provisioned_throughput true as well (SRC-G).
"""

from __future__ import annotations

import fnmatch
import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "catalog_compat.yaml"
CATALOG = ROOT / "src" / "bedrock_lifecycle" / "catalog" / "data" / "catalog.json"
FIELDS = (
    "api_family",
    "apis",
    "input_modalities",
    "output_modalities",
    "embedding_dimensions",
    "context_window",
    "provisioned_throughput",
    "in_region",
    "geo_profiles",
    "source",
)


def load_rules(path: Path = DATA) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    families = data["api_families"]
    rules = data["models"]
    for rule in rules:
        unknown = set(rule) - set(FIELDS) - {"ids"}
        if unknown:
            raise SystemExit(f"{path}: unknown field(s) {sorted(unknown)} in rule {rule['ids']}")
        family = rule.get("api_family")
        if family is not None and family not in families:
            raise SystemExit(f"{path}: rule {rule['ids']} names an undefined api_family {family!r}")
    return families, rules


def facts_for(model_id: str, rules: list[dict[str, Any]]) -> dict[str, Any]:
    """Every matching rule in order; later rules override the fields they set (their sources add up)."""
    key = model_id.lower()
    out: dict[str, Any] = {}
    for rule in rules:
        if any(fnmatch.fnmatchcase(key, pattern.lower()) for pattern in rule["ids"]):
            sources = [out.get("source"), rule.get("source")]
            out.update({k: v for k, v in rule.items() if k != "ids"})
            joined = "; ".join(dict.fromkeys(x for x in sources if x))  # every basis, in rule order
            if joined:
                out["source"] = joined
    return out


# The card's API names (bedrock_lifecycle.catalog.awsdocs) in this file's vocabulary.
_CARD_APIS = {"startasyncinvoke": "async-invoke"}


def card_facts(entry: dict[str, Any]) -> dict[str, Any]:
    """Compatibility facts the build read from the entry's stored model card (they win over the rules).

    The build writes the card's fields on the entry (input_modalities, output_modalities, apis,
    context_window, in_region, inference_profiles) together with ``card``, the page it read.
    """
    card = entry.get("card")
    if not card:
        return {}
    out: dict[str, Any] = {}
    for field in ("input_modalities", "output_modalities", "context_window", "in_region"):
        if entry.get(field) not in (None, []):
            out[field] = entry[field]
    if entry.get("apis"):
        out["apis"] = sorted({_CARD_APIS.get(a, a) for a in entry["apis"]})
    # The Programmatic Access table was read: no profile ID printed is a fact ("Not supported").
    out["geo_profiles"] = sorted({p.split(".", 1)[0] for p in entry.get("inference_profiles") or []})
    out["source"] = f"{card['page']} (model card: Model details, modalities/APIs tables, Programmatic Access)"
    return out


def apply(doc: dict[str, Any], path: Path = DATA) -> dict[str, Any]:
    families, rules = load_rules(path)
    models = {m["id"].lower(): m for m in doc["models"]}
    has_variant = {str(m["variant_of"]).lower() for m in doc["models"] if m.get("variant_of")}
    computed: dict[str, dict[str, Any]] = {}
    for key, entry in models.items():
        facts = facts_for(entry["id"], rules)
        if key in has_variant:
            facts.setdefault("provisioned_throughput", True)
        computed[key] = facts
    for key, entry in models.items():
        facts = computed[key]
        base = str(entry.get("variant_of") or "").lower()
        if base in computed:
            inherited = dict(computed[base])
            inherited.update(facts)
            facts = inherited
            facts["provisioned_throughput"] = True
            facts.pop("geo_profiles", None)  # a PT variant is bought in a Region: never called through a profile
            facts["in_region"] = True
        card = card_facts(entry)
        merged = {**facts, **{k: v for k, v in card.items() if v not in (None, [], "")}}
        if not merged.get("api_family") and "converse" in merged.get("apis", ()) and "invoke" not in merged["apis"]:
            merged["api_family"] = "converse-only"  # the card lists Converse and no InvokeModel body of its own
        merged = {k: merged[k] for k in FIELDS if k in merged}
        if merged:
            entry["compat"] = merged
    doc["api_families"] = {k: families[k] for k in sorted(families)}
    return doc


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else CATALOG
    doc = apply(json.loads(target.read_text(encoding="utf-8")))
    target.write_text(json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    with_facts = sum(1 for m in doc["models"] if m.get("compat", {}).get("api_family"))
    print(f"wrote {target}: compatibility facts for {with_facts} of {len(doc['models'])} models")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
