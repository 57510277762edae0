"""Notebook -> References: each cell read as its own document, located back in the .ipynb file.

Code cells go through the source extractor (Python string literals with their
call or assignment) and, for IPython lines, the generic one; markdown and raw
cells and outputs go through the documentation extractor, only with the
``docs`` framework (--include-docs). Spans are moved from the cell's
coordinates to the file's with the cell's offset table, suppressions with them
(a skip comment in a cell applies as it does in a ``.py`` file), and the
resource names the cell: ``cell[3].bedrock.invoke_model(modelId)``.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from bedrock_lifecycle.document import Document, LineIndex
from bedrock_lifecycle.model import Reference, Span
from bedrock_lifecycle.parsers.notebook import CODE, OUTPUT, Cell
from bedrock_lifecycle.resolve.ids import Recognizer

LOG = logging.getLogger(__name__)


def is_notebook(doc: Document) -> bool:
    return doc.kind == "notebook"


def extract_notebook(doc: Document, recognizer: Recognizer, ctx: object = None) -> list[Reference]:
    from bedrock_lifecycle.extract.docs import extract_docs
    from bedrock_lifecycle.extract.generic import extract_generic
    from bedrock_lifecycle.extract.source import extract_source
    from bedrock_lifecycle.parsers.docs import parse_markdown, parse_plain

    frameworks: frozenset[str] = getattr(ctx, "frameworks", frozenset({"source"}))
    cells = doc.meta.get("cells", ())
    assert isinstance(cells, tuple)
    file_index = LineIndex(doc.text)
    refs: list[Reference] = []
    for cell in cells:
        assert isinstance(cell, Cell)
        label = f"cell[{cell.index}]"
        found: list[Reference] = []
        if cell.kind == CODE:
            if "source" not in frameworks:
                continue
            for view in cell.docs:
                if view.kind == "python":
                    found += extract_source(view, recognizer)
                else:
                    found += extract_generic(view, recognizer)
            kind = "notebook"
        else:
            if "docs" not in frameworks:
                continue
            if cell.kind == OUTPUT:
                view = parse_plain(doc.path, cell.text, "notebook-output")
                label += ".output"
            else:
                view = parse_markdown(doc.path, cell.text)
            found = extract_docs(view, recognizer)
            kind = view.kind
        cell_index = LineIndex(cell.text)
        refs += [_relocate(r, cell, cell_index, file_index, doc, label, kind) for r in found]
    return refs


def _relocate(
    ref: Reference, cell: Cell, cell_index: LineIndex, file_index: LineIndex, doc: Document, label: str, kind: str
) -> Reference:
    s = ref.span
    start = cell_index.line_start(s.start_line) + s.start_col - 1
    end = cell_index.line_start(s.end_line) + s.end_col - 1
    raw_start = cell.file_offset(start)
    raw_end = cell.file_offset(max(start, end - 1)) + 1
    span: Span = file_index.span(doc.path, raw_start, raw_end)
    resource = label if ref.resource in ("", doc.path) else f"{label}.{ref.resource}"
    skips = tuple(
        replace(k, line=_file_line(cell, cell_index, file_index, k.line)) if k.line else k for k in ref.suppressions
    )
    return replace(ref, span=span, resource=resource, kind=kind, suppressions=skips)


def _file_line(cell: Cell, cell_index: LineIndex, file_index: LineIndex, line: int) -> int:
    return file_index.position(cell.file_offset(cell_index.line_start(line)))[0]
