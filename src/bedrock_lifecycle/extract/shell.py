"""Shell scripts, Dockerfiles, Makefiles and Procfiles -> References.

The parsers (parsers/shell.py) hand over the values a model can sit in, each named
by its use site: the variable (``export BEDROCK_MODEL``, ``ENV MODEL_ID``) or the
command and option (``aws bedrock-runtime invoke-model --model-id``). Each model
ID found in a value is one reference at its exact offset; a ``${VAR:-default}``
default is found by the recogniser itself.
"""

from __future__ import annotations

from bedrock_lifecycle.document import Document, LineIndex
from bedrock_lifecycle.extract.generic import references_in, with_suppressions
from bedrock_lifecycle.model import Reference
from bedrock_lifecycle.parsers.shell import SHELL_KINDS
from bedrock_lifecycle.resolve.ids import Recognizer


def is_shell(doc: Document) -> bool:
    return doc.kind in SHELL_KINDS


def extract_shell(doc: Document, recognizer: Recognizer, ctx: object = None) -> list[Reference]:
    index = LineIndex(doc.text)
    refs: list[Reference] = []
    for scalar in doc.scalars:
        resource, attribute = str(scalar.key_path[0]), str(scalar.key_path[-1])
        refs += references_in(doc, index, recognizer, scalar.value, scalar.start, scalar.end, resource, attribute)
    return with_suppressions(doc, refs)
