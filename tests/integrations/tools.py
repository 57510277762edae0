"""Where the integration tools live: their own virtual environments, made by scripts/test.sh."""

from __future__ import annotations

import os
from pathlib import Path

from needs import missing

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(os.environ.get("BEDROCK_LIFECYCLE_TOOLS", ROOT / ".tools"))


def tool(venv: str, exe: str) -> Path:
    """The executable, or a failure under CI (CI must install it), or a skip with the reason locally."""
    path = TOOLS / venv / "bin" / exe
    if path.exists():
        return path
    message = f"{path} is missing: `bash scripts/test.sh` installs it into its own virtual environment"
    missing(message)


def wheelhouse() -> Path:
    path = TOOLS / "wheelhouse"
    if not any(path.glob("*.whl")):
        message = f"{path} has no wheels: `bash scripts/test.sh` downloads them"
        missing(message)
    return path
