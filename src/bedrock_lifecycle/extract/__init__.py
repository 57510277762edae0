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
from importlib import import_module

from bedrock_lifecycle.document import Document
from bedrock_lifecycle.extract.generic import extract_generic
from bedrock_lifecycle.model import Reference
from bedrock_lifecycle.parsers.docs import DOC_KINDS
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
    """A format's extractor, named by module so it is imported only for a document it may handle.

    ``kinds`` lists the document kinds the matcher can accept (None: any), so a YAML file never imports
    the Terraform evaluator and a .tf file never imports the CloudFormation one: start-up stays light.
    """

    name: str
    framework: str
    module: str
    matcher: str
    function: str
    kinds: frozenset[str] | None = None
    also: tuple[str, ...] = ()  # further frameworks it serves (a notebook's markdown cells are docs)

    def enabled(self, frameworks: frozenset[str]) -> bool:
        return self.framework in frameworks or not frameworks.isdisjoint(self.also)

    def matches(self, doc: Document) -> bool:
        if self.kinds is not None and doc.kind not in self.kinds:
            return False
        return bool(getattr(import_module(self.module), self.matcher)(doc))

    def extract(self, doc: Document, recognizer: Recognizer, ctx: ExtractContext) -> list[Reference]:
        fn: Extractor = getattr(import_module(self.module), self.function)
        return fn(doc, recognizer, ctx)


class _Generic(ExtractorEntry):
    def matches(self, doc: Document) -> bool:
        return True

    def extract(self, doc: Document, recognizer: Recognizer, ctx: ExtractContext) -> list[Reference]:
        return extract_generic(doc, recognizer)


GENERIC = _Generic("generic", "config", __name__, "", "")
_X = "bedrock_lifecycle.extract."
_TREES = frozenset({"yaml", "json"})

# Ordered: specific formats first. Each format adds one entry here.
EXTRACTORS: tuple[ExtractorEntry, ...] = (
    ExtractorEntry(
        "terraform", "terraform", _X + "terraform", "matches", "extract_terraform", frozenset({"terraform"})
    ),  # .tf, .tfvars, .tf.json
    ExtractorEntry(
        "terragrunt", "terraform", _X + "terragrunt", "matches", "extract_terragrunt", frozenset({"hcl"})
    ),  # terragrunt.hcl and other *.hcl
    ExtractorEntry(
        "cloudformation", "cloudformation", _X + "cloudformation", "is_template", "extract_cloudformation", _TREES
    ),  # CFN, SAM, CDK
    ExtractorEntry(
        "serverless", "cloudformation", _X + "serverless", "is_serverless", "extract_serverless", _TREES
    ),  # compiles to CloudFormation
    ExtractorEntry(
        "stepfunctions", "cloudformation", _X + "stepfunctions", "is_asl", "extract_stepfunctions", _TREES
    ),  # ASL JSON/YAML
    ExtractorEntry("source", "source", _X + "source", "is_source", "extract_source"),  # string literals in code
    ExtractorEntry(
        "shell",
        "shell",
        _X + "shell",
        "is_shell",
        "extract_shell",
        frozenset({"shell", "dockerfile", "make", "procfile"}),
    ),  # scripts, Dockerfiles, Makefiles, Procfiles
    ExtractorEntry(
        "notebook", "source", _X + "notebook", "is_notebook", "extract_notebook", frozenset({"notebook"}), ("docs",)
    ),  # code cells are source; markdown cells and outputs are docs
    ExtractorEntry("docs", "docs", _X + "docs", "is_docs", "extract_docs", DOC_KINDS),  # Markdown, rst, AsciiDoc
)


def extractor_for(doc: Document, frameworks: frozenset[str]) -> ExtractorEntry | None:
    for entry in EXTRACTORS:
        if entry.matches(doc):
            return entry if entry.enabled(frameworks) else None
    return GENERIC if GENERIC.framework in frameworks or doc.kind == "text" else None


def extract(doc: Document, recognizer: Recognizer, ctx: ExtractContext) -> list[Reference]:
    entry = extractor_for(doc, ctx.frameworks)
    return entry.extract(doc, recognizer, ctx) if entry else []


__all__ = ["EXTRACTORS", "ExtractContext", "ExtractorEntry", "extract", "extractor_for"]
