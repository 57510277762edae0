#!/usr/bin/env python3
"""Generate a large Terraform monorepo for measuring the scanner (and for the big-tree test).

    python scripts/gen_tf_tree.py OUT_DIR [FILES]      # default 1000 files

Five files per module directory (main.tf, variables.tf, locals.tf, outputs.tf,
versions.tf). Every tenth module holds a model ID in a variable default used by
its agent and its IAM policy; every twentieth also calls a local child module and
has a terraform.tfvars overriding the model. Everything else is ordinary
infrastructure with no model in it, which the prefilter must never parse.
Prints the expected counts as JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

MODEL = "anthropic.claude-3-haiku-20240307-v1:0"
OVERRIDE = "amazon.nova-pro-v1:0"
FILES_PER_MODULE = 5


def _plain(i: int) -> dict[str, str]:
    return {
        "main.tf": f"""resource "aws_s3_bucket" "data" {{
  bucket = "bucket-{i}-${{var.environment}}"
  tags   = local.tags
}}

resource "aws_iam_role" "svc" {{
  name = "svc-{i}"
  assume_role_policy = jsonencode({{
    Version   = "2012-10-17"
    Statement = [{{ Effect = "Allow", Action = "sts:AssumeRole",
                   Principal = {{ Service = "lambda.amazonaws.com" }} }}]
  }})
}}
""",
        "variables.tf": """variable "environment" {
  type    = string
  default = "dev"
}
""",
        "locals.tf": f"""locals {{
  tags = {{ team = "team-{i % 7}", env = var.environment }}
}}
""",
        "outputs.tf": """output "bucket" {
  value = aws_s3_bucket.data.id
}
""",
        "versions.tf": """terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 6.0" }
  }
}
""",
    }


def _bedrock(i: int, with_child: bool) -> dict[str, str]:
    files = _plain(i)
    files["variables.tf"] += f'''
variable "model_id" {{
  type    = string
  default = "{MODEL}"
}}
'''
    files["main.tf"] += f"""
resource "aws_bedrockagent_agent" "agent" {{
  agent_name              = "agent-{i}"
  agent_resource_role_arn = aws_iam_role.svc.arn
  foundation_model        = var.model_id
}}

resource "aws_iam_role_policy" "invoke" {{
  name = "invoke-{i}"
  role = aws_iam_role.svc.id
  policy = jsonencode({{
    Version   = "2012-10-17"
    Statement = [{{ Effect = "Allow", Action = "bedrock:InvokeModel",
                   Resource = "arn:aws:bedrock:*::foundation-model/${{var.model_id}}" }}]
  }})
}}
"""
    if with_child:
        files["main.tf"] += """
module "kb" {
  source   = "../shared"
  model_id = var.model_id
}
"""
        files["terraform.tfvars"] = f'model_id = "{OVERRIDE}"\n'
    return files


SHARED = {
    "main.tf": """variable "model_id" {
  type = string
}

resource "aws_ssm_parameter" "model" {
  name  = "/shared/model"
  type  = "String"
  value = var.model_id
}
""",
}


def generate(out: Path, total: int = 1000) -> dict[str, int]:
    modules = max(1, total // FILES_PER_MODULE)
    written = 0
    counts = {"modules": modules, "bedrock_modules": 0, "modules_with_child": 0}
    for name, text in SHARED.items():
        (out / "modules" / "shared").mkdir(parents=True, exist_ok=True)
        (out / "modules" / "shared" / name).write_text(text)
        written += 1
    for i in range(modules):
        bedrock = i % 10 == 0
        with_child = i % 20 == 0
        files = _bedrock(i, with_child) if bedrock else _plain(i)
        counts["bedrock_modules"] += bedrock
        counts["modules_with_child"] += with_child
        directory = out / "modules" / f"svc{i:04d}"
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            if written >= total:
                break
            (directory / name).write_text(text)
            written += 1
    counts["files"] = written
    return counts


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    counts = generate(Path(argv[1]), int(argv[2]) if len(argv) > 2 else 1000)
    print(json.dumps(counts, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
