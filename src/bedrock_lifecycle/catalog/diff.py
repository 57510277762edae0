"""``catalog diff OLD NEW``: what changed between two catalogs, as a platform team would post it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bedrock_lifecycle.catalog import Catalog, ModelEntry

_FIELDS = ("legacy_date", "extended_access_date", "eol_date")


@dataclass(frozen=True)
class Change:
    model_id: str
    field: str
    old: str | None
    new: str | None


def _dates(e: ModelEntry) -> dict[str, str | None]:
    d = e.dates
    out = {"legacy_date": d.legacy_date, "extended_access_date": d.extended_access_date, "eol_date": d.eol_date}
    result = {k: (v.isoformat() if v else None) for k, v in out.items()}
    result["replacement"] = e.replacement
    return result


def diff(old: Catalog, new: Catalog, as_of: date) -> dict[str, Any]:
    old_ids = {e.model_id.lower(): e for e in old}
    new_ids = {e.model_id.lower(): e for e in new}
    changes: list[Change] = []
    status_changes = []
    for key in sorted(old_ids.keys() & new_ids.keys()):
        a, b = old_ids[key], new_ids[key]
        da, db = _dates(a), _dates(b)
        for name in (*_FIELDS, "replacement"):
            if da[name] != db[name]:
                changes.append(Change(b.model_id, name, da[name], db[name]))
        sa, sb = a.lifecycle(as_of), b.lifecycle(as_of)
        if (sa.status, sa.extended_access) != (sb.status, sb.extended_access):
            status_changes.append(
                {
                    "model_id": b.model_id,
                    "old": _status(sa.status.value, sa.extended_access),
                    "new": _status(sb.status.value, sb.extended_access),
                }
            )

    def brief(e: ModelEntry) -> dict[str, Any]:
        lc = e.lifecycle(as_of)
        return {
            "model_id": e.model_id,
            "name": e.name,
            "status": _status(lc.status.value, lc.extended_access),
            **_dates(e),
        }

    return {
        "as_of": as_of.isoformat(),
        "old": {"generated": old.generated, "source": old.source, "models": len(old_ids)},
        "new": {"generated": new.generated, "source": new.source, "models": len(new_ids)},
        "added": [brief(new_ids[k]) for k in sorted(new_ids.keys() - old_ids.keys())],
        "removed": [brief(old_ids[k]) for k in sorted(old_ids.keys() - new_ids.keys())],
        "status_changes": status_changes,
        "newly_legacy": [
            s["model_id"] for s in status_changes if s["new"].startswith("LEGACY") and not s["old"].startswith("LEGACY")
        ],
        "new_eol_dates": [c.model_id for c in changes if c.field == "eol_date" and c.old is None and c.new],
        "date_changes": [c.__dict__ for c in changes],
    }


def _status(status: str, pea: bool) -> str:
    return f"{status} (extended access)" if pea else status


def render_text(d: dict[str, Any]) -> str:
    lines = [
        f"Catalog diff as of {d['as_of']}: {d['old']['source']} ({d['old']['generated']}, {d['old']['models']} "
        f"models) -> {d['new']['source']} ({d['new']['generated']}, {d['new']['models']} models)",
        "",
    ]
    if d["status_changes"]:
        lines.append("Status changes:")
        lines += [f"  {s['model_id']}: {s['old']} -> {s['new']}" for s in d["status_changes"]]
    if d["date_changes"]:
        lines.append("Date and replacement changes:")
        lines += [f"  {c['model_id']}: {c['field']} {c['old'] or '-'} -> {c['new'] or '-'}" for c in d["date_changes"]]
    if d["added"]:
        lines.append("New models:")
        lines += [f"  {m['model_id']} ({m['name']}): {m['status']}" for m in d["added"]]
    if d["removed"]:
        lines.append("No longer in the catalog:")
        lines += [f"  {m['model_id']} ({m['name']})" for m in d["removed"]]
    if len(lines) == 2:
        lines.append("No changes.")
    return "\n".join(lines) + "\n"
