"""The generic extractor: every string value (and map key) of a document.

Works on node trees (YAML, JSON) and on flat scalars (dotenv, text). Each match
is located in the raw source text of its scalar, so the reported line and
column are those of the literal a developer edits, even inside block scalars.
"""

from __future__ import annotations

from bedrock_lifecycle.document import Document, LineIndex, MapNode, ScalarNode, walk
from bedrock_lifecycle.extract.kubernetes import item_labels
from bedrock_lifecycle.model import Reference, Scalar
from bedrock_lifecycle.parsers.text import key_before
from bedrock_lifecycle.resolve.ids import Form, Recognizer
from bedrock_lifecycle.suppress import applicable, suppressions


def key_path_str(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def locate(text: str, start: int, end: int, value: str, m_start: int, m_text: str) -> int:
    """Offset in ``text`` of the match found at ``m_start`` of the scalar's value."""
    raw = text[start:end]
    nth = value.count(m_text, 0, m_start)
    idx = -1
    for _ in range(nth + 1):
        idx = raw.find(m_text, idx + 1)
        if idx < 0:
            break
    if idx < 0:
        idx = raw.lower().find(m_text.lower())
    return start + max(idx, 0)


def references_in(
    doc: Document,
    index: LineIndex,
    recognizer: Recognizer,
    value: str,
    start: int,
    end: int,
    resource: str,
    attribute: str = "",
    exact_only: bool = False,
) -> list[Reference]:
    refs = []
    for m in recognizer.finditer(value):
        if m.parsed.form == Form.WILDCARD.value or (exact_only and not recognizer.is_exact(m)):
            continue
        at = locate(doc.text, start, end, value, m.start, m.text)
        refs.append(
            Reference(
                text=m.text,
                span=index.span(doc.path, at, at + len(m.text)),
                resource=resource,
                kind=doc.kind,
                attribute=attribute,
            )
        )
    return refs


def extract_generic(doc: Document, recognizer: Recognizer) -> list[Reference]:
    index = LineIndex(doc.text)
    refs: list[Reference] = []
    multi = len(doc.roots) > 1
    root_labels = doc.meta.get("root_labels")  # JSON Lines: 'line[N]'
    for i, root in enumerate(doc.roots):
        if isinstance(root_labels, tuple):
            prefix = str(root_labels[i])
        else:
            prefix = document_label(root, i) if multi else ""
        labels = item_labels(root, doc.text)  # env lists by variable name, LiteLLM model_list by model_name
        for key_path, node in walk(root):
            if isinstance(node, MapNode):
                for k, _v in node.items:
                    if k.is_string and k.value:
                        res = _join(prefix, key_path_str(key_path + (k.value,)))
                        refs += references_in(doc, index, recognizer, k.value, k.start, k.end, res, k.value)
            elif isinstance(node, ScalarNode) and node.is_string and node.value:
                exact_only = editor_extension(doc.path, key_path)
                key_path = labels.get(id(node), key_path)
                attr = next((p for p in reversed(key_path) if isinstance(p, str)), "")
                res = _join(prefix, key_path_str(key_path)) or doc.path
                refs += references_in(doc, index, recognizer, node.value, node.start, node.end, res, attr, exact_only)
    for scalar in doc.scalars:
        refs += _flat(doc, index, recognizer, scalar)
    return with_suppressions(doc, refs)


def editor_extension(path: str, key_path: tuple[str | int, ...]) -> bool:
    """Whether the value is an entry of a VS Code extension list: ``anthropic.claude-code`` there names an
    editor extension, not a Bedrock model. Dev containers (``customizations.vscode.extensions``, and the
    legacy top-level ``extensions``) and ``.vscode/extensions.json`` (``recommendations``,
    ``unwantedRecommendations``). An exact catalog ID is still a reference (Recognizer.is_exact)."""
    if len(key_path) < 2 or not isinstance(key_path[-1], int):
        return False
    name = path.rsplit("/", 1)[-1]
    if name in ("devcontainer.json", ".devcontainer.json"):
        return key_path[:-1] in (("customizations", "vscode", "extensions"), ("extensions",))
    if name == "extensions.json" and path.rsplit("/", 2)[-2:-1] == [".vscode"]:
        return key_path[:-1] in (("recommendations",), ("unwantedRecommendations",))
    return False


def _flat(doc: Document, index: LineIndex, recognizer: Recognizer, scalar: Scalar) -> list[Reference]:
    if doc.kind == "text" or not scalar.key_path or isinstance(scalar.key_path[0], int):
        out = []
        for ref in references_in(doc, index, recognizer, scalar.value, scalar.start, scalar.end, ""):
            line_start = index.line_start(ref.span.start_line)
            key = key_before(doc.text[line_start : line_start + ref.span.start_col - 1])
            out.append(_with_resource(ref, key or doc.path, key or ""))
        return out
    key = key_path_str(scalar.key_path)
    attr = next((str(p) for p in reversed(scalar.key_path) if isinstance(p, str)), "")  # models[1]: models
    return references_in(doc, index, recognizer, scalar.value, scalar.start, scalar.end, key, attr)


def _with_resource(ref: Reference, resource: str, attribute: str) -> Reference:
    from dataclasses import replace

    return replace(ref, resource=resource, attribute=attribute)


def _join(prefix: str, rest: str) -> str:
    return f"{prefix}.{rest}" if prefix and rest else prefix or rest


def document_label(root: object, i: int) -> str:
    """Kubernetes-style 'Kind.namespace.name' for a multi-document file, else 'doc[i]'."""
    if isinstance(root, MapNode):
        kind = root.get("kind")
        meta = root.get("metadata")
        name = meta.get("name") if isinstance(meta, MapNode) else None
        if isinstance(kind, ScalarNode) and isinstance(name, ScalarNode):
            ns = meta.get("namespace") if isinstance(meta, MapNode) else None
            namespace = ns.value if isinstance(ns, ScalarNode) else "default"
            return f"{kind.value}.{namespace}.{name.value}"
    return f"doc[{i}]"


def with_suppressions(doc: Document, refs: list[Reference]) -> list[Reference]:
    if not doc.comments or not refs:
        return refs
    index = suppressions(doc.comments)
    if not (index.trailing or index.above):
        return refs
    from dataclasses import replace

    out = []
    for r in refs:
        skips = applicable(index, r.span.start_line, r.span.end_line)
        out.append(replace(r, suppressions=r.suppressions + skips) if skips else r)
    return out
