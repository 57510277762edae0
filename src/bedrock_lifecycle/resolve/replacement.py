"""The replacement to advise: a model that is Active on the date, never a Legacy or EOL one.

One rule, used by every output (scan messages, JSON ``bedrock.replacement``, SARIF, HTML, inventory,
``catalog show`` and docs/migration.md):

1. walk the recorded chain (the catalog's ``replacement``, else AWS's own ``aws_replacement``) to the
   first model that is Active as of the date;
2. where the chain reaches none, the newest Active model of the same provider and family (the
   entry's ``family``; same output modalities where both are recorded), marked as inferred;
3. where that does not exist either, no replacement, and a plain "no Active replacement" note.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from bedrock_lifecycle.catalog.model import Catalog, ModelEntry
from bedrock_lifecycle.model import Resolution, Status


@dataclass(frozen=True)
class Advice:
    model_id: str | None  # Active on the date, or None
    inferred: bool  # not a replacement AWS named: the reference's inference or the family fallback
    chain: tuple[str, ...]  # the recorded chain as followed (each hop's ID)
    note: str | None  # why there is none, or how an inferred one was chosen


def _next(entry: ModelEntry) -> str | None:
    return entry.replacement or entry.aws_replacement


def _walk(first: str | None, catalog: Catalog, as_of: date) -> tuple[str | None, tuple[str, ...], bool]:
    """(the first Active model on the chain or None, the hops, whether any hop was an inference)."""
    current = first
    seen: list[str] = []
    inferred = False
    while current and current.lower() not in {s.lower() for s in seen}:
        entry = catalog.get(current)
        if entry is None:
            seen.append(current)
            return None, tuple(seen), inferred  # not in the catalog: its status cannot be vouched for
        seen.append(entry.model_id)
        if entry.lifecycle(as_of).status is Status.ACTIVE:
            return entry.model_id, tuple(seen), inferred
        inferred = inferred or entry.replacement_inferred
        current = _next(entry)
    return None, tuple(seen), inferred


def family_candidate(entry: ModelEntry, catalog: Catalog, as_of: date) -> ModelEntry | None:
    """The newest model of the entry's provider and family that is Active on the date."""
    if not entry.family:
        return None
    provider = entry.model_id.split(".", 1)[0].lower()
    found = [
        e
        for e in catalog
        if e.family == entry.family
        and e.model_id.split(".", 1)[0].lower() == provider
        and e.model_id.lower() != entry.model_id.lower()
        and not e.variant_of
        and not e.alias_of
        and not (entry.output_modalities and e.output_modalities and entry.output_modalities != e.output_modalities)
        and e.lifecycle(as_of).status is Status.ACTIVE
    ]
    if not found:
        return None
    return max(found, key=lambda e: (e.launch_date or date.min, e.model_id))


def advise(model_id: str, catalog: Catalog, as_of: date) -> Advice:
    entry = catalog.get(model_id)
    if entry is None:
        return Advice(None, False, (), None)
    chosen, chain, via_inference = _walk(_next(entry), catalog, as_of)
    if chosen:
        return Advice(chosen, entry.replacement_inferred or via_inference, chain, None)
    candidate = family_candidate(entry, catalog, as_of)
    if candidate is not None:
        how = f"the newest Active {entry.family} model" if entry.family else "the newest Active model of its family"
        return Advice(candidate.model_id, True, chain, f"inferred: {how}; AWS names no Active replacement")
    if chain:
        hops = " -> ".join(chain)
        why = f"no Active replacement as of {as_of.isoformat()} (the recorded chain {hops} reaches no Active model)"
    else:
        why = f"no Active replacement as of {as_of.isoformat()}"
    return Advice(None, False, chain, why)


def active_replacement(first: str | None, catalog: Catalog, as_of: date) -> tuple[str | None, str | None]:
    """The recorded chain alone: (the first Active model, None) or (None, why)."""
    chosen, chain, _inferred = _walk(first, catalog, as_of)
    if chosen or not chain:
        return chosen, None
    return None, f"the recorded replacement chain ({' -> '.join(chain)}) reaches no Active model"


def with_replacement(res: Resolution, catalog: Catalog, as_of: date) -> Resolution:
    if res.status is Status.ACTIVE or not res.model_id:
        return res
    advice = advise(res.model_id, catalog, as_of)
    return replace(
        res,
        replacement=advice.model_id,
        replacement_inferred=advice.inferred,
        replacement_note=advice.note,
    )
