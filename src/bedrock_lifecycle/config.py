"""The scan configuration: one immutable object, built once by the CLI and passed down."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from bedrock_lifecycle.policies import DEFAULT_FAIL_ON
from bedrock_lifecycle.suppress import SuppressionRule

LOG = logging.getLogger(__name__)

DEFAULT_SKIP_DIRS = (
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    ".terraform",
    ".terragrunt-cache",
    ".venv",
    "venv",
    "vendor",
    "__pycache__",
    ".tox",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".serverless",
    ".aws-sam",
)
DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024
FRAMEWORKS = ("terraform", "cloudformation", "config", "source", "shell")  # scanned by default
OPTIONAL_FRAMEWORKS = ("docs",)  # scanned only when asked (--include-docs, or --framework docs)


@dataclass(frozen=True)
class Config:
    paths: tuple[str, ...]  # directories and files to scan, as given
    root: str  # absolute scan root; reported paths are relative to it
    as_of: date
    warn_days: int = 90
    checks: frozenset[str] = frozenset()  # --check: IDs or severities; empty = all
    skip_checks: frozenset[str] = frozenset()
    fail_on: frozenset[str] = DEFAULT_FAIL_ON
    soft_fail: bool = False
    skip_paths: tuple[str, ...] = ()  # regular expressions on the relative POSIX path
    skip_dirs: tuple[str, ...] = DEFAULT_SKIP_DIRS
    frameworks: frozenset[str] = frozenset(FRAMEWORKS)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    jobs: int = 1
    strict: bool = False
    inline_skips: bool = True
    report_only: frozenset[str] | None = field(default=None)  # explicit files: report only these (rel paths)
    hard_fail_on: frozenset[str] = frozenset()  # check IDs or severities that always fail the run (Checkov)
    soft_fail_on: frozenset[str] = frozenset()  # check IDs or severities that never fail the run (Checkov)
    fail_on_docs: bool = False  # documentation findings (framework 'docs') may fail the run (--fail-on-docs)
    suppressions: tuple[SuppressionRule, ...] = ()  # config file's; ignored, as comments are, by inline_skips
