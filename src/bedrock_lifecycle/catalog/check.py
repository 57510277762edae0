"""``catalog check``: validate a catalog file (the embedded one, a synced one, or a team's own).

One line per problem, ``<file>: <model id>: <problem>``; no problems means the file is fit to scan
with. Checked: the document loads; IDs are unique, lower case and well formed (id-forms.md §1) with
a known provider prefix; dates are ISO days in order (Legacy <= public extended access <= EOL, per
Region row too; an extended-access date needs a Legacy date; launch <= EOL floor); every entry names
its source page, and a catalog that records date sources names one for every date; every replacement,
variant and alias points at an entry; and no advised replacement is Legacy or EOL on the catalog's
date (the recorded ``replacement`` of a model that is not Active must itself be Active then).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from bedrock_lifecycle.errors import CatalogError

_ID = re.compile(r"[a-z0-9-]{1,63}\.[a-z0-9][a-z0-9.-]{0,127}(?::[a-z0-9-]{1,63}){0,2}")
_DATES = ("legacy_date", "extended_access_date", "eol_date", "earliest_eol_date", "eol_no_sooner_than", "launch_date")
_ORDER = ("legacy_date", "extended_access_date", "eol_date")


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)) else None
    except ValueError:
        return None


def _order_problems(row: Mapping[str, Any], where: str) -> list[str]:
    problems = []
    for f in _ORDER:
        if f in row and row[f] not in (None, "") and _day(row[f]) is None:
            problems.append(f"{where}{f} {row[f]!r} is not a YYYY-MM-DD date")
    days = [(f, _day(row.get(f))) for f in _ORDER]
    present = [(f, d) for f, d in days if d is not None]
    for (f1, d1), (f2, d2) in zip(present, present[1:], strict=False):
        if d1 > d2:
            problems.append(f"{where}{f1} {d1} is after {f2} {d2}")
    if row.get("extended_access_date") and not row.get("legacy_date"):
        problems.append(f"{where}a public extended access date without a Legacy date")
    return problems


def check_document(doc: Any, as_of: date | None = None) -> list[str]:
    """Problems with a catalog document (``[]``: none), each ``<model id>: <problem>``."""
    if not isinstance(doc, dict) or not isinstance(doc.get("models"), list):
        return ["not a catalog: expected an object with a 'models' list"]
    problems: list[str] = []
    if doc.get("schema_version") != 1:
        problems.append(f"schema_version {doc.get('schema_version')!r} is not supported (want 1)")
    generated = _day(doc.get("generated"))
    if generated is None:
        problems.append(f"generated {doc.get('generated')!r} is not a YYYY-MM-DD date")
    models = [m for m in doc["models"] if isinstance(m, dict)]
    if len(models) != len(doc["models"]):
        problems.append("an entry of 'models' is not an object")
    providers = {str(p).lower() for p in doc.get("providers") or ()}
    ids: dict[str, dict[str, Any]] = {}
    records_sources = any(m.get("date_sources") for m in models)
    for m in models:
        mid = str(m.get("id") or "")
        if not mid:
            problems.append(f"(entry {json.dumps(m)[:60]}): no id")
            continue
        if mid.lower() in ids:
            problems.append(f"{mid}: duplicate id")
        ids[mid.lower()] = m
        if mid != mid.lower() or not _ID.fullmatch(mid):
            problems.append(f"{mid}: not a well-formed Bedrock model ID (lower case, provider.model[:N[:M]])")
        elif providers and mid.split(".", 1)[0] not in providers:
            problems.append(f"{mid}: provider prefix {mid.split('.', 1)[0]!r} is not in the catalog's providers")
        source = str(m.get("source_url") or "")
        if not source.startswith(("https://", "http://", "overlay:")) or " " in source:
            problems.append(f"{mid}: no source_url (the page its facts come from)")
        for f in _DATES:
            if f in m and m[f] not in (None, "") and _day(m[f]) is None:
                problems.append(f"{mid}: {f} {m[f]!r} is not a YYYY-MM-DD date")
        problems += _order_problems(m, f"{mid}: ")
        for i, row in enumerate(m.get("schedule") or ()):
            where = f"{mid}: schedule[{','.join(row.get('regions') or ()) or i}] "
            if not row.get("regions"):
                problems.append(f"{where}names no Region")
            problems += _order_problems(row, where)
        launch, floor = _day(m.get("launch_date")), _day(m.get("eol_no_sooner_than"))
        if launch and floor and launch > floor:
            problems.append(f"{mid}: launch_date {launch} is after eol_no_sooner_than {floor}")
        earliest, eol = _day(m.get("earliest_eol_date")), _day(m.get("eol_date"))
        if earliest and eol and earliest > eol:
            problems.append(f"{mid}: earliest_eol_date {earliest} is after eol_date {eol}")
        if records_sources:
            sources = m.get("date_sources") or {}
            for f in _DATES:
                if m.get(f) and not (sources.get(f) or {}).get("page"):
                    problems.append(f"{mid}: {f} names no source page and field (date_sources)")
    for m in models:
        mid = str(m.get("id") or "")
        for field in ("replacement", "aws_replacement", "variant_of", "alias_of"):
            target = m.get(field)
            if target and str(target).lower() not in ids:
                problems.append(f"{mid}: {field} {target} is not an entry")
    problems += _advice_problems(doc, as_of or generated)
    return problems


def _advice_problems(doc: dict[str, Any], as_of: date | None) -> list[str]:
    if as_of is None:
        return []
    from bedrock_lifecycle.catalog import from_document
    from bedrock_lifecycle.model import Status

    def loadable(m: Any) -> bool:
        rows = [m, *(m.get("schedule") or ())] if isinstance(m, dict) else []
        return (
            bool(rows)
            and bool(m.get("id"))
            and bool(m.get("source_url"))
            and all(_day(r[f]) is not None for r in rows for f in _DATES if isinstance(r, dict) and r.get(f))
        )

    try:  # the entries that load (the others are reported above)
        catalog = from_document({**doc, "models": [m for m in doc["models"] if loadable(m)]}, source="check")
    except CatalogError as exc:
        return [str(exc)]
    problems = []
    for entry in catalog:
        if not entry.replacement or entry.lifecycle(as_of).status is Status.ACTIVE:
            continue
        target = catalog.get(entry.replacement)
        if target is None:
            continue  # reported above
        status = target.lifecycle(as_of).status
        if status is not Status.ACTIVE:
            problems.append(
                f"{entry.model_id}: advised replacement {target.model_id} is {status.value} on {as_of.isoformat()} "
                "(advise an Active model, or none)"
            )
    return problems


def check_file(path: str | None, as_of: date | None = None) -> tuple[str, list[str]]:
    """(the name shown, its problems) for a catalog file, or the embedded catalog for ``None``."""
    from bedrock_lifecycle.catalog import EMBEDDED_PATH

    target = Path(path) if path else EMBEDDED_PATH
    shown = path or "embedded catalog"
    try:
        text = target.read_text(encoding="utf-8")
    except OSError as exc:
        return shown, [f"cannot read: {exc.strerror or exc}"]
    try:
        doc = json.loads(text)
    except ValueError as exc:
        return shown, [f"not valid JSON: {exc}"]
    return shown, check_document(doc, as_of)
