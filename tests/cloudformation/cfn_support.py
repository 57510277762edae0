"""Helpers for the CloudFormation/Serverless/Step Functions tests: parse, extract, summarise."""

from __future__ import annotations

import textwrap
from functools import lru_cache
from pathlib import Path

from bedrock_lifecycle.catalog import load_embedded
from bedrock_lifecycle.config import FRAMEWORKS
from bedrock_lifecycle.document import Document
from bedrock_lifecycle.extract import ExtractContext, extract, extractor_for
from bedrock_lifecycle.model import Reference
from bedrock_lifecycle.parsers.json_doc import JsonParser
from bedrock_lifecycle.parsers.yaml_doc import YamlParser
from bedrock_lifecycle.resolve.ids import Recognizer


@lru_cache(maxsize=1)
def recognizer() -> Recognizer:
    return Recognizer.for_catalog(load_embedded())


def parse(text: str, name: str = "template.yaml") -> Document:
    parser = JsonParser() if name.endswith(".json") else YamlParser()
    return parser.parse(name, textwrap.dedent(text))


def refs(text: str, name: str = "template.yaml", root: Path | None = None) -> list[Reference]:
    """References of one file; when ``root`` is given the file is written there (for local children)."""
    doc = parse(text, name)
    base = root if root is not None else Path("/nonexistent-scan-root")
    if root is not None:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(doc.text)
    ctx = ExtractContext(str(base), str(base / name), frozenset(FRAMEWORKS))
    return extract(doc, recognizer(), ctx)


def extractor_name(text: str, name: str = "template.yaml") -> str | None:
    entry = extractor_for(parse(text, name), frozenset(FRAMEWORKS))
    return entry.name if entry else None


def found(references: list[Reference]) -> set[tuple[str, int, str, str]]:
    """(text, line, resource, attribute) of each reference."""
    return {(r.text, r.span.start_line, r.resource, r.attribute) for r in references}


def texts(references: list[Reference]) -> set[str]:
    return {r.text for r in references}


def at(references: list[Reference], resource: str, attribute: str | None = None) -> list[Reference]:
    return [r for r in references if r.resource == resource and (attribute is None or r.attribute == attribute)]
