"""Catalog records and the status rule.

The status of a model is never stored: it is computed from the dates against an
``as_of`` date, so the same catalog answers for any day (``--as-of``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bedrock_lifecycle.model import Status

# A provisioned-throughput context segment: ':28k', ':200k', or a bare number of
# three or more digits (':512'), the forms AWS documents for PT variant IDs.
_CONTEXT_SEGMENT = re.compile(r":(\d+k|\d{3,})$")
_MINOR_SEGMENT = re.compile(r":\d+$")


@dataclass(frozen=True)
class Schedule:
    """The dates announced for a set of Regions."""

    regions: tuple[str, ...]
    legacy_date: date | None
    extended_access_date: date | None
    eol_date: date | None
    source: Mapping[str, Any] | None = field(default=None, compare=False, hash=False)


@dataclass(frozen=True)
class Lifecycle:
    status: Status
    extended_access: bool
    legacy_date: date | None
    extended_access_date: date | None
    eol_date: date | None
    note: str | None = None


@dataclass(frozen=True)
class Compat:
    """What a swap to another model would change: how requests are built, what goes in and out, where it runs.

    Empty or None means "not recorded", never "no": a swap is only called drop-in on recorded facts.
    """

    api_family: str | None = None  # the InvokeModel request/response shape (see the catalog's api_families)
    apis: tuple[str, ...] = ()  # invoke, converse, chat-completions, responses, bidirectional-stream
    input_modalities: tuple[str, ...] = ()  # text, image, video, audio, speech, embedding (lower case)
    output_modalities: tuple[str, ...] = ()
    embedding_dimensions: tuple[int, ...] = ()  # the vector sizes an embedding model can produce
    context_window: int | None = None  # tokens
    provisioned_throughput: bool | None = None
    in_region: bool | None = None  # on-demand invocation by the bare ID / foundation-model ARN in a Region
    geo_profiles: tuple[str, ...] | None = None  # system inference-profile prefixes (us, eu, global, ...)
    source: str = ""  # the basis of these facts (page or API, and field)

    @property
    def embedding(self) -> bool:
        return "embedding" in self.output_modalities or bool(self.embedding_dimensions)


@dataclass(frozen=True)
class ModelEntry:
    model_id: str
    name: str
    provider: str
    dates: Schedule  # top level: earliest legacy, latest EOL over all Regions
    schedules: tuple[Schedule, ...]  # per-Region rows, when the dates differ by Region
    source_url: str
    confidence: str
    replacement: str | None = None
    replacement_note: str | None = None
    launch_date: date | None = None
    eol_no_sooner_than: date | None = None
    earliest_eol_date: date | None = None
    variant_of: str | None = None
    aliases: tuple[str, ...] = ()
    endpoints: tuple[str, ...] = ()
    lifecycle_policy: str | None = None
    inferred: bool = False
    notes: str | None = None
    compat: Compat = Compat()
    # Replacement data: the reference's recorded advice, AWS's own column, and how each was reached.
    alias_of: str | None = None
    family: str | None = None
    aws_replacement: str | None = None
    replacement_inferred: bool = False
    no_active_replacement: bool = False
    legacy_date_bound: str | None = None  # "no later than": the Legacy date is an upper bound (card, no date printed)
    # What the model card prints, for features that compare models (migration compatibility).
    input_modalities: tuple[str, ...] = ()
    output_modalities: tuple[str, ...] = ()
    apis: tuple[str, ...] = ()
    context_window: int | None = None
    max_output_tokens: int | None = None
    inference_profiles: tuple[str, ...] = ()
    endpoint_ids: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)
    apis_by_endpoint: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)
    # Provenance: the card read, where every date came from, disagreements between sources.
    card: Mapping[str, Any] | None = field(default=None, compare=False, hash=False)
    date_sources: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, compare=False, hash=False)
    conflicts: tuple[Mapping[str, Any], ...] = field(default=(), compare=False, hash=False)
    # Organisation overlay (catalog_overlay): what the overlay set, and why.
    overlay: Mapping[str, Any] | None = field(default=None, compare=False, hash=False)
    # Every field of the document entry, as read (kept so a catalog round-trips losslessly).
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def regions(self) -> tuple[str, ...]:
        return self.dates.regions

    @property
    def listed_regions(self) -> tuple[str, ...]:
        """The Regions an announced lifecycle row covers (empty: the dates apply in every Region)."""
        return tuple(sorted({r for s in self.schedules for r in s.regions} | set(self.dates.regions)))

    def lifecycle(self, as_of: date, region: str | None = None) -> Lifecycle:
        """Status as of a date, for a Region when the reference names one.

        Region rule: the schedule row that lists the Region when there is one; otherwise, when the
        lifecycle rows name Regions and this one is not among them, the model's own summary lifecycle
        (Legacy once announced) with a note that the Region is not listed: an EOL date announced for
        other Regions is never applied to it (AWS: a model can remain Active in other Regions).
        """
        row = self.dates
        note = None
        if region:
            for sched in self.schedules:
                if region in sched.regions:
                    row = sched
                    break
            else:
                listed = self.listed_regions
                if listed and region not in listed:
                    status, _pea = _status(Schedule((), row.legacy_date, None, None), as_of)
                    if status is Status.ACTIVE and row.legacy_date is None and row.eol_date is not None:
                        status = Status.LEGACY
                    note = (
                        f"Region {region} is not listed in the lifecycle table (its rows cover "
                        f"{', '.join(listed)}); the EOL date announced for those Regions does not apply here, "
                        f"and the model may remain available in {region}: check GetFoundationModel there"
                    )
                    if status is Status.ACTIVE:
                        note = None
                    return Lifecycle(
                        status, False, row.legacy_date if status is not Status.ACTIVE else None, None, None, note
                    )
        status, pea = _status(row, as_of)
        if row is self.dates and status is Status.LEGACY and self.earliest_eol_date:
            if as_of >= self.earliest_eol_date:
                ended = sorted(r for s in self.schedules if s.eol_date and as_of >= s.eol_date for r in s.regions)
                note = f"already EOL in {', '.join(ended) or 'some Regions'}"
        return Lifecycle(status, pea, row.legacy_date, row.extended_access_date, row.eol_date, note)


def _status(row: Schedule, as_of: date) -> tuple[Status, bool]:
    if row.eol_date is not None and as_of >= row.eol_date:
        return Status.EOL, False
    if row.legacy_date is not None and as_of >= row.legacy_date:
        pea = row.extended_access_date is not None and as_of >= row.extended_access_date
        return Status.LEGACY, pea
    if row.legacy_date is None and row.eol_date is not None:
        # An EOL date is only announced when a model goes Legacy.
        return Status.LEGACY, False
    return Status.ACTIVE, False


@dataclass(frozen=True)
class Catalog:
    """An indexed, read-only catalog. Lookups are case-insensitive dict hits."""

    generated: str
    source: str
    entries: Mapping[str, ModelEntry]  # by lower-case model ID
    aliases: Mapping[str, str]  # lower-case alias -> model ID
    providers: tuple[str, ...]
    geo_prefixes: tuple[str, ...]
    meta: Mapping[str, object]

    def __iter__(self) -> Iterator[ModelEntry]:
        return iter(self.entries[k] for k in sorted(self.entries))

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, model_id: str) -> ModelEntry | None:
        key = model_id.lower()
        entry = self.entries.get(key)
        if entry is None and key in self.aliases:
            entry = self.entries.get(self.aliases[key])
        return entry

    def lookup(self, candidate: str) -> ModelEntry | None:
        """Exact ID or alias first; then strip provisioned-throughput context suffixes.

        ``:28k``/``:512`` style segments are stripped, then one more ``:N`` minor
        segment. A bare ``:N`` is never stripped on its own: ``acme.model-v2:1``
        and ``acme.model-v2`` are different models, and a wrong minor version is
        an unknown ID, not a near match.
        """
        candidate = candidate.lower()  # suffixes are matched in lower case too (':28K')
        entry = self.get(candidate)
        if entry is not None:
            return entry
        stripped = _CONTEXT_SEGMENT.sub("", candidate)
        if stripped == candidate:
            return None
        entry = self.get(stripped)
        if entry is not None:
            return entry
        base = _MINOR_SEGMENT.sub("", stripped)
        return self.get(base) if base != stripped else None

    def suggest(self, candidate: str, limit: int = 3) -> tuple[str, ...]:
        import difflib

        return tuple(difflib.get_close_matches(candidate.lower(), list(self.entries), n=limit, cutoff=0.75))

    def with_entries(self, entries: Iterable[ModelEntry]) -> Catalog:
        table = {e.model_id.lower(): e for e in entries}
        return Catalog(
            generated=self.generated,
            source=self.source,
            entries=table,
            aliases=_alias_index(table),
            providers=self.providers,
            geo_prefixes=self.geo_prefixes,
            meta=self.meta,
        )


def _alias_index(entries: Mapping[str, ModelEntry]) -> dict[str, str]:
    index: dict[str, str] = {}
    for key, entry in entries.items():
        for alias in entry.aliases:
            if alias.lower() not in entries:
                index[alias.lower()] = key
    return index
