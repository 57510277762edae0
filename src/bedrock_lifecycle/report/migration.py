"""``scan -o migration``: the migration plan as GitHub-flavoured Markdown, for a pull request or an issue.

Per dying model: its dates, every place it is used (with the hops from the
literal to the resource), the advised Active target and the swap class, what
changes between the two models, what `bedrock-lifecycle fix` rewrites, and the
checks to make before cutting over. The data is migrate.plan's, shared with the
HTML report; every value taken from the scanned files is escaped. Tables are
capped per model so a large repository stays under GitHub's 65,536-character
limit for a pull-request body.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from bedrock_lifecycle import inventory
from bedrock_lifecycle.inventory import PHASE_LABELS, status_text
from bedrock_lifecycle.migrate import plan as plan_mod
from bedrock_lifecycle.migrate.plan import CLASS_LABELS, CLASS_MEANING, MigrationPlan, ModelPlan, Use
from bedrock_lifecycle.model import ScanResult
from bedrock_lifecycle.report import ReportOptions, catalog_age_warning
from bedrock_lifecycle.report.github import code, plain

MAX_USES = 40  # rows per model's "where it is used" table


def _d(value: date | None) -> str:
    return value.isoformat() if value else "-"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _status(m: ModelPlan, as_of: date) -> str:
    r = m.record
    parts = [f"Legacy {_d(r.legacy_date)}"]
    if r.extended_access_date:
        parts.append(f"extended access {_d(r.extended_access_date)}")
    parts.append(f"EOL {_d(r.eol_date)}")
    when = ""
    days = r.days_to_eol(as_of)
    if days is not None:
        when = f"; {_n(-days, 'day')} ago" if days <= 0 else f"; {_n(days, 'day')} left"
    return f"{PHASE_LABELS[r.phase]} ({', '.join(parts)}{when})"


def _target(m: ModelPlan, as_of: date) -> str:
    mig = m.record.migration
    if m.target is None or mig is None:
        return "none: " + plain(mig.note if mig and mig.note else "the catalog records no Active replacement")
    own = status_text(mig.replacement_phase or "unknown", mig.replacement_legacy_date, mig.replacement_eol_date, as_of)
    return f"{code(m.target)} ({plain(own)})"


def _via(use: Use) -> str:
    steps = use.occurrence.provenance
    if not steps:
        return "-"
    return " → ".join(f"{plain(s.via)} ({code(f'{s.path}:{s.line}')})" for s in steps)


def _proposed(use: Use) -> tuple[str, str]:
    p = use.proposal
    if use.skipped:
        return "-", f"skipped ({', '.join(use.occurrence.skipped_checks)})"
    if p is None:
        return "-", "by hand"
    label = CLASS_LABELS.get(p.swap_class, p.swap_class)
    new = use.proposed
    if new is None:
        return "-", f"{label}: by hand"
    how = f"`{p.applied_by}`" if p.applied_by else "by hand"
    return code(new), f"{label}: {how}"


def _uses(m: ModelPlan) -> list[str]:
    rows = []
    for use in m.uses:
        o = use.occurrence
        new, how = _proposed(use)
        where = f"{o.path}:{o.line}"
        rows.append(f"| {code(where)} | {code(o.resource)} | {_via(use)} | {code(o.text)} | {new} | {how} |")
    out = [
        f"**Where it is used** ({_n(len(m.uses), 'reference')})",
        "",
        "| Literal | Resource | Reaches it via | As written | Proposed | How |",
        "|---|---|---|---|---|---|",
        *rows[:MAX_USES],
    ]
    if len(rows) > MAX_USES:
        out += ["", f"_…and {len(rows) - MAX_USES} more; `-o json` lists every one._"]
    return out


def _bold(text: str) -> str:
    return f"**{text}**"


def _changes(m: ModelPlan) -> list[str]:
    out: list[str] = []
    if m.changes and m.target:
        out += [
            "**What changes**",
            "",
            f"| | {code(m.record.key)} | {code(m.target)} |",
            "|---|---|---|",
            *(
                f"| {c.aspect} | {plain(c.source)} | {_bold(plain(c.target)) if c.differs else plain(c.target)} |"
                for c in m.changes
            ),
            "",
        ]
    if m.reasons:
        out += [
            "**Why this swap class**" if out or m.target else "**Why**",
            "",
            *(f"- {plain(r)}" for r in m.reasons),
            "",
        ]
    return out


def _model(i: int, m: ModelPlan, as_of: date) -> list[str]:
    r = m.record
    title = f"## {i}. {code(r.key)}"
    if r.name:
        title += f" ({plain(r.name)})"
    title += f" → {code(m.target)}" if m.target else " → no Active target"
    swap = f"**{CLASS_LABELS.get(m.swap_class, m.swap_class)}**: {CLASS_MEANING.get(m.swap_class, '')}"
    if m.inferred:
        swap += " (the target is not the replacement AWS names for this model: the catalog's chain was followed)"
    out = [
        title,
        "",
        f"- Status: {_status(m, as_of)}",
        f"- Move to: {_target(m, as_of)}",
        f"- Swap: {swap}",
    ]
    if r.source_url:
        out.append(f"- Source: {r.source_url}")
    out += ["", *_changes(m), *_uses(m), "", "**Before cutting over**", ""]
    out += [f"- [ ] {step}" for step in m.checklist]
    return out + [""]


def markdown(p: MigrationPlan, *, warning: str | None = None) -> str:
    inv = p.inventory
    head = [
        "# Bedrock model migration plan",
        "",
        f"bedrock-lifecycle {plain(inv.version)} · catalog {plain(inv.catalog_date)} "
        f"({plain(inv.catalog_source)}) · as of {inv.as_of.isoformat()}",
        "",
    ]
    if warning:
        head += [f"> :warning: {plain(warning)}", ""]
    if not p.models:
        return "\n".join([*head, "No referenced model is Legacy, End-of-Life or scheduled to retire.", ""])
    counts = p.counts()
    files = len({u.occurrence.path for m in p.models for u in m.uses})
    split = ", ".join(f"{n} {CLASS_LABELS[c]}" for c, n in counts.items() if n)
    head += [
        f"{_n(len(p.models), 'model')} to migrate ({split}), {_n(p.references, 'reference')} in "
        f"{_n(files, 'file')}. `bedrock-lifecycle fix --write` rewrites {_n(p.fixable, 'literal')} "
        "(drop-in swaps); `--unsafe` adds the code changes; re-embed and no-target swaps are never "
        "rewritten.",
        "",
        "| Model | Status | EOL | Uses | Move to | Swap |",
        "|---|---|---|---|---|---|",
    ]
    for m in p.models:
        r = m.record
        head.append(
            f"| {code(r.key)} | {PHASE_LABELS[r.phase]} | {_d(r.eol_date)} | {len(m.uses)} | "
            f"{code(m.target) if m.target else 'none'} | {CLASS_LABELS.get(m.swap_class, m.swap_class)} |"
        )
    body: list[str] = []
    for i, m in enumerate(p.models, 1):
        body += _model(i, m, inv.as_of)
    tail = [
        "---",
        "",
        f"Swap classes: {'; '.join(f'**{CLASS_LABELS[c]}**: {CLASS_MEANING[c]}' for c in plan_mod.CLASSES)}. "
        f"A model must move before its End-of-Life date; migration does not happen automatically "
        f"([Amazon Bedrock model lifecycle]({plan_mod.LIFECYCLE_PAGE})).",
        "",
    ]
    return "\n".join([*head, "", *body, *tail])


def render(result: ScanResult, opts: ReportOptions) -> str:
    catalog = cast(Any, opts.catalog)  # a Catalog (report/ does not import catalog/)
    inv = inventory.build(result, catalog)
    p = plan_mod.build(inv, catalog, opts.fixes)
    return markdown(p, warning=catalog_age_warning(result.catalog_date, result.as_of, opts.stale_after_days))
