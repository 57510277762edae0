"""Terraform and other HCL files: the parsers of the registry (light to import).

``.tf``, ``*.tfvars`` and other ``*.hcl`` files are parsed by tree-sitter with
the ``tree-sitter-hcl`` grammar and converted into the expression tree of
hcl_ast.py by hcl_ts.py; ``.tf.json`` and ``*.tfvars.json`` are read into the
same tree by tf_json.py. Both are imported only when such a file is parsed, so
the registry (and a scan without Terraform) pays nothing for them. The tree's
types and functions are still importable from here (``from
bedrock_lifecycle.parsers.hcl import Body, parse_hcl``), loaded on first use.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from bedrock_lifecycle.document import Document
from bedrock_lifecycle.parsers.base import basename

if TYPE_CHECKING:
    from bedrock_lifecycle.parsers.hcl_ast import *  # noqa: F403
    from bedrock_lifecycle.parsers.hcl_ts import HclParse as HclParse
    from bedrock_lifecycle.parsers.hcl_ts import parse_expression as parse_expression
    from bedrock_lifecycle.parsers.hcl_ts import parse_hcl as parse_hcl
    from bedrock_lifecycle.parsers.hcl_ts import parse_hcl_partial as parse_hcl_partial
    from bedrock_lifecycle.parsers.hcl_ts import parse_template as parse_template

KIND = "terraform"
HCL_KIND = "hcl"  # other HCL files (Terragrunt)
SUFFIXES = (".tf", ".tf.json", ".tfvars", ".tfvars.json")

# --- the parser ---

_PARSED: OrderedDict[tuple[str, str, int, int], Document] = OrderedDict()
_PARSED_MAX = 256


class HclParser:
    """Terraform configuration and variable files, HCL or JSON syntax."""

    name = KIND
    frameworks = ("terraform",)
    comment_markers = ("#", "//")

    def claims(self, path: str) -> bool:
        return basename(path).endswith(SUFFIXES)

    def parse(self, path: str, text: str) -> Document:
        """Parse, or return this process's earlier parse of the same text.

        The pipeline parses a file that may name a model, and the Terraform
        extractor parses the file's siblings to resolve it: a module's files
        would otherwise be parsed again when their own turn comes.
        """
        key = (self.name, path, len(text), hash(text))
        hit = _PARSED.get(key)
        if hit is not None and hit.text == text:
            _PARSED.move_to_end(key)
            return hit
        doc = self._parse(path, text)
        _PARSED[key] = doc
        while len(_PARSED) > _PARSED_MAX:
            _PARSED.popitem(last=False)
        return doc

    def _parse(self, path: str, text: str) -> Document:
        if path.endswith(".json"):
            from bedrock_lifecycle.parsers.tf_json import parse_tf_json

            body = parse_tf_json(text, variables_file=path.endswith(".tfvars.json"))
            return Document(path, KIND, text, meta={"body": body})
        from bedrock_lifecycle.parsers.hcl_ts import parse_hcl_partial

        parsed = parse_hcl_partial(text)
        return Document(
            path,
            self.name,
            text,
            comments=parsed.comments,
            problems=parsed.problems,
            unparsed=parsed.unparsed,
            meta={"body": parsed.body},
        )


class HclConfigParser(HclParser):
    """Other HCL files: Terragrunt (``terragrunt.hcl``, ``root.hcl``, ``env.hcl`` ...), Packer, Nomad.

    The same syntax and tree as Terraform; extract/terragrunt.py gives them their meaning.
    """

    name = HCL_KIND

    def claims(self, path: str) -> bool:
        return basename(path).endswith(".hcl")  # .terraform.lock.hcl is a lock file: parsers/generated.py


_LAZY_TS = frozenset({"HclParse", "parse_expression", "parse_hcl", "parse_hcl_partial", "parse_template"})


def __getattr__(name: str) -> Any:
    """The tree's types (hcl_ast) and the parsing functions (hcl_ts), imported on first use."""
    if name.startswith("__"):  # '__path__' and friends, asked by the import system: never load the tree for them
        raise AttributeError(name)
    if name in _LAZY_TS:
        from bedrock_lifecycle.parsers import hcl_ts

        return getattr(hcl_ts, name)
    from bedrock_lifecycle.parsers import hcl_ast

    if name in hcl_ast.__all__:
        return getattr(hcl_ast, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
