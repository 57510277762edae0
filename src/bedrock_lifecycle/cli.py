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
FORMAT_EXTENSIONS = {"cli": "txt", "json": "json", "sarif": "sarif", "junitxml": "xml", "github": "md",
                     "csv": "csv", "html": "html"}


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
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="evaluate lifecycle status as of this date "
                   "(default: today)")
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
    scan.add_argument("-o", "--output", action="append", choices=FORMATS, help="output format (repeatable; "
                      "default: cli)")
    scan.add_argument("--output-file-path", metavar="PATH", help="a folder for the outputs, or one path per "
                      "output, comma-separated ('console' for stdout), as Checkov does")
    scan.add_argument("-c", "--check", action="append", metavar="IDS", help="run only these checks (IDs or "
                      "severities, comma-separated)")
    scan.add_argument("--skip-check", action="append", metavar="IDS", help="skip these checks (IDs or severities)")
    scan.add_argument("--fail-on", action="append", metavar="CLASSES",
                      help=f"which FAILED checks fail the run: {', '.join(FAIL_CLASSES)}, 'all' or 'none' "
                      "(default: eol, extended-access, eol-within, provisioned-legacy)")
    scan.add_argument("--soft-fail", action="store_true", help="always exit 0 on findings")
    scan.add_argument("--warn-days", type=_positive_int, default=90, metavar="N",
                      help="BRL_004 fails when EOL is within N days (default: 90)")
    scan.add_argument("--compact", action="store_true", help="one line per finding")
    scan.add_argument("--quiet", action="store_true", help="show only failed and skipped checks")
    scan.add_argument("--skip-path", action="append", default=[], metavar="REGEX",
                      help="skip paths matching this regular expression (repeatable)")
    scan.add_argument("--framework", action="append", metavar="NAMES",
                      help=f"scan only these file kinds: {', '.join(FRAMEWORKS)}")
    scan.add_argument("--skip-framework", action="append", metavar="NAMES", help="do not scan these file kinds")
    scan.add_argument("--max-file-size", type=_positive_int, metavar="BYTES",
                      help="skip larger files with a diagnostic (default: 2 MiB)")
    scan.add_argument("--jobs", "-j", type=_positive_int, metavar="N",
                      help="worker processes (default: CPUs for directories, 1 for file lists)")
    scan.add_argument("--strict", action="store_true", help="exit 4 when any file could not be fully scanned")
    scan.add_argument("--no-inline-skips", action="store_true", help="ignore inline skip comments (audits)")
    scan.add_argument("--no-color", action="store_true", help="never colour the console output")
    _add_common(scan)
    scan.set_defaults(func=cmd_scan)

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
    syn = csub.add_parser("sync", help="refresh the catalog from the Bedrock API (boto3)",
                          description="Refresh lifecycle data from ListFoundationModels, GetFoundationModel and "
                          "ListInferenceProfiles. Needs AWS credentials and boto3 >= 1.42.59.")
    syn.add_argument("--region", action="append", default=[], help="Region to query (repeatable; default: "
                     "the session's Region)")
    syn.add_argument("--all-regions", action="store_true", help="every Region botocore knows for bedrock")
    syn.add_argument("--profile", help="AWS named profile")
    syn.add_argument("--output", default="bedrock-lifecycle-catalog.json", metavar="FILE",
                     help="catalog file to write (default: bedrock-lifecycle-catalog.json)")
    syn.add_argument("--base", metavar="FILE", help="catalog to merge into (default: --output if it exists, "
                     "else the embedded catalog)")
    syn.add_argument("--allow-partial", action="store_true", help="write the results of the Regions that "
                     "answered even when others failed")
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
        print(f"bedrock-lifecycle: internal error: {type(exc).__name__}: {exc} (run with --debug for the "
              "traceback)", file=sys.stderr)
        raise SystemExit(EXIT_ERROR) from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
        raise FatalError(f"--fail-on: unknown value(s) {', '.join(sorted(unknown))}; "
                         f"choose from {', '.join(FAIL_CLASSES)}, all, none")
    return frozenset(words)


def _check_ids(values: Sequence[str] | None) -> frozenset[str]:
    from bedrock_lifecycle.model import Severity
    from bedrock_lifecycle.policies import POLICY_BY_ID

    ids = frozenset(v.upper() for v in _csv(values))
    unknown = ids - set(POLICY_BY_ID) - {s.value for s in Severity}
    if unknown:
        raise FatalError(f"unknown check ID(s) {', '.join(sorted(unknown))}; see `bedrock-lifecycle scan --help` "
                         "and docs/policies.md")
    return ids


def build_config(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from bedrock_lifecycle.config import DEFAULT_MAX_FILE_SIZE, Config
    from bedrock_lifecycle.discover import relpath

    paths = list(args.paths) + list(args.directory) + list(args.file)
    if not paths:
        paths = ["."]
    dirs = [p for p in paths if os.path.isdir(p)]
    files = [p for p in paths if not os.path.isdir(p)]
    root = os.path.abspath(dirs[0]) if len(dirs) == 1 and not files else os.getcwd()
    report_only = None
    if files and not dirs:
        report_only = frozenset(relpath(p, root) for p in files)
    jobs = args.jobs if args.jobs else (1 if report_only is not None else (os.cpu_count() or 1))
    return Config(
        paths=tuple(paths),
        root=root,
        as_of=args.as_of or date.today(),
        warn_days=args.warn_days,
        checks=_check_ids(args.check),
        skip_checks=_check_ids(args.skip_check),
        fail_on=_fail_on(args),
        soft_fail=args.soft_fail,
        skip_paths=tuple(args.skip_path),
        frameworks=_frameworks(args),
        max_file_size=args.max_file_size or DEFAULT_MAX_FILE_SIZE,
        jobs=max(1, jobs),
        strict=args.strict,
        inline_skips=not args.no_inline_skips,
        report_only=report_only,
    )


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
    return [None if fmt == "cli" else os.path.join(path, f"results_{fmt}.{FORMAT_EXTENSIONS.get(fmt, fmt)}")
            for fmt in outputs]


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
    from bedrock_lifecycle.report import ReportOptions, catalog_age_warning, formatters
    from bedrock_lifecycle.scan import scan

    cfg = build_config(args)
    catalog = catalog_mod.load(args.catalog)
    result = scan(cfg, catalog)
    outputs = args.output or ["cli"]
    destinations = _destinations(outputs, args.output_file_path)
    machine_on_stdout = any(d is None and fmt != "cli" for fmt, d in zip(outputs, destinations))
    color = (sys.stdout.isatty() and not args.no_color and "NO_COLOR" not in os.environ
             and not machine_on_stdout)
    opts = ReportOptions(compact=args.compact, quiet=args.quiet, color=color)
    render = formatters()
    for fmt, dest in zip(outputs, destinations):
        text = render[fmt](result, opts)
        if dest is None:
            sys.stdout.write(text)
        else:
            _write(dest, text)
    if "cli" not in outputs or machine_on_stdout:
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
        rows.append({
            "id": entry.model_id, "name": entry.name, "provider": entry.provider, "status": lc.status.value,
            "extended_access": lc.extended_access, "legacy_date": _iso(lc.legacy_date),
            "extended_access_date": _iso(lc.extended_access_date), "eol_date": _iso(lc.eol_date),
            "replacement": entry.replacement, "source_url": entry.source_url, "_shown": status,
        })
    if args.output == "json":
        doc = {"catalog_date": catalog.generated, "as_of": as_of.isoformat(),
               "models": [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]}
        sys.stdout.write(json.dumps(doc, indent=2, sort_keys=True) + "\n")
        return 0
    cols = [("id", "MODEL ID"), ("_shown", "STATUS"), ("legacy_date", "LEGACY"),
            ("extended_access_date", "EXT. ACCESS"), ("eol_date", "EOL"), ("replacement", "REPLACEMENT")]
    table = [[h for _, h in cols]] + [[str(r[k] or "-") for k, _ in cols] for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(cols))]
    for row in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
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
        "reference": args.id, "form": parsed.form, "geo_prefix": parsed.geo, "region": args.region or parsed.region,
        "partition": parsed.partition, "status": res.status.value, "extended_access": res.extended_access,
        "model_id": res.model_id, "name": res.name, "provider": res.provider,
        "legacy_date": _iso(res.legacy_date), "extended_access_date": _iso(res.extended_access_date),
        "eol_date": _iso(res.eol_date), "replacement": res.replacement,
        "eol_no_sooner_than": _iso(entry.eol_no_sooner_than) if entry else None,
        "launch_date": _iso(entry.launch_date) if entry else None,
        "regions": list(entry.regions) if entry else [], "confidence": entry.confidence if entry else None,
        "source_url": res.source_url, "notes": entry.notes if entry else None,
        "suggestions": list(res.suggestions), "as_of": as_of.isoformat(), "catalog_date": catalog.generated,
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
    outcome = sync_mod.sync(base, regions, args.output, make_client=sync_mod.client_factory(args.profile),
                            allow_partial=args.allow_partial, botocore_ver=version)
    for error in outcome.errors:
        print(f"bedrock-lifecycle: sync: {error}", file=sys.stderr)
    if not outcome.written:
        why = "no Region answered" if len(outcome.errors) == len(outcome.results) else \
            "some Regions failed (use --allow-partial to write the others)"
        print(f"bedrock-lifecycle: error: catalog not written: {why}; {args.output} is unchanged", file=sys.stderr)
        return EXIT_ERROR
    ok = [r for r in outcome.results if not r.error]
    models = sum(len(r.models) for r in ok)
    print(f"wrote {args.output}: {len(outcome.catalog or [])} models; {models} model answers from "
          f"{len(ok)} Region(s) ({', '.join(r.region for r in ok)}); botocore {version}")
    return EXIT_ERROR if outcome.errors else 0


def cmd_catalog_diff(args: argparse.Namespace) -> int:
    from bedrock_lifecycle.catalog.diff import diff, render_text

    result = diff(_load_named(args.old), _load_named(args.new), args.as_of or date.today())
    if args.output == "json":
        sys.stdout.write(json.dumps(result, indent=2, sort_keys=True) + "\n")
    else:
        sys.stdout.write(render_text(result))
    return 0
