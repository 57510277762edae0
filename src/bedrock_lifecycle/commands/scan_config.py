"""From command-line options (and the config file they name or that is discovered) to one ``Config``.

``scan`` and ``inventory`` share it: an inventory scans exactly as ``scan`` does.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from bedrock_lifecycle.commands.options import csv_words
from bedrock_lifecycle.errors import FatalError

if TYPE_CHECKING:
    from bedrock_lifecycle.config import Config
    from bedrock_lifecycle.suppress import SuppressionRule

LOG = logging.getLogger(__name__)

# The tool's own files (config, baseline) name model IDs without using them: never scanned.
OWN_FILES = r"(^|/)\.bedrock-lifecycle(\.baseline\.json|\.ya?ml)$"


def build_config(args: argparse.Namespace) -> Config:
    """The Config for a scan: the config file (discovered or --config-file) merged under the command line."""
    from bedrock_lifecycle.config import DEFAULT_MAX_FILE_SIZE, Config
    from bedrock_lifecycle.discover import relpath

    paths = list(args.paths) + list(args.directory) + list(args.file)
    if not paths:
        paths = ["."]
    dirs = [p for p in paths if os.path.isdir(p)]
    files = [p for p in paths if not os.path.isdir(p)]
    root = os.path.abspath(dirs[0]) if len(dirs) == 1 and not files else os.getcwd()
    suppressions = apply_config_file(args, root)
    report_only = None
    if files and not dirs:
        kept = [p for p in files if not re.search(OWN_FILES, p.replace(os.sep, "/"))]
        paths = paths if len(kept) == len(files) else kept  # the tool's own files hold IDs but are not uses
        report_only = frozenset(relpath(p, root) for p in kept)
    jobs = args.jobs if args.jobs else (1 if report_only is not None else (os.cpu_count() or 1))
    return Config(
        paths=tuple(paths),
        root=root,
        as_of=args.as_of or date.today(),
        warn_days=90 if args.warn_days is None else args.warn_days,
        checks=check_ids(args.check),
        skip_checks=check_ids(args.skip_check),
        fail_on=fail_on(args),
        soft_fail=args.soft_fail,
        skip_paths=(*args.skip_path, OWN_FILES, *_baseline_skip(args, root), *_overlay_skip(args, root)),
        frameworks=frameworks(args),
        max_file_size=args.max_file_size or DEFAULT_MAX_FILE_SIZE,
        jobs=max(1, jobs),
        strict=args.strict,
        inline_skips=not args.no_inline_skips,
        report_only=report_only,
        hard_fail_on=check_ids(getattr(args, "hard_fail_on", None)),
        soft_fail_on=check_ids(getattr(args, "soft_fail_on", None)),
        suppressions=suppressions,
        fail_on_docs=bool(getattr(args, "fail_on_docs", False)),
    )


def frameworks(args: argparse.Namespace) -> frozenset[str]:
    """--framework/--skip-framework; 'docs' only when named or with --include-docs ('all' is the defaults)."""
    from bedrock_lifecycle.config import FRAMEWORKS, OPTIONAL_FRAMEWORKS

    known = FRAMEWORKS + OPTIONAL_FRAMEWORKS
    chosen = set(csv_words(args.framework)) or set(FRAMEWORKS)
    if "all" in chosen:
        chosen = (chosen - {"all"}) | set(FRAMEWORKS)
    if getattr(args, "include_docs", False) or getattr(args, "fail_on_docs", False):
        chosen |= set(OPTIONAL_FRAMEWORKS)
    chosen -= set(csv_words(args.skip_framework))
    unknown = (set(csv_words(args.framework)) | set(csv_words(args.skip_framework))) - set(known) - {"all"}
    if unknown:
        raise FatalError(f"unknown framework(s) {', '.join(sorted(unknown))}; choose from {', '.join(known)}")
    return frozenset(chosen)


def fail_on(args: argparse.Namespace) -> frozenset[str]:
    from bedrock_lifecycle.policies import DEFAULT_FAIL_ON, FAIL_CLASSES

    words = csv_words(args.fail_on)
    if not words:
        return DEFAULT_FAIL_ON
    if "all" in words:
        return frozenset(FAIL_CLASSES)
    if "none" in words:
        return frozenset()
    unknown = set(words) - set(FAIL_CLASSES)
    if unknown:
        raise FatalError(
            f"--fail-on: unknown value(s) {', '.join(sorted(unknown))}; "
            f"choose from {', '.join(FAIL_CLASSES)}, all, none"
        )
    return frozenset(words)


def check_ids(values: Sequence[str] | None) -> frozenset[str]:
    from bedrock_lifecycle.model import Severity
    from bedrock_lifecycle.policies import POLICY_BY_ID

    ids = frozenset(v.upper() for v in csv_words(values))
    unknown = ids - set(POLICY_BY_ID) - {s.value for s in Severity}
    if unknown:
        raise FatalError(
            f"unknown check ID(s) {', '.join(sorted(unknown))}; see `bedrock-lifecycle scan --help` "
            "and docs/policies.md"
        )
    return ids


def apply_config_file(args: argparse.Namespace, root: str) -> tuple[SuppressionRule, ...]:
    """Find, validate and merge the config file into args (the command line wins); its suppressions."""
    from bedrock_lifecycle import config_file

    explicit = getattr(args, "config_file", None)
    repo_root = getattr(args, "repo_root", None)
    path = explicit or config_file.discover(root, repo_root or config_file.find_repo_root(root))
    if not path:
        return ()
    if explicit and not os.path.isfile(explicit):
        raise FatalError(f"--config-file: no such file: {explicit}")
    loaded = config_file.load(path, scan_options())
    for warning in loaded.warnings:
        print(f"bedrock-lifecycle: warning: {warning}", file=sys.stderr)
    if not explicit and getattr(args, "output_file_path", None) is None:
        _confine_outputs(path, loaded.values.get("output_file_path"))
    config_file.merge(args, loaded)
    return loaded.suppressions


def _confine_outputs(config_path: str, spec: object) -> None:
    """A discovered config file comes with the scanned repository, which may be untrusted: it may not
    send reports out of its own directory (a report written to ~/.bashrc would run the file names in it)."""
    if not isinstance(spec, str):
        return
    from bedrock_lifecycle.paths import within

    base = os.path.realpath(os.path.dirname(os.path.abspath(config_path)))
    for part in spec.split(","):
        real = os.path.realpath(part)
        if part != "console" and not within(real, base):
            raise FatalError(
                f"{config_path}: output-file-path {part!r} is outside the repository; "
                "give it on the command line (--output-file-path) instead"
            )


def scan_options() -> dict[str, argparse.Action]:
    """Long option name (as_of) -> the scan command's argparse action: what a config file may set."""
    from bedrock_lifecycle.commands.scan import scan_parser

    return {o[2:].replace("-", "_"): a for a in scan_parser()._actions for o in a.option_strings if o.startswith("--")}


def _overlay_skip(args: argparse.Namespace, root: str) -> tuple[str, ...]:
    """A catalog overlay inside the scan root is not scanned: it declares model IDs but uses none."""
    from bedrock_lifecycle.discover import relpath

    given = getattr(args, "catalog_overlay", None)
    if not given:
        return ()
    rel = relpath(given, root)
    return () if rel.startswith("/") else ("^" + re.escape(rel) + "$",)


def _baseline_skip(args: argparse.Namespace, root: str) -> tuple[str, ...]:
    """A baseline file inside the scan root is not scanned: it lists model IDs but uses none."""
    from bedrock_lifecycle.discover import relpath

    given = getattr(args, "baseline", None)
    if not given:
        return ()
    rel = relpath(given, root)
    return () if rel.startswith("/") else ("^" + re.escape(rel) + "$",)
