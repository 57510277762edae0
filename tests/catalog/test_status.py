"""ModelEntry.lifecycle(): status from dates, on every boundary, per Region.

Rule (policy.md §7): EOL if as_of >= eol_date; LEGACY if as_of >= legacy_date, with public
extended access once as_of >= extended_access_date; otherwise ACTIVE. A Region named by the
reference selects its row of the regional schedule.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from pathlib import Path

import pytest

from bedrock_lifecycle.catalog import Schedule, load_embedded
from bedrock_lifecycle.catalog.model import ModelEntry
from bedrock_lifecycle.model import Status
from needs import missing

CATALOG = load_embedded()
REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "bedrock-lifecycle"
LIFECYCLE_YAML = REFERENCE / "lifecycle.yaml"

ACTIVE, LEGACY, EOL = Status.ACTIVE, Status.LEGACY, Status.EOL
DAY = timedelta(days=1)


def around(d: date) -> tuple[date, date, date]:
    return d - DAY, d, d + DAY


def status(model_id: str, as_of: date, region: str | None = None) -> tuple[Status, bool]:
    entry = CATALOG.get(model_id)
    assert entry is not None, model_id
    lc = entry.lifecycle(as_of, region)
    return lc.status, lc.extended_access


def boundary_cases(legacy: date | None, pea: date | None, eol: date) -> list[tuple[date, Status, bool]]:
    """The day before / on / after each date, with the status the rule gives."""
    cases = []
    if legacy:
        before, on, after = around(legacy)
        cases += [
            (before, ACTIVE, False),
            (on, LEGACY, False),
            (after, LEGACY, pea is not None and after >= pea),
        ]
    if pea:
        before, on, after = around(pea)
        cases += [(before, LEGACY, False), (on, LEGACY, True), (after, LEGACY, True)]
    before, on, after = around(eol)
    cases += [(before, LEGACY, pea is not None), (on, EOL, False), (after, EOL, False)]
    return cases


# ----------------------------------------------------------------- one schedule, three phases

SONNET_4 = "anthropic.claude-sonnet-4-20250514-v1:0"


def test_sonnet_4_dates_are_the_documented_ones() -> None:
    lc = CATALOG.get(SONNET_4).lifecycle(date(2026, 5, 1))
    assert (lc.legacy_date, lc.extended_access_date, lc.eol_date) == (
        date(2026, 4, 14),
        date(2026, 7, 14),
        date(2026, 10, 14),
    )


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2025, 5, 22), (ACTIVE, False)),  # launch
        (date(2026, 4, 13), (ACTIVE, False)),
        (date(2026, 4, 14), (LEGACY, False)),
        (date(2026, 4, 15), (LEGACY, False)),
        (date(2026, 7, 13), (LEGACY, False)),
        (date(2026, 7, 14), (LEGACY, True)),
        (date(2026, 7, 15), (LEGACY, True)),
        (date(2026, 10, 13), (LEGACY, True)),
        (date(2026, 10, 14), (EOL, False)),
        (date(2026, 10, 15), (EOL, False)),
        (date(2030, 1, 1), (EOL, False)),
    ],
)
def test_sonnet_4_every_boundary(as_of: date, expected: tuple[Status, bool]) -> None:
    assert status(SONNET_4, as_of) == expected
    # A Region the announcement lists: the same answer.
    assert status(SONNET_4, as_of, "us-east-1") == expected
    # A Region it does not list (Region rule): the model's own lifecycle, never another Region's EOL
    # or extended-access pricing, and a note that says so.
    lc = CATALOG.get(SONNET_4).lifecycle(as_of, "sa-east-1")
    assert lc.status is (ACTIVE if expected[0] is ACTIVE else LEGACY)
    assert (lc.extended_access, lc.eol_date) == (False, None)
    assert (lc.note is not None) is (expected[0] is not ACTIVE)


@pytest.mark.parametrize(
    ("model_id", "legacy", "pea", "eol"),
    [
        (SONNET_4, date(2026, 4, 14), date(2026, 7, 14), date(2026, 10, 14)),
        ("anthropic.claude-opus-4-1-20250805-v1:0", date(2026, 7, 8), date(2026, 10, 8), date(2027, 1, 8)),
        ("anthropic.claude-sonnet-4-5-20250929-v1:0", date(2026, 10, 8), date(2027, 1, 8), date(2027, 4, 8)),
        ("ai21.jamba-1-5-large-v1:0", date(2026, 5, 26), date(2026, 8, 26), date(2026, 11, 26)),
        ("twelvelabs.marengo-embed-2-7-v1:0", date(2026, 5, 29), date(2026, 8, 29), date(2026, 11, 30)),
        ("meta.llama3-2-90b-instruct-v1:0", date(2026, 1, 7), date(2026, 4, 7), date(2026, 7, 7)),
        # a PT variant carries its base's dates
        ("meta.llama3-2-90b-instruct-v1:0:128k", date(2026, 1, 7), date(2026, 4, 7), date(2026, 7, 7)),
        # no public-extended-access phase ('—' in the table)
        ("amazon.nova-canvas-v1:0", date(2026, 3, 30), None, date(2026, 9, 30)),
        ("amazon.nova-reel-v1:0", date(2026, 3, 30), None, date(2026, 9, 30)),
        ("amazon.nova-premier-v1:0", date(2026, 3, 13), None, date(2026, 9, 14)),
        ("anthropic.claude-v2", date(2025, 1, 21), None, date(2025, 7, 21)),
        ("anthropic.claude-v2:1", date(2025, 1, 21), None, date(2025, 7, 21)),
    ],
)
def test_boundaries(model_id: str, legacy: date, pea: date | None, eol: date) -> None:
    entry = CATALOG.get(model_id)
    top = entry.lifecycle(eol)
    assert (top.legacy_date, top.extended_access_date, top.eol_date) == (legacy, pea, eol)
    for as_of, st, ea in boundary_cases(legacy, pea, eol):
        assert status(model_id, as_of) == (st, ea), as_of


def test_no_extended_access_phase_ever() -> None:
    d = date(2026, 3, 30)
    while d < date(2026, 9, 30):
        assert status("amazon.nova-canvas-v1:0", d) == (LEGACY, False)
        d += timedelta(days=7)
    assert status("amazon.nova-canvas-v1:0", date(2026, 9, 29)) == (LEGACY, False)


# ----------------------------------------------------------------- an EOL date without a Legacy date


def test_eol_without_legacy_date() -> None:
    # amazon.titan-tg1-large: only a (third-party) EOL date. An EOL date is announced when a model goes
    # Legacy, so before it the model is Legacy, never Active.
    model = "amazon.titan-tg1-large"
    lc = CATALOG.get(model).lifecycle(date(2025, 10, 26))
    assert (lc.status, lc.extended_access, lc.legacy_date, lc.extended_access_date, lc.eol_date) == (
        LEGACY,
        False,
        None,
        None,
        date(2025, 10, 27),
    )
    assert status(model, date(2024, 1, 1)) == (LEGACY, False)
    assert status(model, date(2025, 10, 27)) == (EOL, False)
    assert status(model, date(2025, 10, 28)) == (EOL, False)


# ----------------------------------------------------------------- ACTIVE models


@pytest.mark.parametrize(
    "model_id",
    [
        "anthropic.claude-sonnet-4-6",
        "anthropic.claude-opus-4-7",
        "openai.gpt-6.1-sol",
        "openai.gpt-6-astra",
        "moonshotai.kimi-k3",
        "amazon.nova-pro-v1:0",
        "amazon.nova-pro-v1:0:300k",
        "deepseek.v3.2",
    ],
)
def test_active_model_has_no_dates_and_stays_active(model_id: str) -> None:
    entry = CATALOG.get(model_id)
    for as_of in (date(2023, 1, 1), date(2026, 11, 25), date(2099, 12, 31)):
        lc = entry.lifecycle(as_of)
        assert (
            lc.status,
            lc.extended_access,
            lc.legacy_date,
            lc.extended_access_date,
            lc.eol_date,
            lc.note,
        ) == (ACTIVE, False, None, None, None, None)
        assert entry.lifecycle(as_of, "us-east-1").status is ACTIVE


def test_eol_no_sooner_than_is_not_an_eol_date() -> None:
    entry = CATALOG.get("anthropic.claude-sonnet-4-6")
    assert entry.eol_no_sooner_than == date(2027, 2, 17)
    assert entry.lifecycle(entry.eol_no_sooner_than + DAY).status is ACTIVE


# ----------------------------------------------------------------- per-Region schedules

SONNET_35_V1 = "anthropic.claude-3-5-sonnet-20240620-v1:0"


@pytest.mark.parametrize(
    ("region", "legacy", "pea", "eol"),
    [
        ("us-east-1", date(2025, 8, 25), date(2025, 12, 1), date(2026, 3, 1)),
        ("us-west-2", date(2025, 8, 25), date(2025, 12, 1), date(2026, 3, 1)),
        ("eu-west-3", date(2025, 8, 25), date(2025, 12, 1), date(2026, 3, 1)),
        ("eu-central-2", date(2025, 8, 25), date(2025, 12, 1), date(2026, 6, 1)),
        ("ap-northeast-1", date(2026, 1, 30), date(2026, 4, 30), date(2026, 7, 30)),
        ("ap-southeast-2", date(2026, 1, 30), date(2026, 4, 30), date(2026, 7, 30)),
        ("us-gov-west-1", date(2026, 1, 30), date(2026, 4, 30), date(2026, 7, 30)),
        ("us-gov-east-1", date(2026, 1, 30), date(2026, 4, 30), date(2026, 7, 30)),
    ],
)
def test_regional_rows_sonnet_35_v1(region: str, legacy: date, pea: date, eol: date) -> None:
    entry = CATALOG.get(SONNET_35_V1)
    lc = entry.lifecycle(legacy, region)
    assert (lc.legacy_date, lc.extended_access_date, lc.eol_date, lc.note) == (legacy, pea, eol, None)
    for as_of, st, ea in boundary_cases(legacy, pea, eol):
        assert status(SONNET_35_V1, as_of, region) == (st, ea), (region, as_of)


@pytest.mark.parametrize(
    ("as_of", "expected", "note"),
    [
        (date(2025, 8, 24), (ACTIVE, False), None),
        (date(2025, 8, 25), (LEGACY, False), None),
        (date(2025, 12, 1), (LEGACY, True), None),
        (date(2026, 2, 28), (LEGACY, True), None),
        (
            date(2026, 3, 1),
            (LEGACY, True),
            "already EOL in eu-central-1, eu-west-1, eu-west-3, us-east-1, us-east-2, us-west-2",
        ),
        (
            date(2026, 6, 1),
            (LEGACY, True),
            "already EOL in eu-central-1, eu-central-2, eu-west-1, eu-west-3, us-east-1, us-east-2, us-west-2",
        ),
        (
            date(2026, 7, 29),
            (LEGACY, True),
            "already EOL in eu-central-1, eu-central-2, eu-west-1, eu-west-3, us-east-1, us-east-2, us-west-2",
        ),
        (date(2026, 7, 30), (EOL, False), None),
    ],
)
def test_top_level_of_a_regional_schedule(as_of: date, expected: tuple[Status, bool], note: str | None) -> None:
    entry = CATALOG.get(SONNET_35_V1)
    assert entry.earliest_eol_date == date(2026, 3, 1)
    for region in (None,):  # no Region: the top-level dates
        lc = entry.lifecycle(as_of, region)
        assert (lc.status, lc.extended_access) == expected
        assert lc.note == note
        assert (lc.legacy_date, lc.extended_access_date, lc.eol_date) == (
            date(2025, 8, 25),
            date(2025, 12, 1),
            date(2026, 7, 30),
        )


@pytest.mark.parametrize(
    ("region", "legacy", "eol"),
    [
        ("us-west-2", date(2024, 4, 30), date(2024, 10, 4)),
        ("us-east-1", date(2024, 10, 4), date(2025, 3, 12)),
    ],
)
@pytest.mark.parametrize("model_id", ["ai21.j2-mid-v1", "ai21.j2-ultra-v1", "ai21.j2-grande-instruct"])
def test_regional_rows_jurassic(model_id: str, region: str, legacy: date, eol: date) -> None:
    for as_of, st, ea in boundary_cases(legacy, None, eol):
        assert status(model_id, as_of, region) == (st, ea), (region, as_of)


def test_top_level_of_jurassic() -> None:
    entry = CATALOG.get("ai21.j2-mid-v1")
    assert status("ai21.j2-mid-v1", date(2024, 4, 29)) == (ACTIVE, False)
    assert status("ai21.j2-mid-v1", date(2024, 4, 30)) == (LEGACY, False)
    assert entry.lifecycle(date(2024, 10, 3)).note is None
    lc = entry.lifecycle(date(2024, 10, 4))
    assert (lc.status, lc.note) == (LEGACY, "already EOL in us-west-2")
    assert status("ai21.j2-mid-v1", date(2025, 3, 11)) == (LEGACY, False)
    assert status("ai21.j2-mid-v1", date(2025, 3, 12)) == (EOL, False)


def test_regional_rows_claude_37_sonnet_govcloud() -> None:
    model = "anthropic.claude-3-7-sonnet-20250219-v1:0"
    # commercial Regions: Legacy 2025-10-28, PEA 2026-01-27, EOL 2026-04-28; GovCloud three months later each.
    for as_of, st, ea in boundary_cases(date(2025, 10, 28), date(2026, 1, 27), date(2026, 4, 28)):
        assert status(model, as_of, "us-east-1") == (st, ea), as_of
    for as_of, st, ea in boundary_cases(date(2026, 1, 30), date(2026, 4, 30), date(2026, 7, 30)):
        assert status(model, as_of, "us-gov-west-1") == (st, ea), as_of
    assert status(model, date(2026, 5, 1)) == (LEGACY, True)  # EOL only when every row is
    assert status(model, date(2026, 7, 30)) == (EOL, False)


@pytest.mark.parametrize(
    ("variant_id", "base_id"),
    [
        ("anthropic.claude-3-haiku-20240307-v1:0:48k", "anthropic.claude-3-haiku-20240307-v1:0"),
        ("anthropic.claude-3-5-sonnet-20240620-v1:0:18k", "anthropic.claude-3-5-sonnet-20240620-v1:0"),
        ("anthropic.claude-3-sonnet-20240229-v1:0:28k", "anthropic.claude-3-sonnet-20240229-v1:0"),
        ("ai21.j2-mid", "ai21.j2-mid-v1"),
        ("ai21.j2-ultra", "ai21.j2-ultra-v1"),
    ],
)
def test_pt_variants_and_aliases_inherit_the_regional_rows(variant_id, base_id) -> None:
    # id-forms.md: all variants carry their base model's dates, per Region included.
    variant, base = CATALOG.get(variant_id), CATALOG.get(base_id)
    assert variant.schedules == base.schedules and variant.schedules
    regions = sorted({r for s in base.schedules for r in s.regions})
    days = sorted({d for s in base.schedules for d in (s.legacy_date, s.extended_access_date, s.eol_date) if d})
    for day in days:
        for as_of in (day - timedelta(days=1), day, day + timedelta(days=1)):
            for region in regions:
                assert variant.lifecycle(as_of, region) == base.lifecycle(as_of, region), (as_of, region)


# ----------------------------------------------------------------- the rule on synthetic schedules


def entry(legacy=None, pea=None, eol=None, schedules=()) -> ModelEntry:
    return ModelEntry(
        model_id="acme.model-v1",
        name="m",
        provider="acme",
        dates=Schedule((), legacy, pea, eol),
        schedules=tuple(schedules),
        source_url="https://example.invalid",
        confidence="high",
    )


def test_legacy_without_eol_stays_legacy() -> None:
    e = entry(legacy=date(2026, 1, 1))
    assert e.lifecycle(date(2025, 12, 31)).status is ACTIVE
    assert e.lifecycle(date(2026, 1, 1)).status is LEGACY
    assert e.lifecycle(date(2099, 1, 1)).status is LEGACY


def test_region_selects_its_row_and_unlisted_regions_use_top_level() -> None:
    rows = [
        Schedule(("us-east-1",), date(2026, 1, 1), None, date(2026, 7, 1)),
        Schedule(("eu-west-1",), date(2026, 3, 1), None, date(2026, 9, 1)),
    ]
    e = entry(date(2026, 1, 1), None, date(2026, 9, 1), rows)
    assert e.lifecycle(date(2026, 7, 1), "us-east-1").status is EOL
    assert e.lifecycle(date(2026, 7, 1), "eu-west-1").status is LEGACY
    assert e.lifecycle(date(2026, 2, 1), "eu-west-1").status is ACTIVE
    assert e.lifecycle(date(2026, 2, 1), "eu-west-2").status is LEGACY  # unlisted: the model's own lifecycle
    # ... but never EOL from another Region's row, and it says the Region is not listed.
    unlisted = e.lifecycle(date(2026, 10, 1), "eu-west-2")
    assert (unlisted.status, unlisted.eol_date) == (LEGACY, None)
    assert "eu-west-2 is not listed" in (unlisted.note or "")


@pytest.mark.parametrize("as_of", [date(2026, 9, 10), date(2026, 12, 5), date(2030, 1, 1)])
def test_region_rule_claude_3_haiku(as_of: date) -> None:
    """A listed Region takes its row (EOL); an unlisted one is never EOL from another Region's row."""
    model = "anthropic.claude-3-haiku-20240307-v1:0"
    assert status(model, as_of, "us-east-1") == (EOL, False)
    assert status(model, as_of, "us-gov-west-1") == (EOL, False)
    lc = CATALOG.get(model).lifecycle(as_of, "sa-east-1")
    assert (lc.status, lc.eol_date, lc.legacy_date) == (LEGACY, None, date(2026, 3, 10))
    assert lc.note and lc.note.startswith("Region sa-east-1 is not listed in the lifecycle table")
    assert status(model, as_of) == (EOL, False)  # no Region: the summary


def test_region_rule_sonnet_35_v1_unlisted_region() -> None:
    entry = CATALOG.get(SONNET_35_V1)
    for as_of in (date(2026, 3, 1), date(2026, 7, 30), date(2027, 1, 1)):
        lc = entry.lifecycle(as_of, "sa-east-1")
        assert (lc.status, lc.extended_access, lc.eol_date) == (LEGACY, False, None)
        assert "sa-east-1 is not listed" in (lc.note or "")
    assert entry.lifecycle(date(2025, 8, 24), "sa-east-1").status is ACTIVE


# ----------------------------------------------------------------- the reference file's own statuses


@functools.lru_cache(maxsize=1)
def _load_reference() -> dict | None:
    """The reference YAML, parsed once (None when the reference directory is absent)."""
    if not REFERENCE.is_dir():
        return None
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(LIFECYCLE_YAML.read_text(encoding="utf-8"), Loader=loader)


def _reference() -> dict:
    data = _load_reference()
    if data is None:
        missing(f"reference facts not found at {REFERENCE}")  # CI has ../shared beside the clone
    return data


def _reference_rows() -> list[tuple[str, dict]]:
    data = _load_reference()
    if data is None:
        return []
    return [(raw["model_id"], raw) for section in ("legacy_or_eol", "active") for raw in data[section]]


REFERENCE_ROWS = _reference_rows()


def test_reference_file_is_present_and_complete() -> None:
    data = _reference()
    assert data["as_of"] == "2026-11-26"
    assert len(REFERENCE_ROWS) == len(CATALOG)


@pytest.mark.parametrize(("model_id", "raw"), REFERENCE_ROWS, ids=[m for m, _ in REFERENCE_ROWS])
def test_reference_status_matches_computed_status(model_id: str, raw: dict) -> None:
    as_of = date.fromisoformat(str(_reference()["as_of"]))
    entry = CATALOG.get(model_id)
    assert entry is not None and entry.model_id == model_id
    lc = entry.lifecycle(as_of)
    assert lc.status.value == raw["status"]
    phase = raw.get("legacy_phase")
    assert phase in (None, "legacy", "public_extended_access")
    assert lc.extended_access is (phase == "public_extended_access")
    if raw["status"] == "LEGACY":
        assert phase is not None  # every Legacy row says which phase it is in
    for row in raw.get("regional_schedule") or []:
        for region in row["regions"]:
            assert entry.lifecycle(as_of, region).status.value == row["status"], region
