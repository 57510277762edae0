"""The migration plan (`scan -o migration`): every dying model, every use, the target, the swap, the checks."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from bedrock_lifecycle import inventory
from bedrock_lifecycle.catalog import load_embedded
from bedrock_lifecycle.cli import main
from bedrock_lifecycle.config import Config
from bedrock_lifecycle.migrate import plan as plan_mod
from bedrock_lifecycle.migrate.proposals import propose
from bedrock_lifecycle.report import migration
from bedrock_lifecycle.scan import scan

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "fixtures" / "migration" / "plan"
AS_OF = date(2026, 11, 25)
CATALOG = load_embedded()


def build(root: Path, as_of: date = AS_OF) -> plan_mod.MigrationPlan:
    result = scan(Config(paths=(str(root),), root=str(root), as_of=as_of, jobs=1), CATALOG)
    return plan_mod.build(inventory.build(result, CATALOG), CATALOG, propose(result, CATALOG, as_of))


def sections(text: str) -> dict[str, str]:
    """Model ID -> its '## n. `id`' section."""
    parts = re.split(r"^## \d+\. ", text, flags=re.M)[1:]
    return {re.match(r"`([^`]+)`", p).group(1): p for p in parts}


def test_every_dying_model_has_a_section_and_every_use_a_row():
    p = build(CASE / "repo")
    text = migration.markdown(p)
    inv_dying = {m.key for m in p.inventory.models if m.phase != "active"}
    assert set(sections(text)) == inv_dying == {m.record.key for m in p.models}
    for m in p.models:
        body = sections(text)[m.record.key]
        for use in m.uses:
            row = f"| `{use.occurrence.path}:{use.occurrence.line}` | `{use.occurrence.resource}` |"
            assert row in body, (m.record.key, row)


def test_dates_target_swap_provenance_and_the_checklist():
    text = (CASE / "expected.migration.md").read_text()
    haiku = sections(text)["anthropic.claude-3-5-haiku-20241022-v1:0"]
    assert "- Status: EOL (Legacy 2025-12-19, extended access 2026-03-19, EOL 2026-06-19; 159 days ago)" in haiku
    assert "- Move to: `anthropic.claude-haiku-4-5-20251001-v1:0` (Active)" in haiku
    assert "- Swap: **drop-in**" in haiku
    # where the value is defined, and the hops to each resource that uses it
    assert "variable default var.agent\\_model (`infra/agent/variables.tf:1`) → attribute foundation\\_model" in haiku
    checks = re.findall(r"^- \[ \] (.*)$", haiku, flags=re.M)
    assert len(checks) == 5
    for needle in (
        "console playground",
        "Compare its outputs, latency and cost",
        "Request quota",
        "Roll out gradually",
    ):
        assert any(needle in c for c in checks), needle
    assert "already reached End-of-Life" in checks[-1]
    embed = sections(text)["twelvelabs.marengo-embed-2-7-v1:0"]
    assert "- Swap: **re-embed**" in embed and "Re-embed the corpus" in embed
    assert "| - | re-embed: by hand |" in embed
    assert "stops on 2026-11-30" in embed  # not dead yet: keep it as the fallback until EOL
    titan = sections(text)["amazon.titan-text-express-v1"]
    assert "- Swap: **code change**" in titan and "Change the code that builds the request" in titan
    assert "code change: `fix --unsafe` |" in titan
    llama = sections(text)["meta.llama3-2-11b-instruct-v1:0"]
    assert "→ no Active target" in llama and "Choose a replacement" in llama
    skipped = sections(text)["anthropic.claude-3-7-sonnet-20250219-v1:0"]
    assert "| skipped (BRL_001) |" in skipped


def test_the_geo_prefix_and_the_rest_of_the_literal_are_kept_in_the_proposal():
    text = (CASE / "expected.migration.md").read_text()
    haiku3 = sections(text)["anthropic.claude-3-haiku-20240307-v1:0"]
    assert "| `us.anthropic.claude-3-haiku-20240307-v1:0` | `us.anthropic.claude-haiku-4-5-20251001-v1:0` |" in haiku3


def test_summary_counts_classes_and_fixable_literals():
    p = build(CASE / "repo")
    # claude-3-7-sonnet's only use is skipped: its swap is the bare ID's, a code change, because its target (Claude
    # Sonnet 5.5) has no in-Region bedrock-runtime invocation (its card: In-Region endpoint URL N/A)
    assert p.counts() == {"drop-in": 1, "code-change": 3, "re-embed": 1, "no-target": 1}
    # the Terraform variable default is one literal reaching two resources: rewritten once; the tfvars value is
    # the other drop-in literal
    assert p.fixable == 2
    text = migration.markdown(p)
    assert "6 models to migrate (1 drop-in, 3 code change, 1 re-embed, 1 no target)" in text
    assert "`bedrock-lifecycle fix --write` rewrites 2 literals" in text


def test_scanned_text_cannot_break_the_tables(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "models.json").write_text('{"a|b`c": "anthropic.claude-3-haiku-20240307-v1:0"}\n')
    text = migration.markdown(build(repo))
    row = next(line for line in text.splitlines() if line.startswith("| `models.json:1`"))
    assert "`a\\|b'c`" in row
    assert len(re.findall(r"(?<!\\)\|", row)) == 7  # six cells


def test_nothing_to_migrate(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "m.env").write_text("MODEL=amazon.nova-pro-v1:0\n")
    text = migration.markdown(build(repo))
    assert "No referenced model is Legacy, End-of-Life or scheduled to retire." in text


def test_cli_output_file_and_exit_code(tmp_path, capsys):
    out = tmp_path / "reports"
    out.mkdir()
    code = main(
        ["scan", str(CASE / "repo"), "--as-of", "2026-11-25", "-o", "migration", "-o", "json", "--jobs", "1"]
        + ["--output-file-path", str(out)]
    )
    assert code == 1  # the scan's exit code is unchanged: EOL models fail the run
    text = (out / "results_migration.md").read_text()
    assert text.startswith("# Bedrock model migration plan\n")
    assert (out / "results_json.json").exists()


def test_a_profile_the_target_lacks_is_a_code_change_with_its_reason_and_a_checklist_step():
    text = (CASE / "expected.migration.md").read_text()
    haiku3 = sections(text)["anthropic.claude-3-haiku-20240307-v1:0"]
    assert "- Swap: **code change**" in haiku3
    assert "has no apac. inference profile" in haiku3
    assert "| `apac.anthropic.claude-3-haiku-20240307-v1:0` | - | code change: by hand |" in haiku3
    assert "choose the inference profile `anthropic.claude-haiku-4-5-20251001-v1:0` is invoked through" in haiku3
    # the request API is the same: no "change the code that builds the request" step
    assert "Change the code that builds the request" not in haiku3


def test_a_large_repository_stays_under_the_pull_request_body_limit(tmp_path):
    """GitHub refuses a pull-request body over 65,536 characters: each model's table is capped."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for i in range(400):
        (repo / f"service-{i:03d}.env").write_text(
            "CHAT_MODEL_ID=us.anthropic.claude-3-haiku-20240307-v1:0\nOLD_MODEL_ID=amazon.titan-text-express-v1\n"
        )
    text = migration.markdown(build(repo))
    assert len(text) < 65_536
    assert f"_…and {400 - migration.MAX_USES} more; `-o json` lists every one._" in text
    assert text.count("| `service-") == 2 * migration.MAX_USES
