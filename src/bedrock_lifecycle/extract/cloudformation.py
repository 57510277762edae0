"""CloudFormation, SAM and CDK-synthesized templates: every model a template names, resolved.

A YAML or JSON document is a template when it has ``AWSTemplateFormatVersion``, the SAM
``Transform``, or ``Resources`` whose entries have an ``AWS::``/``Alexa::``/``Custom::`` type;
the file name does not matter (``cdk.out/*.template.json``, ``*.template``, ``stack.yaml``).

Two passes over a template:

1. Use sites. Every resource property and resource ``Metadata`` value, every ``Outputs``
   value and SAM ``Globals`` entry is evaluated with ``resolve.cfn`` (``!Ref`` to parameter
   defaults and allowed values, ``!Sub``, ``!Join``, ``!Select``, ``!FindInMap``, ``!If``...).
   A reference is reported at the literal that holds the model part, named after the resource
   that uses it (Checkov's ``AWS::Bedrock::Agent.SupportAgent``) with the property path as
   its attribute, and carries the hops the value took. Nested stacks are followed into local
   child templates, and state machines' definitions are read (inline, ``DefinitionString``, or
   a local ASL file) with their ``DefinitionSubstitutions``.
2. Everything else. Any string (or key) that names a model and was not reached in pass 1
   (an unused parameter, a mapping row no lookup selects, a description) is reported by its
   key path, so nothing a template names is missed.

Skips come from resource ``Metadata`` (Checkov's ``checkov: {skip: [{id, comment}]}``, and the
same under ``bedrock-lifecycle`` with an optional ``until``) and from ``#`` comments.

This layer is stricter than YAML: an unknown short-form tag (``!Reff``) or a duplicate key in
a JSON template raises ParseFailure, so the file gets a diagnostic and the text fallback.

CloudFormation has no provisioned-throughput resource type (the ``AWS::Bedrock`` namespace
has agents, knowledge bases, flows, prompts, guardrails, application inference profiles and
routers, but no ``ProvisionedModelThroughput``), so no reference here gets that role.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from bedrock_lifecycle.document import ELIDED, MAX_KEY_PATH, Document, MapNode, Node, ScalarNode, SeqNode, walk
from bedrock_lifecycle.errors import ParseFailure
from bedrock_lifecycle.extract.generic import key_path_str, locate, with_suppressions
from bedrock_lifecycle.extract.stepfunctions import asl_root, definition_paths, parse_local, read_local
from bedrock_lifecycle.model import Reference, Step, Suppression
from bedrock_lifecycle.resolve.cfn import (
    SHORT_TAGS,
    Piece,
    Source,
    Template,
    Value,
    add_step,
    expand,
    hop,
    intrinsic,
    literal,
    mapping,
    possible,
    primary,
    scalar_text,
    touches_placeholder,
)
from bedrock_lifecycle.resolve.ids import Form, Recognizer

if TYPE_CHECKING:
    from bedrock_lifecycle.extract import ExtractContext

LOG = logging.getLogger(__name__)

KIND = "cloudformation"
MAX_NESTED_STACKS = 4  # depth of nested stacks followed into local child templates
MAX_WALK_DEPTH = 100  # property nesting walked in pass 1 (pass 2 walks the rest iteratively)
# A node object walked again under another attribute (only YAML aliases share nodes) costs a
# revisit; one top-level walk allows this many, then shared nodes are not walked again (pass 2
# still reports their literals by key path). Templates without aliases never revisit.
MAX_REVISITS = 1_000
SKIP_KEYS = ("checkov", "bedrock-lifecycle", "bedrock_lifecycle")
TEMPLATE_URL = {"AWS::CloudFormation::Stack": "TemplateURL", "AWS::Serverless::Application": "Location"}
STATE_MACHINES = ("AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine")
DEFINITION_FILES = ("DefinitionUri", "DefinitionS3Location")
_TYPE_PREFIXES = ("AWS::", "Alexa::", "Custom::")
_SECTIONS = ("Parameters", "Mappings", "Outputs", "Conditions", "Globals", "Rules")

Attribute = str | Callable[[int], str]  # fixed, or computed from the match's offset in the value
Transform = Callable[[list[Value], Node], list[Value]]


# --- detection ---


def template_root(doc: Document) -> MapNode | None:
    if doc.kind not in ("yaml", "json") or len(doc.roots) != 1 or not isinstance(doc.roots[0], MapNode):
        return None
    return doc.roots[0]


def looks_like_template(root: MapNode) -> bool:
    if root.get("AWSTemplateFormatVersion") is not None:
        return True
    transform = root.get("Transform")
    names = [transform] if isinstance(transform, ScalarNode) else list(getattr(transform, "items", ()))
    if any(isinstance(n, ScalarNode) and n.value.startswith("AWS::Serverless-") for n in names):
        return True
    resources = root.get("Resources")
    if isinstance(resources, MapNode):
        for _k, res in resources.items:
            rtype = scalar_text(res.get("Type")) if isinstance(res, MapNode) else None
            if rtype and rtype.startswith(_TYPE_PREFIXES):
                return True
    return False


def is_template(doc: Document) -> bool:
    root = template_root(doc)
    return root is not None and looks_like_template(root)


def check_strict(doc: Document, root: Node) -> None:
    """Unknown short-form tags and duplicate JSON keys are errors in a template (cfn-lint agrees)."""
    from bedrock_lifecycle.document import LineIndex

    index: LineIndex | None = None
    for _kp, node in walk(root):
        problem = None
        if node.tag and node.tag.startswith("!") and node.tag not in SHORT_TAGS:
            problem = f"unknown CloudFormation tag {node.tag!r}"
        elif doc.kind == "json" and isinstance(node, MapNode) and len(node.items) > 1:
            seen: set[str] = set()
            for k, _v in node.items:
                if k.value in seen:
                    problem, node = f"duplicate key {k.value!r}", k
                    break
                seen.add(k.value)
        if problem:
            index = index or LineIndex(doc.text)
            line, col = index.position(node.start)
            raise ParseFailure(problem, line, col)


# --- references ---


def model_offset(text: str) -> int:
    """Where the model part of a match starts: after the resource type of an ARN or a route prefix."""
    low = text.lower()
    if low.startswith("arn:"):
        return low.find("/") + 1
    if low.startswith("bedrock/"):
        return low.rfind("/") + 1
    return 0


@dataclass
class Collector:
    """References found in one file (the home template); remembers which literals pass 1 reached."""

    home: Source
    recognizer: Recognizer
    kind: str = KIND
    refs: list[Reference] = field(default_factory=list)
    covered: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # by line: regions pass 1 reached
    skips: dict[str, tuple[Suppression, ...]] = field(default_factory=dict)  # by resource name
    _seen: set[tuple[object, ...]] = field(default_factory=set)

    def emit(
        self,
        values: Iterable[Value],
        resource: str,
        attribute: Attribute,
        use: Step | None,
        skips: tuple[Suppression, ...] = (),
    ) -> None:
        for v in values:
            text = v.text
            for m in self.recognizer.finditer(text):
                if m.parsed.form == Form.WILDCARD.value:
                    continue
                found = primary(v, m.start, m.end, m.start + model_offset(m.text))
                if found is None:
                    continue
                piece, a, b = found
                origin = piece.origin
                assert origin is not None
                if origin.source is not self.home:
                    continue  # a literal of another file: that file's own scan reports it
                at = locate(
                    self.home.text,
                    origin.node.start,
                    origin.node.end,
                    origin.node.value,
                    origin.offset + a,
                    piece.text[a:b],
                )
                end = at + (b - a)
                at = self._widen(v, m.start, piece, at)
                self._cover(at, end)
                if touches_placeholder(v, m.start, m.end):
                    continue  # '<provider>.<model>-' + an unknown value: nothing is invented
                span = self.home.index.span(self.home.path, at, end)
                attr = attribute(m.start) if callable(attribute) else attribute
                key = (span, resource, attr, m.text)
                if key in self._seen:
                    continue
                self._seen.add(key)
                steps = add_step(piece.steps, use) if piece.steps and use else piece.steps
                self.refs.append(
                    Reference(
                        text=m.text,
                        span=span,
                        resource=resource,
                        kind=self.kind,
                        attribute=attr,
                        provenance=steps,
                        possible=v.possible,
                        suppressions=skips,
                    )
                )

    def _widen(self, value: Value, start: int, piece: Piece, at: int) -> int:
        """Start the span at the match's first piece when it sits in the same literal on the same line.

        ``arn:aws:bedrock:${aws:region}::foundation-model/...`` written in one string is reported
        from ``arn:``; CDK's ``Fn::Join`` pieces on separate lines keep the model part's line.
        """
        pos = 0
        for p in value.pieces:
            if p is piece:
                return at
            o = p.origin
            if pos + len(p.text) > start and o is not None and piece.origin is not None and o.node is piece.origin.node:
                a = max(start, pos) - pos
                first = locate(self.home.text, o.node.start, o.node.end, o.node.value, o.offset + a, p.text[a:])
                same_line = self.home.index.position(first)[0] == self.home.index.position(at)[0]
                return first if first < at and same_line else at
            pos += len(p.text)
        return at

    def _cover(self, start: int, end: int) -> None:
        first, last = self.home.index.position(start)[0], self.home.index.position(max(start, end - 1))[0]
        for line in range(first, last + 1):
            self.covered.setdefault(line, []).append((start, end))

    def _covered(self, start: int, end: int) -> bool:
        line = self.home.index.position(start)[0]
        return any(a < end and start < b for a, b in self.covered.get(line, ()))

    def cover(self, values: Iterable[Value]) -> None:
        """Mark literals as handled (items a !Select passed over are not the value, nor another one)."""
        for v in values:
            for p in v.pieces:
                o = p.origin
                if o is not None and o.source is self.home and p.text:
                    at = locate(self.home.text, o.node.start, o.node.end, o.node.value, o.offset, p.text)
                    self._cover(at, at + len(p.text))

    def remaining(
        self,
        doc: Document,
        root: Node,
        name: Callable[[tuple[str | int, ...]], tuple[str, str]],
        skip: Callable[[tuple[str | int, ...]], bool] = lambda kp: False,
    ) -> None:
        """Pass 2: every string and key not reached in pass 1, named by its key path.

        A literal inside an intrinsic function is named by the path of the function's use
        (``Variants[1].ModelId``, not the function's argument indices). Iterative, each node once.
        Key paths stop growing at MAX_KEY_PATH parts, as in document.walk(): copying ever-longer
        paths made a template nested 250,000 deep cost 40 s, quadratically.
        """
        seen: set[int] = set()
        stack: list[tuple[tuple[str | int, ...], Node, tuple[str | int, ...] | None]] = [((), root, None)]
        while stack:
            key_path, node, frozen = stack.pop()
            if id(node) in seen or skip(key_path):
                continue
            seen.add(id(node))
            if frozen is None and intrinsic(node) is not None:
                frozen = key_path
            named = frozen if frozen is not None else key_path
            inside = frozen is not None  # in a function pass 1 could not resolve: a possible value at most
            if isinstance(node, MapNode):
                for k, v in reversed(node.items):
                    if k.is_string and k.value and intrinsic(node) is None:
                        self._literal(k, _child(named, k.value) if frozen is None else named, name, inside)
                    stack.append((_child(key_path, k.value), v, frozen))
            elif isinstance(node, SeqNode):
                for i in range(len(node.items) - 1, -1, -1):
                    stack.append((_child(key_path, i), node.items[i], frozen))
            elif node.is_string and node.value:
                self._literal(node, named, name, inside)

    def _literal(
        self,
        node: ScalarNode,
        key_path: tuple[str | int, ...],
        name: Callable[[tuple[str | int, ...]], tuple[str, str]],
        is_possible: bool = False,
    ) -> None:
        value = node.value
        for m in self.recognizer.finditer(value):
            if m.parsed.form == Form.WILDCARD.value or value.startswith("${", m.end):
                continue
            at = locate(self.home.text, node.start, node.end, value, m.start, m.text)
            if self._covered(at, at + len(m.text)):
                continue  # reached in pass 1
            resource, attr = name(key_path)
            span = self.home.index.span(self.home.path, at, at + len(m.text))
            key = (span, resource, attr, m.text)
            if key not in self._seen:
                self._seen.add(key)
                self.refs.append(
                    Reference(
                        text=m.text,
                        span=span,
                        resource=resource or self.home.path,
                        kind=self.kind,
                        attribute=attr,
                        possible=is_possible,
                        suppressions=self.skips.get(resource, ()),
                    )
                )


def _child(key_path: tuple[str | int, ...], part: str | int) -> tuple[str | int, ...]:
    """key_path + (part,), capped like document.walk(): MAX_KEY_PATH parts, then one ELIDED part."""
    if len(key_path) < MAX_KEY_PATH:
        return key_path + (part,)
    return key_path if len(key_path) > MAX_KEY_PATH else key_path + (ELIDED,)


# --- pass 1 ---


@dataclass(frozen=True)
class Scope:
    """The template being walked: the home template, or a nested child reached from it."""

    tpl: Template
    disk_path: str  # on disk: local paths in the template resolve from its directory
    root: str  # the scan root
    prefix: str = ""  # resource-name prefix of a nested stack ('AWS::CloudFormation::Stack.Agents/')
    depth: int = 0
    chain: tuple[str, ...] = ()  # real paths of the templates followed so far (cycle guard)


@dataclass
class WalkState:
    """What one top-level walk_node call has walked: shared (aliased) nodes are walked once per context.

    ``m2: {K: !If [C, *m1, *m1]}`` 30 levels deep reached every node 2**30 times, and the depth cap
    did not bound it. Walking the same node again with the same attribute, possibility and depth
    repeats exactly the same emits (resource, skips and transform are fixed for one top-level
    call), so skipping it changes nothing; revisits under another attribute are counted.
    """

    seen: set[tuple[int, str, bool, int]] = field(default_factory=set)
    nodes: set[int] = field(default_factory=set)
    keep: list[Node] = field(default_factory=list)  # walked nodes stay alive: their ids stay unique
    revisits: int = 0


def walk_node(
    c: Collector,
    scope: Scope,
    node: Node,
    resource: str,
    attr: str,
    skips: tuple[Suppression, ...],
    *,
    is_possible: bool = False,
    transform: Transform | None = None,
    depth: int = 0,
    state: WalkState | None = None,
) -> None:
    """Evaluate a property value: strings and intrinsics are use sites, maps and lists are walked."""
    state = state if state is not None else WalkState()
    key = (id(node), attr, is_possible, depth)
    if key in state.seen:
        return
    if id(node) in state.nodes:
        state.revisits += 1
        if state.revisits > MAX_REVISITS:
            if state.revisits == MAX_REVISITS + 1:
                LOG.debug("%s: more than %d revisits of shared nodes; not walked again", resource, MAX_REVISITS)
            return
    state.seen.add(key)
    state.nodes.add(id(node))
    state.keep.append(node)
    tpl = scope.tpl
    fn = intrinsic(node)
    if (
        fn is not None
        and fn[0] == "Fn::If"
        and isinstance(fn[1], SeqNode)
        and len(fn[1].items) == 3
        and any(isinstance(b, (MapNode, SeqNode)) and intrinsic(b) is None for b in fn[1].items[1:])
    ):
        for branch in fn[1].items[1:]:  # whole objects in the branches: walk each, as possible values
            walk_node(
                c, scope, branch, resource, attr, skips, is_possible=True, transform=transform, depth=depth, state=state
            )
        return
    if fn is not None or isinstance(node, ScalarNode):
        values = tpl.values(node)
        if transform is not None:
            values = transform(values, node)
        if is_possible:
            values = possible(values)
        c.emit(values, resource, attr, tpl.step(node, f"property {attr}"), skips)
        return
    if depth > MAX_WALK_DEPTH:
        return
    if isinstance(node, MapNode):
        for k, v in node.items:
            walk_node(
                c,
                scope,
                v,
                resource,
                f"{attr}.{k.value}" if attr else k.value,
                skips,
                is_possible=is_possible,
                transform=transform,
                depth=depth + 1,
                state=state,
            )
    elif isinstance(node, SeqNode):
        for i, item in enumerate(node.items):
            walk_node(
                c,
                scope,
                item,
                resource,
                f"{attr}[{i}]",
                skips,
                is_possible=is_possible,
                transform=transform,
                depth=depth + 1,
                state=state,
            )


def walk_template(c: Collector, scope: Scope, inherited: tuple[Suppression, ...] = ()) -> None:
    root = scope.tpl.root
    for lid, res in scope.tpl.resources.items:
        if isinstance(res, MapNode):
            walk_resource(c, scope, lid.value, res, inherited)
    globals_ = root.get("Globals")
    if isinstance(globals_, MapNode):
        for section, props in globals_.items:
            walk_node(c, scope, props, f"{scope.prefix}Globals.{section.value}", "", inherited)
    if scope.depth == 0:
        outputs = root.get("Outputs")
        if isinstance(outputs, MapNode):
            for name, out in outputs.items:
                if isinstance(out, MapNode):
                    for key in ("Value", "Export"):
                        value = out.get(key)
                        if value is not None:
                            walk_node(c, scope, value, f"Outputs.{name.value}", key, ())


def walk_resource(c: Collector, scope: Scope, lid: str, res: MapNode, inherited: tuple[Suppression, ...]) -> None:
    rtype = scalar_text(res.get("Type")) or "Resource"
    name = f"{scope.prefix}{rtype}.{lid}"
    skips = inherited + metadata_skips(scope.tpl.source, res)
    if scope.depth == 0:
        c.skips[name] = skips
    props = mapping(res.get("Properties"))
    handled: dict[str, frozenset[str] | None] = {}  # property -> sub-keys already reported (None: all)
    if rtype in TEMPLATE_URL:
        used = nested_stack(c, scope, name, props, TEMPLATE_URL[rtype], skips)
        handled["Parameters"] = frozenset(used)
    elif rtype in STATE_MACHINES:
        used = state_machine(c, scope, name, props, skips)
        handled.update({"Definition": None, "DefinitionString": None, "DefinitionSubstitutions": frozenset(used)})
    for key, value in props.items:
        done = handled.get(key.value, frozenset())
        if done is None:
            continue
        if done and isinstance(value, MapNode):
            for k, v in value.items:
                if k.value not in done:
                    walk_node(c, scope, v, name, f"{key.value}.{k.value}", skips)
            continue
        walk_node(c, scope, value, name, key.value, skips)
    meta = res.get("Metadata")
    if isinstance(meta, MapNode):
        for k, v in meta.items:
            if k.value not in SKIP_KEYS:
                walk_node(c, scope, v, name, f"Metadata.{k.value}", skips)


def metadata_skips(source: Source, res: MapNode) -> tuple[Suppression, ...]:
    """Checkov's resource Metadata skips, and the same under a ``bedrock-lifecycle`` key."""
    meta = res.get("Metadata")
    if not isinstance(meta, MapNode):
        return ()
    out = []
    for key in SKIP_KEYS:
        block = meta.get(key)
        entries = block.get("skip") if isinstance(block, MapNode) else None
        if not isinstance(entries, SeqNode):
            continue
        for entry in entries.items:
            if not isinstance(entry, MapNode):
                continue
            check = scalar_text(entry.get("id"))
            if not check:
                continue
            reason = scalar_text(entry.get("comment")) or scalar_text(entry.get("reason")) or ""
            until = None
            problem = None
            raw_until = entry.get("until")
            if isinstance(raw_until, ScalarNode):
                try:
                    until = date.fromisoformat(raw_until.value.strip())
                except ValueError:  # a malformed date never suppresses: BRL_008 reports it
                    problem = f"until date {raw_until.value.strip()!r} is not a date (YYYY-MM-DD)"
            out.append(
                Suppression(
                    check.strip().upper(), reason.strip(), source.line(entry), until, "metadata", problem=problem
                )
            )
    return tuple(out)


def nested_stack(
    c: Collector, scope: Scope, name: str, props: MapNode, url_key: str, skips: tuple[Suppression, ...]
) -> set[str]:
    """Follow a nested stack into a local child template; the child parameters it fed."""
    url = props.get(url_key)
    if url is None or scope.depth >= MAX_NESTED_STACKS:
        return set()
    urls = scope.tpl.values(url)
    if len(urls) != 1 or any(p.origin is None for p in urls[0].pieces):
        return set()
    found = read_local(scope.root, scope.disk_path, urls[0].text)
    if found is None:
        return set()
    rel, text = found
    disk = os.path.join(scope.root, rel)
    real = os.path.realpath(disk)
    if real in scope.chain:
        return set()
    child_root = parse_local(rel, text)
    if not isinstance(child_root, MapNode) or not looks_like_template(child_root):
        return set()
    overrides: dict[str, list[Value]] = {}
    params = props.get("Parameters")
    if isinstance(params, MapNode):
        for k, v in params.items:
            via = f"{name} Parameters.{k.value}"
            overrides[k.value] = hop(scope.tpl.values(v), scope.tpl.step(v, via), via)
    child = Template(Source.of(rel, text), child_root, overrides=overrides)
    child_scope = Scope(child, disk, scope.root, f"{name}/", scope.depth + 1, scope.chain + (real,))
    walk_template(c, child_scope, skips)
    return child.used_overrides


def state_machine(c: Collector, scope: Scope, name: str, props: MapNode, skips: tuple[Suppression, ...]) -> set[str]:
    """Read a state machine's definition, expanding DefinitionSubstitutions; the substitutions used."""
    tpl = scope.tpl
    substitutions = mapping(props.get("DefinitionSubstitutions"))
    used: set[str] = set()

    def subs(key: str, site: Step) -> list[Value] | None:
        node = substitutions.get(key)
        if node is None:
            return None
        used.add(key)
        at = Step(site.path, site.line, f"definition ${{{key}}}")
        return hop(tpl.values(node), at, f"DefinitionSubstitutions.{key}")

    def transform(values: list[Value], node: Node) -> list[Value]:
        return expand(values, subs, tpl.step(node, ""))

    definition = props.get("Definition")
    if definition is not None:
        walk_node(c, scope, definition, name, "Definition", skips, transform=transform)
    text_node = props.get("DefinitionString")
    if text_node is not None:
        for v in transform(tpl.values(text_node), text_node):
            paths = definition_paths(v.text)

            def attribute(offset: int, paths: Callable[[int], str] = paths) -> str:
                return _join("DefinitionString", paths(offset))

            c.emit([v], name, attribute, tpl.step(text_node, "property DefinitionString"), skips)
    for key in DEFINITION_FILES:
        node = props.get(key)
        if isinstance(node, MapNode):  # an S3 location: followed when its key is a file beside the template
            node = node.get("Key")
        where = tpl.values(node) if node is not None else []
        if len(where) != 1 or any(p.origin is None for p in where[0].pieces):
            continue
        found = read_local(scope.root, scope.disk_path, where[0].text)
        if found is None:
            continue
        rel, text = found
        asl = asl_root(parse_local(rel, text))
        if asl is None:
            continue
        src = Source.of(rel, text)
        for key_path, scalar in walk(asl):
            if isinstance(scalar, ScalarNode) and scalar.is_string and "${" in scalar.value:
                line = src.line(scalar)
                attr = key_path_str(key_path)
                c.emit(
                    expand(literal(src, scalar), subs, Step(rel, line, "")),
                    name,
                    attr,
                    Step(rel, line, f"property {attr}"),
                    skips,
                )
    return used


def _join(head: str, rest: str) -> str:
    return f"{head}.{rest}" if rest else head


# --- pass 2 naming ---


def namer(root: MapNode) -> Callable[[tuple[str | int, ...]], tuple[str, str]]:
    types = {
        k.value: scalar_text(v.get("Type")) or "Resource"
        for k, v in mapping(root.get("Resources")).items
        if isinstance(v, MapNode)
    }

    def name(key_path: tuple[str | int, ...]) -> tuple[str, str]:
        if not key_path:
            return "", ""
        head = key_path[0]
        if head == "Resources" and len(key_path) >= 2 and isinstance(key_path[1], str):
            rest = key_path[2:]
            if rest[:1] == ("Properties",):
                rest = rest[1:]
            return f"{types.get(key_path[1], 'Resource')}.{key_path[1]}", key_path_str(rest)
        if head in _SECTIONS and len(key_path) >= 2:
            return f"{head}.{key_path[1]}", key_path_str(key_path[2:])
        return key_path_str(key_path), str(key_path[-1])

    return name


def _metadata_skip_block(key_path: tuple[str | int, ...]) -> bool:
    return len(key_path) >= 4 and key_path[0] == "Resources" and key_path[2] == "Metadata" and key_path[3] in SKIP_KEYS


def extract_cloudformation(doc: Document, recognizer: Recognizer, ctx: ExtractContext) -> list[Reference]:
    root = template_root(doc)
    assert root is not None
    check_strict(doc, root)
    home = Source.of(doc.path, doc.text)
    c = Collector(home, recognizer)
    tpl = Template(home, root)
    walk_template(c, Scope(tpl, ctx.path, ctx.root, chain=(os.path.realpath(ctx.path),)))
    c.cover(tpl.unselected)
    c.remaining(doc, root, namer(root), _metadata_skip_block)
    return with_suppressions(doc, c.refs)


__all__ = ["Collector", "Scope", "extract_cloudformation", "is_template", "looks_like_template", "walk_node"]
