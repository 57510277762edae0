"""The embedded catalog against the AWS pages themselves (../shared/reference/aws-docs).

For every stored model card the catalog's status and dates as of the page's date equal the card's;
every row of the newest lifecycle pages matches to the day (per Region); every ID the pages document
resolves; and every Legacy/EOL entry advises an Active model as of the catalog date, or says none.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bedrock_lifecycle.catalog import awsdocs, load_embedded
from bedrock_lifecycle.model import Reference, Span, Status
from bedrock_lifecycle.resolve.ids import IdParser, resolve
from bedrock_lifecycle.resolve.replacement import advise, with_replacement
from needs import missing

REPO = Path(__file__).resolve().parents[2]
PAGES = REPO.parent / "shared" / "reference" / "aws-docs"
CATALOG = load_embedded()
DOC = json.loads((REPO / "src" / "bedrock_lifecycle" / "catalog" / "data" / "catalog.json").read_text("utf-8"))
GENERATED = date.fromisoformat(CATALOG.generated)


def _pages(pattern: str) -> list[Path]:
    if not PAGES.is_dir():
        return []
    return sorted(PAGES.glob(pattern))


def _need_pages() -> None:
    if not PAGES.is_dir():  # CI has ../shared beside the clone: a missing snapshot is a failure there
        missing(f"AWS page snapshot not found at {PAGES}")


CARDS = _pages("model-card-*.md")
NEWEST_LIFECYCLE = [p for p in _pages("model-lifecycle-legacy.md")]


@pytest.mark.parametrize("path", CARDS, ids=[p.stem for p in CARDS])
def test_every_card_status_and_dates_as_of_its_page_date(path: Path) -> None:
    _need_pages()
    card = awsdocs.parse_card(awsdocs.read_page(path))
    assert card.page.date is not None, "every stored page has a date bracket"
    ids = [i.model_id for i in card.ids]
    assert ids, "every card documents a model ID"
    for model_id in ids:
        entry = CATALOG.get(model_id)
        assert entry is not None, f"{model_id} (documented on {path.name}) is not in the catalog"
        lc = entry.lifecycle(card.page.date)
        assert lc.status.value == (card.lifecycle or "").upper(), (model_id, card.page.date)
        if card.launch_date:
            assert entry.launch_date == card.launch_date, model_id
        if card.eol_no_sooner_than:
            assert entry.eol_no_sooner_than == card.eol_no_sooner_than, model_id
        if card.eol_date:
            assert lc.eol_date == card.eol_date, model_id
            assert entry.date_sources["eol_date"]["field"] == "Model EOL date"
            assert entry.date_sources["eol_date"]["page"] == card.page.url or entry.variant_of or entry.alias_of
        else:
            assert lc.eol_date is None or lc.eol_date > card.page.date, model_id
        if (card.lifecycle or "").lower() == "legacy" and not card.fields.get("Legacy date"):
            # Legacy with only an EOL date: Legacy since no later than the page's date, said so.
            assert entry.legacy_date_bound == "no later than"
            assert entry.lifecycle(card.page.date).legacy_date <= card.page.date
        assert entry.card is not None and entry.card["file"] == path.name


@pytest.mark.parametrize("path", NEWEST_LIFECYCLE, ids=[p.stem for p in NEWEST_LIFECYCLE])
def test_every_newest_lifecycle_row_matches_to_the_day(path: Path) -> None:
    _need_pages()
    rows = awsdocs.parse_lifecycle_rows(awsdocs.read_page(path))
    assert len(rows) >= 10
    for row in rows:
        entry = CATALOG.get(row.model_id)
        assert entry is not None, row.model_id
        for region in row.regions:
            lc = entry.lifecycle(row.eol_date or GENERATED, region)
            assert (lc.legacy_date, lc.extended_access_date, lc.eol_date) == (
                row.legacy_date,
                row.extended_access_date,
                row.eol_date,
            ), (row.model_id, region)
            for day, expected in (
                (row.legacy_date, Status.LEGACY),
                (row.eol_date, Status.EOL),
            ):
                if day:
                    assert entry.lifecycle(day, region).status is expected, (row.model_id, region, day)


def test_older_lifecycle_rows_match_or_are_recorded_conflicts() -> None:
    """A row of an older page copy either matches the catalog or its disagreement is in the entry's conflicts."""
    _need_pages()
    checked = 0
    for name in ("model-lifecycle-legacy.c2hans-25c01efa.md", "model-lifecycle.pre-split-mid-2026.md"):
        for row in awsdocs.parse_lifecycle_rows(awsdocs.read_page(PAGES / name)):
            entry = CATALOG.get(row.model_id)
            assert entry is not None
            for region in row.regions:
                lc = entry.lifecycle(GENERATED, region)
                checked += 1
                if (lc.legacy_date, lc.eol_date) != (row.legacy_date, row.eol_date):
                    stem = name.removesuffix(".md")
                    assert any(stem in str(v["source"]) for c in entry.conflicts for v in c["values"]), (
                        row.model_id,
                        region,
                    )
    assert checked > 50


def _documented_ids() -> list[str]:
    found: set[str] = set()
    for path in [*CARDS, *_pages("models-supported.md"), *_pages("inference-profiles-support.md")]:
        page = awsdocs.read_page(path)
        if path.name.startswith("model-card-"):
            card = awsdocs.parse_card(page)
            found.update(i.model_id for i in card.ids)
            found.update(card.profile_ids)
        else:
            found.update(awsdocs.ids_in_text(page.text))
    return sorted(found)


DOCUMENTED = _documented_ids()


@pytest.mark.parametrize("model_id", DOCUMENTED)
def test_every_documented_id_resolves(model_id: str) -> None:
    _need_pages()
    parser = IdParser.for_catalog(CATALOG)
    parsed = parser.parse(model_id)
    assert parsed is not None, f"{model_id} is not recognised as a Bedrock model reference"
    ref = Reference(model_id, Span("<page>", 1, 1, 1, 1), "", "page")
    res = resolve(ref, parsed, CATALOG, GENERATED)
    assert res.status is not Status.UNKNOWN, (model_id, res.note)


def test_documented_ids_cover_runtime_mantle_and_profiles() -> None:
    _need_pages()
    assert len(DOCUMENTED) >= 80
    assert {"openai.gpt-oss-120b", "deepseek.v3.1", "us.deepseek.r1-v1:0", "in.openai.gpt-5.6-luna"} <= set(DOCUMENTED)


def test_page_providers_are_bedrock_providers() -> None:
    """Every provider prefix of a documented ID is one the recogniser knows (it is data-driven)."""
    _need_pages()
    parser = IdParser.for_catalog(CATALOG)
    for model_id in DOCUMENTED:
        head, _, rest = model_id.partition(".")
        provider = head if head in parser.providers else rest.split(".", 1)[0]
        assert provider in parser.providers, model_id


@pytest.mark.parametrize("entry", list(CATALOG), ids=[e.model_id for e in CATALOG])
def test_advice_is_active_or_explicitly_none(entry) -> None:  # type: ignore[no-untyped-def]
    for as_of in (GENERATED, date(2026, 12, 5)):
        if entry.lifecycle(as_of).status is Status.ACTIVE:
            continue
        advice = advise(entry.model_id, CATALOG, as_of)
        if advice.model_id is None:
            assert advice.note and advice.note.startswith("no Active replacement"), entry.model_id
            continue
        target = CATALOG.get(advice.model_id)
        assert target is not None and target.lifecycle(as_of).status is Status.ACTIVE, (entry.model_id, advice)


def test_claude_v2_advises_an_active_model() -> None:
    parsed = IdParser.for_catalog(CATALOG).parse("anthropic.claude-v2")
    assert parsed is not None
    ref = Reference("anthropic.claude-v2", Span("<argument>", 1, 1, 1, 1), "", "argument")
    res = with_replacement(resolve(ref, parsed, CATALOG, date(2026, 12, 5)), CATALOG, date(2026, 12, 5))
    assert res.replacement is not None
    assert CATALOG.get(res.replacement).lifecycle(date(2026, 12, 5)).status is Status.ACTIVE
    assert res.replacement_inferred  # AWS named Sonnet 4.5, Legacy since 2026-10-08


def test_every_date_names_its_page_and_field() -> None:
    for m in DOC["models"]:
        for field in (
            "legacy_date",
            "extended_access_date",
            "eol_date",
            "earliest_eol_date",
            "launch_date",
            "eol_no_sooner_than",
        ):
            if field in m:
                src = m["date_sources"][field]
                assert src["page"].startswith("https://docs.aws.amazon.com/") and src["field"], (m["id"], field)


def test_conflicts_record_both_values_the_winner_and_why() -> None:
    conflicts = [c for m in DOC["models"] for c in m.get("conflicts", [])]
    assert len(conflicts) >= 20
    for c in conflicts:
        assert len(c["values"]) == 2 and c["won"] and c["why"]
        assert c["won"] in {v["source"].split(" ", 1)[0] for v in c["values"]}
    report = "\n".join(DOC["build_report"])
    assert report.count("CONFLICT ") == len(conflicts)


def test_catalog_states_the_newest_source_page_date() -> None:
    assert DOC["sources_newest_page_date"] == max(p["date"] for p in DOC["source_pages"] if p["date"])
    assert date.fromisoformat(DOC["sources_newest_page_date"]) <= GENERATED


def test_every_documented_id_is_found_in_text_by_the_recogniser() -> None:
    """The scanner's recogniser and prefilter (data-driven from the catalog's providers) find each ID."""
    _need_pages()
    from bedrock_lifecycle.resolve.ids import Recognizer

    recognizer = Recognizer.for_catalog(CATALOG)
    for model_id in DOCUMENTED:
        text = f'model_id = "{model_id}"\n'
        assert recognizer.may_contain(text.encode()), model_id
        assert [m.text for m in recognizer.finditer(text)] == [model_id]


def test_late_2025_named_rows_match_or_are_recorded_conflicts() -> None:
    """The late-2025 Legacy and EOL tables (keyed by name, with AWS's replacement column): each date matches the
    catalog for its Regions, or the entry records the disagreement; AWS's replacement is kept as data."""
    _need_pages()
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_catalog", REPO / "scripts" / "build_catalog.py")
    assert spec and spec.loader
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    page = awsdocs.read_page(PAGES / "model-lifecycle.late-2025-with-replacements.md")
    rows = awsdocs.parse_named_rows(page)
    assert len(rows) >= 30
    for row in rows:
        model_id = build.NAME_TO_ID[row.name]
        entry = CATALOG.get(model_id)
        assert entry is not None, row.name
        if row.replacement_ids:
            assert entry.aws_replacement is not None, row.name
        default = next((r for _d, r in row.legacy if r), None)
        for field, cells in (("legacy_date", row.legacy), ("eol_date", row.eol)):
            for day, regions in cells:
                for region in regions or default or (None,):
                    lc = entry.lifecycle(day, region)
                    if getattr(lc, field) == day:
                        continue
                    recorded = [c for c in entry.conflicts if c["field"].endswith(field)]
                    assert any("late-2025" in str(v["source"]) for c in recorded for v in c["values"]), (
                        row.name,
                        field,
                        region,
                        day,
                    )
