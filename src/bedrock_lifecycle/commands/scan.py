"""``bedrock-lifecycle scan``: scan files and directories, report, and exit by the fail policy."""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import re
import sys
from typing import TYPE_CHECKING

from bedrock_lifecycle import __version__
from bedrock_lifecycle.commands.base import EXIT_ERROR, EXIT_FAILED, EXIT_INCOMPLETE, Command
from bedrock_lifecycle.commands.options import (
    add_common,
    add_selection,
    add_targets,
    count_arg,
    horizon_arg,
)
from bedrock_lifecycle.commands.output import destinations, link_base, today, write
from bedrock_lifecycle.commands.scan_config import build_config

if TYPE_CHECKING:
    from bedrock_lifecycle.catalog.model import Catalog
    from bedrock_lifecycle.config import Config
    from bedrock_lifecycle.model import BaselineEntry, ScanResult
    from bedrock_lifecycle.report import ReportOptions

LOG = logging.getLogger(__name__)


def configure(scan: argparse.ArgumentParser) -> None:
    from bedrock_lifecycle.policies import FAIL_CLASSES, POLICIES
    from bedrock_lifecycle.report import FORMATS

    add_targets(scan)
    scan.add_argument(
        "-o", "--output", action="append", choices=FORMATS, help="output format (repeatable; default: cli)"
    )
    scan.add_argument(
        "--output-file-path",
        metavar="PATH",
        help="a folder for the outputs, or one path per "
        "output, comma-separated ('console' for stdout), as Checkov does",
    )
    scan.add_argument(
        "-c",
        "--check",
        action="append",
        metavar="IDS",
        help="run only these checks (IDs or severities, comma-separated)",
    )
    scan.add_argument("--skip-check", action="append", metavar="IDS", help="skip these checks (IDs or severities)")
    scan.add_argument(
        "--fail-on",
        action="append",
        metavar="CLASSES",
        help=f"which FAILED checks fail the run: {', '.join(FAIL_CLASSES)}, 'all' or 'none' "
        f"(default: {', '.join(p.fail_class for p in POLICIES if p.fails_by_default)})",
    )
    scan.add_argument(
        "--fail-on-docs",
        action="store_true",
        help="documentation findings (--include-docs, which this implies) fail the run as other findings do",
    )
    scan.add_argument("--soft-fail", action="store_true", help="always exit 0 on findings")
    scan.add_argument(
        "--warn-days", type=count_arg, metavar="N", help="BRL_004 fails when EOL is within N days (default: 90)"
    )
    scan.add_argument("--compact", action="store_true", help="one line per finding")
    scan.add_argument(
        "--list-files",
        action="store_true",
        help="print each file with the parser (and framework) that read it, or why it was skipped, instead of "
        "the findings",
    )
    scan.add_argument("--quiet", action="store_true", help="show only failed and skipped checks")
    add_selection(scan)
    scan.add_argument("--strict", action="store_true", help="exit 4 when any file could not be fully scanned")
    scan.add_argument(
        "--no-inline-skips",
        action="store_true",
        help="ignore every skip: inline comments and config-file suppressions (audits)",
    )
    scan.add_argument("--no-color", action="store_true", help="never colour the console output")
    scan.add_argument(
        "--hard-fail-on",
        action="append",
        metavar="IDS",
        help="FAILED checks (IDs or severities, comma-separated; a severity means it and "
        "above) that always fail the run, even with --soft-fail",
    )
    scan.add_argument(
        "--soft-fail-on",
        action="append",
        metavar="IDS",
        help="FAILED checks (IDs or severities; a severity means it and below) that never fail "
        "the run; an ID in --hard-fail-on wins, then an ID here, then a --hard-fail-on "
        "severity, then a severity here, then --fail-on",
    )
    scan.add_argument(
        "--baseline",
        metavar="FILE",
        help="report only FAILED findings this baseline does not "
        "accept, and list its entries that no longer occur (stale)",
    )
    scan.add_argument(
        "--create-baseline",
        action="store_true",
        help="write every FAILED finding to "
        ".bedrock-lifecycle.baseline.json in the scan root (keyed by file, resource, check and "
        "model, not lines)",
    )
    scan.add_argument(
        "--config-file",
        metavar="PATH",
        help="read options from this file (YAML, or a "
        "pyproject.toml's [tool.bedrock-lifecycle]) instead of the discovered "
        ".bedrock-lifecycle.yaml; the command line overrides it",
    )
    scan.add_argument(
        "--repo-root",
        metavar="DIR",
        help="the repository root: SARIF URIs are relative to it and config discovery stops "
        "there (default: the nearest directory with .git above the scan root)",
    )
    scan.add_argument(
        "--sarif-category",
        metavar="NAME",
        help="SARIF runAutomationDetails.id, GitHub's analysis category (one per tool and category)",
    )
    scan.add_argument(
        "--sarif-include-suppressed",
        action="store_true",
        help="include SKIPPED results in SARIF, marked with suppressions (GitHub then shows them "
        "as dismissed, not open)",
    )
    scan.add_argument(
        "--horizon",
        type=horizon_arg,
        metavar="SPAN",
        help="also list what turns Legacy, enters "
        "extended access or reaches EOL within SPAN after the as-of date (180d, 26w, 6m, 2q, 1y or "
        "an end date; cli and json outputs)",
    )
    add_common(scan)


def scan_parser() -> argparse.ArgumentParser:
    """The scan command's options alone: their defaults, and what a config file may set."""
    parser = argparse.ArgumentParser(prog="bedrock-lifecycle scan")
    configure(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from bedrock_lifecycle import catalog as catalog_mod
    from bedrock_lifecycle.report import ReportOptions, catalog_age_warning, formatter
    from bedrock_lifecycle.scan import scan

    cfg = build_config(args)
    catalog = catalog_mod.load(args.catalog, getattr(args, "catalog_overlay", None))
    result = scan(cfg, catalog)
    if args.list_files:
        from bedrock_lifecycle.coverage import Coverage, listing

        sys.stdout.write(listing(result.files))
        print(Coverage.of(result.files).sentence(), file=sys.stderr)
        return 0
    nothing = None if any(r.scanned for r in result.files) or _deliberate(result, cfg) else nothing_scanned(result)
    result = with_baseline(args, cfg, result)
    outputs: list[str] = args.output or ["cli"]
    dests = destinations(outputs, args.output_file_path)
    machine_on_stdout = any(d is None and fmt != "cli" for fmt, d in zip(outputs, dests, strict=True))
    color = sys.stdout.isatty() and not args.no_color and "NO_COLOR" not in os.environ and not machine_on_stdout
    opts = ReportOptions(
        compact=args.compact,
        quiet=args.quiet,
        color=color,
        sarif_category=args.sarif_category,
        sarif_include_suppressed=args.sarif_include_suppressed,
        uri_prefix=_uri_prefix(cfg.root, args.repo_root),
    )
    html_dest = dict(zip(outputs, dests, strict=True)).get("html")
    opts = _inventory_report_options(opts, args, catalog, cfg.root, html_dest)
    opts = _with_fixes(opts, outputs, result, catalog)
    for fmt, dest in zip(outputs, dests, strict=True):
        text = formatter(fmt)(result, opts)
        text = _with_horizon(fmt, text, result, catalog, args)
        if dest is None:
            sys.stdout.write(text)
        else:
            write(dest, text)
    if "cli" not in outputs or machine_on_stdout or args.compact:  # --compact prints no header
        warning = catalog_age_warning(result.catalog_date, result.as_of)
        if warning:
            print(f"bedrock-lifecycle: warning: {warning}", file=sys.stderr)
    sys.stdout.flush()
    if nothing is not None:  # the reports are written (their coverage says why), but this is no pass
        print(f"bedrock-lifecycle: error: {nothing}", file=sys.stderr)
        return EXIT_ERROR
    code = 0
    if any(f.failing for f in result.findings):
        code |= EXIT_FAILED
    if cfg.strict and result.diagnostics:
        code |= EXIT_INCOMPLETE
    return code


def _deliberate(result: ScanResult, cfg: Config) -> bool:
    """Nothing was scanned because the user (or pre-commit, with only the tool's own files) left it all out."""
    from bedrock_lifecycle.coverage import EXCLUDED

    if cfg.report_only is not None and not cfg.paths:
        return True  # pre-commit passed only .bedrock-lifecycle.yaml or the baseline: nothing to check
    return bool(result.files) and all(r.skipped == EXCLUDED for r in result.files)


def nothing_scanned(result: ScanResult) -> str:
    """The message of a scan that read no file: nothing scanned is not a pass."""
    from bedrock_lifecycle.coverage import Coverage

    cov = Coverage.of(result.files)
    if not result.files:
        return "nothing scanned: no files found (an empty directory, or every path excluded)"
    reasons = ", ".join(f"{k} {v}" for k, v in cov.by_reason.items())
    hint = " (documentation needs --include-docs)" if "documentation" in cov.by_reason else ""
    return (
        f"nothing scanned: none of the {cov.skipped} file(s) found is of a type it reads ({reasons}){hint}; "
        "see --list-files"
    )


def with_baseline(args: argparse.Namespace, cfg: Config, result: ScanResult) -> ScanResult:
    """--create-baseline writes today's FAILED findings; --baseline hides the ones it accepts."""
    from bedrock_lifecycle import baseline
    from bedrock_lifecycle.discover import relpath

    if args.create_baseline:
        target = os.path.join(cfg.root, baseline.FILENAME)
        write(target, baseline.dumps(result.findings, __version__))
        count = sum(e.count for e in baseline.entries(result.findings))
        print(f"bedrock-lifecycle: wrote {count} finding(s) to the baseline {target}", file=sys.stderr)
    if not args.baseline:
        return result
    shown = relpath(args.baseline, cfg.root)
    return baseline.apply(
        result,
        baseline.load(args.baseline),
        shown if not shown.startswith("/") else args.baseline,
        in_scope=lambda e: _baseline_in_scope(e, cfg),
    )


def _baseline_in_scope(entry: BaselineEntry, cfg: Config) -> bool:
    """Could this scan have found the entry? Only then is a missing one stale."""
    from bedrock_lifecycle.policies import POLICY_BY_ID
    from bedrock_lifecycle.scan import selected

    policy = POLICY_BY_ID.get(entry.check_id)
    if policy is not None and not selected(policy, cfg):
        return False
    if cfg.report_only is not None and entry.path not in cfg.report_only:
        return False
    return not any(re.search(p, entry.path) for p in cfg.skip_paths)


def _uri_prefix(root: str, repo_root: str | None) -> str:
    """The scan root relative to the repository root ('' when they are the same), for SARIF URIs."""
    from bedrock_lifecycle.config_file import find_repo_root

    top = os.path.abspath(repo_root) if repo_root else find_repo_root(root)
    if not top:
        return ""
    rel = os.path.relpath(root, top)
    if rel == "." or rel.startswith(".."):
        return ""
    return rel.replace(os.sep, "/") + "/"


def _inventory_report_options(
    opts: ReportOptions, args: argparse.Namespace, catalog: Catalog, root: str, html_path: str | None
) -> ReportOptions:
    return dataclasses.replace(
        opts,
        today=today(),
        horizon=getattr(args, "horizon", None),
        catalog=catalog,
        link_base=link_base(root, html_path),
    )


def _with_fixes(opts: ReportOptions, outputs: list[str], result: ScanResult, catalog: Catalog) -> ReportOptions:
    """The migration assistant's proposals (what `fix` would do), computed only when an output carries them."""
    from bedrock_lifecycle.report import FIX_FORMATS

    if not FIX_FORMATS & set(outputs):
        return opts
    from bedrock_lifecycle.migrate.proposals import propose

    return dataclasses.replace(opts, fixes=propose(result, catalog, result.as_of))


def _with_horizon(fmt: str, text: str, result: ScanResult, catalog: Catalog, args: argparse.Namespace) -> str:
    """scan --horizon: the cli and json outputs gain a horizon section; without the flag nothing changes."""
    from bedrock_lifecycle.report import output_format

    if getattr(args, "horizon", None) is None or not output_format("scan", fmt).horizon:
        return text
    from bedrock_lifecycle import inventory

    built = inventory.build(result, catalog, args.horizon)
    assert built.horizon is not None
    return inventory.with_horizon(fmt, text, built.horizon)


COMMAND = Command(
    name="scan",
    help="scan files and directories",
    description="Scan files and directories.",
    configure=configure,
    run=run,
)
