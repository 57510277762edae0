"""Snapshots of `bedrock-lifecycle fix` on fixtures/fix/<case>/repo.

Each case holds, next to its repo/ (names tests/snapshots.py, which runs `scan` on `expected.*`, does not pick up):

    fix.diff    what `fix repo --diff` prints on stdout (the patch)
    fix.notes   what it prints on stderr (the literals left alone and why, and the summary)

and an optional fix-args.txt (extra CLI arguments, one per line). Every case runs from inside its directory, as of
2026-12-05. Rebuild with

    python tests/migrate/fix_snapshots.py [case-substring]
    python scripts/update_snapshots.py fix      # the same, with the scan snapshots

and read the diff.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CASES_DIR = ROOT / "fixtures" / "fix"
AS_OF = "2026-12-05"


def cases() -> Iterator[Path]:
    for case in sorted(CASES_DIR.iterdir()):
        if (case / "repo").is_dir():
            yield case


def case_args(case: Path) -> list[str]:
    path = case / "fix-args.txt"
    if not path.exists():
        return []
    lines = path.read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def run_fix(case: Path, *extra: str, target: str = "repo") -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `fix <target>` run from inside the case directory."""
    from bedrock_lifecycle.cli import main

    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(case)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["fix", target, "--as-of", AS_OF, "--jobs", "1", *case_args(case), *extra])
    finally:
        os.chdir(cwd)
    return code, out.getvalue(), err.getvalue()


def update(wanted: list[str]) -> int:
    changed = 0
    for case in cases():
        if wanted and not any(w in str(case) for w in wanted):
            continue
        _, diff, notes = run_fix(case)
        for name, text in (("fix.diff", diff), ("fix.notes", notes)):
            path = case / name
            if not path.exists() or path.read_bytes().decode("utf-8") != text:
                path.write_text(text, encoding="utf-8", newline="")
                changed += 1
                print(f"updated {path.relative_to(ROOT)}")
    return changed


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "tests"))
    print(f"{update(sys.argv[1:])} fix snapshot(s) changed")
