"""Swap classes from the catalog's compatibility facts: one case per class, and the facts that decide them."""

from __future__ import annotations

from bedrock_lifecycle.catalog import Catalog, Compat, ModelEntry, Schedule
from bedrock_lifecycle.migrate.swap import SwapClass, classify

TEXT = ("text",)


def _entry(model_id: str, replacement: str | None = None, **compat: object) -> ModelEntry:
    return ModelEntry(
        model_id=model_id,
        name=model_id,
        provider=model_id.split(".", 1)[0],
        dates=Schedule((), None, None, None),
        schedules=(),
        source_url="https://example.invalid/card",
        confidence="high",
        replacement=replacement,
        compat=Compat(**compat),  # type: ignore[arg-type]
    )


def _catalog(*entries: ModelEntry) -> Catalog:
    families = {
        "anthropic-text-completions": {"name": "Anthropic Claude Text Completions"},
        "anthropic-messages": {"name": "Anthropic Claude Messages"},
    }
    return Catalog(
        "2026-12-05", "test", {}, {}, ("acme",), ("us", "eu", "global"), {"api_families": families}
    ).with_entries(entries)


MESSAGES = {"api_family": "anthropic-messages", "input_modalities": ("text", "image"), "output_modalities": TEXT}
CATALOG = _catalog(
    _entry("acme.old-v1", "acme.new-v2", **MESSAGES, in_region=True, geo_profiles=("us", "eu"), context_window=200000),
    _entry("acme.new-v2", **MESSAGES, in_region=True, geo_profiles=("us", "global"), context_window=1000000),
    _entry("acme.cris-only-v1", **MESSAGES, in_region=False, geo_profiles=("us",)),
    _entry(
        "acme.text-v1",
        "acme.new-v2",
        api_family="anthropic-text-completions",
        input_modalities=TEXT,
        output_modalities=TEXT,
    ),
    _entry("acme.embed-v1", "acme.embed-v2", output_modalities=("embedding",), embedding_dimensions=(1536,)),
    _entry("acme.embed-v2", output_modalities=("embedding",), embedding_dimensions=(1024, 256)),
    _entry("acme.unknown-v1"),
)


def test_same_family_modalities_and_profile_is_drop_in() -> None:
    swap = classify("acme.old-v1", "acme.new-v2", CATALOG, geo_prefix="us")
    assert swap.swap_class is SwapClass.DROP_IN
    assert swap.blocked is None and not swap.inferred
    assert "context window grows: 200K -> 1M tokens" in swap.reasons


def test_text_completions_to_messages_is_a_code_change_naming_both_families() -> None:
    swap = classify("acme.text-v1", "acme.new-v2", CATALOG)
    assert swap.swap_class is SwapClass.CODE_CHANGE
    assert swap.api_change == ("Anthropic Claude Text Completions", "Anthropic Claude Messages")
    assert "request API family changes: Anthropic Claude Text Completions -> Anthropic Claude Messages" in swap.reasons
    assert swap.blocked is None


def test_embedding_models_always_re_embed_with_their_dimensions() -> None:
    swap = classify("acme.embed-v1", "acme.embed-v2", CATALOG)
    assert swap.swap_class is SwapClass.RE_EMBED
    assert "1536 -> 1024/256 dimensions" in swap.reasons[0]


def test_no_active_target() -> None:
    swap = classify("acme.old-v1", None, CATALOG)
    assert swap.swap_class is SwapClass.NO_TARGET and swap.target_model is None


def test_a_geo_profile_the_target_lacks_blocks_the_rewrite() -> None:
    swap = classify("acme.old-v1", "acme.new-v2", CATALOG, geo_prefix="eu")
    assert swap.swap_class is SwapClass.CODE_CHANGE
    assert swap.blocked == "acme.new-v2 has no eu. inference profile (its profiles: us., global.)"


def test_a_target_without_in_region_invocation_blocks_a_bare_id() -> None:
    assert classify("acme.old-v1", "acme.cris-only-v1", CATALOG).blocked is not None
    assert classify("acme.old-v1", "acme.cris-only-v1", CATALOG, geo_prefix="us").swap_class is SwapClass.DROP_IN


def test_unrecorded_facts_never_make_a_drop_in() -> None:
    swap = classify("acme.unknown-v1", "acme.new-v2", CATALOG)
    assert swap.swap_class is SwapClass.CODE_CHANGE
    assert "request API family of acme.unknown-v1 is not recorded" in swap.reasons[0]


def test_a_target_other_than_the_recorded_replacement_is_inferred() -> None:
    assert classify("acme.old-v1", "acme.cris-only-v1", CATALOG, geo_prefix="us").inferred


def test_embedded_catalog_has_compatibility_facts_with_their_basis() -> None:
    from bedrock_lifecycle.catalog import load_embedded

    catalog = load_embedded()
    v2 = catalog.get("anthropic.claude-v2")
    assert v2 is not None and v2.compat.api_family == "anthropic-text-completions" and v2.compat.source
    titan = catalog.get("amazon.titan-embed-text-v2:0")
    assert titan is not None and titan.compat.embedding_dimensions == (1024, 512, 256)
    families = catalog.meta["api_families"]
    assert isinstance(families, dict)
    for entry in catalog:
        if entry.compat.api_family is not None:
            assert entry.compat.api_family in families, entry.model_id
            assert entry.compat.source, entry.model_id


def test_catalog_show_says_what_the_swap_takes(capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    from bedrock_lifecycle.cli import main

    assert main(["catalog", "show", "anthropic.claude-v2", "--as-of", "2026-12-05", "-o", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["api_family"] == "Anthropic Claude Text Completions"
    assert doc["swap"].startswith(
        "code-change: request API family changes: Anthropic Claude Text Completions -> Anthropic Claude Messages"
    )
    assert main(["catalog", "show", "amazon.titan-embed-text-v2:0", "--as-of", "2026-12-05", "-o", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["embedding_dimensions"] == "1024, 512, 256" and doc["swap"] is None
