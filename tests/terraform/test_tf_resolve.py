"""Static resolution: each rule resolves what is knowable, and invents nothing from what is not.

Each test scans a small module tree and checks the references by literal
location (the line a developer edits) and use site (the resource address).
"""

from __future__ import annotations

import pytest
from tf_support import references, summary, vias

HAIKU3 = "anthropic.claude-3-haiku-20240307-v1:0"
V2 = "anthropic.claude-v2"
NOVA = "amazon.nova-pro-v1:0"
TITAN2 = "amazon.titan-embed-text-v2:0"


def agent(model_expr: str, name: str = "a") -> str:
    """A 4-line resource; its foundation_model is on the block's third line."""
    return (
        f'resource "aws_bedrockagent_agent" "{name}" {{\n  agent_name       = "{name}"\n'
        f"  foundation_model = {model_expr}\n}}\n"
    )


def uses(refs, text=None):  # type: ignore[no-untyped-def]
    return sorted(r.resource for r in refs if text is None or r.text == text)


# --- variables: default, tfvars precedence ---


def test_variable_default_reaches_the_resource(tmp_path):
    refs = references(
        tmp_path,
        {
            "variables.tf": f'variable "model" {{\n  default = "{HAIKU3}"\n}}\n',
            "main.tf": agent("var.model"),
        },
    )
    assert summary(refs) == [("variables.tf", 2, HAIKU3, "aws_bedrockagent_agent.a")]
    assert refs[0].attribute == "foundation_model"
    assert vias(refs[0]) == ["variable default var.model", "attribute foundation_model"]
    assert [(s.path, s.line) for s in refs[0].provenance] == [("variables.tf", 1), ("main.tf", 3)]


def test_required_variable_without_a_value_is_unknown(tmp_path):
    refs = references(
        tmp_path,
        {
            "variables.tf": 'variable "model" {\n  type = string\n}\n',
            "main.tf": agent('"arn:aws:bedrock:us-east-1::foundation-model/${var.model}"'),
        },
    )
    assert refs == []


def test_tfvars_precedence_later_wins(tmp_path):
    refs = references(
        tmp_path,
        {
            "variables.tf": f'variable "model" {{\n  default = "{V2}"\n}}\n',
            "main.tf": agent("var.model"),
            "terraform.tfvars": 'model = "anthropic.claude-v2:1"\n',
            "terraform.tfvars.json": '{"model": "amazon.nova-lite-v1:0"}\n',
            "a.auto.tfvars": 'model = "amazon.nova-micro-v1:0"\n',
            "b.auto.tfvars": f'model = "{NOVA}"\n',
        },
    )
    used = [r for r in refs if r.resource == "aws_bedrockagent_agent.a"]
    assert summary(used) == [("b.auto.tfvars", 1, NOVA, "aws_bedrockagent_agent.a")]
    assert vias(used[0]) == ["b.auto.tfvars var.model", "attribute foundation_model"]
    # the values that lost are still literals in the repository: reported once, at their own address
    assert sorted((r.span.path, r.resource) for r in refs if r.resource != "aws_bedrockagent_agent.a") == [
        ("a.auto.tfvars", "var.model"),
        ("terraform.tfvars", "var.model"),
        ("terraform.tfvars.json", "var.model"),
        ("variables.tf", "var.model"),
    ]


def test_terraform_tfvars_json_beats_terraform_tfvars(tmp_path):
    refs = references(
        tmp_path,
        {
            "variables.tf": 'variable "model" {}\n',
            "main.tf": agent("var.model"),
            "terraform.tfvars": f'model = "{V2}"\n',
            "terraform.tfvars.json": f'{{"model": "{NOVA}"}}\n',
        },
    )
    used = [(r.span.path, r.text) for r in refs if r.resource.startswith("aws_")]
    assert used == [("terraform.tfvars.json", NOVA)]


def test_var_file_values_are_possible_values(tmp_path):
    refs = references(
        tmp_path,
        {
            "variables.tf": f'variable "model" {{\n  default = "{NOVA}"\n}}\n',
            "main.tf": agent("var.model"),
            "prod.tfvars": f'model = "{V2}"\n',
        },
    )
    assert summary(refs) == [
        ("prod.tfvars", 1, V2, "aws_bedrockagent_agent.a"),
        ("variables.tf", 2, NOVA, "aws_bedrockagent_agent.a"),
    ]
    assert all(r.possible for r in refs)
    assert vias(refs[0])[0] == "prod.tfvars (-var-file) var.model"


def test_tfvars_of_another_directory_do_not_apply(tmp_path):
    refs = references(
        tmp_path,
        {
            "mod/variables.tf": 'variable "model" {}\n',
            "mod/main.tf": agent("var.model"),
            "envs/terraform.tfvars": f'model = "{V2}"\n',
        },
    )
    assert summary(refs) == [("envs/terraform.tfvars", 1, V2, "var.model")]
    assert refs[0].provenance == ()


# --- locals, interpolation, functions ---


def test_local_map_lookup_and_index(tmp_path):
    refs = references(
        tmp_path,
        {
            "locals.tf": f'''
            locals {{
              models = {{
                chat  = "{V2}"
                embed = "{TITAN2}"
              }}
              chat  = lookup(local.models, "chat", "amazon.nova-micro-v1:0")
            }}
            ''',
            "main.tf": agent("local.chat", "a") + agent('local.models["embed"]', "b"),
        },
    )
    assert [(r.span.start_line, r.text, r.resource) for r in refs] == [
        (3, V2, "aws_bedrockagent_agent.a"),
        (4, TITAN2, "aws_bedrockagent_agent.b"),
        (6, "amazon.nova-micro-v1:0", "local.chat"),  # the lookup default no use reaches
    ]
    assert vias(refs[0]) == ["local.models", "local.chat", "attribute foundation_model"]


def test_lookup_on_an_unknown_map_is_unknown(tmp_path):
    refs = references(
        tmp_path,
        {
            "main.tf": 'variable "models" {}\n' + agent('lookup(var.models, "chat")'),
        },
    )
    assert refs == []


def test_index_on_data_source_is_unknown(tmp_path):
    refs = references(
        tmp_path,
        {
            "main.tf": 'data "aws_ssm_parameter" "m" {\n  name = "/m"\n}\n'
            "locals {\n  m = data.aws_ssm_parameter.m.value\n}\n" + agent("local.m"),
        },
    )
    assert refs == []


def test_interpolated_arn_needs_only_the_model_part(tmp_path):
    refs = references(
        tmp_path,
        {
            "main.tf": f'variable "region" {{}}\nvariable "model" {{\n  default = "{HAIKU3}"\n}}\n'
            + agent('"arn:aws:bedrock:${var.region}::foundation-model/${var.model}"'),
        },
    )
    assert summary(refs) == [
        ("main.tf", 3, f"arn:aws:bedrock:${{var.region}}::foundation-model/{HAIKU3}", "aws_bedrockagent_agent.a")
    ]
    assert refs[0].span.start_col == 14


def test_interpolated_arn_with_an_unknown_model_part_is_nothing(tmp_path):
    refs = references(
        tmp_path,
        {
            "main.tf": 'variable "model" {}\n' + agent('"arn:aws:bedrock:us-east-1::foundation-model/${var.model}"'),
        },
    )
    assert refs == []


def test_format_and_join(tmp_path):
    refs = references(
        tmp_path,
        {
            "main.tf": f'''
            locals {{
              model = "{V2}"
            }}
            resource "aws_iam_policy" "p" {{
              policy = format("arn:aws:bedrock:%s::foundation-model/%s", "us-east-1", local.model)
              name   = join("/", ["arn:aws:bedrock:us-west-2::foundation-model", "{NOVA}"])
            }}
            ''',
        },
    )
    assert [(r.span.start_line, r.text) for r in refs] == [
        (2, f"arn:aws:bedrock:us-east-1::foundation-model/{V2}"),
        (6, f"arn:aws:bedrock:us-west-2::foundation-model/{NOVA}"),
    ]


def test_format_with_unknown_model_argument_is_nothing(tmp_path):
    refs = references(
        tmp_path,
        {
            "main.tf": 'variable "m" {}\nresource "aws_iam_policy" "p" {\n'
            '  policy = format("arn:aws:bedrock:us-east-1::foundation-model/%s", var.m)\n}\n',
        },
    )
    assert refs == []


def test_try_takes_the_first_value_that_evaluates(tmp_path):
    refs = references(
        tmp_path,
        {
            "main.tf": f'locals {{\n  m = {{ a = "{NOVA}" }}\n}}\n' + agent(f'try(local.m["missing"], "{V2}")'),
        },
    )
    assert summary(refs) == [("main.tf", 2, NOVA, "local.m"), ("main.tf", 6, V2, "aws_bedrockagent_agent.a")]
    assert not refs[1].possible


def test_try_past_an_unknown_value_is_only_possible(tmp_path):
    refs = references(
        tmp_path,
        {
            "main.tf": 'variable "cfg" {}\n' + agent(f'try(var.cfg.model, "{V2}")'),
        },
    )
    assert summary(refs) == [("main.tf", 4, V2, "aws_bedrockagent_agent.a")]
    assert refs[0].possible and refs[0].provenance == ()


def test_try_with_nothing_known_is_nothing(tmp_path):
    text = 'variable "cfg" {}\n' + agent("try(var.cfg.model, var.cfg.other)")
    refs = references(tmp_path, {"main.tf": text})
    assert refs == []


def test_coalesce_skips_null_and_empty(tmp_path):
    refs = references(
        tmp_path,
        {
            "main.tf": 'variable "override" {\n  default = ""\n}\n' + agent(f'coalesce(var.override, null, "{NOVA}")'),
        },
    )
    assert summary(refs) == [("main.tf", 6, NOVA, "aws_bedrockagent_agent.a")]
    assert not refs[0].possible and refs[0].provenance == ()


def test_coalesce_of_unknowns_is_nothing(tmp_path):
    text = 'variable "a" {}\nvariable "b" {}\n' + agent("coalesce(var.a, var.b)")
    refs = references(tmp_path, {"main.tf": text})
    assert refs == []


def test_conditional_on_a_known_value_picks_its_branch(tmp_path):
    refs = references(
        tmp_path,
        {
            "main.tf": 'variable "env" {\n  default = "prod"\n}\n' + agent(f'var.env == "prod" ? "{NOVA}" : "{V2}"'),
        },
    )
    # the untaken branch is still written there (and -var could pick it): reported, as a possible value
    assert sorted((r.text, r.resource, r.possible) for r in refs) == [
        (NOVA, "aws_bedrockagent_agent.a", False),
        (V2, "aws_bedrockagent_agent.a", True),
    ]


def test_conditional_on_an_unknown_value_gives_possible_values(tmp_path):
    text = 'variable "env" {}\n' + agent(f'var.env == "prod" ? "{NOVA}" : "{V2}"')
    refs = references(tmp_path, {"main.tf": text})
    assert sorted((r.text, r.possible) for r in refs) == [(NOVA, True), (V2, True)]


def test_unknown_function_is_unknown_but_its_literal_is_reported_where_it_is(tmp_path):
    refs = references(tmp_path, {"main.tf": agent(f'replace("{V2}", "v2", "v2:1")')})
    assert summary(refs) == [("main.tf", 3, V2, "aws_bedrockagent_agent.a")]
    assert refs[0].provenance == () and refs[0].possible


def test_for_expression_and_for_each(tmp_path):
    refs = references(
        tmp_path,
        {
            "main.tf": f'''
            locals {{
              models = ["{V2}", "{NOVA}"]
            }}
            data "aws_iam_policy_document" "p" {{
              statement {{
                resources = [for m in local.models : "arn:aws:bedrock:*::foundation-model/${{m}}"]
              }}
            }}
            resource "aws_ssm_parameter" "m" {{
              for_each = toset(local.models)
              name     = "/models/${{each.key}}"
              value    = each.value
            }}
            ''',
        },
    )
    found = {(r.text, r.resource, r.attribute, r.possible) for r in refs}
    assert (
        f"arn:aws:bedrock:*::foundation-model/{V2}",
        "data.aws_iam_policy_document.p",
        "statement.resources[0]",
        False,
    ) in found
    assert (V2, "aws_ssm_parameter.m", "value", True) in found
    assert (NOVA, "aws_ssm_parameter.m", "value", True) in found


def test_reference_cycle_is_unknown_and_does_not_crash(tmp_path):
    refs = references(tmp_path, {"main.tf": "locals {\n  a = local.b\n  b = local.a\n}\n" + agent("local.a")})
    assert refs == []


def test_dynamic_block_iterator(tmp_path):
    refs = references(
        tmp_path,
        {
            "main.tf": f'''
            resource "aws_bedrockagent_prompt" "p" {{
              name = "p"
              dynamic "variant" {{
                for_each = {{ main = "{NOVA}" }}
                content {{
                  name     = variant.key
                  model_id = variant.value
                }}
              }}
            }}
            ''',
        },
    )
    assert [(r.text, r.resource, r.attribute, r.span.start_line) for r in refs] == [
        (NOVA, "aws_bedrockagent_prompt.p", "variant.model_id", 4)
    ]


# --- modules ---

CHILD = {
    "modules/agent/main.tf": f'''
        variable "model" {{
          default = "{V2}"
        }}
        resource "aws_bedrockagent_agent" "this" {{
          agent_name       = "x"
          foundation_model = var.model
        }}
        output "model" {{
          value = var.model
        }}
        ''',
}


def test_module_input_overrides_the_child_default(tmp_path):
    refs = references(
        tmp_path,
        {
            **CHILD,
            "live/main.tf": f'''
        module "agent" {{
          source = "../modules/agent"
          model  = "{NOVA}"
        }}
        ''',
        },
    )
    assert summary(refs) == [
        ("live/main.tf", 3, NOVA, "module.agent.aws_bedrockagent_agent.this"),
        ("modules/agent/main.tf", 2, V2, "aws_bedrockagent_agent.this"),  # the child on its own
        ("modules/agent/main.tf", 2, V2, "output.model"),
    ]
    assert vias(refs[0]) == ["module input module.agent.model", "attribute foundation_model"]
    assert refs[0].provenance[-1].path == "modules/agent/main.tf"


def test_module_output_is_followed(tmp_path):
    refs = references(
        tmp_path,
        {
            **CHILD,
            "live/main.tf": f'''
        variable "model" {{
          default = "{NOVA}"
        }}
        module "agent" {{
          source = "../modules/agent"
          model  = var.model
        }}
        resource "aws_ssm_parameter" "p" {{
          name  = "/m"
          value = module.agent.model
        }}
        ''',
        },
    )
    live = [r for r in refs if r.span.path == "live/main.tf"]
    assert uses(live) == ["aws_ssm_parameter.p", "module.agent.aws_bedrockagent_agent.this"]
    param = next(r for r in live if r.resource == "aws_ssm_parameter.p")
    assert vias(param) == [
        "variable default var.model",
        "module input module.agent.model",
        "module output module.agent.output.model",
        "attribute value",
    ]


def test_remote_module_is_not_followed(tmp_path):
    refs = references(
        tmp_path,
        {
            "main.tf": f'''
        module "agent" {{
          source           = "aws-ia/bedrock/aws"
          foundation_model = "{V2}"
        }}
        resource "aws_ssm_parameter" "p" {{
          name  = "/m"
          value = module.agent.model_id
        }}
        '''
        },
    )
    assert summary(refs) == [("main.tf", 3, V2, "module.agent")]
    assert refs[0].attribute == "foundation_model"


def test_missing_local_module_is_a_use_site_of_its_arguments(tmp_path):
    refs = references(tmp_path, {"main.tf": f'module "m" {{\n  source = "./nowhere"\n  model = "{V2}"\n}}\n'})
    assert summary(refs) == [("main.tf", 3, V2, "module.m")]


def test_module_calling_itself_does_not_loop(tmp_path):
    refs = references(tmp_path, {"main.tf": f'module "self" {{\n  source = "./"\n  model = "{V2}"\n}}\n'})
    assert summary(refs) == [("main.tf", 3, V2, "module.self")]


# --- one literal, several uses; suppressions; regions ---


def test_one_literal_several_use_sites(tmp_path):
    refs = references(
        tmp_path,
        {
            "variables.tf": f'variable "model" {{\n  default = "{HAIKU3}"\n}}\n',
            "main.tf": agent("var.model", "a")
            + agent("var.model", "b")
            + """
            resource "aws_lambda_function" "f" {
              function_name = "f"
              environment {
                variables = { MODEL_ID = var.model }
              }
            }
            """,
        },
    )
    assert {(r.span.path, r.span.start_line) for r in refs} == {("variables.tf", 2)}
    assert uses(refs) == ["aws_bedrockagent_agent.a", "aws_bedrockagent_agent.b", "aws_lambda_function.f"]
    assert next(r for r in refs if r.resource == "aws_lambda_function.f").attribute == "environment.variables.MODEL_ID"


def test_skip_inside_the_resource_block_applies_to_every_use_there(tmp_path):
    refs = references(
        tmp_path,
        {
            "variables.tf": f'variable "model" {{\n  default = "{HAIKU3}"\n}}\n',
            "main.tf": """
            resource "aws_bedrockagent_agent" "a" {
              # checkov:skip=BRL_001:migration planned
              foundation_model = var.model
            }
            """
            + agent("var.model", "b"),
        },
    )
    skips = {r.resource: [(s.check_id, s.reason) for s in r.suppressions] for r in refs}
    assert skips == {"aws_bedrockagent_agent.a": [("BRL_001", "migration planned")], "aws_bedrockagent_agent.b": []}


def test_skip_above_the_literal_applies_to_all_its_uses(tmp_path):
    refs = references(
        tmp_path,
        {
            "variables.tf": (
                f'variable "model" {{\n  # bedrock-lifecycle:skip=BRL_001:frozen\n  default = "{HAIKU3}"\n}}\n'
            ),
            "main.tf": agent("var.model", "a") + agent("var.model", "b"),
        },
    )
    assert len(refs) == 2 and all([s.check_id for s in r.suppressions] == ["BRL_001"] for r in refs)


def test_provider_region_is_set_for_ids_but_an_arn_keeps_its_own(tmp_path):
    refs = references(
        tmp_path,
        {
            "main.tf": 'provider "aws" {\n  region = "eu-west-1"\n}\n'
            + agent(f'"{NOVA}"', "a")
            + agent(f'"arn:aws:bedrock:us-east-1::foundation-model/{NOVA}"', "b"),
        },
    )
    assert {r.resource: r.region for r in refs} == {
        "aws_bedrockagent_agent.a": "eu-west-1",
        "aws_bedrockagent_agent.b": None,
    }


def test_provisioned_throughput_role(tmp_path):
    refs = references(
        tmp_path,
        {
            "main.tf": f"""
        resource "aws_bedrock_provisioned_model_throughput" "pt" {{
          provisioned_model_name = "pt"
          model_arn              = "arn:aws:bedrock:us-east-1::foundation-model/{HAIKU3}"
          model_units            = 1
        }}
        """
        },
    )
    assert [r.roles for r in refs] == [frozenset({"provisioned_throughput"})]


@pytest.mark.parametrize(
    "text",
    [
        '"arn:aws:bedrock:*::foundation-model/anthropic.*"',  # a wildcard names no model
        '"arn:aws:bedrock:us-east-1:123456789012:guardrail-profile/us.guardrail.v1:0"',
        '"${data.aws_bedrock_foundation_model.m.model_id}"',
    ],
)
def test_nothing_is_made_up(tmp_path, text):
    assert references(tmp_path, {"main.tf": agent(text)}) == []


def test_map_index_with_an_unknown_key_is_unknown(tmp_path):
    refs = references(
        tmp_path,
        {
            "main.tf": f'variable "env" {{}}\nlocals {{\n  models = {{ prod = "{V2}" }}\n}}\n'
            + agent("local.models[var.env]"),
        },
    )
    # the literal is reported once where it is written; no use is claimed for it
    assert summary(refs) == [("main.tf", 3, V2, "local.models")]


def test_quoted_map_key_is_a_literal_and_still_indexes(tmp_path):
    refs = references(
        tmp_path,
        {
            "main.tf": f'locals {{\n  quota = {{ "{V2}" = 10 }}\n  names = {{ "chat" = "{NOVA}" }}\n}}\n'
            + agent('local.names["chat"]'),
        },
    )
    assert summary(refs) == [("main.tf", 2, V2, "local.quota"), ("main.tf", 3, NOVA, "aws_bedrockagent_agent.a")]
