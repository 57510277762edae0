"""The organisation overlay, `catalog check`, and the catalog's freshness in reports."""

from __future__ import annotations

import contextlib
import io
import json
from datetime import date
from pathlib import Path

import pytest

from bedrock_lifecycle.catalog import EMBEDDED_PATH, load, load_embedded
from bedrock_lifecycle.catalog.check import check_document, check_file
from bedrock_lifecycle.catalog.overlay import apply_overlay
from bedrock_lifecycle.cli import main
from bedrock_lifecycle.errors import ConfigError
from bedrock_lifecycle.model import Status
from bedrock_lifecycle.report import CATALOG_MAX_AGE_DAYS, catalog_age_warning, catalog_label

OVERLAY = """\
models:
  - id: acme.support-llm-v2
    name: Support LLM v2
    eol_date: 2027-06-30
    replacement: anthropic.claude-sonnet-5-5
    reason: imported model retired with the Q2 platform release
  - id: anthropic.claude-sonnet-4-6
    eol_date: 2027-01-31
    replacement: anthropic.claude-sonnet-5-5
    reason: we stop using Sonnet 4.6 on 2027-01-31 (ARCH-42)
"""


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def overlay(tmp_path: Path) -> str:
    path = tmp_path / "overlay.yaml"
    path.write_text(OVERLAY, encoding="utf-8")
    return str(path)


# --------------------------------------------------------------------------- overlay


def test_overlay_adds_a_model_and_a_stricter_date_with_its_reason(overlay: str) -> None:
    cat = load(None, overlay)
    added = cat.get("acme.support-llm-v2")
    assert added is not None and added.overlay and added.overlay["added"]
    assert added.lifecycle(date(2027, 6, 29)).status is Status.LEGACY  # an announced retirement
    assert added.lifecycle(date(2027, 6, 30)).status is Status.EOL
    assert "acme" in cat.providers  # the recogniser knows the private provider
    sonnet = cat.get("anthropic.claude-sonnet-4-6")
    assert load_embedded().get("anthropic.claude-sonnet-4-6").lifecycle(date(2027, 2, 1)).status is Status.ACTIVE
    assert sonnet.lifecycle(date(2027, 2, 1)).status is Status.EOL
    assert sonnet.overlay["reason"] == "we stop using Sonnet 4.6 on 2027-01-31 (ARCH-42)"
    assert sonnet.overlay["fields"] == {"eol_date": "2027-01-31", "replacement": "anthropic.claude-sonnet-5-5"}
    assert sonnet.overlay["catalog"] == {}  # the catalog had no date for it: catalog show prints both


def test_overlay_may_not_loosen_a_date(tmp_path: Path) -> None:
    path = tmp_path / "o.yaml"
    path.write_text(
        "models:\n  - id: meta.llama3-3-70b-instruct-v1:0\n    eol_date: 2028-01-01\n    reason: keep it longer\n",
        encoding="utf-8",
    )
    with pytest.raises(
        ConfigError, match="later than the catalog's 2027-03-30; an overlay can only bring a date forward"
    ):
        apply_overlay(load_embedded(), str(path))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("models:\n  - id: acme.x-v1\n    eol_date: 2027-01-01\n", "needs a reason"),
        ("models:\n  - id: Acme X\n    reason: r\n", "not a lower-case Bedrock model ID"),
        ("models:\n  - id: acme.x-v1\n    reason: r\n    eol_date: soon\n", "not a YYYY-MM-DD date"),
        ("models:\n  - id: acme.x-v1\n    reason: r\n    colour: red\n", "unknown key"),
        ("models:\n  - id: acme.x-v1\n    reason: r\n    replacement: acme.nope-v9\n", "neither in the catalog"),
        ("models: nope\n", "expected a mapping with a 'models' list"),
    ],
)
def test_overlay_errors_name_the_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "o.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as exc:
        apply_overlay(load_embedded(), str(path))
    assert str(path) in str(exc.value)


def test_catalog_show_prints_the_catalog_and_the_overlay(overlay: str) -> None:
    code, out, _ = run(
        "catalog", "show", "anthropic.claude-sonnet-4-6", "--catalog-overlay", overlay, "--as-of", "2026-12-05"
    )
    assert code == 0
    assert "overlay" in out and "reason: we stop using Sonnet 4.6 on 2027-01-31 (ARCH-42)" in out
    assert (
        "eol_date 2027-01-31, replacement anthropic.claude-sonnet-5-5 (the catalog says: no Legacy or EOL date" in out
    )
    assert "from the catalog overlay" in out  # the message says which date came from the overlay


def test_scan_with_overlay_from_the_config_file(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "platform").mkdir(parents=True)
    (repo / "platform" / "overlay.yaml").write_text(OVERLAY, encoding="utf-8")
    (repo / ".bedrock-lifecycle.yaml").write_text("catalog_overlay: platform/overlay.yaml\n", encoding="utf-8")
    (repo / "app.py").write_text('MODEL = "anthropic.claude-sonnet-4-6"\nOWN = "acme.support-llm-v2"\n', "utf-8")
    code, out, _ = run("scan", str(repo), "-o", "json", "--as-of", "2027-02-01")
    doc = json.loads(out)
    failed = {f["bedrock"]["reference"]: f for f in doc["results"]["failed_checks"]}
    assert failed["anthropic.claude-sonnet-4-6"]["check_id"] == "BRL_001"
    assert "from the catalog overlay" in failed["anthropic.claude-sonnet-4-6"]["message"]
    assert failed["anthropic.claude-sonnet-4-6"]["bedrock"]["replacement"] == "anthropic.claude-sonnet-5-5"
    assert "acme.support-llm-v2" in failed  # the private model is recognised
    files = {f["file_path"] for f in doc["results"]["failed_checks"]}
    assert all("overlay.yaml" not in p for p in files)  # the overlay declares IDs, it does not use them
    assert code == 1


# --------------------------------------------------------------------------- catalog check


def test_embedded_catalog_passes_check() -> None:
    assert check_file(None) == ("embedded catalog", [])
    code, out, err = run("catalog", "check")
    assert (code, out) == (0, "") and "ok" in err


def test_check_lists_each_problem_of_a_broken_catalog(tmp_path: Path) -> None:
    doc = json.loads(EMBEDDED_PATH.read_text(encoding="utf-8"))
    models = {m["id"]: m for m in doc["models"]}
    models["anthropic.claude-v2"]["replacement"] = "anthropic.claude-sonnet-4-5-20250929-v1:0"  # Legacy advice
    models["meta.llama3-3-70b-instruct-v1:0"]["legacy_date"] = "2027-05-01"  # after its EOL
    models["zai.glm-5"]["id"] = "ZAI.GLM 5"  # malformed ID
    del models["openai.gpt-6-sol"]["source_url"]  # no source
    models["amazon.nova-pro-v1:0"]["launch_date"] = "2024-13-01"  # not a date
    models["amazon.nova-lite-v1:0"]["date_sources"].pop("launch_date")  # a date without its page
    bad = tmp_path / "team-catalog.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    code, out, _ = run("catalog", "check", "--catalog", str(bad))
    assert code == 1
    lines = out.splitlines()
    assert lines == [
        f"{bad}: amazon.nova-lite-v1:0: launch_date names no source page and field (date_sources)",
        f"{bad}: amazon.nova-pro-v1:0: launch_date '2024-13-01' is not a YYYY-MM-DD date",
        f"{bad}: meta.llama3-3-70b-instruct-v1:0: legacy_date 2027-05-01 is after eol_date 2027-03-30",
        f"{bad}: openai.gpt-6-sol: no source_url (the page its facts come from)",
        f"{bad}: ZAI.GLM 5: not a well-formed Bedrock model ID (lower case, provider.model[:N[:M]])",
        f"{bad}: anthropic.claude-v2: advised replacement anthropic.claude-sonnet-4-5-20250929-v1:0 is LEGACY "
        "on 2026-11-26 (advise an Active model, or none)",
    ]


def test_check_structure_and_references() -> None:
    assert check_document([]) == ["not a catalog: expected an object with a 'models' list"]
    doc = {
        "schema_version": 1,
        "generated": "2026-11-26",
        "models": [
            {"id": "acme.a-v1", "source_url": "https://example.com/a", "replacement": "acme.gone-v1"},
            {"id": "acme.a-v1", "source_url": "https://example.com/a", "extended_access_date": "2026-01-01"},
            {
                "id": "acme.b-v1",
                "source_url": "https://example.com/b",
                "schedule": [{"regions": [], "legacy_date": "2026-05-01", "eol_date": "2026-01-01"}],
            },
        ],
    }
    assert check_document(doc) == [
        "acme.a-v1: duplicate id",
        "acme.a-v1: a public extended access date without a Legacy date",
        "acme.b-v1: schedule[0] names no Region",
        "acme.b-v1: schedule[0] legacy_date 2026-05-01 is after eol_date 2026-01-01",
        "acme.a-v1: replacement acme.gone-v1 is not an entry",
    ]


def test_check_unreadable_and_invalid_files(tmp_path: Path) -> None:
    assert check_file(str(tmp_path / "missing.json"))[1][0].startswith("cannot read")
    (tmp_path / "x.json").write_text("{", encoding="utf-8")
    assert check_file(str(tmp_path / "x.json"))[1][0].startswith("not valid JSON")


# --------------------------------------------------------------------------- freshness


def test_freshness_is_stated_and_warned_at_45_days() -> None:
    assert CATALOG_MAX_AGE_DAYS == 45
    assert catalog_label("2026-11-26", "embedded", "2026-10-08") == "2026-11-26 (embedded; AWS pages up to 2026-10-08)"
    assert catalog_age_warning("2026-11-26", date(2027, 1, 10)) is None  # 45 days
    warning = catalog_age_warning("2026-11-26", date(2027, 1, 11))
    assert warning is not None and "46 days old" in warning and "catalog sync" in warning


@pytest.mark.parametrize("fmt", ["cli", "json", "sarif", "junitxml", "github", "csv", "html"])
def test_every_report_states_the_source_page_date_and_warns_when_stale(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "a.py").write_text('M = "anthropic.claude-v2"\n', encoding="utf-8")
    _code, out, err = run("scan", str(tmp_path), "-o", fmt, "--as-of", "2027-03-01", "--no-color")
    assert "2026-10-08" in out, fmt  # the newest AWS page the catalog was built from
    assert "catalog sync" in out + err, fmt  # 95 days old
