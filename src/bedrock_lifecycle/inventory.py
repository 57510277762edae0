"""The model inventory of a scan: every model a codebase names, when each one dies, what to move to.

A scan answers "which references fail?"; platform teams and security reviewers
also ask "which models do we depend on at all, where, and what must we migrate
first?". This module folds a ScanResult's findings (one per check and
reference) into one record per model, with its references, dates, status as of
the scan date and a migration hint, plus the projection (``--horizon``) of what
changes phase within a window after that date.

It reads only the ScanResult and, when given, the catalog (to show each hop of
a replacement chain with its own status); it never scans. The table, JSON and
CSV forms live here; HTML and CycloneDX are in report/.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from bedrock_lifecycle.model import Finding, Resolution, Result, ScanResult, Status, Step
from bedrock_lifecycle.policies import DOCS_URL

if TYPE_CHECKING:
    from bedrock_lifecycle.catalog.model import Catalog

LOG = logging.getLogger(__name__)

MIGRATION_GUIDE = f"{DOCS_URL}#migrating-a-model"

# Phases, most urgent first: the order of every listing ("what to migrate first").
PHASES = ("eol", "extended-access", "legacy", "unknown", "opaque", "active")
PHASE_LABELS = {
    "eol": "EOL",
    "extended-access": "Extended access",
    "legacy": "Legacy",
    "unknown": "Unknown",
    "opaque": "Opaque",
    "active": "Active",
}
_RANK = {p: i for i, p in enumerate(PHASES)}
# What a dated event turns a model into, in the order they happen on one day.
CHANGES = ("legacy", "extended-access", "eol")
_FAR = date.max


def phase_of(status: Status, extended_access: bool = False) -> str:
    if status is Status.LEGACY and extended_access:
        return "extended-access"
    return status.value.lower()


def status_of(phase: str) -> str:
    """The Status value of a phase: extended access is part of LEGACY."""
    return "LEGACY" if phase == "extended-access" else phase.upper()


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


# --- records ---


@dataclass(frozen=True)
class Occurrence:
    """One reference to the model: where the literal sits and the resource that uses it."""

    path: str
    line: int
    column: int
    resource: str
    text: str  # as written
    region: str | None
    phase: str  # its own status: a regional schedule may differ from the model's
    possible: bool
    failed_checks: tuple[str, ...]
    skipped_checks: tuple[str, ...]
    failing: bool
    provenance: tuple[Step, ...] = ()  # the hops from the literal to the resource that uses it


@dataclass(frozen=True)
class Hop:
    """One model on the catalog's replacement chain, with its own status as of the date."""

    model_id: str
    phase: str
    legacy_date: date | None = None
    eol_date: date | None = None


@dataclass(frozen=True)
class Migration:
    """The recommended replacement (always Active as of the date) or why there is none."""

    replacement: str | None
    replacement_phase: str | None
    replacement_legacy_date: date | None
    replacement_eol_date: date | None
    chain: tuple[Hop, ...]  # as followed from the catalog's direct replacement; () without a catalog
    note: str | None
    guide: str = MIGRATION_GUIDE
    inferred: bool = False  # not AWS's named replacement (the reference's inference or the family fallback)


@dataclass(frozen=True)
class ModelRecord:
    key: str  # the catalog model ID; for unknown and opaque references, the reference itself
    model_id: str | None
    name: str | None
    provider: str | None
    phase: str  # the most urgent status among its references
    legacy_date: date | None
    extended_access_date: date | None
    eol_date: date | None
    source_url: str | None
    occurrences: tuple[Occurrence, ...]
    migration: Migration | None
    note: str | None = None

    @property
    def status(self) -> str:
        return status_of(self.phase)

    @property
    def files(self) -> tuple[str, ...]:
        return tuple(sorted({o.path for o in self.occurrences}))

    @property
    def resources(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted({(o.path, o.resource) for o in self.occurrences}))

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(sorted({o.region for o in self.occurrences if o.region}))

    @property
    def failing(self) -> bool:
        return any(o.failing for o in self.occurrences)

    @property
    def failed_checks(self) -> tuple[str, ...]:
        return tuple(sorted({c for o in self.occurrences for c in o.failed_checks}))

    def days_to_eol(self, as_of: date) -> int | None:
        return (self.eol_date - as_of).days if self.eol_date else None


@dataclass(frozen=True)
class Event:
    """A model changes phase on a day inside the horizon."""

    day: date
    change: str  # legacy, extended-access or eol
    model: ModelRecord


@dataclass(frozen=True)
class Horizon:
    spec: str
    start: date  # the as-of date (exclusive)
    end: date  # inclusive
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Inventory:
    models: tuple[ModelRecord, ...]
    as_of: date
    catalog_date: str
    catalog_source: str
    root: str
    version: str
    files_scanned: int
    diagnostics: int
    horizon: Horizon | None = None
    catalog_sources_date: str | None = None

    @property
    def references(self) -> int:
        return sum(len(m.occurrences) for m in self.models)

    @property
    def files(self) -> tuple[str, ...]:
        return tuple(sorted({p for m in self.models for p in m.files}))

    def counts(self) -> dict[str, int]:
        """Models by phase, every phase present (zeros included), in urgency order."""
        out = {p: 0 for p in PHASES}
        for m in self.models:
            out[m.phase] += 1
        return out

    def reference_counts(self) -> dict[str, int]:
        out = {p: 0 for p in PHASES}
        for m in self.models:
            for o in m.occurrences:
                out[o.phase] += 1
        return out


# --- the horizon flag ---

_HORIZON = re.compile(r"(\d{1,4})([dwmqy]?)")
_UNITS = {"": "days", "d": "days", "w": "weeks", "m": "months", "q": "quarters", "y": "years"}
_LIMITS = {"days": 36500, "weeks": 5200, "months": 1200, "quarters": 400, "years": 100}


@dataclass(frozen=True)
class HorizonSpec:
    """``180d``, ``26w``, ``6m``, ``2q``, ``1y`` (a bare number is days) or an end date ``2027-06-30``.

    Months, quarters and years are calendar steps from the as-of date (a day past
    the end of the month is clamped to it), so ``2q`` from 2026-11-25 ends on 2027-05-25.
    """

    text: str
    amount: int = 0
    unit: str = "days"
    until: date | None = None

    @staticmethod
    def parse(text: str) -> HorizonSpec:
        raw = text.strip().lower()
        try:
            return HorizonSpec(text, until=date.fromisoformat(raw))
        except ValueError:
            pass
        m = _HORIZON.fullmatch(raw)
        unit = _UNITS[m.group(2)] if m else ""
        if not m or not 0 < int(m.group(1)) <= _LIMITS[unit]:
            raise ValueError(
                f"not a horizon: {text!r} (use e.g. 180d, 26w, 6m, 2q, 1y or an end date YYYY-MM-DD; at most 100 years)"
            )
        return HorizonSpec(text, int(m.group(1)), unit)

    def end(self, as_of: date) -> date:
        if self.until is not None:
            return self.until
        if self.unit == "days":
            return as_of + timedelta(days=self.amount)
        if self.unit == "weeks":
            return as_of + timedelta(weeks=self.amount)
        months = self.amount * {"months": 1, "quarters": 3, "years": 12}[self.unit]
        return add_months(as_of, months)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def horizon(models: Iterable[ModelRecord], as_of: date, spec: HorizonSpec) -> Horizon:
    """What turns Legacy, enters extended access or reaches EOL after ``as_of``, up to the end, by date."""
    end = spec.end(as_of)
    events = []
    for m in models:
        for change, day in zip(CHANGES, (m.legacy_date, m.extended_access_date, m.eol_date), strict=True):
            if day is not None and as_of < day <= end:
                events.append(Event(day, change, m))
    events.sort(key=lambda e: (e.day, CHANGES.index(e.change), e.model.key))
    return Horizon(spec.text, as_of, end, tuple(events))


# --- building ---


def _urgency(res: Resolution) -> tuple[int, bool, date, date, str, int]:
    """The reference whose status and dates stand for the model: the most urgent status; on a tie the
    catalog's all-Region dates (a reference without a Region) over one Region's schedule."""
    regional = bool(res.reference.region or res.parsed.region)
    return (
        _RANK[phase_of(res.status, res.extended_access)],
        regional,
        res.eol_date or _FAR,
        res.legacy_date or _FAR,
        res.reference.span.path,
        res.reference.span.start_line,
    )


def _key(res: Resolution) -> str:
    if res.model_id:
        return res.model_id
    return res.parsed.candidate or res.reference.text.strip()


def _occurrence(res: Resolution, findings: Sequence[Finding]) -> Occurrence:
    ref = res.reference
    return Occurrence(
        path=ref.span.path,
        line=ref.span.start_line,
        column=ref.span.start_col,
        resource=ref.resource,
        text=ref.text,
        region=ref.region or res.parsed.region,
        phase=phase_of(res.status, res.extended_access),
        possible=ref.possible,
        failed_checks=tuple(sorted({f.check_id for f in findings if f.result is Result.FAILED})),
        skipped_checks=tuple(sorted({f.check_id for f in findings if f.result is Result.SKIPPED})),
        failing=any(f.failing for f in findings),
        provenance=ref.provenance,
    )


def replacement_chain(model_id: str, catalog: Catalog, as_of: date) -> tuple[tuple[Hop, ...], str | None]:
    """The advised replacement (resolve.replacement.advise, the one rule every output uses) with every hop
    of the recorded chain it followed, each with its own status as of the date. A replacement inferred from
    the model's family (not on the chain) is the last hop."""
    from bedrock_lifecycle.resolve.replacement import advise

    advice = advise(model_id, catalog, as_of)
    hops: list[Hop] = []
    for hop_id in (
        *advice.chain,
        *([advice.model_id] if advice.model_id and advice.model_id not in advice.chain else []),
    ):
        hop_entry = catalog.get(hop_id)
        if hop_entry is None:
            hops.append(Hop(hop_id, "unknown"))
            continue
        lc = hop_entry.lifecycle(as_of)
        hops.append(Hop(hop_entry.model_id, phase_of(lc.status, lc.extended_access), lc.legacy_date, lc.eol_date))
    return tuple(hops), advice.model_id


def _migration(rep: Resolution, phase: str, catalog: Catalog | None, as_of: date) -> Migration | None:
    """A hint for a model that is not Active, or is Active with a retirement on the calendar."""
    if rep.model_id is None:
        return None
    scheduled = any(d is not None and d > as_of for d in (rep.legacy_date, rep.eol_date))
    if phase == "active" and not scheduled:
        return None
    if catalog is None:
        # The scan already chose the replacement for non-Active models: it is Active.
        chosen = rep.replacement if phase != "active" else None
        note = rep.replacement_note or (None if chosen else "no Active replacement")
        return Migration(chosen, "active" if chosen else None, None, None, (), note, inferred=rep.replacement_inferred)
    from bedrock_lifecycle.resolve.replacement import advise

    hops, chosen = replacement_chain(rep.model_id, catalog, as_of)
    advice = advise(rep.model_id, catalog, as_of)
    last = next((h for h in hops if h.model_id == chosen), None)
    return Migration(
        chosen,
        last.phase if last else None,
        last.legacy_date if last else None,
        last.eol_date if last else None,
        hops,
        advice.note,
        inferred=advice.inferred,
    )


def _model(resolutions: list[tuple[Resolution, list[Finding]]], catalog: Catalog | None, as_of: date) -> ModelRecord:
    resolutions.sort(key=lambda rf: _urgency(rf[0]))
    rep = resolutions[0][0]
    phase = phase_of(rep.status, rep.extended_access)
    occurrences = sorted(
        (_occurrence(r, fs) for r, fs in resolutions), key=lambda o: (o.path, o.line, o.column, o.resource, o.text)
    )
    provider = rep.provider
    if provider is None and rep.parsed.candidate:
        provider = rep.parsed.candidate.split(".", 1)[0]
    note = rep.note
    if rep.suggestions:
        note = f"{note + '; ' if note else ''}did you mean: {', '.join(rep.suggestions)}?"
    return ModelRecord(
        key=_key(rep),
        model_id=rep.model_id,
        name=rep.name,
        provider=provider,
        phase=phase,
        legacy_date=rep.legacy_date,
        extended_access_date=rep.extended_access_date,
        eol_date=rep.eol_date,
        source_url=rep.source_url,
        occurrences=tuple(occurrences),
        migration=_migration(rep, phase, catalog, as_of),
        note=note,
    )


def _sort_key(m: ModelRecord) -> tuple[int, date, date, str]:
    return (_RANK[m.phase], m.eol_date or _FAR, m.legacy_date or _FAR, m.key)


def build(result: ScanResult, catalog: Catalog | None = None, horizon_spec: HorizonSpec | None = None) -> Inventory:
    """Fold the findings (one per check and reference) into one record per model, most urgent first."""
    by_ref: dict[tuple[object, ...], tuple[Resolution, list[Finding]]] = {}
    for f in result.findings:
        ref = f.resolution.reference
        ident = (ref.span, ref.resource, ref.text, ref.attribute)
        by_ref.setdefault(ident, (f.resolution, []))[1].append(f)
    by_model: dict[str, list[tuple[Resolution, list[Finding]]]] = {}
    for res, findings in by_ref.values():
        by_model.setdefault(_key(res).lower(), []).append((res, findings))
    models = tuple(sorted((_model(rs, catalog, result.as_of) for rs in by_model.values()), key=_sort_key))
    return Inventory(
        models=models,
        as_of=result.as_of,
        catalog_date=result.catalog_date,
        catalog_source=result.catalog_source,
        catalog_sources_date=result.catalog_sources_date,
        root=result.root,
        version=str(result.extra.get("version", "")),
        files_scanned=result.files_scanned,
        diagnostics=len(result.diagnostics),
        horizon=horizon(models, result.as_of, horizon_spec) if horizon_spec else None,
    )


# --- plain-data forms (JSON, and the basis of CSV and CycloneDX) ---


def migration_document(mig: Migration | None) -> dict[str, Any] | None:
    if mig is None:
        return None
    return {
        "replacement": mig.replacement,
        "replacement_status": status_of(mig.replacement_phase) if mig.replacement_phase else None,
        "replacement_phase": mig.replacement_phase,
        "replacement_legacy_date": _iso(mig.replacement_legacy_date),
        "replacement_eol_date": _iso(mig.replacement_eol_date),
        "replacement_inferred": mig.inferred,
        "chain": [
            {
                "model_id": h.model_id,
                "status": status_of(h.phase),
                "phase": h.phase,
                "legacy_date": _iso(h.legacy_date),
                "eol_date": _iso(h.eol_date),
            }
            for h in mig.chain
        ],
        "note": mig.note,
        "guide": mig.guide,
    }


def model_document(m: ModelRecord, as_of: date) -> dict[str, Any]:
    return {
        "model": m.key,
        "model_id": m.model_id,
        "name": m.name,
        "provider": m.provider,
        "status": m.status,
        "phase": m.phase,
        "extended_access": m.phase == "extended-access",
        "legacy_date": _iso(m.legacy_date),
        "extended_access_date": _iso(m.extended_access_date),
        "eol_date": _iso(m.eol_date),
        "days_to_eol": m.days_to_eol(as_of),
        "references": len(m.occurrences),
        "files": list(m.files),
        "resources": [{"file_path": p, "resource": r} for p, r in m.resources],
        "regions": list(m.regions),
        "failed_checks": list(m.failed_checks),
        "fails_run": m.failing,
        "migration": migration_document(m.migration),
        "note": m.note,
        "source_url": m.source_url,
        "occurrences": [
            {
                "file_path": o.path,
                "line": o.line,
                "column": o.column,
                "resource": o.resource,
                "reference": o.text,
                "region": o.region,
                "phase": o.phase,
                "possible_value": o.possible,
                "failed_checks": list(o.failed_checks),
                "skipped_checks": list(o.skipped_checks),
            }
            for o in m.occurrences
        ],
    }


def horizon_document(h: Horizon) -> dict[str, Any]:
    return {
        "horizon": h.spec,
        "from": h.start.isoformat(),
        "to": h.end.isoformat(),
        "changes": [
            {
                "date": e.day.isoformat(),
                "change": e.change,
                "model": e.model.key,
                "name": e.model.name,
                "status_now": e.model.status,
                "phase_now": e.model.phase,
                "references": len(e.model.occurrences),
                "files": list(e.model.files),
                "migration": migration_document(e.model.migration),
            }
            for e in h.events
        ],
    }


def document(inv: Inventory) -> dict[str, Any]:
    from bedrock_lifecycle.report import catalog_age_warning

    doc: dict[str, Any] = {
        "bedrock_lifecycle_version": inv.version,
        "as_of": inv.as_of.isoformat(),
        "catalog_date": inv.catalog_date,
        "catalog_source": inv.catalog_source,
        "catalog_sources_date": inv.catalog_sources_date,
        "catalog_warning": catalog_age_warning(inv.catalog_date, inv.as_of),
        "summary": {
            "models": len(inv.models),
            "references": inv.references,
            "files": len(inv.files),
            "files_scanned": inv.files_scanned,
            "diagnostics": inv.diagnostics,
            "failing_models": sum(1 for m in inv.models if m.failing),
            "models_by_status": inv.counts(),
            "references_by_status": inv.reference_counts(),
        },
        "migration_guide": MIGRATION_GUIDE,
        "models": [model_document(m, inv.as_of) for m in inv.models],
    }
    if inv.horizon is not None:
        doc["horizon"] = horizon_document(inv.horizon)
    return doc


def render_json(inv: Inventory) -> str:
    return json.dumps(document(inv), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


CSV_COLUMNS = (
    "model",
    "name",
    "provider",
    "status",
    "phase",
    "legacy_date",
    "extended_access_date",
    "eol_date",
    "days_to_eol",
    "references",
    "files",
    "resources",
    "regions",
    "failed_checks",
    "fails_run",
    "replacement",
    "replacement_status",
    "migration_note",
    "source_url",
)


def _cell(value: object) -> str:
    """Spreadsheet-safe: a cell that starts like a formula is quoted with a leading apostrophe."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render_csv(inv: Inventory) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for m in inv.models:
        mig = m.migration
        writer.writerow(
            [
                _cell(v)
                for v in (
                    m.key,
                    m.name,
                    m.provider,
                    m.status,
                    m.phase,
                    _iso(m.legacy_date),
                    _iso(m.extended_access_date),
                    _iso(m.eol_date),
                    m.days_to_eol(inv.as_of),
                    len(m.occurrences),
                    ";".join(m.files),
                    ";".join(f"{p}:{r}" for p, r in m.resources),
                    ";".join(m.regions),
                    ";".join(m.failed_checks),
                    "true" if m.failing else "false",
                    mig.replacement if mig else None,
                    status_of(mig.replacement_phase) if mig and mig.replacement_phase else None,
                    mig.note if mig else None,
                    m.source_url,
                )
            ]
        )
    return out.getvalue()


# --- the console table ---


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]


def status_text(phase: str, legacy: date | None, eol: date | None, as_of: date) -> str:
    """'Active', 'Active; Legacy from 2027-01-01', 'EOL' ...: a replacement's own status as of the date."""
    text = PHASE_LABELS[phase]
    if phase == "active" and legacy and legacy > as_of:
        text += f"; Legacy from {legacy.isoformat()}"
    elif phase != "eol" and eol and eol > as_of:
        text += f"; EOL {eol.isoformat()}"
    return text


def migration_text(mig: Migration, as_of: date) -> str:
    if mig.replacement:
        own = status_text(
            mig.replacement_phase or "unknown", mig.replacement_legacy_date, mig.replacement_eol_date, as_of
        )
        return f"migrate to {mig.replacement} ({own}{', inferred' if mig.inferred else ''})"
    return mig.note or "no Active replacement"


def summary_line(inv: Inventory) -> str:
    counts = ", ".join(
        f"{n} {PHASE_LABELS[p] if p == 'eol' else PHASE_LABELS[p].lower()}" for p, n in inv.counts().items() if n
    )
    return (
        f"{_plural(len(inv.models), 'model')}{': ' + counts if counts else ''}; "
        f"{_plural(inv.references, 'reference')} in {_plural(len(inv.files), 'file')}; "
        f"catalog {inv.catalog_date}, as of {inv.as_of.isoformat()}"
    )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def horizon_lines(h: Horizon) -> list[str]:
    lines = [
        f"Horizon {h.spec}: {len(h.events)} change{'s' if len(h.events) != 1 else ''} after "
        f"{h.start.isoformat()} up to {h.end.isoformat()}"
    ]
    if not h.events:
        return lines + ["  (no model changes phase in this window)"]
    rows = [["DATE", "BECOMES", "MODEL", "NOW", "REFS", "MIGRATION"]]
    for e in h.events:
        mig = migration_text(e.model.migration, h.start) if e.model.migration else "-"
        rows.append(
            [
                e.day.isoformat(),
                PHASE_LABELS[e.change],
                e.model.key,
                PHASE_LABELS[e.model.phase],
                str(len(e.model.occurrences)),
                mig,
            ]
        )
    return lines + ["  " + line for line in _table(rows)]


def render_table(inv: Inventory) -> str:
    from bedrock_lifecycle.report import catalog_age_warning, catalog_label

    lines = [
        f"bedrock-lifecycle {inv.version} | catalog "
        f"{catalog_label(inv.catalog_date, inv.catalog_source, inv.catalog_sources_date)} "
        f"| as of {inv.as_of.isoformat()}",
        *(f"warning: {w}" for w in [catalog_age_warning(inv.catalog_date, inv.as_of)] if w),
        "",
    ]
    if not inv.models:
        lines.append("No Bedrock model references found.")
    else:
        rows = [["MODEL", "STATUS", "LEGACY", "EXT. ACCESS", "EOL", "REFS", "REPLACEMENT"]]
        for m in inv.models:
            mig = m.migration
            repl = "-"
            if mig and mig.replacement:
                repl = f"{mig.replacement} ({PHASE_LABELS[mig.replacement_phase or 'unknown']})"
            elif mig:
                repl = "none Active"
            dates = [_iso(d) or "-" for d in (m.legacy_date, m.extended_access_date, m.eol_date)]
            rows.append([m.key, PHASE_LABELS[m.phase], *dates, str(len(m.occurrences)), repl])
        lines += _table(rows)
        lines += ["", "Where each model is used:"]
        for m in inv.models:
            region = f" (regions: {', '.join(m.regions)})" if m.regions else ""
            lines.append(f"  {m.key}{region}")
            for o in m.occurrences:
                extra = f" [{PHASE_LABELS[o.phase]} in {o.region}]" if o.phase != m.phase and o.region else ""
                lines.append(f"    {o.path}:{o.line}  {o.resource}{extra}")
        todo = [m for m in inv.models if m.migration and m.phase != "active"]
        if todo:
            lines += ["", f"Migration (guide: {MIGRATION_GUIDE}):"]
            for m in todo:
                assert m.migration is not None
                lines.append(f"  {m.key} ({PHASE_LABELS[m.phase]}): {migration_text(m.migration, inv.as_of)}")
    if inv.horizon is not None:
        lines += [""] + horizon_lines(inv.horizon)
    lines += ["", summary_line(inv)]
    return "\n".join(lines) + "\n"


# --- scan --horizon: a section added to the scan's own console and JSON outputs ---


def with_horizon(fmt: str, text: str, h: Horizon) -> str:
    """The scan output with the horizon appended (cli) or added as a ``horizon`` key (json).

    Other formats are returned unchanged. The JSON is re-serialised exactly as
    report.json_ writes it (sorted keys, indent 2), so only the new key differs.
    """
    if fmt == "json":
        doc = json.loads(text)
        doc["horizon"] = horizon_document(h)
        return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if fmt == "cli":
        return (text.rstrip("\n") + "\n\n" if text.strip() else "") + "\n".join(horizon_lines(h)) + "\n"
    return text
