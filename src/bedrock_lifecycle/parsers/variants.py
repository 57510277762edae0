"""Example and template variants: ``dev.json.example``, ``values.yaml.tpl``, ``settings.toml.j2``.

Teams commit the file they copy before deploying (``*.example``, ``*.sample``,
``*.dist``) and the templates a tool renders (``*.tmpl``, ``*.tpl``, ``*.j2``,
``*.jinja``, ``*.template``). Such a file is read by the parser of its inner
name, so it gets that format's key paths and resources. A template's syntax is
not the format's: a templated YAML file is read as an indentation outline (as
Helm chart templates are), and a templated file of another format that its
parser rejects is read as text without a parse error (the template is not
malformed). An example file that fails to parse gets the usual diagnostic.

CloudFormation's own ``*.template`` (and ``*.template.json``) are claimed
before this wrapper is consulted, by the YAML and JSON parsers.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from bedrock_lifecycle.document import Document
from bedrock_lifecycle.errors import ParseFailure
from bedrock_lifecycle.parsers.base import Parser
from bedrock_lifecycle.parsers.text import TextParser

LOG = logging.getLogger(__name__)

EXAMPLE_SUFFIXES = (".example", ".sample", ".dist", ".orig", ".default", ".defaults")
TEMPLATE_SUFFIXES = (".tmpl", ".tpl", ".j2", ".jinja", ".jinja2", ".template")
VARIANT_SUFFIXES = EXAMPLE_SUFFIXES + TEMPLATE_SUFFIXES
_TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%|\{#|\$\{\{")
_JINJA_TAG = re.compile(r"\{%-?.*?-?%\}|\{#.*?#\}", re.S)


def inner_path(path: str) -> tuple[str, bool] | None:
    """('dev.json', False) for 'dev.json.example'; (inner, True) when a template suffix was stripped."""
    inner = path
    templated = False
    while True:
        low = inner.lower()
        suffix = next((s for s in VARIANT_SUFFIXES if low.endswith(s)), None)
        if suffix is None:
            break
        stem = inner[: -len(suffix)]
        name = stem.rsplit("/", 1)[-1]
        if not name or name.startswith(".") and "." not in name[1:] and name != ".env":
            break  # '.tmpl' alone, or '.gitignore.dist'-style dot files other than .env
        templated = templated or suffix in TEMPLATE_SUFFIXES
        inner = stem
    return (inner, templated) if inner != path else None


class VariantParser:
    """The inner format's parser, for a file named after it with an example or template suffix."""

    def __init__(self, inner: Parser, inner_path: str, templated: bool) -> None:
        self.inner = inner
        self.inner_path = inner_path
        self.templated = templated
        self.name = inner.name
        self.frameworks = inner.frameworks
        self.comment_markers = inner.comment_markers

    def claims(self, path: str) -> bool:
        return inner_path(path) is not None

    def parse(self, path: str, text: str) -> Document:
        if self.inner.name == "terraform":
            # Not part of its directory's module (Terraform reads only .tf/.tfvars): checked for syntax, then
            # read on its own, each value named by its key ('model_id' of 'terraform.tfvars.example').
            if not (self.templated and _TEMPLATE_SYNTAX.search(text)):
                self.inner.parse(path, text)
            return TextParser(self.comment_markers).parse(path, text)
        if not (self.templated and _TEMPLATE_SYNTAX.search(text)):
            return self.inner.parse(path, text)
        # Jinja statements and comments are blanked (same length: offsets stay), expressions stay.
        blanked = _JINJA_TAG.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
        if self.inner.name == "yaml":
            from bedrock_lifecycle.parsers.helm import outline

            scalars, comments = outline(blanked)
            return Document(path, "helm", text, scalars=tuple(scalars), comments=tuple(comments))
        try:
            doc = self.inner.parse(path, blanked)
        except (ParseFailure, RecursionError):
            LOG.debug("%s: template syntax the %s parser rejects; read as text", path, self.inner.name)
            return TextParser(self.comment_markers).parse(path, text)
        return replace(doc, text=text)  # same offsets: the template tags were blanked, not removed

    def __repr__(self) -> str:
        return f"VariantParser({self.inner!r}, templated={self.templated})"
