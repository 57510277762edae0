"""The parser registry: an explicit, ordered tuple. First parser that claims a path wins."""

from __future__ import annotations

from bedrock_lifecycle.parsers.base import Parser
from bedrock_lifecycle.parsers.dotenv import DotenvParser
from bedrock_lifecycle.parsers.generated import is_generated
from bedrock_lifecycle.parsers.hcl import HclConfigParser, HclParser
from bedrock_lifecycle.parsers.helm import HelmTemplateParser
from bedrock_lifecycle.parsers.ini_doc import IniParser
from bedrock_lifecycle.parsers.json_doc import JsonParser
from bedrock_lifecycle.parsers.properties import PropertiesParser
from bedrock_lifecycle.parsers.shell import DockerfileParser, MakefileParser, ProcfileParser, ShellParser
from bedrock_lifecycle.parsers.source import SOURCE_PARSERS
from bedrock_lifecycle.parsers.text import TextParser
from bedrock_lifecycle.parsers.toml_doc import TomlParser
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
    DotenvParser(),
    TomlParser(),
    IniParser(),
    PropertiesParser(),
    *SOURCE_PARSERS,  # one per language, framework 'source'
    ShellParser(),  # with the two above and MakefileParser: framework 'shell'
    MakefileParser(),
)


def parser_for(path: str, frameworks: frozenset[str] | None = None) -> Parser | None:
    if is_generated(path):  # lock files, minified bundles, source maps, .d.ts: never parsed
        return None
    for parser in PARSERS:
        if (frameworks is None or frameworks.intersection(parser.frameworks)) and parser.claims(path):
            return parser
    return None


def fallback_for(parser: Parser) -> TextParser:
    return TextParser(parser.comment_markers)


__all__ = ["PARSERS", "Parser", "TextParser", "fallback_for", "parser_for"]
