"""CDK model constants: the derived table is well-formed, and constants in code resolve through it."""

from __future__ import annotations

import json
import re

import pytest

from bedrock_lifecycle.catalog import load_embedded
from bedrock_lifecycle.extract.source import describe
from bedrock_lifecycle.model import Status
from bedrock_lifecycle.parsers.source import SOURCE_PARSERS
from bedrock_lifecycle.parsers.source_context import MODEL_CONSTANT, MODEL_CONSTANT_CLASSES
from bedrock_lifecycle.resolve import cdk
from bedrock_lifecycle.resolve.ids import Form, Recognizer

CATALOG = load_embedded()
RECOGNIZER = Recognizer.for_catalog(CATALOG)
TABLE = json.loads(cdk.TABLE_PATH.read_text(encoding="utf-8"))
PARSER = {p.name: p for p in SOURCE_PARSERS}


def test_table_names_its_libraries_and_classes():
    assert TABLE["schema_version"] == 1
    libs = TABLE["libraries"]
    assert set(libs) == {"aws-cdk-lib", "@cdklabs/generative-ai-cdk-constructs", "@aws-cdk/aws-bedrock-alpha"}
    for info in libs.values():
        assert re.fullmatch(r"\d+\.\d+\.\d+(-[a-z]+\.\d+)?", info["version"])
    assert set(TABLE["classes"]) == set(MODEL_CONSTANT_CLASSES) == set(cdk.CLASSES)
    assert len(TABLE["classes"]["FoundationModelIdentifier"]) > 100
    assert len(TABLE["classes"]["BedrockFoundationModel"]) > 40
    assert cdk.TABLE_PATH.read_text(encoding="utf-8") == json.dumps(TABLE, indent=2, sort_keys=True) + "\n"


def test_every_constant_is_a_constant_name_and_every_id_a_bare_model_id():
    for cls, table in TABLE["classes"].items():
        for name, model_id in table.items():
            assert re.fullmatch(r"[A-Z][A-Z0-9_]*", name), (cls, name)
            parsed = RECOGNIZER.parser.parse(model_id)
            assert parsed is not None and parsed.form == Form.BASE.value, (cls, name, model_id)
            assert [m.text for m in RECOGNIZER.finditer(model_id)] == [model_id], (cls, name, model_id)


def test_every_id_resolves_in_the_catalog_or_is_explained():
    ids = {i for table in TABLE["classes"].values() for i in table.values()}
    unexplained = sorted(i for i in ids if CATALOG.lookup(i) is None and i not in TABLE["notes"])
    assert unexplained == []
    assert set(TABLE["notes"]) <= ids
    assert all(reason.strip() for reason in TABLE["notes"].values())


def test_known_constants_resolve_to_their_ids():
    assert cdk.model_id("FoundationModelIdentifier", "ANTHROPIC_CLAUDE_V2_1") == "anthropic.claude-v2:1"
    assert cdk.model_id("BedrockFoundationModel", "ANTHROPIC_CLAUDE_V2") == "anthropic.claude-v2"
    assert cdk.model_id("FoundationModelIdentifier", "NO_SUCH_MODEL") is None
    assert cdk.constant_for("BedrockFoundationModel", "anthropic.claude-v2:1") == "ANTHROPIC_CLAUDE_V2_1"


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1", "anthropic.claude-v2:1"),
        ("FoundationModelIdentifier_ANTHROPIC_CLAUDE_V2_1", "anthropic.claude-v2:1"),  # Go
        ("BedrockFoundationModel.ANTHROPIC_CLAUDE_INSTANT_V1_2", "anthropic.claude-instant-v1"),
    ],
)
def test_id_parser_reads_a_constant(text, model):
    parsed = RECOGNIZER.parser.parse(text)
    assert parsed is not None and parsed.form == Form.CDK_CONSTANT.value
    assert parsed.candidate == model and parsed.problem is None


def test_unknown_constant_is_unknown_with_its_name_and_close_names():
    parsed = RECOGNIZER.parser.parse("FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_2")
    assert parsed is not None and parsed.form == Form.CDK_CONSTANT.value
    assert "no constant ANTHROPIC_CLAUDE_V2_2 in aws-cdk-lib" in (parsed.problem or "")
    assert "FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1" in (parsed.problem or "")


def test_constant_names_make_a_file_worth_parsing():
    assert RECOGNIZER.may_contain(b"model: bedrock.FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1,")
    assert RECOGNIZER.may_contain(b"awsbedrock.FoundationModelIdentifier_ANTHROPIC_CLAUDE_V2_1()")
    assert not RECOGNIZER.may_contain(b"import { FoundationModel } from 'aws-cdk-lib/aws-bedrock';")


def _constants(language: str, text: str) -> list[tuple[str, tuple[str | int, ...]]]:
    doc = PARSER[language].parse("x", text)
    return [(text[s.start : s.end], s.key_path[:-1]) for s in doc.scalars if s.key_path[-1:] == (MODEL_CONSTANT,)]


@pytest.mark.parametrize(
    ("language", "text", "written", "resource"),
    [
        (
            "python",
            "m = bedrock.FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1\n",
            "FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1",
            "m",
        ),
        (
            "python",
            "a = Agent(foundation_model=BedrockFoundationModel.ANTHROPIC_CLAUDE_V2)\n",
            "BedrockFoundationModel.ANTHROPIC_CLAUDE_V2",
            "Agent(foundation_model)",
        ),
        (
            "typescript",
            "const m = bedrock.FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1;\n",
            "FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1",
            "m",
        ),
        (
            "javascript",
            "f(FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1)\n",
            "FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1",
            "f()",
        ),
        (
            "java",
            "var m = FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1;\n",
            "FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1",
            "m",
        ),
        (
            "csharp",
            "var m = FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1;\n",
            "FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1",
            "m",
        ),
        (
            "go",
            "m := awsbedrock.FoundationModelIdentifier_ANTHROPIC_CLAUDE_V2_1()\n",
            "FoundationModelIdentifier_ANTHROPIC_CLAUDE_V2_1",
            "m",
        ),
    ],
)
def test_source_parsers_report_constants_in_code_with_their_context(language, text, written, resource):
    found = _constants(language, text)
    assert [w for w, _ in found] == [written]
    assert describe(found[0][1])[0] == resource


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("python", "# bedrock.FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1\n"),
        ("python", 'def f():\n    """Uses FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1."""\n'),
        ("python", 'log("FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1")\n'),
        ("python", "from aws_cdk.aws_bedrock import FoundationModelIdentifier\n"),
        ("python", "x = FoundationModelIdentifier.of(y)\n"),
        ("typescript", "/* FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1\n BedrockFoundationModel.X_1 */\n"),
        ("java", "import static a.b.FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1;\n"),
        ("csharp", "// FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1\n"),
        ("go", "// awsbedrock.FoundationModelIdentifier_ANTHROPIC_CLAUDE_V2_1()\n"),
        ("javascript", "const FoundationModelIdentifierX = ANTHROPIC_CLAUDE_V2_1;\n"),
    ],
)
def test_comments_strings_docstrings_and_imports_are_not_uses(language, text):
    assert _constants(language, text) == []


def test_a_constant_resolves_end_to_end(tmp_path, capsys):
    from bedrock_lifecycle.cli import main

    (tmp_path / "stack.ts").write_text(
        "new Agent(this, 'A', { foundationModel: BedrockFoundationModel.ANTHROPIC_CLAUDE_V2_1 });\n"
    )
    assert main(["scan", str(tmp_path), "-o", "json", "--as-of", "2026-11-25", "--jobs", "1"]) == 1
    doc = json.loads(capsys.readouterr().out)
    failed = doc["results"]["failed_checks"]
    assert [(r["check_id"], r["bedrock"]["model_id"], r["resource"]) for r in failed] == [
        ("BRL_001", "anthropic.claude-v2:1", "Agent(A.foundationModel)")
    ]
    assert failed[0]["bedrock"]["status"] == Status.EOL.value


def test_fix_rewrites_a_constant_to_the_replacements_constant(tmp_path, capsys):
    from bedrock_lifecycle.cli import main

    app = tmp_path / "app.js"
    app.write_text("f(stack, 'Titan', FoundationModelIdentifier.AMAZON_TITAN_TEXT_G1_LITE_V1);\n")
    main(["fix", str(tmp_path), "--write", "--unsafe", "--as-of", "2026-11-25", "--jobs", "1"])
    assert app.read_text() == "f(stack, 'Titan', FoundationModelIdentifier.AMAZON_NOVA_LITE_V1_0);\n"
    assert cdk.model_id("FoundationModelIdentifier", "AMAZON_NOVA_LITE_V1_0") == "amazon.nova-lite-v1:0"


def test_fix_never_writes_a_model_id_over_a_constant(tmp_path, capsys):
    """A replacement the class has no constant for is left to a person, with the constructor to use."""
    from bedrock_lifecycle.migrate.rewrite import _rewrite_constant
    from bedrock_lifecycle.migrate.swap import classify

    swap = classify("anthropic.claude-v2", "amazon.nova-lite-v1:0", CATALOG)
    assert _rewrite_constant("BedrockFoundationModel_ANTHROPIC_CLAUDE_V2", "acme.none-v1", swap) == (
        f"not rewritten ({swap.swap_class.value}): BedrockFoundationModel has no constant for acme.none-v1 in "
        f"{cdk.libraries('BedrockFoundationModel')}; construct it from the ID instead "
        "(BedrockFoundationModel('acme.none-v1'))"
    )
    new, _ = _rewrite_constant("FoundationModelIdentifier_AMAZON_TITAN_TEXT_G1_LITE_V1", "amazon.nova-lite-v1:0", swap)
    assert new == "FoundationModelIdentifier_AMAZON_NOVA_LITE_V1_0"  # Go's accessor keeps its form
