"""One self-contained HTML page: summary, lifecycle timeline, migration plan, inventory and findings.

Made to be attached to a CI run or mailed to a reviewer, so it needs nothing
else: the CSS, the SVG timeline (drawn here, no chart library) and a small
sorting script are inline; a Content-Security-Policy meta tag allows exactly
that style and script (by hash) and nothing from the network. Everything taken
from the scanned files is escaped, and file links are relative paths or a
given https base, never a scheme a file name could smuggle in.

"today" is a parameter (the CLI passes the real date, or SOURCE_DATE_EPOCH's),
so the same input gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import posixpath
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, cast
from urllib.parse import quote

from bedrock_lifecycle.coverage import Coverage
from bedrock_lifecycle.inventory import (
    MIGRATION_GUIDE,
    PHASE_LABELS,
    PHASES,
    HorizonSpec,
    Inventory,
    ModelRecord,
    add_months,
    build,
    migration_text,
)
from bedrock_lifecycle.migrate.plan import (
    CLASS_LABELS,
    CLASS_MEANING,
    LIFECYCLE_PAGE,
    MigrationPlan,
    ModelPlan,
    Use,
)
from bedrock_lifecycle.migrate.plan import build as build_plan
from bedrock_lifecycle.model import Finding, Result, ScanResult
from bedrock_lifecycle.report import ReportOptions, catalog_age_warning, catalog_label

DEFAULT_HORIZON = "180d"
COLORS = {
    "active": "#2e7d32",
    "legacy": "#f2a900",
    "extended-access": "#e8590c",
    "eol": "#c62828",
    "unknown": "#7b3fa0",
    "opaque": "#607d8b",
}

CSS = """
:root{--fg:#1d2430;--muted:#5b6473;--line:#d9dee7;--bg:#f6f7f9;--card:#fff;--accent:#1f4e96}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,
"Liberation Sans","DejaVu Sans",Arial,sans-serif}
main{max-width:1360px;margin:0 auto;padding:20px 24px 40px}
header{background:#16213a;color:#fff;padding:18px 24px}
header h1{margin:0 0 4px;font-size:22px;font-weight:600}
header p{margin:0;color:#c7d0e0;font-size:13px}
h2{font-size:17px;margin:26px 0 10px}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 18px;margin:14px 0}
section>h2{margin-top:0}
.cards{display:grid;grid-template-columns:repeat(7,1fr);gap:10px}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 12px;background:#fff;
border-top:5px solid #999}
.card b{display:block;font-size:26px;line-height:1.1}
.card span{color:var(--muted);font-size:12px}
.card.eol{border-top-color:#c62828}.card.extended-access{border-top-color:#e8590c}
.card.legacy{border-top-color:#f2a900}.card.active{border-top-color:#2e7d32}
.card.unknown{border-top-color:#7b3fa0}.card.opaque{border-top-color:#607d8b}.card.failing{border-top-color:#16213a}
.note{color:var(--muted);font-size:12px;margin:6px 0 0}
svg{display:block;max-width:100%;height:auto}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans","DejaVu Sans",Arial,
sans-serif}
svg .mono{font-family:"DejaVu Sans Mono","Liberation Mono",Menlo,Consolas,monospace;font-size:12px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#eef1f6;position:sticky;top:0;white-space:nowrap}
table.sortable th{cursor:pointer;user-select:none}
table.sortable th::after{content:" \\2195";color:#9aa3b2;font-size:11px}
table.sortable th[aria-sort=ascending]::after{content:" \\2191";color:var(--fg)}
table.sortable th[aria-sort=descending]::after{content:" \\2193";color:var(--fg)}
td.msg{max-width:520px}
td code{overflow-wrap:anywhere}
td.date{white-space:nowrap}
#inventory table{table-layout:fixed}#inventory th{white-space:normal}#inventory td a{overflow-wrap:anywhere}
#inventory th:nth-child(1){width:19%}#inventory th:nth-child(2){width:10%}#inventory th:nth-child(3),
#inventory th:nth-child(4),#inventory th:nth-child(5){width:7.5%}#inventory th:nth-child(6){width:4.5%}
#inventory th:nth-child(7){width:17%}#inventory th:nth-child(8){width:7%}#inventory th:nth-child(9){width:20%}
#findings td:nth-child(4){min-width:260px}
section{overflow-x:auto}
code,.mono{font-family:"DejaVu Sans Mono","Liberation Mono",Menlo,Consolas,monospace;font-size:12px}
a{color:var(--accent)}
.badge{display:inline-block;border-radius:10px;padding:1px 8px;font-size:12px;color:#fff;white-space:nowrap}
.b-eol{background:#c62828}.b-extended-access{background:#e8590c}.b-legacy{background:#f2a900;color:#1d2430}
.b-active{background:#2e7d32}.b-unknown{background:#7b3fa0}.b-opaque{background:#607d8b}
.r-FAILED{background:#c62828}.r-WARNING{background:#b26a00}.r-SKIPPED{background:#6b7280}.r-PASSED{background:#2e7d32}
body.hide-passed tr.passed{display:none}
.toolbar{margin:0 0 8px;color:var(--muted);font-size:13px}
ul.plan{margin:0;padding-left:18px}ul.plan li{margin:3px 0}
article.mig{border-top:1px solid var(--line);padding:10px 0 4px}article.mig h3{margin:4px 0 6px;font-size:15px}
article.mig h4{margin:10px 0 4px;font-size:13px}article.mig p{margin:4px 0}
table.uses td:nth-child(3){max-width:360px}ul.check{list-style:none;margin:0;padding-left:4px}
ul.check li{margin:3px 0}
.s-drop-in{background:#2e7d32}.s-code-change{background:#b26a00}.s-re-embed{background:#6a3fa0}
.s-no-target{background:#c62828}
table.changes{width:auto}table.changes th{position:static}table.changes td.differs{font-weight:600;color:#b26a00}
""".strip()

SCRIPT = """
(function () {
  function key(cell) {
    var v = cell.getAttribute("data-sort");
    return v === null ? cell.textContent.trim().toLowerCase() : v;
  }
  function sortBy(table, index, th) {
    var asc = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[index]), y = key(b.cells[index]);
      var c = x < y ? -1 : (x > y ? 1 : 0);
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(table, i, th); });
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(table, i, th); }
      });
    });
  });
  var toggle = document.getElementById("show-passed");
  if (toggle) {
    var apply = function () { document.body.classList.toggle("hide-passed", !toggle.checked); };
    toggle.addEventListener("change", apply);
    apply();
  }
  document.documentElement.setAttribute("data-js", "ready");
})();
""".strip()


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


CSP = (
    f"default-src 'none'; style-src '{_sha256(CSS)}'; script-src '{_sha256(SCRIPT)}'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


def e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _iso(value: date | None) -> str:
    return value.isoformat() if value else "-"


def file_link(path: str, line: int, link_base: str = "") -> str:
    """An href for a scanned file: under an https base (GitHub style #L), or relative, never a scheme."""
    quoted = quote(path, safe="/")
    if link_base.startswith(("https://", "http://")):
        return f"{link_base.rstrip('/')}/{quoted}#L{line}"
    prefix = quote(link_base.strip("/"), safe="/") if link_base else "."
    return f"{posixpath.join(prefix, quoted)}#L{line}"


# --- the timeline ---

ROW_H = 28
LABEL_W = 390
CHART_W = 1300
DATE_W = 118  # the right-hand column: each model's EOL date
TOP = 58


def _axis(inv: Inventory, models: Sequence[ModelRecord], today: date | None) -> tuple[date, date]:
    days = [d for m in models for d in (m.legacy_date, m.extended_access_date, m.eol_date) if d]
    days += [inv.as_of] + ([today] if today else [])
    if inv.horizon:
        days.append(inv.horizon.end)
    lo = max(min(days), add_months(inv.as_of, -36))
    hi = min(max(days), add_months(inv.as_of, 36))
    lo = add_months(date(lo.year, lo.month, 1), -1)
    hi = add_months(date(hi.year, hi.month, 1), 2)
    return lo, hi


def _ticks(lo: date, hi: date) -> list[tuple[date, bool]]:
    months = (hi.year - lo.year) * 12 + hi.month - lo.month
    step = 1 if months <= 14 else 3 if months <= 48 else 6
    out = []
    day = lo
    while day <= hi:
        out.append((day, (day.month - 1) % step == 0))
        day = add_months(day, 1)
    return out


def timeline(inv: Inventory, today: date | None) -> str:
    models = [m for m in inv.models if m.model_id]
    if not models:
        return '<p class="note">No reference resolved to a catalog model: nothing to draw.</p>'
    lo, hi = _axis(inv, models, today)
    span = max(1, (hi - lo).days)
    x0, x1 = LABEL_W, CHART_W - DATE_W
    height = TOP + ROW_H * len(models) + 40

    def x(day: date) -> float:
        day = min(max(day, lo), hi)
        return round(x0 + (day - lo).days / span * (x1 - x0), 1)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_W} {height}" width="{CHART_W}" '
        f'height="{height}" role="img" aria-label="Lifecycle timeline of each referenced model">'
    ]
    bottom = TOP + ROW_H * len(models)
    out += [
        f'<rect x="0" y="{TOP + i * ROW_H}" width="{CHART_W}" height="{ROW_H}" fill="#f7f8fb"/>'
        for i in range(1, len(models), 2)
    ]  # row stripes, under the grid and the horizon band
    for day, major in _ticks(lo, hi):
        px = x(day)
        grid = "#c9d0db" if major else "#eceff4"
        out.append(f'<line x1="{px}" y1="{TOP - 6}" x2="{px}" y2="{bottom}" stroke="{grid}"/>')
        if major and px < x1 - 50:
            out.append(
                f'<text x="{px + 3}" y="{TOP - 10}" font-size="11" fill="#5b6473">{day.strftime("%b %Y")}</text>'
            )
    if inv.horizon:
        hx0, hx1 = x(inv.horizon.start), x(inv.horizon.end)
        out.append(
            f'<rect x="{hx0}" y="{TOP - 6}" width="{round(hx1 - hx0, 1)}" height="{bottom - TOP + 6}" '
            f'fill="#1f4e96" fill-opacity="0.07"><title>horizon {e(inv.horizon.spec)}: '
            f"{inv.horizon.start} to {inv.horizon.end}</title></rect>"
        )
        out.append(
            f'<rect x="{hx0}" y="{TOP - 6}" width="{round(hx1 - hx0, 1)}" height="4" fill="#1f4e96" '
            'fill-opacity="0.55"/>'
        )
    for i, m in enumerate(models):
        y = TOP + i * ROW_H
        label = m.key if len(m.key) <= 46 else m.key[:45] + "\u2026"
        out.append(f'<circle cx="12" cy="{y + ROW_H / 2}" r="5" fill="{COLORS[m.phase]}"/>')
        out.append(
            f'<text class="mono" x="24" y="{y + 18}" fill="#1d2430"><title>{e(m.key)} '
            f"({e(m.name)}): {PHASE_LABELS[m.phase]}</title>{e(label)}</text>"
        )
        out += _bars(m, y, x, lo, hi)
    for day, label, color, dash, dy in _markers(inv, today):
        px = x(day)
        out.append(
            f'<line x1="{px}" y1="{TOP - 26}" x2="{px}" y2="{bottom + 4}" stroke="{color}" stroke-width="2"{dash}/>'
        )
        anchor = "end" if px + 7.2 * len(label) > x1 else "start"
        tx = px - 4 if anchor == "end" else px + 4
        out.append(
            f'<text x="{tx}" y="{TOP - 28 + dy}" font-size="12" font-weight="600" fill="{color}" '
            f'text-anchor="{anchor}">{e(label)}</text>'
        )
    out += _legend(bottom + 24, inv)
    out.append("</svg>")
    return "\n".join(out)


def _markers(inv: Inventory, today: date | None) -> list[tuple[date, str, str, str, int]]:
    asof = (inv.as_of, f"as of {inv.as_of}", "#1f4e96", ' stroke-dasharray="6 4"', 0)
    if today is None:
        return [asof]
    if today == inv.as_of:
        return [(today, f"today = as of {today}", "#111827", "", 0)]
    return [asof, (today, f"today {today}", "#111827", "", -14 if abs((today - inv.as_of).days) < 200 else 0)]


def _bars(m: ModelRecord, y: float, xf: Callable[[date], float], lo: date, hi: date) -> list[str]:
    segments: list[tuple[str, date, date]] = []
    if m.legacy_date is None and m.eol_date is None:
        segments.append(("active", lo, hi))
    else:
        end_active = m.legacy_date or m.eol_date or hi
        segments.append(("active", lo, end_active))
        if m.legacy_date:
            segments.append(("legacy", m.legacy_date, m.extended_access_date or m.eol_date or hi))
        if m.extended_access_date:
            segments.append(("extended-access", m.extended_access_date, m.eol_date or hi))
        if m.eol_date:
            segments.append(("eol", m.eol_date, hi))
    out = []
    undated = m.legacy_date is None and m.eol_date is None
    for phase, start, end in segments:
        a, b = xf(start), xf(end)
        if b - a <= 0:
            continue
        since, until = (start if start > lo else "..."), (end if end < hi else "...")
        tip = "Active: no retirement announced" if undated else f"{PHASE_LABELS[phase]}: {since} to {until}"
        fill = "#b7dcb9" if undated else COLORS[phase]
        out.append(
            f'<rect x="{a}" y="{y + 6}" width="{round(b - a, 1)}" height="{ROW_H - 12}" '
            f'fill="{fill}"><title>{e(m.key)}: {e(tip)}</title></rect>'
        )
    if undated:
        out.append(
            f'<text x="{xf(lo) + 6}" y="{y + 18}" font-size="11" fill="#1b4d1e">Active: no retirement announced</text>'
        )
    label = f"EOL {m.eol_date}" if m.eol_date else "no EOL date"
    color = COLORS["eol"] if m.eol_date else "#5b6473"
    out.append(f'<text x="{CHART_W - DATE_W + 12}" y="{y + 18}" font-size="12" fill="{color}">{label}</text>')
    return out


def _legend(y: float, inv: Inventory) -> list[str]:
    items = [
        ("active", "Active"),
        ("legacy", "Legacy"),
        ("extended-access", "Public extended access"),
        ("eol", "End-of-Life"),
    ]
    out, px = [], LABEL_W
    for phase, label in items:
        out.append(f'<rect x="{px}" y="{y - 10}" width="14" height="12" fill="{COLORS[phase]}"/>')
        out.append(f'<text x="{px + 20}" y="{y}" font-size="12" fill="#1d2430">{label}</text>')
        px += 40 + len(label) * 7
    if inv.horizon:
        out.append(f'<rect x="{px}" y="{y - 10}" width="14" height="12" fill="#1f4e96" fill-opacity="0.18"/>')
        out.append(
            f'<text x="{px + 20}" y="{y}" font-size="12" fill="#1d2430">horizon '
            f"{e(inv.horizon.spec)} (to {inv.horizon.end})</text>"
        )
    return out


# --- page sections ---


def _cards(inv: Inventory) -> str:
    counts, refs = inv.counts(), inv.reference_counts()
    cards = []
    for phase in PHASES:
        cards.append(
            f'<div class="card {phase}"><b>{counts[phase]}</b><span>{PHASE_LABELS[phase]} model'
            f"{'s' if counts[phase] != 1 else ''} &middot; {refs[phase]} ref"
            f"{'s' if refs[phase] != 1 else ''}</span></div>"
        )
    failing = sum(1 for m in inv.models if m.failing)
    cards.append(
        f'<div class="card failing"><b>{failing}</b><span>model{"s" if failing != 1 else ""} '
        "failing the run</span></div>"
    )
    return '<div class="cards">' + "".join(cards) + "</div>"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _badge(phase: str) -> str:
    return f'<span class="badge b-{phase}">{PHASE_LABELS[phase]}</span>'


def _plan(inv: Inventory, plan: MigrationPlan | None = None, link_base: str = "") -> str:
    parts = []
    todo = [m for m in inv.models if m.migration and m.phase != "active"]
    if plan is not None and plan.models:
        parts.append(_plan_summary(plan))
        parts += [_model_plan(m, inv.as_of, link_base) for m in plan.models]
    elif todo:
        items = []
        for m in todo:
            assert m.migration is not None
            items.append(
                f"<li><code>{e(m.key)}</code> {_badge(m.phase)}: {e(migration_text(m.migration, inv.as_of))}</li>"
            )
        parts.append(f'<h3>Replace now</h3><ul class="plan">{"".join(items)}</ul>')
    if inv.horizon is not None:
        h = inv.horizon
        if h.events:
            items = [
                f"<li><b>{ev.day}</b> <code>{e(ev.model.key)}</code> becomes {_badge(ev.change)} "
                f"({_n(len(ev.model.occurrences), 'reference')})"
                + (f": {e(migration_text(ev.model.migration, h.start))}" if ev.model.migration else "")
                + "</li>"
                for ev in h.events
            ]
            body = f'<ul class="plan">{"".join(items)}</ul>'
        else:
            body = '<p class="note">No referenced model changes phase in this window.</p>'
        parts.append(f"<h3>Coming up: horizon {e(h.spec)} ({h.start} to {h.end})</h3>{body}")
    if not parts:
        return ""
    guide = (
        f'<p class="note">How to migrate: <a href="{e(MIGRATION_GUIDE)}">'
        "docs/policies.md#migrating-a-model</a>. A replacement is only ever an Active model: the "
        "catalog's chain is followed past Legacy and EOL ones. "
        f"<code>bedrock-lifecycle scan -o migration</code> writes this plan as Markdown for a pull request; "
        f'<a href="{e(LIFECYCLE_PAGE)}">Amazon Bedrock model lifecycle</a>.</p>'
    )
    return f'<section id="plan"><h2>Migration plan</h2>{"".join(parts)}{guide}</section>'


def _swap_badge(swap_class: str) -> str:
    return f'<span class="badge s-{e(swap_class)}">{e(CLASS_LABELS.get(swap_class, swap_class))}</span>'


def _plan_summary(plan: MigrationPlan) -> str:
    counts = plan.counts()
    split = ", ".join(f"{n} {_swap_badge(c)}" for c, n in counts.items() if n)
    return (
        f'<p class="toolbar">{_n(len(plan.models), "model")} to migrate: {split}; '
        f"<code>bedrock-lifecycle fix --write</code> rewrites {_n(plan.fixable, 'literal')} (drop-in swaps), "
        "<code>--unsafe</code> adds the code changes; re-embed and no-target swaps are never rewritten.</p>"
    )


def _use_row(use: Use, link_base: str) -> str:
    o, p = use.occurrence, use.proposal
    via = " &rarr; ".join(
        f'{e(s.via)} (<a href="{e(file_link(s.path, s.line, link_base))}">{e(s.path)}:{s.line}</a>)'
        for s in o.provenance
    )
    new = use.proposed
    if use.skipped:
        proposed, how = "-", f"skipped ({e(', '.join(o.skipped_checks))})"
    elif p is None:
        proposed, how = "-", "by hand"
    elif new is None:
        proposed, how = "-", f"{_swap_badge(p.swap_class)} by hand"
    else:
        proposed = f"<code>{e(new)}</code>"
        how = _swap_badge(p.swap_class) + (f" <code>{e(p.applied_by)}</code>" if p.applied_by else " by hand")
    return (
        f'<tr><td><a href="{e(file_link(o.path, o.line, link_base))}">{e(o.path)}:{o.line}</a></td>'
        f"<td><code>{e(o.resource)}</code></td><td>{via or '-'}</td><td><code>{e(o.text)}</code></td>"
        f"<td>{proposed}</td><td>{how}</td></tr>"
    )


def _model_plan(m: ModelPlan, as_of: date, link_base: str) -> str:
    r = m.record
    assert r.migration is not None
    target = f" &rarr; <code>{e(m.target)}</code>" if m.target else " &rarr; no Active target"
    dates = (
        f"Legacy {_iso(r.legacy_date)}"
        + (f", extended access {_iso(r.extended_access_date)}" if r.extended_access_date else "")
        + f", EOL {_iso(r.eol_date)}"
    )
    reasons = "".join(f"<li>{e(x)}</li>" for x in m.reasons)
    inferred = (
        " (the target is not the replacement AWS names for this model: the catalog's chain was followed)"
        if m.inferred
        else ""
    )
    table = ""
    if m.changes and m.target:
        differs = ' class="differs"'
        cells = "".join(
            f"<tr><th>{e(c.aspect)}</th><td>{e(c.source)}</td><td{differs if c.differs else ''}>{e(c.target)}</td></tr>"
            for c in m.changes
        )
        table = (
            f'<h4>What changes</h4><table class="changes"><thead><tr><th></th><th><code>{e(r.key)}</code></th>'
            f"<th><code>{e(m.target)}</code></th></tr></thead><tbody>{cells}</tbody></table>"
        )
    head = "".join(f"<th>{h}</th>" for h in ("Literal", "Resource", "Reaches it via", "As written", "Proposed", "How"))
    steps = "".join(f'<li><label><input type="checkbox"> {_inline_code(x)}</label></li>' for x in m.checklist)
    return (
        f'<article class="mig"><h3><code>{e(r.key)}</code> {_badge(r.phase)}{target} {_swap_badge(m.swap_class)}</h3>'
        f"<p>{e(r.name or '')}{' &middot; ' if r.name else ''}{dates} &middot; "
        f"{e(migration_text(r.migration, as_of))}</p>"
        f"<p><b>{e(CLASS_LABELS.get(m.swap_class, m.swap_class))}</b>: "
        f"{e(CLASS_MEANING.get(m.swap_class, ''))}{inferred}</p>"
        + table
        + (f'<h4>Why this swap class</h4><ul class="plan">{reasons}</ul>' if reasons else "")
        + f"<h4>Where it is used ({_n(len(m.uses), 'reference')})</h4>"
        f'<table class="uses"><thead><tr>{head}</tr></thead><tbody>'
        + "".join(_use_row(u, link_base) for u in m.uses)
        + f'</tbody></table><h4>Before cutting over</h4><ul class="check">{steps}</ul></article>'
    )


def _inline_code(text: str) -> str:
    """Escape, then turn Markdown `code` spans of the checklist into <code> (the text is ours, not scanned)."""
    pieces = e(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(pieces))


def _inventory_table(inv: Inventory, link_base: str) -> str:
    rows = []
    for i, m in enumerate(inv.models):
        where = "<br>".join(
            f'<a href="{e(file_link(o.path, o.line, link_base))}">{e(o.path)}:{o.line}</a>' for o in m.occurrences[:6]
        )
        if len(m.occurrences) > 6:
            where += f"<br>and {len(m.occurrences) - 6} more"
        mig = m.migration
        repl = "-"
        if mig is not None and mig.replacement:
            repl = f"<code>{e(mig.replacement)}</code> {_badge(mig.replacement_phase or 'unknown')}"
        elif mig is not None:
            repl = e(mig.note or "none")
        rows.append(
            f'<tr><td data-sort="{i:05d}"><code>{e(m.key)}</code>{"<br>" + e(m.name) if m.name else ""}</td>'
            f'<td data-sort="{PHASES.index(m.phase)}">{_badge(m.phase)}</td>'
            f'<td class="date">{_iso(m.legacy_date)}</td><td class="date">{_iso(m.extended_access_date)}</td>'
            f'<td class="date">{_iso(m.eol_date)}</td>'
            f'<td data-sort="{len(m.occurrences):05d}">{len(m.occurrences)}</td><td>{where}</td>'
            f"<td>{e(', '.join(m.regions)) or '-'}</td><td>{repl}</td></tr>"
        )
    head = (
        "<tr><th>Model</th><th>Status</th><th>Legacy</th><th>Extended access</th><th>EOL</th>"
        "<th>Refs</th><th>Where</th><th>Regions</th><th>Replacement</th></tr>"
    )
    return (
        f'<section id="inventory"><h2>Inventory: {len(inv.models)} models</h2><table class="sortable">'
        f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _result_word(f: Finding) -> str:
    return "WARNING" if f.result is Result.FAILED and not f.failing else f.result.value


def _findings_table(findings: Iterable[Finding], link_base: str) -> str:
    rank = {"FAILED": 0, "WARNING": 1, "SKIPPED": 2, "PASSED": 3}
    rows, passed, shown = [], 0, 0
    for f in findings:
        res, ref = f.resolution, f.resolution.reference
        word = _result_word(f)
        passed += f.result is Result.PASSED
        shown += f.result is not Result.PASSED
        phase = res.status.value.lower() if not res.extended_access else "extended-access"
        loc = f"{ref.span.path}:{ref.span.start_line}"
        rows.append(
            f'<tr class="{"passed" if f.result is Result.PASSED else "problem"}">'
            f'<td data-sort="{rank[word]}"><span class="badge r-{word}">{word}</span></td>'
            f'<td data-sort="{e(f.check_id)}"><b>{e(f.check_id)}</b><br>{e(f.check_name)}</td>'
            f'<td data-sort="{9 - f.severity.rank}">{e(f.severity.value)}</td>'
            f"<td><code>{e(ref.text)}</code><br>{_badge(phase)}</td>"
            f'<td data-sort="{e(ref.span.path)} {ref.span.start_line:07d}">'
            f'<a href="{e(file_link(ref.span.path, ref.span.start_line, link_base))}">{e(loc)}</a></td>'
            f"<td><code>{e(ref.resource)}</code></td>"
            f'<td class="msg">{e(f.message)}'
            f"{'<br><i>skip: ' + e(f.suppress_comment) + '</i>' if f.suppress_comment else ''}</td></tr>"
        )
    head = (
        "<tr><th>Result</th><th>Check</th><th>Severity</th><th>Reference</th><th>File</th>"
        "<th>Resource</th><th>Message</th></tr>"
    )
    toolbar = (
        f'<p class="toolbar">{shown} failed or skipped, {passed} passed. '
        f'<label><input type="checkbox" id="show-passed"> show passed checks</label> '
        "&middot; click a column to sort</p>"
    )
    return (
        f'<section id="findings"><h2>Findings</h2>{toolbar}<table class="sortable">'
        f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def render_report(
    result: ScanResult,
    inv: Inventory,
    *,
    today: date | None = None,
    link_base: str = "",
    plan: MigrationPlan | None = None,
) -> str:
    meta = (
        f"bedrock-lifecycle {e(inv.version)} &middot; catalog "
        f"{e(catalog_label(inv.catalog_date, inv.catalog_source, inv.catalog_sources_date))} "
        f"&middot; as of {inv.as_of} &middot; "
        f"{_n(inv.references, 'reference')} to {_n(len(inv.models), 'model')} in "
        f"{_n(len(inv.files), 'file')} ({inv.files_scanned} scanned)"
        + (f" &middot; {inv.diagnostics} file diagnostics" if inv.diagnostics else "")
    )
    if result.files:  # the scan's coverage: files read per framework, files skipped by reason
        meta += f" &middot; {e(Coverage.of(result.files).sentence())}"
    undrawn = sum(1 for m in inv.models if not m.model_id)
    stale = catalog_age_warning(inv.catalog_date, inv.as_of)
    note = (f'<p class="note">warning: {e(stale)}</p>' if stale else "") + (
        (
            f'<p class="note">{undrawn} unknown or opaque reference{"s are" if undrawn != 1 else " is"} not '
            "on the timeline (no catalog dates); see the inventory below.</p>"
        )
        if undrawn
        else ""
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">',
            "<title>Bedrock model lifecycle report</title>",
            f"<style>{CSS}</style>",
            "</head>",
            '<body class="hide-passed">',
            f"<header><h1>Bedrock model lifecycle report</h1><p>{meta}</p></header>",
            "<main>",
            f'<section id="summary"><h2>Summary</h2>{_cards(inv)}</section>',
            f'<section id="timeline"><h2>Lifecycle timeline</h2>{timeline(inv, today)}{note}</section>',
            _plan(inv, plan, link_base),
            _inventory_table(inv, link_base),
            _findings_table(result.findings, link_base),
            "</main>",
            f"<script>{SCRIPT}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


def render(result: ScanResult, opts: ReportOptions) -> str:
    """``scan -o html``: the same page, with the horizon of ``--horizon`` (default 180 days)."""
    spec = opts.horizon if isinstance(opts.horizon, HorizonSpec) else HorizonSpec.parse(DEFAULT_HORIZON)
    catalog = cast(Any, opts.catalog)  # a Catalog (report/ does not import catalog/)
    inv = build(result, catalog, spec)
    plan = build_plan(inv, catalog, opts.fixes) if catalog is not None else None
    return render_report(result, inv, today=opts.today, link_base=opts.link_base, plan=plan)
