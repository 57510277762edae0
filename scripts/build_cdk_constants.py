#!/usr/bin/env python3
"""Build the CDK model-constant table from the libraries' published packages.

    python scripts/build_cdk_constants.py [--aws-cdk-lib 2.278.0] [--genai 0.1.318] [--alpha 2.271.0-alpha.0]

CDK apps name models by constant (``FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2_1``,
``BedrockFoundationModel.ANTHROPIC_CLAUDE_V2_1``) rather than by ID. This script fetches
the packages that define those constants from the npm registry (``npm pack`` into a
temporary directory; nothing is installed), reads each constant's model ID from the
shipped JavaScript, checks the names against the shipped ``.d.ts`` declarations, and
writes src/bedrock_lifecycle/catalog/data/cdk_constants.json: per class, constant name ->
model ID, with the library versions it was derived from. Only the derived table is
committed.

Classes and their packages:

* ``FoundationModelIdentifier``: aws-cdk-lib, module aws-bedrock.
* ``BedrockFoundationModel``: @cdklabs/generative-ai-cdk-constructs (module bedrock) and
  @aws-cdk/aws-bedrock-alpha, which publish the same class name; the table holds the union
  (a name the two map to different IDs is an error here, not a guess at scan time).

IDs the lifecycle catalog does not hold are listed under ``notes`` with the reason from
NOTES below (the scanner reports them as BRL_005 with the model ID they stand for); a new
one makes this script fail until a reason is written down.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from bedrock_lifecycle.catalog import load_embedded  # noqa: E402  (the catalog this table is checked against)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "bedrock_lifecycle" / "catalog" / "data" / "cdk_constants.json"

DEFAULT_VERSIONS = {
    "aws-cdk-lib": "2.278.0",
    "@cdklabs/generative-ai-cdk-constructs": "0.1.318",
    "@aws-cdk/aws-bedrock-alpha": "2.271.0-alpha.0",
}

# (package, class) -> (file in the package that defines the class and its .d.ts twin)
SOURCES: tuple[tuple[str, str, str], ...] = (
    ("aws-cdk-lib", "FoundationModelIdentifier", "package/aws-bedrock/lib/foundation-model"),
    ("@cdklabs/generative-ai-cdk-constructs", "BedrockFoundationModel", "package/lib/cdk-lib/bedrock/models"),
    ("@aws-cdk/aws-bedrock-alpha", "BedrockFoundationModel", "package/bedrock/models"),
)

# Model IDs the libraries name that the lifecycle catalog does not hold, with why. The scanner
# resolves these constants to the ID and reports BRL_005 (not in the catalog) for them.
NOTES: dict[str, str] = {}  # none: every ID the pinned versions name is in the catalog

# 'static NAME=new Class("id"' (minified class fields) or 'Class.NAME = new Class('id'' (tsc output).
_JS_CONST = r"""(?:static\s+|\b{cls}\.)([A-Z][A-Z0-9_]*)\s*=\s*new\s+(?:[\w$]+\.)?{cls}\(\s*(['"])([^'"]+)\2"""
_DTS_CONST = r"static\s+readonly\s+([A-Z][A-Z0-9_]*)\s*:\s*{cls}\s*;"


def npm_pack(spec: str, into: Path) -> Path:
    """Download one package tarball from the npm registry (no install, no scripts)."""
    out = subprocess.run(
        ["npm", "pack", spec, "--silent", "--ignore-scripts", "--pack-destination", str(into)],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    ).stdout.strip()
    return into / out.splitlines()[-1]


def read_member(tgz: Path, name: str) -> str:
    with tarfile.open(tgz) as tar:
        member = tar.extractfile(name)
        if member is None:
            raise SystemExit(f"{tgz.name}: {name} is not a file")
        return member.read().decode("utf-8")


def constants(js: str, dts: str, cls: str, where: str) -> dict[str, str]:
    """name -> model ID from the shipped JavaScript, checked against the declarations."""
    found: dict[str, str] = {}
    for m in re.finditer(_JS_CONST.format(cls=re.escape(cls)), js):
        name, model_id = m.group(1), m.group(3)
        if found.get(name, model_id) != model_id:
            raise SystemExit(f"{where}: {cls}.{name} is assigned twice ({found[name]}, {model_id})")
        found[name] = model_id
    declared = set(re.findall(_DTS_CONST.format(cls=re.escape(cls)), dts))
    if not declared:
        raise SystemExit(f"{where}: no {cls} constants declared; has the file moved?")
    if declared != set(found):
        raise SystemExit(
            f"{where}: declarations and JavaScript disagree: only declared {sorted(declared - set(found))}, "
            f"only in JavaScript {sorted(set(found) - declared)}"
        )
    return found


def build(versions: dict[str, str]) -> dict[str, object]:
    tables: dict[str, dict[str, str]] = {}
    origin: dict[str, dict[str, list[str]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tarballs = {pkg: npm_pack(f"{pkg}@{ver}", Path(tmp)) for pkg, ver in versions.items()}
        for pkg, cls, stem in SOURCES:
            where = f"{pkg}@{versions[pkg]} {stem}"
            found = constants(
                read_member(tarballs[pkg], stem + ".js"), read_member(tarballs[pkg], stem + ".d.ts"), cls, where
            )
            table = tables.setdefault(cls, {})
            for name, model_id in found.items():
                if table.get(name, model_id) != model_id:
                    raise SystemExit(f"{cls}.{name}: {table[name]} in one library, {model_id} in {pkg}")
                table[name] = model_id
                origin.setdefault(cls, {}).setdefault(name, []).append(pkg)
    catalog = load_embedded()
    ids = sorted({i for t in tables.values() for i in t.values()})
    missing = [i for i in ids if catalog.lookup(i) is None]
    unexplained = [i for i in missing if i not in NOTES]
    if unexplained:
        raise SystemExit("model IDs not in the lifecycle catalog and not explained in NOTES: " + ", ".join(unexplained))
    return {
        "schema_version": 1,
        "description": "CDK model constants -> Bedrock model IDs, derived by scripts/build_cdk_constants.py "
        "from the packages' shipped JavaScript; do not edit by hand.",
        "libraries": {
            pkg: {"version": ver, "classes": sorted({c for p, c, _ in SOURCES if p == pkg})}
            for pkg, ver in sorted(versions.items())
        },
        "classes": {cls: dict(sorted(t.items())) for cls, t in sorted(tables.items())},
        "only_in": {
            cls: {n: pkgs[0] for n, pkgs in sorted(o.items()) if len(pkgs) == 1 and _shared(cls)}
            for cls, o in sorted(origin.items())
            if _shared(cls)
        },
        "notes": {i: NOTES[i] for i in missing},
    }


def _shared(cls: str) -> bool:
    return sum(1 for _, c, _ in SOURCES if c == cls) > 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--aws-cdk-lib", default=DEFAULT_VERSIONS["aws-cdk-lib"])
    ap.add_argument("--genai", default=DEFAULT_VERSIONS["@cdklabs/generative-ai-cdk-constructs"])
    ap.add_argument("--alpha", default=DEFAULT_VERSIONS["@aws-cdk/aws-bedrock-alpha"])
    ap.add_argument("--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    versions = {
        "aws-cdk-lib": args.aws_cdk_lib,
        "@cdklabs/generative-ai-cdk-constructs": args.genai,
        "@aws-cdk/aws-bedrock-alpha": args.alpha,
    }
    doc = build(versions)
    args.output.write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    classes = doc["classes"]
    assert isinstance(classes, dict)
    print(f"wrote {args.output}: " + ", ".join(f"{c} {len(t)}" for c, t in classes.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
