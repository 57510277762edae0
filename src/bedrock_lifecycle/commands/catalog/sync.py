"""``bedrock-lifecycle catalog sync``: refresh the catalog from the Bedrock API (boto3, imported here only)."""

from __future__ import annotations

import argparse
import os
import sys

from bedrock_lifecycle.commands.base import EXIT_ERROR, Command
from bedrock_lifecycle.commands.catalog.common import load_named
from bedrock_lifecycle.commands.options import csv_words
from bedrock_lifecycle.errors import FatalError


def configure(syn: argparse.ArgumentParser) -> None:
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


def run(args: argparse.Namespace) -> int:
    from bedrock_lifecycle.catalog import sync as sync_mod

    version = sync_mod.botocore_version()
    regions = list(dict.fromkeys(csv_words(args.region)))
    if args.all_regions:
        regions = sync_mod.all_regions()
    if not regions:
        import boto3

        session = boto3.session.Session(profile_name=args.profile) if args.profile else boto3.session.Session()
        if not session.region_name:
            raise FatalError("no Region: pass --region or --all-regions, or set AWS_REGION")
        regions = [session.region_name]
    base_path = args.base or (args.output if os.path.exists(args.output) else None)
    base = load_named(base_path) if base_path else load_named("embedded")
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


COMMAND = Command(
    name="sync",
    help="refresh the catalog from the Bedrock API (boto3)",
    description="Refresh lifecycle data from ListFoundationModels, GetFoundationModel and "
    "ListInferenceProfiles. Needs AWS credentials and boto3 >= 1.42.59.",
    configure=configure,
    run=run,
)
