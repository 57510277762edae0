"""What an unknown ID's model family is, when only its version suffix is wrong.

``<family>:2`` (a family ID with a wrong minor version) is not a catalog ID (a wrong ``:N`` is never
stripped to a neighbour: see ``Catalog.lookup``), so it stays unknown. But the
family it names, ``<family>``, may be End-of-Life, and that
is the problem a user must see first: fixing the suffix would not help.
"""

from __future__ import annotations

import logging
import re
from datetime import date

from bedrock_lifecycle.catalog.model import Catalog, ModelEntry
from bedrock_lifecycle.model import Status
from bedrock_lifecycle.resolve.replacement import active_replacement

LOG = logging.getLogger(__name__)

_VERSION_SUFFIX = re.compile(r"(?::(?:\d+k|\d+))+$")


def family_of(candidate: str, catalog: Catalog) -> tuple[str, list[ModelEntry]] | None:
    """(family ID, its catalog entries) for an ID with a ':N'/':28k' suffix whose family is catalogued."""
    key = candidate.lower()
    family = _VERSION_SUFFIX.sub("", key)
    if family == key or "." not in family:
        return None
    entry = catalog.get(family)
    if entry is not None:
        return entry.model_id, [entry]
    members = [catalog.entries[k] for k in sorted(catalog.entries) if k.startswith(family + ":")]
    members = [e for e in members if e.variant_of is None] or members
    return (family, members) if members else None


def family_note(candidate: str, catalog: Catalog, as_of: date, region: str | None = None) -> str | None:
    """One clause on the family's status, for the message of an unknown ID; None when nothing is known."""
    found = family_of(candidate, catalog)
    if found is None:
        return None
    family, members = found
    known = ", ".join(e.model_id for e in members)
    lifecycles = [(e, e.lifecycle(as_of, region)) for e in members]
    statuses = {lc.status for _e, lc in lifecycles}
    if len(statuses) != 1:
        return f"The model family {family} is catalogued as {known}, with different statuses: check the version"
    status = statuses.pop()
    entry, lc = lifecycles[0]
    if status is Status.EOL:
        text = f"The model family {family} reached End-of-Life on {lc.eol_date}: no version of it works"
    elif status is Status.LEGACY:
        text = f"The model family {family} is Legacy since {lc.legacy_date}"
        if lc.eol_date:
            text += f" and reaches End-of-Life on {lc.eol_date}"
    else:
        return f"The model family {family} is Active as {known}: check the version suffix"
    replacement, _why = active_replacement(entry.replacement, catalog, as_of)
    return text + (f"; migrate to {replacement}" if replacement else "")
