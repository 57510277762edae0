"""Generated and minified files: never parsed, whatever parser would claim them.

Lock files, minified bundles, source maps and type declarations are written by
tools, not by the team; a model ID in them is a copy of one elsewhere (or a
dependency's), and they are large. Skipping them by name costs nothing and
keeps the report to files someone edits.
"""

from __future__ import annotations

from bedrock_lifecycle.parsers.base import basename

GENERATED_NAMES = frozenset(
    {
        "package-lock.json",
        ".terraform.lock.hcl",
        "npm-shrinkwrap.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "bun.lock",
        "bun.lockb",
        "go.sum",
        "Cargo.lock",
        "poetry.lock",
        "Pipfile.lock",
        "pdm.lock",
        "uv.lock",
        "Gemfile.lock",
        "composer.lock",
        "packages.lock.json",
        "flake.lock",
        "mix.lock",
        "pubspec.lock",
        "Podfile.lock",
    }
)
GENERATED_SUFFIXES = (
    ".min.js",
    ".min.mjs",
    ".min.cjs",
    ".min.css",
    ".min.json",
    "-min.js",
    ".bundle.js",
    ".bundle.mjs",
    ".chunk.js",
    ".chunk.mjs",
    ".d.ts",
    ".d.mts",
    ".d.cts",
    ".map",
    ".pb.go",
    "_pb2.py",
    "_pb2_grpc.py",
    ".g.cs",
    ".designer.cs",
)


def is_generated(path: str) -> bool:
    name = basename(path)
    return name in GENERATED_NAMES or name.lower().endswith(GENERATED_SUFFIXES)
