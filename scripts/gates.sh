#!/usr/bin/env bash
# The gates CI runs before the tests (scripts/test.sh calls this): each fails on any finding.
#   bash scripts/gates.sh          check (needs .venv with the test extra: ruff, mypy)
#   bash scripts/gates.sh --fix    apply ruff's formatting and safe lint fixes first, then check
set -euo pipefail
cd "$(dirname "$0")/.."
LINTED=(src tests scripts benchmarks policies)
if [ "${1:-}" = "--fix" ]; then
  .venv/bin/ruff format "${LINTED[@]}"
  .venv/bin/ruff check --fix "${LINTED[@]}"
fi
echo "gate: ruff check" >&2
.venv/bin/ruff check "${LINTED[@]}"
echo "gate: ruff format --check" >&2
.venv/bin/ruff format --check "${LINTED[@]}"
echo "gate: mypy (strict; the paths in pyproject's [tool.mypy])" >&2
.venv/bin/mypy
