"""Terraform JSON syntax (``.tf.json``, ``.tfvars.json``) -> the same Body/Expr tree as HCL.

In ``.tf.json`` every string is a template (``"${var.x}"`` is an expression),
except where Terraform reads literal values: variable defaults and
``.tfvars.json`` files. Nested objects are kept as object expressions: walking
``{"environment": {"variables": {...}}}`` gives the same attribute paths as the
equivalent HCL blocks, so no provider schema is needed. Keys named ``//`` are
comments, as in Terraform.
"""

from __future__ import annotations

import logging

from bedrock_lifecycle.document import MapNode, Node, ScalarNode, SeqNode
from bedrock_lifecycle.errors import ParseFailure
from bedrock_lifecycle.parsers.hcl_ast import (
    EMPTY_BODY,
    Attr,
    Block,
    Body,
    Expr,
    Lit,
    ObjectExpr,
    StrPart,
    Template,
    TupleExpr,
)
from bedrock_lifecycle.parsers.hcl_ts import parse_template
from bedrock_lifecycle.parsers.json_doc import parse_json

LOG = logging.getLogger(__name__)

# Block type -> number of labels (resource "type" "name", module "name", ...).
_LABELS = {"resource": 2, "data": 2, "module": 1, "variable": 1, "output": 1, "provider": 1, "check": 1}


def parse_tf_json(text: str, *, variables_file: bool = False) -> Body:
    root, _comments = parse_json(text)
    if not isinstance(root, MapNode):
        raise ParseFailure("a Terraform JSON file holds one object", 1, 1)
    conv = _Json(text)
    if variables_file:
        return Body(tuple(conv.attr(k, v, literal=True) for k, v in root.items if k.value != "//"), ())
    blocks: list[Block] = []
    for key, value in root.items:
        if key.value == "//":
            continue
        blocks += conv.blocks(key.value, _LABELS.get(key.value, 0), value, ())
    return Body((), tuple(blocks))


class _Json:
    def __init__(self, text: str) -> None:
        self.text = text

    def blocks(self, kind: str, labels_left: int, node: Node, labels: tuple[str, ...]) -> list[Block]:
        if isinstance(node, SeqNode):
            return [b for item in node.items for b in self.blocks(kind, labels_left, item, labels)]
        if not isinstance(node, MapNode):
            return []
        if labels_left:
            out: list[Block] = []
            for key, value in node.items:
                if key.value != "//":
                    out += self.blocks(kind, labels_left - 1, value, labels + (key.value,))
            return out
        literal = kind == "variable"
        attrs = tuple(
            self.attr(k, v, literal=literal and k.value == "default") for k, v in node.items if k.value != "//"
        )
        return [Block(kind, labels, Body(attrs, ()) if attrs else EMPTY_BODY, node.start, node.end)]

    def attr(self, key: ScalarNode, value: Node, *, literal: bool = False) -> Attr:
        return Attr(key.value, self.expr(value, literal), key.start, value.end)

    def expr(self, node: Node, literal: bool) -> Expr:
        if isinstance(node, MapNode):
            items = tuple((k.value, self.expr(v, literal)) for k, v in node.items if k.value != "//")
            return ObjectExpr(items, node.start, node.end)
        if isinstance(node, SeqNode):
            return TupleExpr(tuple(self.expr(v, literal) for v in node.items), node.start, node.end)
        if not node.is_string:
            return Lit(_scalar(node.value), node.start, node.end)
        raw = self.text[node.start + 1 : node.end - 1]
        exact = raw == node.value
        if literal or ("${" not in node.value and "%{" not in node.value):
            s, e = (node.start + 1, node.end - 1) if exact else (node.start, node.end)
            return Template((StrPart(node.value, s, e),) if node.value else (), node.start, node.end)
        parts = (
            parse_template(raw, node.start + 1) if exact else parse_template(raw, node.start + 1, decoded=node.value)
        )
        return Template(parts, node.start, node.end)


def _scalar(raw: str) -> object:
    if raw in ("true", "false"):
        return raw == "true"
    if raw == "null":
        return None
    try:
        return int(raw)
    except ValueError:
        try:
            return float(raw)
        except ValueError:
            return raw
