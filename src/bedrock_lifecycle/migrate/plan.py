"""The migration plan: per dying model, its dates, every use, the advised target, the swap and the checks.

Built from what the scan, the inventory and the migration assistant already know
(inventory.build for models, dates, uses and the Active target; the proposals
of migrate.proposals for each use's swap and edit; migrate.swap for the model's
swap when no use has one). Rendered as Markdown (report/migration.py, ``scan -o
migration``: a pull-request body or an issue) and in the HTML report's
migration-plan section (report/html.py). Nothing here reads a file.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from bedrock_lifecycle.inventory import Inventory, ModelRecord, Occurrence
from bedrock_lifecycle.migrate.proposals import Proposal
from bedrock_lifecycle.model import Span

if TYPE_CHECKING:
    from bedrock_lifecycle.catalog.model import Catalog

LOG = logging.getLogger(__name__)

LIFECYCLE_PAGE = "https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html"
QUOTAS_PAGE = "https://docs.aws.amazon.com/bedrock/latest/userguide/quotas.html"
CLASSES = ("drop-in", "code-change", "re-embed", "no-target")
CLASS_LABELS = {
    "drop-in": "drop-in",
    "code-change": "code change",
    "re-embed": "re-embed",
    "no-target": "no target",
}
CLASS_MEANING = {
    "drop-in": "same request API and modalities: only the model ID changes",
    "code-change": "more than the ID changes: the request or response shape, the modalities, or how the model "
    "is invoked (an inference profile)",
    "re-embed": "another embedding model: vectors are not comparable, so the index must be rebuilt",
    "no-target": "no Active replacement in the catalog: choose a model and evaluate it",
}


@dataclass(frozen=True)
class Use:
    """One place the model is used, with the hops its value takes and what the assistant proposes there."""

    occurrence: Occurrence
    proposal: Proposal | None

    @property
    def skipped(self) -> bool:
        """Every check on this use is suppressed: `fix` leaves it alone."""
        return bool(self.occurrence.skipped_checks) and not self.occurrence.failed_checks

    @property
    def proposed(self) -> str | None:
        """The reference as it reads after the edit (the edit replaces the model part of the literal)."""
        p = self.proposal
        if p is None or p.old_text is None or p.new_text is None:
            return None
        text = self.occurrence.text
        at = text.find(p.old_text)
        if at < 0:  # written with escapes or in another case than the file's raw text: show the new part
            return p.new_text
        return text[:at] + p.new_text + text[at + len(p.old_text) :]


@dataclass(frozen=True)
class Change:
    """One row of "what changes": an aspect of the two models as the catalog records it."""

    aspect: str
    source: str
    target: str

    @property
    def differs(self) -> bool:
        return self.source != self.target


@dataclass(frozen=True)
class ModelPlan:
    record: ModelRecord
    target: str | None
    swap_class: str  # the model's swap without a geo prefix; a use may differ (its profile)
    reasons: tuple[str, ...]
    inferred: bool  # the target is not the replacement AWS names for the model (the chain was followed)
    uses: tuple[Use, ...]
    checklist: tuple[str, ...]
    changes: tuple[Change, ...] = ()
    blocked: str | None = None  # why some use's form cannot be kept (an inference profile the target lacks)

    @property
    def fixable(self) -> int:
        """Literals `fix` (without --unsafe) rewrites."""
        return len({_edit_key(u.proposal) for u in self.uses if u.proposal and u.proposal.applied_by == "fix"})


@dataclass(frozen=True)
class MigrationPlan:
    inventory: Inventory
    models: tuple[ModelPlan, ...]

    @property
    def as_of(self) -> date:
        return self.inventory.as_of

    def counts(self) -> dict[str, int]:
        """Models by swap class, every class present, in CLASSES order."""
        out = dict.fromkeys(CLASSES, 0)
        for m in self.models:
            out[m.swap_class] = out.get(m.swap_class, 0) + 1
        return out

    @property
    def references(self) -> int:
        return sum(len(m.uses) for m in self.models)

    @property
    def fixable(self) -> int:
        return sum(m.fixable for m in self.models)


def _edit_key(p: Proposal | None) -> tuple[object, ...]:
    return (None,) if p is None else (p.path, p.start_line, p.start_col)


def checklist(
    record: ModelRecord, target: str | None, swap_class: str, *, code: bool = True, blocked: str | None = None
) -> tuple[str, ...]:
    """What to check before cutting over, in the order of a release (the model-lifecycle page's advice:
    move to an Active model before the EOL date; migration does not happen automatically)."""
    source = record.key
    if target is None:
        return (
            f"Choose a replacement for `{source}`: the catalog has no Active successor "
            "(`bedrock-lifecycle catalog list --status active --provider ...`).",
            "Try the candidates in the Amazon Bedrock console playground or through the API on real prompts "
            "from this workload.",
            "Compare outputs, latency and cost before choosing.",
            "Request quota for the chosen model (tokens and requests per minute) in every Region you use.",
            "Roll out gradually (one environment or a share of traffic first) and watch errors and quality.",
            _keep(record),
        )
    steps = [
        f"Try `{target}` in the Amazon Bedrock console playground or through the API on real prompts from "
        "this workload.",
        f"Compare its outputs, latency and cost with `{source}`.",
    ]
    if blocked:
        steps.append(
            f"Where a reference's form cannot be kept (see why above), choose the inference profile `{target}` "
            "is invoked through, which decides the Regions requests may run in, and change that reference by hand."
        )
    if swap_class == "code-change" and code:
        steps.append(
            "Change the code that builds the request and reads the response (see what changes above), "
            "then run its tests."
        )
    if swap_class == "re-embed":
        steps.append(
            f"Re-embed the corpus with `{target}` into a new index (vectors of different models are not "
            "comparable), switch queries and ingestion together, then drop the old index."
        )
    steps += [
        f"Request quota for `{target}` (tokens and requests per minute) in every Region you use, and check "
        "that the Region or inference profile offers it.",
        "Roll out gradually (one environment or a share of traffic first) and watch errors, latency and quality.",
        _keep(record),
    ]
    return tuple(steps)


def _keep(record: ModelRecord) -> str:
    if record.eol_date is not None and record.phase != "eol":
        return (
            f"Keep `{record.key}` available as the fallback until the cut-over is done; it stops on {record.eol_date}."
        )
    if record.phase == "eol":
        return f"`{record.key}` already reached End-of-Life: requests to it fail, so there is no fallback to keep."
    return f"Keep `{record.key}` available as the fallback until the cut-over is done."


def build(inv: Inventory, catalog: Catalog, proposals: Mapping[Span, Proposal] | None = None) -> MigrationPlan:
    """One ModelPlan per model with a migration hint (Legacy, EOL, or Active with a retirement date)."""
    proposals = proposals or {}
    by_place = {(s.path, s.start_line, s.start_col): p for s, p in proposals.items()}
    models = []
    for record in inv.models:
        mig = record.migration
        if mig is None or record.model_id is None:
            continue
        uses = tuple(Use(o, by_place.get((o.path, o.line, o.column))) for o in record.occurrences)
        target = mig.replacement
        proposals_here = [u.proposal for u in uses if u.proposal is not None and not u.skipped]
        if proposals_here:
            swap = _worst(proposals_here)
        else:
            swap = _classified(record.model_id, target, catalog)
        models.append(
            ModelPlan(
                record=record,
                target=target,
                swap_class=swap.swap_class,
                reasons=swap.reasons,
                inferred=swap.inferred,
                uses=uses,
                checklist=checklist(
                    record,
                    target,
                    swap.swap_class,
                    code=swap.api_change is not None or swap.blocked is None,
                    blocked=swap.blocked,
                ),
                changes=changes(record.model_id, target, catalog),
                blocked=swap.blocked,
            )
        )
    return MigrationPlan(inv, tuple(models))


def _worst(found: list[Proposal]) -> Proposal:
    """The model's swap as its uses need it: the hardest class any use has, with every use's reasons."""
    rank = {c: i for i, c in enumerate(CLASSES)}
    worst = max(found, key=lambda p: rank.get(p.swap_class, len(CLASSES)))
    reasons = tuple(dict.fromkeys(r for p in found if p.swap_class == worst.swap_class for r in p.reasons))
    same = [p for p in found if p.swap_class == worst.swap_class]
    blocked = next((p.blocked for p in same if p.blocked), None)
    api_change = next((p.api_change for p in same if p.api_change), None)
    inferred = any(p.inferred for p in found)
    return Proposal(
        worst.source_model,
        worst.target_model,
        worst.swap_class,
        reasons,
        inferred,
        blocked=blocked,
        api_change=api_change,
    )


def _classified(model_id: str, target: str | None, catalog: Catalog) -> Proposal:
    """The swap of the bare model ID, for a model none of whose uses has a proposal (all skipped)."""
    from bedrock_lifecycle.migrate.swap import classify

    swap = classify(model_id, target, catalog)
    return Proposal(
        swap.source_model,
        swap.target_model,
        swap.swap_class.value,
        tuple(swap.reasons),
        swap.inferred,
        blocked=swap.blocked,
        api_change=swap.api_change,
    )


NOT_RECORDED = "not recorded"


def _tokens(n: int | None) -> str:
    if n is None:
        return NOT_RECORDED
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M tokens"
    return f"{round(n / 1000)}K tokens" if n >= 1000 else f"{n} tokens"


def _listed(values: tuple[object, ...]) -> str:
    return ", ".join(str(v) for v in values) if values else NOT_RECORDED


def changes(source_id: str, target_id: str | None, catalog: Catalog) -> tuple[Change, ...]:
    """API family, modalities, embedding dimensions and context window of both models, where either is known.

    A row whose facts neither model records is left out; "not recorded" never means "the same".
    """
    from bedrock_lifecycle.migrate.swap import family_name

    source = catalog.lookup(source_id)
    target = catalog.lookup(target_id) if target_id else None
    if source is None or target is None:
        return ()
    a, b = source.compat, target.compat
    rows = [
        Change("Request API", family_name(a.api_family, catalog), family_name(b.api_family, catalog)),
        Change("Input", _listed(a.input_modalities), _listed(b.input_modalities)),
        Change("Output", _listed(a.output_modalities), _listed(b.output_modalities)),
        Change("Embedding dimensions", _listed(a.embedding_dimensions), _listed(b.embedding_dimensions)),
        Change("Context window", _tokens(a.context_window), _tokens(b.context_window)),
    ]
    return tuple(r for r in rows if (r.source, r.target) != (NOT_RECORDED, NOT_RECORDED))
