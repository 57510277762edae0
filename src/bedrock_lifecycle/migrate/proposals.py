"""What the migration assistant proposes for each failing reference: the swap and, when safe, the edit.

The scan says a model is dying; `fix` knows how to rewrite the literal that
names it (migrate.rewrite) and how risky the swap is (migrate.swap). This module
joins the two to the findings, so the machine-readable reports can carry the
proposal next to each result: SARIF ``fixes`` for drop-in swaps, ``bedrock.fix``
in JSON, and the per-use lines of the migration plan. It computes nothing of its
own: the edits are exactly the ones ``bedrock-lifecycle fix`` would make.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from bedrock_lifecycle.model import Finding, Result, ScanResult, Span, Status

if TYPE_CHECKING:
    from bedrock_lifecycle.catalog.model import Catalog
    from bedrock_lifecycle.migrate.rewrite import Edit, NotFixed
    from bedrock_lifecycle.migrate.swap import Swap

LOG = logging.getLogger(__name__)

SAFE = "drop-in"  # the one swap class `fix` applies without --unsafe
UNSAFE = "code-change"  # applied only with --unsafe; re-embed and no-target are never rewritten


@dataclass(frozen=True)
class Proposal:
    """The swap for one reference and, when `fix` would rewrite its literal, the exact edit.

    Columns are 1-based, the end column exclusive (as in Span); ``path`` is
    relative to the scan root, like every path of the scan.
    """

    source_model: str
    target_model: str | None
    swap_class: str  # drop-in, code-change, re-embed, no-target (migrate.swap.SwapClass)
    reasons: tuple[str, ...]
    inferred: bool  # the classification rests on inferred compatibility data
    path: str | None = None
    start_line: int | None = None
    start_col: int | None = None
    end_line: int | None = None
    end_col: int | None = None
    old_text: str | None = None
    new_text: str | None = None
    resources: tuple[str, ...] = ()  # every resource the rewritten literal reaches
    not_fixed: str | None = None  # why `fix` leaves the literal alone (even with --unsafe), when it does
    blocked: str | None = None  # the reference's form cannot be kept (a geo profile or in-Region use the target lacks)
    api_change: tuple[str, str] | None = None  # (source, target) request API family names when they differ

    @property
    def has_edit(self) -> bool:
        return self.new_text is not None

    @property
    def applied_by(self) -> str | None:
        """The command that applies it: `fix` for drop-in swaps, `fix --unsafe` for code changes."""
        if not self.has_edit:
            return None
        if self.swap_class == SAFE:
            return "fix"
        if self.swap_class == UNSAFE:
            return "fix --unsafe"
        return None

    def document(self) -> dict[str, Any]:
        """The JSON form (``bedrock.fix`` in the scan's JSON records)."""
        edit = None
        if self.has_edit:
            edit = {
                "file_path": self.path,
                "start_line": self.start_line,
                "start_column": self.start_col,
                "end_line": self.end_line,
                "end_column": self.end_col,
                "old_text": self.old_text,
                "new_text": self.new_text,
                "resources": list(self.resources),
            }
        return {
            "swap_class": self.swap_class,
            "source_model": self.source_model,
            "target_model": self.target_model,
            "reasons": list(self.reasons),
            "inferred": self.inferred,
            "applied_by": self.applied_by,
            "edit": edit,
            "not_fixed": self.not_fixed,
            "blocked": self.blocked,
        }


Proposals = Mapping[Span, Proposal]


def wanted(f: Finding) -> bool:
    """A FAILED finding on a Legacy or EOL catalog model: one the assistant has something to say about.

    Suppressed (SKIPPED) and baselined findings are left alone, as `fix` leaves them.
    """
    res = f.resolution
    return f.result is Result.FAILED and res.model_id is not None and res.status in (Status.LEGACY, Status.EOL)


def _contains(span: Span, edit: Edit) -> bool:
    return (
        edit.path == span.path
        and (span.start_line, span.start_col) <= (edit.start_line, edit.start_col)
        and (edit.end_line, edit.end_col) <= (span.end_line, span.end_col)
    )


def _from(swap: Swap, edit: Edit | None = None, not_fixed: str | None = None) -> Proposal:
    where: dict[str, Any] = {}
    if edit is not None:
        where = {
            "path": edit.path,
            "start_line": edit.start_line,
            "start_col": edit.start_col,
            "end_line": edit.end_line,
            "end_col": edit.end_col,
            "old_text": edit.old_text,
            "new_text": edit.new_text,
            "resources": tuple(edit.resources),
        }
    return Proposal(
        source_model=swap.source_model,
        target_model=swap.target_model,
        swap_class=swap.swap_class.value,
        reasons=tuple(swap.reasons),
        inferred=swap.inferred,
        not_fixed=not_fixed,
        blocked=swap.blocked,
        api_change=swap.api_change,
        **where,
    )


def propose(result: ScanResult, catalog: Catalog, as_of: date) -> dict[Span, Proposal]:
    """Span of a failing reference -> its proposal: the edit `fix --unsafe` makes there (what `fix` makes is the
    drop-in subset), or the swap and why the literal is left alone."""
    from bedrock_lifecycle.migrate.rewrite import plan_edits
    from bedrock_lifecycle.migrate.swap import classify

    chosen = [f for f in result.findings if wanted(f)]
    if not chosen:
        return {}
    edits, skipped = plan_edits(result, catalog, as_of, unsafe=True)
    by_path: dict[str, list[Edit]] = {}
    for made in edits:
        by_path.setdefault(made.path, []).append(made)
    # keyed by place; a file-level refusal (unreadable, generated, outside the root) has no column (0)
    left: dict[tuple[str, int, int], NotFixed] = {(n.path, n.line, n.col): n for n in skipped}
    out: dict[Span, Proposal] = {}
    for f in chosen:
        span = f.span
        if span in out:
            continue
        edit = next((e for e in by_path.get(span.path, ()) if _contains(span, e)), None)
        if edit is not None:
            out[span] = _from(edit.swap, edit)
            continue
        res = f.resolution
        assert res.model_id is not None
        nf = left.get((span.path, span.start_line, span.start_col)) or left.get((span.path, span.start_line, 0))
        swap = nf.swap if nf is not None and nf.swap is not None else None
        if swap is None:
            swap = classify(res.model_id, res.replacement, catalog, geo_prefix=res.parsed.geo)
        out[span] = _from(swap, None, nf.reason if nf is not None else None)
    return out
