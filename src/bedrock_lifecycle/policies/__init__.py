"""The checks: small stateless classes, metadata as class attributes, in one explicit tuple.

Each check reads a Resolution and answers PASSED, FAILED, or None (does not
apply). IDs are stable and never reused. No model ID appears here: every fact
comes from the catalog through the Resolution.

Everything else known about a check is a class attribute here and nowhere else: severity, the
``--fail-on`` class and whether it fails the run by default, the how-to-fix steps, SARIF's precision
and tags, and the Checkov category (None: not offered to Checkov). Reporters, the default fail policy,
the Checkov adapter and scripts/gen_docs.py read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bedrock_lifecycle.model import Resolution, Result, Severity, Status

DOCS_URL = "https://github.com/bedrock-lifecycle/bedrock-lifecycle/blob/main/docs/policies.md"

# How to fix a model that is Legacy, in extended access, EOL or about to be: the default steps.
MIGRATE_STEPS = (
    "Edit the reported line: it is the literal that names the model (when the value reaches its use "
    "through variables or parameters, the related locations show each hop).",
    "Replace the model ID with the Active replacement the message names; check that it is offered in your "
    "Regions (`bedrock-lifecycle catalog show <id>`) and whether it needs an inference profile "
    "(`us.`, `eu.`, `global.`).",
    "Re-run your evaluation prompts and deploy before the End-of-Life date.",
    "Until then, a reviewed skip keeps CI green: `# bedrock-lifecycle:skip=<ID>:<reason> until=YYYY-MM-DD`.",
)


@dataclass(frozen=True)
class EvalContext:
    as_of: date
    warn_days: int = 90


class Policy:
    id: str = ""
    name: str = ""
    severity: Severity = Severity.MEDIUM
    fail_class: str = ""  # the --fail-on word that makes this check fail the run
    fails_by_default: bool = False  # fail_class is in the default --fail-on (DEFAULT_FAIL_ON)
    summary: str = ""  # one paragraph for docs and SARIF help
    how_to_fix: tuple[str, ...] = MIGRATE_STEPS  # numbered steps for docs and SARIF help
    # SARIF properties.precision: how often a FAILED result is a true problem (very-high, high, medium, low).
    sarif_precision: str = "very-high"
    tags: tuple[str, ...] = ("security", "bedrock", "model-lifecycle")  # SARIF tags, with fail_class
    checkov_category: str | None = "GENERAL_SECURITY"  # Checkov's CheckCategories name; None: not offered

    @property
    def guideline(self) -> str:
        return f"{DOCS_URL}#{self.id.lower()}"

    def evaluate(self, res: Resolution, ctx: EvalContext) -> Result | None:
        raise NotImplementedError

    def message(self, res: Resolution, ctx: EvalContext) -> str | None:
        """The finding's sentence when it is not the model's lifecycle description (None: use that)."""
        return None


def _resolved(res: Resolution) -> bool:
    return res.status in (Status.ACTIVE, Status.LEGACY, Status.EOL)


def days_to_eol(res: Resolution, as_of: date) -> int | None:
    return (res.eol_date - as_of).days if res.eol_date else None


class ModelPastEol(Policy):
    id = "BRL_001"
    name = "Bedrock model has reached End-of-Life"
    severity = Severity.CRITICAL
    fail_class = "eol"
    fails_by_default = True
    summary = (
        "The model reached its End-of-Life date: every request to it fails in the Regions the date "
        "covers. Replace the model ID with the recommended replacement and test the prompts."
    )

    def evaluate(self, res: Resolution, ctx: EvalContext) -> Result | None:
        if not _resolved(res):
            return None
        return Result.FAILED if res.status is Status.EOL else Result.PASSED


class ModelInExtendedAccess(Policy):
    id = "BRL_002"
    name = "Bedrock model is in public extended access (higher price)"
    severity = Severity.HIGH
    fail_class = "extended-access"
    fails_by_default = True
    summary = (
        "The model is Legacy and has entered public extended access: it still works, at a price set by "
        "the provider that is usually higher, until its EOL date. Migrate before EOL."
    )

    def evaluate(self, res: Resolution, ctx: EvalContext) -> Result | None:
        if not _resolved(res):
            return None
        return Result.FAILED if res.status is Status.LEGACY and res.extended_access else Result.PASSED


class ModelLegacy(Policy):
    id = "BRL_003"
    name = "Bedrock model is Legacy"
    severity = Severity.MEDIUM
    fail_class = "legacy"
    summary = (
        "The model is Legacy: it is scheduled for End-of-Life, new customers cannot use it, accounts "
        "inactive for 15 days may lose access, and no new provisioned throughput can be bought. "
        "(A model in public extended access fails BRL_002 instead.)"
    )

    def evaluate(self, res: Resolution, ctx: EvalContext) -> Result | None:
        if not _resolved(res):
            return None
        return Result.FAILED if res.status is Status.LEGACY and not res.extended_access else Result.PASSED


class ModelEolSoon(Policy):
    id = "BRL_004"
    name = "Bedrock model reaches End-of-Life soon"
    severity = Severity.HIGH
    fail_class = "eol-within"
    fails_by_default = True
    summary = (
        "The model's EOL date falls within the warning window (--warn-days, default 90 days) of the "
        "as-of date. Plan and ship the migration before that date."
    )

    def evaluate(self, res: Resolution, ctx: EvalContext) -> Result | None:
        if not _resolved(res):
            return None
        days = days_to_eol(res, ctx.as_of)
        soon = res.status is not Status.EOL and days is not None and 0 < days <= ctx.warn_days
        return Result.FAILED if soon else Result.PASSED


class UnknownModelId(Policy):
    id = "BRL_005"
    name = "Bedrock model ID is not in the lifecycle catalog"
    severity = Severity.MEDIUM
    fail_class = "unknown"
    summary = (
        "The string has the shape of a Bedrock model ID but matches no catalog entry: a typo, a wrong "
        "ID form (for example a missing date stamp or version suffix), an unknown inference-profile "
        "prefix, or a model newer than the catalog. It is never matched to a model by similarity."
    )
    how_to_fix = (
        "Compare the ID with `bedrock-lifecycle catalog list`: a missing date stamp, `-v1:0` suffix or a "
        "wrong inference-profile prefix are the usual causes.",
        "If the model is newer than the catalog, run `bedrock-lifecycle catalog sync` or upgrade.",
    )
    sarif_precision = "high"  # catalog lookups are exact, but the model may be newer than the catalog

    def evaluate(self, res: Resolution, ctx: EvalContext) -> Result | None:
        if res.status is Status.OPAQUE:
            return None
        return Result.FAILED if res.status is Status.UNKNOWN else Result.PASSED


class OpaqueModelReference(Policy):
    id = "BRL_006"
    name = "Bedrock model reference cannot be resolved statically"
    severity = Severity.LOW
    fail_class = "opaque"
    summary = (
        "An application inference profile, provisioned model, custom-model deployment, prompt router "
        "or prompt ARN hides which model it uses. Where the same code defines it, the model is followed; "
        "otherwise check the model behind it by hand."
    )
    how_to_fix = (
        "Find where the profile, provisioned model, deployment or router is created and check the model it uses.",
        "Scan the code that creates it too, so the model can be followed statically.",
    )
    sarif_precision = "medium"  # an opaque ARN may well be fine

    def evaluate(self, res: Resolution, ctx: EvalContext) -> Result | None:
        return Result.FAILED if res.status is Status.OPAQUE else None


class ProvisionedThroughputOnLegacy(Policy):
    id = "BRL_007"
    name = "Provisioned throughput targets a Legacy or EOL model"
    severity = Severity.CRITICAL
    fail_class = "provisioned-legacy"
    fails_by_default = True
    summary = (
        "AWS refuses new provisioned throughput for a Legacy model, and an EOL model cannot be served: "
        "the next deployment of this resource fails. Move the throughput to an Active model."
    )
    how_to_fix = (
        "Buy the provisioned throughput for an Active model (a context-variant ID of the replacement).",
        "Point the application at it, then let the old commitment end.",
    )

    def evaluate(self, res: Resolution, ctx: EvalContext) -> Result | None:
        if "provisioned_throughput" not in res.reference.roles or not _resolved(res):
            return None
        return Result.FAILED if res.status in (Status.LEGACY, Status.EOL) else Result.PASSED


def suppression_problems(res: Resolution, as_of: date) -> list[str]:
    """What is wrong with the skips attached to a reference: no reason, unknown check, malformed, expired.

    A skip in Checkov's syntax (``checkov:skip=``, CloudFormation ``Metadata``)
    naming an ID that is not ours is Checkov's business (the same line or resource
    may carry skips for Checkov's own checks), unless it looks like one of ours
    (``BRL_``): then it is a typo and is reported. In our own syntax any unknown ID is.
    """
    problems = []
    for s in res.reference.suppressions:
        where = s.origin or f"line {s.line}"
        known = s.check_id in POLICY_BY_ID
        if not known and (s.source in ("bedrock-lifecycle", "config") or s.check_id.startswith("BRL_")):
            problems.append(f"the skip of {s.check_id} ({where}) names no known check")
            continue
        if not known:
            continue
        if s.problem:
            problems.append(f"the skip of {s.check_id} ({where}) is malformed: {s.problem}; it does not suppress")
        if s.until is not None and as_of > s.until:
            problems.append(
                f"the skip of {s.check_id} ({where}) expired on {s.until.isoformat()}; the check applies again"
            )
        if not s.reason:
            problems.append(f"the skip of {s.check_id} ({where}) gives no reason")
    return problems


class InvalidSuppression(Policy):
    id = "BRL_008"
    name = "Suppression is invalid or expired"
    severity = Severity.LOW
    fail_class = "suppression"
    summary = (
        "A skip comment (`bedrock-lifecycle:skip=ID:reason until=YYYY-MM-DD` or "
        "`checkov:skip=ID:reason`) or a config-file suppression on this reference gives no reason, "
        "names a check that does not exist, has a malformed `until` date, or is past it. A malformed "
        "or expired skip does not suppress. Give the reason, fix the check ID, or renew or remove the "
        "skip."
    )
    how_to_fix = (
        "Give every skip a reason: `bedrock-lifecycle:skip=BRL_003:migration in PLAT-123 until=2027-01-31`.",
        "Correct a misspelt check ID (see the list of checks).",
        "Renew an expired skip only after review, or remove it and fix the finding.",
    )
    checkov_category = None  # it judges our own skip comments; Checkov has its own suppressions

    def evaluate(self, res: Resolution, ctx: EvalContext) -> Result | None:
        if not res.reference.suppressions:
            return None
        return Result.FAILED if suppression_problems(res, ctx.as_of) else None

    def message(self, res: Resolution, ctx: EvalContext) -> str | None:
        problems = suppression_problems(res, ctx.as_of)
        if not problems:
            return None
        ref = res.reference
        return f"Suppression on '{ref.text}': " + "; ".join(problems) + "."


POLICIES: tuple[Policy, ...] = (
    ModelPastEol(),
    ModelInExtendedAccess(),
    ModelLegacy(),
    ModelEolSoon(),
    UnknownModelId(),
    OpaqueModelReference(),
    ProvisionedThroughputOnLegacy(),
    InvalidSuppression(),
)
POLICY_BY_ID = {p.id: p for p in POLICIES}
FAIL_CLASSES = tuple(p.fail_class for p in POLICIES)
DEFAULT_FAIL_ON = frozenset(p.fail_class for p in POLICIES if p.fails_by_default)
