"""Organisation overlay: private entries and stricter dates on top of the catalog, each with a reason.

Named by ``catalog_overlay:`` in ``.bedrock-lifecycle.yaml`` or ``--catalog-overlay FILE`` (YAML or
JSON, composed, never constructed)::

    models:
      # a custom or imported model the public catalog cannot know
      - id: acme.support-llm-v2
        name: Support LLM v2 (imported weights)
        eol_date: 2027-06-30
        replacement: <an Active catalog model>
        reason: imported model retired with the Q2 platform release (PLAT-88)
      # an internal deprecation of a catalog model: dates may only move earlier
      - id: <a catalog model ID>
        eol_date: 2027-01-31
        replacement: <an Active catalog model>
        reason: we stop using it on 2027-01-31 (ARCH-42)

Keys per model: ``id`` and ``reason`` (required), ``name``, ``provider``, ``legacy_date``,
``extended_access_date``, ``eol_date``, ``replacement``, ``notes``. For a catalog model every date must
be on or before the catalog's (an overlay makes the lifecycle stricter, never looser); an EOL date
alone on an Active model makes it Legacy until then (an announced retirement). The entry keeps what
the catalog said in ``overlay.catalog`` so ``catalog show`` prints both, and findings say which dates
came from the overlay.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from bedrock_lifecycle.catalog.model import Catalog, ModelEntry, Schedule
from bedrock_lifecycle.errors import ConfigError

_ID = re.compile(r"[a-z0-9-]{1,63}\.[a-z0-9][a-z0-9.-]{0,127}(?::[a-z0-9-]{1,63}){0,2}")
_KEYS = {"id", "reason", "name", "provider", "legacy_date", "extended_access_date", "eol_date", "replacement", "notes"}
_DATE_KEYS = ("legacy_date", "extended_access_date", "eol_date")
LABELS = {"legacy_date": "Legacy date", "extended_access_date": "public extended access date", "eol_date": "EOL date"}


def _read(path: str) -> tuple[Any, Any]:
    """(the plain data, a key path -> line lookup)."""
    from bedrock_lifecycle import config_file

    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"catalog overlay {path}: cannot read: {exc.strerror or exc}") from None
    lines = config_file._Lines()
    if path.endswith(".json"):
        try:
            return json.loads(text), lines
        except ValueError as exc:
            raise ConfigError(f"catalog overlay {path}: not valid JSON: {exc}") from None
    return config_file._yaml(text, path, lines), lines


def load_overlay(path: str) -> list[dict[str, Any]]:
    """The overlay's model entries, validated (a ConfigError names the file, line and key)."""
    data, lines = _read(path)

    def fail(key_path: tuple[str | int, ...], message: str) -> ConfigError:
        line = lines.at(key_path)
        shown = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in key_path).lstrip(".")
        return ConfigError(f"{path}{':' + str(line) if line else ''}: {shown}: {message}")

    if not isinstance(data, dict) or not isinstance(data.get("models"), list):
        raise ConfigError(f"catalog overlay {path}: expected a mapping with a 'models' list")
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, raw in enumerate(data["models"]):
        kp: tuple[str | int, ...] = ("models", i)
        if not isinstance(raw, dict):
            raise fail(kp, "expected a mapping (id, reason, dates...)")
        unknown = sorted(set(raw) - _KEYS)
        if unknown:
            raise fail(kp + (unknown[0],), f"unknown key; allowed: {', '.join(sorted(_KEYS))}")
        mid = str(raw.get("id") or "").strip()
        if not _ID.fullmatch(mid):
            raise fail(kp + ("id",), f"{mid!r} is not a lower-case Bedrock model ID (provider.model[:N])")
        if mid in seen:
            raise fail(kp + ("id",), f"{mid} is listed twice")
        seen.add(mid)
        reason = raw.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise fail(kp, f"{mid}: every overlay entry needs a reason (why the organisation changes it)")
        entry: dict[str, Any] = {"id": mid, "reason": reason.strip()}
        for key in ("name", "provider", "replacement", "notes"):
            if raw.get(key) is not None:
                entry[key] = str(raw[key])
        for key in _DATE_KEYS:
            value = raw.get(key)
            if value is None:
                continue
            try:
                entry[key] = date.fromisoformat(str(value))
            except ValueError:
                raise fail(kp + (key,), f"{value!r} is not a YYYY-MM-DD date") from None
        days = [entry[k] for k in _DATE_KEYS if k in entry]
        if days != sorted(days):
            raise fail(kp, f"{mid}: dates out of order (Legacy <= public extended access <= EOL)")
        out.append(entry)
    return out


def _earlier(mine: date | None, theirs: date | None) -> date | None:
    if mine is None:
        return theirs
    return mine if theirs is None else min(mine, theirs)


def _shown(path: str) -> str:
    """The overlay's path as findings name it: relative to the working directory when under it."""
    import os

    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel.replace(os.sep, "/")


def apply_overlay(catalog: Catalog, path: str) -> Catalog:
    items = load_overlay(path)
    shown = _shown(path)
    entries = {e.model_id.lower(): e for e in catalog}
    known = set(entries) | {i["id"] for i in items}
    for item in items:
        target = item.get("replacement")
        if target and target.lower() not in known and catalog.get(target) is None:
            raise ConfigError(
                f"catalog overlay {path}: {item['id']}: replacement {target} is neither in the catalog nor the overlay"
            )
    providers = set(catalog.providers)
    for item in items:
        mid = item["id"]
        base = catalog.get(mid)
        fields = {k: item[k].isoformat() for k in _DATE_KEYS if k in item}
        if item.get("replacement"):
            fields["replacement"] = item["replacement"]
        if base is None:
            providers.add(mid.split(".", 1)[0])
            entries[mid] = ModelEntry(
                model_id=mid,
                name=item.get("name") or mid,
                provider=item.get("provider") or mid.split(".", 1)[0],
                dates=Schedule((), item.get("legacy_date"), item.get("extended_access_date"), item.get("eol_date")),
                schedules=(),
                source_url=f"overlay:{shown}",
                confidence="organisation",
                replacement=item.get("replacement"),
                notes=item.get("notes"),
                overlay={"file": shown, "reason": item["reason"], "fields": fields, "catalog": {}, "added": True},
            )
            continue
        was = {k: getattr(base.dates, k).isoformat() for k in _DATE_KEYS if getattr(base.dates, k) is not None}
        if base.replacement:
            was["replacement"] = base.replacement
        for key in _DATE_KEYS:
            mine, theirs = item.get(key), getattr(base.dates, key)
            if mine is not None and theirs is not None and mine > theirs:
                raise ConfigError(
                    f"catalog overlay {path}: {mid}: {key} {mine} is later than the catalog's {theirs}; "
                    "an overlay can only bring a date forward"
                )

        def stricter(s: Schedule, item: dict[str, Any] = item) -> Schedule:
            return replace(
                s,
                legacy_date=_earlier(item.get("legacy_date"), s.legacy_date),
                extended_access_date=_earlier(item.get("extended_access_date"), s.extended_access_date),
                eol_date=_earlier(item.get("eol_date"), s.eol_date),
            )

        entries[mid] = replace(
            base,
            dates=stricter(base.dates),
            schedules=tuple(stricter(s) for s in base.schedules),
            earliest_eol_date=_earlier(item.get("eol_date"), base.earliest_eol_date),
            replacement=item.get("replacement") or base.replacement,
            replacement_inferred=False if item.get("replacement") else base.replacement_inferred,
            overlay={"file": shown, "reason": item["reason"], "fields": fields, "catalog": was, "added": False},
        )
    merged = catalog.with_entries(entries.values())
    return replace(merged, providers=tuple(sorted(providers)), meta={**catalog.meta, "overlay": shown})


def overlay_note(entry: ModelEntry) -> str | None:
    """What a finding says about the overlay: which of its dates came from it, and why."""
    ov = entry.overlay
    if not ov:
        return None
    if ov.get("added"):
        return f"an organisation model from the catalog overlay {ov.get('file')} (reason: {ov.get('reason')})"
    fields = ov.get("fields") or {}
    changed = [f"{LABELS[k]} {v}" for k, v in fields.items() if k in LABELS]
    if fields.get("replacement"):
        changed.append(f"replacement {fields['replacement']}")
    what = ", ".join(changed) or "entry"
    return f"{what} from the catalog overlay {ov.get('file')} (reason: {ov.get('reason')})"
