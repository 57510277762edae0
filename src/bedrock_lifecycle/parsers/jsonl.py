"""JSON Lines (``.jsonl``, ``.ndjson``): one JSON value per line, each parsed on its own.

Batch-inference inputs and evaluation datasets are JSON Lines. Every line is a
document of its own (``line[12].modelId``); a line that is not JSON is a
syntax problem (a diagnostic) and is scanned as text, and the other lines are
unaffected.
"""

from __future__ import annotations

import logging

from bedrock_lifecycle.document import Document, Node, SyntaxProblem
from bedrock_lifecycle.errors import ParseFailure
from bedrock_lifecycle.parsers.json_doc import parse_json

LOG = logging.getLogger(__name__)


class JsonLinesParser:
    name = "jsonl"
    frameworks = ("config",)
    comment_markers: tuple[str, ...] = ()

    def claims(self, path: str) -> bool:
        return path.endswith((".jsonl", ".ndjson"))

    def parse(self, path: str, text: str) -> Document:
        roots: list[Node] = []
        labels: list[str] = []
        problems: list[SyntaxProblem] = []
        unparsed: list[tuple[int, int]] = []
        offset = 0
        for number, line in enumerate(text.split("\n"), start=1):
            start, stop = offset, offset + len(line)
            offset = stop + 1
            if not line.strip():
                continue
            try:
                root, _comments = parse_json(text, start=start, stop=stop)
            except ParseFailure as exc:
                problems.append(SyntaxProblem(f"line {number}: {exc.message}", exc.line or number, exc.col))
                unparsed.append((start, stop))
                continue
            roots.append(root)
            labels.append(f"line[{number}]")
        return Document(
            path,
            self.name,
            text,
            roots=tuple(roots),
            problems=tuple(problems),
            unparsed=tuple(unparsed),
            meta={"root_labels": tuple(labels)},
        )
