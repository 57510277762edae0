"""Paths and links: file names reach every report intact and escaped, nothing is read out of the root.

Links are refused wherever a path enters the scan: discovery (a walked link, an
explicitly named one, as pre-commit passes them), and the extractors that read
neighbours from disk (Terraform siblings and local modules, CloudFormation nested
stacks, Step Functions definition files). The guard's log of opened files is the proof.
"""

from __future__ import annotations

import json
import os
import re
import urllib.parse
from pathlib import Path

from hostile_harness import AS_OF, CORPUS, MODEL, CliRun, assert_sound, build, run_cli

UNSAFE_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def never_opened(run: CliRun, outside: Path) -> None:
    real = os.path.realpath(outside)
    assert [p for p in run.opened() if os.path.realpath(p).startswith(real)] == []


# --- names in reports ---


def test_text_output_has_one_line_per_finding_and_no_raw_controls(tmp_path):
    build("odd_names", tmp_path)
    run = run_cli(["scan", "repo", "--compact", "--as-of", AS_OF, "--jobs", "1"], tmp_path)
    assert run.code == 1, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == len(CORPUS.ODD_NAMES) + 3  # + healthy.yaml + the summary and coverage lines
    assert not UNSAFE_TEXT.search(run.stdout)  # no ESC, bidi override or stray line break reaches a terminal
    shown = {line.split(":1:11: ")[0] for line in lines[:-2]}
    assert "new\\nline.yaml" in shown and "esc\\x1b[31mred.yaml" in shown and "\\u202egnp.yaml" in shown
    assert "with space.yaml" in shown and "ünïcödé-模型.yaml" in shown and "-rf.yaml" in shown

    full = run_cli(["scan", "repo", "--as-of", AS_OF, "--jobs", "1"], tmp_path)  # Checkov's long form
    assert full.code == 1 and not UNSAFE_TEXT.search(full.stdout.replace("\t", " "))
    assert "\tFile: /new\\nline.yaml:1-1" in full.stdout


def test_json_paths_round_trip(tmp_path):
    build("odd_names", tmp_path)
    run = run_cli(["scan", "repo", "-o", "json", "--as-of", AS_OF, "--jobs", "1"], tmp_path)
    assert {r["file_path"] for r in run.records()} == {"/healthy.yaml"} | {"/" + n for n in CORPUS.ODD_NAMES}
    # C0 controls are JSON-escaped; other characters (a bidi override too) stay as they are: the exact name
    assert not re.search("[\x00-\x09\x0b-\x1f]", run.stdout) and '"/esc\\u001b[31mred.yaml"' in run.stdout


def test_sarif_uris_are_percent_encoded(tmp_path):
    build("odd_names", tmp_path)
    run = run_cli(["scan", "repo", "-o", "sarif", "--as-of", AS_OF, "--jobs", "1"], tmp_path)
    assert run.code == 1, run.stderr
    sarif = json.loads(run.stdout)
    locations = [
        loc["physicalLocation"]["artifactLocation"] for res in sarif["runs"][0]["results"] for loc in res["locations"]
    ]
    uris = {loc["uri"] for loc in locations}
    # RFC 3986 path characters only: unreserved, sub-delims, ':', '@', '/', and %XX escapes
    assert all(re.fullmatch(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})+", u) for u in uris), uris
    assert {urllib.parse.unquote(u) for u in uris} == {"healthy.yaml"} | set(CORPUS.ODD_NAMES)
    assert {loc.get("uriBaseId") for loc in locations} == {"SRCROOT"}


# --- names on the command line ---


def test_leading_dash_names_after_double_dash(tmp_path):
    root, _outside = build("odd_names", tmp_path)
    run = run_cli(["scan", "-o", "json", "--as-of", AS_OF, "--", "-rf.yaml", "--help.yaml"], root)
    assert run.code == 1, run.stderr
    assert run.found() == {("/-rf.yaml", 1), ("/--help.yaml", 1)}
    run = run_cli(["scan", "-o", "json", "--as-of", AS_OF, "--file=-rf.yaml"], root)
    assert run.found() == {("/-rf.yaml", 1)}


def test_a_file_named_like_an_option_cannot_set_it(tmp_path):
    """pre-commit appends staged names: '--fail-on=none,x.yaml' must not turn failing findings off."""
    root = tmp_path / "repo"
    root.mkdir()
    (root / "app.yaml").write_text(f"model_id: {MODEL}\n")
    for name in ("--fail-on=none,x.yaml", "--catalog=x.json", "-rf.yaml"):
        (root / name).write_text("{}\n")
        run = run_cli(["scan", "--compact", "--as-of", AS_OF, "app.yaml", name], root)
        assert run.code == 2, (name, run.stdout)
        assert f"'{name}' is both an option and a file" in run.stderr and run.stdout == ""
        (root / name).unlink()
    run = run_cli(["scan", "--compact", "--as-of", AS_OF, "app.yaml", "--fail-on=none"], root)
    assert run.code == 0  # the same option, when no such file exists, is an option


# --- links ---


def test_explicit_link_out_of_the_root_is_not_followed(tmp_path):
    """A pre-commit file list names files directly; a staged symlink to /etc/passwd-like data is refused."""
    root, outside = build("symlink_outside", tmp_path)
    run = run_cli(
        ["scan", "-o", "json", "--as-of", AS_OF, "--strict", "passwd.yaml", "secret.yaml", "healthy.yaml"], root
    )
    assert_sound(run, outside)
    assert run.code == 5
    assert run.diags() == {("BRL_E006", "/passwd.yaml", None), ("BRL_E006", "/secret.yaml", None)}
    run = run_cli(["scan", "-o", "json", "--as-of", AS_OF, "--strict", ".", "etc"], root)  # a linked directory
    assert ("BRL_E006", "/etc", None) in run.diags()
    never_opened(run, outside)


def test_explicit_symlink_loop_is_a_link_diagnostic(tmp_path):
    root, _outside = build("symlink_loops", tmp_path)
    run = run_cli(["scan", "-o", "json", "--as-of", AS_OF, "--strict", "loop_a.yaml", "healthy.yaml"], root)
    assert run.code == 5 and run.diags() == {("BRL_E006", "/loop_a.yaml", None)}


def test_explicit_device_is_never_opened(tmp_path):
    run = run_cli(["scan", "-o", "json", "--as-of", AS_OF, "--strict", "/dev/zero"], tmp_path)
    # the one file given could not be read: nothing was scanned, which is no pass (2), and the report says why
    assert run.code == 2 and run.diags() == {("BRL_E008", "/dev/zero", None)}
    assert "nothing scanned" in run.stderr
    assert "/dev/zero" not in run.opened()


def _tf_repo(tmp_path: Path) -> tuple[Path, Path]:
    root, outside = tmp_path / "repo", tmp_path / "outside"
    (outside / "mod").mkdir(parents=True)
    root.mkdir()
    (root / "locals.tf").write_text(f'locals {{\n  inside = "{MODEL}"\n}}\n')
    (root / "variables.tf").write_text('variable "model" {\n  type = string\n}\n')
    (root / "main.tf").write_text(
        'resource "aws_bedrockagent_agent" "a" {\n  foundation_model = var.model\n}\n'
        'module "m" {\n  source = "../outside/mod"\n}\n'
    )
    (outside / "secret.tfvars").write_text(f'model = "{MODEL}"\n')
    (outside / "mod" / "main.tf").write_text(
        f'resource "aws_bedrockagent_agent" "o" {{\n  foundation_model = "{MODEL}"\n}}\n'
    )
    return root, outside


def test_terraform_sibling_link_out_of_the_root_is_not_read(tmp_path):
    """FAILS until extract/terraform.py (Terraform) stops reading a sibling terraform.tfvars that links out
    of the root: discovery refuses the link (BRL_E006), but the sibling loader (_listing: DirEntry.is_file()
    follows links) opens it to resolve var.model."""
    root, outside = _tf_repo(tmp_path)
    (root / "main.tf").write_text('resource "aws_bedrockagent_agent" "a" {\n  foundation_model = var.model\n}\n')
    os.symlink("../outside/secret.tfvars", root / "terraform.tfvars")
    run = run_cli(["scan", "repo", "-o", "json", "--as-of", AS_OF, "--jobs", "1"], tmp_path)
    assert ("BRL_E006", "/terraform.tfvars", None) in run.diags()
    never_opened(run, outside)


def test_terraform_module_source_out_of_the_root_is_not_read(tmp_path):
    """FAILS until resolve/tf_module.py / extract/terraform.py (Terraform) keep local module sources inside
    the scan root: source = "../outside/mod" lists and opens files out of the root."""
    root, outside = _tf_repo(tmp_path)
    run = run_cli(["scan", "repo", "-o", "json", "--as-of", AS_OF, "--jobs", "1"], tmp_path)
    assert ("/locals.tf", 2) in run.found()
    never_opened(run, outside)


def test_terragrunt_includes_reads_and_sources_out_of_the_root_are_not_read(tmp_path):
    """include, read_terragrunt_config, find_in_parent_folders and terraform.source stay in the scan root,
    links included: a path that leads out is treated like a remote source."""
    root, outside = tmp_path / "repo", tmp_path / "outside"
    (outside / "mod").mkdir(parents=True)
    (root / "unit").mkdir(parents=True)
    (outside / "root.hcl").write_text(f'inputs = {{\n  model = "{MODEL}"\n}}\n')
    (outside / "terragrunt.hcl").write_text(f'inputs = {{\n  model = "{MODEL}"\n}}\n')
    (outside / "mod" / "main.tf").write_text(
        'variable "model" {}\nresource "aws_bedrockagent_agent" "o" {\n  foundation_model = var.model\n}\n'
    )
    os.symlink("../../outside/root.hcl", root / "unit" / "linked.hcl")
    (root / "unit" / "terragrunt.hcl").write_text(
        'include "up" {\n  path = "../../outside/root.hcl"\n}\n'
        'include "linked" {\n  path = "linked.hcl"\n}\n'
        'locals {\n  other = read_terragrunt_config("../../outside/terragrunt.hcl")\n'
        "  parent = find_in_parent_folders()\n}\n"
        'terraform {\n  source = "../../outside/mod"\n}\n'
        f'inputs = {{\n  model = "{MODEL}"\n}}\n'
    )
    run = run_cli(["scan", "repo", "-o", "json", "--as-of", AS_OF, "--jobs", "1"], tmp_path)
    assert run.found() == {("/unit/terragrunt.hcl", 15)}  # reported where it is written, resolved nowhere
    never_opened(run, outside)


def test_cloudformation_local_files_out_of_the_root_are_not_read(tmp_path):
    root, outside = tmp_path / "repo", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "child.yaml").write_text(
        f"Resources:\n  A:\n    Type: AWS::Bedrock::Agent\n    Properties:\n      FoundationModel: {MODEL}\n"
    )
    (outside / "machine.asl.json").write_text(
        json.dumps(
            {
                "StartAt": "A",
                "States": {
                    "A": {
                        "Type": "Task",
                        "Resource": "arn:aws:states:::bedrock:invokeModel",
                        "Parameters": {"ModelId": MODEL},
                        "End": True,
                    }
                },
            }
        )
    )
    os.symlink("../outside/child.yaml", root / "linked-child.yaml")
    (root / "template.yaml").write_text(f"""AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Agent:
    Type: AWS::Bedrock::Agent
    Properties:
      FoundationModel: {MODEL}
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ../outside/child.yaml
  Linked:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./linked-child.yaml
  Absolute:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: {outside / "child.yaml"}
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: ../outside/machine.asl.json
""")
    run = run_cli(["scan", "repo", "-o", "json", "--as-of", AS_OF, "--jobs", "1"], tmp_path)
    assert run.found() == {("/template.yaml", 7)}
    never_opened(run, outside)


def test_serverless_file_variables_out_of_the_root_are_not_read(tmp_path):
    root, outside = tmp_path / "repo", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "models.yml").write_text(f"model: {MODEL}\n")
    (root / "serverless.yml").write_text(f"""service: chat
provider:
  name: aws
  environment:
    MODEL_ID: ${{file(../outside/models.yml):model}}
    OTHER_ID: ${{file({outside / "models.yml"}):model}}
    LOCAL_ID: {MODEL}
""")
    run = run_cli(["scan", "repo", "-o", "json", "--as-of", AS_OF, "--jobs", "1"], tmp_path)
    assert run.found() == {("/serverless.yml", 7)}
    never_opened(run, outside)


# --- what the scanned repository's own config file may do ---


def test_a_discovered_config_cannot_write_reports_out_of_the_repository(tmp_path):
    """The repository's .bedrock-lifecycle.yaml is untrusted input too: output-file-path ../target (or
    ~/.bashrc, with a file named '$(id>x).yaml' in the report) must not be written."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "$(id>x).yaml").write_text(f"model_id: {MODEL}\n")
    (root / ".bedrock-lifecycle.yaml").write_text("output-file-path: ../target.txt\n")
    run = run_cli(["scan", "repo", "--compact", "--as-of", AS_OF], tmp_path)
    assert run.code == 2 and "is outside the repository" in run.stderr
    assert not (tmp_path / "target.txt").exists()
    (root / ".bedrock-lifecycle.yaml").write_text("output-file-path: reports/out.txt\n")  # inside: fine
    run = run_cli(["scan", "repo", "--compact", "--as-of", AS_OF], tmp_path)
    assert run.code == 1 and "$(id>x).yaml:1:11" in (root / "reports" / "out.txt").read_text()
    run = run_cli(["scan", "repo", "--compact", "--as-of", AS_OF, "--output-file-path", "mine.txt"], tmp_path)
    assert run.code == 1 and (tmp_path / "mine.txt").exists()  # the command line's own choice stands
