"""Baselines: accept today's findings so a team can adopt the tool gradually.

``--create-baseline`` writes every FAILED finding of the scan to
``.bedrock-lifecycle.baseline.json`` in the scan root; ``--baseline FILE`` then
hides the findings it accepts and reports only new ones. A finding is known by
what it is, (file, resource, check, resolved model), never by its line
(detect-secrets' identity), so editing around it does not bring it back, while
changing its model ID or moving it to another resource does. Identical keys are
counted, so a second copy of an accepted finding is new. Entries that no longer
occur are returned as stale, for every report to list.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace

from bedrock_lifecycle.errors import ConfigError
from bedrock_lifecycle.model import BaselineEntry, Finding, Result, ScanResult

LOG = logging.getLogger(__name__)

FILENAME = ".bedrock-lifecycle.baseline.json"
VERSION = 1

Key = tuple[str, str, str, str]  # (path, resource, check_id, model)


def key(f: Finding) -> Key:
    res = f.resolution
    ref = res.reference
    return (ref.span.path, ref.resource, f.check_id, res.model_id or ref.text.lower())


def entries(findings: Iterable[Finding]) -> list[BaselineEntry]:
    """Every FAILED finding, counted per key, sorted."""
    counts = Counter(key(f) for f in findings if f.result is Result.FAILED)
    return sorted(BaselineEntry(*k, count=n) for k, n in counts.items())


def dumps(findings: Iterable[Finding], version: str = "") -> str:
    rows = []
    for e in entries(findings):
        row: dict[str, object] = {
            "file": e.path,
            "resource": e.resource,
            "check_id": e.check_id,
            "model": e.model,
        }
        if e.count > 1:
            row["count"] = e.count
        rows.append(row)
    doc = {
        "bedrock_lifecycle_baseline": VERSION,
        "generated_by": f"bedrock-lifecycle {version}".strip(),
        "findings": rows,
    }
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def loads(text: str, name: str) -> list[BaselineEntry]:
    """Parse a baseline file; any problem is a ConfigError naming the file and the entry."""
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise ConfigError(f"baseline {name}: not valid JSON: {exc}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("findings"), list):
        raise ConfigError(
            f"baseline {name}: expected an object with a 'findings' list (write one with --create-baseline)"
        )
    if doc.get("bedrock_lifecycle_baseline", VERSION) != VERSION:
        raise ConfigError(f"baseline {name}: unsupported version {doc.get('bedrock_lifecycle_baseline')!r}")
    out = []
    for i, row in enumerate(doc["findings"]):
        where = f"baseline {name}: findings[{i}]"
        if not isinstance(row, dict):
            raise ConfigError(f"{where}: expected an object")
        values = []
        for field in ("file", "resource", "check_id", "model"):
            value = row.get(field)
            if not isinstance(value, str):
                raise ConfigError(f"{where}.{field}: expected a string")
            values.append(value)
        count = row.get("count", 1)
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise ConfigError(f"{where}.count: expected a whole number >= 1")
        out.append(BaselineEntry(values[0], values[1], values[2].upper(), values[3], count))
    return out


def load(path: str) -> list[BaselineEntry]:
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as exc:
        raise ConfigError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    return loads(text, path)


def apply(
    result: ScanResult,
    accepted: Iterable[BaselineEntry],
    name: str,
    in_scope: Callable[[BaselineEntry], bool] = lambda e: True,
) -> ScanResult:
    """Move the FAILED findings the baseline accepts out of ``findings`` (into ``accepted``, never failing)
    and list the entries that no longer occur as ``stale``.

    ``in_scope`` says whether an unmatched entry could have been found by this
    scan (its check ran, its file was scanned): only those are stale.
    """
    remaining: Counter[Key] = Counter()
    for e in accepted:
        remaining[(e.path, e.resource, e.check_id, e.model)] += e.count
    kept = []
    hidden = []
    for f in result.findings:
        if f.result is Result.FAILED and remaining[key(f)] > 0:
            remaining[key(f)] -= 1
            hidden.append(replace(f, failing=False))
            continue
        kept.append(f)
    stale = sorted(e for e in (BaselineEntry(*k, count=n) for k, n in remaining.items() if n > 0) if in_scope(e))
    LOG.debug("baseline %s: %d hidden, %d stale", name, len(hidden), len(stale))
    return replace(result, findings=tuple(kept), baseline=name, accepted=tuple(hidden), stale=tuple(stale))
