"""CycloneDX 1.6 AI-BOM: valid against the official schema (offline), a component per model, deterministic."""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
from importlib import resources

import pytest
from inventory_snapshots import cases, outputs, run
from jsonschema import Draft7Validator
from referencing import Registry
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT7

from bedrock_lifecycle.cli import main
from bedrock_lifecycle.report.cyclonedx import model_version

CASES = list(cases())
BASE = "http://cyclonedx.org/schema/"


def _schema_file(name: str) -> dict:
    # The official schemas as cyclonedx-python-lib ships them (test dependency; see README).
    return json.loads(resources.files("cyclonedx.schema._res").joinpath(name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def registry() -> Registry:
    """The schemas bom-1.6 refers to (spdx, jsf), from local files; with no retrieve hook it never fetches."""
    return Registry().with_resources(
        (BASE + name, DRAFT7.create_resource(_schema_file(name)))
        for name in ("spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json")
    )


@pytest.fixture(scope="module")
def validator(registry) -> Draft7Validator:
    schema = _schema_file("bom-1.6.SNAPSHOT.schema.json")
    assert schema["$id"] == BASE + "bom-1.6.schema.json"
    return Draft7Validator(schema, registry=registry, format_checker=Draft7Validator.FORMAT_CHECKER)


def _errors(validator: Draft7Validator, doc: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


@pytest.fixture(scope="module")
def boms() -> dict[str, dict]:
    return {case.name: json.loads((case / "inventory.cdx.json").read_text()) for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_snapshot(case):
    got = outputs(case)["inventory.cdx.json"]
    path = case / "inventory.cdx.json"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8"), f"{path} differs: rebuild and read the diff"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_valid_against_the_cyclonedx_1_6_schema(validator, case):
    _, text = run(case, "cyclonedx")
    assert _errors(validator, json.loads(text)) == []


def test_validation_can_fail(validator, boms):
    """The validator is live: a wrong component type, a bad serial and a string line are all refused."""
    bad = copy.deepcopy(boms["platform"])
    bad["components"][0]["type"] = "ml-model"
    bad["serialNumber"] = "not-a-urn"
    bad["components"][1]["evidence"]["occurrences"][0]["line"] = "7"
    errors = _errors(validator, bad)
    assert len(errors) == 3, errors


def test_schema_refs_resolve_offline_only(registry):
    resolver = registry.resolver()
    assert resolver.lookup(BASE + "spdx.SNAPSHOT.schema.json").contents["$id"] == BASE + "spdx.schema.json"
    with pytest.raises(Unresolvable):
        resolver.lookup(BASE + "not-shipped.schema.json")


def test_one_machine_learning_model_component_per_model(boms):
    bom = boms["platform"]
    inv = json.loads((CASES[0] / "inventory.json").read_text())
    assert (bom["bomFormat"], bom["specVersion"], bom["version"]) == ("CycloneDX", "1.6", 1)
    assert [c["name"] for c in bom["components"]] == [m["model"] for m in inv["models"]]
    assert {c["type"] for c in bom["components"]} == {"machine-learning-model"}
    refs = [c["bom-ref"] for c in bom["components"]]
    assert len(set(refs)) == len(refs)
    assert bom["dependencies"] == [{"ref": "scanned-tree", "dependsOn": refs}]


def test_component_carries_supplier_version_lifecycle_and_evidence(boms):
    comps = boms["platform"]["components"]
    comp = next(c for c in comps if c["name"] == "anthropic.claude-3-haiku-20240307-v1:0")
    props = {p["name"]: p["value"] for p in comp["properties"]}
    assert comp["supplier"] == {"name": "Anthropic"} and comp["version"] == "v1:0"
    assert comp["description"] == "Claude 3 Haiku"
    assert props["bedrock-lifecycle:status"] == "EOL"
    assert props["bedrock-lifecycle:eol_date"] == "2026-09-10"
    assert props["bedrock-lifecycle:legacy_date"] == "2026-03-10"
    assert props["bedrock-lifecycle:replacement"] == "anthropic.claude-haiku-4-5-20251001-v1:0"
    assert props["bedrock-lifecycle:replacement_status"] == "ACTIVE"
    assert props["bedrock-lifecycle:as_of"] == "2026-11-25"
    assert [(o["location"], o["line"]) for o in comp["evidence"]["occurrences"]] == [
        ("config/models.json", 4),
        ("services/assistant/config.yaml", 7),
    ]
    chain = next(c for c in boms["platform"]["components"] if c["name"] == "amazon.titan-image-generator-v1")
    chain_props = {p["name"]: p["value"] for p in chain["properties"]}
    assert chain_props["bedrock-lifecycle:replacement_chain"] == "amazon.nova-canvas-v1:0 (EOL)"
    assert "bedrock-lifecycle:replacement" not in chain_props


def test_deterministic_serial_and_no_timestamp_unless_asked(validator, monkeypatch):
    case = CASES[0]
    first, second = run(case, "cyclonedx")[1], run(case, "cyclonedx")[1]
    assert first == second
    bom = json.loads(first)
    assert "timestamp" not in bom["metadata"] and bom["serialNumber"].startswith("urn:uuid:")
    other = json.loads(run(CASES[1], "cyclonedx")[1])
    assert other["serialNumber"] != bom["serialNumber"]  # derived from the content

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    monkeypatch.chdir(case)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["inventory", "repo", "--as-of", "2026-11-25", "-o", "cyclonedx", "--timestamp"]) == 0
    stamped = json.loads(out.getvalue())
    assert stamped["metadata"]["timestamp"] == "2026-11-25T00:00:00Z"
    assert _errors(validator, stamped) == []


@pytest.mark.parametrize(
    ("model_id", "version"),
    [
        ("anthropic.claude-3-haiku-20240307-v1:0", "v1:0"),
        ("anthropic.claude-v2:1", "v2:1"),
        ("cohere.rerank-v3-5:0", "v3-5:0"),
        ("anthropic.claude-3-haiku-20240307-v1:0:48k", "v1:0:48k"),
        ("ai21.j2-mid-v1", "v1"),
        ("anthropic.claude-sonnet-4-6", None),
        ("ai21.j2-mid", None),
    ],
)
def test_model_version(model_id, version):
    assert model_version(model_id) == version
