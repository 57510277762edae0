"""``bedrock-lifecycle fix``: from a scan result to a patch (``--diff``) or rewritten files (``--write``).

The command module parses options and runs the scan; this module decides what to rewrite and renders the patch
and the notes. The patch goes to stdout alone (so ``fix > change.patch`` is a file ``git apply`` takes); the notes
(what was left alone and why, and a summary) go to stderr.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from bedrock_lifecycle.catalog.model import Catalog
from bedrock_lifecycle.errors import FatalError
from bedrock_lifecycle.migrate.rewrite import Edit, NotFixed, plan_edits, unified_diff, write_edits
from bedrock_lifecycle.model import Finding, Result, ScanResult

LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class FixOutcome:
    edits: tuple[Edit, ...]
    not_fixed: tuple[NotFixed, ...]
    diff: str  # the patch of every edit (also with --write: what was applied)
    written: tuple[str, ...] = ()  # files rewritten (--write)

    @property
    def files(self) -> tuple[str, ...]:
        return tuple(sorted({e.path for e in self.edits}))


def failing(finding: Finding) -> bool:
    """What ``fix`` fixes: a FAILED finding the fail policy enforces (--fail-on, --check, --hard/soft-fail-on)."""
    return finding.result is Result.FAILED and finding.enforced


def fix(
    result: ScanResult,
    catalog: Catalog,
    *,
    write: bool,
    unsafe: bool,
    select: Callable[[Finding], bool] = failing,
) -> FixOutcome:
    edits, not_fixed = plan_edits(result, catalog, result.as_of, unsafe=unsafe, select=select)
    try:
        diff = unified_diff(edits, result.root)
        written = tuple(write_edits(edits, result.root)) if write else ()
    except (OSError, ValueError) as exc:  # a file changed or vanished since the scan: stop, write nothing more
        raise FatalError(f"fix stopped: {exc}") from None
    return FixOutcome(tuple(edits), tuple(not_fixed), diff, written)


def render_notes(outcome: FixOutcome, *, write: bool) -> str:
    """One line per literal left alone (path:line:col: why [resources]), then a summary line."""
    lines = []
    for nf in sorted(outcome.not_fixed, key=lambda n: (n.path, n.line, n.col)):
        where = f"{nf.path}:{nf.line}" + (f":{nf.col}" if nf.col else "")
        reaches = f" [{', '.join(nf.resources)}]" if nf.resources else ""
        lines.append(f"{where}: {nf.reference or '-'}: {nf.reason}{reaches}")
    verb = "rewrote" if write else "would rewrite"
    files = len(outcome.files)
    lines.append(
        f"{verb} {len(outcome.edits)} literal(s) in {files} file(s); "
        f"{len(outcome.not_fixed)} left for a person (see above)"
        if outcome.not_fixed
        else f"{verb} {len(outcome.edits)} literal(s) in {files} file(s)"
    )
    return "\n".join(lines) + "\n"


def exit_code(outcome: FixOutcome, *, write: bool) -> int:
    """0 when nothing is left to do; 1 when a patch is pending (--diff) or a failing literal was left alone."""
    if outcome.not_fixed:
        return 1
    return 0 if write or not outcome.edits else 1
