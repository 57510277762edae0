"""Helm chart templates: YAML with Go-template actions, which is not YAML.

``templates/*.yaml`` in a chart mixes ``{{ ... }}`` actions into YAML, so a
YAML parser fails (or, worse, half-succeeds) on most of them; a parse error
there would be noise, not news. Files under a ``templates/`` folder are
sniffed: with Go-template actions they are read as an indentation outline
(each ``key: value`` line gets the key path of its indentation, a line that
is only template actions is read as text and leaves the outline alone, an
env entry ``- name: X`` names the ``value:`` under it),
and with no action at all they are plain YAML (a CloudFormation
``templates/`` folder is still read as YAML, with its own parse errors).
``{{/* ... */}}`` template comments and ``#`` comments are comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bedrock_lifecycle.document import Comment, Document
from bedrock_lifecycle.model import Scalar
from bedrock_lifecycle.parsers.text import hash_comments
from bedrock_lifecycle.parsers.yaml_doc import YamlParser

# A Go-template action (CloudFormation's '{{resolve:...}}' dynamic references are not one).
_ACTION = re.compile(
    r"\{\{-?\s*(?:[.$/(\"]|-?\s*(?:if|else|end|range|with|include|template|define|block|"
    r"toYaml|tpl|required|default|quote|printf|print|indent|nindent|lookup)\b)"
)
_TEMPLATE_ONLY = re.compile(r"\s*(?:\{\{.*?\}\}\s*)+$")
_TEMPLATE_COMMENT = re.compile(r"\{\{-?\s*/\*.*?\*/\s*-?\}\}", re.S)
_KEY_LINE = re.compile(r"(\"[^\"]*\"|'[^']*'|[^\s:#{\"'\-][^:#]*?)\s*:(?:\s+|$)")
_BLOCK_ACTION = re.compile(r"\{\{-?\s*(if|with|range|define|block|end)\b(?:\s+\"([^\"]+)\")?")
_DOC_START = re.compile(r"^---", re.M)
_ITEM_LINE = re.compile(r"(\s*)-\s+")
_BLOCK = re.compile(r"[|>][-+0-9]*\s*(?:#.*)?$")


class HelmTemplateParser:
    name = "yaml"  # it is the YAML parser for these paths; a plain-YAML file's errors read 'yaml parse error'
    frameworks = ("cloudformation", "config")
    comment_markers = ("#",)

    def claims(self, path: str) -> bool:
        if not ("/templates/" in path or path.startswith("templates/")):
            return False
        return path.endswith((".yaml", ".yml", ".tpl"))

    def parse(self, path: str, text: str) -> Document:
        if not path.endswith(".tpl") and not _ACTION.search(text):
            return YamlParser().parse(path, text)
        scalars, comments = outline(text)
        return Document(path, "helm", text, scalars=tuple(scalars), comments=tuple(comments))


@dataclass
class _Entry:
    col: int
    label: str | int
    item: bool = False


def outline(text: str) -> tuple[list[Scalar], list[Comment]]:
    """Scalars keyed by the indentation outline of a templated YAML file."""
    scalars: list[Scalar] = []
    blanked = _TEMPLATE_COMMENT.sub(lambda m: " " * len(m.group()), text)
    comments = list(hash_comments(blanked))
    for m in _TEMPLATE_COMMENT.finditer(text):
        comments.append(Comment(text.count("\n", 0, m.start()) + 1, m.group().strip("{}- \t/*").strip()))
    stack: list[_Entry] = []  # a key, or a list item (labelled by its index, or by its 'name:')
    counts: dict[tuple[object, ...], int] = {}  # (parent path, column) -> list items seen
    block: tuple[int, tuple[str | int, ...]] | None = None  # a block scalar being read: (key column, path)
    defines: list[tuple[int, str]] = []  # the open {{ define "name" }}: (blocks open inside it + 1, name)
    multi = bool(_DOC_START.search(text))
    kind: tuple[str, ...] = ()  # 'Deployment' of the current document, as a prefix when there are several
    offset = 0
    for number, line in enumerate(blanked.split("\n"), start=1):
        code = _strip_comment(line.rstrip("\r")).rstrip()
        col = len(code) - len(code.lstrip())
        here, offset = offset, offset + len(line) + 1
        if not code.strip():
            continue
        if _TEMPLATE_ONLY.match(code):  # '{{- .Values.x | default "..." }}': read as text, outline unchanged
            where: tuple[str | int, ...] = (defines[-1][1],) if defines else (number,)
            scalars.append(Scalar(code.strip(), where, here + col, here + len(code)))
            _blocks(code, defines)
            continue
        if code.startswith("---"):
            stack, counts, block, kind = [], {}, None, ()
            continue
        if multi and col == 0 and code.startswith("kind:") and "{{" not in code:
            kind = (code[5:].strip().strip("\"'"),)
        if block is not None and col > block[0]:
            scalars.append(Scalar(code.strip(), block[1], here + col, here + len(code)))
            continue
        block = None
        while stack and stack[-1].col >= col:
            stack.pop()
        item = _ITEM_LINE.match(code)
        if item:
            parent = kind + tuple(e.label for e in stack)
            index = counts.get(parent + (col,), 0)
            counts[parent + (col,)] = index + 1
            stack.append(_Entry(col, index, True))
        key_at = item.end() if item else col
        km = _KEY_LINE.match(code, key_at)
        path = kind + tuple(e.label for e in stack)
        if km is None:
            rest = code[key_at:]
            scalars.append(Scalar(rest.strip(), path if item else (number,), here + key_at, here + len(code)))
            continue
        key = km.group(1).strip().strip("\"'")
        value_at = km.end()
        rest = code[value_at:].strip()
        if key == "name" and item and rest and "{{" not in rest:
            stack[-1].label = rest.strip("\"'")  # '- name: CHAT_MODEL_ID' labels its list item
        if key == "value" and stack and not item and stack[-1].item and isinstance(stack[-1].label, str):
            full = path  # env: [{name: X, value: ...}] -> env.X
        else:
            full = path + (key,)
        if _BLOCK.match(rest):
            block = (key_at, full)
        elif rest:
            scalars.append(Scalar(rest, full, here + value_at, here + len(code)))
        stack.append(_Entry(key_at, key))
    return scalars, comments


def _blocks(code: str, defines: list[tuple[int, str]]) -> None:
    """Track {{ define "name" }} ... {{ end }} around if/with/range blocks; depth lives in defines[0]."""
    for m in _BLOCK_ACTION.finditer(code):
        word, name = m.group(1), m.group(2)
        depth = defines[-1][0] if defines else 0
        if word == "end":
            if defines and defines[-1][0] == 1:
                defines.pop()
            elif defines:
                defines[-1] = (depth - 1, defines[-1][1])
        elif word == "define" and name:
            defines.append((1, name))
        elif defines:
            defines[-1] = (depth + 1, defines[-1][1])


def _strip_comment(line: str) -> str:
    """The line without a '#' comment (outside quotes and template actions)."""
    quote = None
    depth = 0
    for i, c in enumerate(line):
        if quote:
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif line.startswith("{{", i):
            depth += 1
        elif line.startswith("}}", i):
            depth = max(0, depth - 1)
        elif c == "#" and depth == 0 and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
    return line
