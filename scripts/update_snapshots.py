#!/usr/bin/env python3
"""Rebuild the expected outputs of every fixture case; a reviewer reads the diff.

A case is a directory under fixtures/ holding `repo/` (the input tree) and one
or more `expected.<format>` files. Optional `args.txt` adds CLI arguments (one
per line). Every case is scanned as of the same pinned date:

    python scripts/update_snapshots.py            # all cases
    python scripts/update_snapshots.py terraform  # cases whose path contains 'terraform'
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from snapshots import cases, run_case  # noqa: E402


def main(argv: list[str]) -> int:
    wanted = argv[1:]
    changed = 0
    for case, fmt, expected in cases():
        if wanted and not any(w in str(case) for w in wanted):
            continue
        out = run_case(case, fmt)
        if not expected.exists() or expected.read_text(encoding="utf-8") != out:
            expected.write_text(out, encoding="utf-8")
            changed += 1
            print(f"updated {expected.relative_to(ROOT)}")
    # `inventory` outputs: fixtures/inventory/*/inventory.* (tests/inventory/inventory_snapshots.py)
    sys.path.insert(0, str(ROOT / "tests" / "inventory"))
    from inventory_snapshots import update as update_inventory

    changed += update_inventory(wanted)
    # `fix` outputs: fixtures/fix/*/fix.diff and fix.notes (tests/migrate/fix_snapshots.py)
    sys.path.insert(0, str(ROOT / "tests" / "migrate"))
    from fix_snapshots import update as update_fix

    changed += update_fix(wanted)
    print(f"{changed} snapshot(s) changed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
