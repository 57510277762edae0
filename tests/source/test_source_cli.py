"""Source and app-config scanning through the real CLI: framework gating, skipped files, fallbacks."""

from __future__ import annotations

import json

import pytest

from bedrock_lifecycle.cli import main


@pytest.fixture()
def repo(tmp_path):
    (tmp_path / "app.py").write_text('client.converse(modelId="anthropic.claude-v2")  # EOL\n')
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "chat.ts").write_text("const m = `${geo}.anthropic.claude-3-haiku-20240307-v1:0`;\n")
    (tmp_path / "web" / "app.min.js").write_text('var m="anthropic.claude-v2";\n')
    (tmp_path / "web" / "package-lock.json").write_text('{"x": "anthropic.claude-v2"}\n')
    (tmp_path / "values.yaml").write_text("model: amazon.titan-text-express-v1\n")
    (tmp_path / "README.md").write_text("We use anthropic.claude-v2.\n")
    (tmp_path / "nb.ipynb").write_text('{"cells": [{"source": ["anthropic.claude-v2"]}]}\n')
    return tmp_path


def scan(path, *args, capsys):
    code = main(["scan", str(path), "-o", "json", "--as-of", "2026-11-25", "--jobs", "1", *args])
    doc = json.loads(capsys.readouterr().out)
    found = sorted(
        {
            (r["file_path"], r["bedrock"]["reference"], r["resource"])
            for k in ("failed_checks", "passed_checks", "skipped_checks")
            for r in doc["results"][k]
        }
    )
    return code, found, doc


def test_default_scans_config_and_source_but_not_docs_or_generated(repo, capsys):
    code, found, doc = scan(repo, capsys=capsys)
    assert code == 1
    assert found == [
        ("/app.py", "anthropic.claude-v2", "client.converse(modelId)"),
        ("/values.yaml", "amazon.titan-text-express-v1", "model"),
        ("/web/chat.ts", "anthropic.claude-3-haiku-20240307-v1:0", "m"),
    ]
    # nb.ipynb is read (notebooks are source) but its one string is a bare expression statement, not a value
    assert doc["summary"]["files_scanned"] == 4 and doc["diagnostics"] == []


def test_framework_source_only(repo, capsys):
    _, found, _ = scan(repo, "--framework", "source", capsys=capsys)
    assert [f[0] for f in found] == ["/app.py", "/web/chat.ts"]


def test_skip_framework_source(repo, capsys):
    _, found, doc = scan(repo, "--skip-framework", "source", capsys=capsys)
    assert [f[0] for f in found] == ["/values.yaml"]
    assert doc["summary"]["files_scanned"] == 1


def test_python_that_does_not_tokenize_falls_back_to_text(tmp_path, capsys):
    bad = 'MODEL = "anthropic.claude-v2"\n# anthropic.claude-instant-v1\nx = """open\n'
    (tmp_path / "bad.py").write_text(bad)
    _, found, doc = scan(tmp_path, capsys=capsys)
    assert found == [("/bad.py", "anthropic.claude-v2", "MODEL")]  # the comment stays out in the fallback too
    assert [d["code"] for d in doc["diagnostics"]] == ["BRL_E001"]
    assert doc["diagnostics"][0]["message"].startswith("python parse error")


def test_large_source_file_gets_a_diagnostic(tmp_path, capsys):
    (tmp_path / "big.js").write_text('const m = "anthropic.claude-v2";\n' + "// pad\n" * 200)
    _, found, doc = scan(tmp_path, "--max-file-size", "100", capsys=capsys)
    assert found == [] and [d["code"] for d in doc["diagnostics"]] == ["BRL_E004"]


def test_helm_template_has_no_parse_error(tmp_path, capsys):
    chart = tmp_path / "chart"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: c\nversion: 1.0.0\n")
    (chart / "templates" / "d.yaml").write_text(
        'spec:\n  env:\n    - name: M\n      value: {{ .Values.m | default "anthropic.claude-v2" }}\n'
        "{{- if .Values.x }}\n  extra: {{ toYaml . }}\n{{- end }}\n"
    )
    _, found, doc = scan(tmp_path, capsys=capsys)
    assert found == [("/chart/templates/d.yaml", "anthropic.claude-v2", "spec.env.M")]
    assert doc["diagnostics"] == []


def test_text_a_grammar_cannot_read_is_scanned_as_text_with_a_diagnostic(tmp_path, capsys):
    """After an unclosed '(' tree-sitter-kotlin skips the rest of the file unread, and inside an error a
    Java literal can come apart into identifiers and operators: the text fallback still finds the IDs."""
    (tmp_path / "G.kt").write_text(
        'val a = "amazon.nova-pro-v1:0"\n'
        'fun f() {\n    v(al env = System.getenv("MODEL") ?: "amazon.nova-lite-v1:0"\n'
        '    call(modelId = "anthropic.claude-v2")\n}\n'
        'val b = "anthropic.claude-instant-v1"\n'
    )
    (tmp_path / "S.java").write_text(
        'class S {\n  void f() {\n    var r = ConverseReq"uest.builder()\n'
        '      .modelId("cohere.command-r-v1:0")\n      .build();\n  }\n}\n'
    )
    (tmp_path / "ok.ts").write_text('const m = "anthropic.claude-v2";\n')
    _code, found, doc = scan(tmp_path, capsys=capsys)
    refs = sorted((path, ref) for path, ref, _res in found)
    assert refs == [
        ("/G.kt", "amazon.nova-lite-v1:0"),
        ("/G.kt", "amazon.nova-pro-v1:0"),
        ("/G.kt", "anthropic.claude-instant-v1"),
        ("/G.kt", "anthropic.claude-v2"),
        ("/S.java", "cohere.command-r-v1:0"),
        ("/ok.ts", "anthropic.claude-v2"),
    ]
    records = [
        (r["check_id"], r["file_path"], r["file_line_range"][0], r["bedrock"]["reference"])
        for k in ("failed_checks", "passed_checks")
        for r in doc["results"][k]
    ]
    assert len(records) == len(set(records))  # a literal read in an error region is not found twice
    diags = sorted((d["file_path"], d["line"], d["code"]) for d in doc["diagnostics"])
    assert [(p, c) for p, _line, c in diags] == [("/G.kt", "BRL_E001"), ("/S.java", "BRL_E001")]
    assert dict((p, line) for p, line, _c in diags)["/G.kt"] == 3
