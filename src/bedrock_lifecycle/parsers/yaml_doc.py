"""YAML: every document of a file, composed (never constructed) into nodes with offsets.

PyYAML's compose step builds the node graph without constructing any Python
object, so no tag (``!!python/object``...) is ever executed, and CloudFormation
short-form tags (``!Ref``, ``!Sub``...) need no constructor at all. Aliases are
shared nodes, converted once: an alias bomb costs one pass over distinct nodes.
"""

from __future__ import annotations

import logging
from typing import Any

from bedrock_lifecycle.document import Comment, Document, MapNode, Node, ScalarNode, SeqNode
from bedrock_lifecycle.errors import ParseFailure
from bedrock_lifecycle.parsers.base import basename
from bedrock_lifecycle.parsers.text import hash_comments

LOG = logging.getLogger(__name__)

_STD = "tag:yaml.org,2002:"
_NOT_STRING = {_STD + "int", _STD + "float", _STD + "bool", _STD + "null"}


class YamlParser:
    name = "yaml"
    frameworks = ("cloudformation", "config")
    comment_markers = ("#",)

    def claims(self, path: str) -> bool:
        # '.template': CloudFormation's own extension (YAML, or JSON, which YAML reads too)
        return path.endswith((".yaml", ".yml", ".template")) or basename(path) in (".bedrock-lifecycle.yaml",)

    def parse(self, path: str, text: str) -> Document:
        return Document(path, self.name, text, roots=compose(text), comments=yaml_comments(text))


def compose(text: str) -> tuple[Node, ...]:
    import yaml

    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return tuple(_convert(n) for n in yaml.compose_all(text, Loader=loader_cls) if n is not None)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = " ".join(x for x in (exc.context, exc.problem) if x) or str(exc)
        raise ParseFailure(msg, mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    except yaml.reader.ReaderError as exc:  # a control character (NUL...): no mark, only an offset
        line, col = _reader_position(text, exc.position, bytes_offset=loader_cls is not yaml.SafeLoader)
        char = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
        raise ParseFailure(f"unacceptable character #x{char:04x}: {exc.reason}", line, col) from None
    except yaml.YAMLError as exc:
        raise ParseFailure(" ".join(str(exc).split())) from None


def _reader_position(text: str, position: int, *, bytes_offset: bool) -> tuple[int, int]:
    """(line, column) of a ReaderError; libyaml counts UTF-8 bytes, the pure-Python reader characters."""
    prefix = (
        text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "replace") if bytes_offset else text[:position]
    )
    return prefix.count("\n") + 1, len(prefix) - (prefix.rfind("\n") + 1) + 1


def _tag(tag: str | None) -> str | None:
    if not tag or tag.startswith(_STD):
        return None
    return tag


def _convert(root: Any) -> Node:
    """yaml nodes -> our nodes, iteratively, each distinct node once; cycles cut."""
    import yaml

    done: dict[int, Node] = {}
    open_: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        key = id(node)
        if key in done:
            continue
        start, end = node.start_mark.index, node.end_mark.index
        if isinstance(node, yaml.ScalarNode):
            done[key] = ScalarNode(node.value, start, end, _tag(node.tag), node.style, node.tag not in _NOT_STRING)
            continue
        children = [c for pair in node.value for c in pair] if isinstance(node, yaml.MappingNode) else node.value
        if not ready:
            if key in open_:
                continue  # a cycle: converted when its first visit completes
            open_.add(key)
            stack.append((node, True))
            stack.extend((c, False) for c in reversed(children) if id(c) not in done)
            continue
        open_.discard(key)
        conv = [
            done.get(id(c)) or ScalarNode("", c.start_mark.index, c.start_mark.index, None, None, False)
            for c in children
        ]
        if isinstance(node, yaml.MappingNode):
            items = []
            seen: dict[str, int] = {}
            for i in range(0, len(conv), 2):
                k, v = conv[i], conv[i + 1]
                kn = k if isinstance(k, ScalarNode) else ScalarNode("", k.start, k.end, None, None, False)
                if kn.value in seen and kn.value != "<<" and kn.is_string:
                    mark = node.value[i // 2][0].start_mark
                    raise ParseFailure(
                        f"duplicate key {kn.value!r} (first defined on line {seen[kn.value]})",
                        mark.line + 1,
                        mark.column + 1,
                    )
                seen[kn.value] = node.value[i // 2][0].start_mark.line + 1
                items.append((kn, v))
            done[key] = MapNode(tuple(items), start, end, _tag(node.tag))
        else:
            done[key] = SeqNode(tuple(conv), start, end, _tag(node.tag))
    return done[id(root)]


def yaml_comments(text: str) -> tuple[Comment, ...]:
    return hash_comments(text)
