"""Source code -> References: model IDs in string literals, named by the call or key around them.

The parser gives each literal a masked value of the same length as its source
interior, so a match at offset k sits at ``scalar.start + k`` and the reference
is read back from the file exactly as written (``${region}`` and all). The
literal's context (see parsers.source_context) becomes the resource:

* ``client.converse(modelId)``, ``InvokeModelCommand(modelId)``,
  ``ChatBedrock(model_id)``: a key or keyword inside a call;
* ``bedrockruntime.ConverseInput{ModelId}``: a key inside a composite literal;
* ``MODEL_ID``, ``Settings.model_id``, ``config.bedrock.modelId``: an
  assignment or a key path outside any call;
* ``os.getenv(BEDROCK_MODEL_ID)``: a default whose variable name is the
  string argument before it;
* ``modelId()``, ``ChatBedrock()``: a positional argument;
* the enclosing function name, or the file path, when there is nothing else.

CDK model constants in code (``FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1``,
Go's ``FoundationModelIdentifier_ANTHROPIC_CLAUDE_V2_1()``) come from the parser as
scalars marked MODEL_CONSTANT; the reference is the constant as written, and
resolve.cdk turns it into its model ID.

Resources hold no line numbers, so baselines survive line moves.
"""

from __future__ import annotations

import re

from bedrock_lifecycle.document import Document, LineIndex
from bedrock_lifecycle.extract.generic import with_suppressions
from bedrock_lifecycle.model import Reference, Scalar
from bedrock_lifecycle.parsers.source import SOURCE_KINDS
from bedrock_lifecycle.parsers.source_context import MODEL_CONSTANT, PROBE_IN
from bedrock_lifecycle.resolve.ids import Form, Recognizer


def is_source(doc: Document) -> bool:
    return doc.kind in SOURCE_KINDS


def extract_source(doc: Document, recognizer: Recognizer, ctx: object = None) -> list[Reference]:
    index = LineIndex(doc.text)
    refs: list[Reference] = []
    for scalar in doc.scalars:
        if scalar.key_path[-1:] == (MODEL_CONSTANT,):  # FoundationModelIdentifier.X: resolve.cdk gives its ID
            resource, attribute = describe(scalar.key_path[:-1])
            refs.append(
                Reference(
                    text=doc.text[scalar.start : scalar.end],
                    span=index.span(doc.path, scalar.start, scalar.end),
                    resource=resource or doc.path,
                    kind=doc.kind,
                    attribute=attribute,
                )
            )
            continue
        matches = [m for m in recognizer.finditer(scalar.value) if m.parsed.form != Form.WILDCARD.value]
        if matches and (is_probe(scalar.key_path) or _LIKE.search(scalar.value)):
            matches = [m for m in matches if recognizer.is_exact(m) or not _probed(scalar, m.start)]
        if not matches:
            continue
        resource, attribute = describe(scalar.key_path)
        for m in matches:
            start, end = scalar.start + m.start, scalar.start + m.end
            refs.append(
                Reference(
                    text=doc.text[start:end],
                    span=index.span(doc.path, start, end),
                    resource=resource or doc.path,
                    kind=doc.kind,
                    attribute=attribute,
                )
            )
    refs.sort(
        key=lambda r: (r.span.start_line, r.span.start_col)
    )  # a literal in a hole is read before or after its host
    return with_suppressions(doc, refs)


# Calls that test whether a string contains, starts or ends with another (or matches a pattern): a literal
# argument of one is a probe ('model.startswith("meta.llama3-1-")'), not a model the code uses.
PROBE_CALLS = frozenset(
    {
        # Python
        "startswith",
        "endswith",
        "removeprefix",
        "removesuffix",
        "find",
        "rfind",
        "match",
        "search",
        "fullmatch",
        # JavaScript / TypeScript
        "includes",
        "startsWith",
        "endsWith",
        "indexOf",
        "lastIndexOf",
        # Go (strings.X)
        "HasPrefix",
        "HasSuffix",
        "Contains",
        "TrimPrefix",
        "TrimSuffix",
        "CutPrefix",
        # Java / Kotlin / C#
        "contains",
        "matches",
        "StartsWith",
        "EndsWith",
        "IndexOf",
        # Ruby
        "start_with?",
        "end_with?",
        "include?",
        "match?",
    }
)
# SQL 'LIKE' / 'ILIKE' just before the match, with its quote: "WHERE model LIKE 'anthropic.claude-3-%'"
_LIKE = re.compile(r"\b(?:I?LIKE)\s+['\"]%?", re.IGNORECASE)


def is_probe(key_path: tuple[str | int, ...]) -> bool:
    """Whether the literal is a substring/prefix probe: the left operand of 'in', or an argument of a
    PROBE_CALLS method (the literal itself, not a value nested in a call or key inside the arguments)."""
    last = key_path[-1] if key_path else None
    if not isinstance(last, str):
        return False
    if last == PROBE_IN:
        return True
    return last.startswith("c:") and last.rsplit(".", 1)[-1] in PROBE_CALLS


def _probed(scalar: Scalar, at: int) -> bool:
    """A match that is a probe: the whole literal is one (is_probe), or a LIKE pattern starts at it."""
    if is_probe(scalar.key_path):
        return True
    return any(m.end() == at for m in _LIKE.finditer(scalar.value, max(0, at - 16), at))


def describe(key_path: tuple[str | int, ...]) -> tuple[str, str]:
    """(resource, attribute) from a literal's context segments (outermost first)."""
    segs = [(str(s)[:1], str(s)[2:]) for s in key_path if isinstance(s, str) and s[1:2] == ":"]
    key = _last(segs, "k")
    call = _last(segs, "cb")
    if call is not None and (key is None or call > key):  # a positional argument of a call
        # 'MODEL = os.getenv(...)', 'ModelId: aws.String(...)': the key names a wrapped value.
        direct = key is not None and all(kind not in "cbft" for kind, _ in segs[key + 1 : call])
        if not direct or _names_model(segs[call][1]):
            kind, name = segs[call]
            return (f"{name}()" if kind == "c" else f"{name}{{}}"), ""
    if key is not None:
        return _keyed(segs, key)
    scope = _last(segs, "ft")
    return (segs[scope][1], "") if scope is not None else ("", "")


def _keyed(segs: list[tuple[str, str]], key: int) -> tuple[str, str]:
    owner = _last(segs[:key], "cbft")
    keys = [name for kind, name in segs[(owner + 1 if owner is not None else 0) : key + 1] if kind == "k"]
    path = ".".join(keys)
    if owner is None:
        return path, keys[-1]
    kind, name = segs[owner]
    if kind == "c":
        return f"{name}({path})", keys[-1]
    if kind == "b":
        return f"{name}{{{path}}}", keys[-1]
    if kind == "t":
        return f"{name}.{path}", keys[-1]
    return path, keys[-1]


def _last(segs: list[tuple[str, str]], kinds: str) -> int | None:
    for i in range(len(segs) - 1, -1, -1):
        if segs[i][0] in kinds:
            return i
    return None


def _names_model(callee: str) -> bool:
    """Whether the call, not the key it is assigned to, names a positional model argument.

    '.modelId(...)', 'withModelId(...)', 'setModel(...)' say what the value is;
    a constructor ('ChatBedrock(...)', 'BedrockLLM(...)') is the use site. A
    value wrapper ('aws.String', 'List.of', 'listOf', 'os.getenv') is not: the
    key it is assigned to ('ModelId: aws.String(...)') says more.
    """
    last = callee.rsplit(".", 1)[-1]
    if "model" in last.lower():
        return True
    return last[:1].isupper() and last not in _WRAPPERS


_WRAPPERS = frozenset(
    {
        "String",
        "StringPtr",
        "Ptr",
        "ToPtr",
        "List",
        "Set",
        "Array",
        "Map",
        "Optional",
        "Some",
        "Str",
        "Tuple",
        "Pair",
        "Symbol",
        "Object",
        "Sprintf",
        "Sprint",
        "Format",
        "Join",
        "Concat",
    }
)
