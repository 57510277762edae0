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
    assert "no Active replacement" in row  # the chain ends on Jamba 1.5 Mini, itself EOL
    for line in text.splitlines():  # every advised model is Active on the catalog's date
        if line.startswith("| `") and line.count("|") >= 7:
            advised = line.split("|")[5].strip()
            if advised.startswith("`"):
                target = _catalog().get(advised.split("`")[1])
                assert target is not None and target.lifecycle(_generated()).status.value == "ACTIVE", line


def _catalog():  # type: ignore[no-untyped-def]
    from bedrock_lifecycle.catalog import load_embedded

    return load_embedded()


def _generated():  # type: ignore[no-untyped-def]
    from datetime import date

    return date.fromisoformat(_catalog().generated)


def test_every_check_has_an_anchor_in_the_doc():
    from bedrock_lifecycle.policies import POLICIES

    text = (ROOT / "docs" / "policies.md").read_text(encoding="utf-8")
    for p in POLICIES:
        assert f"## {p.id}" in text
        assert p.guideline.endswith("docs/policies.md#" + p.id.lower())


def test_security_doc_diagnostics_table_is_current():
    gen = _load("gen_docs")
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    assert text == gen.render_security(text), "run python scripts/gen_docs.py"


def test_every_diagnostic_code_is_documented_once_and_well_formed():
    from bedrock_lifecycle.diagnostics import DIAGNOSTICS

    text = (ROOT / "docs" / "policies.md").read_text(encoding="utf-8")
    codes = [d.code for d in DIAGNOSTICS]
    assert len(codes) == len(set(codes))
    for d in DIAGNOSTICS:
        assert d.code.startswith("BRL_E") == d.file, d.code
        assert d.severity in ("error", "warning", "note") and d.title and d.docs
        assert f"| `{d.code}` |" in text


def test_diagnostic_codes_are_named_only_in_the_registry():
    """Reporters and the pipeline take codes from bedrock_lifecycle.diagnostics, never as string literals."""
    import re

    literal = re.compile(r"""["']BRL_(?:E\d+|[A-Z][A-Z_]*)["']""")
    src = ROOT / "src" / "bedrock_lifecycle"
    found = [
        f"{path.relative_to(src)}: {m.group()}"
        for path in sorted(src.rglob("*.py"))
        if path.name != "diagnostics.py"
        for m in literal.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_hand_written_check_summaries_agree_with_the_registry():
    """README's table of checks and action.yml's fail-on help repeat the registry; they must agree with it."""
    import re

    from bedrock_lifecycle.policies import FAIL_CLASSES, POLICIES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(
        (m.group(1), (m.group(2), m.group(3) == "yes"))
        for m in re.finditer(r"^\| (BRL_\d+) \| (\w+) \| (yes|no \(warning\)) \|", readme, re.M)
    )
    assert rows == {p.id: (p.severity.value, p.fails_by_default) for p in POLICIES}

    action = (ROOT / "action.yml").read_text(encoding="utf-8")
    listed = re.search(r"Which FAILED checks fail the step \(([^;]*);", action)
    assert listed is not None
    assert listed.group(1).split(", ") == [*FAIL_CLASSES, "all", "none"]
