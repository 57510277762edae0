"""The replacement to advise: the catalog's chain followed to a model that is Active on the date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bedrock_lifecycle.catalog.model import Catalog
from bedrock_lifecycle.model import Resolution, Status


def active_replacement(first: str | None, catalog: Catalog, as_of: date) -> tuple[str | None, str | None]:
    """(replacement, None), or (None, why) when the chain ends on a model that is itself Legacy or EOL.

    A replacement that is dying is never advised.
    """
    current = first
    seen: list[str] = []
    while current and current not in seen:
        seen.append(current)
        entry = catalog.get(current)
        if entry is None:
            return current, None
        if entry.lifecycle(as_of).status is Status.ACTIVE:
            return entry.model_id, None
        current = entry.replacement
    if not seen:
        return None, None
    last = catalog.get(seen[-1])
    status = last.lifecycle(as_of).status.value if last else "unknown"
    chain = " -> ".join(seen)
    return None, f"the catalog's replacement chain ({chain}) ends on a {status} model with no Active successor"


def with_replacement(res: Resolution, catalog: Catalog, as_of: date) -> Resolution:
    if res.status is Status.ACTIVE or not res.model_id:
        return res
    replacement, why = active_replacement(res.replacement, catalog, as_of)
    return replace(res, replacement=replacement, replacement_note=why)
