#!/usr/bin/env bash
# Install everything the tests need, from scratch, run the gates (ruff check, ruff format --check,
# mypy), then the tests:
#   bash scripts/test.sh [pytest args]
# .venv           this package with its test dependencies
# .tools/         the integration targets, each in its own virtual environment, because Checkov pins its
#                 own 'hcl2' fork and an old boto3:
#   checkov-venv    checkov (runs policies/ as external checks)
#   precommit-venv  pre-commit (runs .pre-commit-hooks.yaml via try-repo)
#   wheelhouse      wheels of this package's build and runtime dependencies, so pre-commit and the
#                   --no-deps install test build offline (PIP_NO_INDEX)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
CHECKOV_VERSION=3.3.30
PRE_COMMIT_VERSION=4.7.0

venv() {  # venv DIR: create a virtual environment once, with a current pip
  if [ ! -x "$1/bin/python" ]; then
    "$PY" -m venv "$1"
    "$1/bin/python" -m pip install --quiet --upgrade pip
  fi
}

venv .venv
.venv/bin/python -m pip install --quiet -e ".[test]"

# The gates, first (they need only .venv): ruff check, ruff format --check, mypy; any finding fails the run.
bash scripts/gates.sh

mkdir -p .tools
venv .tools/checkov-venv
.tools/checkov-venv/bin/python -m pip install --quiet "checkov==${CHECKOV_VERSION}"
venv .tools/precommit-venv
.tools/precommit-venv/bin/python -m pip install --quiet "pre-commit==${PRE_COMMIT_VERSION}"
# the runtime dependencies exactly as pyproject.toml declares them, so the wheelhouse never drifts from it
.venv/bin/python -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' \
  > .tools/runtime-requirements.txt
.venv/bin/python -m pip download --quiet -d .tools/wheelhouse "setuptools>=77" wheel -r .tools/runtime-requirements.txt

exec .venv/bin/python -m pytest "$@"
