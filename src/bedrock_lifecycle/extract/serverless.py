"""Serverless Framework files: ``serverless.yml`` (any name) with its variables resolved in the file.

A YAML/JSON document with top-level ``service`` and ``provider`` is a Serverless Framework
service. Its ``${...}`` variables are expanded where the file itself knows the answer:

* ``${self:custom.model}``, ``${self:provider.x}`` (any path into the file), followed to the
  literal they name, with the hops recorded;
* ``${env:X}``, ``${opt:x}``, ``${ssm:...}``, ``${file(...)...}``, ``${cf:...}``, ``${s3:...}``,
  ``${param:...}`` cannot be known statically: they stay placeholders and name no model, except
  that a literal fallback (``${env:MODEL, '<model ID>'}``) is reported as one of the
  values the setting can take;
* ``${sls:stage}``, ``${aws:region}`` are placeholders that do not stop an ARN's model part
  from resolving.

Functions (``functions.chat``), ``provider``, ``stepFunctions.stateMachines.<name>`` (the
serverless-step-functions plugin's inline ASL) and every other section are use sites; the
CloudFormation under ``resources`` is evaluated with ``resolve.cfn`` like a template.
``custom`` is where values are kept: its literals are reported where they are used, or by key
path when nothing uses them. The --framework group is ``cloudformation``: Serverless compiles
to a CloudFormation stack.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from bedrock_lifecycle.document import Document, MapNode, Node, ScalarNode
from bedrock_lifecycle.extract.cloudformation import Collector, Scope, namer, walk_node, walk_template
from bedrock_lifecycle.extract.generic import key_path_str, with_suppressions
from bedrock_lifecycle.model import Reference, Step
from bedrock_lifecycle.resolve.cfn import (
    Origin,
    Piece,
    Source,
    Template,
    Value,
    concat,
    hop,
    literal,
    placeholder,
)
from bedrock_lifecycle.resolve.ids import Recognizer

if TYPE_CHECKING:
    from bedrock_lifecycle.extract import ExtractContext

LOG = logging.getLogger(__name__)

KIND = "serverless"
MAX_DEPTH = 10  # ${self:...} chains followed this deep
PSEUDO_SOURCES = ("sls", "aws")  # stage, region, account: placeholders inside ARNs


def service_root(doc: Document) -> MapNode | None:
    if doc.kind not in ("yaml", "json") or len(doc.roots) != 1:
        return None
    root = doc.roots[0]
    if isinstance(root, MapNode) and root.get("service") is not None and root.get("provider") is not None:
        return root
    return None


def is_serverless(doc: Document) -> bool:
    return service_root(doc) is not None


def variables(text: str) -> list[tuple[int, int]]:
    """(start, end) of each top-level ``${...}`` in text; nested variables stay inside."""
    out = []
    i = text.find("${")
    while i >= 0:
        depth, j = 0, i
        while j < len(text):
            if text.startswith("${", j):
                depth += 1
                j += 2
                continue
            if text[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        if j >= len(text):
            break  # unbalanced: left as text
        out.append((i, j + 1))
        i = text.find("${", j + 1)
    return out


def split_args(text: str, base: int) -> list[tuple[str, int]]:
    """Top-level comma-separated parts of a variable's body, with their offsets (quotes respected)."""
    parts = []
    depth, quote, start = 0, "", 0
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif text.startswith("${", i):
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
        elif ch == "," and not depth:
            parts.append((text[start:i], base + start))
            start = i + 1
    parts.append((text[start:], base + start))
    out = []
    for part, at in parts:
        stripped = part.strip()
        out.append((stripped, at + (len(part) - len(part.lstrip()))))
    return out


class Variables:
    """Expands a scalar's ``${...}`` variables into values (see the module docstring)."""

    def __init__(self, source: Source, root: MapNode) -> None:
        self.source = source
        self.root = root

    def render(self, node: ScalarNode, depth: int = 0) -> list[Value]:
        text = node.value
        if "${" not in text:
            return literal(self.source, node)
        parts: list[list[Value]] = []
        pos = 0
        for start, end in variables(text):
            if start > pos:
                parts.append([Value((Piece(text[pos:start], Origin(self.source, node, pos)),))])
            parts.append(self.variable(node, start, end, depth))
            pos = end
        if pos < len(text):
            parts.append([Value((Piece(text[pos:], Origin(self.source, node, pos)),))])
        return concat(parts)

    def variable(self, node: ScalarNode, start: int, end: int, depth: int) -> list[Value]:
        body = node.value[start + 2 : end - 1]
        args = split_args(body, start + 2)
        address, _at = args[0]
        line = self.source.line_in(node, start, node.value[start:end])
        resolved = self.address(node, address, depth)
        if resolved is None:
            return self.fallback(node, args[1:], depth, "${...}", line) or [placeholder("unresolved")]
        address, guessed = resolved
        label = "${" + address + "}"
        source, _, rest = address.partition(":")
        if source == "self" and depth < MAX_DEPTH:
            target = self.lookup(rest)
            if isinstance(target, ScalarNode):
                found = hop(self.render(target, depth + 1), Step(self.source.path, line, label), rest)
                return [Value(v.pieces, True) for v in found] if guessed else found
        if source in PSEUDO_SOURCES and len(args) == 1:
            return [placeholder(address.replace(" ", ""))]
        return self.fallback(node, args[1:], depth, label, line, definite=source == "self") or [
            placeholder(address.replace(" ", ""))
        ]

    def address(self, node: ScalarNode, address: str, depth: int) -> tuple[str, bool] | None:
        """The address with nested variables expanded, and whether a fallback chose it
        (``${self:custom.${opt:stage, 'prod'}.model}``); None when a nested value is not known."""
        if "${" not in address:
            return address, False
        out, pos, guessed = "", 0, False
        for start, end in variables(address):
            inner = ScalarNode(address[start:end], node.start, node.end, None, node.style)
            values = self.render(inner, depth + 1)
            if len(values) != 1 or any(p.origin is None for p in values[0].pieces):
                return None
            out += address[pos:start] + values[0].text
            guessed = guessed or values[0].possible
            pos = end
        return out + address[pos:], guessed

    def fallback(
        self, node: ScalarNode, args: list[tuple[str, int]], depth: int, label: str, line: int, definite: bool = False
    ) -> list[Value]:
        """The first fallback that gives a value: a quoted literal, a number, or another variable.

        A fallback of a value only the deployment knows (``env``, ``opt``, ``ssm``...) is one of the
        values the setting may take; the fallback of a ``self`` path the file lacks is the value.
        """
        for text, at in args:
            if len(text) >= 2 and text[0] in "'\"" and text[-1] == text[0]:
                piece = Value((Piece(text[1:-1], Origin(self.source, node, at + 1)),), possible=not definite)
                via = f"default of {label}"
                return hop([piece], Step(self.source.path, line, via), via)
            if text.startswith("${") and depth < MAX_DEPTH:
                found = self.variable(node, at, at + len(text), depth + 1)
                if any(p.origin is not None for v in found for p in v.pieces):
                    return [Value(v.pieces, v.possible or not definite) for v in found]
                continue
            if text and text.replace(".", "", 1).isdigit():
                return [Value((Piece(text, Origin(self.source, node, at)),), possible=not definite)]
        return []

    def lookup(self, path: str) -> Node | None:
        node: Node | None = self.root
        for part in path.strip().split("."):
            if not part:
                return None
            node = node.get(part) if isinstance(node, MapNode) else None
            if node is None:
                return None
        return node


def _name(root: MapNode, cfn_root: MapNode) -> Callable[[tuple[str | int, ...]], tuple[str, str]]:
    cfn = namer(cfn_root)

    def name(key_path: tuple[str | int, ...]) -> tuple[str, str]:
        head = key_path[0] if key_path else ""
        if head == "resources" and len(key_path) >= 3:
            return cfn(key_path[1:])
        if head == "functions" and len(key_path) >= 2:
            return f"functions.{key_path[1]}", key_path_str(key_path[2:])
        if head == "stepFunctions" and len(key_path) >= 3 and key_path[1] == "stateMachines":
            return f"stepFunctions.stateMachines.{key_path[2]}", key_path_str(key_path[3:])
        if head == "provider":
            return "provider", key_path_str(key_path[1:])
        return key_path_str(key_path), str(key_path[-1]) if key_path else ""

    return name


def extract_serverless(doc: Document, recognizer: Recognizer, ctx: ExtractContext) -> list[Reference]:
    root = service_root(doc)
    assert root is not None
    home = Source.of(doc.path, doc.text)
    expander = Variables(home, root)
    resources = root.get("resources")
    cfn_root = resources if isinstance(resources, MapNode) else MapNode((), 0, 0)
    tpl = Template(home, cfn_root, scalar=expander.render)
    scope = Scope(tpl, ctx.path, ctx.root, chain=(os.path.realpath(ctx.path),))
    c = Collector(home, recognizer, KIND)
    name = _name(root, cfn_root)
    for key, value in root.items:
        section = key.value
        if section in ("custom", "resources"):
            continue
        if section == "functions" and isinstance(value, MapNode):
            for fn, body in value.items:
                walk_node(c, scope, body, f"functions.{fn.value}", "", ())
        elif (
            section == "stepFunctions"
            and isinstance(value, MapNode)
            and isinstance(machines := value.get("stateMachines"), MapNode)
        ):
            for sm, body in machines.items:
                walk_node(c, scope, body, f"stepFunctions.stateMachines.{sm.value}", "", ())
        elif section == "provider":
            walk_node(c, scope, value, "provider", "", ())
        else:
            walk_node(c, scope, value, section, "", ())
    if isinstance(resources, MapNode):
        walk_template(c, scope)
    c.cover(tpl.unselected)
    c.remaining(doc, root, name)
    return with_suppressions(doc, c.refs)


__all__ = ["Variables", "extract_serverless", "is_serverless", "split_args", "variables"]
