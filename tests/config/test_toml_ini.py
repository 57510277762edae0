"""TOML, INI and .properties: key paths and exact positions of every value; bad TOML is a parse failure."""

from __future__ import annotations

import builtins

import pytest

from bedrock_lifecycle.document import LineIndex
from bedrock_lifecycle.errors import ParseFailure
from bedrock_lifecycle.parsers import parser_for
from bedrock_lifecycle.parsers.ini_doc import IniParser
from bedrock_lifecycle.parsers.properties import PropertiesParser
from bedrock_lifecycle.parsers.toml_doc import TomlParser


def values(doc):
    index = LineIndex(doc.text)
    return [(s.key_path, s.value, index.position(s.start)) for s in doc.scalars]


def test_registry_claims_config_formats():
    assert parser_for("pyproject.toml").name == "toml"
    assert parser_for("conf/settings.ini").name == "ini"
    assert parser_for("setup.cfg").name == "ini"
    assert parser_for("src/main/resources/application-prod.properties").name == "properties"
    assert parser_for("pyproject.toml", frozenset({"source"})) is None


def test_toml_paths_array_tables_inline_tables_and_quoted_keys():
    text = '''[tool.app]
model = "anthropic.claude-v2"  # trailing comment
list = [
  "a",  # inside
  'b',
]
multi = """
line"""
inline = { id = "c", n = 1, nested = { k = "d" } }

[[route]]
m = "e"
[[route]]
m = "f"
[route.extra]
alt = "g"

[pricing]
"anthropic.claude-instant-v1" = 0.8
a."b.c".d = "h"
'''
    doc = TomlParser().parse("x.toml", text)
    got = [(kp, v) for kp, v, _ in values(doc)]
    assert got == [
        (("tool", "app", "model"), "anthropic.claude-v2"),
        (("tool", "app", "list", 0), "a"),
        (("tool", "app", "list", 1), "b"),
        (("tool", "app", "multi"), "line"),
        (("tool", "app", "inline", "id"), "c"),
        (("tool", "app", "inline", "nested", "k"), "d"),
        (("route", 0, "m"), "e"),
        (("route", 1, "m"), "f"),
        (("route", 1, "extra", "alt"), "g"),
        (("pricing", "anthropic.claude-instant-v1"), "anthropic.claude-instant-v1"),
        (("pricing", "a", "b.c"), "b.c"),
        (("pricing", "a", "b.c", "d"), "h"),
    ]
    assert [(c.line, c.text, c.own_line) for c in doc.comments] == [
        (2, "trailing comment", False),
        (4, "inside", False),
    ]
    first = doc.scalars[0]
    assert text[first.start : first.end] == '"anthropic.claude-v2"'


def test_toml_escapes_are_decoded():
    doc = TomlParser().parse("x.toml", "a = \"x\\ty\\u00e9\"\nb = 'C:\\\\raw'\n")
    assert [s.value for s in doc.scalars] == ["x\ty\u00e9", "C:\\\\raw"]


def test_toml_error_has_a_position():
    with pytest.raises(ParseFailure) as exc:
        TomlParser().parse("x.toml", 'a = "ok"\nb = = 1\n')
    assert (exc.value.line, exc.value.col) == (2, 5)


def test_toml_without_tomllib_is_read_as_text(monkeypatch):
    real_import = builtins.__import__

    def no_tomllib(name, *args, **kwargs):
        if name == "tomllib":
            raise ModuleNotFoundError("No module named 'tomllib'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_tomllib)
    doc = TomlParser().parse("x.toml", 'model = "anthropic.claude-v2"  # c\n')
    assert doc.kind == "text" and doc.scalars[0].value.startswith("model")


def test_ini_sections_continuations_and_comments():
    text = """; top
[DEFAULT]
region = us-east-1
[bedrock]
model_id = anthropic.claude-v2 ; was claude-instant
summary: "amazon.nova-pro-v1:0"
models =
    a
    b
# old = x
odd line without separator
"""
    doc = IniParser().parse("s.ini", text)
    assert [(kp, v) for kp, v, _ in values(doc)] == [
        (("DEFAULT", "region"), "us-east-1"),
        (("bedrock", "model_id"), "anthropic.claude-v2"),
        (("bedrock", "summary"), "amazon.nova-pro-v1:0"),
        (("bedrock", "models"), ""),
        (("bedrock", "models"), "a"),
        (("bedrock", "models"), "b"),
        ((11,), "odd line without separator"),
    ]
    assert [c.text for c in doc.comments] == ["top", "was claude-instant", "old = x"]


def test_properties_separators_continuations_and_escapes():
    text = """# comment
! also a comment
spring.ai.bedrock.converse.chat.options.model=anthropic.claude-v2
key\\:with\\ escapes : value
spaced    amazon.nova-pro-v1:0
list=a,\\
    b
empty=
"""
    doc = PropertiesParser().parse("a.properties", text)
    got = values(doc)
    assert [(kp, v) for kp, v, _ in got] == [
        (("spring.ai.bedrock.converse.chat.options.model",), "anthropic.claude-v2"),
        (("key:with escapes",), "value"),
        (("spaced",), "amazon.nova-pro-v1:0"),
        (("list",), "a,"),
        (("list",), "b"),
    ]
    assert got[0][2] == (3, 47) and got[4][2] == (7, 5)
    assert [c.text for c in doc.comments] == ["comment", "also a comment"]
