"""Shell scripts, Dockerfiles, Makefiles and Procfiles: what is a value, what names it, what is not read."""

from __future__ import annotations

import pytest

from bedrock_lifecycle.catalog import load_embedded
from bedrock_lifecycle.config import FRAMEWORKS
from bedrock_lifecycle.extract.shell import extract_shell
from bedrock_lifecycle.parsers import parser_for
from bedrock_lifecycle.parsers.shell import DockerfileParser, MakefileParser, ProcfileParser, ShellParser
from bedrock_lifecycle.resolve.ids import Recognizer

RECOGNIZER = Recognizer.for_catalog(load_embedded())


def refs(parser, text: str, path: str = "x") -> list[tuple[int, int, str, str]]:
    """(line, column, resource, reference) of every model reference the file holds."""
    doc = parser.parse(path, text)
    return [(r.span.start_line, r.span.start_col, r.resource, r.text) for r in extract_shell(doc, RECOGNIZER)]


def at(text: str, line: int, resource: str, reference: str) -> tuple[int, int, str, str]:
    """The expected record: the reference's first occurrence on that line of the text."""
    return (line, text.split("\n")[line - 1].index(reference) + 1, resource, reference)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MODEL_ID=anthropic.claude-v2\n", [(1, 10, "MODEL_ID", "anthropic.claude-v2")]),
        (
            "export BEDROCK_MODEL=meta.llama2-70b-chat-v1\n",
            [(1, 22, "export BEDROCK_MODEL", "meta.llama2-70b-chat-v1")],
        ),
        ('M="${MODEL:-anthropic.claude-v2}"\n', [(1, 13, "M", "anthropic.claude-v2")]),
        ('f() { local m="${1:-anthropic.claude-v2}"; }\n', [(1, 22, "local m", "anthropic.claude-v2")]),
        (
            "aws bedrock-runtime invoke-model --model-id anthropic.claude-v2 out.json\n",
            [(1, 45, "aws bedrock-runtime invoke-model --model-id", "anthropic.claude-v2")],
        ),
        (
            "python app.py --model-id=anthropic.claude-v2\n",
            [(1, 26, "python app.py --model-id", "anthropic.claude-v2")],
        ),
        ("docker run -e MODEL=anthropic.claude-v2 img\n", [(1, 21, "docker run -e MODEL", "anthropic.claude-v2")]),
        ("MODEL=anthropic.claude-v2 python run.py\n", [(1, 7, "MODEL", "anthropic.claude-v2")]),
        ("env MODEL=anthropic.claude-v2 python run.py\n", [(1, 11, "env MODEL", "anthropic.claude-v2")]),
        ("echo anthropic.claude-v2\n", [(1, 6, "echo", "anthropic.claude-v2")]),
        (
            "aws bedrock-runtime converse --model-id arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3\n",
            [
                (
                    1,
                    40,
                    "aws bedrock-runtime converse --model-id",
                    "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3",
                )
            ],
        ),
        (
            'X=$(aws bedrock get-foundation-model --model-identifier "anthropic.claude-v2")\n',
            [(1, 57, "aws bedrock get-foundation-model --model-identifier", "anthropic.claude-v2")],
        ),
        ("for m in anthropic.claude-v2; do :; done\n", [(1, 10, "for m", "anthropic.claude-v2")]),
        ('case "$M" in\n  anthropic.claude-v2) :;;\nesac\n', [(2, 3, "case $M", "anthropic.claude-v2")]),
        (
            "cat > c.yaml <<EOF\nmodel_id: anthropic.claude-v2\nEOF\n",
            [(2, 11, "cat <<EOF model_id", "anthropic.claude-v2")],
        ),
        ("cat > c.yaml <<EOF\nmodels:\n  - anthropic.claude-v2\nEOF\n", [(3, 5, "cat <<EOF", "anthropic.claude-v2")]),
        (
            'cat > m.json <<EOF\n["anthropic.claude-v2",\n "meta.llama2-70b-chat-v1"]\nEOF\n',
            [(2, 3, "cat <<EOF", "anthropic.claude-v2"), (3, 3, "cat <<EOF", "meta.llama2-70b-chat-v1")],
        ),
    ],
)
def test_shell_values_and_their_names(text, expected):
    assert refs(ShellParser(), text) == [at(text, line, res, ref) for line, _col, res, ref in expected]


@pytest.mark.parametrize(
    "text",
    [
        "# uses anthropic.claude-v2\n",
        "echo hi  # anthropic.claude-v2\n",
        "cat <<EOF\nThis tool calls anthropic.claude-v2 for you.\nEOF\n",  # heredoc prose
        ": <<'COMMENT'\nanthropic.claude-v2 was retired\nCOMMENT\n",
    ],
)
def test_comments_and_prose_are_not_values(text):
    assert refs(ShellParser(), text) == []


def test_comments_carry_inline_skips():
    doc = ShellParser().parse(
        "x.sh", "# bedrock-lifecycle:skip=BRL_001:pinned until the Q3 migration\nM=anthropic.claude-v2\n"
    )
    (ref,) = extract_shell(doc, RECOGNIZER)
    assert [s.check_id for s in ref.suppressions] == ["BRL_001"]


def test_a_syntax_error_costs_only_its_statement():
    text = "A=anthropic.claude-v2\nif true; then\n  B=meta.llama2-70b-chat-v1\n# C=anthropic.claude-instant-v1\n"
    doc = ShellParser().parse("x.sh", text)
    assert [(s.key_path[0], s.value) for s in doc.scalars] == [("A", "anthropic.claude-v2")]  # parsed
    (problem,) = doc.problems
    assert problem.message == "bash syntax error (missing 'fi') in the statement from line 2"
    assert "anthropic" not in problem.message  # described, never quoted
    assert doc.unparsed == ((text.index("if"), len(text) - 1),)  # the 'if' statement, to its last line


def test_a_broken_statement_is_still_scanned_as_text_without_its_comments(tmp_path, capsys):
    from bedrock_lifecycle.cli import main

    (tmp_path / "x.sh").write_text(
        "A=anthropic.claude-v2\nif true; then\n  B=meta.llama2-70b-chat-v1\n# C=anthropic.claude-instant-v1\n"
    )
    main(["scan", str(tmp_path), "--compact", "--as-of", "2026-11-25", "--jobs", "1"])
    out = capsys.readouterr().out
    assert "x.sh:1:3: BRL_001" in out and "x.sh:3:5: BRL_001" in out and "claude-instant" not in out
    assert "x.sh:4: BRL_E001 shell parse error: bash syntax error (missing 'fi') in the statement from line 2" in out


def test_a_broken_run_instruction_is_read_as_text_silently():
    doc = DockerfileParser().parse(
        "Dockerfile", "FROM x\nRUN if true; then echo anthropic.claude-v2  # meta.llama2-70b-chat-v1\n"
    )
    assert doc.problems == ()
    assert [r.text for r in extract_shell(doc, RECOGNIZER)] == ["anthropic.claude-v2"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ENV MODEL_ID=anthropic.claude-v2\n", [(1, 14, "ENV MODEL_ID", "anthropic.claude-v2")]),
        ("ENV MODEL_ID anthropic.claude-v2\n", [(1, 14, "ENV MODEL_ID", "anthropic.claude-v2")]),
        ('ENV A=1 B="${B:-anthropic.claude-v2}"\n', [(1, 17, "ENV B", "anthropic.claude-v2")]),
        ("ARG MODEL=anthropic.claude-v2\n", [(1, 11, "ARG MODEL", "anthropic.claude-v2")]),
        ("LABEL com.example.model=anthropic.claude-v2\n", [(1, 25, "LABEL com.example.model", "anthropic.claude-v2")]),
        (
            "RUN pip install x && \\\n    aws bedrock-runtime invoke-model --model-id anthropic.claude-v2 o\n",
            [(2, 49, "RUN aws bedrock-runtime invoke-model --model-id", "anthropic.claude-v2")],
        ),
        (
            'CMD ["python", "app.py", "--model", "anthropic.claude-v2"]\n',
            [(1, 38, "CMD python app.py --model", "anthropic.claude-v2")],
        ),
        (
            "ENTRYPOINT serve --model anthropic.claude-v2\n",
            [(1, 26, "ENTRYPOINT serve --model", "anthropic.claude-v2")],
        ),
        ("ONBUILD RUN warm anthropic.claude-v2\n", [(1, 18, "RUN warm", "anthropic.claude-v2")]),
        ("RUN <<EOF\nwarm --model anthropic.claude-v2\nEOF\n", [(2, 14, "RUN warm --model", "anthropic.claude-v2")]),
        (
            "COPY <<EOF /app/config.yaml\nmodel_id: anthropic.claude-v2\nEOF\n",
            [(2, 11, "COPY /app/config.yaml model_id", "anthropic.claude-v2")],
        ),
    ],
)
def test_dockerfile_instructions(text, expected):
    text = "FROM python:3.12\n" + text
    assert refs(DockerfileParser(), text) == [at(text, line + 1, res, ref) for line, _col, res, ref in expected]


@pytest.mark.parametrize(
    "text",
    [
        "# FROM the days of anthropic.claude-v2\n",
        'LABEL description="Summaries with anthropic.claude-v2 on Bedrock"\n',  # prose
        "RUN echo ok  # anthropic.claude-v2\n",
    ],
)
def test_dockerfile_comments_and_prose_labels_are_not_values(text):
    assert refs(DockerfileParser(), "FROM python:3.12\n" + text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MODEL_ID := anthropic.claude-v2\n", [(1, 13, "MODEL_ID", "anthropic.claude-v2")]),
        ("MODEL ?= anthropic.claude-v2  # not meta.llama2-70b-chat-v1\n", [(1, 10, "MODEL", "anthropic.claude-v2")]),
        ("export MODEL = anthropic.claude-v2\n", [(1, 16, "export MODEL", "anthropic.claude-v2")]),
        ('define BODY\n{"modelId": "anthropic.claude-v2"}\nendef\n', [(2, 14, "define BODY", "anthropic.claude-v2")]),
        ("smoke: MODEL = anthropic.claude-v2\n", [(1, 16, "smoke: MODEL", "anthropic.claude-v2")]),
        (
            "smoke:\n\t@aws bedrock-runtime invoke-model --model-id anthropic.claude-v2 o\n",
            [(2, 46, "smoke: aws bedrock-runtime invoke-model --model-id", "anthropic.claude-v2")],
        ),
        ("ifeq ($(E),prod)\nM = anthropic.claude-v2\nendif\n", [(2, 5, "M", "anthropic.claude-v2")]),
    ],
)
def test_makefile_variables_and_recipes(text, expected):
    assert refs(MakefileParser(), text) == [at(text, line, res, ref) for line, _col, res, ref in expected]


def test_makefile_shell_assignment_and_what_a_syntax_error_leaves_at_the_top_level():
    text = "X != aws bedrock get-foundation-model --model-identifier anthropic.claude-v2\n"
    assert refs(MakefileParser(), text) == [at(text, 1, "X", "anthropic.claude-v2")]
    deep = "X := $(" * 300 + "anthropic.claude-v2" + ")" * 300 + "\n"  # assignments nested in references
    doc = MakefileParser().parse("Makefile", deep)
    assert any(a <= deep.index("anthropic") < b for a, b in doc.unparsed)  # scanned as text
    assert doc.problems == ()  # the make grammar misses valid GNU make: no Makefile is called broken


def test_makefile_comments_are_not_values():
    assert refs(MakefileParser(), "# anthropic.claude-v2\nall:\n\t# anthropic.claude-v2\n\techo ok\n") == []


def test_procfile_commands():
    text = "# anthropic.claude-v2\nworker: python -m w --model-id anthropic.claude-v2\n"
    assert refs(ProcfileParser(), text) == [at(text, 2, "worker: python -m w --model-id", "anthropic.claude-v2")]


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("a/run.sh", "shell"),
        ("x.bash", "shell"),
        ("x.zsh", "shell"),
        ("t/x.bats", "shell"),
        ("svc/.envrc", "shell"),
        ("Dockerfile", "dockerfile"),
        ("svc/Dockerfile.prod", "dockerfile"),
        ("Containerfile", "dockerfile"),
        ("build/api.dockerfile", "dockerfile"),
        ("ops/Dockerfile.template", "dockerfile"),  # not a CloudFormation template
        ("Procfile.dev", "procfile"),
        ("Makefile", "make"),
        ("GNUmakefile", "make"),
        ("rules.mk", "make"),
        ("Procfile", "procfile"),
    ],
)
def test_claims_and_framework(path, kind):
    parser = parser_for(path)
    assert parser is not None and parser.name == kind and parser.frameworks == ("shell",)
    other = parser_for(path, frozenset({"source", "config"}))
    assert other is None or "shell" not in other.frameworks
    assert "shell" in FRAMEWORKS


def test_files_without_candidate_bytes_are_not_parsed(tmp_path):
    from datetime import date

    from bedrock_lifecycle.config import Config
    from bedrock_lifecycle.discover import Target
    from bedrock_lifecycle.scan import process_file

    (tmp_path / "Dockerfile").write_text("FROM python:3.12\nRUN pip install boto3\n")
    (tmp_path / "run.sh").write_text("export MODEL=anthropic.claude-v2\n")
    cfg = Config(paths=(str(tmp_path),), root=str(tmp_path), as_of=date(2026, 11, 25))
    skipped = process_file(Target("Dockerfile", str(tmp_path / "Dockerfile")), cfg, RECOGNIZER)
    parsed = process_file(Target("run.sh", str(tmp_path / "run.sh")), cfg, RECOGNIZER)
    assert not skipped.parsed and parsed.parsed and [r.text for r in parsed.references] == ["anthropic.claude-v2"]


def test_words_without_a_dot_are_not_values():
    """A long script of plain commands is not a scalar per word (it cost 7 s for 800 KB)."""
    text = "echo a b c d e f g h i j k l m n o p\n" * 2000 + "M=anthropic.claude-v2\n"
    doc = ShellParser().parse("x.sh", text)
    assert [s.value for s in doc.scalars] == ["anthropic.claude-v2"]


def test_a_valid_makefile_the_grammar_misses_is_not_called_broken():
    text = 'MODEL := anthropic.claude-v2\n%: Makefile\n\t@$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" $(O)\n'
    doc = MakefileParser().parse("Makefile", text)
    assert doc.problems == ()
    assert refs(MakefileParser(), text) == [at(text, 1, "MODEL", "anthropic.claude-v2")]
