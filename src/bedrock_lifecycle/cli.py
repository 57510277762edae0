"""Command line: ``bedrock-lifecycle scan``, ``bedrock-lifecycle catalog list|show``.

Exit codes: 0 nothing fails the run; 1 a FAILED check that fails the run
(see --fail-on; never with --soft-fail); 4 (ORed with 1) some files could not be
fully scanned and --strict was given; 2 a usage, configuration, catalog or
internal error (one line on stderr; the traceback with --debug); 130 interrupted.
Only this module reads the environment or writes to stdout, stderr and files.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import re
import sys
import traceback
from collections.abc import Iterator, Sequence
from datetime import date

from bedrock_lifecycle import __version__
from bedrock_lifecycle.errors import FatalError

LOG = logging.getLogger(__name__)

EXIT_FAILED = 1
EXIT_ERROR = 2
EXIT_INCOMPLETE = 4
# The tool's own files (config, baseline) name model IDs without using them: never scanned.
OWN_FILES = r"(^|/)\.bedrock-lifecycle(\.baseline\.json|\.ya?ml)$"
FORMAT_EXTENSIONS = {
    "cli": "txt",
    "json": "json",
    "sarif": "sarif",
    "junitxml": "xml",
    "github": "md",
    "csv": "csv",
    "html": "html",
}


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {text!r}")
    return value


def _csv(values: Sequence[str] | None) -> list[str]:
    return [v.strip() for item in values or () for v in item.split(",") if v.strip()]


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--as-of", type=_date, metavar="YYYY-MM-DD", help="evaluate lifecycle status as of this date (default: today)"
    )
    p.add_argument("--catalog", metavar="FILE", help="use this catalog file instead of the embedded one")
    p.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")


def build_parser() -> argparse.ArgumentParser:
    from bedrock_lifecycle.config import FRAMEWORKS
    from bedrock_lifecycle.policies import FAIL_CLASSES
    from bedrock_lifecycle.report import FORMATS

    parser = argparse.ArgumentParser(
        prog="bedrock-lifecycle",
        description="Find Amazon Bedrock model references in IaC, config and source, and report Legacy, "
        "extended-access, End-of-Life and unknown models. Static: nothing is executed, AWS is never called.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and the catalog date")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    scan = sub.add_parser("scan", help="scan files and directories", description="Scan files and directories.")
    scan.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: .)")
    scan.add_argument("-d", "--directory", action="append", default=[], help="directory to scan (repeatable)")
    scan.add_argument("-f", "--file", action="append", default=[], help="file to scan (repeatable)")
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
        "(default: eol, extended-access, eol-within, provisioned-legacy)",
    )
    scan.add_argument("--soft-fail", action="store_true", help="always exit 0 on findings")
    scan.add_argument(
        "--warn-days", type=_positive_int, metavar="N", help="BRL_004 fails when EOL is within N days (default: 90)"
    )
    scan.add_argument("--compact", action="store_true", help="one line per finding")
    scan.add_argument("--quiet", action="store_true", help="show only failed and skipped checks")
    scan.add_argument(
        "--skip-path",
        action="append",
        default=[],
        metavar="REGEX",
        help="skip paths matching this regular expression (repeatable)",
    )
    scan.add_argument(
        "--framework", action="append", metavar="NAMES", help=f"scan only these file kinds: {', '.join(FRAMEWORKS)}"
    )
    scan.add_argument("--skip-framework", action="append", metavar="NAMES", help="do not scan these file kinds")
    scan.add_argument(
        "--max-file-size",
        type=_positive_int,
        metavar="BYTES",
        help="skip larger files with a diagnostic (default: 2 MiB)",
    )
    scan.add_argument(
        "--jobs",
        "-j",
        type=_positive_int,
        metavar="N",
        help="worker processes (default: CPUs for directories, 1 for file lists)",
    )
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
        type=_horizon,
        metavar="SPAN",
        help="also list what turns Legacy, enters "
        "extended access or reaches EOL within SPAN after the as-of date (180d, 26w, 6m, 2q, 1y or "
        "an end date; cli and json outputs)",
    )
    _add_common(scan)
    scan.set_defaults(func=cmd_scan)
    _add_inventory(sub)

    catalog = sub.add_parser("catalog", help="inspect the lifecycle catalog")
    csub = catalog.add_subparsers(dest="catalog_command", metavar="CATALOG_COMMAND")
    lst = csub.add_parser("list", help="every catalog entry with its status as of a date")
    lst.add_argument("--status", action="append", metavar="STATUS", help="ACTIVE, LEGACY, EOL (comma-separated)")
    lst.add_argument("--provider", action="append", metavar="NAME", help="provider prefix or name")
    lst.add_argument("-o", "--output", choices=("cli", "json"), default="cli")
    _add_common(lst)
    lst.set_defaults(func=cmd_catalog_list)
    show = csub.add_parser("show", help="resolve any ID form to its catalog entry")
    show.add_argument("id", metavar="ID")
    show.add_argument("--region", help="evaluate the regional schedule of this Region")
    show.add_argument("-o", "--output", choices=("cli", "json"), default="cli")
    _add_common(show)
    show.set_defaults(func=cmd_catalog_show)
    syn = csub.add_parser(
        "sync",
        help="refresh the catalog from the Bedrock API (boto3)",
        description="Refresh lifecycle data from ListFoundationModels, GetFoundationModel and "
        "ListInferenceProfiles. Needs AWS credentials and boto3 >= 1.42.59.",
    )
    syn.add_argument(
        "--region", action="append", default=[], help="Region to query (repeatable; default: the session's Region)"
    )
    syn.add_argument("--all-regions", action="store_true", help="every Region botocore knows for bedrock")
    syn.add_argument("--profile", help="AWS named profile")
    syn.add_argument(
        "--output",
        default="bedrock-lifecycle-catalog.json",
        metavar="FILE",
        help="catalog file to write (default: bedrock-lifecycle-catalog.json)",
    )
    syn.add_argument(
        "--base",
        metavar="FILE",
        help="catalog to merge into (default: --output if it exists, else the embedded catalog)",
    )
    syn.add_argument(
        "--allow-partial",
        action="store_true",
        help="write the results of the Regions that answered even when others failed",
    )
    syn.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    syn.set_defaults(func=cmd_catalog_sync)
    dif = csub.add_parser("diff", help="what changed between two catalog files ('embedded' for the built-in one)")
    dif.add_argument("old", metavar="OLD")
    dif.add_argument("new", metavar="NEW")
    dif.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="statuses as of this date (default: today)")
    dif.add_argument("-o", "--output", choices=("cli", "json"), default="cli")
    dif.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    dif.set_defaults(func=cmd_catalog_diff)
    catalog.set_defaults(func=lambda args: _usage(catalog))
    return parser


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    return EXIT_ERROR


@contextlib.contextmanager
def error_handler(debug: bool) -> Iterator[None]:
    try:
        yield
    except FatalError as exc:
        print(f"bedrock-lifecycle: error: {exc}", file=sys.stderr)
        raise SystemExit(EXIT_ERROR) from None
    except KeyboardInterrupt:
        print("bedrock-lifecycle: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
    except Exception as exc:
        if debug:
            traceback.print_exc()
        print(
            f"bedrock-lifecycle: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
            file=sys.stderr,
        )
        raise SystemExit(EXIT_ERROR) from None


def option_like_files(argv: Sequence[str]) -> list[str]:
    """Arguments before ``--`` that look like options and also name existing files.

    pre-commit appends the staged file names to the command line: a file named
    ``--catalog=evil.json`` or ``--fail-on=none,x.yaml`` would otherwise set that
    option. Such a run stops with exit 2 instead; ``-- FILE`` names it unambiguously.
    """
    found = []
    for arg in argv:
        if arg == "--":
            break
        if arg.startswith("-") and arg != "-" and os.path.lexists(arg):
            found.append(arg)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    ambiguous = option_like_files(argv)
    if ambiguous:
        print(
            f"bedrock-lifecycle: error: {ambiguous[0]!r} is both an option and a file here; put file names "
            "after '--' (bedrock-lifecycle scan -- FILE...) or rename the file",
            file=sys.stderr,
        )
        return EXIT_ERROR
    args = parser.parse_args(argv)
    if args.version:
        from bedrock_lifecycle.catalog import load_embedded

        print(f"bedrock-lifecycle {__version__} (catalog {load_embedded().generated})")
        return 0
    if not args.command:
        parser.print_usage(sys.stderr)
        return EXIT_ERROR
    try:
        with error_handler(getattr(args, "debug", False)):
            return int(args.func(args))
    except SystemExit as exc:
        return int(exc.code or 0)


# --- scan ---


def _frameworks(args: argparse.Namespace) -> frozenset[str]:
    from bedrock_lifecycle.config import FRAMEWORKS

    chosen = set(_csv(args.framework)) or set(FRAMEWORKS)
    chosen -= set(_csv(args.skip_framework))
    unknown = (set(_csv(args.framework)) | set(_csv(args.skip_framework))) - set(FRAMEWORKS) - {"all"}
    if unknown:
        raise FatalError(f"unknown framework(s) {', '.join(sorted(unknown))}; choose from {', '.join(FRAMEWORKS)}")
    if "all" in chosen:
        chosen = set(FRAMEWORKS)
    return frozenset(chosen)


def _fail_on(args: argparse.Namespace) -> frozenset[str]:
    from bedrock_lifecycle.policies import DEFAULT_FAIL_ON, FAIL_CLASSES

    words = _csv(args.fail_on)
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


def _check_ids(values: Sequence[str] | None) -> frozenset[str]:
    from bedrock_lifecycle.model import Severity
    from bedrock_lifecycle.policies import POLICY_BY_ID

    ids = frozenset(v.upper() for v in _csv(values))
    unknown = ids - set(POLICY_BY_ID) - {s.value for s in Severity}
    if unknown:
        raise FatalError(
            f"unknown check ID(s) {', '.join(sorted(unknown))}; see `bedrock-lifecycle scan --help` "
            "and docs/policies.md"
        )
    return ids


def build_config(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The Config for a scan: the config file (discovered or --config-file) merged under the command line."""
    from bedrock_lifecycle.config import DEFAULT_MAX_FILE_SIZE, Config
    from bedrock_lifecycle.discover import relpath

    paths = list(args.paths) + list(args.directory) + list(args.file)
    if not paths:
        paths = ["."]
    dirs = [p for p in paths if os.path.isdir(p)]
    files = [p for p in paths if not os.path.isdir(p)]
    root = os.path.abspath(dirs[0]) if len(dirs) == 1 and not files else os.getcwd()
    suppressions = _apply_config_file(args, root)
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
        checks=_check_ids(args.check),
        skip_checks=_check_ids(args.skip_check),
        fail_on=_fail_on(args),
        soft_fail=args.soft_fail,
        skip_paths=(*args.skip_path, OWN_FILES, *_baseline_skip(args, root)),
        frameworks=_frameworks(args),
        max_file_size=args.max_file_size or DEFAULT_MAX_FILE_SIZE,
        jobs=max(1, jobs),
        strict=args.strict,
        inline_skips=not args.no_inline_skips,
        report_only=report_only,
        hard_fail_on=_check_ids(getattr(args, "hard_fail_on", None)),
        soft_fail_on=_check_ids(getattr(args, "soft_fail_on", None)),
        suppressions=suppressions,
    )


def _apply_config_file(args: argparse.Namespace, root: str) -> tuple:  # type: ignore[type-arg]
    """Find, validate and merge the config file into args (the command line wins); its suppressions."""
    from bedrock_lifecycle import config_file

    explicit = getattr(args, "config_file", None)
    repo_root = getattr(args, "repo_root", None)
    path = explicit or config_file.discover(root, repo_root or config_file.find_repo_root(root))
    if not path:
        return ()
    if explicit and not os.path.isfile(explicit):
        raise FatalError(f"--config-file: no such file: {explicit}")
    loaded = config_file.load(path, _scan_options())
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


def _scan_options() -> dict[str, argparse.Action]:
    """Long option name (as_of) -> the scan command's argparse action: what a config file may set."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {
        o[2:].replace("-", "_"): a for a in sub.choices["scan"]._actions for o in a.option_strings if o.startswith("--")
    }


def _baseline_skip(args: argparse.Namespace, root: str) -> tuple[str, ...]:
    """A baseline file inside the scan root is not scanned: it lists model IDs but uses none."""
    from bedrock_lifecycle.discover import relpath

    given = getattr(args, "baseline", None)
    if not given:
        return ()
    rel = relpath(given, root)
    return () if rel.startswith("/") else ("^" + re.escape(rel) + "$",)


def _destinations(outputs: list[str], spec: str | None) -> list[str | None]:
    """Where each output goes: None for stdout, else a file path (Checkov's --output-file-path)."""
    if not spec:
        return [None] * len(outputs)
    parts = [p.strip() for p in spec.split(",")]
    if len(parts) > 1:
        if len(parts) != len(outputs):
            raise FatalError(f"--output-file-path names {len(parts)} paths for {len(outputs)} outputs")
        return [None if p == "console" else p for p in parts]
    path = parts[0]
    ext = os.path.splitext(path)[1].lstrip(".")
    if len(outputs) == 1 and ext and not os.path.isdir(path):
        return [None if path == "console" else path]
    return [
        None if fmt == "cli" else os.path.join(path, f"results_{fmt}.{FORMAT_EXTENSIONS.get(fmt, fmt)}")
        for fmt in outputs
    ]


def _write(path: str, text: str) -> None:
    try:
        parent = os.path.dirname(path)
        if parent:
            os.makedirs(parent, exist_ok=True)
        tmp = f"{path}.tmp{os.getpid()}"
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise FatalError(f"cannot write {path}: {exc.strerror or exc}") from None


def cmd_scan(args: argparse.Namespace) -> int:
    from bedrock_lifecycle import catalog as catalog_mod
    from bedrock_lifecycle.report import ReportOptions, catalog_age_warning, formatter
    from bedrock_lifecycle.scan import scan

    cfg = build_config(args)
    catalog = catalog_mod.load(args.catalog)
    result = _with_baseline(args, cfg, scan(cfg, catalog))
    outputs = args.output or ["cli"]
    destinations = _destinations(outputs, args.output_file_path)
    machine_on_stdout = any(d is None and fmt != "cli" for fmt, d in zip(outputs, destinations, strict=True))
    color = sys.stdout.isatty() and not args.no_color and "NO_COLOR" not in os.environ and not machine_on_stdout
    opts = ReportOptions(
        compact=args.compact,
        quiet=args.quiet,
        color=color,
        sarif_category=args.sarif_category,
        sarif_include_suppressed=args.sarif_include_suppressed,
        uri_prefix=_uri_prefix(cfg.root, args.repo_root),
    )
    html_dest = dict(zip(outputs, destinations, strict=True)).get("html")
    opts = _inventory_report_options(opts, args, catalog, cfg.root, html_dest)
    for fmt, dest in zip(outputs, destinations, strict=True):
        text = formatter(fmt)(result, opts)
        text = _with_horizon(fmt, text, result, catalog, args)
        if dest is None:
            sys.stdout.write(text)
        else:
            _write(dest, text)
    if "cli" not in outputs or machine_on_stdout or args.compact:  # --compact prints no header
        warning = catalog_age_warning(result.catalog_date, result.as_of, 90)
        if warning:
            print(f"bedrock-lifecycle: warning: {warning}", file=sys.stderr)
    sys.stdout.flush()
    code = 0
    if any(f.failing for f in result.findings):
        code |= EXIT_FAILED
    if cfg.strict and result.diagnostics:
        code |= EXIT_INCOMPLETE
    return code


def _with_baseline(args: argparse.Namespace, cfg, result):  # type: ignore[no-untyped-def]
    """--create-baseline writes today's FAILED findings; --baseline hides the ones it accepts."""
    from bedrock_lifecycle import baseline
    from bedrock_lifecycle.discover import relpath

    if args.create_baseline:
        target = os.path.join(cfg.root, baseline.FILENAME)
        _write(target, baseline.dumps(result.findings, __version__))
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


def _baseline_in_scope(entry, cfg) -> bool:  # type: ignore[no-untyped-def]
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


# --- inventory (and the scan's --horizon and -o html options) ---


def _horizon(text: str):  # type: ignore[no-untyped-def]
    from bedrock_lifecycle.inventory import HorizonSpec

    try:
        return HorizonSpec.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_inventory(sub) -> None:  # type: ignore[no-untyped-def]
    from bedrock_lifecycle.config import FRAMEWORKS

    inv = sub.add_parser(
        "inventory",
        help="every referenced model, its status, dates, uses and replacement",
        description="List every Bedrock model the files reference (all statuses), with "
        "where each is used, its lifecycle dates as of a date and the recommended "
        "replacement. Scans exactly as `scan` does; always exits 0 unless an error stops "
        "it.",
    )
    inv.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: .)")
    inv.add_argument("-d", "--directory", action="append", default=[], help="directory to scan (repeatable)")
    inv.add_argument("-f", "--file", action="append", default=[], help="file to scan (repeatable)")
    inv.add_argument(
        "-o",
        "--output",
        choices=("table", "json", "csv", "cyclonedx"),
        default="table",
        help="output format (default: table); cyclonedx is a CycloneDX 1.6 JSON AI-BOM",
    )
    inv.add_argument("--output-file", metavar="FILE", help="write the output to FILE instead of stdout")
    inv.add_argument("--html", metavar="FILE", help="also write the self-contained HTML report to FILE")
    inv.add_argument(
        "--link-base",
        metavar="URL",
        help="HTML file links start with this https URL "
        "(e.g. https://github.com/org/repo/blob/main); default: relative to the HTML file",
    )
    inv.add_argument(
        "--horizon",
        type=_horizon,
        metavar="SPAN",
        help="list what changes phase within SPAN "
        "after the as-of date (180d, 26w, 6m, 2q, 1y or an end date; HTML default: 180d)",
    )
    inv.add_argument(
        "--timestamp",
        action="store_true",
        help="add metadata.timestamp to the CycloneDX "
        "output (now, or SOURCE_DATE_EPOCH); without it the output is reproducible",
    )
    inv.add_argument(
        "--skip-path",
        action="append",
        default=[],
        metavar="REGEX",
        help="skip paths matching this regular expression (repeatable)",
    )
    inv.add_argument(
        "--framework", action="append", metavar="NAMES", help=f"scan only these file kinds: {', '.join(FRAMEWORKS)}"
    )
    inv.add_argument("--skip-framework", action="append", metavar="NAMES", help="do not scan these file kinds")
    inv.add_argument("--max-file-size", type=_positive_int, metavar="BYTES", help="skip larger files")
    inv.add_argument("--jobs", "-j", type=_positive_int, metavar="N", help="worker processes")
    _add_common(inv)
    inv.set_defaults(func=cmd_inventory)


def _today() -> date:
    """Today, or the day of SOURCE_DATE_EPOCH (reproducible builds' convention) for reproducible reports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        from datetime import datetime, timezone

        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def _link_base(root: str, html_path: str | None, explicit: str | None = None) -> str:
    """File links in the HTML: the given URL, else the scan root relative to where the HTML is written."""
    if explicit:
        return explicit
    where = os.path.dirname(os.path.abspath(html_path)) if html_path else os.getcwd()
    rel = os.path.relpath(root, where)
    return "" if rel == "." else rel.replace(os.sep, "/")


def _inventory_report_options(
    opts,
    args,
    catalog,
    root: str,  # type: ignore[no-untyped-def]
    html_path: str | None,
):
    import dataclasses

    return dataclasses.replace(
        opts,
        today=_today(),
        horizon=getattr(args, "horizon", None),
        catalog=catalog,
        link_base=_link_base(root, html_path),
    )


def _with_horizon(fmt: str, text: str, result, catalog, args) -> str:  # type: ignore[no-untyped-def]
    """scan --horizon: the cli and json outputs gain a horizon section; without the flag nothing changes."""
    if getattr(args, "horizon", None) is None or fmt not in ("cli", "json"):
        return text
    from bedrock_lifecycle import inventory

    built = inventory.build(result, catalog, args.horizon)
    assert built.horizon is not None
    return inventory.with_horizon(fmt, text, built.horizon)


def cmd_inventory(args: argparse.Namespace) -> int:
    from bedrock_lifecycle import catalog as catalog_mod
    from bedrock_lifecycle import inventory
    from bedrock_lifecycle.scan import scan

    # Every scan option the inventory does not expose keeps the scan's default (and config-file) value.
    merged = argparse.Namespace(**{**vars(build_parser().parse_args(["scan"])), **vars(args)})
    cfg = build_config(merged)
    catalog = catalog_mod.load(args.catalog)
    result = scan(cfg, catalog)
    inv = inventory.build(result, catalog, args.horizon)
    if args.output == "json":
        text = inventory.render_json(inv)
    elif args.output == "csv":
        text = inventory.render_csv(inv)
    elif args.output == "cyclonedx":
        from bedrock_lifecycle.report import cyclonedx

        stamp = None
        if args.timestamp:
            from datetime import datetime, timezone

            epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
            now = datetime.fromtimestamp(int(epoch), tz=timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)
            stamp = now.replace(microsecond=0).isoformat().replace("+00:00", "Z")
        text = cyclonedx.render_inventory(inv, timestamp=stamp)
    else:
        text = inventory.render_table(inv)
    if args.html:
        from bedrock_lifecycle.report import html

        page_inv = (
            inv if inv.horizon else inventory.build(result, catalog, inventory.HorizonSpec.parse(html.DEFAULT_HORIZON))
        )
        _write(
            args.html,
            html.render_report(
                result, page_inv, today=_today(), link_base=_link_base(cfg.root, args.html, args.link_base)
            ),
        )
    if args.output_file:
        _write(args.output_file, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return 0


# --- catalog ---


def _statuses(values: Sequence[str] | None) -> set[str]:
    return {v.upper() for v in _csv(values)}


def cmd_catalog_list(args: argparse.Namespace) -> int:
    from bedrock_lifecycle import catalog as catalog_mod

    catalog = catalog_mod.load(args.catalog)
    as_of = args.as_of or date.today()
    want_status = _statuses(args.status)
    want_provider = {p.lower() for p in _csv(args.provider)}
    rows = []
    for entry in catalog:
        lc = entry.lifecycle(as_of)
        status = lc.status.value + (" (extended access)" if lc.extended_access else "")
        if want_status and lc.status.value not in want_status:
            continue
        prefix = entry.model_id.split(".", 1)[0]
        if want_provider and not ({prefix, entry.provider.lower()} & want_provider):
            continue
        rows.append(
            {
                "id": entry.model_id,
                "name": entry.name,
                "provider": entry.provider,
                "status": lc.status.value,
                "extended_access": lc.extended_access,
                "legacy_date": _iso(lc.legacy_date),
                "extended_access_date": _iso(lc.extended_access_date),
                "eol_date": _iso(lc.eol_date),
                "replacement": entry.replacement,
                "source_url": entry.source_url,
                "_shown": status,
            }
        )
    if args.output == "json":
        doc = {
            "catalog_date": catalog.generated,
            "as_of": as_of.isoformat(),
            "models": [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows],
        }
        sys.stdout.write(json.dumps(doc, indent=2, sort_keys=True) + "\n")
        return 0
    cols = [
        ("id", "MODEL ID"),
        ("_shown", "STATUS"),
        ("legacy_date", "LEGACY"),
        ("extended_access_date", "EXT. ACCESS"),
        ("eol_date", "EOL"),
        ("replacement", "REPLACEMENT"),
    ]
    table = [[h for _, h in cols]] + [[str(r[k] or "-") for k, _ in cols] for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(cols))]
    for row in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    print(f"\n{len(rows)} of {len(catalog)} models; catalog {catalog.generated}; as of {as_of.isoformat()}")
    return 0


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def cmd_catalog_show(args: argparse.Namespace) -> int:
    from bedrock_lifecycle import catalog as catalog_mod
    from bedrock_lifecycle.model import Reference, Span
    from bedrock_lifecycle.policies.messages import describe
    from bedrock_lifecycle.resolve.ids import IdParser, resolve

    catalog = catalog_mod.load(args.catalog)
    as_of = args.as_of or date.today()
    parsed = IdParser.for_catalog(catalog).parse(args.id)
    if parsed is None:
        print(f"'{args.id}' is not a Bedrock model reference", file=sys.stderr)
        return EXIT_FAILED
    ref = Reference(args.id, Span("<argument>", 1, 1, 1, len(args.id) + 1), "", "argument", region=args.region)
    res = resolve(ref, parsed, catalog, as_of)
    entry = catalog.get(res.model_id) if res.model_id else None
    doc = {
        "reference": args.id,
        "form": parsed.form,
        "geo_prefix": parsed.geo,
        "region": args.region or parsed.region,
        "partition": parsed.partition,
        "status": res.status.value,
        "extended_access": res.extended_access,
        "model_id": res.model_id,
        "name": res.name,
        "provider": res.provider,
        "legacy_date": _iso(res.legacy_date),
        "extended_access_date": _iso(res.extended_access_date),
        "eol_date": _iso(res.eol_date),
        "replacement": res.replacement,
        "eol_no_sooner_than": _iso(entry.eol_no_sooner_than) if entry else None,
        "launch_date": _iso(entry.launch_date) if entry else None,
        "regions": list(entry.regions) if entry else [],
        "confidence": entry.confidence if entry else None,
        "source_url": res.source_url,
        "notes": entry.notes if entry else None,
        "suggestions": list(res.suggestions),
        "as_of": as_of.isoformat(),
        "catalog_date": catalog.generated,
        "message": describe(res, as_of),
    }
    if args.output == "json":
        sys.stdout.write(json.dumps(doc, indent=2, sort_keys=True) + "\n")
    else:
        width = max(len(k) for k in doc)
        for key, value in doc.items():
            if value not in (None, [], ""):
                shown = ", ".join(value) if isinstance(value, list) else value
                print(f"{key.ljust(width)}  {shown}")
    return 0 if res.model_id or res.status.value == "OPAQUE" else EXIT_FAILED


def _load_named(name: str):  # type: ignore[no-untyped-def]
    from bedrock_lifecycle import catalog as catalog_mod

    return catalog_mod.load(None if name == "embedded" else name)


def cmd_catalog_sync(args: argparse.Namespace) -> int:
    from bedrock_lifecycle.catalog import sync as sync_mod

    version = sync_mod.botocore_version()
    regions = list(dict.fromkeys(_csv(args.region)))
    if args.all_regions:
        regions = sync_mod.all_regions()
    if not regions:
        import boto3

        session = boto3.session.Session(profile_name=args.profile) if args.profile else boto3.session.Session()
        if not session.region_name:
            raise FatalError("no Region: pass --region or --all-regions, or set AWS_REGION")
        regions = [session.region_name]
    base_path = args.base or (args.output if os.path.exists(args.output) else None)
    base = _load_named(base_path) if base_path else _load_named("embedded")
    outcome = sync_mod.sync(
        base,
        regions,
        args.output,
        make_client=sync_mod.client_factory(args.profile),
        allow_partial=args.allow_partial,
        botocore_ver=version,
    )
    for error in outcome.errors:
        print(f"bedrock-lifecycle: sync: {error}", file=sys.stderr)
    if not outcome.written:
        why = (
            "no Region answered"
            if len(outcome.errors) == len(outcome.results)
            else "some Regions failed (use --allow-partial to write the others)"
        )
        print(f"bedrock-lifecycle: error: catalog not written: {why}; {args.output} is unchanged", file=sys.stderr)
        return EXIT_ERROR
    ok = [r for r in outcome.results if not r.error]
    models = sum(len(r.models) for r in ok)
    print(
        f"wrote {args.output}: {len(outcome.catalog or [])} models; {models} model answers from "
        f"{len(ok)} Region(s) ({', '.join(r.region for r in ok)}); botocore {version}"
    )
    return EXIT_ERROR if outcome.errors else 0


def cmd_catalog_diff(args: argparse.Namespace) -> int:
    from bedrock_lifecycle.catalog.diff import diff, render_text

    result = diff(_load_named(args.old), _load_named(args.new), args.as_of or date.today())
    if args.output == "json":
        sys.stdout.write(json.dumps(result, indent=2, sort_keys=True) + "\n")
    else:
        sys.stdout.write(render_text(result))
    return 0
