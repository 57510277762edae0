"""Step Functions: Amazon States Language (ASL) definitions, on their own or inside a template.

An ASL document is recognised by its content (``StartAt`` + ``States``), JSON or YAML,
whatever its file name. The model of a Bedrock task sits in
``arn:aws:states:::bedrock:invokeModel`` states' ``Parameters.ModelId`` (``Arguments.ModelId``
with JSONata); every other string is read too. References are named after the innermost state
(``States.Summarise``) with the rest of the key path as the attribute (``Parameters.ModelId``).

The helpers here are shared with the CloudFormation extractor, which reads state machines'
``Definition``, ``DefinitionString`` and local ``DefinitionUri``/``DefinitionS3Location`` files,
expanding ``${Name}`` from ``DefinitionSubstitutions``.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from bedrock_lifecycle.document import Document, LineIndex, MapNode, Node, ScalarNode, walk
from bedrock_lifecycle.errors import ParseFailure
from bedrock_lifecycle.extract.generic import key_path_str, references_in, with_suppressions
from bedrock_lifecycle.model import Reference
from bedrock_lifecycle.paths import within
from bedrock_lifecycle.resolve.ids import Recognizer

if TYPE_CHECKING:
    from bedrock_lifecycle.extract import ExtractContext

LOG = logging.getLogger(__name__)

KIND = "stepfunctions"
MAX_LOCAL_FILE = 2 * 1024 * 1024
_LONE_CR = re.compile(r"\r(?!\n)")


def asl_root(root: Node | None) -> MapNode | None:
    if (
        isinstance(root, MapNode)
        and isinstance(root.get("States"), MapNode)
        and isinstance(root.get("StartAt"), ScalarNode)
    ):
        return root
    return None


def is_asl(doc: Document) -> bool:
    return doc.kind in ("yaml", "json") and len(doc.roots) == 1 and asl_root(doc.roots[0]) is not None


def state_name(key_path: tuple[str | int, ...]) -> tuple[str, str]:
    """('States.Summarise', 'Parameters.ModelId') for a key path inside an ASL definition.

    The innermost state wins, so a task inside a Parallel branch or a Map is named by its own path.
    """
    last = -1
    for i in range(len(key_path) - 1):
        if key_path[i] == "States" and isinstance(key_path[i + 1], str):
            last = i
    if last < 0:
        return key_path_str(key_path), str(key_path[-1]) if key_path else ""
    return key_path_str(key_path[: last + 2]), key_path_str(key_path[last + 2 :])


def extract_stepfunctions(doc: Document, recognizer: Recognizer, ctx: ExtractContext) -> list[Reference]:
    index = LineIndex(doc.text)
    refs: list[Reference] = []
    for key_path, node in walk(doc.roots[0]):
        if isinstance(node, ScalarNode) and node.is_string and node.value:
            resource, attribute = state_name(key_path)
            for ref in references_in(
                doc, index, recognizer, node.value, node.start, node.end, resource or doc.path, attribute
            ):
                refs.append(replace(ref, kind=KIND))
    return with_suppressions(doc, refs)


# --- shared with the CloudFormation extractor ---


def definition_paths(text: str) -> Callable[[int], str]:
    """offset -> key path of the ASL string there, for a DefinitionString; '' when it is not JSON."""
    from bedrock_lifecycle.parsers.json_doc import parse_json

    try:
        root, _ = parse_json(text)
    except (ParseFailure, RecursionError):
        return lambda offset: ""
    spans = [(n.start, n.end, kp) for kp, n in walk(root) if isinstance(n, ScalarNode)]

    def at(offset: int) -> str:
        inside = [s for s in spans if s[0] <= offset < s[1]]
        if not inside:
            return ""
        return key_path_str(min(inside, key=lambda s: s[1] - s[0])[2])

    return at


def read_local(root: str, base_file: str, ref: str) -> tuple[str, str] | None:
    """(path relative to the scan root, text) of a local file a template names; None otherwise.

    Only plain relative or absolute paths inside the scan root are read (never a URL, never a
    path with an unresolved placeholder, never outside the root, never more than 2 MB).
    """
    ref = ref.strip()
    if ref.startswith("file://"):
        ref = ref[len("file://") :]
    if not ref or "://" in ref or ref.startswith(("s3:", "http:", "https:")) or "${" in ref:
        return None
    path = os.path.normpath(os.path.join(os.path.dirname(base_file), ref))
    real = os.path.realpath(path)
    if not within(real, os.path.realpath(root)) or not os.path.isfile(real):
        return None
    try:
        if os.path.getsize(real) > MAX_LOCAL_FILE:
            return None
        with open(real, "rb") as fh:
            text = fh.read().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    rel = os.path.relpath(path, root).replace(os.sep, "/")
    return rel, _LONE_CR.sub("\n", text)


def parse_local(rel: str, text: str) -> Node | None:
    """The single document of a local file, with positions; None when it does not parse."""
    try:
        if rel.endswith(".json"):
            from bedrock_lifecycle.parsers.json_doc import parse_json

            return parse_json(text)[0]
        from bedrock_lifecycle.parsers.yaml_doc import compose

        roots = compose(text)
    except (ParseFailure, RecursionError):
        return None
    return roots[0] if len(roots) == 1 else None


__all__ = ["asl_root", "definition_paths", "extract_stepfunctions", "is_asl", "parse_local", "read_local", "state_name"]
