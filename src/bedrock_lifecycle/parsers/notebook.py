"""Jupyter notebooks (``.ipynb``): code cells read as Python, in the coordinates of the file itself.

A notebook is JSON whose cells hold their source as one string or as a list of
line strings. Each cell's source is decoded and read by the Python source
reader (the same tokenizer, contexts and comments as a ``.py`` file), and every
decoded character keeps the offset of the raw JSON text it came from, so a
finding points at the line and column GitHub shows for the ``.ipynb`` file
(escapes such as ``\\"`` and ``\\n`` included).

IPython syntax that is not Python is read as text, never lost: line magics and
shell escapes (``!aws bedrock-runtime invoke-model --model-id ...``, ``%env``)
and cells under a cell magic other than a Python one (``%%bash``,
``%%writefile``). Markdown and raw cells and the code cells' text outputs are
documentation: kept as cells of their own kind, read only with --include-docs.
A code cell the tokenizer rejects is read as text with a diagnostic; JSON that
is not a notebook fails the parse (diagnostic and text fallback of the file).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from bedrock_lifecycle.document import Comment, Document, MapNode, Node, ScalarNode, SeqNode, SyntaxProblem
from bedrock_lifecycle.errors import ParseFailure
from bedrock_lifecycle.parsers.json_doc import parse_json
from bedrock_lifecycle.parsers.text import TextParser

LOG = logging.getLogger(__name__)

CODE = "code"
MARKDOWN = "markdown"
RAW = "raw"
OUTPUT = "output"
_MAGIC_LINE = re.compile(r"[ \t]*[!%?]")
_PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "python", "python3", "prun", "debug"})


@dataclass(frozen=True)
class Cell:
    """One cell's text (or one output's), with the raw offset of every character in the .ipynb file."""

    index: int  # position in the notebook's cell list, from 0 as in the JSON
    kind: str  # code, markdown, raw, output
    text: str
    offsets: tuple[int, ...]  # offsets[i]: file offset of text[i]; one more entry: the end
    docs: tuple[Document, ...] = ()  # code cells: the parsed views (python, and text for IPython syntax)

    def file_offset(self, i: int) -> int:
        return self.offsets[min(max(i, 0), len(self.offsets) - 1)]


class NotebookParser:
    name = "notebook"
    frameworks = ("source", "docs")
    comment_markers: tuple[str, ...] = ()  # the fallback reads the raw JSON: no '#' is a comment there

    def claims(self, path: str) -> bool:
        return path.endswith(".ipynb")

    def parse(self, path: str, text: str) -> Document:
        root, _comments = parse_json(text)
        if not isinstance(root, MapNode):
            raise ParseFailure("not a notebook: the top level is not a JSON object", 1, 1)
        language = _language(root)
        cells: list[Cell] = []
        problems: list[SyntaxProblem] = []
        for index, cell_type, source, outputs in _cells(root):
            decoded, offsets = _join(text, source)
            if cell_type == CODE:
                docs, problem = _code_views(path, decoded, python=language == "python")
                if problem is not None:
                    message, line, col = problem
                    at = _map_line_col(decoded, offsets, text, line, col)
                    problems.append(SyntaxProblem(f"cell[{index}]: {message}", *at))
                cells.append(Cell(index, CODE, decoded, offsets, docs))
                for node in outputs:
                    out_text, out_offsets = _join(text, node)
                    if out_text.strip():
                        cells.append(Cell(index, OUTPUT, out_text, out_offsets))
            elif decoded.strip():
                cells.append(Cell(index, MARKDOWN if cell_type == MARKDOWN else RAW, decoded, offsets))
        return Document(path, self.name, text, problems=tuple(problems), meta={"cells": tuple(cells)})


def _language(root: MapNode) -> str:
    meta = root.get("metadata")
    if isinstance(meta, MapNode):
        for key, sub in (("kernelspec", "language"), ("language_info", "name")):
            node = meta.get(key)
            value = node.get(sub) if isinstance(node, MapNode) else None
            if isinstance(value, ScalarNode) and value.is_string and value.value:
                return value.value.lower()
    return "python"  # nbformat's default kernel, and what a notebook without metadata almost always is


def _cells(root: MapNode) -> Iterator[tuple[int, str, Node | None, list[Node]]]:
    """(index, cell type, source node, text output nodes); nbformat 4, and 3's worksheets."""
    cells = root.get("cells")
    if cells is None:
        sheets = root.get("worksheets")
        if isinstance(sheets, SeqNode) and sheets.items and isinstance(sheets.items[0], MapNode):
            cells = sheets.items[0].get("cells")
    if not isinstance(cells, SeqNode):
        raise ParseFailure("not a notebook: no 'cells' list", 1, 1)
    for index, cell in enumerate(cells.items):
        if not isinstance(cell, MapNode):
            continue
        kind = cell.get("cell_type")
        cell_type = kind.value if isinstance(kind, ScalarNode) else CODE
        source = cell.get("source")
        if source is None:
            source = cell.get("input")  # nbformat 3 code cells
        yield index, cell_type, source, list(_outputs(cell.get("outputs")))


def _outputs(node: Node | None) -> Iterator[Node]:
    """Text an output shows: stream text, and the text/* and JSON representations of results."""
    if not isinstance(node, SeqNode):
        return
    for out in node.items:
        if not isinstance(out, MapNode):
            continue
        for key in ("text", "traceback"):
            value = out.get(key)
            if value is not None:
                yield value
        data = out.get("data")
        if isinstance(data, MapNode):
            for mime, value in data.items:
                if mime.value.startswith("text/") or mime.value.endswith("json"):
                    yield value


def _join(text: str, node: Node | None) -> tuple[str, tuple[int, ...]]:
    """A source field (a string, or a list of strings) decoded, with each character's file offset."""
    if isinstance(node, ScalarNode):
        parts = [node] if node.is_string else []
    elif isinstance(node, SeqNode):
        parts = [p for p in node.items if isinstance(p, ScalarNode) and p.is_string]
    else:
        parts = []
    chars: list[str] = []
    offsets: list[int] = []
    end = 0
    for part in parts:
        decoded = part.value
        raw = raw_offsets(text, part.start, part.end)
        chars.append(decoded)
        offsets.extend(raw[:-1])
        end = raw[-1]
    offsets.append(end)
    return "".join(chars), tuple(offsets)


def raw_offsets(text: str, start: int, end: int) -> list[int]:
    """For the JSON string text[start:end] (quotes included): the file offset of each decoded character,
    then the offset of the closing quote. ``\\uD83D\\uDE00`` (a surrogate pair) is one character."""
    out: list[int] = []
    i = start + 1
    stop = end - 1
    while i < stop:
        out.append(i)
        if text[i] != "\\":
            i += 1
            continue
        if text[i + 1 : i + 2] != "u":
            i += 2
            continue
        code = int(text[i + 2 : i + 6], 16)
        i += 6
        if 0xD800 <= code < 0xDC00 and text[i : i + 2] == "\\u":
            low = int(text[i + 2 : i + 6], 16)
            if 0xDC00 <= low < 0xE000:
                i += 6
    out.append(stop)
    return out


def _code_views(
    path: str, code: str, *, python: bool
) -> tuple[tuple[Document, ...], tuple[str, int | None, int | None] | None]:
    """The code cell as Python (IPython-only lines blanked) and as text (only those lines), both in
    the cell's own coordinates; a cell the tokenizer rejects, or another kernel's, is text alone."""
    text_fallback = TextParser(("#",))
    if not python:
        return (text_fallback.parse(path, code),), None
    py_lines: list[str] = []
    magic_lines: list[str] = []
    lines = code.split("\n")
    first = lines[0].strip() if lines else ""
    if first.startswith("%%") and first[2:].split(" ", 1)[0] not in _PYTHON_CELL_MAGICS:
        return (text_fallback.parse(path, code),), None  # %%bash, %%writefile, %%sql...: not Python
    for n, line in enumerate(lines):
        if _MAGIC_LINE.match(line) or (n == 0 and first.startswith("%%")):
            py_lines.append(" " * len(line))
            magic_lines.append(line)
        else:
            py_lines.append(line)
            magic_lines.append(" " * len(line))
    py_text = "\n".join(py_lines)
    from bedrock_lifecycle.parsers.source_python import lex_python  # loaded on the first notebook

    try:
        scalars, comments = lex_python(py_text)
    except ParseFailure as exc:
        return (text_fallback.parse(path, code),), (exc.message, exc.line, exc.col)
    views = [Document(path, "python", code, scalars=tuple(scalars), comments=tuple(comments))]
    if any(s.strip() for s in magic_lines):
        magic = text_fallback.parse(path, "\n".join(magic_lines))
        views.append(Document(path, "text", code, scalars=magic.scalars, comments=_merge(comments, magic.comments)))
    return tuple(views), None


def _merge(a: list[Comment], b: tuple[Comment, ...]) -> tuple[Comment, ...]:
    return tuple(sorted((*a, *b), key=lambda c: c.line))


def _map_line_col(
    code: str, offsets: tuple[int, ...], text: str, line: int | None, col: int | None
) -> tuple[int | None, int | None]:
    """A (line, col) inside a cell's code -> (line, col) in the .ipynb file."""
    if line is None:
        return None, None
    starts = [0] + [i + 1 for i, c in enumerate(code) if c == "\n"]
    at = starts[min(max(line, 1), len(starts)) - 1] + max((col or 1) - 1, 0)
    raw = offsets[min(at, len(offsets) - 1)]
    file_line = text.count("\n", 0, raw) + 1
    return file_line, raw - (text.rfind("\n", 0, raw) + 1) + 1
