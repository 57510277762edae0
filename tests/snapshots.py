"""Fixture cases and how to run them; shared by the snapshot test and scripts/update_snapshots.py."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator
from pathlib import Path

from bedrock_lifecycle.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
AS_OF = "2026-11-25"
FORMATS = {"json": "json", "txt": "cli", "sarif": "sarif", "xml": "junitxml", "md": "github", "csv": "csv"}
# Formats whose file extension another format already has: matched by the whole file name first.
NAMED = {"expected.migration.md": "migration"}


def cases() -> Iterator[tuple[Path, str, Path]]:
    """(case directory, output format, expected file), sorted."""
    for expected in sorted(FIXTURES.rglob("expected.*")):
        case = expected.parent
        fmt = NAMED.get(expected.name) or FORMATS.get(expected.suffix.lstrip("."))
        if (case / "repo").is_dir() and fmt is not None:
            yield case, fmt, expected


def case_args(case: Path) -> list[str]:
    args_file = case / "args.txt"
    if not args_file.exists():
        return []
    return [line.strip() for line in args_file.read_text().splitlines() if line.strip() and not line.startswith("#")]


def run_case(case: Path, fmt: str) -> str:
    """Scan case/repo from inside the case directory, as a user would, and return stdout."""
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(case)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            main(["scan", "repo", "-o", fmt, "--as-of", AS_OF, "--no-color", "--jobs", "1", *case_args(case)])
    finally:
        os.chdir(cwd)
    return out.getvalue()
