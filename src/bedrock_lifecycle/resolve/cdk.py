"""CDK model constants: ``FoundationModelIdentifier.X`` and ``BedrockFoundationModel.X`` -> model IDs.

CDK apps name a model by a class constant rather than by its ID: aws-cdk-lib's
``aws_bedrock.FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1`` (TypeScript,
JavaScript, Python, Java and C# spell it so; Go as
``awsbedrock.FoundationModelIdentifier_ANTHROPIC_CLAUDE_V2_1()``) and
``BedrockFoundationModel.ANTHROPIC_CLAUDE_V2_1`` of generative-ai-cdk-constructs
and aws-bedrock-alpha. The table (catalog/data/cdk_constants.json) is derived
from the libraries' published packages by scripts/build_cdk_constants.py; it is
read on first use only.

A constant the table does not hold is reported as unknown with its name (a typo,
or a library newer than the table); it is never guessed from its spelling.
"""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

TABLE_PATH = Path(__file__).resolve().parent.parent / "catalog" / "data" / "cdk_constants.json"
FORM = "cdk-constant"  # ParsedId.form of a reference written as a constant

CLASSES = ("FoundationModelIdentifier", "BedrockFoundationModel")
# 'FoundationModelIdentifier.NAME' (every jsii language but Go) or 'FoundationModelIdentifier_NAME' (Go's
# getter function); the name is a constant's: upper case, digits and underscores.
CONSTANT = re.compile(r"(?<![\w$])(FoundationModelIdentifier|BedrockFoundationModel)(?:\s*\.\s*|_)([A-Z][A-Z0-9_]*)\b")
GATES = tuple(c.lower().encode() for c in CLASSES)  # bytes (lower-cased) that make a file worth parsing


@cache
def table() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    return doc


def split(text: str) -> tuple[str, str] | None:
    """(class, constant name) when ``text`` is a constant reference as written, else None."""
    m = CONSTANT.fullmatch(text.strip())
    return (m.group(1), m.group(2)) if m else None


def model_id(cls: str, name: str) -> str | None:
    """The model ID a constant stands for; None when the table has no such constant."""
    found = table()["classes"].get(cls, {}).get(name)
    return str(found) if found is not None else None


def libraries(cls: str) -> str:
    """'aws-cdk-lib 2.278.0' (and so on): the library versions the table holds for a class."""
    libs = table()["libraries"]
    return ", ".join(f"{pkg} {info['version']}" for pkg, info in sorted(libs.items()) if cls in info["classes"])


def unknown_note(cls: str, name: str) -> str:
    close = difflib.get_close_matches(name, list(table()["classes"].get(cls, {})), n=3, cutoff=0.8)
    hint = f" (did you mean {', '.join(f'{cls}.{c}' for c in close)}?)" if close else ""
    return f"{cls} has no constant {name} in {libraries(cls)}{hint}"


def constant_for(cls: str, model: str) -> str | None:
    """The first constant of ``cls`` (by name) that stands for ``model``: for rewriting a constant."""
    names = sorted(n for n, i in table()["classes"].get(cls, {}).items() if str(i).lower() == model.lower())
    return names[0] if names else None
