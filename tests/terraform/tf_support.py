"""Helpers for the Terraform tests: write a module tree, scan it, summarise the references."""

from __future__ import annotations

import textwrap
from datetime import date
from functools import lru_cache
from pathlib import Path

from bedrock_lifecycle.catalog import load_embedded
from bedrock_lifecycle.config import Config
from bedrock_lifecycle.extract.terraform import clear_caches
from bedrock_lifecycle.model import Reference, ScanResult
from bedrock_lifecycle.resolve.ids import Recognizer
from bedrock_lifecycle.scan import scan

AS_OF = date(2026, 11, 25)


@lru_cache(maxsize=1)
def catalog():  # type: ignore[no-untyped-def]
    return load_embedded()


@lru_cache(maxsize=1)
def recognizer() -> Recognizer:
    return Recognizer.for_catalog(catalog())


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    return root


def run(
    root: Path, *, report_only: frozenset[str] | None = None, paths: tuple[str, ...] | None = None, jobs: int = 1
) -> ScanResult:
    clear_caches()
    cfg = Config(paths=paths or (str(root),), root=str(root), as_of=AS_OF, jobs=jobs, report_only=report_only)
    return scan(cfg, catalog())


def references(root: Path, files: dict[str, str] | None = None, **kwargs) -> list[Reference]:  # type: ignore[no-untyped-def]
    """The distinct references a scan of the tree reports, sorted by location then use site."""
    if files:
        write(root, files)
    result = run(root, **kwargs)
    seen: dict[tuple[object, ...], Reference] = {}
    for f in result.findings:
        ref = f.resolution.reference
        seen.setdefault((ref.span, ref.resource, ref.attribute, ref.text), ref)
    return sorted(seen.values(), key=lambda r: (r.span.path, r.span.start_line, r.span.start_col, r.resource))


def summary(refs: list[Reference]) -> list[tuple[str, int, str, str]]:
    """(path, line, model text, use site) per reference."""
    return [(r.span.path, r.span.start_line, r.text, r.resource) for r in refs]


def vias(ref: Reference) -> list[str]:
    return [s.via for s in ref.provenance]
