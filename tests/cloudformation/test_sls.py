"""Serverless Framework: ${self:...} resolved in the file; env/opt/ssm/file unknown unless a literal default."""

from __future__ import annotations

import pytest
from cfn_support import found, refs

from bedrock_lifecycle.extract.serverless import split_args, variables

HEAD = "service: chat\nprovider:\n  name: aws\n  region: eu-west-1\n"


def sls(body: str) -> str:
    return HEAD + body


def test_variables_finds_top_level_variables_with_nesting():
    text = "a-${self:custom.${opt:stage}.x}-${env:Y, 'z'}-${unclosed"
    assert [text[s:e] for s, e in variables(text)] == ["${self:custom.${opt:stage}.x}", "${env:Y, 'z'}"]


def test_split_args_respects_quotes_and_nesting():
    assert [p for p, _ in split_args("env:A, 'a,b', ${env:B, 'c'}", 0)] == ["env:A", "'a,b'", "${env:B, 'c'}"]


def test_self_custom_is_followed_to_its_literal():
    text = sls(
        "custom:\n  model: anthropic.claude-v2:1\nfunctions:\n  chat:\n    handler: h\n"
        "    environment:\n      MODEL_ID: ${self:custom.model}\n"
    )
    (r,) = refs(text, "serverless.yml")
    assert (r.text, r.span.start_line, r.resource, r.attribute) == (
        "anthropic.claude-v2:1",
        6,
        "functions.chat",
        "environment.MODEL_ID",
    )
    assert [(s.line, s.via) for s in r.provenance] == [(6, "custom.model"), (11, "${self:custom.model}")]


def test_self_provider_and_pseudo_sources_inside_an_arn():
    text = sls(
        "custom:\n  model: amazon.nova-pro-v1:0\nfunctions:\n  f:\n    handler: h\n    environment:\n"
        "      ARN: arn:aws:bedrock:${self:provider.region}::foundation-model/${self:custom.model}\n"
        "      ARN2: arn:aws:bedrock:${aws:region}::foundation-model/${self:custom.model}\n"
    )
    got = refs(text, "serverless.yml")
    assert {r.text for r in got} == {
        "arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-pro-v1:0",
        "arn:aws:bedrock:${aws:region}::foundation-model/amazon.nova-pro-v1:0",
    }
    assert {r.span.start_line for r in got} == {6}


def test_nested_variable_in_a_self_path_resolves_through_its_default_as_possible():
    text = sls(
        "custom:\n  prod:\n    model: meta.llama3-3-70b-instruct-v1:0\nfunctions:\n  f:\n    handler: h\n"
        "    environment:\n      M: ${self:custom.${opt:stage, 'prod'}.model}\n"
    )
    (r,) = refs(text, "serverless.yml")
    assert (r.text, r.span.start_line, r.possible) == ("meta.llama3-3-70b-instruct-v1:0", 7, True)


@pytest.mark.parametrize(
    "default", ["'anthropic.claude-3-haiku-20240307-v1:0'", '"anthropic.claude-3-haiku-20240307-v1:0"']
)
def test_env_with_a_literal_default_reports_the_default_as_possible(default):
    line = "      M: ${env:MODEL_ID, " + default + "}\n"
    (r,) = refs(sls("functions:\n  f:\n    handler: h\n    environment:\n" + line), "serverless.yml")
    assert (r.text, r.span.start_line, r.span.start_col, r.possible) == (
        "anthropic.claude-3-haiku-20240307-v1:0",
        9,
        line.index(default) + 2,
        True,
    )
    assert [s.via for s in r.provenance] == ["default of ${env:MODEL_ID}"]


@pytest.mark.parametrize(
    "value",
    [
        "${env:MODEL_ID}",
        "${opt:model}",
        "${ssm:/chat/model-id}",
        "${file(./models.yml):chat}",
        "${cf:shared.ModelId}",
        "${s3:bucket/key}",
        "${param:model}",
        "${self:custom.missing}",
        "arn:aws:bedrock:us-east-1::foundation-model/${env:MODEL}",
        "anthropic.claude-${opt:version}",
    ],
)
def test_unresolvable_variables_invent_nothing(value):
    text = sls(f"functions:\n  f:\n    handler: h\n    environment:\n      M: {value}\n")
    assert refs(text, "serverless.yml") == []


def test_fallback_chains_and_a_missing_self_path():
    text = sls(
        "functions:\n  f:\n    handler: h\n    environment:\n"
        "      A: ${env:A, ${env:B, 'amazon.nova-lite-v1:0'}}\n"
        "      B: ${self:custom.missing, 'amazon.nova-micro-v1:0'}\n"
    )
    got = {(r.text, r.possible) for r in refs(text, "serverless.yml")}
    assert got == {("amazon.nova-lite-v1:0", True), ("amazon.nova-micro-v1:0", False)}


def test_unused_custom_literal_is_reported_by_key_path_and_used_one_only_at_its_uses():
    text = sls(
        "custom:\n  used: amazon.nova-pro-v1:0\n  old: anthropic.claude-instant-v1\n"
        "functions:\n  f:\n    handler: h\n    environment:\n      M: ${self:custom.used}\n"
    )
    assert found(refs(text, "serverless.yml")) == {
        ("amazon.nova-pro-v1:0", 6, "functions.f", "environment.M"),
        ("anthropic.claude-instant-v1", 7, "custom.old", "old"),
    }


def test_resources_are_cloudformation_with_serverless_variables_first():
    text = sls(
        "custom:\n  model: anthropic.claude-v2\nresources:\n  Resources:\n    Agent:\n"
        "      Type: AWS::Bedrock::Agent\n      Properties:\n"
        '        FoundationModel: !Sub "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/${self:custom.model}"\n'
    )
    (r,) = refs(text, "serverless.yml")
    assert (r.resource, r.attribute, r.span.start_line) == ("AWS::Bedrock::Agent.Agent", "FoundationModel", 6)
    assert r.text == "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/anthropic.claude-v2"


def test_step_functions_plugin_definition():
    text = sls(
        "custom:\n  model: cohere.command-r-v1:0\nstepFunctions:\n  stateMachines:\n    digest:\n"
        "      definition:\n        StartAt: A\n        States:\n          A:\n            Type: Task\n"
        "            Resource: arn:aws:states:::bedrock:invokeModel\n"
        "            Parameters:\n              ModelId: ${self:custom.model}\n            End: true\n"
    )
    (r,) = refs(text, "serverless.yml")
    assert (r.resource, r.attribute) == ("stepFunctions.stateMachines.digest", "definition.States.A.Parameters.ModelId")


def test_self_reference_cycles_end():
    text = sls(
        "custom:\n  a: ${self:custom.b}\n  b: ${self:custom.a}\nfunctions:\n  f:\n    handler: h\n"
        "    environment:\n      M: ${self:custom.a}\n"
    )
    assert refs(text, "serverless.yml") == []
