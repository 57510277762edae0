"""Source lexers: string literals only (never comments or identifiers), exact offsets, holes, context."""

from __future__ import annotations

import pytest

from bedrock_lifecycle.catalog import load_embedded
from bedrock_lifecycle.errors import ParseFailure
from bedrock_lifecycle.extract.source import describe, extract_source
from bedrock_lifecycle.parsers import parser_for
from bedrock_lifecycle.parsers.source_mask import mask
from bedrock_lifecycle.parsers.source_python import lex_python
from bedrock_lifecycle.parsers.source_ts import (
    CSHARP,
    GO,
    JAVA,
    JAVASCRIPT,
    KOTLIN,
    RUBY,
    TSX,
    TYPESCRIPT,
    read,
    read_document,
)
from bedrock_lifecycle.resolve.ids import Recognizer

RECOGNIZER = Recognizer.for_catalog(load_embedded())


def refs(path: str, text: str) -> list[tuple[str, int, int, str]]:
    """(reference as written, line, column, resource) for every reference found in a source file."""
    doc = parser_for(path).parse(path, text)
    found = extract_source(doc, RECOGNIZER)
    return [(r.text, r.span.start_line, r.span.start_col, r.resource) for r in found]


def test_every_scalar_maps_back_to_its_source_interior():
    text = 'a = "x\\ty"\nb = f"{c}.d"\nc = r"\\d"\n'
    for s in lex_python(text)[0]:
        assert len(s.value) == s.end - s.start  # masked to the same length: offsets map 1:1


# --- Python ---


def test_python_comments_docstrings_and_identifiers_are_not_literals():
    text = '''"""Module doc: anthropic.claude-v2."""
# anthropic.claude-v2 in a comment
class A:
    """Class doc anthropic.claude-v2"""
    def f(self):
        "a bare string statement anthropic.claude-v2"
        return models.anthropic.claude_v2
'''
    assert refs("m.py", text) == []


def test_python_string_forms():
    text = 'A = b"anthropic.claude-v2"\nB = r\'amazon.nova-pro-v1:0\'\nC = """\n  meta.llama3-8b-instruct-v1:0\n"""\n'
    assert [(t, line, col) for t, line, col, _ in refs("m.py", text)] == [
        ("anthropic.claude-v2", 1, 7),
        ("amazon.nova-pro-v1:0", 2, 7),
        ("meta.llama3-8b-instruct-v1:0", 4, 3),
    ]


def test_python_fstring_literal_parts_only():
    text = (
        'A = f"arn:aws:bedrock:{region}::foundation-model/anthropic.claude-v2"\n'
        "B = f\"{geo}.{'anthropic.claude-instant-v1'}\"\n"
        'C = f"{anthropic.claude_v2}"\n'
        'D = f"{{literal}} {x!r:>10} amazon.nova-lite-v1:0"\n'
    )
    assert [(t, line) for t, line, _, _ in refs("m.py", text)] == [
        ("anthropic.claude-v2", 1),
        ("anthropic.claude-instant-v1", 2),
        ("amazon.nova-lite-v1:0", 4),
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('P = "{}.anthropic.claude-3-haiku-20240307-v1:0".format(g)', "anthropic.claude-3-haiku-20240307-v1:0"),
        ('P = "{geo}.anthropic.claude-3-haiku-20240307-v1:0".format(geo=g)', "anthropic.claude-3-haiku-20240307-v1:0"),
        ('P = "%s.amazon.nova-pro-v1:0" % g', "amazon.nova-pro-v1:0"),
        ('P = "%(geo)s.amazon.nova-pro-v1:0" % d', "amazon.nova-pro-v1:0"),
        ('P = "x\\nanthropic.claude-v2"', "anthropic.claude-v2"),  # an escape is a token boundary
    ],
)
def test_python_interpolation_forms(text, found):
    assert [t for t, *_ in refs("m.py", text)] == [found]


def test_python_tokenize_error_is_a_parse_failure():
    with pytest.raises(ParseFailure) as exc:
        lex_python('x = """never closed\n')
    assert exc.value.line == 1


def test_python_context_names():
    text = """import os
MODEL = os.getenv("MODEL_ID", "anthropic.claude-v2")
llm = ChatBedrock(model_id="anthropic.claude-v2", model_kwargs={"k": 1})
x = ChatBedrock("anthropic.claude-v2")
os.environ["SUMMARY_MODEL"] = "anthropic.claude-v2"
CONFIG = {"bedrock": {"chat": "anthropic.claude-v2"}}
class Settings:
    model_id: str = "anthropic.claude-v2"
    def pick(self):
        return "anthropic.claude-v2"
def handler(event, context):
    client.invoke_model(modelId="anthropic.claude-v2", body=b)
"""
    assert [res for *_, res in refs("m.py", text)] == [
        "os.getenv(MODEL_ID)",
        "ChatBedrock(model_id)",
        "ChatBedrock()",
        "os.environ.SUMMARY_MODEL",
        "CONFIG.bedrock.chat",
        "Settings.model_id",
        "pick",
        "client.invoke_model(modelId)",
    ]


def test_python_context_survives_line_moves():
    a = 'x = 1\nresp = client.converse(modelId="anthropic.claude-v2")\n'
    b = '\n\n\n# moved\nresp = client.converse(\n    modelId="anthropic.claude-v2",\n)\n'
    assert [r[3] for r in refs("m.py", a)] == [r[3] for r in refs("m.py", b)] == ["client.converse(modelId)"]


# --- C family ---


def test_js_comments_regex_and_jsx_text_do_not_derail():
    text = """// anthropic.claude-v2
/* amazon.nova-pro-v1:0 */
const re = /"'/g, half = a / 2 / b;
const el = <p>Don't use it</p>;
const m = "meta.llama3-8b-instruct-v1:0";
"""
    assert [(t, line) for t, line, _, _ in refs("a.js", text)] == [("meta.llama3-8b-instruct-v1:0", 5)]


def test_js_template_literal_parts_and_holes():
    text = (
        "const a = `${geo}.anthropic.claude-sonnet-4-6`;\n"
        "const b = `arn:aws:bedrock:${region}::foundation-model/anthropic.claude-v2:1`;\n"
        'const c = `${x ? "amazon.nova-lite-v1:0" : `${y}.amazon.nova-micro-v1:0`}`;\n'
        "const d = `${anthropic.claude_v2}`;\n"
    )
    assert [(t, line) for t, line, _, _ in refs("a.ts", text)] == [
        ("anthropic.claude-sonnet-4-6", 1),
        ("arn:aws:bedrock:${region}::foundation-model/anthropic.claude-v2:1", 2),
        ("amazon.nova-lite-v1:0", 3),
        ("amazon.nova-micro-v1:0", 3),
    ]


def test_js_context_names():
    text = """const client = new BedrockRuntimeClient({ region: "us-east-1" });
export const MODEL_ID: string = process.env.MODEL_ID ?? "anthropic.claude-v2";
const MODELS: Record<string, string> = { chat: "anthropic.claude-v2" };
await client.send(new InvokeModelCommand({ modelId: "anthropic.claude-v2", body }));
class Chat { model = "anthropic.claude-v2"; }
"""
    assert [res for *_, res in refs("a.ts", text)] == [
        "MODEL_ID",
        "MODELS.chat",
        "InvokeModelCommand(modelId)",
        "Chat.model",
    ]


def test_java_text_block_and_char_literals():
    text = '''class A {
    char q = '"';
    String s = """
        {"m": "anthropic.claude-v2", "q": "it's \\"x\\""}
        """;
    String t = InvokeModelRequest.builder().modelId("amazon.nova-pro-v1:0").build();
}
'''
    assert [(t, line, res) for t, line, _, res in refs("A.java", text)] == [
        ("anthropic.claude-v2", 4, "A.s"),
        ("amazon.nova-pro-v1:0", 6, "modelId()"),
    ]


def test_go_raw_strings_runes_and_declarations():
    text = """package main
// anthropic.claude-v2
const Model = "anthropic.claude-v2"
var (
\tEmbed string = `amazon.titan-embed-text-v1`
)
func f() { r := '"'; _ = &bedrockruntime.ConverseInput{ModelId: aws.String("amazon.nova-pro-v1:0")} }
"""
    assert [(t, res) for t, _, _, res in refs("m.go", text)] == [
        ("anthropic.claude-v2", "Model"),
        ("amazon.titan-embed-text-v1", "Embed"),
        ("amazon.nova-pro-v1:0", "bedrockruntime.ConverseInput{ModelId}"),
    ]


def test_csharp_verbatim_raw_and_interpolated():
    text = '''#region anthropic.claude-v2
var a = @"C:\\x ""q"" anthropic.claude-v2";
var b = $"{geo}.amazon.nova-pro-v1:0 {{literal}}";
var c = """
    {"m": "meta.llama3-8b-instruct-v1:0"}
    """;
var d = $"{(x ? "amazon.nova-lite-v1:0" : y)}";
'''
    assert [t for t, *_ in refs("a.cs", text)] == [
        "anthropic.claude-v2",
        "amazon.nova-pro-v1:0",
        "meta.llama3-8b-instruct-v1:0",
        "amazon.nova-lite-v1:0",
    ]


def test_kotlin_templates():
    text = (
        'val a = "$geo.anthropic.claude-sonnet-4-6"\n'
        'val b = "${pick("amazon.nova-pro-v1:0")}.x"\n'
        'val c = """raw ${x} meta.llama3-8b-instruct-v1:0"""\n'
        'val d = "\\$notATemplate"\n'
    )
    assert [t for t, *_ in refs("a.kt", text)] == [
        "anthropic.claude-sonnet-4-6",
        "amazon.nova-pro-v1:0",
        "meta.llama3-8b-instruct-v1:0",
    ]


def test_ruby_forms():
    text = """# anthropic.claude-v2
=begin
amazon.nova-pro-v1:0
=end
class Chat
  MODEL = "#{geo}.anthropic.claude-sonnet-4-6"
  def call
    client.converse(model_id: 'amazon.nova-lite-v1:0', pattern: /"/)
    %w[meta.llama3-8b-instruct-v1:0 x]
  end
  PROMPT = <<~EOS
    Running on amazon.nova-micro-v1:0.
  EOS
end
"""
    assert [(t, res) for t, _, _, res in refs("a.rb", text)] == [
        ("anthropic.claude-sonnet-4-6", "Chat.MODEL"),
        ("amazon.nova-lite-v1:0", "client.converse(model_id)"),
        ("meta.llama3-8b-instruct-v1:0", "call"),
        ("amazon.nova-micro-v1:0", "Chat.PROMPT"),
    ]


@pytest.mark.parametrize("lang", [JAVASCRIPT, TYPESCRIPT, TSX, JAVA, GO, CSHARP, KOTLIN, RUBY])
def test_unterminated_strings_never_fail(lang):
    for text in ('"abc', 'x = \'abc\ny = "amazon.nova-pro-v1:0"', "`${", "/* open", 's = "${a', '@"x'):
        read(text, lang)  # no exception, no hang


def test_inline_suppressions_in_code_comments():
    text = (
        "// bedrock-lifecycle:skip=BRL_001:moving in JIRA-1\n"
        'const a = "anthropic.claude-v2";\n'
        'const b = "anthropic.claude-v2"; // checkov:skip=BRL_001:ok\n'
        'const c = "anthropic.claude-v2";\n'
    )
    doc = parser_for("a.js").parse("a.js", text)
    skips = [[s.check_id for s in r.suppressions] for r in extract_source(doc, RECOGNIZER)]
    assert skips == [["BRL_001"], ["BRL_001"], []]


def test_mask_keeps_length_and_blanks_holes():
    value, clean = mask("a{b}.c\\n", holes=("{",))
    assert value == "a{_}.c  " and not clean
    assert mask("plain")[1]


@pytest.mark.parametrize(
    ("segments", "expected"),
    [
        (("k:MODEL",), ("MODEL", "MODEL")),
        (("c:client.converse", "k:modelId"), ("client.converse(modelId)", "modelId")),
        (("k:x", "c:ChatBedrock"), ("ChatBedrock()", "")),
        (("k:ModelId", "c:aws.String"), ("ModelId", "ModelId")),
        (("b:types.Input", "k:ModelId", "c:aws.String"), ("types.Input{ModelId}", "ModelId")),
        (("k:req", "c:modelId"), ("modelId()", "")),
        (("t:Settings", "k:model_id"), ("Settings.model_id", "model_id")),
        (("f:handler",), ("handler", "")),
        ((), ("", "")),
    ],
)
def test_describe(segments, expected):
    assert describe(segments) == expected


# --- robustness: any input, no exception (Python: only ParseFailure), offsets always consistent ---

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ALPHABET = st.sampled_from(
    list("\"'`$#{}()[]<>/\\*:=,;.%@?-\n \tax1") + ["${", "#{", '"""', "<<~EOS\n", "anthropic.claude-v2"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_lexers_never_fail_and_offsets_stay_consistent(text):
    for lang in (JAVASCRIPT, TYPESCRIPT, TSX, JAVA, GO, CSHARP, KOTLIN, RUBY, None):
        try:
            scalars, _ = read(text, lang) if lang else lex_python(text)
        except ParseFailure:
            assert lang is None
            continue
        for s in scalars:
            assert 0 <= s.start <= s.end <= len(text) and len(s.value) == s.end - s.start
        if lang is not None:  # what goes to the text fallback: inside the text, in order, never a literal read
            doc = read_document("f", text, lang)
            reads = [(s.start, s.end) for s in doc.scalars]
            last = 0
            for a, b in doc.unparsed:
                assert last <= a < b <= len(text)
                assert not any(a < e and s < b for s, e in reads)
                last = b
            assert doc.problems or not doc.unparsed  # never scanned as text without saying so


# --- tree-sitter readers: regressions and the fixes they brought ---


@pytest.mark.parametrize("text", ["%\"'\\", "%q(", "%w[a b", "x = %Q{#{", "<<~EOS\n#{", "%(\\"])
def test_ruby_percent_literals_stay_inside_the_text(text):
    # the hand-written lexer gave the 4-character %"'\ a literal ending at offset 5
    for s in read(text, RUBY)[0]:
        assert 0 <= s.start <= s.end <= len(text) and len(s.value) == s.end - s.start


def test_csharp_and_kotlin_hole_expressions_are_code_and_their_literals_are_literals():
    cs = 'var a = $"{Pick("amazon.nova-pro-v1:0")}.x {geo}.anthropic.claude-v2 {{anthropic.claude_v2}}";\n'
    kt = 'val a = "${pick("amazon.nova-pro-v1:0")} ${anthropic.claude_v2} $geo.anthropic.claude-v2"\n'
    assert [t for t, *_ in refs("a.cs", cs)] == ["amazon.nova-pro-v1:0", "anthropic.claude-v2"]
    assert [t for t, *_ in refs("a.kt", kt)] == ["amazon.nova-pro-v1:0", "anthropic.claude-v2"]


@pytest.mark.parametrize(
    ("path", "text", "resource"),
    [
        # a call without parentheses is a call
        ("a.rb", 'client.converse model_id: "anthropic.claude-v2"\n', "client.converse(model_id)"),
        # 'new T() { X = ... }' is an object initializer, not a function body
        (
            "a.cs",
            'var r = new InvokeModelRequest() { ModelId = "anthropic.claude-v2" };\n',
            "InvokeModelRequest{ModelId}",
        ),
        # an expression-bodied method names itself, not its class
        ("a.cs", 'class F { string Expr() => "anthropic.claude-v2"; }\n', "Expr"),
        # 'default:' in a switch is not a key
        ("a.js", 'function pick(k) { switch (k) { default: return "anthropic.claude-v2"; } }\n', "pick"),
        # a lambda's receiver is named once
        (
            "A.java",
            'class A { void f() { client.converse(req -> req.modelId("anthropic.claude-v2")); } }\n',
            "req.modelId()",
        ),
        # parity: parameter defaults read like arguments of the function
        ("a.rb", 'def initialize(model: "anthropic.claude-v2")\nend\n', "initialize(model)"),
        ("a.ts", 'export function Picker({ value = "anthropic.claude-v2" }: P) {}\n', "Picker(value)"),
        ("a.ts", 'type Model = "anthropic.claude-v2" | "x";\n', "Model"),
        ("A.java", 'enum Kind { A("anthropic.claude-v2"); Kind(String id) {} }\n', "A()"),
        ("a.cs", 'var anon = new { Model = "anthropic.claude-v2" };\n', "anon.Model"),
        ("a.kt", 'val r = ConverseRequest { modelId = "anthropic.claude-v2" }\n', "ConverseRequest{modelId}"),
        ("a.go", 'var x = os.Getenv("A") + getenv("MODEL_ID", "anthropic.claude-v2")\n', "getenv(MODEL_ID)"),
    ],
)
def test_tree_sitter_context_names(path, text, resource):
    assert [res for *_, res in refs(path, text)] == [resource]


def test_tsx_files_use_the_tsx_grammar_and_ts_files_allow_angle_casts():
    assert [t for t, *_ in refs("a.tsx", 'const p = <P value="anthropic.claude-v2">Don\'t</P>;\n')] == [
        "anthropic.claude-v2"
    ]
    assert [t for t, *_ in refs("a.ts", 'const m = <string>"anthropic.claude-v2";\n')] == ["anthropic.claude-v2"]


def test_non_ascii_text_keeps_character_columns():
    text = '// é\nconst a = "😀", b = "anthropic.claude-v2";\n'
    assert refs("a.js", text) == [("anthropic.claude-v2", 2, 21, "b")]  # the emoji is one column


# --- precision: substring and prefix probes are not references, unless the literal is an exact catalog ID ---


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("m.py", 'if "deepseek.v3" in model_id: pass\n'),
        ("m.py", 'if "anthropic.claude-3-" not in name: pass\n'),
        ("m.py", 'ok = model.startswith(("meta.llama3-1-", "amazon.nova-"))\n'),
        ("m.py", 'm = re.match("cohere.command-r", model_id)\n'),
        ("m.py", "q = \"SELECT 1 FROM t WHERE model LIKE 'anthropic.claude-3-%'\"\n"),
        ("a.ts", 'const ok = id.includes("anthropic.claude-3-") || id.indexOf("meta.llama3-1-") === 0;\n'),
        ("a.js", 'if (id.startsWith("amazon.nova-")) {}\n'),
        ("m.go", 'func f(id string) bool { return strings.HasPrefix(id, "anthropic.claude-3-") }\n'),
        ("A.java", 'class A { boolean f(String id) { return id.contains("meta.llama3-1-"); } }\n'),
        ("a.kt", 'fun f(id: String) = "anthropic.claude-3-" in id || id.startsWith("amazon.nova-")\n'),
        ("a.cs", 'class A { bool F(string id) => id.StartsWith("anthropic.claude-3-"); }\n'),
        ("a.rb", 'ok = id.start_with?("anthropic.claude-3-")\n'),
    ],
)
def test_probes_are_not_references(path, text):
    assert refs(path, text) == []


@pytest.mark.parametrize(
    ("path", "text", "found"),
    [
        ("m.py", 'if "anthropic.claude-v2" in model_id: pass\n', "anthropic.claude-v2"),
        (
            "m.py",
            'ok = m.startswith("us.anthropic.claude-3-haiku-20240307-v1:0")\n',
            "us.anthropic.claude-3-haiku-20240307-v1:0",
        ),
        ("a.ts", 'const legacy = id.includes("anthropic.claude-instant-v1");\n', "anthropic.claude-instant-v1"),
        ("m.py", "q = \"SELECT 1 WHERE model LIKE 'anthropic.claude-v2%'\"\n", "anthropic.claude-v2"),
        # a probe call's nested value is no probe: 'x in f(...)' / an argument given to another call
        (
            "m.py",
            'if m.startswith(prefix_of("anthropic.claude-3-haiku-20240307-v1:0")): pass\n',
            "anthropic.claude-3-haiku-20240307-v1:0",
        ),
    ],
)
def test_exact_catalog_ids_are_references_even_in_probes(path, text, found):
    assert [t for t, *_ in refs(path, text)] == [found]


def test_a_string_after_the_in_is_not_a_probe():
    assert [t for t, *_ in refs("m.py", 'if model in ("anthropic.claude-3-", "x"): pass\n')] == ["anthropic.claude-3-"]


def test_editor_extension_lists_are_not_models():
    from bedrock_lifecycle.extract.generic import editor_extension

    assert editor_extension(".devcontainer/devcontainer.json", ("customizations", "vscode", "extensions", 0))
    assert editor_extension(".devcontainer.json", ("extensions", 2))
    assert editor_extension("a/.vscode/extensions.json", ("recommendations", 0))
    assert not editor_extension(".devcontainer/devcontainer.json", ("containerEnv", "MODEL"))
    assert not editor_extension("config/extensions.json", ("recommendations", 0))
    assert not editor_extension("devcontainer.yaml", ("extensions", 0))


def test_python_calls_named_like_other_languages_keywords_are_calls():
    text = 'select("anthropic.claude-v2")\nnew("anthropic.claude-v2")\ndefault("anthropic.claude-v2")\n'
    assert [res for *_, res in refs("m.py", text)] == ["select()", "new()", "default()"]


def test_a_visitor_hooks_into_a_language_with_the_literal_context(monkeypatch):
    """The extension point extra per-language readers use (model constants are the first): a query, and
    Scalars built with reader.context() and reader.src."""
    from bedrock_lifecycle.model import Scalar
    from bedrock_lifecycle.parsers import source_ts

    for lang in source_ts.LANGS:
        monkeypatch.setattr(lang, "visitors", list(lang.visitors))

    class Hints:
        query = '((property_identifier) @p (#eq? @p "MODEL_HINT"))'
        gate = (b"MODEL_HINT",)

        def visit(self, reader, node, capture):
            start, end = reader.src.char(node.start_byte), reader.src.char(node.end_byte)
            yield Scalar(reader.text(node), reader.context(node) + ("k:hint",), start, end)

    source_ts.add_visitor("typescript", Hints())
    text = 'const a = "x";\nsend(new Cmd({ modelId: cfg.MODEL_HINT }));\n'
    for lang in (TYPESCRIPT, TSX):
        hint = [s for s in read(text, lang)[0] if s.value == "MODEL_HINT"]
        assert [(s.key_path, s.start) for s in hint] == [
            (("c:send", "c:Cmd", "k:modelId", "k:hint"), text.index("MODEL_HINT"))
        ]
    assert not [s for s in read(text, JAVASCRIPT)[0] if s.value == "MODEL_HINT"]  # one language only
    with pytest.raises(KeyError):
        source_ts.add_visitor("cobol", Hints())
