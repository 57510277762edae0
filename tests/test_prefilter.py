"""The prefilter: a file with no candidate bytes costs one read and one regex, and is never parsed."""

from __future__ import annotations

from datetime import date

import pytest

from bedrock_lifecycle.catalog import load_embedded
from bedrock_lifecycle.config import Config
from bedrock_lifecycle.parsers import PARSERS
from bedrock_lifecycle.scan import scan


@pytest.fixture
def parse_calls(monkeypatch):
    calls: list[str] = []
    for parser in PARSERS:
        original = parser.parse

        def spy(path, text, _original=original):
            calls.append(path)
            return _original(path, text)

        monkeypatch.setattr(parser, "parse", spy)
    return calls


def test_files_without_candidates_are_never_parsed(tmp_path, parse_calls):
    for i in range(30):
        (tmp_path / f"svc{i}").mkdir()
        (tmp_path / f"svc{i}" / "values.yaml").write_text(f"replicas: {i}\nimage: registry/app:{i}\n")
        (tmp_path / f"svc{i}" / "settings.json").write_text('{"region": "us-east-1", "host": "amazon.com"}')
        (tmp_path / f"svc{i}" / ".env").write_text("LOG_LEVEL=info\n")
    (tmp_path / "svc7" / "values.yaml").write_text("model: anthropic.claude-v2\n")
    cfg = Config(paths=(str(tmp_path),), root=str(tmp_path), as_of=date(2026, 11, 25), jobs=1)
    result = scan(cfg, load_embedded())
    assert parse_calls == ["svc7/values.yaml"]
    assert result.files_scanned == 1 and result.extra["files_discovered"] == 90
    assert {f.resolution.model_id for f in result.findings} == {"anthropic.claude-v2"}


def test_every_catalog_id_passes_the_prefilter_and_plain_text_does_not():
    from bedrock_lifecycle.resolve.ids import Recognizer

    catalog = load_embedded()
    rec = Recognizer.for_catalog(catalog)
    for entry in catalog:
        for form in (
            entry.model_id,
            f"us.{entry.model_id}",
            f'"{entry.model_id.upper()}"',
            f"arn:aws:bedrock:us-east-1::foundation-model/{entry.model_id}",
        ):
            assert rec.may_contain(form.encode()), form
    for text in (
        b"https://amazon.com/",
        b"import software.amazon.awssdk.core.SdkBytes;",
        b"import.meta.env.X",
        b"bedrock-runtime.us-east-1.amazonaws.com",
        b"Meta.Llama is great",
    ):
        assert not rec.may_contain(text), text
