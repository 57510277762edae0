"""Parsing Terraform: exact literal positions, expressions kept as structure, failures as ParseFailure."""

from __future__ import annotations

import textwrap

import pytest

from bedrock_lifecycle.errors import ParseFailure
from bedrock_lifecycle.parsers import parser_for
from bedrock_lifecycle.parsers.hcl import (
    BinOp,
    Call,
    Cond,
    ForExpr,
    HclConfigParser,
    HclParser,
    Interp,
    Lit,
    ObjectExpr,
    Splat,
    StrPart,
    Template,
    Traversal,
    TupleExpr,
    parse_hcl,
    parse_hcl_partial,
    parse_template,
)


def body(text: str):  # type: ignore[no-untyped-def]
    return parse_hcl(textwrap.dedent(text))[0]


def attr(text: str, name: str = "x"):  # type: ignore[no-untyped-def]
    b = body(f"locals {{\n  {name} = {text}\n}}\n")
    return b.blocks[0].body.attrs[0].expr


@pytest.mark.parametrize(
    "name",
    [
        "main.tf",
        "infra/x.tf.json",
        "terraform.tfvars",
        "prod.tfvars",
        "a.auto.tfvars",
        "terraform.tfvars.json",
        "b.auto.tfvars.json",
    ],
)
def test_parser_claims_terraform_files_before_json(name):
    assert isinstance(parser_for(name), HclParser)


@pytest.mark.parametrize("name", ["main.tf.bak", "package.json", "tf"])
def test_parser_leaves_other_files(name):
    assert not isinstance(parser_for(name), HclParser)


@pytest.mark.parametrize("name", ["variables.hcl", "live/prod/terragrunt.hcl", "images/app.pkr.hcl"])
def test_other_hcl_files_are_read_as_hcl_not_terraform(name):
    parser = parser_for(name)
    assert isinstance(parser, HclConfigParser) and parser.name == "hcl"


def test_terraform_lock_file_is_not_parsed():
    assert parser_for(".terraform.lock.hcl") is None and parser_for("live/.terraform.lock.hcl") is None


def test_string_literal_has_its_raw_offsets():
    text = 'variable "m" {\n  default = "anthropic.claude-v2"\n}\n'
    b, _ = parse_hcl(text)
    expr = b.blocks[0].body.attrs[0].expr
    assert isinstance(expr, Template)
    part = expr.parts[0]
    assert isinstance(part, StrPart) and text[part.start : part.end] == "anthropic.claude-v2"


def test_escapes_are_decoded_and_the_raw_range_kept():
    text = 'locals {\n  x = "a\\"b\\u0041 $${keep}"\n}\n'
    part = parse_hcl(text)[0].blocks[0].body.attrs[0].expr.parts[0]
    assert part.value == 'a"bA ${keep}'
    assert text[part.start : part.end] == 'a\\"b\\u0041 $${keep}'


def test_interpolation_is_split_into_parts():
    expr = attr('"arn:aws:bedrock:${var.region}::foundation-model/${var.model}"')
    kinds = [type(p).__name__ for p in expr.parts]
    assert kinds == ["StrPart", "Interp", "StrPart", "Interp"]
    region = expr.parts[1].expr
    assert region == Traversal("var", ("region",), region.start, region.end)


def test_heredoc_is_a_template_with_located_parts_and_interpolations():
    text = textwrap.dedent("""\
        resource "aws_iam_policy" "p" {
          policy = <<-EOT
            {"Resource": "arn:aws:bedrock:${var.region}::foundation-model/anthropic.claude-v2"}
          EOT
        }
        """)
    expr = parse_hcl(text)[0].blocks[0].body.attrs[0].expr
    assert isinstance(expr, Template)
    literal = [p for p in expr.parts if isinstance(p, StrPart)][-1]
    assert "anthropic.claude-v2" in text[literal.start : literal.end]
    assert any(isinstance(p, Interp) for p in expr.parts)


def test_jsonencode_format_templatefile_for_and_conditionals_parse():
    b = body("""
        resource "aws_ecs_task_definition" "t" {
          container_definitions = jsonencode([{ name = "w", environment = [{ name = "M", value = var.m }] }])
          a = format("arn:aws:bedrock:%s::foundation-model/%s", var.r, var.m)
          b = templatefile("${path.module}/x.tpl", { model = "anthropic.claude-v2" })
          c = var.env == "prod" ? "a" : "b"
          d = [for m in var.models : upper(m) if m != ""]
          e = { for k, v in var.m : k => v }
          f = var.list[*].id
        }
        """)
    attrs = {a.name: a.expr for a in b.blocks[0].body.attrs}
    assert isinstance(attrs["container_definitions"], Call)
    assert isinstance(attrs["container_definitions"].args[0], TupleExpr)
    assert isinstance(attrs["a"], Call) and attrs["a"].name == "format"
    assert isinstance(attrs["b"].args[1], ObjectExpr)
    assert isinstance(attrs["c"], Cond) and isinstance(attrs["c"].cond, BinOp) and attrs["c"].cond.op == "=="
    assert isinstance(attrs["d"], ForExpr) and attrs["d"].cond is not None
    assert isinstance(attrs["e"], ForExpr) and attrs["e"].key is not None
    assert isinstance(attrs["f"], Splat)


def test_binary_operators_get_hcl_precedence():
    expr = attr('var.a == "x" && var.b != "y" || var.c')
    assert isinstance(expr, BinOp) and expr.op == "||"
    assert isinstance(expr.left, BinOp) and expr.left.op == "&&"
    assert expr.left.left.op == "==" and expr.left.right.op == "!="


def test_literals_and_indexing():
    assert attr("true") == Lit(True, attr("true").start, attr("true").end)
    assert attr("null").value is None
    assert attr("-3").value == -3
    expr = attr('local.m["k"].z[0]')
    assert isinstance(expr, Traversal) and expr.root == "local"
    assert expr.steps[0] == "m" and isinstance(expr.steps[1], Template) and expr.steps[2] == "z"


def test_comments_are_collected_with_lines():
    _, comments = parse_hcl('# top\nresource "a" "b" {\n  # checkov:skip=BRL_001:why\n  x = 1 // tail\n}\n')
    assert [(c.line, c.text, c.own_line) for c in comments] == [
        (1, "top", True),
        (3, "checkov:skip=BRL_001:why", True),
        (4, "tail", False),
    ]


def test_broken_file_raises_parse_failure_with_the_line():
    with pytest.raises(ParseFailure) as exc:
        parse_hcl('resource "a" "b" {\n  x = "ok"\n<<<<<<< HEAD\n}\n')
    assert exc.value.line == 3


def test_template_scanner_handles_nested_braces_and_escapes():
    parts = parse_template('a ${lookup({k = "}"}, "k")} b $${no} %{ if x }c%{ endif }', 100)
    assert isinstance(parts[0], StrPart) and parts[0].value == "a "
    assert isinstance(parts[1], Interp) and isinstance(parts[1].expr, Call)
    text = "".join(p.value for p in parts if isinstance(p, StrPart))
    assert "${no}" in text and "c" in text


def test_tf_json_strings_are_templates_and_defaults_are_literal():
    text = textwrap.dedent("""\
        {
          "variable": {"m": {"default": "${not.an.expression}"}},
          "resource": {"aws_bedrockagent_agent": {"a": {"foundation_model": "${var.m}", "n": 3}}}
        }
        """)
    b = HclParser().parse("main.tf.json", text).meta["body"]
    var, res = b.blocks
    assert (var.type, var.labels) == ("variable", ("m",))
    default = var.body.attrs[0].expr
    assert isinstance(default, Template) and default.parts[0].value == "${not.an.expression}"
    assert (res.type, res.labels) == ("resource", ("aws_bedrockagent_agent", "a"))
    fm = res.body.attrs[0].expr
    assert isinstance(fm, Template) and isinstance(fm.parts[0], Interp)
    assert res.body.attrs[1].expr.value == 3


def test_tfvars_json_is_attributes():
    b = HclParser().parse("terraform.tfvars.json", '{"model_id": "anthropic.claude-v2"}').meta["body"]
    assert [a.name for a in b.attrs] == ["model_id"]


def test_tf_json_syntax_error_is_a_parse_failure():
    with pytest.raises(ParseFailure):
        HclParser().parse("main.tf.json", '{"resource": ')


def test_recovering_parse_keeps_the_items_that_parsed_and_hands_the_rest_to_text():
    text = textwrap.dedent("""\
        variable "m" {
          default = "anthropic.claude-v2:1"
        }
        resource "aws_bedrockagent_agent" "broken" {
          foundation_model = "amazon.nova-pro-v1:0"
        <<<<<<< HEAD
        }
        locals {
          after = var.m
        }
        """)
    parsed = parse_hcl_partial(text)
    assert [(b.type, b.labels) for b in parsed.body.blocks] == [("variable", ("m",))]
    assert len(parsed.problems) == 1 and parsed.problems[0].line == 6
    assert "HEAD" not in parsed.problems[0].message  # a position, never the text
    ((start, end),) = parsed.unparsed
    assert text[start:end].startswith('resource "aws_bedrockagent_agent" "broken"')
    assert "locals" in text[end:] or "locals" in text[start:end]  # everything after the error is unparsed or kept
    doc = HclParser().parse("main.tf", text)
    assert doc.problems == parsed.problems and doc.unparsed == parsed.unparsed


def test_non_ascii_text_keeps_character_offsets():
    text = 'a = "modèle ${var.é}  anthropic.claude-v2 "\n'
    (attr,) = parse_hcl(text)[0].attrs
    last = attr.expr.parts[-1]
    assert last.value == "  anthropic.claude-v2 "  # spaces next to an interpolation are kept
    assert text[last.start : last.end] == last.value


def test_conditional_chains_nest_to_the_right():
    (attr,) = parse_hcl('k = var.n > 3 ? "big" : var.n <= 1 ? "small" : "mid"\n')[0].attrs
    assert isinstance(attr.expr, Cond) and isinstance(attr.expr.no, Cond)
    assert attr.expr.yes.parts[0].value == "big" and attr.expr.no.yes.parts[0].value == "small"
