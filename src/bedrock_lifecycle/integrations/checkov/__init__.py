"""Checkov external checks: BRL_001... inside a team's existing ``checkov`` run.

The only module of this package that imports checkov. Each check class wraps one
of our policies (same ID, name, guideline and severity) and evaluates the conf
Checkov hands it with integrations.values, i.e. with the CLI's own catalog,
recogniser and resolver. A check never raises: any error becomes UNKNOWN, since
Checkov would swallow the exception and exit 0.

Settings come from the environment because Checkov gives external checks no
options: BEDROCK_LIFECYCLE_AS_OF (YYYY-MM-DD, default today),
BEDROCK_LIFECYCLE_WARN_DAYS (default 90), BEDROCK_LIFECYCLE_CATALOG (a synced file).
"""

from __future__ import annotations

import logging
import os
from datetime import date
from typing import Any

from checkov.common.bridgecrew.severities import Severities
from checkov.common.models.enums import CheckCategories, CheckResult

from bedrock_lifecycle.integrations.values import evaluate
from bedrock_lifecycle.model import Result
from bedrock_lifecycle.policies import POLICIES, Policy

LOG = logging.getLogger(__name__)

_RESULTS = {Result.PASSED: CheckResult.PASSED, Result.FAILED: CheckResult.FAILED}


def _settings() -> tuple[date, int, str | None]:
    as_of = date.today()
    raw = os.environ.get("BEDROCK_LIFECYCLE_AS_OF")
    if raw:
        try:
            as_of = date.fromisoformat(raw)
        except ValueError:
            LOG.warning("BEDROCK_LIFECYCLE_AS_OF=%r is not a date; using today", raw)
    try:
        warn_days = int(os.environ.get("BEDROCK_LIFECYCLE_WARN_DAYS", "90"))
    except ValueError:
        warn_days = 90
    return as_of, warn_days, os.environ.get("BEDROCK_LIFECYCLE_CATALOG") or None


def _run(check: Any, policy: Policy, conf: dict[str, Any]) -> CheckResult:
    check.details = []
    try:
        as_of, warn_days, catalog = _settings()
        verdict = evaluate(
            policy.id,
            conf,
            getattr(check, "entity_type", "") or "",
            as_of=as_of,
            warn_days=warn_days,
            catalog_path=catalog,
        )
    except Exception:  # never let Checkov swallow a crash and exit 0
        LOG.warning("bedrock-lifecycle check %s could not evaluate a resource", policy.id, exc_info=True)
        return CheckResult.UNKNOWN
    check.details.extend(verdict.details)
    return _RESULTS.get(verdict.result, CheckResult.UNKNOWN) if verdict.result else CheckResult.UNKNOWN


def _init(check: Any, policy: Policy, base: type[Any], **kw: Any) -> None:
    base.__init__(
        check,
        name=policy.name,
        id=policy.id,
        categories=[CheckCategories[policy.checkov_category or "GENERAL_SECURITY"]],
        guideline=policy.guideline,
        **kw,
    )
    check.severity = Severities[policy.severity.value]


# framework -> (module, base class, the method Checkov calls, the entity keyword and value)
_BASES = {
    "terraform": (
        "checkov.terraform.checks.resource.base_resource_check",
        "BaseResourceCheck",
        "scan_resource_conf",
        {"supported_resources": ["*"]},
    ),
    "cloudformation": (
        "checkov.cloudformation.checks.resource.base_resource_check",
        "BaseResourceCheck",
        "scan_resource_conf",
        {"supported_resources": ["*"]},
    ),
    "serverless": (
        "checkov.serverless.checks.function.base_function_check",
        "BaseFunctionCheck",
        "scan_function_conf",
        {"supported_entities": ["serverless_aws"]},
    ),
}


def register(framework: str) -> list[Any]:
    """Instantiate (and so register with Checkov) one check per policy for a framework."""
    from importlib import import_module

    if framework not in _BASES:
        raise ValueError(f"unknown framework {framework!r}")
    module, base_name, method, entities = _BASES[framework]
    base = getattr(import_module(module), base_name)
    checks = []
    for policy in POLICIES:
        if policy.checkov_category is None:
            continue  # not offered to Checkov (BRL_008 judges our own skip comments)

        def __init__(self: Any, p: Policy = policy) -> None:
            self._policy = p
            _init(self, p, base, **entities)

        def scan(self: Any, conf: dict[str, Any]) -> CheckResult:
            return _run(self, self._policy, conf)

        name = f"Bedrock{policy.id.title().replace('_', '')}{framework.title()}Check"
        checks.append(type(name, (base,), {"__init__": __init__, method: scan})())
    return checks
