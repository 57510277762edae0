"""Context for string literals in Python source: the call, key or assignment around each one.

The Python reader (source_python, over the stdlib ``tokenize``) feeds tokens to
a ``Tracker``, which keeps a stack of bracket frames. Each frame remembers its
label (the call that opened it, ``client.converse(``; a function or class
body) and the key currently being assigned inside it (``modelId=``,
``MODEL_ID =``, ``"modelId":``). When a literal is emitted it gets the chain
of labels and keys from the outermost frame to itself, encoded as strings with
a one-letter type prefix (``c:`` call, ``b:`` composite literal, ``f:``
function, ``t:`` type, ``k:`` key, ``p:`` probe) in ``Scalar.key_path``; the
source extractor turns that into a resource name. No line numbers go in, so
the name survives line moves. The tree-sitter languages (source_ts) produce
the same encoding from their syntax trees.

This is a heuristic over tokens, not a parser: it never fails, and a wrong
guess only makes a resource name less precise, never hides a literal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from bedrock_lifecycle.model import Scalar

# Classes whose constants name a Bedrock model (resolve.cdk maps them to IDs): aws-cdk-lib's
# FoundationModelIdentifier and BedrockFoundationModel (generative-ai-cdk-constructs, aws-bedrock-alpha).
MODEL_CONSTANT_CLASSES = ("FoundationModelIdentifier", "BedrockFoundationModel")
# The last key-path segment of a Scalar that is a model constant in code, not a string literal: its value
# is 'Class.NAME', its offsets span 'Class.NAME' (or Go's 'Class_NAME') as written.
MODEL_CONSTANT = "s:model-constant"
# The last key-path segment of a literal that is the left operand of a substring test ('"anthropic.claude-3-"
# in name', Kotlin '"x" in s'): a probe, not a use (extract.source keeps only exact catalog IDs from it).
PROBE_IN = "p:in"
_CONSTANT_NAME = re.compile(r"[A-Z][A-Z0-9_]*")

# Python keywords (and soft keywords) that can precede '(' without being a call we want to name.
KEYWORDS = frozenset(
    {
        "if",
        "elif",
        "else",
        "for",
        "while",
        "return",
        "await",
        "async",
        "yield",
        "not",
        "and",
        "or",
        "in",
        "is",
        "with",
        "assert",
        "lambda",
        "del",
        "except",
        "raise",
        "from",
        "import",
        "case",
        "match",
    }
)
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*\Z")
MAX_SEGMENTS = 8


class Tok(NamedTuple):
    kind: str  # name, str, op, group, other
    text: str  # the name, the string's plain value, the operator, or the group's closing bracket
    extra: str | None = None  # group: the frame label (')' / '}') or the lone string key (']')


_KINDS = ("(", "[", "{", "scope")  # the frame kinds a closer looks for (Frame.near)


@dataclass
class Frame:
    kind: str  # root, '(', '[', '{', scope
    label: str | None = None
    key: str | None = None
    fresh: bool = False  # a key was set and no value token followed yet
    member: list[Tok] = field(default_factory=list)  # tokens since the last ',' ';' or statement end
    # segments of the frames below (at most MAX_SEGMENTS): only the top frame's key ever changes, so
    # this is fixed at the push, and segments() costs O(1) at any depth, not O(depth) per literal.
    base: tuple[str, ...] = ()
    near: tuple[int, ...] = (-1,) * 4  # stack index of the nearest frame below of each of _KINDS (-1: none)


@dataclass
class Tracker:
    """Feeds on tokens; ``literal()`` records a string literal with its context."""

    stack: list[Frame] = field(default_factory=lambda: [Frame("root")])
    scalars: list[Scalar] = field(default_factory=list)
    constant_class: tuple[str, int] | None = None  # a model-constant class name just seen, and its offset

    # --- what the lexers call ---

    def literal(self, start: int, end: int, value: str, key_text: str | None, token: bool = True) -> None:
        """A string literal: ``value`` is its interior, masked to the same length as the source."""
        if value.strip():
            self.scalars.append(Scalar(value, self.segments(), start, end))
        if token:
            self.token(Tok("str", key_text or "", None))

    def segments(self) -> tuple[str, ...]:
        top = self.stack[-1]
        own = ((top.label,) if top.label else ()) + (("k:" + top.key,) if top.key else ())
        return (top.base + own)[-MAX_SEGMENTS:]

    def _push(self, frame: Frame) -> None:
        top = self.stack[-1]
        frame.base = self.segments()
        if top.kind in _KINDS:
            k = _KINDS.index(top.kind)
            frame.near = top.near[:k] + (len(self.stack) - 1,) + top.near[k + 1 :]
        else:
            frame.near = top.near
        self.stack.append(frame)

    def _nearest(self, *kinds: str) -> int | None:
        """Stack index of the innermost frame of one of these kinds (never the root), in O(1):
        scanning down the stack for each closing bracket made unbalanced brackets quadratic."""
        top = len(self.stack) - 1
        if self.stack[top].kind in kinds:
            return top if top > 0 else None
        best = max(self.stack[top].near[_KINDS.index(k)] for k in kinds)
        return best if best > 0 else None

    def name(self, text: str, start: int | None = None) -> None:
        """An identifier; with its offset, model constants (``FoundationModelIdentifier.X``) are recorded."""
        if start is not None and (self.constant_class is not None or text[:1] in "FB"):
            self._model_constant(text, start)
        self.token(Tok("name", text))

    def _model_constant(self, text: str, start: int) -> None:
        pending, self.constant_class = self.constant_class, None
        if text in MODEL_CONSTANT_CLASSES:
            self.constant_class = (text, start)
            return
        member = self.stack[-1].member
        if member and member[0].text in ("import", "from"):  # an import names the class, it does not use it
            return
        if (
            pending is not None
            and _CONSTANT_NAME.fullmatch(text)
            and len(member) >= 2
            and member[-1].text == "."
            and member[-2].text == pending[0]
        ):
            value = f"{pending[0]}.{text}"
            self.scalars.append(Scalar(value, self.segments() + (MODEL_CONSTANT,), pending[1], start + len(text)))

    def other(self, text: str = "") -> None:
        self.token(Tok("other", text))

    def token(self, tok: Tok) -> None:
        top = self.stack[-1]
        top.fresh = False
        top.member.append(tok)

    def op(self, text: str) -> None:
        top = self.stack[-1]
        if text in ("=", ":=", "+=", "|="):
            name = target_name(top.member)
            if name:
                self._set_key(top, name)
                top.member.append(Tok("op", text))
                return
        elif (
            text == ":"
            and top.kind in ("{", "(", "[")
            and len(top.member) == 1
            and top.member[0].kind in ("name", "str")
            and top.member[0].text
        ):
            self._set_key(top, top.member[0].text)
            top.member.append(Tok("op", text))
            return
        elif text == ",":
            self._comma(top)
            return
        elif text == ";":
            self._end_statement(top)
            return
        self.token(Tok("op", text))

    def newline(self) -> None:
        """Python's NEWLINE token: the statement ends."""
        self._end_statement(self.stack[-1])

    def open(self, bracket: str) -> None:
        label = None
        if bracket == "(":
            callee = dotted_before(self.stack[-1].member)
            if callee and callee not in KEYWORDS:
                label = "c:" + callee
        self._push(Frame(bracket, label))

    def close(self, bracket: str) -> None:
        want = {")": "(", "]": "[", "}": "{"}[bracket]
        depth = self._nearest(want, "scope")
        if depth is None or self.stack[depth].kind != want:
            return  # unbalanced: ignore rather than unwind a scope
        frame = self.stack[depth]
        del self.stack[depth:]
        if bracket == "]":
            lone = frame.member[0].text if len(frame.member) == 1 and frame.member[0].kind == "str" else None
            self.token(Tok("group", "]", lone))
        else:
            self.token(Tok("group", bracket, frame.label))

    def push_scope(self, label: str) -> None:
        self._push(Frame("scope", label))

    def pop_scope(self) -> None:
        i = self._nearest("scope")
        if i is not None:
            del self.stack[i:]

    # --- internals ---

    @staticmethod
    def _set_key(frame: Frame, name: str) -> None:
        frame.key = name
        frame.fresh = True

    def _comma(self, frame: Frame) -> None:
        lone = frame.member[0] if len(frame.member) == 1 else None
        frame.key = None
        frame.fresh = False
        frame.member = []
        # os.getenv("MODEL_ID", "anthropic..."): a lone identifier-like string argument names the next one.
        if frame.kind == "(" and lone is not None and lone.kind == "str" and _ENV_NAME.match(lone.text):
            self._set_key(frame, lone.text)

    @staticmethod
    def _end_statement(frame: Frame) -> None:
        frame.key = None
        frame.fresh = False
        frame.member = []


def target_name(member: list[Tok]) -> str | None:
    """The name assigned by '=' at the end of ``member``: 'x', 'self.model_id', 'os.environ.MODEL'.

    An annotation (``model: str =``) names the target before the ':';
    otherwise the dotted name just before the '=' is taken.
    """
    start = 0
    for j in range(len(member) - 1, -1, -1):  # the target starts after the last '=' or ','
        t = member[j]
        if t.kind == "op" and t.text in (",", "=", ":="):
            start = j + 1
            break
    part = member[start:]
    colon = next((j for j, t in enumerate(part) if t.kind == "op" and t.text == ":"), None)
    if colon is not None and colon > 0:
        part = part[:colon]
    return dotted_before(part)


def dotted_before(member: list[Tok]) -> str | None:
    """The dotted name that ends ``member`` ('client.converse', 'os.environ.MODEL_ID'), at most 3 parts."""
    i = len(member) - 1
    parts: list[str] = []
    while i >= 0:
        t = member[i]
        if t.kind == "group" and t.text == "]" and t.extra:  # os.environ["MODEL_ID"]
            parts.append(t.extra)
            i -= 1
            continue
        if t.kind != "name":
            break
        parts.append(t.text)
        i -= 1
        if i >= 0 and member[i].kind == "op" and member[i].text == ".":
            i -= 1
            continue
        break
    if not parts:
        return None
    parts.reverse()
    return ".".join(parts[-3:])
