"""Every fixture case's output, byte for byte (rebuild with scripts/update_snapshots.py)."""

from __future__ import annotations

import pytest

from snapshots import cases, run_case

CASES = list(cases())


@pytest.mark.parametrize(
    ("case", "fmt", "expected"), CASES, ids=[f"{c.relative_to(c.parents[1])}-{f}" for c, f, _ in CASES]
)
def test_snapshot(case, fmt, expected):
    assert run_case(case, fmt) == expected.read_text(encoding="utf-8")


def test_there_are_cases():
    assert len(CASES) >= 5
