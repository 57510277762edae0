"""Fuzzing every parser front-end through scan.process_file, the pipeline's per-file boundary.

For every parser in the registry when the test runs (each is given a file name it
claims), Hypothesis feeds

* random bytes (no NUL) around a model ID (so the byte prefilter lets the file through),
* fixture files from fixtures/*/*/repo, mutated (bytes deleted, duplicated,
  replaced, structural characters and line ends inserted, truncated),
* documents generated from the YAML, JSON and HCL grammars (CloudFormation,
  Serverless and Step Functions shapes, tags, anchors, heredocs, interpolations,
  function calls, for-expressions), sometimes lightly mutated: a structure-aware
  harness that reaches the node builders, extractors and static evaluators.

Properties: process_file never raises; a parser never crashes (an ``internal
error`` diagnostic, BRL_E007, is a parser bug caught by the boundary: it fails
here); every diagnostic and reference points inside the file; a reference's
text is what the decoded file holds at its line and column.

Derandomized with bounded examples, so CI runs the same cases each time.
BRL_FUZZ_EXAMPLES=<n> raises the count and randomizes, for a longer local run
(pytest --hypothesis-seed=<s> repeats one).
"""

from __future__ import annotations

import itertools
import os
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bedrock_lifecycle.catalog import load_embedded
from bedrock_lifecycle.config import FRAMEWORKS, OPTIONAL_FRAMEWORKS, Config
from bedrock_lifecycle.discover import Target
from bedrock_lifecycle.parsers import PARSERS, parser_for
from bedrock_lifecycle.resolve.ids import Recognizer
from bedrock_lifecycle.scan import process_file

REPO = Path(__file__).resolve().parents[2]
MODEL = "anthropic.claude-3-haiku-20240307-v1:0"
EXAMPLES = int(os.environ.get("BRL_FUZZ_EXAMPLES", "40"))
DERANDOMIZE = "BRL_FUZZ_EXAMPLES" not in os.environ  # a long local run explores new cases (--hypothesis-seed)
FUZZ = settings(
    derandomize=DERANDOMIZE,
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
RECOGNIZER = Recognizer.for_catalog(load_embedded())
WORKDIR = Path(tempfile.mkdtemp(prefix="brl-fuzz-"))
ALL_FRAMEWORKS = frozenset(FRAMEWORKS + OPTIONAL_FRAMEWORKS)  # documentation parsers are fuzzed too
CFG = Config(paths=(str(WORKDIR),), root=str(WORKDIR), as_of=date(2026, 11, 25), frameworks=ALL_FRAMEWORKS)
_COUNTER = itertools.count()

# A name each kind of parser claims; the registry decides which parser that is.
CANDIDATE_NAMES = (
    "main.tf",
    "terraform.tfvars",
    "main.tf.json",
    "terragrunt.hcl",
    "templates/deployment.yaml",
    "values.yaml",
    "template.json",
    "settings.jsonc",
    ".env",
    "pyproject.toml",
    "setup.cfg",
    "app.ini",
    "application.properties",
    "app.py",
    "app.js",
    "app.ts",
    "App.java",
    "main.go",
    "Program.cs",
    "App.kt",
    "app.rb",
    "deploy.sh",
    "Dockerfile",
    "Makefile",
    "Procfile",
    "batch.jsonl",
    "demo.ipynb",
    "dev.json.example",
    "README.md",
    "guide.rst",
    "guide.adoc",
)


def _claimed() -> dict[str, str]:
    """Parser label -> a file name it claims, for every parser in the registry."""
    out: dict[str, str] = {}
    for name in CANDIDATE_NAMES:
        parser = parser_for(name, ALL_FRAMEWORKS)
        if parser is not None:
            out.setdefault(f"{type(parser).__name__}:{parser.name}", name)
    return out


CLAIMED = _claimed()


def test_every_registered_parser_is_fuzzed():
    labels = {f"{type(p).__name__}:{p.name}" for p in PARSERS}
    assert labels <= set(CLAIMED), f"add a file name for {sorted(labels - set(CLAIMED))} to CANDIDATE_NAMES"


def scan_bytes(name: str, data: bytes):
    """process_file on data saved under name, in a fresh directory (no cache sees a stale file)."""
    directory = WORKDIR / str(next(_COUNTER))
    path = directory / name
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    outcome = process_file(Target(name, str(path)), CFG, RECOGNIZER)
    text_lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
    crashes = [d for d in outcome.diagnostics if d.code == "BRL_E007"]
    assert crashes == [], f"{name}: {crashes[0].message}"
    for d in outcome.diagnostics:
        assert d.path == name and (d.line is None or 1 <= d.line <= text_lines + 1), d
    text = None
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):  # decoded as scan.read_text does (UTF-16 aside)
        text = data.decode("utf-8" if b"\x00" in data[:8192] else "utf-8-sig", "replace")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for ref in outcome.references:
        assert ref.span.path == name and 1 <= ref.span.start_line <= ref.span.end_line <= text_lines, ref
        assert RECOGNIZER.parser.parse(ref.text) is not None, ref.text
        if text is not None:
            line = text.split("\n")[ref.span.start_line - 1]
            at = ref.span.start_col - 1
            if ref.text in line:  # a literal: exactly at its column (a value composed by !Sub, Fn::Join or
                assert line[at : at + len(ref.text)] == ref.text, (ref, line)  # a parameter is located elsewhere)
    return outcome


# --- random bytes ---

# No NUL bytes: a NUL in the first 8 KiB makes the file binary, which skips the format parser
# (the corpus tests that path); mutations below still insert them.
AROUND = st.binary(max_size=400).map(lambda b: b.replace(b"\x00", b" "))


@pytest.mark.parametrize("label", sorted(CLAIMED))
@FUZZ
@given(before=AROUND, after=AROUND)
def test_random_bytes(label, before, after):
    scan_bytes(CLAIMED[label], before + MODEL.encode() + after)


# --- mutated fixtures ---


def _fixtures() -> dict[str, list[Path]]:
    """Parser label -> the fixture files (fixtures/*/*/repo/**) that parser reads."""
    owner = {id(parser_for(name)): label for label, name in CLAIMED.items()}
    by_label: dict[str, list[Path]] = {label: [] for label in CLAIMED}
    for repo in sorted((REPO / "fixtures").glob("*/*/repo")):
        for path in sorted(repo.rglob("*")):
            if path.is_symlink() or not path.is_file() or path.stat().st_size > 20_000:
                continue
            label = owner.get(id(parser_for(path.relative_to(repo).as_posix())))
            if label is not None:
                by_label[label].append(path)
    return by_label


FIXTURES = _fixtures()
STRUCTURAL = [
    b"{",
    b"}",
    b"[",
    b"]",
    b"(",
    b")",
    b'"',
    b"'",
    b"`",
    b"\\",
    b"\n",
    b"\r",
    b"\r\n",
    b"\x00",
    b"\t",
    b"${",
    b"%{",
    b"<<EOT\n",
    b"#",
    b"//",
    b"/*",
    b"*/",
    b": ",
    b"- ",
    b"=",
    b",",
    b"&a ",
    b"*a ",
    b"!Ref ",
    b"!!python/object/apply:os.system ",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\xe2\x80\xae",
    MODEL.encode(),
]


@st.composite
def mutations(draw, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(out)))
        kind = draw(st.sampled_from(("delete", "insert", "duplicate", "replace", "truncate")))
        if kind == "delete":
            del out[pos : pos + draw(st.integers(1, 40))]
        elif kind == "insert":
            out[pos:pos] = draw(st.one_of(st.sampled_from(STRUCTURAL), st.binary(min_size=1, max_size=8)))
        elif kind == "duplicate":
            out[pos:pos] = out[pos : pos + draw(st.integers(1, 200))] * draw(st.integers(1, 3))
        elif kind == "replace" and pos < len(out):
            out[pos] = draw(st.integers(0, 255))
        elif kind == "truncate":
            del out[pos:]
    return bytes(out)


@pytest.mark.parametrize("label", sorted(label for label in CLAIMED if FIXTURES[label]))
@FUZZ
@given(data=st.data())
def test_mutated_fixtures(label, data):
    source = data.draw(st.sampled_from(FIXTURES[label]), label="fixture")
    scan_bytes(CLAIMED[label], data.draw(mutations(source.read_bytes()), label="mutated"))


# --- grammar-aware documents for the YAML, HCL and JSON front-ends ---
#
# Random bytes mostly stop at the first parse error. These strategies write documents that parse
# (or nearly: a few mutations on top), so the parsers' node builders and the extractors and
# static evaluators behind them (CloudFormation intrinsics, Terraform expressions) see deep input.

LITERALS = [
    MODEL,
    f"us.{MODEL}",
    f"arn:aws:bedrock:us-east-1::foundation-model/{MODEL}",
    "anthropic.claude-*",
    "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abcdefghijkl",
    "",
    "x",
    "${var.m}",
    "${AWS::Region}",
    "${self:custom.m}",
    "${file(../x.yml):m}",
    "%{ if true }a%{ endif }",
    "\\",
    '"',
    "\n",
]
STRING = st.one_of(st.sampled_from(LITERALS), st.text(max_size=12))
KEYS = [
    "Resources",
    "Type",
    "Properties",
    "FoundationModel",
    "ModelId",
    "model_id",
    "Parameters",
    "Default",
    "Mappings",
    "Conditions",
    "Outputs",
    "Value",
    "States",
    "StartAt",
    "Resource",
    "Fn::Sub",
    "Ref",
    "Fn::If",
    "Fn::FindInMap",
    "Fn::Join",
    "Fn::Select",
    "AWS::Bedrock::Agent",
    "provider",
    "environment",
]
KEY = st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=8))
VALUES = st.recursive(
    st.one_of(STRING, st.integers(), st.booleans(), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEY, inner, max_size=4)),
    max_leaves=25,
)
TEMPLATE_ROOTS = st.one_of(
    VALUES,
    st.builds(
        lambda props, params: {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Parameters": params,
            "Resources": {"A": {"Type": "AWS::Bedrock::Agent", "Properties": props}},
        },
        st.dictionaries(KEY, VALUES, max_size=4),
        st.dictionaries(KEY, VALUES, max_size=3),
    ),
    st.builds(
        lambda env, custom: {"service": "s", "provider": {"name": "aws", "environment": env}, "custom": custom},
        st.dictionaries(KEY, VALUES, max_size=3),
        VALUES,
    ),
    st.builds(
        lambda params: {
            "StartAt": "A",
            "States": {"A": {"Type": "Task", "Parameters": params, "Resource": "arn:aws:states:::bedrock:invokeModel"}},
        },
        st.dictionaries(KEY, VALUES, max_size=4),
    ),
)
YAML_TAGS = [
    "!Ref ",
    "!Sub ",
    "!GetAtt ",
    "!If ",
    "!Join ",
    "!Select ",
    "!FindInMap ",
    "!Base64 ",
    "!Bogus ",
    "!!str ",
    "!!python/object/apply:os.system ",
    "&a ",
    "*a ",
    "&b ",
    "<<: *a\n",
]


@st.composite
def json_documents(draw) -> bytes:
    import json

    root = draw(TEMPLATE_ROOTS)
    root = {**root, "model_id": MODEL} if isinstance(root, dict) else [root, MODEL]  # passes the prefilter
    text = json.dumps(root, indent=draw(st.sampled_from([None, 1, 2])), ensure_ascii=draw(st.booleans()))
    return draw(mutations(text.encode())) if draw(st.integers(0, 3)) == 0 else text.encode()


@st.composite
def yaml_documents(draw) -> bytes:
    import yaml

    text = yaml.safe_dump(
        draw(TEMPLATE_ROOTS),
        default_flow_style=draw(st.sampled_from([None, True, False])),
        allow_unicode=True,
        width=draw(st.sampled_from([20, 80])),
    )
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 6))):  # tags, anchors and aliases on random values
        i = draw(st.integers(0, len(lines) - 1))
        for sep in (": ", "- "):
            at = lines[i].find(sep)
            if at != -1:
                lines[i] = lines[i][: at + 2] + draw(st.sampled_from(YAML_TAGS)) + lines[i][at + 2 :]
                break
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = "---\n" + text + "\n---\n" + text  # several documents
    return draw(mutations(text.encode())) if draw(st.integers(0, 3)) == 0 else text.encode()


def _hcl_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


HCL_NAME = st.sampled_from(["m", "model", "x", "id", "foundation_model", "model_id", "name"])
HCL_LEAF = st.one_of(
    STRING.map(_hcl_string),
    st.integers(-5, 99).map(str),
    st.sampled_from(["true", "false", "null"]),
    st.sampled_from(
        [
            "var.m",
            "var.model",
            "local.x",
            "local.model",
            "each.value",
            "each.key",
            "count.index",
            "module.m.model",
            "data.aws_bedrock_foundation_model.m.model_id",
            'var.map["k"]',
            "path.module",
            "self.x",
            '"${var.m}"',
            '"${local.x}-${var.m}"',
            '"%{if var.m != ""}${var.m}%{endif}"',
            f"<<EOT\n{MODEL}\nEOT\n",
            f"<<-EOT\n  ${{var.m}} {MODEL}\n  EOT\n",
        ]
    ),
)
HCL_FUNCS = [
    "lookup",
    "try",
    "coalesce",
    "format",
    "jsonencode",
    "jsondecode",
    "join",
    "merge",
    "element",
    "concat",
    "tostring",
    "replace",
    "lower",
    "upper",
    "trimspace",
    "split",
    "templatefile",
    "file",
    "one",
    "flatten",
]


def _hcl_expressions(inner):
    return st.one_of(
        st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.dictionaries(HCL_NAME, inner, max_size=3).map(
            lambda d: "{" + ", ".join(f"{k} = {v}" for k, v in d.items()) + "}"
        ),
        st.tuples(inner, inner, inner).map(lambda t: f"{t[0]} == {t[1]} ? {t[1]} : {t[2]}"),
        st.tuples(st.sampled_from(HCL_FUNCS), st.lists(inner, max_size=3)).map(lambda t: f"{t[0]}({', '.join(t[1])})"),
        inner.map(lambda e: f"[for k, v in {e} : v if v != null]"),
        inner.map(lambda e: f"{{for k, v in {e} : k => v}}"),
        inner.map(lambda e: f"({e})"),
        inner.map(lambda e: f"{e}[0]"),
        inner.map(lambda e: f"{e}.*.id"),
    )


HCL_EXPR = st.recursive(HCL_LEAF, _hcl_expressions, max_leaves=12)


@st.composite
def hcl_documents(draw) -> bytes:
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        attrs = "".join(
            f"  {k} = {v}\n" for k, v in draw(st.dictionaries(HCL_NAME, HCL_EXPR, min_size=1, max_size=3)).items()
        )
        header = draw(
            st.sampled_from(
                [
                    'resource "aws_bedrockagent_agent" "a"',
                    'resource "aws_bedrock_provisioned_model_throughput" "pt"',
                    "locals",
                    'variable "m"',
                    'variable "model"',
                    'output "o"',
                    'module "m"',
                    'data "aws_bedrock_foundation_model" "m"',
                    'provider "aws"',
                ]
            )
        )
        if header.startswith("module"):
            attrs = '  source = "./mod"\n' + attrs
        if header.startswith("resource") and draw(st.booleans()):
            attrs += draw(
                st.sampled_from(
                    [
                        '  for_each = {a = "x"}\n',
                        "  count = 2\n",
                        '  dynamic "x" {\n    for_each = var.m\n    content {\n      m = x.value\n    }\n  }\n',
                    ]
                )
            )
        blocks.append(f"{header} {{\n{attrs}}}\n")
    text = "\n".join(blocks)
    return draw(mutations(text.encode())) if draw(st.integers(0, 3)) == 0 else text.encode()


GRAMMARS = {
    "values.yaml": yaml_documents(),
    "template.json": json_documents(),
    "main.tf": hcl_documents(),
    "terragrunt.hcl": hcl_documents(),
    "terraform.tfvars": st.dictionaries(HCL_NAME, HCL_EXPR, max_size=4).map(
        lambda d: "".join(f"{k} = {v}\n" for k, v in d.items()).encode()
    ),
}


@pytest.mark.parametrize("name", sorted(GRAMMARS))
@settings(
    derandomize=DERANDOMIZE,
    max_examples=EXAMPLES * 3,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_grammar_documents(name, data):
    assert parser_for(name) is not None, f"no parser claims {name}"
    document = data.draw(GRAMMARS[name], label="document")
    scan_bytes(name, document if name.endswith(".json") else document + b"\n# " + MODEL.encode() + b"\n")
