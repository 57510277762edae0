"""The lifecycle catalog: load the embedded file or a synced one, indexed once.

Document schema (``schema_version`` 1; ``scripts/build_catalog.py`` writes it, ``catalog sync`` fetches
it, ``catalog check`` validates it). Top level: ``generated`` (the date the facts are as of),
``compiled_on``, ``sources_newest_page_date`` (the newest AWS page the build read), ``source_pages``
(file, url, date, complete, commit), ``card_index`` (provider, name, card of every card AWS lists),
``build_report`` (the build's conflict / page-error lines), ``providers``, ``geo_prefixes``, ``models``.

Each entry of ``models`` (only ``id`` and ``source_url`` are required; empty fields are omitted):

* identity: ``id`` (lower case), ``name``, ``provider`` (display name), ``family`` (``provider/word``,
  e.g. ``anthropic/sonnet``, used for the inferred-replacement fallback), ``variant_of`` (a
  provisioned-throughput context variant's base), ``alias_of`` (a second ID of the same model, e.g. the
  bedrock-mantle ID), ``aliases``;
* lifecycle dates (ISO): ``legacy_date``, ``extended_access_date``, ``eol_date`` (top level: earliest
  Legacy and latest EOL over ``schedule``), ``earliest_eol_date``, ``launch_date``,
  ``eol_no_sooner_than`` (a floor, never an EOL date); ``legacy_date_bound: "no later than"`` when the
  Legacy date is an upper bound (a card that says Legacy and prints no Legacy date); ``regions`` (the
  Regions a lifecycle row covers; empty means every Region) and ``schedule`` (per-Region rows:
  ``regions``, the three dates, ``source``);
* provenance: ``source_url`` (the entry's main page), ``confidence`` (high/medium/low), ``inferred``,
  ``notes``, ``date_sources`` (date field -> ``{page, file, field, page_date, text}``: the page and the
  field each date was read from), ``field_sources``, ``card`` (``{page, file, page_date, lifecycle,
  complete}``: the model card read), ``conflicts`` (``[{field, values: [{source, value}], won, why}]``:
  where two sources disagreed), ``overlay`` (what an organisation overlay set, with its reason);
* replacement data: ``replacement`` (the reference's recorded advice), ``replacement_inferred``
  (not AWS's own), ``no_active_replacement`` (explicitly none), ``replacement_note``,
  ``aws_replacement`` (AWS's "Recommended model ID" column, kept as data). What a user is told is
  computed at run time (``resolve.replacement``): the chain walked to a model Active on the day;
* what the card prints (for migration compatibility; absent when no card was read):
  ``input_modalities``, ``output_modalities`` (lower case: text, image, video, speech, audio,
  embedding), ``apis`` (``chat-completions``, ``converse``, ``invoke``, ``messages``, ``responses``,
  ``startasyncinvoke``), ``apis_by_endpoint`` (endpoint -> apis, where the card says),
  ``endpoints`` (``bedrock-runtime`` / ``bedrock-mantle``: where this ID is served),
  ``endpoint_ids`` (endpoint -> the model's IDs there), ``context_window`` and ``max_output_tokens``
  (tokens; the card's K = 1,000 and M = 1,000,000), ``inference_profiles`` (geo and global profile
  IDs, e.g. ``us.<id>``, ``global.<id>``), ``in_region`` (false: profile-only on bedrock-runtime),
  ``lifecycle_policy``, ``legacy_period``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from bedrock_lifecycle.catalog.model import Catalog, Compat, ModelEntry, Schedule, _alias_index
from bedrock_lifecycle.errors import CatalogError

LOG = logging.getLogger(__name__)

SCHEMA_VERSION = 1
EMBEDDED = "embedded"

__all__ = ["Catalog", "Compat", "ModelEntry", "Schedule", "load", "load_embedded", "from_document", "to_document"]


EMBEDDED_PATH = Path(__file__).resolve().parent / "data" / "catalog.json"


def load_embedded() -> Catalog:
    # A plain file read: importlib.resources pulls in zipfile and friends (~10 ms) for a file
    # that setuptools always installs as a regular file (package-data).
    return from_document(json.loads(EMBEDDED_PATH.read_text(encoding="utf-8")), source=EMBEDDED)


def load(path: str | None, overlay: str | None = None) -> Catalog:
    """The embedded catalog, or the file at ``path`` (``--catalog``); with an organisation overlay
    (``--catalog-overlay`` / ``catalog_overlay:``) applied on top."""
    if overlay:
        from bedrock_lifecycle.catalog.overlay import apply_overlay

        return apply_overlay(load(path), overlay)
    if path is None:
        return load_embedded()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogError(f"cannot read catalog {path}: {exc.strerror or exc}") from None
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise CatalogError(f"catalog {path} is not valid JSON: {exc}") from None
    return from_document(doc, source=path)


def _date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise CatalogError(f"catalog entry {where}: bad date {value!r}") from None


def _schedule(raw: Mapping[str, Any], where: str) -> Schedule:
    return Schedule(
        regions=tuple(raw.get("regions") or ()),
        legacy_date=_date(raw.get("legacy_date"), where),
        extended_access_date=_date(raw.get("extended_access_date"), where),
        eol_date=_date(raw.get("eol_date"), where),
        source=raw.get("source") if isinstance(raw.get("source"), Mapping) else None,
    )


def _entry(raw: Mapping[str, Any]) -> ModelEntry:
    try:
        model_id = str(raw["id"])
        where = model_id
        return ModelEntry(
            model_id=model_id,
            name=str(raw.get("name") or model_id),
            provider=str(raw.get("provider") or model_id.split(".", 1)[0]),
            dates=_schedule(raw, where),
            schedules=tuple(_schedule(s, where) for s in raw.get("schedule") or ()),
            source_url=str(raw["source_url"]),
            confidence=str(raw.get("confidence") or "unknown"),
            replacement=raw.get("replacement"),
            replacement_note=raw.get("replacement_note"),
            launch_date=_date(raw.get("launch_date"), where),
            eol_no_sooner_than=_date(raw.get("eol_no_sooner_than"), where),
            earliest_eol_date=_date(raw.get("earliest_eol_date"), where),
            variant_of=raw.get("variant_of"),
            aliases=tuple(raw.get("aliases") or ()),
            endpoints=tuple(raw.get("endpoints") or ()),
            lifecycle_policy=raw.get("lifecycle_policy"),
            inferred=bool(raw.get("inferred", False)),
            notes=raw.get("notes"),
            compat=_compat(raw.get("compat"), where),
            alias_of=raw.get("alias_of"),
            family=raw.get("family"),
            aws_replacement=raw.get("aws_replacement"),
            replacement_inferred=bool(raw.get("replacement_inferred", False)),
            no_active_replacement=bool(raw.get("no_active_replacement", False)),
            legacy_date_bound=raw.get("legacy_date_bound"),
            input_modalities=_strs(raw.get("input_modalities")),
            output_modalities=_strs(raw.get("output_modalities")),
            apis=_strs(raw.get("apis")),
            context_window=_int(raw.get("context_window")),
            max_output_tokens=_int(raw.get("max_output_tokens")),
            inference_profiles=_strs(raw.get("inference_profiles")),
            endpoint_ids={str(k): _strs(v) for k, v in (raw.get("endpoint_ids") or {}).items()},
            apis_by_endpoint={str(k): _strs(v) for k, v in (raw.get("apis_by_endpoint") or {}).items()},
            card=raw.get("card"),
            date_sources=dict(raw.get("date_sources") or {}),
            conflicts=tuple(raw.get("conflicts") or ()),
            overlay=raw.get("overlay"),
            raw=dict(raw),
        )
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise CatalogError(f"catalog entry {raw!r:.80}: missing or bad field {exc}") from None


def _compat(raw: Any, where: str) -> Compat:
    if raw in (None, {}):
        return Compat()
    if not isinstance(raw, Mapping):
        raise CatalogError(f"catalog entry {where}: compat must be an object")
    profiles = raw.get("geo_profiles")
    context = raw.get("context_window")
    return Compat(
        api_family=raw.get("api_family"),
        apis=tuple(raw.get("apis") or ()),
        input_modalities=tuple(raw.get("input_modalities") or ()),
        output_modalities=tuple(raw.get("output_modalities") or ()),
        embedding_dimensions=tuple(int(d) for d in raw.get("embedding_dimensions") or ()),
        context_window=None if context is None else int(context),
        provisioned_throughput=raw.get("provisioned_throughput"),
        in_region=raw.get("in_region"),
        geo_profiles=None if profiles is None else tuple(profiles),
        source=str(raw.get("source") or ""),
    )


def compat_document(c: Compat) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "api_family": c.api_family,
        "apis": list(c.apis),
        "input_modalities": list(c.input_modalities),
        "output_modalities": list(c.output_modalities),
        "embedding_dimensions": list(c.embedding_dimensions),
        "context_window": c.context_window,
        "provisioned_throughput": c.provisioned_throughput,
        "in_region": c.in_region,
        "geo_profiles": None if c.geo_profiles is None else list(c.geo_profiles),
        "source": c.source,
    }
    # An empty geo_profiles list is a fact ("no system profile"); absent means not recorded.
    return {k: v for k, v in doc.items() if v not in (None, [], "") or (k == "geo_profiles" and v == [])}


def _strs(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _int(value: Any) -> int | None:
    if value in (None, ""):
        return None
    return int(value)


def from_document(doc: Any, source: str) -> Catalog:
    if not isinstance(doc, dict) or not isinstance(doc.get("models"), list):
        raise CatalogError(f"catalog {source}: expected an object with a 'models' list")
    version = doc.get("schema_version")
    if version != SCHEMA_VERSION:
        raise CatalogError(f"catalog {source}: schema_version {version!r} is not supported (want {SCHEMA_VERSION})")
    entries = {}
    for raw in doc["models"]:
        entry = _entry(raw)
        entries[entry.model_id.lower()] = entry
    providers = {e.model_id.split(".", 1)[0].lower() for e in entries.values()}
    providers.update(p.lower() for p in doc.get("providers") or ())
    meta = {k: v for k, v in doc.items() if k not in ("models",)}
    return Catalog(
        generated=str(doc.get("generated") or "unknown"),
        source=source,
        entries=entries,
        aliases=_alias_index(entries),
        providers=tuple(sorted(providers)),
        geo_prefixes=tuple(sorted(p.lower() for p in doc.get("geo_prefixes") or ())),
        meta=meta,
    )


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _schedule_doc(s: Schedule) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "regions": list(s.regions),
        "legacy_date": _iso(s.legacy_date),
        "extended_access_date": _iso(s.extended_access_date),
        "eol_date": _iso(s.eol_date),
    }
    if s.source:
        doc["source"] = dict(s.source)
    return doc


def entry_document(e: ModelEntry) -> dict[str, Any]:
    doc: dict[str, Any] = dict(e.raw)
    doc.update(
        {
            "id": e.model_id,
            "name": e.name,
            "provider": e.provider,
            **_schedule_doc(e.dates),
            "schedule": [_schedule_doc(s) for s in e.schedules],
            "source_url": e.source_url,
            "confidence": e.confidence,
            "replacement": e.replacement,
            "replacement_note": e.replacement_note,
            "launch_date": _iso(e.launch_date),
            "eol_no_sooner_than": _iso(e.eol_no_sooner_than),
            "earliest_eol_date": _iso(e.earliest_eol_date),
            "variant_of": e.variant_of,
            "aliases": list(e.aliases),
            "endpoints": list(e.endpoints),
            "lifecycle_policy": e.lifecycle_policy,
            "inferred": e.inferred,
            "notes": e.notes,
            "alias_of": e.alias_of,
            "family": e.family,
            "aws_replacement": e.aws_replacement,
            "replacement_inferred": e.replacement_inferred,
            "no_active_replacement": e.no_active_replacement,
            "legacy_date_bound": e.legacy_date_bound,
            "input_modalities": list(e.input_modalities),
            "output_modalities": list(e.output_modalities),
            "apis": list(e.apis),
            "context_window": e.context_window,
            "max_output_tokens": e.max_output_tokens,
            "inference_profiles": list(e.inference_profiles),
            "endpoint_ids": {k: list(v) for k, v in e.endpoint_ids.items()},
            "apis_by_endpoint": {k: list(v) for k, v in e.apis_by_endpoint.items()},
            "card": e.card,
            "date_sources": dict(e.date_sources),
            "conflicts": list(e.conflicts),
            "overlay": e.overlay,
            "compat": compat_document(e.compat),
        }
    )
    return {k: v for k, v in doc.items() if v not in (None, [], {}, False)}


def to_document(catalog: Catalog, **header: Any) -> dict[str, Any]:
    """The JSON form of a catalog (sorted, deterministic)."""
    doc: dict[str, Any] = dict(catalog.meta)
    doc.update(header)
    doc["schema_version"] = SCHEMA_VERSION
    doc["generated"] = header.get("generated", catalog.generated)
    doc["providers"] = list(catalog.providers)
    doc["geo_prefixes"] = list(catalog.geo_prefixes)
    doc["models"] = [entry_document(e) for e in catalog]
    return doc
