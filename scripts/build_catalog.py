#!/usr/bin/env python3
"""Build the embedded catalog from the AWS pages themselves, merged with the researched reference.

    python scripts/build_catalog.py [LIFECYCLE_YAML] [--pages DIR] [--quiet]

Inputs (defaults beside the checkout, ``../shared/reference/``):

* ``aws-docs/``: stored copies of the Amazon Bedrock User Guide pages (lifecycle pages with their
  replacement columns, the legacy-lifecycle page, every stored model card, the models-at-a-glance
  index, models-supported and inference-profiles-support). They are read with
  ``bedrock_lifecycle.catalog.awsdocs``.
* ``bedrock-lifecycle/lifecycle.yaml``: hand-verified facts and notes, including rows AWS has since
  trimmed from its pages and cards that were not stored.

Output: ``src/bedrock_lifecycle/catalog/data/catalog.json`` (schema in
``bedrock_lifecycle.catalog``'s docstring). Every date names the page and the field it came from
(``date_sources``); where two sources disagree the entry records both values, which won and why
(``conflicts``), and the build prints the same report. Status is never stored: the scanner computes it
from the dates for any ``--as-of`` day.

Precedence, field by field:

1. a model card (the newest stored copy) for launch date, "EOL no sooner than", "Model EOL date" and
   "Model lifecycle" (a card that says Legacy with only an EOL date gives a Legacy entry whose Legacy
   start is "no later than" the card's page date);
2. the newest lifecycle page that lists the model (Regions, Legacy / extended-access / EOL dates);
3. lifecycle.yaml (hand-verified; keeps rows and cards the stored pages no longer carry);
4. older page versions, which only confirm (a disagreement with a newer source is reported and the
   newer source wins: AWS revised the row).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import catalog_compat  # noqa: E402  (the compatibility facts, kept in their own file)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from bedrock_lifecycle.catalog import awsdocs  # noqa: E402

DEFAULT_SOURCE = ROOT.parent / "shared" / "reference" / "bedrock-lifecycle" / "lifecycle.yaml"
OUT = ROOT / "src" / "bedrock_lifecycle" / "catalog" / "data" / "catalog.json"

# Geo prefixes of system-defined (cross-Region) inference profiles, from id-forms.md §4
# (AWS inference-profiles-support page, 2026 model cards; 'in.' from recorded API output and the
# GPT-5.6 cards). Prefixes printed on the stored cards are added by the build.
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

# The late-2025 Legacy and EOL tables name models, not IDs. This is the only hand-made link between a
# page and an ID; each name was checked against the page's Active table, the cards and lifecycle.yaml.
NAME_TO_ID = {
    "Stable Diffusion XL 1.0": "stability.stable-diffusion-xl-v1",
    "Claude 3 Opus": "anthropic.claude-3-opus-20240229-v1:0",
    "Claude Opus 4": "anthropic.claude-opus-4-20250514-v1:0",
    "Claude 3.5 Haiku": "anthropic.claude-3-5-haiku-20241022-v1:0",
    "Claude 3.5 Sonnet v1": "anthropic.claude-3-5-sonnet-20240620-v1:0",
    "Claude 3.5 Sonnet v2": "anthropic.claude-3-5-sonnet-20241022-v2:0",
    "Claude 3.7 Sonnet": "anthropic.claude-3-7-sonnet-20250219-v1:0",
    "Titan Image Generator G1 v2": "amazon.titan-image-generator-v2:0",
    "Stable Diffusion XL 0.8": "stability.stable-diffusion-xl-v0",
    "Cohere Command": "cohere.command-text-v14",
    "Cohere Command Light": "cohere.command-light-text-v14",
    "Claude v1.3": "anthropic.claude-v1",
    "Claude v2": "anthropic.claude-v2",
    "Claude v2.1": "anthropic.claude-v2:1",
    "Claude Instant": "anthropic.claude-instant-v1",
    "Claude 3 Sonnet": "anthropic.claude-3-sonnet-20240229-v1:0",
    "Titan Embeddings • Text v1.1": "amazon.titan-embed-text-v1:1",
    "Meta Llama 2 13b-chat-v1": "meta.llama2-13b-chat-v1",
    "Meta Llama 2 70b-chat-v1": "meta.llama2-70b-chat-v1",
    "Meta Llama 2-13b": "meta.llama2-13b-v1",
    "Meta Llama 2-70b": "meta.llama2-70b-v1",
    "Ai21 J2 Mid-v1": "ai21.j2-mid-v1",
    "Ai21 J2 Ultra-v1": "ai21.j2-ultra-v1",
    "Ai21 J2-Grande-Instruct": "ai21.j2-grande-instruct",
    "Ai21 J2 Jumbo-Instruct": "ai21.j2-jumbo-instruct",
    "AI21 Jamba-Instruct": "ai21.jamba-instruct-v1:0",
    "Stability Image Core v1": "stability.stable-image-core-v1:0",
    "Stability 3 Large": "stability.sd3-large-v1:0",
    "Stability Image Ultra v1": "stability.stable-image-ultra-v1:0",
    "Amazon Titan Text G1 • Premier": "amazon.titan-text-premier-v1:0",
    "Amazon Titan Text G1 • Express": "amazon.titan-text-express-v1",
    "Amazon Titan Text G1 • Lite": "amazon.titan-text-lite-v1",
    "Amazon Titan Image Generator G1 V1": "amazon.titan-image-generator-v1",
}

# Lifecycle pages, oldest first: a newer copy's row wins over an older copy's.
LIFECYCLE_PAGES = [
    "model-lifecycle.pre-split-mid-2026.md",
    "model-lifecycle-legacy.c2hans-cd716007.md",
    "model-lifecycle-legacy.c2hans-25c01efa.md",
    "model-lifecycle-legacy.md",
]
LATE_2025_PAGE = "model-lifecycle.late-2025-with-replacements.md"
INDEX_PAGES = ["model-cards.c2hans-07f049df.md", "model-cards.md"]  # oldest first
ID_PAGES = ["models-supported.md", "inference-profiles-support.md"]

_ID_SHAPE = re.compile(r"[a-z0-9-]+\.[a-z0-9.-]+(?::[a-z0-9-]+){0,2}")
DATE_FIELDS = (
    "legacy_date",
    "extended_access_date",
    "eol_date",
    "earliest_eol_date",
    "eol_no_sooner_than",
    "launch_date",
)
_TRIPLE = ("legacy_date", "extended_access_date", "eol_date")
_TRIPLE_LABEL = {"legacy_date": "Legacy date", "extended_access_date": "Public extended access", "eol_date": "EOL date"}
_YAML_FIELD = {"extended_access_date": "public_extended_access_date"}


def _s(v: Any) -> str | None:
    return None if v in (None, "") else str(v)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


# --------------------------------------------------------------------------- lifecycle.yaml


def convert(raw: dict[str, Any]) -> dict[str, Any]:
    model_id = raw["model_id"]
    source = raw["source"]
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
        "replacement_inferred": bool(raw.get("replacement_inferred", False)),
        "no_active_replacement": bool(raw.get("no_active_replacement", False)),
        "replacement_note": raw.get("replacement_note"),
        "regions": sorted(raw.get("regions") or []),
        "schedule": [
            {
                "regions": sorted(row.get("regions") or []),
                "legacy_date": _s(row.get("legacy_date")),
                "extended_access_date": _s(row.get("public_extended_access_date")),
                "eol_date": _s(row.get("eol_date")),
                "source": {"page": source, "field": "lifecycle.yaml regional_schedule"},
            }
            for row in raw.get("regional_schedule") or []
        ],
        "variant_of": raw.get("variant_of"),
        "alias_of": raw.get("alias_of"),
        "aliases": sorted(set(raw.get("aliases") or [])),
        "endpoints": sorted(raw.get("endpoints") or []),
        "lifecycle_policy": raw.get("lifecycle_policy"),
        "legacy_period": raw.get("legacy_period"),
        "confidence": raw.get("confidence", "unknown"),
        "inferred": bool(raw.get("inferred", False)),
        "notes": " ".join(x for x in (raw.get("notes"), raw.get("inferred_note"), raw.get("source_note")) if x) or None,
        "source_url": source,
        "date_sources": {
            f: {"page": source, "field": f"lifecycle.yaml {_YAML_FIELD.get(f, f)}"}
            for f in DATE_FIELDS
            if raw.get(_YAML_FIELD.get(f, f))
        },
    }
    return out


# --------------------------------------------------------------------------- merge state


class Build:
    def __init__(self, models: dict[str, dict[str, Any]]) -> None:
        self.models = models
        self.report: list[str] = []
        self.added: list[str] = []
        self.pages: dict[str, awsdocs.Page] = {}

    def entry(self, model_id: str) -> dict[str, Any] | None:
        return self.models.get(model_id.lower())

    def conflict(
        self,
        entry: dict[str, Any],
        field: str,
        values: list[tuple[str, Any]],
        won: str,
        why: str,
    ) -> None:
        record = {
            "field": field,
            "values": [{"source": src, "value": val} for src, val in values],
            "won": won,
            "why": why,
        }
        entry.setdefault("conflicts", []).append(record)
        shown = "; ".join(f"{src} says {val if val is not None else '(none)'}" for src, val in values)
        self.report.append(f"CONFLICT {entry['id']} {field}: {shown} -> {won} wins: {why}")

    def note(self, text: str) -> None:
        self.report.append(text)

    def confirm(self, target: dict[str, Any], f: str, ref: dict[str, Any]) -> None:
        """Record that a page confirms a date: a page beats lifecycle.yaml as the source; an earlier page
        reference (a newer page or a card, read first) is kept."""
        sources = target.setdefault("date_sources", {})
        if "file" not in sources.get(f, {}):
            sources[f] = ref

    def page_ref(self, page: awsdocs.Page, label: str, **extra: Any) -> dict[str, Any]:
        ref = {"page": page.url, "file": page.file, "field": label}
        if page.date:
            ref["page_date"] = page.date.isoformat()
        ref.update(extra)
        return ref


def _label(page: awsdocs.Page) -> str:
    return page.file.removesuffix(".md")


# --------------------------------------------------------------------------- lifecycle pages


def _schedule_row(entry: dict[str, Any], regions: Iterable[str]) -> dict[str, Any] | None:
    wanted = set(regions)
    rows = entry.get("schedule") or []
    for row in rows:
        if set(row["regions"]) == wanted:
            return row
    for row in rows:
        if wanted and wanted <= set(row["regions"]):
            return row
    return None


def _targets(entry: dict[str, Any], regions: Iterable[str] | None) -> list[dict[str, Any]]:
    """The rows a page row speaks for: the schedule rows sharing a Region, else the entry itself."""
    rows = entry.get("schedule") or []
    if not rows or not regions:
        return [entry]
    wanted = set(regions)
    hit = [r for r in rows if wanted & set(r["regions"])]
    return hit or [entry]


def _where(entry: dict[str, Any], target: dict[str, Any], f: str) -> str:
    return f if target is entry else f"schedule[{','.join(target['regions'])}].{f}"


def apply_lifecycle_rows(b: Build, pages_dir: Path) -> None:
    """Rows with a model ID, newest page first: the newest copy that lists a model sets its dates and
    Regions; an older copy that disagrees is reported as superseded."""
    covered: dict[str, str] = {}  # model id -> newest page file that lists it
    for name in reversed(LIFECYCLE_PAGES):
        path = pages_dir / name
        if not path.is_file():
            b.note(f"MISSING page {name}")
            continue
        page = awsdocs.read_page(path)
        b.pages[name] = page
        rows = awsdocs.parse_lifecycle_rows(page)
        by_model: dict[str, list[awsdocs.LifecycleRow]] = {}
        for row in rows:
            if not _ID_SHAPE.fullmatch(row.model_id):
                b.note(
                    f"PAGE-ERROR {_label(page)}: a row's Model ID cell reads {row.model_id!r} (columns shifted); "
                    f"row skipped: {row.text[:140]}"
                )
                continue
            by_model.setdefault(row.model_id.lower(), []).append(row)
        for key, model_rows in by_model.items():
            entry = b.entry(key)
            if entry is None:
                b.note(f"UNMATCHED {_label(page)}: {model_rows[0].model_id} has no entry")
                continue
            newer = covered.get(key)
            for row in model_rows:
                targets = (
                    [t for t in [_schedule_row(entry, row.regions)] if t is not None] or [entry]
                    if entry.get("schedule")
                    else [entry]
                )
                for target in targets:
                    for f in _TRIPLE:
                        page_value = _iso(getattr(row, f))
                        have = target.get(f)
                        label = f"{_label(page)} {_TRIPLE_LABEL[f]}"
                        if page_value == have:
                            if newer:
                                continue  # an older copy confirming the newer one
                            if target is entry:
                                entry.setdefault("date_sources", {})[f] = b.page_ref(
                                    page, _TRIPLE_LABEL[f], regions=list(row.regions)
                                )
                            else:
                                target["source"] = b.page_ref(
                                    page, "Regions / Legacy date / EOL date / Public extended access"
                                )
                            continue
                        if newer:
                            b.conflict(
                                entry,
                                _where(entry, target, f),
                                [(label, page_value), (newer.removesuffix(".md"), have)],
                                newer.removesuffix(".md"),
                                "a newer stored copy of the lifecycle page (AWS revised the row)",
                            )
                            continue
                        b.conflict(
                            entry,
                            _where(entry, target, f),
                            [(label, page_value), ("lifecycle.yaml", have)],
                            _label(page),
                            f"{_label(page)} is the newest stored copy of the lifecycle page that lists this row",
                        )
                        target[f] = page_value
                        if target is entry:
                            entry.setdefault("date_sources", {})[f] = b.page_ref(page, _TRIPLE_LABEL[f])
            if not entry.get("schedule"):
                printed = sorted({r for row in model_rows for r in row.regions})
                have_regions = entry.get("regions") or []
                if printed and printed != sorted(have_regions):
                    if newer:
                        b.conflict(
                            entry,
                            "regions",
                            [
                                (f"{_label(page)} Regions", ", ".join(printed)),
                                (newer.removesuffix(".md"), ", ".join(have_regions)),
                            ],
                            newer.removesuffix(".md"),
                            "a newer stored copy of the lifecycle page (AWS revises the Regions an EOL date covers)",
                        )
                    else:
                        b.conflict(
                            entry,
                            "regions",
                            [
                                (f"{_label(page)} Regions", ", ".join(printed)),
                                ("lifecycle.yaml", ", ".join(have_regions)),
                            ],
                            _label(page),
                            "the newest stored copy of the lifecycle page that lists this model",
                        )
                        entry["regions"] = printed
                if printed and not newer:
                    entry.setdefault("field_sources", {})["regions"] = b.page_ref(page, "Regions")
            covered.setdefault(key, page.file)


def _resolve_printed_id(b: Build, printed: str, page: awsdocs.Page, context: str) -> str | None:
    if b.entry(printed):
        return b.entry(printed)["id"]  # type: ignore[index]
    for fixed in (printed + ":0",):
        if b.entry(fixed):
            b.note(
                f"PAGE-ERROR {_label(page)}: {context} names {printed!r}, which is not a Bedrock model ID; "
                f"read as {fixed}"
            )
            return b.entry(fixed)["id"]  # type: ignore[index]
    b.note(f"UNMATCHED {_label(page)}: {context} names {printed!r}, which no entry has")
    return None


def apply_late_2025(b: Build, pages_dir: Path) -> None:
    path = pages_dir / LATE_2025_PAGE
    if not path.is_file():
        b.note(f"MISSING page {LATE_2025_PAGE}")
        return
    page = awsdocs.read_page(path)
    b.pages[LATE_2025_PAGE] = page
    for row in awsdocs.parse_named_rows(page):
        model_id = NAME_TO_ID.get(row.name)
        entry = b.entry(model_id) if model_id else None
        if entry is None:
            b.note(f"UNMATCHED {_label(page)}: table row {row.name!r} maps to no entry")
            continue
        # AWS's recorded replacement, kept as data (advice is computed live from the chain).
        ids = [r for r in (_resolve_printed_id(b, x, page, f"the {row.name} row") for x in row.replacement_ids) if r]
        if ids:
            entry["aws_replacement"] = ids[0]
            if len(ids) > 1:
                entry["aws_replacement_alternatives"] = ids[1:]
            entry["aws_replacement_source"] = b.page_ref(page, "Recommended model ID", text=row.replacement_text)
        default_regions = next((r for _d, r in row.legacy if r), None)
        for f, cells in (
            ("legacy_date", row.legacy),
            ("extended_access_date", row.extended_access),
            ("eol_date", row.eol),
        ):
            for day, regions in cells:
                for target in _targets(entry, regions or default_regions):
                    have = target.get(f)
                    page_value = day.isoformat()
                    if target is entry and entry.get("schedule"):
                        continue  # the top level summarises the rows
                    if page_value == have:
                        if target is entry:
                            b.confirm(entry, f, b.page_ref(page, f"{row.section} table: {_TRIPLE_LABEL[f]}"))
                        elif "file" not in (target.get("source") or {}):
                            target["source"] = b.page_ref(page, f"{row.section} table")
                        continue
                    # The late-2025 page is older than the lifecycle pages and cards read above.
                    src = (entry.get("date_sources") or {}).get(f, {}) if target is entry else target.get("source", {})
                    if str(src.get("file", "")).startswith(("model-lifecycle", "model-card")):
                        won = src["file"].removesuffix(".md")
                        why = "a newer stored AWS page (AWS revised the date)"
                    else:
                        won = "lifecycle.yaml"
                        why = (
                            "the hand-verified reference keeps the date a newer AWS page printed "
                            "(the late-2025 table predates it)"
                        )
                    b.conflict(
                        entry,
                        _where(entry, target, f),
                        [(f"{_label(page)} {_TRIPLE_LABEL[f]}", page_value), (won, have)],
                        won,
                        why,
                    )
    merged: dict[str, list[awsdocs.ActiveRow]] = {}
    for arow in awsdocs.parse_active_rows(page):
        merged.setdefault(arow.model_id.lower(), []).append(arow)
    for key, arows in merged.items():
        entry = b.entry(key)
        if entry is None:
            b.note(f"UNMATCHED {_label(page)}: Active table lists {arows[0].model_id}, which no entry has")
            continue
        arow = arows[0]
        if arow.input_modalities and "input_modalities" not in entry:
            entry["input_modalities"] = list(arow.input_modalities)
            entry["output_modalities"] = list(arow.output_modalities)
            entry.setdefault("field_sources", {})["modalities"] = b.page_ref(page, "Input/Output modalities")
        for f, printed in (
            ("launch_date", [d for a in arows for d in a.launch_dates]),
            ("eol_no_sooner_than", [d for a in arows for d in a.eol_no_sooner_than]),
        ):
            if not printed:
                continue
            have = entry.get(f)
            values = sorted({d.isoformat() for d in printed})
            column = "Launch date" if f == "launch_date" else "EOL date"
            if have in values:
                b.confirm(entry, f, b.page_ref(page, f"Active table: {column}"))
                continue
            if have is None:
                continue  # the reference leaves the field empty on purpose (see its notes)
            src = (entry.get("date_sources") or {}).get(f, {})
            if str(src.get("file", "")).startswith("model-card"):
                won, why = src["file"].removesuffix(".md"), "the model card is AWS's own, newer page for this model"
            else:
                won, why = (
                    "lifecycle.yaml",
                    (
                        "the hand-verified reference (read from a newer card or page than the late-2025 table; "
                        "see its notes)"
                    ),
                )
            b.conflict(entry, f, [(f"{_label(page)} Active table {column}", ", ".join(values)), (won, have)], won, why)


# --------------------------------------------------------------------------- model cards


def _new_entry(card: awsdocs.Card, model_id: str) -> dict[str, Any]:
    return {
        "id": model_id,
        "name": card.name,
        "provider": card.provider or model_id.split(".", 1)[0],
        "source_url": card.page.url,
        "confidence": "high",
        "notes": f"Added by the catalog build from the AWS model card ({card.page.file}).",
        "date_sources": {},
    }


def apply_cards(b: Build, pages_dir: Path) -> None:
    for path in sorted(pages_dir.glob("model-card-*.md")):
        page = awsdocs.read_page(path)
        b.pages[path.name] = page
        card = awsdocs.parse_card(page)
        runtime = card.ids_for("bedrock-runtime")
        mantle = card.ids_for("bedrock-mantle")
        if not runtime and not mantle:
            b.note(f"PAGE-ERROR {_label(page)}: no model ID in the Programmatic Access table")
            continue
        main_id = (runtime or mantle)[0]
        entry = b.entry(main_id)
        if entry is None:
            entry = _new_entry(card, main_id)
            b.models[main_id.lower()] = entry
            b.added.append(main_id)
            b.note(f"ADDED {main_id} from {_label(page)}")
        apply_card(b, entry, card)
        for other in [*runtime[1:], *mantle]:
            if other.lower() == main_id.lower():
                continue
            alias = b.entry(other)
            if alias is None:
                alias = _new_entry(card, other)
                alias["alias_of"] = entry["id"]
                b.models[other.lower()] = alias
                b.added.append(other)
                b.note(
                    f"ADDED {other} ({'bedrock-mantle' if other in mantle else 'bedrock-runtime'} ID) "
                    f"from {_label(page)}"
                )
            alias.setdefault("alias_of", entry["id"])
            apply_card(b, alias, card, endpoint="bedrock-mantle" if other in mantle else "bedrock-runtime")


def apply_card(b: Build, entry: dict[str, Any], card: awsdocs.Card, endpoint: str | None = None) -> None:
    page = card.page
    label = _label(page)
    entry["card"] = {
        "page": page.url,
        "file": page.file,
        "page_date": _iso(page.date),
        "lifecycle": card.lifecycle,
        "complete": page.complete,
    }
    # Capabilities other features read (migration compatibility).
    for field, value in (
        ("input_modalities", list(card.input_modalities)),
        ("output_modalities", list(card.output_modalities)),
        ("apis", list(card.apis)),
        ("context_window", card.context_window),
        ("max_output_tokens", card.max_output_tokens),
    ):
        if value:
            entry[field] = value
    if card.apis_by_endpoint:
        entry["apis_by_endpoint"] = {k: list(v) for k, v in sorted(card.apis_by_endpoint.items())}
    endpoint_ids: dict[str, list[str]] = {}
    for cid in card.ids:
        endpoint_ids.setdefault(cid.endpoint, []).append(cid.model_id)
    entry["endpoint_ids"] = {k: sorted(set(v)) for k, v in sorted(endpoint_ids.items())}
    if endpoint:
        entry["endpoints"] = [endpoint]
    else:
        entry["endpoints"] = sorted(e for e, ids in endpoint_ids.items() if entry["id"] in ids) or sorted(
            card.endpoints
        )
    profiles = sorted({p for cid in card.ids if cid.model_id == entry["id"] for p in (*cid.geo_ids, *cid.global_ids)})
    if profiles:
        entry["inference_profiles"] = profiles
    # In-Region on-demand invocation by the bare ID: the bedrock-runtime row decides when the card has one
    # (a bedrock-mantle URL for the same ID says nothing about bedrock-runtime InvokeModel/Converse).
    mine = [cid for cid in card.ids if cid.model_id == entry["id"]]
    in_region = [c.in_region for c in mine if c.endpoint == "bedrock-runtime"] or [c.in_region for c in mine]
    if in_region:
        entry["in_region"] = any(in_region)
    entry.setdefault("field_sources", {})["capabilities"] = b.page_ref(page, "Model details / Programmatic Access")
    if card.policy:
        entry["lifecycle_policy"] = (
            "legacy-policy (launched before 2026-09-07)"
            if card.policy == "legacy"
            else "new-policy (launched on or after 2026-09-07)"
        )
    if card.legacy_period:
        entry["legacy_period"] = card.legacy_period
    # Dates: the card wins for the fields it prints.
    for f, day in (("launch_date", card.launch_date), ("eol_no_sooner_than", card.eol_no_sooner_than)):
        if day is None:
            continue
        have = entry.get(f)
        printed = day.isoformat()
        if have and have != printed:
            b.conflict(
                entry,
                f,
                [(f"{label} {card.field_of.get(f, f)}", printed), ("lifecycle.yaml", have)],
                label,
                "the model card is AWS's own page for this model",
            )
        entry[f] = printed
        entry.setdefault("date_sources", {})[f] = b.page_ref(
            page, card.field_of.get(f, f), text=card.fields.get(card.field_of.get(f, f))
        )
    status = (card.lifecycle or "").strip().lower()
    if status == "legacy":
        if card.eol_date:
            printed = card.eol_date.isoformat()
            have = entry.get("eol_date")
            if have and have != printed:
                b.conflict(
                    entry,
                    "eol_date",
                    [(f"{label} Model EOL date", printed), ("lifecycle.yaml", have)],
                    label,
                    "the model card prints the EOL date AWS announced",
                )
            entry["eol_date"] = printed
            entry.setdefault("date_sources", {})["eol_date"] = b.page_ref(
                page, "Model EOL date", text=card.fields.get("Model EOL date")
            )
        legacy_src = (entry.get("date_sources") or {}).get("legacy_date", {})
        from_table = str(legacy_src.get("file", "")).startswith("model-lifecycle")
        if not from_table and page.date:
            bound = page.date.isoformat()
            have = entry.get("legacy_date")
            entry["legacy_date_bound"] = "no later than"
            if have is None or have > bound:
                if have:
                    b.conflict(
                        entry,
                        "legacy_date",
                        [
                            (
                                f"{label} Model lifecycle: Legacy (stored copy dated from {bound})",
                                f"no later than {bound}",
                            ),
                            ("lifecycle.yaml", have),
                        ],
                        label,
                        "the card shows Legacy on its stored copy and AWS prints no Legacy date, so the Legacy "
                        f"start is no later than the page's date ({bound}); a later date would call the model "
                        "Active on a day its card says Legacy",
                    )
                entry["legacy_date"] = bound
                entry.setdefault("date_sources", {})["legacy_date"] = b.page_ref(
                    page,
                    "Model lifecycle",
                    text=f"Legacy; no Legacy date printed: Legacy since no later than {bound}, the page's date",
                )
            if entry.get("extended_access_date") is None:
                entry["extended_access_note"] = "no public extended access date printed"
    elif status == "active":
        for f in ("legacy_date", "eol_date"):
            have = entry.get(f)
            if have and page.date and have <= page.date.isoformat():
                b.conflict(
                    entry,
                    f,
                    [(f"{label} Model lifecycle", "Active"), ("lifecycle.yaml", have)],
                    "lifecycle.yaml",
                    "kept: the reference's date is not later than the card's page date; check the card",
                )


# --------------------------------------------------------------------------- index, profiles, ids


def apply_index(b: Build, pages_dir: Path) -> list[dict[str, str]]:
    listed: dict[str, awsdocs.IndexEntry] = {}
    for name in INDEX_PAGES:
        path = pages_dir / name
        if not path.is_file():
            continue
        page = awsdocs.read_page(path)
        b.pages[name] = page
        for item in awsdocs.parse_card_index(page):
            listed[item.card] = item
    stored = {p.name.removesuffix(".md") for p in pages_dir.glob("model-card-*.md")}
    missing = sorted(set(listed) - stored)
    if missing:
        b.note(
            f"INDEX {len(listed)} cards listed, {len(stored)} stored; {len(missing)} not stored "
            "(their entries keep lifecycle.yaml facts)"
        )
    return [{"provider": listed[k].provider, "name": listed[k].name, "card": k} for k in sorted(listed)]


def apply_profile_notes(b: Build) -> None:
    """Profile IDs the reference's notes list (cards that were read but not stored)."""
    for entry in b.models.values():
        if entry.get("inference_profiles"):
            continue
        found = set()
        for token in awsdocs.ids_in_text(entry.get("notes") or ""):
            head, _, rest = token.partition(".")
            if head in GEO_PREFIXES and rest.lower() == entry["id"].lower():
                found.add(token)
        if found:
            entry["inference_profiles"] = sorted(found)
            entry.setdefault("field_sources", {})["inference_profiles"] = {
                "page": entry["source_url"],
                "field": "lifecycle.yaml notes",
            }


def inherit(b: Build) -> None:
    """PT variants and aliases carry their base model's dates (id-forms.md: "All variants carry their
    base model's dates"), per Region included."""
    for entry in b.models.values():
        base_id = entry.get("variant_of") or entry.get("alias_of")
        base = b.entry(base_id) if base_id else None
        if base is None:
            continue
        for f in (*_TRIPLE, "earliest_eol_date"):
            if entry.get(f) != base.get(f):
                if entry.get(f) and base.get(f) and f in _TRIPLE:
                    b.note(f"INHERIT {entry['id']} {f}: {entry.get(f)} -> {base.get(f)} (from {base['id']})")
                if base.get(f):
                    entry[f] = base[f]
                else:
                    entry.pop(f, None)
        for f in ("schedule", "regions", "legacy_date_bound", "extended_access_note"):
            if base.get(f):
                entry[f] = base[f]
        sources = dict(entry.get("date_sources") or {})
        for f in (*_TRIPLE, "earliest_eol_date"):
            if f in (base.get("date_sources") or {}):
                sources[f] = {**base["date_sources"][f], "inherited_from": base["id"]}
        entry["date_sources"] = sources


def summarise_schedules(b: Build) -> None:
    for entry in b.models.values():
        rows = entry.get("schedule") or []
        if not rows:
            continue
        entry["legacy_date"] = min(r["legacy_date"] for r in rows if r.get("legacy_date"))
        entry["eol_date"] = max(r["eol_date"] for r in rows if r.get("eol_date"))
        earliest = min(r["eol_date"] for r in rows if r.get("eol_date"))
        if earliest != entry["eol_date"]:
            entry["earliest_eol_date"] = earliest
        entry["regions"] = sorted({x for r in rows for x in r["regions"]})
        for f, pick in (("legacy_date", min), ("eol_date", max), ("extended_access_date", min)):
            dated = [r for r in rows if r.get(f)]
            if not dated:
                continue
            row = pick(dated, key=itemgetter(f))
            if f == "extended_access_date" and entry.get(f) != row[f]:
                continue
            src = row.get("source") or {}
            if "file" in src:
                entry.setdefault("date_sources", {})[f] = {
                    **src,
                    "field": f"{_TRIPLE_LABEL[f]} (row for {', '.join(row['regions'])})",
                }
        if entry.get("earliest_eol_date"):
            row = min((r for r in rows if r.get("eol_date")), key=lambda r: r["eol_date"])
            src = row.get("source") or {}
            entry.setdefault("date_sources", {})["earliest_eol_date"] = (
                {**src, "field": f"EOL date (row for {', '.join(row['regions'])})"}
                if "file" in src
                else {"page": entry["source_url"], "field": "lifecycle.yaml earliest_eol_date"}
            )


# Words that name a model family within a provider's IDs (for the inferred-replacement fallback).
_FAMILY_WORDS = ("opus", "sonnet", "haiku", "instant", "fable", "mythos")


def family(model_id: str) -> str:
    """A coarse family key: provider plus the first name word of the model part
    (``anthropic/sonnet``, ``meta/llama``, ``amazon/nova-pro``, ``openai/gpt``)."""
    provider, _, rest = model_id.lower().partition(".")
    words = [w for w in re.split(r"[-.:]", rest) if w]
    if provider == "anthropic":
        for w in words:
            if w in _FAMILY_WORDS:
                return f"{provider}/{w}"
        return f"{provider}/claude"
    alpha = [re.sub(r"\d+$", "", w) for w in words]
    alpha = [w for w in alpha if re.fullmatch(r"[a-z]+", w)]
    if provider == "amazon" and len(alpha) >= 2:
        return f"{provider}/{alpha[0]}-{alpha[1]}"
    return f"{provider}/{alpha[0] if alpha else rest}"


def finish(entry: dict[str, Any]) -> dict[str, Any]:
    entry["family"] = family(entry["id"])
    for k in ("aliases", "endpoints", "regions"):
        if k in entry and entry[k]:
            entry[k] = sorted(set(entry[k]))
    if entry.get("conflicts"):
        entry["conflicts"] = sorted(entry["conflicts"], key=lambda c: (c["field"], json.dumps(c, sort_keys=True)))
    return {k: v for k, v in entry.items() if v not in (None, [], {}, False)}


# --------------------------------------------------------------------------- main


def build(source: Path, pages_dir: Path | None = None) -> tuple[dict[str, Any], list[str]]:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    pages_dir = pages_dir or source.resolve().parent.parent / "aws-docs"
    models: dict[str, dict[str, Any]] = {}
    for section in ("legacy_or_eol", "active"):
        for raw in data[section]:
            entry = convert(raw)
            key = entry["id"].lower()
            if key in models:
                raise SystemExit(f"duplicate model id {entry['id']} in {source}")
            models[key] = entry
    b = Build(models)
    index: list[dict[str, str]] = []
    if pages_dir.is_dir():
        apply_lifecycle_rows(b, pages_dir)
        apply_cards(b, pages_dir)
        apply_late_2025(b, pages_dir)
        index = apply_index(b, pages_dir)
        for name in ID_PAGES:
            if (pages_dir / name).is_file():
                b.pages[name] = awsdocs.read_page(pages_dir / name)
    else:
        b.note(f"MISSING pages directory {pages_dir}: built from lifecycle.yaml alone")
    apply_profile_notes(b)
    summarise_schedules(b)
    inherit(b)
    geo = set(GEO_PREFIXES)
    for entry in b.models.values():
        for p in entry.get("inference_profiles") or []:
            geo.add(p.split(".", 1)[0])
    providers = sorted(set(PROVIDERS) | {k.split(".", 1)[0] for k in b.models})
    page_list = [
        {
            "file": p.file,
            "url": p.url,
            "date": _iso(p.date),
            "complete": p.complete,
            **({"commit": p.commit} if p.commit else {}),
        }
        for p in sorted(b.pages.values(), key=lambda p: p.file)
    ]
    dated = [p.date for p in b.pages.values() if p.date]
    doc = {
        "schema_version": 1,
        "generated": str(data["as_of"]),
        "compiled_on": str(data.get("compiled_on") or data["as_of"]),
        "sources_newest_page_date": max(dated).isoformat() if dated else None,
        "source": "Amazon Bedrock documentation read directly (model cards, model lifecycle and legacy lifecycle "
        "pages, models at a glance, supported models, inference profiles) merged with the researched reference "
        "(lifecycle.yaml: hand-verified extras and notes); each entry names its page and every date its field.",
        "status_rule": "EOL if as_of >= eol_date; LEGACY if as_of >= legacy_date (public extended access once "
        "as_of >= extended_access_date); otherwise ACTIVE. Top-level dates: earliest legacy, latest EOL over "
        "the Regions in 'schedule'. A Region no row lists takes the top-level status but never EOL.",
        "source_pages": page_list,
        "card_index": index,
        "build_report": sorted(set(b.report)),
        "providers": providers,
        "geo_prefixes": sorted(geo),
        "models": [finish(b.models[k]) for k in sorted(b.models)],
    }
    return doc, b.report


def _status(m: dict[str, Any], day: str) -> str:
    if m.get("eol_date") and day >= m["eol_date"]:
        return "EOL"
    if m.get("legacy_date") and day >= m["legacy_date"]:
        return "LEGACY"
    if m.get("eol_date") and not m.get("legacy_date"):
        return "LEGACY"
    return "ACTIVE"


def compare(previous: dict[str, Any], doc: dict[str, Any], day: str) -> list[str]:
    """What changed against the previous catalog, as of ``day``."""
    old = {m["id"]: m for m in previous.get("models", [])}
    new = {m["id"]: m for m in doc["models"]}
    added = sorted(set(new) - set(old))
    newly_legacy = sorted(
        k for k in set(new) & set(old) if _status(old[k], day) == "ACTIVE" and _status(new[k], day) != "ACTIVE"
    )
    dates = sorted(k for k in set(new) & set(old) if any(old[k].get(f) != new[k].get(f) for f in DATE_FIELDS))
    advice = sorted(k for k in set(new) & set(old) if old[k].get("replacement") != new[k].get("replacement"))
    return [
        f"against the previous catalog (as of {day}): {len(added)} added, {len(newly_legacy)} newly Legacy/EOL, "
        f"{len(dates)} with changed dates, {len(advice)} with a changed recorded replacement",
        *(f"  added {k}" for k in added),
        *(f"  newly {_status(new[k], day)} {k}" for k in newly_legacy),
    ]


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    pages = None
    if "--pages" in argv:
        pages = Path(argv[argv.index("--pages") + 1])
        args = [a for a in args if a != str(pages)]
    quiet = "--quiet" in argv
    source = Path(args[0]) if args else DEFAULT_SOURCE
    doc, report = build(source, pages)
    previous = json.loads(OUT.read_text(encoding="utf-8")) if OUT.is_file() else {"models": []}
    doc = catalog_compat.apply(doc)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    if not quiet:
        for line in sorted(set(report)):
            print(line)
        for line in compare(previous, doc, doc["generated"]):
            print(line)
    conflicts = sum(len(m.get("conflicts", [])) for m in doc["models"])
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(doc['models'])} models, generated {doc['generated']}, "
        f"newest source page {doc['sources_newest_page_date']}, {conflicts} conflicts recorded"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
