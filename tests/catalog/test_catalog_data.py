"""Integrity of the embedded catalog (src/bedrock_lifecycle/catalog/data/catalog.json)."""

from __future__ import annotations

import importlib.util
import json
import re
from datetime import date
from pathlib import Path

import pytest

from bedrock_lifecycle.catalog import load_embedded
from bedrock_lifecycle.model import Status
from needs import missing

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src"
CATALOG_JSON = SRC / "bedrock_lifecycle" / "catalog" / "data" / "catalog.json"
BUILD_SCRIPT = REPO / "scripts" / "build_catalog.py"
REFERENCE = REPO.parent / "shared" / "reference" / "bedrock-lifecycle"

TEXT = CATALOG_JSON.read_text(encoding="utf-8")
DOC = json.loads(TEXT)
MODELS = DOC["models"]
CATALOG = load_embedded()
IDS = {m["id"].lower() for m in MODELS}
GENERATED = date.fromisoformat(DOC["generated"])

# Replacement IDs that are not catalog entries. Empty: every replacement named by the reference
# resolves. Add an ID here only with a comment saying why the catalog cannot carry it.
DANGLING_REPLACEMENTS: dict[str, str] = {}

# Replacement targets that are themselves EOL as of the catalog date. Empty: the reference no longer
# advises any retired model (AWS's own, now retired, recommendations are kept as data in
# 'aws_replacement'). Listed so a new retired replacement is noticed.
RETIRED_REPLACEMENTS: set[str] = set()

# bedrock-mantle IDs (id-forms.md §6) not in the catalog, so they resolve as UNKNOWN. Empty: the build
# reads the mantle IDs from the model cards.
MISSING_MANTLE_IDS: set[str] = set()
MANTLE_IDS = [
    "anthropic.claude-haiku-4-5",
    "openai.gpt-oss-120b",
    "anthropic.claude-mythos-5",
    "anthropic.claude-mythos-preview",
    "openai.gpt-5.4",
    "openai.gpt-5.5",
    "openai.gpt-5.6-cyber",
    "google.gemma-4-31b",
    "google.gemma-4-e2b",
]

# Entries with an earliest_eol_date but no per-Region rows. The reference's 'alias_of' entries (ai21.j2-mid,
# ai21.j2-ultra) copy their target's top-level dates but not its regional_schedule; scripts/build_catalog.py
# now copies the rows to aliases and PT variants (inherit_schedules), so this set is empty.
ALIASES_WITHOUT_SCHEDULE: set[str] = set()

DATE_FIELDS = (
    "legacy_date",
    "extended_access_date",
    "eol_date",
    "earliest_eol_date",
    "eol_no_sooner_than",
    "launch_date",
)


def _date(v: str | None) -> date | None:
    return date.fromisoformat(v) if v else None


@pytest.fixture(params=MODELS, ids=[m["id"] for m in MODELS])
def model(request: pytest.FixtureRequest) -> dict:
    return request.param


# --------------------------------------------------------------------------- per entry


def test_id_is_lower_case_and_well_formed(model: dict) -> None:
    mid = model["id"]
    assert mid == mid.lower()  # id-forms §1: all IDs are lower case
    assert re.fullmatch(r"[a-z0-9-]+\.[a-z0-9.-]+(?::[a-z0-9-]+){0,2}", mid), mid
    assert mid.split(".", 1)[0] in DOC["providers"]


def test_source_url_and_confidence(model: dict) -> None:
    assert model["source_url"].startswith("https://")
    assert " " not in model["source_url"]
    assert model["confidence"] in ("high", "medium", "low")


def test_dates_are_iso_and_in_order(model: dict) -> None:
    for field in DATE_FIELDS:
        if field in model:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", model[field]), (field, model[field])
    rows = [model, *model.get("schedule", [])]
    for row in rows:
        dates = [_date(row.get(f)) for f in ("legacy_date", "extended_access_date", "eol_date")]
        present = [d for d in dates if d is not None]
        assert present == sorted(present), row
        if row.get("extended_access_date"):
            assert row.get("legacy_date"), "an extended-access date without a Legacy date"
    if model.get("earliest_eol_date"):
        assert model["earliest_eol_date"] <= model["eol_date"]


def test_top_level_dates_summarise_the_regional_rows(model: dict) -> None:
    rows = model.get("schedule", [])
    if not rows:
        assert ("earliest_eol_date" in model) is (model["id"] in ALIASES_WITHOUT_SCHEDULE)
        return
    assert all(r["regions"] for r in rows)
    assert model["legacy_date"] == min(r["legacy_date"] for r in rows)
    assert model["eol_date"] == max(r["eol_date"] for r in rows)
    earliest = min(r["eol_date"] for r in rows)
    if earliest != model["eol_date"]:
        assert model["earliest_eol_date"] == earliest
    assert set(model["regions"]) == {region for r in rows for region in r["regions"]}


def test_regions_are_sorted_region_names(model: dict) -> None:
    for row in [model, *model.get("schedule", [])]:
        regions = row.get("regions", [])
        assert regions == sorted(regions)
        assert all(re.fullmatch(r"[a-z]{2,5}(?:-[a-z]+)+-\d{1,2}", r) for r in regions), regions


def test_references_point_to_entries(model: dict) -> None:
    variant_of = model.get("variant_of")
    if variant_of:
        assert variant_of.lower() in IDS, f"{model['id']}: variant_of {variant_of} is not an entry"
        base = next(m for m in MODELS if m["id"] == variant_of)
        assert "variant_of" not in base  # one level
        assert model["id"].startswith(variant_of.split(":", 1)[0])
        for f in ("legacy_date", "extended_access_date", "eol_date"):
            assert model.get(f) == base.get(f), f  # variants inherit their base's dates
    for alias in model.get("aliases", []):
        assert alias.lower() in IDS or CATALOG.aliases.get(alias.lower()) == model["id"].lower(), alias
    replacement = model.get("replacement")
    if replacement:
        assert replacement.lower() != model["id"].lower()
        assert replacement.lower() in IDS or replacement in DANGLING_REPLACEMENTS, (
            f"{model['id']}: replacement {replacement} is not an entry"
        )


def test_status_is_not_stored(model: dict) -> None:
    assert "status" not in model and "legacy_phase" not in model  # computed from the dates (--as-of)


# --------------------------------------------------------------------------- whole catalog


def test_allow_lists_are_current() -> None:
    replacements = {m["replacement"] for m in MODELS if m.get("replacement")}
    dangling = {r for r in replacements if r.lower() not in IDS}
    assert dangling == set(DANGLING_REPLACEMENTS)
    retired = {r for r in replacements if r.lower() in IDS and CATALOG.get(r).lifecycle(GENERATED).status is Status.EOL}
    assert retired == RETIRED_REPLACEMENTS
    assert {m for m in MANTLE_IDS if CATALOG.get(m) is None} == MISSING_MANTLE_IDS


def test_ids_are_unique_and_sorted() -> None:
    keys = [m["id"].lower() for m in MODELS]
    assert len(keys) == len(set(keys)) == len(CATALOG)
    assert keys == sorted(keys)
    assert DOC["providers"] == sorted(DOC["providers"])
    assert DOC["geo_prefixes"] == sorted(DOC["geo_prefixes"])
    assert DOC["schema_version"] == 1


def test_file_is_in_canonical_form() -> None:
    assert TEXT == json.dumps(DOC, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def test_every_pt_variant_listed_in_the_reference_is_an_entry() -> None:
    variants = [m for m in MODELS if m.get("variant_of")]
    assert len(variants) >= 40
    for m in variants:
        assert re.search(r":(\d+k|\d{3,}|\d+)$", m["id"]), m["id"]


def _load_build_script():
    spec = importlib.util.spec_from_file_location("build_catalog", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_file_is_what_the_build_script_produces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not REFERENCE.is_dir():  # CI has ../shared beside the clone: a missing reference is a failure there
        missing(f"reference facts not found at {REFERENCE}")
    build = _load_build_script()
    out = tmp_path / "catalog.json"
    monkeypatch.setattr(build, "OUT", out)
    monkeypatch.setattr(build, "ROOT", tmp_path)  # main() prints OUT relative to ROOT
    assert build.main(["build_catalog.py", str(REFERENCE / "lifecycle.yaml")]) == 0
    assert out.read_bytes() == CATALOG_JSON.read_bytes(), "catalog.json is stale: run scripts/build_catalog.py"


def test_no_model_id_in_source_code() -> None:
    """IDs live in the catalog only: no catalog ID (or alias) appears in any .py file under src/."""
    needles = IDS | {a.lower() for m in MODELS for a in m.get("aliases", [])}
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8").lower()
        hits = sorted(n for n in needles if n in text)
        if hits:
            found[str(path.relative_to(REPO))] = hits
    assert found == {}
