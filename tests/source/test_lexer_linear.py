"""Linear-time paths of the tree-sitter source reader (long holes, many comments on a line, deep nesting).

Each answer here was first checked against the quadratic hand-written lexer these cases once broke.
"""

from __future__ import annotations

from bedrock_lifecycle.catalog import load_embedded
from bedrock_lifecycle.extract.source import extract_source
from bedrock_lifecycle.parsers import parser_for
from bedrock_lifecycle.parsers.source_mask import LONG_HOLE
from bedrock_lifecycle.parsers.source_ts import GO, TYPESCRIPT, read
from bedrock_lifecycle.resolve.ids import Recognizer

RECOGNIZER = Recognizer.for_catalog(load_embedded())
MODEL = "anthropic.claude-3-haiku-20240307-v1:0"


def refs(path: str, text: str) -> list[tuple[str, int, int, str]]:
    doc = parser_for(path).parse(path, text)
    return [(r.text, r.span.start_line, r.span.start_col, r.resource) for r in extract_source(doc, RECOGNIZER)]


def test_a_long_hole_splits_the_literal_and_the_id_after_it_is_still_found():
    text = "const m = `us.${f(" + "a" * (LONG_HOLE + 50) + f")}}.{MODEL}`;\n"
    scalars, _ = read(text, TYPESCRIPT)
    assert [(s.start, s.value) for s in scalars] == [
        (11, "us.${__"),
        (text.index(MODEL) - 4, f"__}}.{MODEL}"),  # the piece after the hole: offsets still map 1:1
    ]
    assert refs("m.ts", text) == [(MODEL, 1, text.index(MODEL) + 1, "m")]


def test_a_short_hole_keeps_one_scalar():
    text = f"const m = `${{geo}}.{MODEL}`;\n"
    assert [s.value for s in read(text, TYPESCRIPT)[0]] == [f"${{___}}.{MODEL}"]
    assert [t for t, *_ in refs("m.ts", text)] == [MODEL]  # read after the "}." of the hole


def test_nested_template_literals_stay_small():
    depth = 2_000
    text = "const x = " + "`${" * depth + "1" + "}`" * depth + ";\n"
    scalars, _ = read(text, TYPESCRIPT)
    assert sum(len(s.value) for s in scalars) < 10 * depth  # was 2.5 * depth**2 characters


def test_own_line_comments_on_a_line_of_many_comments():
    text = "var x = 1 /* a */ /* b */\n  /* c */ /* d */\n// e\n\t#/* f */ x\n *\u00a0/* g\n" + "/*/" * 1_000 + "\n"
    comments = read(text, GO)[1]
    assert [(c.line, c.text, c.own_line) for c in comments if c.line < 6] == [
        (1, "a", False),
        (1, "b", False),
        (2, "c", True),
        (2, "d", False),
        (3, "e", True),
        (4, "f", True),
        (5, "g", False),
    ]
    # 500: the line-5 comment's second line, then 499 '/*//*/' comments; the '/*/' left at the end of the
    # file never closes, and the grammar does not call an unterminated block comment a comment
    assert [c.own_line for c in comments if c.line == 6] == [True] * 500


def test_deeply_nested_calls_descend_once_per_literal():
    """Context comes from one descent from the root, shared by consecutive literals: 3,000 nested calls
    around three literals keep their innermost context (the last MAX_SEGMENTS calls)."""
    import time

    depth = 3_000
    text = "f(" * depth + f'"{MODEL}", ' * 3 + ")" * depth + ";\n"
    t0 = time.perf_counter()
    scalars, _ = read(text, TYPESCRIPT)
    assert time.perf_counter() - t0 < 10  # a generous bound for a loaded machine: about 1 s when idle
    assert [s.key_path for s in scalars] == [("c:f",) * 8] * 3
