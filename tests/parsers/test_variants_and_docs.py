"""Example/template variants read as their inner type; documentation outlines; JSON Lines."""

from __future__ import annotations

import pytest

from bedrock_lifecycle.errors import ParseFailure
from bedrock_lifecycle.parsers import parser_for
from bedrock_lifecycle.parsers.docs import DocsParser, parse_markdown
from bedrock_lifecycle.parsers.jsonl import JsonLinesParser
from bedrock_lifecycle.parsers.variants import inner_path


@pytest.mark.parametrize(
    ("path", "inner", "templated", "parser"),
    [
        ("config/dev.json.example", "config/dev.json", False, "json"),
        ("deploy/values.yaml.tpl", "deploy/values.yaml", True, "yaml"),
        ("settings.toml.j2", "settings.toml", True, "toml"),
        ("app.ini.dist", "app.ini", False, "ini"),
        ("conf/app.yml.j2.example", "conf/app.yml", True, "yaml"),
        ("infra/terraform.tfvars.sample", "infra/terraform.tfvars", False, "terraform"),
    ],
)
def test_variant_takes_the_inner_names_parser(path, inner, templated, parser):
    assert inner_path(path) == (inner, templated)
    assert parser_for(path).name == parser


def test_cloudformation_template_names_keep_their_parsers():
    assert type(parser_for("stacks/network.template")).__name__ == "YamlParser"
    assert type(parser_for("cdk.out/App.template.json")).__name__ == "JsonParser"
    assert type(parser_for("chart/templates/_helpers.tpl")).__name__ == "HelmTemplateParser"


@pytest.mark.parametrize("path", ["notes.txt.sample", ".gitignore.dist", "x.tmpl", "README.md.example"])
def test_variant_of_an_unread_type_is_not_claimed(path):
    assert parser_for(path) is None


def test_example_file_that_does_not_parse_is_a_parse_failure():
    parser = parser_for("dev.json.example")
    with pytest.raises(ParseFailure):
        parser.parse("dev.json.example", '{"a": }')


def test_template_syntax_is_no_parse_error():
    text = '{"model": "{{ model }}", "n": {{ n }}, "fallback": "amazon.titan-text-lite-v1"}\n'
    doc = parser_for("settings.json.j2").parse("settings.json.j2", text)
    assert doc.kind == "text" and doc.text == text
    yaml_text = '{% if prod %}\nmodel:\n  id: {{ default "x" .Values.m }}\n{% endif %}\nfallback: meta.llama3\n'
    doc = parser_for("values.yaml.tpl").parse("values.yaml.tpl", yaml_text)
    assert {s.key_path for s in doc.scalars} >= {("model", "id"), ("fallback",)}


def test_markdown_labels_headings_and_code_blocks_and_skips_comments():
    text = "# Title\nprose\n\n## Deploy\n```bash\nrun x\n```\n<!-- hidden model -->\nSetext\n------\nafter\n"
    doc = parse_markdown("README.md", text)
    labels = [(text[s.start : s.end], s.key_path[0]) for s in doc.scalars]
    assert labels == [
        ("# Title", "Title"),
        ("prose", "Title"),
        ("## Deploy", "Deploy"),
        ("run x", "Deploy > code block 1 (bash)"),
        ("Setext", "Setext"),
        ("after", "Setext"),
    ]
    assert [c.text for c in doc.comments] == ["hidden model"]


def test_rst_and_asciidoc_code_blocks():
    rst = "Guide\n=====\n\n.. code-block:: python\n\n   x = 1\n\nback\n\n.. a comment\n   continued\n"
    doc = DocsParser("rst", (".rst",)).parse("g.rst", rst)
    assert [(rst[s.start : s.end].strip(), s.key_path[0]) for s in doc.scalars] == [
        ("Guide", "Guide"),
        ("x = 1", "Guide > code block 1 (python)"),
        ("back", "Guide"),
    ]
    adoc = "= Ops\n\n[source,yaml]\n----\nk: v\n----\n// note\n"
    doc = DocsParser("asciidoc", (".adoc",)).parse("o.adoc", adoc)
    assert [(adoc[s.start : s.end], s.key_path[0]) for s in doc.scalars] == [
        ("= Ops", "Ops"),
        ("k: v", "Ops > code block 1 (yaml)"),
    ]
    assert [c.text for c in doc.comments] == ["note"]


def test_json_lines_each_line_a_document_and_a_bad_line_a_problem():
    text = '{"modelId": "a"}\n\nnot json\n{"modelId": "b"}\n'
    doc = JsonLinesParser().parse("b.jsonl", text)
    assert doc.meta["root_labels"] == ("line[1]", "line[4]")
    assert [(p.line, p.message.split(":")[0]) for p in doc.problems] == [(3, "line 3")]
    assert [text[a:b] for a, b in doc.unparsed] == ["not json"]
    assert [r.start for r in doc.roots] == [0, text.index('{"modelId": "b"}')]
