"""Step Functions: standalone ASL files, and state machines inside templates with DefinitionSubstitutions."""

from __future__ import annotations

from cfn_support import found, refs

ASL = """\
{
  "StartAt": "Par",
  "States": {
    "Par": {
      "Type": "Parallel",
      "Branches": [{"StartAt": "Invoke", "States": {"Invoke": {
        "Type": "Task",
        "Resource": "arn:aws:states:::bedrock:invokeModel",
        "Parameters": {"ModelId": "anthropic.claude-3-haiku-20240307-v1:0", "Body.$": "$.b"},
        "End": true}}}],
      "Next": "Dynamic"
    },
    "Dynamic": {"Type": "Task", "Resource": "arn:aws:states:::bedrock:invokeModel",
                "Parameters": {"ModelId.$": "$.model", "Body.$": "$.b"}, "End": true}
  }
}
"""


def test_standalone_asl_names_the_innermost_state():
    assert found(refs(ASL, "flows/x.asl.json")) == {
        ("anthropic.claude-3-haiku-20240307-v1:0", 9, "States.Par.Branches[0].States.Invoke", "Parameters.ModelId")
    }


def test_inline_definition_with_substitutions():
    text = """\
    AWSTemplateFormatVersion: "2010-09-09"
    Resources:
      M:
        Type: AWS::StepFunctions::StateMachine
        Properties:
          DefinitionSubstitutions:
            Model: amazon.nova-pro-v1:0
            Unused: amazon.titan-text-lite-v1
            Unknown: !ImportValue x
          Definition:
            StartAt: A
            States:
              A:
                Type: Task
                Resource: arn:aws:states:::bedrock:invokeModel
                Parameters: {ModelId: "${Model}"}
                Next: B
              B:
                Type: Task
                Resource: arn:aws:states:::bedrock:invokeModel
                Parameters: {ModelId: "${Unknown}"}
                End: true
    """
    got = refs(text)
    assert found(got) == {
        ("amazon.nova-pro-v1:0", 7, "AWS::StepFunctions::StateMachine.M", "Definition.States.A.Parameters.ModelId"),
        ("amazon.titan-text-lite-v1", 8, "AWS::StepFunctions::StateMachine.M", "DefinitionSubstitutions.Unused"),
    }
    used = next(r for r in got if r.text == "amazon.nova-pro-v1:0")
    assert [(s.line, s.via) for s in used.provenance] == [
        (7, "DefinitionSubstitutions.Model"),
        (16, "definition ${Model}"),
    ]


def test_definition_string_json_gets_the_asl_path():
    text = """\
    AWSTemplateFormatVersion: "2010-09-09"
    Resources:
      M:
        Type: AWS::StepFunctions::StateMachine
        Properties:
          DefinitionString: !Sub |
            {"StartAt": "A", "States": {"A": {"Type": "Task",
              "Resource": "arn:${AWS::Partition}:states:::bedrock:invokeModel",
              "Parameters": {"ModelId": "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/meta.llama3-2-1b-instruct-v1:0"},
              "End": true}}}
    """
    (r,) = refs(text)
    assert (r.span.start_line, r.attribute) == (9, "DefinitionString.States.A.Parameters.ModelId")


def test_local_definition_file_is_followed_and_its_own_literals_left_to_its_own_scan(tmp_path):
    (tmp_path / "sm").mkdir()
    (tmp_path / "sm" / "flow.asl.yaml").write_text(
        "StartAt: A\nStates:\n  A:\n    Type: Task\n    Resource: arn:aws:states:::bedrock:invokeModel\n"
        "    Parameters:\n      ModelId: ${ModelArn}\n    Next: B\n  B:\n    Type: Task\n"
        "    Resource: arn:aws:states:::bedrock:invokeModel\n    Parameters:\n      ModelId: amazon.nova-lite-v1:0\n"
        "    End: true\n"
    )
    template = """\
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Flow:
        Type: AWS::Serverless::StateMachine
        Properties:
          DefinitionUri: sm/flow.asl.yaml
          DefinitionSubstitutions:
            ModelArn: arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2
    """
    (r,) = refs(template, "template.yaml", root=tmp_path)
    assert (r.span.path, r.span.start_line, r.attribute) == ("template.yaml", 8, "States.A.Parameters.ModelId")
    assert r.provenance[-1].path == "sm/flow.asl.yaml" and r.provenance[-1].line == 7


def test_remote_or_missing_definition_leaves_substitutions_as_properties(tmp_path):
    template = """\
    AWSTemplateFormatVersion: "2010-09-09"
    Resources:
      Flow:
        Type: AWS::StepFunctions::StateMachine
        Properties:
          DefinitionS3Location: {Bucket: b, Key: flows/missing.json}
          DefinitionSubstitutions:
            ModelId: anthropic.claude-v2
      Other:
        Type: AWS::StepFunctions::StateMachine
        Properties:
          DefinitionS3Location: ../../outside-the-root.json
    """
    assert found(refs(template, "template.yaml", root=tmp_path)) == {
        ("anthropic.claude-v2", 8, "AWS::StepFunctions::StateMachine.Flow", "DefinitionSubstitutions.ModelId")
    }


def test_nested_stack_is_followed_into_a_local_child(tmp_path):
    (tmp_path / "child.yaml").write_text(
        "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  ModelId: {Type: String}\n"
        "  Own: {Type: String, Default: amazon.nova-micro-v1:0}\n"
        "Resources:\n  Agent:\n    Type: AWS::Bedrock::Agent\n    Properties:\n"
        "      FoundationModel: !Ref ModelId\n      Description: !Ref Own\n"
    )
    parent = """\
    AWSTemplateFormatVersion: "2010-09-09"
    Resources:
      Child:
        Type: AWS::CloudFormation::Stack
        Properties:
          TemplateURL: ./child.yaml
          Parameters:
            ModelId: anthropic.claude-3-haiku-20240307-v1:0
      Remote:
        Type: AWS::CloudFormation::Stack
        Properties:
          TemplateURL: https://s3.amazonaws.com/bucket/child.yaml
          Parameters:
            ModelId: amazon.titan-text-express-v1
      Loop:
        Type: AWS::CloudFormation::Stack
        Properties:
          TemplateURL: ./template.yaml
    """
    got = refs(parent, "template.yaml", root=tmp_path)
    assert found(got) == {
        (
            "anthropic.claude-3-haiku-20240307-v1:0",
            8,
            "AWS::CloudFormation::Stack.Child/AWS::Bedrock::Agent.Agent",
            "FoundationModel",
        ),
        ("amazon.titan-text-express-v1", 14, "AWS::CloudFormation::Stack.Remote", "Parameters.ModelId"),
    }
    child = next(r for r in got if "Child/" in r.resource)
    assert [(s.path, s.line) for s in child.provenance] == [("template.yaml", 8), ("child.yaml", 9)]
