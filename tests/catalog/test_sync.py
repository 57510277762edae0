"""catalog sync with botocore's Stubber: every call and response shape, merge rules, errors, atomic writes."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import boto3
import pytest
from botocore.stub import Stubber

from bedrock_lifecycle.catalog import load, load_embedded
from bedrock_lifecycle.catalog import sync as sync_mod
from bedrock_lifecycle.errors import SyncError
from bedrock_lifecycle.model import Status

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def ts(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc)


def summary(model_id, status="ACTIVE", **dates):
    lifecycle = {"status": status}
    for key, value in dates.items():
        lifecycle[key] = ts(value)
    return {
        "modelArn": f"arn:aws:bedrock:us-east-1::foundation-model/{model_id}",
        "modelId": model_id,
        "modelName": model_id.split(".", 1)[1],
        "providerName": model_id.split(".", 1)[0].title(),
        "modelLifecycle": lifecycle,
    }


def profile(pid, *models):
    return {
        "inferenceProfileName": pid,
        "inferenceProfileArn": f"arn:aws:bedrock:us-east-1:111122223333:inference-profile/{pid}",
        "inferenceProfileId": pid,
        "status": "ACTIVE",
        "type": "SYSTEM_DEFINED",
        "models": [{"modelArn": f"arn:aws:bedrock:us-east-1::foundation-model/{m}"} for m in models],
    }


def stubbed(region, models, profile_pages=([],), gets=()):
    client = boto3.client("bedrock", region_name=region, aws_access_key_id="x", aws_secret_access_key="x")
    stub = Stubber(client)
    stub.add_response("list_foundation_models", {"modelSummaries": models}, {})
    for model_id, lifecycle in gets:
        details = {
            "modelArn": f"arn:aws:bedrock:{region}::foundation-model/{model_id}",
            "modelId": model_id,
            "modelLifecycle": lifecycle,
        }
        stub.add_response("get_foundation_model", {"modelDetails": details}, {"modelIdentifier": model_id})
    token = None
    for i, page in enumerate(profile_pages):
        response = {"inferenceProfileSummaries": page}
        nxt = f"page{i + 1}" if i + 1 < len(profile_pages) else None
        if nxt:
            response["nextToken"] = nxt
        params = {"typeEquals": "SYSTEM_DEFINED"}
        if token:
            params["nextToken"] = token
        stub.add_response("list_inference_profiles", response, params)
        token = nxt
    stub.activate()
    return client, stub


def factory(clients):
    return lambda region: clients[region]


def test_dates_from_the_api_win_and_absent_models_keep_history(tmp_path):
    client, stub = stubbed(
        "us-east-1",
        [
            summary(
                "amazon.nova-pro-v1:0",
                "LEGACY",
                legacyTime="2026-11-20",
                publicExtendedAccessTime="2027-02-20",
                endOfLifeTime="2027-05-20",
                startOfLifeTime="2024-12-04",
            ),
            summary("anthropic.claude-haiku-4-5-20251001-v1:0"),
        ],
    )
    out = tmp_path / "cat.json"
    outcome = sync_mod.sync(
        load_embedded(),
        ["us-east-1"],
        str(out),
        make_client=factory({"us-east-1": client}),
        now=NOW,
        botocore_ver="1.44.8",
    )
    stub.assert_no_pending_responses()
    assert outcome.written and outcome.errors == []
    cat = load(str(out))
    nova = cat.get("amazon.nova-pro-v1:0")
    assert (nova.dates.legacy_date, nova.dates.extended_access_date, nova.dates.eol_date) == (
        date(2026, 11, 20),
        date(2027, 2, 20),
        date(2027, 5, 20),
    )
    assert nova.lifecycle(date(2026, 11, 25)).status is Status.LEGACY
    # EOL models disappear from the API; their history stays
    assert cat.get("anthropic.claude-v2").dates.eol_date == date(2025, 7, 21)
    doc = json.loads(out.read_text())
    assert doc["generated"] == "2026-11-25" and doc["synced_at"] == "2026-11-25T12:00:00Z"
    assert doc["sync_regions"] == ["us-east-1"] and doc["botocore_version"] == "1.44.8"
    # The synced file is one the loader and `catalog check` accept; a date the API changed names the API.
    from bedrock_lifecycle.catalog.check import check_file

    # ... and check tells the team which recorded advice the sync made stale (Nova Pro went Legacy here).
    assert check_file(str(out)) == (
        str(out),
        [
            f"{m}: advised replacement amazon.nova-pro-v1:0 is LEGACY on 2026-11-25 (advise an Active model, or none)"
            for m in ("amazon.titan-text-premier-v1:0", "amazon.titan-text-premier-v1:0:32k")
        ],
    )
    assert nova.date_sources["eol_date"]["page"] == sync_mod.API_SOURCE
    assert cat.get("anthropic.claude-v2").date_sources["eol_date"]["page"].startswith("https://docs.aws.amazon.com/")


def test_summary_without_dates_calls_get_foundation_model(tmp_path):
    client, stub = stubbed(
        "us-west-2",
        [summary("ai21.jamba-1-5-mini-v1:0", "LEGACY")],
        gets=[
            (
                "ai21.jamba-1-5-mini-v1:0",
                {
                    "status": "LEGACY",
                    "legacyTime": ts("2026-05-26"),
                    "publicExtendedAccessTime": ts("2026-08-26"),
                    "endOfLifeTime": ts("2027-01-26"),
                },
            )
        ],
    )
    outcome = sync_mod.sync(
        load_embedded(), ["us-west-2"], str(tmp_path / "c.json"), make_client=factory({"us-west-2": client}), now=NOW
    )
    stub.assert_no_pending_responses()
    assert outcome.catalog.get("ai21.jamba-1-5-mini-v1:0").dates.eol_date == date(2027, 1, 26)


def test_legacy_without_any_date_is_legacy_since_the_sync(tmp_path):
    client, _ = stubbed(
        "us-east-1",
        [summary("amazon.nova-lite-v1:0", "LEGACY")],
        gets=[("amazon.nova-lite-v1:0", {"status": "LEGACY"})],
    )
    outcome = sync_mod.sync(
        load_embedded(), ["us-east-1"], str(tmp_path / "c.json"), make_client=factory({"us-east-1": client}), now=NOW
    )
    entry = outcome.catalog.get("amazon.nova-lite-v1:0")
    assert entry.dates.legacy_date == date(2026, 11, 25)
    assert entry.lifecycle(date(2026, 11, 25)).status is Status.LEGACY


def test_regions_that_disagree_become_schedule_rows(tmp_path):
    east, _ = stubbed(
        "us-east-1", [summary("amazon.nova-micro-v1:0", "LEGACY", legacyTime="2026-11-01", endOfLifeTime="2027-05-01")]
    )
    west, _ = stubbed("eu-west-1", [summary("amazon.nova-micro-v1:0")])
    outcome = sync_mod.sync(
        load_embedded(),
        ["us-east-1", "eu-west-1"],
        str(tmp_path / "c.json"),
        make_client=factory({"us-east-1": east, "eu-west-1": west}),
        now=NOW,
    )
    entry = outcome.catalog.get("amazon.nova-micro-v1:0")
    day = date(2026, 11, 25)
    assert entry.lifecycle(day, "us-east-1").status is Status.LEGACY
    assert entry.lifecycle(day, "eu-west-1").status is Status.ACTIVE
    assert entry.lifecycle(day).status is Status.LEGACY  # no Region named: the earliest Legacy date counts
    assert [s.regions for s in entry.schedules] == [("eu-west-1",), ("us-east-1",)]
    # the reloaded file keeps the rows
    reloaded = load(str(tmp_path / "c.json")).get("amazon.nova-micro-v1:0")
    assert reloaded.lifecycle(day, "eu-west-1").status is Status.ACTIVE


def test_inference_profile_pages_and_new_models_and_prefixes(tmp_path):
    client, stub = stubbed(
        "eu-west-2",
        [summary("anthropic.claude-sonnet-6-20261120-v1:0")],
        profile_pages=(
            [profile("eu.anthropic.claude-sonnet-4-6", "anthropic.claude-sonnet-4-6")],
            [profile("uk.anthropic.claude-sonnet-6-20261120-v1:0", "anthropic.claude-sonnet-6-20261120-v1:0")],
        ),
    )
    outcome = sync_mod.sync(
        load_embedded(), ["eu-west-2"], str(tmp_path / "c.json"), make_client=factory({"eu-west-2": client}), now=NOW
    )
    stub.assert_no_pending_responses()
    cat = load(str(tmp_path / "c.json"))
    new = cat.get("anthropic.claude-sonnet-6-20261120-v1:0")
    assert new is not None and new.source_url == sync_mod.API_SOURCE and "eu-west-2" in new.notes
    assert "uk" in cat.geo_prefixes  # learned from a profile ID
    assert cat.meta["inference_profiles"]["uk.anthropic.claude-sonnet-6-20261120-v1:0"] == [
        "anthropic.claude-sonnet-6-20261120-v1:0"
    ]
    assert outcome.written


def _failing(code, status=400):
    client = boto3.client("bedrock", region_name="ap-south-1", aws_access_key_id="x", aws_secret_access_key="x")
    stub = Stubber(client)
    stub.add_client_error(
        "list_foundation_models", service_error_code=code, service_message="nope", http_status_code=status
    )
    stub.activate()
    return client


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("AccessDeniedException", "access denied"),
        ("ExpiredTokenException", "expired"),
        ("ThrottlingException", "throttled"),
        ("UnrecognizedClientException", "rejected"),
    ],
)
def test_an_error_per_region_blocks_the_write_unless_allow_partial(tmp_path, code, words):
    good, _ = stubbed("us-east-1", [summary("amazon.nova-pro-v1:0")])
    out = tmp_path / "cat.json"
    out.write_text("previous content")
    clients = {"us-east-1": good, "ap-south-1": _failing(code)}
    outcome = sync_mod.sync(
        load_embedded(), ["us-east-1", "ap-south-1"], str(out), make_client=factory(clients), now=NOW
    )
    assert not outcome.written and out.read_text() == "previous content"
    assert len(outcome.errors) == 1 and outcome.errors[0].startswith("ap-south-1: ") and words in outcome.errors[0]
    good, _ = stubbed("us-east-1", [summary("amazon.nova-pro-v1:0")])
    clients = {"us-east-1": good, "ap-south-1": _failing(code)}
    outcome = sync_mod.sync(
        load_embedded(),
        ["us-east-1", "ap-south-1"],
        str(out),
        make_client=factory(clients),
        allow_partial=True,
        now=NOW,
    )
    assert outcome.written and json.loads(out.read_text())["sync_failed_regions"] == ["ap-south-1"]


class _Raising:
    def __init__(self, exc):
        self.exc = exc

    def list_foundation_models(self):
        raise self.exc


def test_no_credentials_unreachable_and_malformed():
    from botocore.exceptions import EndpointConnectionError, NoCredentialsError

    cases = {
        "no AWS credentials": _Raising(NoCredentialsError()),
        "unreachable": _Raising(EndpointConnectionError(endpoint_url="https://bedrock.xx-nowhere-1.amazonaws.com")),
    }
    for words, client in cases.items():
        [result] = sync_mod.fetch_all(["xx-nowhere-1"], lambda r, c=client: c)
        assert result.error.startswith("xx-nowhere-1: ") and words in result.error

    class Malformed:
        def list_foundation_models(self):
            return {"modelSummaries": [{"modelArn": "x"}]}  # no modelId

    [result] = sync_mod.fetch_all(["us-east-1"], lambda r: Malformed())
    assert "malformed response" in result.error


def test_old_botocore_is_refused(monkeypatch):
    import botocore

    monkeypatch.setattr(botocore, "__version__", "1.42.58")
    with pytest.raises(SyncError, match="1.42.59"):
        sync_mod.botocore_version()
    monkeypatch.setattr(botocore, "__version__", "1.42.59")
    assert sync_mod.botocore_version() == "1.42.59"


def test_write_is_atomic_when_serialisation_fails(tmp_path, monkeypatch):
    out = tmp_path / "cat.json"
    out.write_text("old")

    def boom(fd, *a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(sync_mod.os, "fsync", boom)
    with pytest.raises(OSError):
        sync_mod.write_atomic(str(out), "new content")
    assert out.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["cat.json"]


def test_sync_output_is_deterministic(tmp_path):
    texts = []
    for name in ("a.json", "b.json"):
        client, _ = stubbed(
            "us-east-1",
            [summary("amazon.nova-pro-v1:0", "LEGACY", legacyTime="2026-11-20", endOfLifeTime="2027-05-20")],
        )
        sync_mod.sync(
            load_embedded(), ["us-east-1"], str(tmp_path / name), make_client=factory({"us-east-1": client}), now=NOW
        )
        texts.append((tmp_path / name).read_text())
    assert texts[0] == texts[1]


def test_catalog_diff_reports_new_legacy(tmp_path, capsys):
    from bedrock_lifecycle.cli import main

    client, _ = stubbed(
        "us-east-1", [summary("amazon.nova-pro-v1:0", "LEGACY", legacyTime="2026-11-20", endOfLifeTime="2027-05-20")]
    )
    out = tmp_path / "c.json"
    sync_mod.sync(load_embedded(), ["us-east-1"], str(out), make_client=factory({"us-east-1": client}), now=NOW)
    assert main(["catalog", "diff", "embedded", str(out), "--as-of", "2026-11-25", "-o", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["newly_legacy"] == ["amazon.nova-pro-v1:0"]
    assert doc["new_eol_dates"] == ["amazon.nova-pro-v1:0"]
    assert main(["catalog", "diff", "embedded", str(out), "--as-of", "2026-11-25"]) == 0
    text = capsys.readouterr().out
    assert "amazon.nova-pro-v1:0: ACTIVE -> LEGACY" in text


def test_modalities_inference_types_and_profiles_fill_the_compatibility_facts(tmp_path):
    haiku = "anthropic.claude-3-haiku-20240307-v1:0"
    nova = "amazon.nova-2-lite-v1:0"
    new = "acme.brand-new-v1:0"
    models = [
        {
            **summary(haiku),
            "inputModalities": ["TEXT", "IMAGE"],
            "outputModalities": ["TEXT"],
            "inferenceTypesSupported": ["ON_DEMAND", "PROVISIONED"],
        },
        {
            **summary(nova),
            "inputModalities": ["TEXT", "IMAGE", "VIDEO"],
            "outputModalities": ["TEXT"],
            "inferenceTypesSupported": ["INFERENCE_PROFILE"],
        },
        {**summary(new), "inputModalities": ["TEXT"], "outputModalities": ["EMBEDDING"]},
    ]
    pages = ([profile(f"us.{haiku}", haiku), profile(f"global.{nova}", nova)],)
    client, stub = stubbed("us-east-1", models, pages)
    base = load_embedded()
    out = tmp_path / "catalog.json"
    outcome = sync_mod.sync(base, ["us-east-1"], str(out), make_client=factory({"us-east-1": client}), now=NOW)
    stub.assert_no_pending_responses()
    assert outcome.written
    synced = load(str(out))
    h = synced.get(haiku).compat
    assert h.input_modalities == ("text", "image") and h.output_modalities == ("text",)
    assert h.provisioned_throughput is True and h.in_region is True
    # profiles add up: the documented eu./apac./us-gov. stay, us. is confirmed by the API
    assert set(h.geo_profiles) == set(base.get(haiku).compat.geo_profiles) | {"us"}
    assert h.api_family == base.get(haiku).compat.api_family  # the API has no request-shape field: kept
    assert "Bedrock API on 2026-11-25 (modalities, inference types, profiles)" in h.source
    n = synced.get(nova).compat
    assert n.in_region is False and n.provisioned_throughput is False and "global" in n.geo_profiles
    assert n.input_modalities == ("text", "image", "video")
    fresh = synced.get(new).compat
    assert fresh.output_modalities == ("embedding",) and fresh.embedding and fresh.geo_profiles is None
