"""Deterministic benchmark corpora (seeded): a mixed monorepo and two all-relevant trees.

    python benchmarks/corpus.py OUT_DIR [--files 10000] [--seed 7]

mixed/        ~N files: Terraform modules (main.tf, variables.tf, terraform.tfvars), CloudFormation/SAM
              templates, Kubernetes manifests and Helm values, app config (JSON, .env) and Python/TypeScript
              source; about 3% of them reference a Bedrock model, through literals, variable defaults,
              tfvars and template parameters; the rest look like ordinary infrastructure and code.
terraform/    1,000 .tf files (250 modules of 4 files), every module with references.
cloudformation/ 1,000 CloudFormation templates, every one with references.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

# Model IDs for generated content only (benchmark data, not scanner logic).
MODELS = [
    "anthropic.claude-3-haiku-20240307-v1:0",
    "anthropic.claude-3-5-sonnet-20241022-v2:0",
    "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "amazon.nova-pro-v1:0",
    "amazon.titan-embed-text-v2:0",
    "meta.llama3-1-70b-instruct-v1:0",
    "cohere.embed-english-v3",
    "anthropic.claude-v2:1",
    "global.anthropic.claude-haiku-4-5-20251001-v1:0",
    "mistral.mistral-large-2402-v1:0",
]

TF_PLAIN = """resource "aws_s3_bucket" "{name}" {{
  bucket = "{name}-{i}"
  tags = {{
    Team        = "{team}"
    Environment = var.environment
  }}
}}

resource "aws_iam_role" "{name}_role" {{
  name               = "{name}-role-{i}"
  assume_role_policy = jsonencode({{
    Version   = "2012-10-17"
    Statement = [{{ Effect = "Allow", Principal = {{ Service = "lambda.amazonaws.com" }}, Action = "sts:AssumeRole" }}]
  }})
}}

resource "aws_lambda_function" "{name}" {{
  function_name = "{name}-{i}"
  role          = aws_iam_role.{name}_role.arn
  handler       = "app.handler"
  runtime       = "python3.12"
  environment {{
    variables = {{
      LOG_LEVEL = "INFO"
      TABLE     = "{name}-table"
    }}
  }}
}}
"""
TF_VARS_PLAIN = """variable "environment" {{
  type    = string
  default = "{env}"
}}

variable "memory_size" {{
  type    = number
  default = {mem}
}}
"""
TF_AGENT = """resource "aws_bedrockagent_agent" "{name}" {{
  agent_name              = "{name}-{i}"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/{name}"
  foundation_model        = var.agent_model
}}

resource "aws_lambda_function" "{name}_worker" {{
  function_name = "{name}-worker-{i}"
  role          = "arn:aws:iam::111122223333:role/{name}"
  handler       = "app.handler"
  runtime       = "python3.12"
  environment {{
    variables = {{
      MODEL_ID = "{model}"
    }}
  }}
}}
"""
TF_AGENT_VARS = """variable "agent_model" {{
  type    = string
  default = "{model}"
}}
"""
CFN_PLAIN = """AWSTemplateFormatVersion: "2010-09-09"
Description: {name} service {i}
Parameters:
  Environment:
    Type: String
    Default: {env}
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "{name}-${{Environment}}-{i}"
  Function:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: !GetAtt Role.Arn
      Code:
        ZipFile: "def handler(event, context): return None"
      Environment:
        Variables:
          QUEUE_URL: !Ref Queue
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {{Service: lambda.amazonaws.com}}
            Action: sts:AssumeRole
"""
CFN_AGENT = """AWSTemplateFormatVersion: "2010-09-09"
Description: {name} agent {i}
Parameters:
  AgentModel:
    Type: String
    Default: {model}
Resources:
  Agent:
    Type: AWS::Bedrock::Agent
    Properties:
      AgentName: {name}-{i}
      FoundationModel: !Ref AgentModel
  Function:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::111122223333:role/{name}
      Code:
        ZipFile: "def handler(event, context): return None"
      Environment:
        Variables:
          MODEL_ID: {model2}
"""
K8S = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: {team}
spec:
  replicas: {rep}
  template:
    spec:
      containers:
        - name: {name}
          image: registry.example.com/{name}:1.{i}.0
          env:
            - name: LOG_LEVEL
              value: info
            - name: {envname}
              value: "{value}"
"""
PY = '''import json
import os

import boto3

CLIENT = boto3.client("{service}")
TABLE = os.environ.get("TABLE", "{name}-table")


def handler(event, context):
    """Process one {name} event."""
    body = json.loads(event.get("body") or "{{}}")
    response = CLIENT.{call}({arg}="{value}", Body=json.dumps(body))
    return {{"statusCode": 200, "body": json.dumps({{"ok": True, "n": {i}}})}}
'''
TS = """import {{ {client} }} from "@aws-sdk/{pkg}";

const client = new {client}({{ region: process.env.AWS_REGION ?? "us-east-1" }});

export async function handle(input: string): Promise<string> {{
  // {name} handler {i}
  const command = {{ {arg}: "{value}", body: JSON.stringify({{ input }}) }};
  const result = await client.send(command as never);
  return JSON.stringify(result);
}}
"""
JSON_CFG = """{{
  "service": "{name}",
  "version": "1.{i}.0",
  "features": {{"cache": true, "retries": {rep}}},
  "{key}": "{value}"
}}
"""
DOTENV = "LOG_LEVEL=info\nTABLE={name}-table\n{key}={value}\n"
SHELL = """#!/usr/bin/env bash
# Deploy {name} ({team}) and run its smoke test.
set -euo pipefail

REGION="${{AWS_REGION:-us-east-1}}"
{setting}
aws s3 cp "dist/{name}-{i}.zip" "s3://{team}-artifacts/{name}/{i}.zip" --region "$REGION"
aws lambda update-function-code --function-name "{name}" --s3-bucket "{team}-artifacts" --s3-key "{name}/{i}.zip"
for attempt in 1 2 3; do
  if curl -fsS "https://{name}.internal.example.com/health"; then
    echo "{name} is healthy"
    break
  fi
  sleep "$attempt"
done
{command}
"""
DOCKERFILE = """FROM public.ecr.aws/docker/library/python:3.12-slim
LABEL org.opencontainers.image.title="{name}" org.opencontainers.image.vendor="{team}"
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
ENV PORT=8080 LOG_LEVEL=info{env}
EXPOSE 8080
CMD ["python", "-m", "{name}", "--port", "8080"]
"""
MAKEFILE = """IMAGE ?= {team}/{name}
TAG := $(shell git rev-parse --short HEAD)

.PHONY: build push test
build:
	docker build -t $(IMAGE):$(TAG) .

push: build
	docker push $(IMAGE):$(TAG)

test:
	python -m pytest -q tests/
"""


def notebook(name: str, team: str, i: int, model: str | None) -> str:
    """A Jupyter notebook as Jupyter writes it (one-space indent, list sources): analysis code, and a
    Bedrock call only when ``model`` is given (most notebooks in a monorepo have none)."""
    import json

    def code(src: str, outputs: list[dict[str, object]] | None = None) -> dict[str, object]:
        return {
            "cell_type": "code",
            "execution_count": i % 7 + 1,
            "metadata": {},
            "outputs": outputs or [],
            "source": src.splitlines(True),
        }

    call = (
        f'client = boto3.client("bedrock-runtime")\nMODEL_ID = "{model}"\n'
        'resp = client.converse(modelId=MODEL_ID, messages=[{"role": "user", "content": [{"text": q}]}])\n'
        if model
        else 'df.groupby("region")["latency_ms"].describe()\n'
    )
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": [f"# {name} analysis {i}\n", f"Owner: {team}.\n"]},
        code(
            'import boto3\nimport pandas as pd\n\ndf = pd.read_parquet("s3://' + f'{team}-lake/{name}/{i}.parquet")\n'
        ),
        code(
            "df.head()\n",
            [{"output_type": "stream", "name": "stdout", "text": [f"   region  latency_ms\n0  us-east-1  {i}\n"]}],
        ),
        code(call),
    ]
    doc = {
        "cells": cells,
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(doc, indent=1) + "\n"


NAMES = ["billing", "search", "ingest", "chat", "report", "auth", "catalog", "orders", "ledger", "notify"]
TEAMS = ["platform", "data", "ml", "payments", "growth"]


def _w(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def mixed(out: Path, files: int, rnd: random.Random, relevant_share: float = 0.03) -> int:
    count = 0
    i = 0
    while count < files:
        i += 1
        name, team = rnd.choice(NAMES), rnd.choice(TEAMS)
        relevant = rnd.random() < relevant_share
        model, model2 = rnd.choice(MODELS), rnd.choice(MODELS)
        kind = rnd.choices(
            ["tf", "cfn", "k8s", "py", "ts", "json", "env", "sh", "docker", "ipynb"],
            weights=[25, 15, 15, 20, 15, 7, 3, 5, 3, 3],
        )[0]
        base = out / f"{team}/{name}-{i:05d}"
        if kind == "tf":
            if relevant:
                _w(base / "main.tf", TF_AGENT.format(name=name, i=i, model=model))
                _w(base / "variables.tf", TF_AGENT_VARS.format(model=model2))
            else:
                _w(base / "main.tf", TF_PLAIN.format(name=name, i=i, team=team))
                env, mem = rnd.choice(["dev", "prod"]), rnd.choice([128, 512])
                _w(base / "variables.tf", TF_VARS_PLAIN.format(env=env, mem=mem))
            _w(base / "terraform.tfvars", f'environment = "{rnd.choice(["dev", "prod"])}"\n')
            count += 3
        elif kind == "cfn":
            text = (
                CFN_AGENT.format(name=name, i=i, model=model, model2=model2)
                if relevant
                else CFN_PLAIN.format(name=name, i=i, env=rnd.choice(["dev", "prod"]))
            )
            _w(base / "template.yaml", text)
            count += 1
        elif kind == "k8s":
            envname, value = ("MODEL_ID", model) if relevant else ("TABLE", f"{name}-table")
            _w(
                base / "deployment.yaml",
                K8S.format(name=name, team=team, rep=rnd.randint(1, 5), i=i, envname=envname, value=value),
            )
            count += 1
        elif kind == "py":
            call, arg, service, value = (
                ("invoke_model", "modelId", "bedrock-runtime", model)
                if relevant
                else ("put_object", "Key", "s3", f"{name}/{i}.json")
            )
            _w(base / "app.py", PY.format(service=service, name=name, call=call, arg=arg, value=value, i=i))
            count += 1
        elif kind == "ts":
            client, pkg, arg, value = (
                ("BedrockRuntimeClient", "client-bedrock-runtime", "modelId", model)
                if relevant
                else ("S3Client", "client-s3", "Key", f"{name}/{i}.json")
            )
            _w(base / "handler.ts", TS.format(client=client, pkg=pkg, arg=arg, value=value, name=name, i=i))
            count += 1
        elif kind == "json":
            key, value = ("modelId", model) if relevant else ("bucket", f"{name}-bucket")
            _w(base / "config.json", JSON_CFG.format(name=name, i=i, rep=rnd.randint(1, 5), key=key, value=value))
            count += 1
        elif kind == "env":
            key, value = ("MODEL_ID", model) if relevant else ("BUCKET", f"{name}-bucket")
            _w(base / ".env", DOTENV.format(name=name, key=key, value=value))
            count += 1
        elif kind == "sh":
            setting, command = (
                (
                    f"export BEDROCK_MODEL={model}",
                    'aws bedrock-runtime invoke-model --model-id "$BEDROCK_MODEL" out.json',
                )
                if relevant
                else (f'TABLE="{name}-table"', 'aws dynamodb describe-table --table-name "$TABLE"')
            )
            _w(base / "scripts/deploy.sh", SHELL.format(name=name, team=team, i=i, setting=setting, command=command))
            count += 1
        elif kind == "ipynb":
            _w(base / f"notebooks/{name}_analysis.ipynb", notebook(name, team, i, model if relevant else None))
            count += 1
        else:  # a container image: its Dockerfile, and a Makefile every other time
            env = f" \\\n    MODEL_ID={model}" if relevant else ""
            _w(base / "Dockerfile", DOCKERFILE.format(name=name, team=team, env=env))
            count += 1
            if i % 2:
                _w(base / "Makefile", MAKEFILE.format(name=name, team=team))
                count += 1
    return count


def all_terraform(out: Path, files: int, rnd: random.Random) -> int:
    for m in range(files // 4):
        name = rnd.choice(NAMES)
        base = out / f"module-{m:04d}"
        _w(base / "main.tf", TF_AGENT.format(name=name, i=m, model=rnd.choice(MODELS)))
        _w(base / "variables.tf", TF_AGENT_VARS.format(model=rnd.choice(MODELS)))
        _w(
            base / "extra.tf",
            TF_AGENT.format(name=name + "x", i=m, model=rnd.choice(MODELS)).replace(
                "var.agent_model", f'"{rnd.choice(MODELS)}"'
            ),
        )
        _w(base / "outputs.tf", f'output "agent" {{\n  value = aws_bedrockagent_agent.{name}.id\n}}\n')
    return files // 4 * 4


def all_cloudformation(out: Path, files: int, rnd: random.Random) -> int:
    for t in range(files):
        _w(
            out / f"stack-{t:04d}.yaml",
            CFN_AGENT.format(name=rnd.choice(NAMES), i=t, model=rnd.choice(MODELS), model2=rnd.choice(MODELS)),
        )
    return files


def generate(out: Path, files: int = 10_000, seed: int = 7) -> dict[str, int]:
    counts = {
        "mixed": mixed(out / "mixed", files, random.Random(seed)),
        "terraform": all_terraform(out / "terraform", 1000, random.Random(seed + 1)),
        "cloudformation": all_cloudformation(out / "cloudformation", 1000, random.Random(seed + 2)),
    }
    (out / ".complete").write_text(repr(sorted(counts.items())) + f" seed={seed}\n")
    return counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    print(generate(args.out, args.files, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
