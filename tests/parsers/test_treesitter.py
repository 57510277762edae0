"""The shared tree-sitter helper: grammars load, objects are cached, byte offsets map to the project's columns."""

from __future__ import annotations

import importlib.util

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bedrock_lifecycle.document import LineIndex
from bedrock_lifecycle.parsers import treesitter
from bedrock_lifecycle.parsers.treesitter import Source, captures, first_error, parse

INSTALLED = [name for name, (module, _) in treesitter.GRAMMARS.items() if importlib.util.find_spec(module)]


@pytest.mark.parametrize("name", ["javascript", "typescript", "tsx", "java", "go", "csharp", "kotlin", "ruby"])
def test_every_source_grammar_is_installed_and_parses(name):
    assert name in INSTALLED
    tree = parse(name, Source(""))
    assert tree.root_node is not None


def test_language_parser_and_query_are_cached():
    assert treesitter.language("go") is treesitter.language("go")
    assert treesitter.parser("go") is treesitter.parser("go")
    assert treesitter.query("go", "(comment) @c") is treesitter.query("go", "(comment) @c")


def test_string_positions_agree_with_line_index_on_non_ascii_text():
    text = '// é中\nconst a = "😀 x", b = "anthropic.claude-v2";\n/* ü */ const c = `ß`;\n'
    src = Source(text)
    tree = parse("javascript", src)
    index = LineIndex(text)
    found = [
        (src.node_text(n), src.position(n.start_byte)) for n, _ in captures("javascript", "(string) @s", tree.root_node)
    ]
    assert found == [
        ('"😀 x"', index.position(text.index('"😀'))),
        ('"anthropic.claude-v2"', (2, 22)),  # the emoji is one character, four bytes
    ]
    assert found[0][1] == (2, 11)


def test_captures_come_in_document_order():
    src = Source('x = "a"; // c1\ny = "b"; // c2\n')
    caps = captures("javascript", "(comment) @c (string) @s", parse("javascript", src).root_node)
    assert [(src.node_text(n), name) for n, name in caps] == [
        ('"a"', "s"),
        ("// c1", "c"),
        ('"b"', "s"),
        ("// c2", "c"),
    ]


def test_first_error_finds_the_error_node_or_none():
    assert first_error(parse("go", Source("package main\nfunc main() {}\n")).root_node) is None
    src = Source("package main\nfunc main() {\n  x := (\n}\n")
    err = first_error(parse("go", src).root_node)
    assert err is not None and src.position(err.start_byte)[0] >= 3


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_char_offsets_match_character_positions(text):
    src = Source(text)
    index = LineIndex(text)
    byte = 0
    for i, ch in enumerate(text):
        assert src.char(byte) == i
        assert src.position(byte) == index.position(i)
        byte += len(ch.encode("utf-8", "surrogatepass"))
    assert src.char(byte) == len(text)
