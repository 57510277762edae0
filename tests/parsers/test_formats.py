"""Parsers: values, key paths and exact source positions; malformed input raises ParseFailure."""

from __future__ import annotations

import json

import pytest

from bedrock_lifecycle.document import LineIndex, MapNode, ScalarNode, SeqNode, walk
from bedrock_lifecycle.errors import ParseFailure
from bedrock_lifecycle.parsers import parser_for
from bedrock_lifecycle.parsers.dotenv import DotenvParser
from bedrock_lifecycle.parsers.json_doc import parse_json
from bedrock_lifecycle.parsers.text import TextParser
from bedrock_lifecycle.parsers.yaml_doc import YamlParser


def _scalars(doc):
    return {
        kp: (n.value, doc.text[n.start : n.end])
        for root in doc.roots
        for kp, n in walk(root)
        if isinstance(n, ScalarNode)
    }


def test_registry_claims_by_name():
    assert parser_for("a/b.yaml").name == "yaml"
    assert parser_for("x.yml").name == "yaml"
    assert parser_for("cfg/app.json").name == "json"
    assert parser_for(".env").name == "dotenv"
    assert parser_for("svc/.env.production").name == "dotenv"
    assert parser_for("prod.env").name == "dotenv"
    assert parser_for("README.md") is None
    assert parser_for("a.yaml", frozenset({"source"})) is None


@pytest.mark.parametrize(
    "text",
    [
        '{"a": [1, 2.5e3, true, null, "x\\u00e9"], "b": {"c": {}}}',
        "[]",
        '"s"',
        '  [ [ ], { "k" : [ {} ] } ] ',
    ],
)
def test_json_round_trips(text):
    def py(n):
        if isinstance(n, ScalarNode):
            return n.value if n.is_string else json.loads(n.value)
        if isinstance(n, MapNode):
            return {k.value: py(v) for k, v in n.items}
        return [py(x) for x in n.items]

    root, _ = parse_json(text)
    assert py(root) == json.loads(text)


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("{", 1, 2),
        ("[1,]", 1, 4),
        ('{"a" 1}', 1, 6),
        ('{"a":1}x', 1, 8),
        ("", 1, 1),
        ('{\n  "a": 1,\n  "b": tru\n}', 3, 8),
        ('"open', 1, 1),
    ],
)
def test_json_errors_have_positions(text, line, col):
    with pytest.raises(ParseFailure) as exc:
        parse_json(text)
    assert (exc.value.line, exc.value.col) == (line, col)


def test_json_deep_nesting_does_not_recurse():
    root, _ = parse_json("[" * 200_000 + "]" * 200_000)
    assert isinstance(root, SeqNode)


def test_jsonc_comments_and_trailing_commas():
    root, comments = parse_json('{"a": 1, // note\n /* x */ "b": [1,2,],}', lenient=True)
    assert [k.value for k, _ in root.items] == ["a", "b"]
    assert [(c.line, c.text, c.own_line) for c in comments] == [(1, "note", False), (2, "x", True)]
    with pytest.raises(ParseFailure):
        parse_json('{"a": 1, // note\n}')


def test_json_string_positions_are_exact():
    text = '{\n  "m": "anthropic.claude-v2",\n  "l": ["x"]\n}'
    root, _ = parse_json(text)
    node = root.get("m")
    assert text[node.start : node.end] == '"anthropic.claude-v2"'
    assert LineIndex(text).position(node.start) == (2, 8)


def test_yaml_multi_document_tags_and_positions():
    text = "a: 1\nb: !Ref Model\n---\n- x: 'anthropic.claude-v2'\n  y: |\n    line1\n    us.amazon.nova-pro-v1:0\n"
    doc = YamlParser().parse("t.yaml", text)
    assert len(doc.roots) == 2
    b = doc.roots[0].get("b")
    assert (b.value, b.tag) == ("Model", "!Ref")
    assert doc.roots[0].get("a").is_string is False
    x = doc.roots[1].items[0].get("x")
    assert text[x.start : x.end] == "'anthropic.claude-v2'" and x.style == "'"


def test_yaml_alias_bomb_is_one_pass():
    lines = ['a0: &a0 ["anthropic.claude-v2"]']
    for i in range(1, 30):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    doc = YamlParser().parse("bomb.yaml", "\n".join(lines) + "\n")
    visited = sum(1 for root in doc.roots for _ in walk(root))
    assert visited < 100  # 9**29 if aliases were expanded


def test_yaml_recursive_alias_is_cut():
    doc = YamlParser().parse("r.yaml", "a: &x [1, *x]\n")
    assert isinstance(doc.roots[0].get("a"), SeqNode)


def test_yaml_never_constructs_python_objects():
    doc = YamlParser().parse("p.yaml", "a: !!python/object/apply:os.system ['echo pwned']\n")
    node = doc.roots[0].get("a")
    assert isinstance(node, SeqNode) and node.items[0].value == "echo pwned"  # composed, never constructed


@pytest.mark.parametrize(("text", "line"), [("a: [1\n", 2), ("a: 1\n b: 2\n", 2), ("a: 1\na: 2\n", 2)])
def test_yaml_errors_and_duplicate_keys(text, line):
    with pytest.raises(ParseFailure) as exc:
        YamlParser().parse("bad.yaml", text)
    assert exc.value.line == line


def test_dotenv_forms():
    text = "# c\nexport A=\"anthropic.claude-v2\" # inline\nB='x y'\nC=plain value # note\n  D = spaced\nbad line\nE=\n"
    doc = DotenvParser().parse(".env", text)
    got = {s.key_path[0]: (s.value, text[s.start : s.end]) for s in doc.scalars}
    assert got == {
        "A": ("anthropic.claude-v2", '"anthropic.claude-v2"'),
        "B": ("x y", "'x y'"),
        "C": ("plain value", "plain value"),
        "D": ("spaced", "spaced"),
        "E": ("", ""),
    }
    assert [(c.line, c.text, c.own_line) for c in doc.comments] == [
        (1, "c", True),
        (2, "inline", False),
        (4, "note", False),
    ]


def test_text_fallback_drops_comments():
    text = "model: a # trailing\n# whole line\n  url: 'x#y'\n"
    doc = TextParser(("#",)).parse("f.yaml", text)
    assert [s.value for s in doc.scalars] == ["model: a ", "  url: 'x#y'"]
    assert [(c.line, c.own_line) for c in doc.comments] == [(1, False), (2, True)]


def test_documentation_is_claimed_only_with_the_docs_framework():
    assert parser_for("docs/guide.md", frozenset({"docs"})).name == "markdown"
    assert parser_for("docs/guide.rst", frozenset({"docs"})).name == "rst"
    assert parser_for("docs/guide.adoc", frozenset({"docs"})).name == "asciidoc"
    assert parser_for("docs/guide.md", frozenset({"source", "config"})) is None
    assert parser_for("nb/demo.ipynb").name == "notebook"
    assert parser_for("nb/demo.ipynb", frozenset({"docs"})).name == "notebook"  # its markdown cells


def test_default_framework_set_matches_the_config():
    from bedrock_lifecycle.config import FRAMEWORKS
    from bedrock_lifecycle.parsers import DEFAULT_FRAMEWORKS

    assert frozenset(FRAMEWORKS) == DEFAULT_FRAMEWORKS
