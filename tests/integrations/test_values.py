"""The evaluator behind the Checkov checks, without Checkov: Checkov's conf shapes, never raising."""

from __future__ import annotations

from datetime import date

from bedrock_lifecycle.integrations.values import evaluate, strings
from bedrock_lifecycle.model import Result

AS_OF = date(2026, 11, 25)


def test_terraform_list_wrapping_and_metadata_keys_are_transparent():
    conf = {
        "foundation_model": ["anthropic.claude-v2"],
        "__start_line__": 4,
        "__address__": "x.y",
        "tags": [{"Team": ["ml"]}],
    }
    assert sorted(strings(conf)) == [("foundation_model", "anthropic.claude-v2"), ("tags.Team", "ml")]
    verdict = evaluate("BRL_001", conf, "aws_bedrockagent_agent", as_of=AS_OF)
    assert verdict.result is Result.FAILED and "anthropic.claude-v2" in verdict.details[0]


def test_unresolved_variable_is_unknown_not_guessed():
    conf = {"foundation_model": ["var.model"], "name": ["agent"]}
    assert evaluate("BRL_001", conf, "aws_bedrockagent_agent", as_of=AS_OF).result is None
    assert evaluate("BRL_005", conf, "aws_bedrockagent_agent", as_of=AS_OF).result is None


def test_active_model_passes_and_replacement_chain_is_followed():
    conf = {"foundation_model": ["amazon.nova-pro-v1:0"]}
    assert evaluate("BRL_001", conf, "aws_bedrockagent_agent", as_of=AS_OF).result is Result.PASSED
    verdict = evaluate("BRL_001", {"m": "anthropic.claude-v2"}, "x", as_of=AS_OF)
    # AWS named Sonnet 4.5, Legacy since 2026-10-08: never advised; the Active successor is, marked inferred.
    assert "anthropic.claude-sonnet-4-5" not in verdict.details[0]
    assert "migrate to anthropic.claude-sonnet-5-5 (inferred" in verdict.details[0]


def test_provisioned_throughput_role_comes_from_the_resource_type():
    conf = {"model_arn": ["arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0:200k"]}
    assert evaluate("BRL_007", conf, "aws_bedrock_provisioned_model_throughput", as_of=AS_OF).result is Result.FAILED
    assert evaluate("BRL_007", conf, "aws_lambda_function", as_of=AS_OF).result is None


def test_cloudformation_shapes_and_cycles():
    conf = {"Type": "AWS::Bedrock::Agent", "Properties": {"FoundationModel": {"Fn::Sub": "anthropic.claude-v2:1"}}}
    assert evaluate("BRL_001", conf, "AWS::Bedrock::Agent", as_of=AS_OF).result is Result.FAILED
    loop: dict = {"a": "x"}
    loop["self"] = loop
    assert evaluate("BRL_001", loop, "x", as_of=AS_OF).result is None
