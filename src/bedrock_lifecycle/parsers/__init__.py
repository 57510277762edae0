"""The parser registry: an explicit, ordered tuple. First parser that claims a path wins."""

from __future__ import annotations

from bedrock_lifecycle.parsers.base import Parser
from bedrock_lifecycle.parsers.docs import DOCS_PARSERS
from bedrock_lifecycle.parsers.dotenv import DotenvParser
from bedrock_lifecycle.parsers.generated import is_generated
from bedrock_lifecycle.parsers.hcl import HclConfigParser, HclParser
from bedrock_lifecycle.parsers.helm import HelmTemplateParser
from bedrock_lifecycle.parsers.ini_doc import IniParser
from bedrock_lifecycle.parsers.json_doc import JsonParser
from bedrock_lifecycle.parsers.jsonl import JsonLinesParser
from bedrock_lifecycle.parsers.notebook import NotebookParser
from bedrock_lifecycle.parsers.properties import PropertiesParser
from bedrock_lifecycle.parsers.shell import DockerfileParser, MakefileParser, ProcfileParser, ShellParser
from bedrock_lifecycle.parsers.source import SOURCE_PARSERS
from bedrock_lifecycle.parsers.text import TextParser
from bedrock_lifecycle.parsers.toml_doc import TomlParser
from bedrock_lifecycle.parsers.variants import VariantParser, inner_path
from bedrock_lifecycle.parsers.yaml_doc import YamlParser

PARSERS: tuple[Parser, ...] = (
    # First: 'Dockerfile.<anything>' (.dev, .prod, .template) is a Dockerfile and 'Procfile.<anything>' a Procfile,
    # whatever the suffix would otherwise say ('.template' is also CloudFormation's).
    DockerfileParser(),
    ProcfileParser(),
    HclParser(),  # before JsonParser: it claims .tf.json and .tfvars.json
    HclConfigParser(),  # terragrunt.hcl and other *.hcl
    HelmTemplateParser(),  # before YamlParser: chart templates/ hold Go templates, not YAML
    YamlParser(),
    JsonParser(),
    JsonLinesParser(),
    DotenvParser(),
    TomlParser(),
    IniParser(),
    PropertiesParser(),
    *SOURCE_PARSERS,  # one per language, framework 'source'
    ShellParser(),  # with the two above and MakefileParser: framework 'shell'
    MakefileParser(),
    NotebookParser(),  # .ipynb: code cells are source, markdown cells and outputs docs
    *DOCS_PARSERS,  # Markdown, reStructuredText, AsciiDoc: framework 'docs' (--include-docs)
)

DEFAULT_FRAMEWORKS = frozenset({"terraform", "cloudformation", "config", "source", "shell"})  # = config.FRAMEWORKS
ALL_FRAMEWORKS = DEFAULT_FRAMEWORKS | {"docs"}  # and config.OPTIONAL_FRAMEWORKS


def parser_for(path: str, frameworks: frozenset[str] | None = None) -> Parser | None:
    if is_generated(path):  # lock files, minified bundles, source maps, .d.ts: never parsed
        return None
    if frameworks is None:  # the frameworks scanned by default: documentation is read only when asked
        frameworks = DEFAULT_FRAMEWORKS
    for parser in PARSERS:
        if frameworks.intersection(parser.frameworks) and parser.claims(path):
            return parser
    variant = inner_path(path)  # 'dev.json.example', 'values.yaml.tpl': the inner name's parser
    if variant is not None:
        inner = parser_for(variant[0], frameworks)
        if inner is not None:
            return VariantParser(inner, variant[0], variant[1])
    return None


def fallback_for(parser: Parser) -> TextParser:
    return TextParser(parser.comment_markers)


__all__ = ["ALL_FRAMEWORKS", "DEFAULT_FRAMEWORKS", "PARSERS", "Parser", "TextParser", "fallback_for", "parser_for"]
