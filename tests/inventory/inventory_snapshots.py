"""Snapshots of `bedrock-lifecycle inventory` on fixtures/inventory/<case>/repo.

Each case holds the outputs next to its repo/ (names that tests/snapshots.py,
which runs `scan` on `expected.*`, does not pick up):

    inventory.txt  inventory.json  inventory.csv  inventory.cdx.json  inventory.html

and an optional inventory-args.txt (extra CLI arguments, one per line). Every
case runs from inside its directory, as of 2026-11-25, with "today" pinned by
SOURCE_DATE_EPOCH and HTML links under a fixed --link-base. Rebuild with

    python tests/inventory/inventory_snapshots.py [case-substring]
    python scripts/update_snapshots.py inventory      # the same, with the scan snapshots
    UPDATE_SNAPSHOTS=1 python -m pytest tests/inventory  # rewrite while testing

and read the diff.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CASES_DIR = ROOT / "fixtures" / "inventory"
AS_OF = "2026-11-25"
TODAY_EPOCH = "1795564800"  # 2026-11-25T00:00:00Z: the HTML timeline's "today" line
LINK_BASE = "https://github.com/example/platform/blob/main"
OUTPUTS = {
    "inventory.txt": "table",
    "inventory.json": "json",
    "inventory.csv": "csv",
    "inventory.cdx.json": "cyclonedx",
}
HTML = "inventory.html"
ALL = (*OUTPUTS, HTML)


def cases() -> Iterator[Path]:
    for case in sorted(CASES_DIR.iterdir()):
        if (case / "repo").is_dir():
            yield case


def case_args(case: Path) -> list[str]:
    path = case / "inventory-args.txt"
    if not path.exists():
        return []
    lines = path.read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@contextlib.contextmanager
def _pinned(case: Path) -> Iterator[None]:
    cwd, epoch = os.getcwd(), os.environ.get("SOURCE_DATE_EPOCH")
    os.chdir(case)
    os.environ["SOURCE_DATE_EPOCH"] = TODAY_EPOCH
    try:
        yield
    finally:
        os.chdir(cwd)
        if epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = epoch


def run(case: Path, fmt: str, html: Path | None = None) -> tuple[int, str]:
    """(exit code, stdout) of `inventory repo -o fmt` run inside the case directory."""
    from bedrock_lifecycle.cli import main

    argv = ["inventory", "repo", "-o", fmt, "--as-of", AS_OF, "--jobs", "1", "--link-base", LINK_BASE]
    if html is not None:
        argv += ["--html", str(html)]
    out = io.StringIO()
    with _pinned(case), contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main([*argv, *case_args(case)])
    return code, out.getvalue()


def outputs(case: Path) -> dict[str, str]:
    """Every snapshot file name -> the output it should hold."""
    got: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        for name, fmt in OUTPUTS.items():
            _, got[name] = run(case, fmt, page if fmt == "table" else None)
        got[HTML] = page.read_text(encoding="utf-8")
    return got


def update(wanted: list[str]) -> int:
    changed = 0
    for case in cases():
        if wanted and not any(w in str(case) for w in wanted):
            continue
        for name, text in outputs(case).items():
            path = case / name
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
                changed += 1
                print(f"updated {path.relative_to(ROOT)}")
    return changed


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    print(f"{update(sys.argv[1:])} inventory snapshot(s) changed")
