"""Documentation -> References: every model ID in prose and code blocks, named by its heading or block."""

from __future__ import annotations

import logging

from bedrock_lifecycle.document import Document, LineIndex
from bedrock_lifecycle.extract.generic import extract_generic, references_in, with_suppressions
from bedrock_lifecycle.model import Reference
from bedrock_lifecycle.parsers.docs import DOC_KINDS
from bedrock_lifecycle.resolve.ids import Recognizer

LOG = logging.getLogger(__name__)


def is_docs(doc: Document) -> bool:
    return doc.kind in DOC_KINDS


def extract_docs(doc: Document, recognizer: Recognizer, ctx: object = None) -> list[Reference]:
    if any(not s.key_path for s in doc.scalars):  # unstructured text (a notebook output): the generic reading
        return extract_generic(doc, recognizer)
    index = LineIndex(doc.text)
    refs: list[Reference] = []
    for s in doc.scalars:
        label = str(s.key_path[0])
        refs += references_in(doc, index, recognizer, s.value, s.start, s.end, label)
    return with_suppressions(doc, refs)
