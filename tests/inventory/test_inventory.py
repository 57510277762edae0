"""The per-model inventory: grouping, status, dates, regions, the migration hint and its chain, outputs."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path

import pytest
from inventory_snapshots import cases, outputs, run

from bedrock_lifecycle import inventory
from bedrock_lifecycle.catalog import load_embedded
from bedrock_lifecycle.cli import main
from bedrock_lifecycle.config import Config
from bedrock_lifecycle.model import Status
from bedrock_lifecycle.resolve.replacement import active_replacement, advise
from bedrock_lifecycle.scan import scan

AS_OF = date(2026, 11, 25)
CATALOG = load_embedded()
CASES = list(cases())
TEXT_OUTPUTS = ("inventory.txt", "inventory.json", "inventory.csv")


def scan_tree(root: Path, as_of: date = AS_OF):
    cfg = Config(paths=(str(root),), root=str(root), as_of=as_of)
    return scan(cfg, CATALOG)


@pytest.fixture
def tree(tmp_path):
    def make(files: dict[str, str]) -> Path:
        for name, text in files.items():
            p = tmp_path / name
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text)
        return tmp_path

    return make


# --- snapshots (rebuild: python tests/inventory/inventory_snapshots.py, or UPDATE_SNAPSHOTS=1) ---


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_snapshots_table_json_csv(case):
    got = outputs(case)
    for name in TEXT_OUTPUTS:
        path = case / name
        if os.environ.get("UPDATE_SNAPSHOTS") == "1":
            path.write_text(got[name], encoding="utf-8")
        assert got[name] == path.read_text(encoding="utf-8"), f"{path} differs: rebuild and read the diff"


def test_there_are_inventory_cases():
    assert {c.name for c in CASES} >= {"platform", "projection"}


def test_inventory_exits_0_even_with_eol_models():
    code, out = run(CASES[0], "table")
    assert code == 0 and "EOL" in out


# --- building ---


def test_every_referenced_model_once_with_all_its_references():
    inv = inventory.build(scan_tree(CASES[0] / "repo"), CATALOG)
    by_key = {m.key: m for m in inv.models}
    assert len(by_key) == len(inv.models)
    haiku = by_key["anthropic.claude-3-haiku-20240307-v1:0"]
    assert haiku.phase == "eol" and haiku.files == ("config/models.json", "services/assistant/config.yaml")
    assert [(o.path, o.line) for o in haiku.occurrences] == [
        ("config/models.json", 4),
        ("services/assistant/config.yaml", 7),
    ]
    # A cross-Region profile is listed under its model, as written in the occurrence.
    fast = by_key["anthropic.claude-3-5-haiku-20241022-v1:0"]
    assert fast.occurrences[0].text == "us.anthropic.claude-3-5-haiku-20241022-v1:0"
    # All statuses are there, counted by model and by reference.
    assert inv.counts() == {"eol": 5, "extended-access": 3, "legacy": 1, "unknown": 1, "opaque": 1, "active": 4}
    assert sum(inv.reference_counts().values()) == inv.references == 18
    assert by_key["anthropic.claude-haiku-4-5-v2:0"].phase == "unknown"
    assert (
        by_key["anthropic.claude-haiku-4-5-v2:0"].note
        and "did you mean" in by_key["anthropic.claude-haiku-4-5-v2:0"].note
    )
    opaque = [m for m in inv.models if m.phase == "opaque"][0]
    assert opaque.key.startswith("arn:aws:bedrock:eu-west-1:") and opaque.regions == ("eu-west-1",)


def test_most_urgent_first():
    inv = inventory.build(scan_tree(CASES[0] / "repo"), CATALOG)
    ranks = [inventory.PHASES.index(m.phase) for m in inv.models]
    assert ranks == sorted(ranks)
    eol_dates = [m.eol_date for m in inv.models if m.phase == "eol"]
    assert eol_dates == sorted(eol_dates)


def test_regional_schedule_shows_on_the_occurrence_and_model_keeps_all_region_dates():
    inv = inventory.build(scan_tree(CASES[0] / "repo"), CATALOG)
    j2 = next(m for m in inv.models if m.key == "ai21.j2-mid-v1")
    assert j2.regions == ("us-west-2",)
    assert j2.eol_date == date(2025, 3, 12)  # the catalog's all-Region dates
    west = next(o for o in j2.occurrences if o.region == "us-west-2")
    assert west.text.startswith("arn:aws:bedrock:us-west-2::")


def test_a_legacy_model_already_eol_in_the_referenced_region_is_eol(tree):
    # ai21.j2-mid-v1 on 2024-11-01: Legacy in us-east-1 (EOL 2025-03-12), EOL in us-west-2 since 2024-10-04.
    root = tree({"a.env": "A=ai21.j2-mid-v1\nB=arn:aws:bedrock:us-west-2::foundation-model/ai21.j2-mid-v1\n"})
    inv = inventory.build(scan_tree(root, date(2024, 11, 1)), CATALOG)
    (j2,) = inv.models
    assert j2.phase == "eol" and j2.eol_date == date(2024, 10, 4)
    assert sorted(o.phase for o in j2.occurrences) == ["eol", "legacy"]


def test_empty_tree(tree):
    inv = inventory.build(scan_tree(tree({"a.yaml": "x: 1\n"})), CATALOG)
    assert inv.models == () and "No Bedrock model references found." in inventory.render_table(inv)
    assert inventory.document(inv)["summary"]["models"] == 0


# --- migration hints and the replacement chain (issue item 4) ---


def _model(key: str, text: str, tree, as_of: date = AS_OF, catalog=CATALOG) -> inventory.ModelRecord:
    root = tree({"m.yaml": f"model: {text}\n"})
    inv = inventory.build(scan_tree(root, as_of), catalog)
    return next(m for m in inv.models if m.key == key)


def test_chain_whose_replacements_are_all_eol_recommends_nothing(tree):
    m = _model("ai21.j2-mid-v1", "ai21.j2-mid-v1", tree)
    mig = m.migration
    assert mig is not None and mig.replacement is None and mig.replacement_phase is None
    assert [(h.model_id, h.phase) for h in mig.chain] == [
        ("ai21.jamba-instruct-v1:0", "eol"),
        ("ai21.jamba-1-5-mini-v1:0", "extended-access"),
    ]
    assert "no Active replacement" in (mig.note or "")
    assert mig.guide.endswith("docs/policies.md#migrating-a-model")
    # A day later Jamba 1.5 Mini is EOL too: the chain reports it so.
    later = _model("ai21.j2-mid-v1", "ai21.j2-mid-v1", tree, date(2026, 11, 26)).migration
    assert later is not None and later.replacement is None
    assert [h.phase for h in later.chain] == ["eol", "eol"]


def test_replacement_that_is_itself_eol_is_never_recommended(tree):
    m = _model("amazon.titan-image-generator-v1", "amazon.titan-image-generator-v1", tree)
    assert m.migration is not None and m.migration.replacement is None
    assert [(h.model_id, h.phase) for h in m.migration.chain] == [("amazon.nova-canvas-v1:0", "eol")]
    doc = inventory.migration_document(m.migration)
    assert doc is not None and doc["chain"][0]["status"] == "EOL" and doc["replacement"] is None


def test_chain_is_followed_past_eol_models_to_an_active_one(tree):
    m = _model("stability.stable-diffusion-xl-v1", "stability.stable-diffusion-xl-v1", tree)
    mig = m.migration
    assert mig is not None and mig.replacement == "stability.stable-image-core-v1:1"
    assert mig.replacement_phase == "active"
    # The reference now records Core v1.1 directly (AWS's own column names Core v1.0, EOL since 2025-09-04).
    assert [h.phase for h in mig.chain] == ["active"]
    assert CATALOG.get("stability.stable-diffusion-xl-v1").aws_replacement == "stability.stable-image-core-v1:0"
    assert "migrate to stability.stable-image-core-v1:1 (Active, inferred)" in inventory.migration_text(mig, AS_OF)


def test_active_model_with_a_scheduled_retirement_gets_a_hint(tree):
    m = _model(
        "anthropic.claude-3-haiku-20240307-v1:0", "anthropic.claude-3-haiku-20240307-v1:0", tree, date(2026, 3, 1)
    )
    assert m.phase == "active" and m.migration is not None
    assert m.migration.replacement == "anthropic.claude-haiku-4-5-20251001-v1:0"
    undated = _model("amazon.nova-micro-v1:0", "amazon.nova-micro-v1:0", tree)
    assert undated.migration is None


def test_chain_agrees_with_the_scans_replacement_for_every_catalog_entry():
    """inventory.replacement_chain and resolve.replacement.advise are the same rule, and the advice is
    always a model Active on the date."""
    for as_of in (date(2025, 1, 1), AS_OF, date(2027, 6, 1)):
        for entry in CATALOG:
            hops, chosen = inventory.replacement_chain(entry.model_id, CATALOG, as_of)
            assert chosen == advise(entry.model_id, CATALOG, as_of).model_id, entry.model_id
            if chosen:
                assert hops[-1].model_id == chosen
                assert CATALOG.get(chosen).lifecycle(as_of).status is Status.ACTIVE, (entry.model_id, chosen)
            recorded, _why = active_replacement(entry.replacement, CATALOG, as_of)
            if recorded:  # a recorded chain that reaches an Active model is always the advice
                assert chosen == recorded, entry.model_id


def test_without_a_catalog_the_scans_replacement_is_used(tree):
    root = tree({"m.yaml": "a: anthropic.claude-3-haiku-20240307-v1:0\nb: ai21.j2-mid-v1\n"})
    inv = inventory.build(scan_tree(root))
    by_key = {m.key: m for m in inv.models}
    haiku = by_key["anthropic.claude-3-haiku-20240307-v1:0"].migration
    assert haiku is not None and haiku.replacement == "anthropic.claude-haiku-4-5-20251001-v1:0"
    assert haiku.chain == () and haiku.replacement_phase == "active"
    j2 = by_key["ai21.j2-mid-v1"].migration
    assert j2 is not None and j2.replacement is None and "ai21.jamba-instruct-v1:0" in (j2.note or "")


# --- outputs ---


def test_json_carries_files_resources_regions_dates_and_migration():
    doc = json.loads((CASES[0] / "inventory.json").read_text())
    j2 = next(m for m in doc["models"] if m["model"] == "ai21.j2-mid-v1")
    assert j2["status"] == "EOL" and j2["eol_date"] == "2025-03-12" and j2["regions"] == ["us-west-2"]
    assert j2["resources"] == [
        {"file_path": "services/legacy-qa/.env", "resource": "QA_MODEL_ARN_WEST"},
        {"file_path": "services/legacy-qa/.env", "resource": "QA_MODEL_ID"},
    ]
    assert [o["line"] for o in j2["occurrences"]] == [2, 3]
    assert j2["migration"]["chain"][0] == {
        "model_id": "ai21.jamba-instruct-v1:0",
        "status": "EOL",
        "phase": "eol",
        "legacy_date": "2025-01-31",
        "eol_date": "2025-08-01",
    }
    assert doc["summary"]["models_by_status"]["eol"] == 5 and "horizon" in doc


def test_csv_one_row_per_model_and_formula_cells_are_defused(tree):
    root = tree({"a.json": '{"=cmd|calc": "anthropic.claude-3-haiku-20240307-v1:0"}'})
    text = inventory.render_csv(inventory.build(scan_tree(root), CATALOG))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1 and rows[0]["model"] == "anthropic.claude-3-haiku-20240307-v1:0"
    assert rows[0]["resources"].startswith("a.json:")
    assert rows[0]["days_to_eol"] == "-76"  # numbers are not quoted
    assert inventory._cell("=1+1") == "'=1+1" and inventory._cell("@x") == "'@x"


def test_output_file_and_html_are_written(tmp_path, capsys):
    out, page = tmp_path / "inv.csv", tmp_path / "r.html"
    code = main(
        [
            "inventory",
            str(CASES[1] / "repo"),
            "--as-of",
            "2026-03-01",
            "-o",
            "csv",
            "--output-file",
            str(out),
            "--html",
            str(page),
        ]
    )
    assert code == 0 and capsys.readouterr().out == ""
    assert out.read_text().startswith("model,name,provider,status")
    assert page.read_text().startswith("<!DOCTYPE html>")


def test_inventory_rejects_a_bad_horizon(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["inventory", ".", "--horizon", "soon"])
    assert exc.value.code == 2 and "not a horizon" in capsys.readouterr().err


def test_inventory_module_reads_results_never_the_pipeline():
    """inventory.py folds a ScanResult: model and policies at run time, the catalog for type hints only."""
    import ast

    src = Path(inventory.__file__).read_text()
    tree = ast.parse(src)
    runtime = {
        n.module.split(".")[1]
        for n in tree.body
        if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("bedrock_lifecycle.")
    }
    assert runtime == {"model", "policies"}
    typing_only = [n for n in ast.walk(tree) if isinstance(n, ast.If) and getattr(n.test, "id", "") == "TYPE_CHECKING"]
    assert len(typing_only) == 1
