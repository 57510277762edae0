"""Terragrunt units: inputs reach a local module's variables; what Terraform itself would do wins."""

from __future__ import annotations

from tf_support import references, summary

MODULE = {
    "modules/agent/variables.tf": """
        variable "model" {
          type = string
        }
        """,
    "modules/agent/main.tf": """
        resource "aws_bedrockagent_agent" "this" {
          foundation_model = var.model
        }
        """,
}


def test_inputs_built_by_merge_reach_the_module(tmp_path):
    files = dict(MODULE)
    files["live/terragrunt.hcl"] = """
        locals {
          common = { model = "anthropic.claude-v2:1" }
        }
        terraform {
          source = "../modules/agent"
        }
        inputs = merge(local.common, { other = 1 })
        """
    got = summary(references(tmp_path, files))
    assert got == [("live/terragrunt.hcl", 2, "anthropic.claude-v2:1", "aws_bedrockagent_agent.this")]


def test_an_auto_tfvars_of_the_module_wins_over_an_input(tmp_path):
    """Terragrunt passes inputs as TF_VAR_ variables, which an auto-loaded tfvars file overrides."""
    files = dict(MODULE)
    files["modules/agent/terraform.tfvars"] = 'model = "amazon.nova-pro-v1:0"\n'
    files["live/terragrunt.hcl"] = """
        terraform {
          source = "../modules/agent"
        }
        inputs = {
          model = "anthropic.claude-v2:1"
        }
        """
    got = summary(references(tmp_path, files))
    assert ("live/terragrunt.hcl", 5, "anthropic.claude-v2:1", "inputs.model") in got  # reported, used nowhere
    assert ("modules/agent/terraform.tfvars", 1, "amazon.nova-pro-v1:0", "aws_bedrockagent_agent.this") in got


def test_a_packer_or_nomad_file_reports_its_literals_at_their_address(tmp_path):
    files = {
        "images/app.pkr.hcl": """
            source "amazon-ebs" "app" {
              tags = {
                MODEL = "anthropic.claude-v2:1"
              }
            }
            """
    }
    got = summary(references(tmp_path, files))
    assert got == [("images/app.pkr.hcl", 3, "anthropic.claude-v2:1", "source.amazon-ebs.app")]


def test_get_env_default_is_a_possible_value_of_the_input(tmp_path):
    files = dict(MODULE)
    files["live/terragrunt.hcl"] = """
        terraform {
          source = "../modules/agent"
        }
        inputs = {
          model = get_env("AGENT_MODEL", "anthropic.claude-v2:1")
        }
        """
    refs = references(tmp_path, files)
    assert summary(refs) == [("live/terragrunt.hcl", 5, "anthropic.claude-v2:1", "aws_bedrockagent_agent.this")]
    assert refs[0].possible  # the environment may set another model
