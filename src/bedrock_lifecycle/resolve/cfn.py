"""CloudFormation intrinsic functions, evaluated statically: never executed, never guessed.

A string a template computes is a list of alternatives (``Value``). Each alternative is a
sequence of ``Piece``s that remember where their characters sit in a source file, so a model
ID assembled by ``!Join``/``!Sub`` from several literals (CDK writes ARNs as ``Fn::Join``
pieces on separate lines) is reported at the literal that holds the model part, and a value
that flowed through a parameter, a mapping or a ``!Sub`` variable carries the hops it took.

What is known is substituted; what is not becomes a ``${...}`` placeholder: a pseudo
parameter (``${AWS::Region}``) does not stop the model part of an ARN from resolving, and an
unresolvable value (``!GetAtt``, ``!ImportValue``, a parameter without a default, an SSM
parameter type) never turns into a model. ``!If`` yields both branches, ``AllowedValues`` each
allowed value and a ``!FindInMap`` with an unknown key every matching map value, all marked
as possible values. Both the short form (``!Sub``) and the long form (``Fn::Sub``) are read.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from bedrock_lifecycle.document import LineIndex, MapNode, Node, ScalarNode, SeqNode
from bedrock_lifecycle.model import Step

LOG = logging.getLogger(__name__)

MAX_ALTERNATIVES = 32  # a value with more alternatives is cut (a pathological template)
MAX_DEPTH = 40  # intrinsic nesting deeper than this is left unresolved
# Intrinsic calls evaluated per top-level evaluation. With results memoised per (node, depth) the
# work is bounded by the distinct calls a value reaches (at most nodes x MAX_DEPTH); this caps it
# lower, so one hostile value costs milliseconds. Beyond it the value is unknown, never invented.
MAX_EVALUATIONS = 10_000

PSEUDO_PARAMETERS = frozenset(
    {
        "AWS::AccountId",
        "AWS::NotificationARNs",
        "AWS::NoValue",
        "AWS::Partition",
        "AWS::Region",
        "AWS::StackId",
        "AWS::StackName",
        "AWS::URLSuffix",
    }
)
# Every intrinsic and condition/rule function CloudFormation defines (long names).
FUNCTIONS = frozenset(
    {
        "Ref",
        "Condition",
        "Fn::And",
        "Fn::Base64",
        "Fn::Cidr",
        "Fn::Contains",
        "Fn::EachMemberEquals",
        "Fn::EachMemberIn",
        "Fn::Equals",
        "Fn::FindInMap",
        "Fn::ForEach",
        "Fn::GetAtt",
        "Fn::GetAZs",
        "Fn::If",
        "Fn::ImportValue",
        "Fn::Join",
        "Fn::Length",
        "Fn::Not",
        "Fn::Or",
        "Fn::RefAll",
        "Fn::Select",
        "Fn::Split",
        "Fn::Sub",
        "Fn::ToJsonString",
        "Fn::Transform",
        "Fn::ValueOf",
        "Fn::ValueOfAll",
    }
)
SHORT_TAGS = frozenset("!" + (f[4:] if f.startswith("Fn::") else f) for f in FUNCTIONS if f != "Fn::ForEach")

_VAR = re.compile(r"\$\{([A-Za-z0-9_.:-]+)\}")


@dataclass(frozen=True, eq=False)
class Source:
    """One file's text, for positions of pieces and provenance steps."""

    path: str  # POSIX path relative to the scan root
    text: str
    index: LineIndex

    @classmethod
    def of(cls, path: str, text: str) -> Source:
        return cls(path, text, LineIndex(text))

    def line(self, node: Node) -> int:
        return self.index.position(node.start)[0]

    def line_in(self, node: ScalarNode, offset: int, token: str) -> int:
        """The line of ``token`` found at ``offset`` of the node's value (block scalars span lines)."""
        token = token.split("\n", 1)[0][:40]
        if not token or node.end <= node.start:
            return self.line(node)
        raw = self.text[node.start : node.end]
        idx = -1
        for _ in range(node.value.count(token, 0, offset) + 1):
            idx = raw.find(token, idx + 1)
            if idx < 0:
                return self.line(node)
        return self.index.position(node.start + idx)[0]


@dataclass(frozen=True)
class Origin:
    """Where a piece's characters sit: ``offset`` into the value of a scalar node of ``source``."""

    source: Source
    node: ScalarNode
    offset: int = 0

    @property
    def line(self) -> int:
        return self.source.line_in(self.node, self.offset, self.node.value[self.offset :].lstrip())


@dataclass(frozen=True)
class Piece:
    text: str
    origin: Origin | None = None  # None: a placeholder (pseudo parameter, unresolvable value)
    steps: tuple[Step, ...] = ()  # hops from the literal to here, nearest the literal first

    def cut(self, start: int, end: int) -> Piece:
        origin = replace(self.origin, offset=self.origin.offset + start) if self.origin else None
        return Piece(self.text[start:end], origin, self.steps)


@dataclass(frozen=True)
class Value:
    """One alternative a string can take."""

    pieces: tuple[Piece, ...]
    possible: bool = False  # one of several values (If branch, AllowedValues, multi-key mapping)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    def cut(self, start: int, end: int) -> Value:
        out = []
        pos = 0
        for p in self.pieces:
            a, b = max(start, pos), min(end, pos + len(p.text))
            if a < b:
                out.append(p.cut(a - pos, b - pos))
            pos += len(p.text)
        return Value(tuple(out), self.possible)


def placeholder(name: str) -> Value:
    return Value((Piece("${" + name + "}"),))


def literal(source: Source, node: ScalarNode) -> list[Value]:
    return [Value((Piece(node.value, Origin(source, node)),))]


def add_step(steps: tuple[Step, ...], step: Step) -> tuple[Step, ...]:
    """Append a hop, unless the previous hop sits on the same line (one line, one step)."""
    if steps and steps[-1].path == step.path and steps[-1].line == step.line:
        return steps
    return steps + (step,)


def hop(values: Iterable[Value], step: Step, literal_via: str | None = None) -> list[Value]:
    """Record that values passed through ``step``.

    Pieces that came from a literal with no hop yet first get a step naming that literal
    (``parameter Default``); placeholders and pieces that are not part of the hop stay as they are.
    """
    out = []
    for v in values:
        pieces = []
        for p in v.pieces:
            steps = p.steps
            if not steps and p.origin is not None and literal_via:
                steps = (Step(p.origin.source.path, p.origin.line, literal_via),)
            if steps:
                p = replace(p, steps=add_step(steps, step))
            pieces.append(p)
        out.append(Value(tuple(pieces), v.possible))
    return out


def possible(values: Iterable[Value]) -> list[Value]:
    return [replace(v, possible=True) for v in values]


def concat(parts: list[list[Value]]) -> list[Value]:
    """Every combination of the parts' alternatives, in order (capped)."""
    parts = [p for p in parts if p]
    if not parts:
        return []
    out = []
    for combo in itertools.islice(itertools.product(*parts), MAX_ALTERNATIVES):
        out.append(Value(tuple(pc for v in combo for pc in v.pieces), any(v.possible for v in combo)))
    return out


def untagged(node: Node) -> Node:
    return replace(node, tag=None) if node.tag else node


def intrinsic(node: Node) -> tuple[str, Node] | None:
    """(function name, argument) for ``!Fn x`` or ``{"Fn::Fn": x}``; None for plain data."""
    tag = node.tag
    if tag and tag.startswith("!"):
        name = tag[1:]
        return (name if name in ("Ref", "Condition") else "Fn::" + name), untagged(node)
    if isinstance(node, MapNode) and len(node.items) == 1:
        key = node.items[0][0].value
        if key == "Ref" or key.startswith("Fn::"):
            return key, node.items[0][1]
    return None


def mapping(node: Node | None) -> MapNode:
    return node if isinstance(node, MapNode) else MapNode((), 0, 0)


def scalar_text(node: Node | None) -> str | None:
    return node.value if isinstance(node, ScalarNode) and node.tag is None else None


# A list value: alternatives, each a list of elements, each element a list of string alternatives.
ListValue = list[list[list[Value]]]
Lookup = Callable[[str, Step], "list[Value] | None"]


class Template:
    """A template's Parameters, Mappings and Resources, and the evaluator over them.

    ``overrides`` are parameter values passed in by a parent stack (nested stacks);
    ``scalar`` renders a plain scalar (the Serverless Framework expands ``${self:...}`` there).
    """

    def __init__(
        self,
        source: Source,
        root: MapNode,
        *,
        overrides: dict[str, list[Value]] | None = None,
        scalar: Callable[[ScalarNode], list[Value]] | None = None,
    ) -> None:
        self.source = source
        self.root = root
        self.parameters = mapping(root.get("Parameters"))
        self.mappings = mapping(root.get("Mappings"))
        self.resources = mapping(root.get("Resources"))
        self.overrides = overrides or {}
        self.scalar = scalar or (lambda node: literal(source, node))
        self.used_overrides: set[str] = set()
        self.unselected: list[Value] = []  # literal list items a !Select passed over: never the value
        self._memo: _Memo | None = None  # set during one top-level evaluation (see _evaluation)

    def step(self, node: Node, via: str) -> Step:
        return Step(self.source.path, self.source.line(node), via)

    def step_at(self, line: int, via: str) -> Step:
        return Step(self.source.path, line, via)

    # --- strings ---

    def _evaluation(self) -> tuple[_Memo, bool]:
        """The memo of the current top-level evaluation, and whether this call started it.

        A YAML alias makes one node reachable many times (``a2: !If [C, *a1, *a1]``, 30 levels
        deep): without the memo each visit re-evaluated the shared node, 2**30 calls for 1 KB.
        A result depends only on the node and the depth it is reached at (the depth cap), so the
        memo is exact; it lives for one top-level call, which keeps it small and never stale.
        """
        if self._memo is None:
            self._memo = _Memo()
            return self._memo, True
        return self._memo, False

    def values(self, node: Node, depth: int = 0) -> list[Value]:
        """The alternatives a node evaluates to as a string ([] for AWS::NoValue)."""
        if depth > MAX_DEPTH:
            return [placeholder("nested-too-deep")]
        fn = intrinsic(node)
        if fn is None:
            if isinstance(node, ScalarNode):
                return self.scalar(node)
            return [placeholder("not-a-string")]
        name, arg = fn
        handler = _HANDLERS.get(name)
        if handler is None:
            return [placeholder(name.replace("Fn::", "") or "unknown")]
        memo, top = self._evaluation()
        try:
            key = ("values", id(node), depth)
            hit = memo.results.get(key)
            if hit is not None and hit[0] is node:
                return list(hit[1])
            if memo.spend():
                out = [placeholder("too-complex")]
            else:
                try:
                    out = handler(self, arg, node, depth + 1)[:MAX_ALTERNATIVES]
                except (IndexError, ValueError, TypeError, AttributeError) as exc:  # malformed: unresolved
                    LOG.debug("cannot evaluate %s at %s:%s: %s", name, self.source.path, self.source.line(node), exc)
                    out = [placeholder(name.replace("Fn::", ""))]
            memo.results[key] = (node, out)  # the node is kept: its id cannot be reused meanwhile
            return list(out)
        finally:
            if top:
                self._memo = None

    def ref(self, name: str, line: int, via: str) -> list[Value]:
        """A parameter's value(s) at a use site; a placeholder when it cannot be known."""
        if name == "AWS::NoValue":
            return []
        if name in PSEUDO_PARAMETERS:
            return [placeholder(name)]
        step = self.step_at(line, via)
        if name in self.overrides:
            self.used_overrides.add(name)
            return hop(self.overrides[name], step)
        param = self.parameters.get(name)
        if not isinstance(param, MapNode):
            return [placeholder(name)]  # a resource's logical ID (its physical ID or ARN): unknown
        ptype = scalar_text(param.get("Type")) or ""
        if ptype.startswith("AWS::SSM::Parameter::Value"):
            return [placeholder(name)]  # the default is an SSM parameter name, not the value
        out: list[Value] = []
        default = param.get("Default")
        if isinstance(default, ScalarNode):
            out += hop(literal(self.source, default), step, "parameter Default")
        allowed = param.get("AllowedValues")
        if isinstance(allowed, SeqNode):
            for item in allowed.items:
                if isinstance(item, ScalarNode):
                    out += possible(hop(literal(self.source, item), step, "parameter AllowedValues"))
        return out or [placeholder(name)]

    # --- lists ---

    def lists(self, node: Node, depth: int = 0) -> ListValue | None:
        """The alternatives a node evaluates to as a list; None when it cannot be known."""
        if depth > MAX_DEPTH:
            return None
        memo, top = self._evaluation()
        try:
            key = ("lists", id(node), depth)
            hit = memo.results.get(key)
            if hit is not None and hit[0] is node:
                return hit[1]
            out = None if memo.spend() else self._lists(node, depth)
            memo.results[key] = (node, out)
            return out
        finally:
            if top:
                self._memo = None

    def _lists(self, node: Node, depth: int) -> ListValue | None:
        if isinstance(node, SeqNode) and node.tag is None:
            return [[self.values(item, depth + 1) for item in node.items]]
        fn = intrinsic(node)
        if fn is None:
            return None
        name, arg = fn
        if name == "Fn::Split" and isinstance(arg, SeqNode) and len(arg.items) == 2:
            delim = scalar_text(arg.items[0])
            if not delim:
                return None
            return [split(v, delim) for v in self.values(arg.items[1], depth + 1)]
        if name == "Fn::If" and isinstance(arg, SeqNode) and len(arg.items) == 3:
            out: ListValue = []
            for branch in arg.items[1:]:
                alts = self.lists(branch, depth + 1)
                if alts is None:
                    return None
                out += [[possible(elem) for elem in alt] for alt in alts]
            return out[:MAX_ALTERNATIVES]  # nested !If branches would otherwise double per level
        if name == "Ref" and isinstance(arg, ScalarNode):
            param = self.parameters.get(arg.value)
            if (
                isinstance(param, MapNode)
                and "List" in (scalar_text(param.get("Type")) or "")
                and arg.value not in self.overrides
            ):
                values = self.ref(arg.value, self.source.line(node), f"!Ref {arg.value}")
                return [split(v, ",") for v in values]
            return None
        if name == "Fn::FindInMap":
            return None
        return None


@dataclass
class _Memo:
    """One top-level evaluation's results by (kind, id(node), depth), and its remaining budget."""

    results: dict[tuple[str, int, int], tuple[Node, Any]] = field(default_factory=dict)
    spent: int = 0

    def spend(self) -> bool:
        """Count one evaluation; True once the budget is exhausted (the value is then unknown)."""
        self.spent += 1
        if self.spent == MAX_EVALUATIONS + 1:
            LOG.debug("evaluation budget of %d calls exhausted: the rest is left unresolved", MAX_EVALUATIONS)
        return self.spent > MAX_EVALUATIONS


def split(value: Value, delim: str) -> list[list[Value]]:
    out = []
    text = value.text
    pos = 0
    while True:
        at = text.find(delim, pos)
        end = len(text) if at < 0 else at
        out.append([replace(value.cut(pos, end), possible=value.possible)])
        if at < 0:
            return out
        pos = at + len(delim)


def expand(values: list[Value], lookup: Lookup, fallback: Step) -> list[Value]:
    """Replace ``${Name}`` in values with what ``lookup(name, site)`` returns (None: left as written).

    Used for ``!Sub`` and for Step Functions' DefinitionSubstitutions. ``site`` is where the
    ``${Name}`` sits (its own line inside a block scalar); ``fallback`` when that is unknown.
    """
    out: list[Value] = []
    for v in values:
        if "${" not in v.text:
            out.append(v)
            continue
        parts: list[list[Value]] = []
        for p in v.pieces:
            pos = 0
            for m in _VAR.finditer(p.text):
                if p.origin is not None:
                    o = p.origin
                    line = o.source.line_in(o.node, o.offset + m.start(), m.group())
                    site = Step(o.source.path, line, fallback.via)
                else:
                    site = fallback
                found = lookup(m.group(1), site)
                if found is None:
                    continue
                if m.start() > pos:
                    parts.append([Value((p.cut(pos, m.start()),), v.possible)])
                parts.append(found)
                pos = m.end()
            if pos < len(p.text):
                parts.append([Value((p.cut(pos, len(p.text)),), v.possible)])
        out += [replace(x, possible=x.possible or v.possible) for x in concat(parts)] if parts else [v]
    return out


# --- the functions ---


def _ref(t: Template, arg: Node, site: Node, depth: int) -> list[Value]:
    name = scalar_text(untagged(arg))
    if name is None:
        return [placeholder("Ref")]
    return t.ref(name, t.source.line(site), f"!Ref {name}")


def _sub(t: Template, arg: Node, site: Node, depth: int) -> list[Value]:
    variables = MapNode((), 0, 0)
    if isinstance(arg, SeqNode):
        if len(arg.items) != 2 or not isinstance(arg.items[1], MapNode):
            return [placeholder("Sub")]
        variables = arg.items[1]
        arg = arg.items[0]
    if not isinstance(arg, ScalarNode) or arg.tag is not None:
        return [placeholder("Sub")]

    def lookup(name: str, at: Step) -> list[Value] | None:
        var = variables.get(name)
        if var is not None:
            return hop(t.values(var, depth), replace(at, via=f"!Sub ${{{name}}}"), f"!Sub variable {name}")
        if "." in name:
            return [placeholder(name)]  # ${Resource.Attribute}: a GetAtt, unknown statically
        return t.ref(name, at.line, f"!Sub ${{{name}}}")

    # The string as the file's own syntax renders it first (Serverless expands ${self:...} before
    # CloudFormation sees the template), then CloudFormation's substitution.
    return expand(t.scalar(arg), lookup, t.step(arg, "!Sub"))


def _join(t: Template, arg: Node, site: Node, depth: int) -> list[Value]:
    if not isinstance(arg, SeqNode) or len(arg.items) != 2:
        return [placeholder("Join")]
    delim_node = arg.items[0]
    delim = t.values(delim_node, depth) if isinstance(delim_node, ScalarNode) else []
    if len(delim) != 1:
        return [placeholder("Join")]
    alts = t.lists(arg.items[1], depth)
    if alts is None:
        return [placeholder("Join")]
    out: list[Value] = []
    for alt in alts:
        parts: list[list[Value]] = []
        for elem in alt:
            if not elem:
                continue  # AWS::NoValue drops the element
            if parts:
                parts.append(delim)
            parts.append(elem)
        out += concat(parts) if parts else [Value(())]
    return out


def _select(t: Template, arg: Node, site: Node, depth: int) -> list[Value]:
    if not isinstance(arg, SeqNode) or len(arg.items) != 2:
        return [placeholder("Select")]
    index = t.values(arg.items[0], depth)
    if len(index) != 1 or not index[0].text.strip().isdigit():
        return [placeholder("Select")]
    i = int(index[0].text.strip())
    alts = t.lists(arg.items[1], depth)
    if alts is None:
        return [placeholder("Select")]
    out: list[Value] = []
    for alt in alts:
        out += alt[i] if i < len(alt) else [placeholder("Select")]
        if len(alts) == 1:
            t.unselected += [v for j, elem in enumerate(alt) if j != i for v in elem]
    return out


def _if(t: Template, arg: Node, site: Node, depth: int) -> list[Value]:
    if not isinstance(arg, SeqNode) or len(arg.items) != 3:
        return [placeholder("If")]
    return possible(t.values(arg.items[1], depth) + t.values(arg.items[2], depth))


def _find_in_map(t: Template, arg: Node, site: Node, depth: int) -> list[Value]:
    if not isinstance(arg, SeqNode) or len(arg.items) not in (3, 4):
        return [placeholder("FindInMap")]
    map_name = t.values(arg.items[0], depth)
    table = t.mappings.get(map_name[0].text) if len(map_name) == 1 else None
    if not isinstance(table, MapNode):
        return [placeholder("FindInMap")]
    name = map_name[0].text
    leaves: list[tuple[str, ScalarNode]] = []
    keys1, keys2 = t.values(arg.items[1], depth), t.values(arg.items[2], depth)
    for k1, level in _select_keys(table, keys1):
        if isinstance(level, MapNode):
            for k2, leaf in _select_keys(level, keys2):
                if isinstance(leaf, ScalarNode):
                    leaves.append((f"{k1}.{k2}", leaf))
    step = t.step(site, f"!FindInMap {name}")
    out: list[Value] = []
    for path, leaf in leaves:
        out += hop(literal(t.source, leaf), step, f"Mappings {name}.{path}")
    if len(leaves) > 1 or any(k.possible for k in keys1 + keys2):
        out = possible(out)
    if not out and len(arg.items) == 4 and isinstance(arg.items[3], MapNode):
        default = arg.items[3].get("DefaultValue")
        if default is not None:
            return hop(t.values(default, depth), step, f"!FindInMap {name} DefaultValue")
    return out or [placeholder("FindInMap")]


def _select_keys(table: MapNode, keys: list[Value]) -> list[tuple[str, Node]]:
    """The entries a key selects: the one named, or every entry when the key is not known."""
    known = [k.text for k in keys if all(p.origin is not None for p in k.pieces)]
    if keys and len(known) == len(keys):
        return [(k.value, v) for k, v in table.items if k.value in known]
    return [(k.value, v) for k, v in table.items]


def _base64(t: Template, arg: Node, site: Node, depth: int) -> list[Value]:
    # The deployed value is encoded, but the text the instance runs is what names the model.
    return t.values(arg, depth)


def _unresolved(label: str) -> Callable[[Template, Node, Node, int], list[Value]]:
    def handler(t: Template, arg: Node, site: Node, depth: int) -> list[Value]:
        if label == "GetAtt":
            text = scalar_text(arg) or ".".join(scalar_text(i) or "?" for i in getattr(arg, "items", ()))
            return [placeholder(f"GetAtt:{text}")]
        return [placeholder(label)]

    return handler


_HANDLERS: dict[str, Callable[[Template, Node, Node, int], list[Value]]] = {
    "Ref": _ref,
    "Fn::Sub": _sub,
    "Fn::Join": _join,
    "Fn::Select": _select,
    "Fn::If": _if,
    "Fn::FindInMap": _find_in_map,
    "Fn::Base64": _base64,
    "Fn::GetAtt": _unresolved("GetAtt"),
    "Fn::ImportValue": _unresolved("ImportValue"),
    "Fn::GetAZs": _unresolved("GetAZs"),
    "Fn::Cidr": _unresolved("Cidr"),
    "Fn::Transform": _unresolved("Transform"),
    "Fn::ToJsonString": _unresolved("ToJsonString"),
    "Fn::Length": _unresolved("Length"),
}


def primary(value: Value, start: int, end: int, model_start: int) -> tuple[Piece, int, int] | None:
    """The piece a developer edits for the match [start, end) of ``value.text``, and the part of it inside.

    That is the piece holding the last character of the match (where the version sits);
    when that is a placeholder, the located piece that covers most of the model part.
    """
    spans = []
    pos = 0
    for p in value.pieces:
        spans.append((pos, pos + len(p.text), p))
        pos += len(p.text)
    chosen = next((s for s in spans if s[0] <= end - 1 < s[1]), None)
    if chosen is None or chosen[2].origin is None:
        located = [s for s in spans if s[2].origin is not None]
        best = max(located, default=None, key=lambda s: (_overlap(s, model_start, end), _overlap(s, start, end)))
        if best is None or _overlap(best, start, end) == 0:
            return None
        chosen = best
    a, b, piece = chosen
    return piece, max(start, a) - a, min(end, b) - a


def _overlap(s: tuple[int, int, Piece], start: int, end: int) -> int:
    return max(0, min(end, s[1]) - max(start, s[0]))


def touches_placeholder(value: Value, start: int, end: int) -> bool:
    """Whether the match borders a placeholder: '<provider>.<model>-' + ${Unknown} is no model."""
    pos = 0
    for p in value.pieces:
        a, b = pos, pos + len(p.text)
        if p.origin is None and p.text and (a == end or b == start):
            return True
        pos = b
    return False
