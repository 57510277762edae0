"""Evaluate the checks on a configuration another tool hands us (a Checkov resource conf).

Standard library only, so it runs inside Checkov's environment, where this
package's parser dependencies cannot be installed. Uses the same catalog,
recogniser, resolver and check classes as the CLI: no second copy of the logic
or the data.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from bedrock_lifecycle.catalog import Catalog, load_embedded
from bedrock_lifecycle.model import Reference, Resolution, Result, Span
from bedrock_lifecycle.policies import POLICY_BY_ID, EvalContext
from bedrock_lifecycle.policies.messages import describe
from bedrock_lifecycle.resolve.ids import Form, Recognizer, resolve
from bedrock_lifecycle.resolve.replacement import with_replacement

PROVISIONED_THROUGHPUT_TYPES = frozenset({"aws_bedrock_provisioned_model_throughput"})


@dataclass(frozen=True)
class Verdict:
    result: Result | None  # None: the check does not apply (no model reference in the conf)
    details: tuple[str, ...] = ()


@lru_cache(maxsize=4)
def _tools(catalog_path: str | None) -> tuple[Catalog, Recognizer]:
    from bedrock_lifecycle.catalog import load

    catalog = load(catalog_path) if catalog_path else load_embedded()
    return catalog, Recognizer.for_catalog(catalog)


def strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(key path, string) for every string leaf; lists (Checkov's Terraform wrapping) are transparent."""
    stack: list[tuple[str, Any]] = [(path, value)]
    seen: set[int] = set()
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            yield where, item
        elif isinstance(item, Mapping):
            if id(item) in seen:
                continue
            seen.add(id(item))
            for key, sub in reversed(list(item.items())):
                if isinstance(key, str) and key.startswith("__") and key.endswith("__"):
                    continue  # Checkov's metadata: __start_line__, __address__ ...
                stack.append((f"{where}.{key}" if where else str(key), sub))
        elif isinstance(item, (list, tuple)):
            if id(item) in seen:
                continue
            seen.add(id(item))
            for sub in reversed(item):
                stack.append((where, sub))


def resolutions(
    conf: Any, entity_type: str, *, as_of: date, catalog_path: str | None = None, file_path: str = "", line: int = 0
) -> list[Resolution]:
    catalog, recognizer = _tools(catalog_path)
    roles = frozenset({"provisioned_throughput"}) if entity_type in PROVISIONED_THROUGHPUT_TYPES else frozenset()
    out = []
    for key_path, text in strings(conf):
        for m in recognizer.finditer(text):
            if m.parsed.form == Form.WILDCARD.value:
                continue
            ref = Reference(
                m.text, Span(file_path, line, 1, line, 1), entity_type, "checkov", attribute=key_path, roles=roles
            )
            out.append(with_replacement(resolve(ref, m.parsed, catalog, as_of), catalog, as_of))
    return out


def evaluate(
    check_id: str, conf: Any, entity_type: str, *, as_of: date, warn_days: int = 90, catalog_path: str | None = None
) -> Verdict:
    """FAILED if any model reference in the conf fails the check, PASSED if some apply, else None."""
    policy = POLICY_BY_ID[check_id]
    ctx = EvalContext(as_of, warn_days)
    results: list[Result] = []
    details: list[str] = []
    for res in resolutions(conf, entity_type, as_of=as_of, catalog_path=catalog_path):
        result = policy.evaluate(res, ctx)
        if result is None:
            continue
        results.append(result)
        if result is Result.FAILED:
            details.append(f"{res.reference.attribute}: {describe(res, as_of)}")
    if not results:
        return Verdict(None)
    return Verdict(Result.FAILED if Result.FAILED in results else Result.PASSED, tuple(details))
