"""Which extractor reads a document: by content, never by file name; strict template decoding."""

from __future__ import annotations

import pytest
from cfn_support import extractor_name, parse, recognizer, refs

from bedrock_lifecycle.errors import ParseFailure
from bedrock_lifecycle.extract import ExtractContext, extract
from bedrock_lifecycle.parsers import parser_for


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ('AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n', "anything.yaml", "cloudformation"),
        ("Transform: AWS::Serverless-2016-10-31\nResources: {}\n", "sam.yml", "cloudformation"),
        ("Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\n", "x.yaml", "cloudformation"),
        ("Resources:\n  A:\n    Type: AWS::Bedrock::Agent\n", "infra/stack.yaml", "cloudformation"),
        ("Resources:\n  A:\n    Type: Custom::ModelPicker\n", "x.yaml", "cloudformation"),
        ("Resources:\n  A:\n    Type: Alexa::ASK::Skill\n", "x.yaml", "cloudformation"),
        ('{"Resources": {"A": {"Type": "AWS::Lambda::Function"}}}', "cdk.out/App.template.json", "cloudformation"),
        ("service: api\nprovider:\n  name: aws\n", "deploy/whatever.yml", "serverless"),
        ('{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}', "flow.asl.json", "stepfunctions"),
        ("StartAt: A\nStates:\n  A: {Type: Pass, End: true}\n", "flow.yaml", "stepfunctions"),
        # not templates: a Resources key without typed entries, Kubernetes, compose
        ("Resources:\n  cpu: 2\n  memory: 4Gi\n", "values.yaml", "generic"),
        ("apiVersion: v1\nkind: ConfigMap\ndata: {model: x}\n", "cm.yaml", "generic"),
        ("services:\n  api:\n    image: x\n", "docker-compose.yml", "generic"),
        ("service: api\n", "half.yml", "generic"),  # service without provider
        ("StartAt: A\nStates: [1]\n", "notasl.yaml", "generic"),
    ],
)
def test_detection_is_by_content(text, name, expected):
    got = extractor_name(text, name)
    assert (got or "generic") == expected


def test_yaml_parser_claims_template_files_and_json_claims_template_json():
    assert parser_for("stacks/network.template").name == "yaml"
    assert parser_for("cdk.out/App.template.json").name == "json"


def test_multi_document_yaml_is_not_a_template():
    text = "AWSTemplateFormatVersion: '2010-09-09'\n---\nResources: {}\n"
    assert extractor_name(text) == "generic"


def test_unknown_short_form_tag_is_a_parse_failure_with_its_line():
    text = """\
    AWSTemplateFormatVersion: "2010-09-09"
    Resources:
      Agent:
        Type: AWS::Bedrock::Agent
        Properties:
          FoundationModel: !Reff ModelId
    """
    with pytest.raises(ParseFailure) as exc:
        refs(text)
    assert "'!Reff'" in exc.value.message
    assert (exc.value.line, exc.value.col) == (6, 24)


def test_every_cloudformation_short_tag_is_accepted():
    text = """\
    AWSTemplateFormatVersion: "2010-09-09"
    Conditions:
      A: !Equals [!Ref AWS::Region, us-east-1]
      B: !And [!Condition A, !Or [!Not [!Condition A], !Condition A]]
    Resources:
      Fn:
        Type: AWS::Lambda::Function
        Properties:
          Code: {ZipFile: !Base64 x}
          Cidr: !Cidr [10.0.0.0/16, 2, 8]
          Azs: !GetAZs ""
          Len: !Length [a, b]
          Json: !ToJsonString {a: b}
          X: !Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}
          Y: !ImportValue z
          Env: {Variables: {M: anthropic.claude-v2}}
    """
    assert {r.text for r in refs(text)} == {"anthropic.claude-v2"}


def test_unknown_tags_outside_templates_are_left_to_the_generic_reader():
    text = "secrets: !include secrets.yaml\nmodel: anthropic.claude-v2\n"
    assert {r.text for r in refs(text, "home-assistant.yaml")} == {"anthropic.claude-v2"}


def test_duplicate_key_in_a_json_template_is_a_parse_failure():
    text = '{"Resources": {"A": {"Type": "AWS::Bedrock::Agent",\n "Type": "AWS::Bedrock::Agent"}}}'
    with pytest.raises(ParseFailure) as exc:
        refs(text, "t.json")
    assert exc.value.line == 2 and "duplicate key 'Type'" in exc.value.message


def test_framework_selection_turns_templates_off():
    doc = parse('AWSTemplateFormatVersion: "2010-09-09"\nDescription: anthropic.claude-v2\n')
    on = extract(doc, recognizer(), ExtractContext("/r", "/r/t.yaml", frozenset({"cloudformation"})))
    off = extract(doc, recognizer(), ExtractContext("/r", "/r/t.yaml", frozenset({"config"})))
    assert len(on) == 1 and off == []


def test_broken_template_gets_a_diagnostic_and_the_text_fallback(tmp_path):
    from datetime import date

    from bedrock_lifecycle.catalog import load_embedded
    from bedrock_lifecycle.config import Config
    from bedrock_lifecycle.scan import scan

    (tmp_path / "t.yaml").write_text(
        "AWSTemplateFormatVersion: '2010-09-09'\n"
        "Resources:\n"
        "  Agent:\n"
        "    Type: AWS::Bedrock::Agent\n"
        "    Properties:\n"
        "      FoundationModel: !Reff anthropic.claude-v2\n"
    )
    (tmp_path / "u.yaml").write_text(
        "Resources:\n  A:\n    Type: AWS::SSM::Parameter\n   Value: anthropic.claude-v2:1\n"
    )
    cfg = Config(paths=(str(tmp_path),), root=str(tmp_path), as_of=date(2026, 11, 25))
    result = scan(cfg, load_embedded())
    diags = {(d.path, d.line, d.code) for d in result.diagnostics}
    assert diags == {("t.yaml", 6, "BRL_E001"), ("u.yaml", 4, "BRL_E001")}
    lines = {(f.span.path, f.span.start_line, f.resolution.reference.text) for f in result.findings}
    assert lines == {("t.yaml", 6, "anthropic.claude-v2"), ("u.yaml", 4, "anthropic.claude-v2:1")}
