"""A parameter expansion's default value is a model reference (compose, shell, .env, YAML)."""

from __future__ import annotations

import pytest

from bedrock_lifecycle.catalog import load_embedded
from bedrock_lifecycle.resolve.ids import Recognizer

RECOGNIZER = Recognizer.for_catalog(load_embedded())


def found(text: str) -> list[tuple[int, str]]:
    return [(m.start, m.text) for m in RECOGNIZER.finditer(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "${CLASSIFIER_MODEL_ID:-anthropic.claude-3-5-haiku-20241022-v1:0}",
            "anthropic.claude-3-5-haiku-20241022-v1:0",
        ),
        ("${MODEL-anthropic.claude-v2}", "anthropic.claude-v2"),
        ("${MODEL:=anthropic.claude-v2}", "anthropic.claude-v2"),
        ('local model="${1:-amazon.titan-text-lite-v1}"', "amazon.titan-text-lite-v1"),  # a positional parameter
        ("${2-anthropic.claude-v2}", "anthropic.claude-v2"),
        ("${MODEL=anthropic.claude-v2}", "anthropic.claude-v2"),
        ("${MODEL:+us.anthropic.claude-3-haiku-20240307-v1:0}", "us.anthropic.claude-3-haiku-20240307-v1:0"),
        (
            "${M:-arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2}",
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2",
        ),
    ],
)
def test_default_value_is_found_at_its_own_offset(text: str, expected: str) -> None:
    assert found(text) == [(text.index(expected), expected)]


def test_nested_defaults() -> None:
    text = "${PRIMARY:-${FALLBACK:-meta.llama3-70b-instruct-v1:0}}"
    assert found(text) == [(text.index("meta."), "meta.llama3-70b-instruct-v1:0")]


@pytest.mark.parametrize(
    "text",
    [
        "x-anthropic.claude-v2",  # a hyphen inside a longer name is still no boundary
        "${MODEL_ID}",
        "${a.b-anthropic.claude-v2}",  # not a parameter name
        "$MODEL-anthropic.claude-v2",  # no braces: a longer word
    ],
)
def test_no_default_no_reference(text: str) -> None:
    assert found(text) == []
