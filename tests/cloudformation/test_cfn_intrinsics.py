"""Intrinsic functions, evaluated statically: each one resolvable, and each one not (nothing invented)."""

from __future__ import annotations

import pytest
from cfn_support import at, found, refs, texts

HEAD = 'AWSTemplateFormatVersion: "2010-09-09"\n'


def env(value: str, params: str = "", mappings: str = "", extra: str = "") -> str:
    """A template whose one Lambda function has MODEL = value (value is YAML, one line)."""
    return (
        HEAD
        + (f"Parameters:\n{params}" if params else "")
        + (f"Mappings:\n{mappings}" if mappings else "")
        + "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n"
        + f"      Environment:\n        Variables:\n          MODEL: {value}\n"
        + extra
    )


FN = "AWS::Lambda::Function.Fn"
ATTR = "Environment.Variables.MODEL"
P_DEFAULT = "  M:\n    Type: String\n    Default: anthropic.claude-v2:1\n"


# --- Ref ---


def test_ref_to_a_parameter_default_points_at_the_default_with_its_hops():
    (r,) = refs(env("!Ref M", P_DEFAULT))
    assert (r.text, r.span.start_line, r.span.start_col, r.resource, r.attribute) == (
        "anthropic.claude-v2:1",
        5,
        14,
        FN,
        ATTR,
    )
    assert [(s.line, s.via) for s in r.provenance] == [(5, "parameter Default"), (12, "!Ref M")]
    assert not r.possible


def test_ref_long_form_is_the_same_as_short_form():
    short = refs(env("!Ref M", P_DEFAULT))
    long = refs(env("{Ref: M}", P_DEFAULT))
    assert found(short) == found(long)


def test_ref_allowed_values_are_each_a_possible_value():
    params = "  M:\n    Type: String\n    AllowedValues:\n      - anthropic.claude-v2:1\n      - amazon.nova-pro-v1:0\n"
    got = refs(env("!Ref M", params))
    assert {(r.text, r.span.start_line, r.possible) for r in got} == {
        ("anthropic.claude-v2:1", 6, True),
        ("amazon.nova-pro-v1:0", 7, True),
    }
    assert all(r.provenance[0].via == "parameter AllowedValues" for r in got)


@pytest.mark.parametrize(
    "params",
    [
        "  M:\n    Type: String\n",  # no default
        "  M:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /models/anthropic.claude-v2\n",
    ],
)
def test_ref_unresolvable_reports_nothing(params):
    assert [r for r in refs(env("!Ref M", params)) if r.resource == FN] == []


def test_ref_to_a_resource_or_pseudo_parameter_is_unknown():
    assert refs(env("!Ref SomeBucket")) == []
    assert refs(env("!Ref AWS::Region")) == []


# --- Sub ---


def test_sub_string_form_with_pseudo_parameters_resolves_the_model_part():
    text = env('!Sub "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/${M}"', P_DEFAULT)
    (r,) = refs(text)
    assert r.text == "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/anthropic.claude-v2:1"
    assert (r.span.start_line, r.span.start_col) == (5, 14)  # the default, where the model is written
    assert [s.via for s in r.provenance] == ["parameter Default", "!Sub ${M}"]


def test_sub_list_form_uses_its_variable_map():
    text = env('!Sub ["arn:aws:bedrock:${AWS::Region}::foundation-model/${Model}", {Model: amazon.nova-pro-v1:0}]')
    (r,) = refs(text)
    assert r.text.endswith("foundation-model/amazon.nova-pro-v1:0") and r.span.start_line == 8


def test_sub_long_form_list_with_nested_ref():
    text = env('{"Fn::Sub": ["${Geo}.${Model}", {Geo: us, Model: !Ref M}]}', P_DEFAULT)
    (r,) = refs(text)
    assert r.text == "us.anthropic.claude-v2:1" and r.span.start_line == 5


def test_sub_literal_in_one_string_is_reported_from_the_start_of_the_arn():
    text = env('!Sub "arn:aws:bedrock:${AWS::Region}::foundation-model/anthropic.claude-v2"')
    (r,) = refs(text)
    assert (r.span.start_line, r.span.start_col) == (8, 24)


@pytest.mark.parametrize(
    "value",
    [
        '!Sub "arn:aws:bedrock:${AWS::Region}::foundation-model/${Unknown}"',
        '!Sub "anthropic.claude-${Version}"',  # a half model is never reported
        '!Sub "arn:aws:bedrock:us-east-1::foundation-model/${Profile.ModelId}"',  # a GetAtt
        '!Sub "${!Literal}"',
    ],
)
def test_sub_unresolvable_reports_nothing(value):
    assert refs(env(value)) == []


# --- Join ---


def test_join_resolves_pieces_and_reports_the_piece_with_the_model():
    value = '!Join ["", ["arn:", !Ref AWS::Partition, ":bedrock:", !Ref AWS::Region, "::foundation-model/", amazon.titan-text-express-v1]]'
    (r,) = refs(env(value))
    assert r.text == "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/amazon.titan-text-express-v1"


def test_cdk_join_split_over_lines_points_at_the_line_of_the_model_part():
    text = """\
    {
     "Resources": {
      "AgentF00": {
       "Type": "AWS::Bedrock::Agent",
       "Properties": {
        "FoundationModel": {
         "Fn::Join": [
          "",
          [
           "arn:",
           {"Ref": "AWS::Partition"},
           ":bedrock:",
           {"Ref": "AWS::Region"},
           "::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"
          ]
         ]
        }
       }
      }
     }
    }
    """
    (r,) = refs(text, "cdk.out/App.template.json")
    assert r.span.start_line == 14 and r.resource == "AWS::Bedrock::Agent.AgentF00" and r.attribute == "FoundationModel"
    assert r.text.startswith("arn:${AWS::Partition}:bedrock:${AWS::Region}::")


@pytest.mark.parametrize(
    "value",
    [
        '!Join ["", ["arn:aws:bedrock:us-east-1::foundation-model/", !GetAtt Model.Id]]',
        '!Join ["", !GetAZs ""]',
        "!Join [!Ref Sep, [anthropic, claude]]",
    ],
)
def test_join_unresolvable_reports_nothing(value):
    assert refs(env(value)) == []


# --- Select / Split ---


def test_select_on_a_literal_list_reports_the_selected_item_only():
    got = refs(env("!Select [1, [anthropic.claude-v2, amazon.nova-pro-v1:0]]"))
    assert texts(got) == {"amazon.nova-pro-v1:0"}


def test_select_over_split_of_a_list_parameter():
    params = '  L:\n    Type: CommaDelimitedList\n    Default: "amazon.nova-lite-v1:0,anthropic.claude-v2"\n'
    (r,) = refs(env("!Select [1, !Ref L]", params))
    assert (r.text, r.span.start_line) == ("anthropic.claude-v2", 5)


def test_split_resolves_through_select():
    (r,) = refs(env('!Select [0, !Split ["|", "amazon.nova-micro-v1:0|x"]]'))
    assert r.text == "amazon.nova-micro-v1:0"


@pytest.mark.parametrize(
    "value",
    [
        "!Select [!Ref Index, [anthropic.claude-v2, amazon.nova-pro-v1:0]]",
        "!Select [0, !GetAZs '']",
        '!Select [0, !Split [",", !ImportValue shared-models]]',
    ],
)
def test_select_or_split_unresolvable_invents_nothing(value):
    # the literals are still in the file: pass 2 reports them where they are, as possible values only
    got = refs(env(value))
    assert all(r.possible and not r.provenance for r in got)


def test_select_with_unknown_index_reports_each_literal_item_as_possible():
    got = refs(env("!Select [!Ref Index, [anthropic.claude-v2, amazon.nova-pro-v1:0]]"))
    assert {(r.text, r.possible, r.attribute) for r in got} == {
        ("anthropic.claude-v2", True, ATTR),
        ("amazon.nova-pro-v1:0", True, ATTR),
    }


# --- FindInMap ---

MAPS = (
    "  Models:\n    us-east-1:\n      Chat: anthropic.claude-3-haiku-20240307-v1:0\n"
    "    eu-west-1:\n      Chat: amazon.nova-pro-v1:0\n"
)


def test_find_in_map_with_literal_keys_is_definite():
    (r,) = at(refs(env("!FindInMap [Models, eu-west-1, Chat]", mappings=MAPS)), FN)
    assert (r.text, r.span.start_line, r.possible) == ("amazon.nova-pro-v1:0", 7, False)
    assert [s.via for s in r.provenance] == ["Mappings Models.eu-west-1.Chat", "!FindInMap Models"]


def test_find_in_map_with_a_pseudo_parameter_key_reports_each_value_as_possible():
    got = at(refs(env('!FindInMap [Models, !Ref "AWS::Region", Chat]', mappings=MAPS)), FN)
    assert {(r.text, r.span.start_line, r.possible) for r in got} == {
        ("anthropic.claude-3-haiku-20240307-v1:0", 5, True),
        ("amazon.nova-pro-v1:0", 7, True),
    }


def test_find_in_map_default_value_when_the_key_is_missing():
    got = at(
        refs(env("!FindInMap [Models, ap-south-1, Chat, {DefaultValue: amazon.nova-lite-v1:0}]", mappings=MAPS)), FN
    )
    assert texts(got) == {"amazon.nova-lite-v1:0"}


@pytest.mark.parametrize(
    "value", ["!FindInMap [Missing, us-east-1, Chat]", "!FindInMap [Models, us-east-1, Nope]", "!FindInMap [Models]"]
)
def test_find_in_map_unresolvable_reports_nothing_at_the_use_site(value):
    assert at(refs(env(value, mappings=MAPS)), FN) == []


# --- If ---


def test_if_reports_both_branches_as_possible_values():
    got = refs(env("!If [IsProd, anthropic.claude-v2, amazon.nova-pro-v1:0]"))
    assert {(r.text, r.possible) for r in got} == {("anthropic.claude-v2", True), ("amazon.nova-pro-v1:0", True)}


def test_if_with_whole_objects_in_the_branches():
    text = HEAD + (
        "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n"
        "      Environment: !If\n        - IsProd\n        - Variables: {MODEL: anthropic.claude-v2}\n"
        "        - !Ref AWS::NoValue\n"
    )
    got = refs(text)
    assert [(r.text, r.possible, r.attribute, r.span.start_line) for r in got] == [
        ("anthropic.claude-v2", True, "Environment.Variables.MODEL", 8)
    ]


def test_if_with_no_value_and_unresolvable_branches_invents_nothing():
    assert refs(env("!If [IsProd, !Ref AWS::NoValue, !GetAtt X.Y]")) == []


# --- ImportValue / GetAtt / Base64 ---


@pytest.mark.parametrize(
    "value",
    [
        "!ImportValue shared-model",
        "!GetAtt Profile.InferenceProfileArn",
        "{'Fn::GetAtt': [Profile, Arn]}",
        "!Cidr [10.0.0.0/16, 1, 8]",
    ],
)
def test_unresolvable_functions_report_nothing(value):
    assert refs(env(value)) == []


def test_base64_passes_its_text_through():
    (r,) = refs(env('!Base64 {"Fn::Sub": "MODEL=${M}"}', P_DEFAULT))
    assert r.text == "anthropic.claude-v2:1"


# --- passes and naming ---


def test_every_other_string_is_reported_by_key_path_once():
    text = HEAD + (
        "Description: Migrated off anthropic.claude-instant-v1\n"
        "Parameters:\n  Unused:\n    Type: String\n    Default: amazon.titan-text-lite-v1\n"
        "Mappings:\n  anthropic.claude-v2:\n    x: {y: z}\n"
    )
    assert found(refs(text)) == {
        ("anthropic.claude-instant-v1", 2, "Description", "Description"),
        ("amazon.titan-text-lite-v1", 6, "Parameters.Unused", "Default"),
        ("anthropic.claude-v2", 8, "Mappings.anthropic.claude-v2", ""),
    }


def test_a_used_literal_is_reported_at_each_use_and_not_again():
    text = env("!Ref M", P_DEFAULT, extra="Outputs:\n  Model:\n    Value: !Ref M\n")
    assert {(r.resource, r.span.start_line) for r in refs(text)} == {(FN, 5), ("Outputs.Model", 5)}


def test_outputs_and_resource_metadata_are_use_sites():
    text = env("x", extra="Outputs:\n  O:\n    Value: amazon.nova-pro-v1:0\n").replace(
        "    Properties:\n", "    Metadata:\n      Model: anthropic.claude-v2\n    Properties:\n"
    )
    assert {(r.resource, r.attribute) for r in refs(text)} == {(FN, "Metadata.Model"), ("Outputs.O", "Value")}


def test_no_provisioned_throughput_role_in_cloudformation():
    text = (
        HEAD + "Resources:\n  Pt:\n    Type: AWS::Bedrock::ProvisionedModelThroughput\n"
        "    Properties:\n      ModelId: anthropic.claude-v2:1:200k\n"
    )
    (r,) = refs(text)
    assert r.roles == frozenset()  # no such CloudFormation resource type exists; nothing is guessed


def test_metadata_suppressions_checkov_and_own_key():
    text = (
        HEAD
        + """Resources:
  Agent:
    Type: AWS::Bedrock::Agent
    Metadata:
      checkov:
        skip:
          - id: brl_001
            comment: rebuilt in SUP-1
      bedrock-lifecycle:
        skip:
          - id: BRL_003
            comment: until the Q1 review
            until: "2027-01-31"
          - comment: an entry without an id is ignored
    Properties:
      FoundationModel: anthropic.claude-v2
"""
    )
    (r,) = refs(text)
    from datetime import date

    assert [(s.check_id, s.reason, s.line, s.until, s.source) for s in r.suppressions] == [
        ("BRL_001", "rebuilt in SUP-1", 8, None, "metadata"),
        ("BRL_003", "until the Q1 review", 12, date(2027, 1, 31), "metadata"),
    ]


def test_pathological_nesting_and_alternatives_are_bounded():
    deep = "!Join ['', [" * 60 + "anthropic.claude-v2" + "]]" * 60
    refs(env(deep))  # must not raise
    wide = "!Join ['', [" + ", ".join(["!If [C, a, b]"] * 12) + "]]"
    assert refs(env(wide)) == []
