"""Generated docs stay in step with the code."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_policies_doc_is_current():
    assert (ROOT / "docs" / "policies.md").read_text(encoding="utf-8") == _load("gen_docs").render(), (
        "run python scripts/gen_docs.py"
    )


def test_migration_guide_is_current_and_never_advises_a_dying_model():
    gen = _load("gen_docs")
    text = (ROOT / "docs" / "migration.md").read_text(encoding="utf-8")
    assert text == gen.render_migration(), "run python scripts/gen_docs.py"
    assert "| `anthropic.claude-3-haiku-20240307-v1:0` |" in text
    assert "`anthropic.claude-haiku-4-5-20251001-v1:0`" in text  # Claude 3 Haiku's Active replacement
    row = next(line for line in text.splitlines() if line.startswith("| `ai21.j2-mid-v1` |"))
    assert "none Active" in row  # the chain ends on Jamba 1.5 Mini, itself Legacy


def test_every_check_has_an_anchor_in_the_doc():
    from bedrock_lifecycle.policies import POLICIES

    text = (ROOT / "docs" / "policies.md").read_text(encoding="utf-8")
    for p in POLICIES:
        assert f"## {p.id}" in text
        assert p.guideline.endswith("docs/policies.md#" + p.id.lower())
