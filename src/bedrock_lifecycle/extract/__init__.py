"""Document -> References. One extractor per document kind; generic for the rest."""

from __future__ import annotations

from collections.abc import Callable

from bedrock_lifecycle.document import Document
from bedrock_lifecycle.extract.generic import extract_generic
from bedrock_lifecycle.model import Reference
from bedrock_lifecycle.resolve.ids import Recognizer

Extractor = Callable[[Document, Recognizer], list[Reference]]

EXTRACTORS: dict[str, Extractor] = {}


def extract(doc: Document, recognizer: Recognizer) -> list[Reference]:
    return EXTRACTORS.get(doc.kind, extract_generic)(doc, recognizer)


__all__ = ["EXTRACTORS", "extract"]
