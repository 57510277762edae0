"""Document -> References.

Extractors are tried in order; the first whose matcher accepts the document
handles it (CloudFormation, Serverless and Kubernetes are YAML/JSON recognised
by their content, not their file name). The generic extractor takes the rest.
An extractor whose framework is not enabled (--framework) is passed over, and
a document no enabled extractor accepts yields nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bedrock_lifecycle.document import Document
from bedrock_lifecycle.extract.cloudformation import extract_cloudformation, is_template
from bedrock_lifecycle.extract.generic import extract_generic
from bedrock_lifecycle.extract.serverless import extract_serverless, is_serverless
from bedrock_lifecycle.extract.source import extract_source, is_source
from bedrock_lifecycle.extract.stepfunctions import extract_stepfunctions, is_asl
from bedrock_lifecycle.extract.terraform import extract_terraform
from bedrock_lifecycle.extract.terraform import matches as is_terraform
from bedrock_lifecycle.model import Reference
from bedrock_lifecycle.resolve.ids import Recognizer


@dataclass(frozen=True)
class ExtractContext:
    root: str  # absolute scan root
    path: str  # the file's path on disk (extractors may read siblings, e.g. variables.tf)
    frameworks: frozenset[str]


Extractor = Callable[[Document, Recognizer, ExtractContext], list[Reference]]
Matcher = Callable[[Document], bool]


@dataclass(frozen=True)
class ExtractorEntry:
    name: str
    framework: str
    matches: Matcher
    extract: Extractor


def _generic(doc: Document, recognizer: Recognizer, ctx: ExtractContext) -> list[Reference]:
    return extract_generic(doc, recognizer)


GENERIC = ExtractorEntry("generic", "config", lambda doc: True, _generic)

# Ordered: specific formats first. Each format module adds one line here.
EXTRACTORS: tuple[ExtractorEntry, ...] = (
    ExtractorEntry("terraform", "terraform", is_terraform, extract_terraform),  # .tf, .tfvars, .tf.json
    ExtractorEntry("cloudformation", "cloudformation", is_template, extract_cloudformation),  # CFN, SAM, CDK
    ExtractorEntry("serverless", "cloudformation", is_serverless, extract_serverless),  # compiles to CFN
    ExtractorEntry("stepfunctions", "cloudformation", is_asl, extract_stepfunctions),  # ASL JSON/YAML
    ExtractorEntry("source", "source", is_source, extract_source),  # string literals in code
)


def extractor_for(doc: Document, frameworks: frozenset[str]) -> ExtractorEntry | None:
    for entry in EXTRACTORS:
        if entry.matches(doc):
            return entry if entry.framework in frameworks else None
    return GENERIC if GENERIC.framework in frameworks or doc.kind == "text" else None


def extract(doc: Document, recognizer: Recognizer, ctx: ExtractContext) -> list[Reference]:
    entry = extractor_for(doc, ctx.frameworks)
    return entry.extract(doc, recognizer, ctx) if entry else []


__all__ = ["EXTRACTORS", "ExtractContext", "ExtractorEntry", "extract", "extractor_for"]
