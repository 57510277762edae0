"""Helm templates, env lists named by variable, LiteLLM model lists, and generated files never parsed."""

from __future__ import annotations

import pytest

from bedrock_lifecycle.catalog import load_embedded
from bedrock_lifecycle.config import FRAMEWORKS
from bedrock_lifecycle.errors import ParseFailure
from bedrock_lifecycle.extract import ExtractContext, extract
from bedrock_lifecycle.parsers import parser_for
from bedrock_lifecycle.parsers.generated import is_generated
from bedrock_lifecycle.parsers.helm import HelmTemplateParser
from bedrock_lifecycle.resolve.ids import Recognizer

RECOGNIZER = Recognizer.for_catalog(load_embedded())


def found(path: str, text: str) -> list[tuple[str, int, str]]:
    doc = parser_for(path).parse(path, text)
    ctx = ExtractContext("/", path, frozenset(FRAMEWORKS))
    return [(r.text, r.span.start_line, r.resource) for r in extract(doc, RECOGNIZER, ctx)]


TEMPLATE = """{{- /* old default: anthropic.claude-v2 */ -}}
apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          env:
            - name: CHAT_MODEL_ID
              value: {{ .Values.model | default "anthropic.claude-3-haiku-20240307-v1:0" | quote }}
            {{- if .Values.summary }}
            - name: SUMMARY_MODEL_ID
              value: "amazon.nova-pro-v1:0"  # a trailing comment
            {{- end }}
          args: ["--x"]
        - name: sidecar
          image: x
---
kind: ConfigMap
data:
  app.properties: |
    model=meta.llama3-8b-instruct-v1:0
"""


def test_helm_template_is_outlined_not_yaml_parsed():
    assert parser_for("charts/a/templates/deploy.yaml").name == "yaml"  # plain YAML reads as YAML
    assert found("charts/a/templates/deploy.yaml", TEMPLATE) == [
        ("anthropic.claude-3-haiku-20240307-v1:0", 11, "Deployment.spec.template.spec.containers[0].env.CHAT_MODEL_ID"),
        ("amazon.nova-pro-v1:0", 14, "Deployment.spec.template.spec.containers[0].env.SUMMARY_MODEL_ID"),
        ("meta.llama3-8b-instruct-v1:0", 23, "ConfigMap.data.app.properties"),
    ]


def test_helm_helpers_name_the_define():
    text = '{{- define "chart.model" -}}\n{{- if .x }}\n{{- "amazon.nova-pro-v1:0" }}\n{{- end }}\n{{- end }}\n'
    assert found("chart/templates/_helpers.tpl", text) == [("amazon.nova-pro-v1:0", 3, "chart.model")]


def test_plain_yaml_under_templates_is_still_yaml():
    # A CloudFormation 'templates/' folder: '{{resolve:...}}' is not a Go template.
    text = "Resources:\n  X:\n    Properties:\n      Secret: '{{resolve:ssm:/p}}'\n      M: amazon.nova-pro-v1:0\n"
    doc = HelmTemplateParser().parse("templates/stack.yaml", text)
    assert doc.kind == "yaml" and doc.roots
    with pytest.raises(ParseFailure):
        HelmTemplateParser().parse("templates/broken.yaml", "a: [1,\n")


def test_env_lists_are_named_by_variable():
    compose = "services:\n  w:\n    environment:\n      - A=1\n      - MODEL_ID=amazon.nova-pro-v1:0\n"
    assert found("docker-compose.yml", compose) == [("amazon.nova-pro-v1:0", 5, "services.w.environment.MODEL_ID")]
    k8s = (
        "spec:\n  containers:\n    - env:\n        - name: A\n          value: x\n"
        "        - {name: CHAT_MODEL_ID, value: amazon.nova-pro-v1:0}\n"
    )
    assert found("k.yaml", k8s) == [("amazon.nova-pro-v1:0", 6, "spec.containers[0].env.CHAT_MODEL_ID")]
    ecs = '{"containerDefinitions": [{"environment": [{"name": "MODEL", "value": "amazon.nova-pro-v1:0"}]}]}'
    assert found("task.json", ecs) == [("amazon.nova-pro-v1:0", 1, "containerDefinitions[0].environment.MODEL")]
    helm_values = "extraEnv:\n  - name: RERANK\n    value: amazon.rerank-v1:0\n"
    assert found("values.yaml", helm_values) == [("amazon.rerank-v1:0", 3, "extraEnv.RERANK")]


def test_litellm_model_list_is_named_by_model_name():
    text = "model_list:\n  - model_name: fast\n    litellm_params:\n      model: bedrock/amazon.nova-micro-v1:0\n"
    assert found("config.yaml", text) == [("bedrock/amazon.nova-micro-v1:0", 4, "model_list.fast.litellm_params.model")]


@pytest.mark.parametrize(
    "path",
    [
        "web/package-lock.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "go.sum",
        "Cargo.lock",
        "poetry.lock",
        "dist/app.min.js",
        "dist/vendor.bundle.js",
        "src/types.d.ts",
        "dist/app.js.map",
        "api/x.pb.go",
    ],
)
def test_generated_files_are_never_parsed(path):
    assert is_generated(path)
    assert parser_for(path) is None


@pytest.mark.parametrize("path", ["src/app.js", "package.json", "config.yaml", "lock.py", "src/types.ts"])
def test_ordinary_files_are_not_generated(path):
    assert not is_generated(path) and parser_for(path) is not None


def test_docs_are_not_claimed():
    for path in ("README.md", "docs/models.rst", "docs/guide.adoc", "notes.txt"):
        assert parser_for(path) is None
    assert parser_for("notebooks/explore.ipynb").name == "notebook"  # its code cells are source
