"""``catalog sync``: refresh lifecycle data from the Bedrock control-plane API.

Per Region: ListFoundationModels (one call; the API has no paginator),
GetFoundationModel for a Legacy summary that lacks its dates, and
ListInferenceProfiles (paginated) for the profile IDs that exist and the models
they route to. The API wins for status and dates where it has them; models the
API no longer returns (EOL models disappear) keep their catalog history; Regions
that disagree become per-Region schedule rows. The file is written atomically.

boto3/botocore are imported here only, and only when a sync runs. The scan
never calls AWS.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from typing import Any

from bedrock_lifecycle.catalog import Catalog, Compat, ModelEntry, Schedule, to_document
from bedrock_lifecycle.errors import SyncError
from bedrock_lifecycle.model import Status

LOG = logging.getLogger(__name__)

MIN_BOTOCORE = (1, 42, 59)  # first release with legacyTime/publicExtendedAccessTime/endOfLifeTime/startOfLifeTime
API_SOURCE = "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_ListFoundationModels.html"
_PROFILE_PREFIX = re.compile(r"^([a-z][a-z-]{1,7})\.")


@dataclass(frozen=True)
class RegionModel:
    """One foundation model as one Region reports it."""

    model_id: str
    name: str
    provider: str
    status: str  # ACTIVE | LEGACY
    launch: date | None = None
    legacy: date | None = None
    extended_access: date | None = None
    eol: date | None = None
    input_modalities: tuple[str, ...] = ()  # lower case: text, image, ... (ListFoundationModels)
    output_modalities: tuple[str, ...] = ()
    inference_types: tuple[str, ...] = ()  # ON_DEMAND, PROVISIONED, INFERENCE_PROFILE

    @property
    def dates(self) -> tuple[str, date | None, date | None, date | None]:
        return (self.status, self.legacy, self.extended_access, self.eol)


@dataclass(frozen=True)
class RegionResult:
    region: str
    models: tuple[RegionModel, ...] = ()
    profiles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # profile ID -> model IDs
    error: str | None = None


def botocore_version() -> str:
    try:
        import botocore
    except ImportError:
        raise SyncError("catalog sync needs boto3: pip install 'bedrock-lifecycle[sync]'") from None
    version = botocore.__version__
    parts = tuple(int(p) for p in re.findall(r"\d+", version)[:3])
    if parts < MIN_BOTOCORE:
        need = ".".join(map(str, MIN_BOTOCORE))
        raise SyncError(
            f"botocore {version} is too old: {need} or newer is needed, because older releases "
            "silently drop the lifecycle date fields (pip install -U boto3)"
        )
    return version


def _day(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).date() if value.tzinfo else value.date()
    if isinstance(value, date):
        return value
    raise ValueError(f"not a timestamp: {value!r}")


def _model(summary: Mapping[str, Any], lifecycle: Mapping[str, Any] | None) -> RegionModel:
    model_id = summary["modelId"]
    if not isinstance(model_id, str) or not model_id:
        raise ValueError(f"bad modelId {model_id!r}")
    lc = lifecycle or {}
    status = lc.get("status", "ACTIVE")
    if status not in ("ACTIVE", "LEGACY"):
        raise ValueError(f"unknown lifecycle status {status!r} for {model_id}")
    return RegionModel(
        model_id=model_id,
        name=str(summary.get("modelName") or model_id),
        provider=str(summary.get("providerName") or model_id.split(".", 1)[0]),
        status=status,
        launch=_day(lc.get("startOfLifeTime")),
        legacy=_day(lc.get("legacyTime")),
        extended_access=_day(lc.get("publicExtendedAccessTime")),
        eol=_day(lc.get("endOfLifeTime")),
        input_modalities=_words(summary.get("inputModalities")),
        output_modalities=_words(summary.get("outputModalities")),
        inference_types=tuple(str(t).upper() for t in summary.get("inferenceTypesSupported") or ()),
    )


def _words(values: Any) -> tuple[str, ...]:
    return tuple(str(v).lower() for v in values or ())


def fetch_region(client: Any, region: str) -> RegionResult:
    """All the calls for one Region through a bedrock client (real, stubbed, or local endpoint)."""
    response = client.list_foundation_models()
    models = []
    for summary in response.get("modelSummaries", []):
        lifecycle = summary.get("modelLifecycle")
        if lifecycle is None or (lifecycle.get("status") == "LEGACY" and not lifecycle.get("endOfLifeTime")):
            details = client.get_foundation_model(modelIdentifier=summary["modelId"]).get("modelDetails", {})
            lifecycle = details.get("modelLifecycle") or lifecycle
        models.append(_model(summary, lifecycle))
    profiles: dict[str, tuple[str, ...]] = {}
    for page in client.get_paginator("list_inference_profiles").paginate(typeEquals="SYSTEM_DEFINED"):
        for prof in page.get("inferenceProfileSummaries", []):
            routed = sorted({m["modelArn"].rsplit("/", 1)[-1] for m in prof.get("models", []) if "modelArn" in m})
            profiles[prof["inferenceProfileId"]] = tuple(routed)
    return RegionResult(region, tuple(sorted(models, key=lambda m: m.model_id)), profiles)


def describe_error(exc: BaseException, region: str) -> str:
    """One clear line naming the Region, for every way a Region can fail."""
    from botocore import exceptions as bx

    if isinstance(exc, bx.NoCredentialsError):
        return f"{region}: no AWS credentials found (set AWS_PROFILE, or use --profile)"
    if isinstance(exc, bx.ClientError):
        code = exc.response.get("Error", {}).get("Code", "")
        msg = exc.response.get("Error", {}).get("Message", "")
        if code in ("ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired"):
            return f"{region}: the AWS credentials have expired ({code}); refresh them and retry"
        if code in ("AccessDeniedException", "AccessDenied"):
            return (
                f"{region}: access denied ({msg or code}); the identity needs bedrock:ListFoundationModels, "
                "bedrock:GetFoundationModel and bedrock:ListInferenceProfiles"
            )
        if code in ("UnrecognizedClientException", "InvalidSignatureException", "InvalidClientTokenId"):
            return f"{region}: the AWS credentials were rejected ({code})"
        if code in ("ThrottlingException", "TooManyRequestsException", "Throttling"):
            return f"{region}: throttled by the Bedrock API even after retries ({code})"
        return f"{region}: Bedrock API error {code}: {msg}".rstrip(": ")
    if isinstance(exc, (bx.EndpointConnectionError, bx.ConnectTimeoutError, bx.ReadTimeoutError)):
        return f"{region}: the Bedrock endpoint is unreachable ({exc})"
    if isinstance(exc, bx.UnknownEndpointError):
        return f"{region}: Bedrock is not offered in this Region ({exc})"
    if isinstance(exc, (KeyError, TypeError, ValueError, AttributeError)):
        return f"{region}: malformed response from the Bedrock API ({type(exc).__name__}: {exc})"
    return f"{region}: {type(exc).__name__}: {exc}"


ClientFactory = Callable[[str], Any]


def client_factory(profile: str | None) -> ClientFactory:
    import boto3
    from botocore.config import Config as BotoConfig

    from bedrock_lifecycle import __version__

    session = boto3.session.Session(profile_name=profile) if profile else boto3.session.Session()
    config = BotoConfig(
        retries={"mode": "adaptive", "max_attempts": 8},
        connect_timeout=5,
        read_timeout=30,
        user_agent_extra=f"bedrock-lifecycle/{__version__}",
    )
    return lambda region: session.client("bedrock", region_name=region, config=config)


def all_regions() -> list[str]:
    import boto3

    session = boto3.session.Session()
    regions: set[str] = set()
    for partition in session.get_available_partitions():
        regions.update(session.get_available_regions("bedrock", partition_name=partition))
    return sorted(regions)


def fetch_all(regions: Sequence[str], make_client: ClientFactory) -> list[RegionResult]:
    results = []
    for region in regions:
        try:
            results.append(fetch_region(make_client(region), region))
        except Exception as exc:  # every failure becomes a message naming the Region
            results.append(RegionResult(region, error=describe_error(exc, region)))
    return results


# --- merge ---


def _rows(groups: dict[tuple[str, date | None, date | None, date | None], list[str]], synced: date) -> list[Schedule]:
    rows = []
    for (status, legacy, pea, eol), regions in groups.items():
        if status == "LEGACY" and legacy is None:
            legacy = synced  # the API says Legacy but gives no date: Legacy since at least this sync
        rows.append(Schedule(tuple(sorted(regions)), legacy, pea, eol))
    return sorted(rows, key=lambda r: r.regions)


def merge_entry(base: ModelEntry | None, seen: Mapping[str, RegionModel], synced: date) -> ModelEntry:
    """Combine one model's per-Region API answers with its catalog history.

    The API wins for the dates it gives. A date it leaves out keeps its
    documented value, and a Legacy answer without a date means Legacy since at
    least this sync. Regions that disagree become schedule rows; the top-level
    dates then summarise them (earliest Legacy, latest EOL).
    """
    groups: dict[tuple[str, date | None, date | None, date | None], list[str]] = {}
    for region, m in sorted(seen.items()):
        groups.setdefault(m.dates, []).append(region)
    any_model = next(iter(seen.values()))
    known = base.dates if base else Schedule((), None, None, None)
    note = f"Lifecycle from the Bedrock API (ListFoundationModels) in {', '.join(sorted(seen))} on {synced}."
    earliest = base.earliest_eol_date if base else None
    if len(groups) == 1:
        (status, legacy, pea, eol), regions = next(iter(groups.items()))
        if status == "ACTIVE" and not (legacy or pea or eol):
            top, schedules = known, (base.schedules if base else ())
            if base and base.lifecycle(synced).status is not Status.ACTIVE:
                note += " The API reported ACTIVE although the documented dates say otherwise; dates kept."
        else:
            since = legacy or known.legacy_date or (synced if status == "LEGACY" else None)
            top = Schedule(tuple(sorted(regions)), since, pea or known.extended_access_date, eol or known.eol_date)
            schedules, earliest = (), None
    else:
        schedules = tuple(_rows(groups, synced))
        legacy_rows = [r for r in schedules if r.legacy_date]
        eols = [r.eol_date for r in schedules if r.eol_date]
        peas = [r.extended_access_date for r in schedules if r.extended_access_date]
        top = Schedule(
            tuple(sorted(x for r in legacy_rows for x in r.regions)),
            min(r.legacy_date for r in legacy_rows if r.legacy_date) if legacy_rows else None,
            min(peas) if peas else None,
            max(eols) if eols else None,
        )
        earliest = min(eols) if len(set(eols)) > 1 else None
        note += " Regions disagree: see the per-Region schedule."
    api_source = {
        "page": API_SOURCE,
        "field": f"ListFoundationModels modelLifecycle in {', '.join(sorted(seen))} on {synced}",
    }

    def sources(
        old: ModelEntry | None, new_top: Schedule, new_earliest: date | None, launch: date | None
    ) -> dict[str, Any]:
        """Where each date now comes from: the API for every date it changed, the old source otherwise."""
        out = dict(old.date_sources) if old else {}
        values = {
            "legacy_date": new_top.legacy_date,
            "extended_access_date": new_top.extended_access_date,
            "eol_date": new_top.eol_date,
            "earliest_eol_date": new_earliest,
            "launch_date": launch,
        }
        before = (
            {
                "legacy_date": old.dates.legacy_date,
                "extended_access_date": old.dates.extended_access_date,
                "eol_date": old.dates.eol_date,
                "earliest_eol_date": old.earliest_eol_date,
                "launch_date": old.launch_date,
            }
            if old
            else {}
        )
        for name, value in values.items():
            if value is None:
                out.pop(name, None)
            elif old is None or before.get(name) != value or name not in out:
                out[name] = api_source
        return out

    if base is None:
        return ModelEntry(
            model_id=any_model.model_id,
            name=any_model.name,
            provider=any_model.provider,
            dates=top,
            schedules=schedules,
            source_url=API_SOURCE,
            confidence="high",
            launch_date=any_model.launch,
            earliest_eol_date=earliest,
            notes=note,
            date_sources=sources(None, top, earliest, any_model.launch),
        )
    return replace(
        base,
        dates=top,
        schedules=schedules,
        earliest_eol_date=earliest,
        launch_date=any_model.launch or base.launch_date,
        notes=" ".join(x for x in (base.notes, note) if x),
        date_sources=sources(base, top, earliest, any_model.launch or base.launch_date),
    )


def merge_compat(compat: Compat, seen: Mapping[str, RegionModel], prefixes: Iterable[str], synced: date) -> Compat:
    """Modalities, inference types and profile prefixes from the API, over the documented facts.

    Modalities and provisioned throughput are the API's where it gives them. ``in_region`` is true when some Region
    offers ON_DEMAND, false when every Region that answered offers the model only through inference profiles.
    Profile prefixes add up: one Region's ListInferenceProfiles shows only the geographies it belongs to.
    """
    models = list(seen.values())
    inputs = tuple(dict.fromkeys(m for r in models for m in r.input_modalities))
    outputs = tuple(dict.fromkeys(m for r in models for m in r.output_modalities))
    types = {t for r in models for t in r.inference_types}
    in_region = compat.in_region
    if types:
        in_region = "ON_DEMAND" in types or ("INFERENCE_PROFILE" not in types and in_region)
    geo = set(compat.geo_profiles or ()) | set(prefixes)
    told = [
        what
        for what, given in (("modalities", inputs or outputs), ("inference types", types), ("profiles", prefixes))
        if given
    ]
    if not told:
        return compat
    note = f"Bedrock API on {synced} ({', '.join(told)})"
    return replace(
        compat,
        input_modalities=inputs or compat.input_modalities,
        output_modalities=outputs or compat.output_modalities,
        provisioned_throughput=("PROVISIONED" in types) if types else compat.provisioned_throughput,
        in_region=in_region,
        geo_profiles=tuple(sorted(geo)) if geo or compat.geo_profiles is not None else None,
        source="; ".join(x for x in (compat.source, note) if x),
    )


def merge(base: Catalog, results: Iterable[RegionResult], synced: date) -> Catalog:
    per_model: dict[str, dict[str, RegionModel]] = {}
    profiles: dict[str, set[str]] = {}
    for result in results:
        if result.error:
            continue
        for m in result.models:
            per_model.setdefault(m.model_id.lower(), {})[result.region] = m
        for profile_id, models in result.profiles.items():
            profiles.setdefault(profile_id, set()).update(models)
    entries = {e.model_id.lower(): e for e in base}
    prefixes_of: dict[str, set[str]] = {}
    for profile_id in profiles:
        found = _PROFILE_PREFIX.match(profile_id)
        if found:
            prefixes_of.setdefault(profile_id[found.end() :].lower(), set()).add(found.group(1))
    for key, seen in per_model.items():
        entry = merge_entry(entries.get(key), seen, synced)
        entries[key] = replace(entry, compat=merge_compat(entry.compat, seen, prefixes_of.get(key, ()), synced))
    geo = set(base.geo_prefixes)
    for profile_id in profiles:
        prefix = _PROFILE_PREFIX.match(profile_id)
        if prefix and profile_id[prefix.end() :].split(".", 1)[0] in {k.split(".", 1)[0] for k in entries}:
            geo.add(prefix.group(1))
    merged = base.with_entries(entries.values())
    meta = dict(base.meta)
    meta["inference_profiles"] = {k: sorted(v) for k, v in sorted(profiles.items())}
    return replace(merged, generated=synced.isoformat(), geo_prefixes=tuple(sorted(geo)), meta=meta)


def write_atomic(path: str, text: str) -> None:
    """Write next to the target and rename: the old file is never left half-written."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".catalog-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@dataclass(frozen=True)
class SyncOutcome:
    catalog: Catalog | None
    results: tuple[RegionResult, ...]
    written: bool

    @property
    def errors(self) -> list[str]:
        return [r.error for r in self.results if r.error]


def sync(
    base: Catalog,
    regions: Sequence[str],
    output: str,
    *,
    make_client: ClientFactory,
    allow_partial: bool = False,
    now: datetime | None = None,
    botocore_ver: str = "",
) -> SyncOutcome:
    import json

    results = tuple(fetch_all(regions, make_client))
    ok = [r for r in results if not r.error]
    if not ok or (len(ok) < len(results) and not allow_partial):
        return SyncOutcome(None, results, written=False)
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    merged = merge(base, results, moment.date())
    doc = to_document(
        merged,
        generated=moment.date().isoformat(),
        synced_at=moment.isoformat().replace("+00:00", "Z"),
        sync_regions=sorted(r.region for r in ok),
        sync_failed_regions=sorted(r.region for r in results if r.error),
        botocore_version=botocore_ver,
        source=f"Bedrock API sync on top of: {base.source}",
    )
    write_atomic(output, json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    return SyncOutcome(merged, results, written=True)
