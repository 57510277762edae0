"""The parser registry: an explicit, ordered tuple. First parser that claims a path wins."""

from __future__ import annotations

from bedrock_lifecycle.parsers.base import Parser
from bedrock_lifecycle.parsers.dotenv import DotenvParser
from bedrock_lifecycle.parsers.json_doc import JsonParser
from bedrock_lifecycle.parsers.text import TextParser
from bedrock_lifecycle.parsers.yaml_doc import YamlParser

PARSERS: tuple[Parser, ...] = (
    YamlParser(),
    JsonParser(),
    DotenvParser(),
)


def parser_for(path: str, frameworks: frozenset[str] | None = None) -> Parser | None:
    for parser in PARSERS:
        if (frameworks is None or frameworks.intersection(parser.frameworks)) and parser.claims(path):
            return parser
    return None


def fallback_for(parser: Parser) -> TextParser:
    return TextParser(parser.comment_markers)


__all__ = ["PARSERS", "Parser", "TextParser", "fallback_for", "parser_for"]
