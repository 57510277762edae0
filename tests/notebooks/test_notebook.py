"""Notebooks: every model ID in a code cell is found at its line and column in the .ipynb file itself."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from bedrock_lifecycle.catalog import load_embedded
from bedrock_lifecycle.config import Config
from bedrock_lifecycle.parsers.notebook import NotebookParser, raw_offsets
from bedrock_lifecycle.scan import scan

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "fixtures" / "notebooks" / "aws_samples" / "repo"
CATALOG = load_embedded()
ID = re.compile(r"(?<![\w-])(?:(?:us|eu)\.)?(?:anthropic|amazon|meta|cohere|mistral|ai21)\.[a-z0-9.:-]*[a-z0-9]")


def _scan(root: Path, *frameworks: str):
    cfg = Config(
        paths=(str(root),),
        root=str(root),
        as_of=date(2026, 11, 25),
        frameworks=frozenset(frameworks or ("terraform", "cloudformation", "config", "source")),
    )
    return scan(cfg, CATALOG)


def test_every_reference_sits_at_its_line_and_column_of_the_ipynb_file():
    result = _scan(SAMPLES)
    refs = {(f.span.path, f.span.start_line, f.span.start_col, f.resolution.reference.text) for f in result.findings}
    assert refs, "the fixture has references"
    for path, line, col, text in refs:
        raw = (SAMPLES / path).read_text(encoding="utf-8").split("\n")[line - 1]
        assert raw[col - 1 : col - 1 + len(text)] == text, (path, line, col, text, raw)


def test_every_id_in_a_code_cell_is_found_and_none_from_markdown_or_outputs():
    """A plain grep of the decoded code cells (comments left out) is the oracle, as a reviewer would run it."""
    result = _scan(SAMPLES)
    found = {(f.span.path, f.resolution.reference.text) for f in result.findings if f.span.path.endswith(".ipynb")}
    expected = set()
    for nb in SAMPLES.rglob("*.ipynb"):
        rel = nb.relative_to(SAMPLES).as_posix()
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            for line in source.split("\n"):
                code = line.split("  #")[0] if not line.lstrip().startswith("#") else ""
                expected |= {(rel, m.group()) for m in ID.finditer(code)}
    # an f-string's reference is reported as written ('{REGION_PREFIX}.anthropic...'); grep sees the literal part
    found_plain = {(p, re.sub(r"^\{[^}]*\}\.", "", t)) for p, t in found}
    assert found_plain == expected


def test_markdown_cells_and_outputs_are_read_only_with_docs():
    without = {f.span.start_line for f in _scan(SAMPLES).findings if f.span.path.endswith("01_invoke_claude.ipynb")}
    with_docs = {
        f.span.start_line
        for f in _scan(SAMPLES, "source", "docs").findings
        if f.span.path.endswith("01_invoke_claude.ipynb")
    }
    assert without < with_docs  # the markdown cell (line 7) and the stream output are added
    text = (SAMPLES / "01_text_generation" / "01_invoke_claude.ipynb").read_text().split("\n")
    assert {n for n in with_docs - without} == {
        i + 1 for i, line in enumerate(text) if "anthropic.claude-v2" in line and ("`" in line or "replies" in line)
    }


def test_suppression_comment_inside_a_cell():
    skipped = [f for f in _scan(SAMPLES).findings if f.suppression is not None]
    assert {(f.span.path, f.resolution.reference.text) for f in skipped} == {
        ("01_text_generation/01_invoke_claude.ipynb", "anthropic.claude-instant-v1")
    }
    assert all(f.suppression.line == f.span.start_line for f in skipped)  # the skip's line is a file line


@pytest.mark.parametrize(
    ("raw", "decoded"),
    [
        ('"plain"', "plain"),
        ('"a\\"b\\\\c\\nd"', 'a"b\\c\nd'),
        ('"caf\\u00e9 x"', "café x"),
        ('"\\ud83d\\ude00!"', "\U0001f600!"),
    ],
)
def test_raw_offsets_map_each_decoded_character(raw: str, decoded: str):
    offsets = raw_offsets(raw, 0, len(raw))
    assert len(offsets) == len(decoded) + 1 and offsets[-1] == len(raw) - 1
    for i, ch in enumerate(decoded):
        if ch.isalnum() and ord(ch) < 128:
            assert raw[offsets[i]] == ch


def test_string_and_list_sources_and_resource_names():
    doc = NotebookParser().parse(
        "n.ipynb",
        json.dumps(
            {"cells": [{"cell_type": "code", "source": "x = 1\nMODEL = 'a'"}, {"cell_type": "code", "source": ["y\n"]}]}
        ),
    )
    cells = doc.meta["cells"]
    assert [c.index for c in cells] == [0, 1] and cells[0].text == "x = 1\nMODEL = 'a'"
