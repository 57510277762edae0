"""CycloneDX 1.6 JSON: an AI bill of materials with one ``machine-learning-model`` component per model.

Built from plain dicts (no cyclonedx-python-lib at run time: the document is
small, and the library would add five runtime dependencies, a random
serialNumber and a timestamp that then have to be overridden). The tests
validate every output against the official 1.6 schema.

Deterministic by construction: components in inventory order, properties in a
fixed order, ``serialNumber`` a name-based UUID (uuid5) of the document's own
content, and no ``metadata.timestamp`` unless the caller passes one.

Each component carries the model ID as ``name``, the ID's version segment
(``v1:0``) as ``version`` when the ID has one, the provider as ``supplier``,
the lifecycle status and dates as ``bedrock-lifecycle:*`` properties, the
catalog's source page as an external reference, and every reference as an
``evidence.occurrences`` entry with file and line.
"""

from __future__ import annotations

import json
import posixpath
import re
import uuid
from datetime import date
from typing import Any

from bedrock_lifecycle.inventory import Inventory, ModelRecord, build, status_of
from bedrock_lifecycle.model import ScanResult
from bedrock_lifecycle.report import ReportOptions

SPEC_VERSION = "1.6"
SCHEMA_URL = "http://cyclonedx.org/schema/bom-1.6.schema.json"
TOOL_NAME = "bedrock-lifecycle"
TOOL_URL = "https://github.com/bedrock-lifecycle/bedrock-lifecycle"
PREFIX = "bedrock-lifecycle"
ROOT_REF = "scanned-tree"
# Fixed namespace for the content-derived serial number (uuid5 of the canonical document).
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, TOOL_URL + "/cyclonedx")
# 'acme.model-20240101-v1:0' -> 'v1:0'; provisioned-throughput variants keep their ':48k'.
_VERSION = re.compile(r"-(v\d+(?:[-.:]\d+)*(?::\d+k)?)$")


def model_version(model_id: str) -> str | None:
    m = _VERSION.search(model_id)
    return m.group(1) if m else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _properties(m: ModelRecord, inv: Inventory) -> list[dict[str, str]]:
    mig = m.migration
    pairs: list[tuple[str, object]] = [
        ("status", m.status),
        ("phase", m.phase),
        ("as_of", inv.as_of.isoformat()),
        ("legacy_date", _iso(m.legacy_date)),
        ("extended_access_date", _iso(m.extended_access_date)),
        ("eol_date", _iso(m.eol_date)),
        ("days_to_eol", m.days_to_eol(inv.as_of)),
        ("references", len(m.occurrences)),
        ("regions", ",".join(m.regions) or None),
        ("failed_checks", ",".join(m.failed_checks) or None),
        ("fails_run", "true" if m.failing else "false"),
        ("replacement", mig.replacement if mig else None),
        ("replacement_status", status_of(mig.replacement_phase) if mig and mig.replacement_phase else None),
        (
            "replacement_chain",
            " -> ".join(f"{h.model_id} ({status_of(h.phase)})" for h in mig.chain) if mig and mig.chain else None,
        ),
        ("migration_note", mig.note if mig else None),
        ("migration_guide", mig.guide if mig else None),
        ("note", m.note),
    ]
    return [{"name": f"{PREFIX}:{k}", "value": str(v)} for k, v in pairs if v is not None]


def component(m: ModelRecord, inv: Inventory) -> dict[str, Any]:
    comp: dict[str, Any] = {
        "type": "machine-learning-model",
        "bom-ref": f"bedrock-model:{m.key}",
        "name": m.key,
    }
    version = model_version(m.model_id) if m.model_id else None
    if version:
        comp["version"] = version
    if m.provider:
        comp["supplier"] = {"name": m.provider}
    if m.name and m.name != m.key:
        comp["description"] = m.name
    if m.source_url:
        comp["externalReferences"] = [
            {"type": "documentation", "url": m.source_url, "comment": "lifecycle dates (Amazon Bedrock documentation)"}
        ]
    comp["properties"] = _properties(m, inv)
    comp["evidence"] = {
        "occurrences": [
            {
                "location": o.path,
                "line": o.line,
                "symbol": o.text,
                "additionalContext": f"resource {o.resource}" if o.resource else "reference",
            }
            for o in m.occurrences
        ]
    }
    return comp


def document(inv: Inventory, *, timestamp: str | None = None) -> dict[str, Any]:
    metadata: dict[str, Any] = {
        "tools": {
            "components": [
                {
                    "type": "application",
                    "name": TOOL_NAME,
                    "version": inv.version or "unknown",
                    "externalReferences": [{"type": "website", "url": TOOL_URL}],
                }
            ]
        },
        "properties": [
            {"name": f"{PREFIX}:as_of", "value": inv.as_of.isoformat()},
            {"name": f"{PREFIX}:catalog_date", "value": inv.catalog_date},
            {"name": f"{PREFIX}:catalog_source", "value": inv.catalog_source},
            *(
                [{"name": f"{PREFIX}:catalog_sources_date", "value": inv.catalog_sources_date}]
                if inv.catalog_sources_date
                else []
            ),
        ],
    }
    if timestamp:
        metadata = {"timestamp": timestamp, **metadata}
    # The scanned tree is the BOM's subject; it depends on every model it names.
    metadata["component"] = {
        "type": "application",
        "bom-ref": ROOT_REF,
        "name": posixpath.basename(inv.root.replace("\\", "/").rstrip("/")) or "scanned",
    }
    components = [component(m, inv) for m in inv.models]
    doc: dict[str, Any] = {
        "$schema": SCHEMA_URL,
        "bomFormat": "CycloneDX",
        "specVersion": SPEC_VERSION,
        "version": 1,
        "metadata": metadata,
        "components": components,
        "dependencies": [{"ref": ROOT_REF, "dependsOn": [c["bom-ref"] for c in components]}],
    }
    canonical = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    doc["serialNumber"] = f"urn:uuid:{uuid.uuid5(_NAMESPACE, canonical)}"
    return doc


def render_inventory(inv: Inventory, *, timestamp: str | None = None) -> str:
    return json.dumps(document(inv, timestamp=timestamp), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render(result: ScanResult, opts: ReportOptions) -> str:
    """The reporter signature, for a scan result (no catalog: chain hops are not listed)."""
    return render_inventory(build(result))
