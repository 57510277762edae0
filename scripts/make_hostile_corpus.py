#!/usr/bin/env python3
"""Generate the hostile-input corpus: files that try to crash, hang, blow up or mislead a scan.

    python scripts/make_hostile_corpus.py DEST [ITEM ...]    # every item, or the ones named
    python scripts/make_hostile_corpus.py --list             # the items, one line each

Each item is written to ``DEST/<item>/repo`` (the scan root); whatever an item
links to outside the root goes to ``DEST/<item>/outside``. Every repo also holds
``healthy.yaml``, whose reference must be found whatever its neighbours do.

Large files (a 50 MB single-line JSON, a 3 MB file with a model ID on its last
line) are generated, never committed; the small hand-written inputs live in
``fixtures/hostile/`` and are copied. The script needs nothing but the standard
library, so it also runs outside the project's virtualenv. Creating a device
node needs CAP_MKNOD (root); without it that one file is left out. The
``unreadable`` item leaves files with permission 000: ``chmod -R u+rwX DEST``
before deleting the corpus.

tests/robustness/test_hostile_corpus.py builds each item in a temporary
directory with ``make(item, root, outside)`` and scans it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import stat
import sys
from collections.abc import Callable
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "hostile"

# End-of-Life as of 2026-11-25 (the tests' --as-of): every reference is a BRL_001 FAILED finding.
MODEL = "anthropic.claude-3-haiku-20240307-v1:0"
HEALTHY = f"# a healthy file beside the hostile ones: its reference must always be found\nmodel_id: {MODEL}\n"
HEALTHY_LINE = 2
SECRET = "SECRET-TOKEN-3f9a1c"  # planted in the broken part of files; must never reach a report
MARKER = "CONSTRUCTED"  # written to <outside>/CONSTRUCTED if a YAML tag were ever constructed or executed
BIG_JSON_BYTES = 50 * 1000 * 1000

Maker = Callable[[Path, Path], None]
ITEMS: dict[str, tuple[Maker, str]] = {}


def item(description: str) -> Callable[[Maker], Maker]:
    def register(fn: Maker) -> Maker:
        ITEMS[fn.__name__] = (fn, description)
        return fn

    return register


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _copy(name: str, root: Path, as_name: str | None = None) -> None:
    shutil.copyfile(FIXTURES / name, root / (as_name or name))


# --- size and structure ---


@item("YAML alias bomb (9 levels of 9 aliases): walked once, one finding per literal")
def billion_laughs(root: Path, outside: Path) -> None:
    lines = [f'a: &a ["{MODEL}", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    prev = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
        prev = name
    lines.append(f"model_id: {MODEL}")  # line 10
    _write(root / "laughs.yaml", "\n".join(lines) + "\n")


@item("YAML nested 20,000 levels, block and flow (beyond the recursion limit)")
def deep_yaml(root: Path, outside: Path) -> None:
    depth = 20_000
    _write(root / "block.yaml", "- " * depth + MODEL + "\n")
    _write(root / "flow.yaml", "model_id: " + "[" * depth + MODEL + "]" * depth + "\n")
    _write(root / "mapping.yaml", "model_id: " + "{a: " * depth + MODEL + "}" * depth + "\n")


@item("JSON nested 100,000 levels")
def deep_json(root: Path, outside: Path) -> None:
    depth = 100_000
    _write(root / "deep.json", '{"model_id": ' + "[" * depth + f'"{MODEL}"' + "]" * depth + "}\n")


@item("HCL nested 20,000 levels: tuples, parentheses, blocks")
def deep_hcl(root: Path, outside: Path) -> None:
    depth = 20_000
    _write(root / "tuples.tf", "locals {\n  model_id = " + "[" * depth + f'"{MODEL}"' + "]" * depth + "\n}\n")
    _write(root / "parens.tf", "locals {\n  model_id = " + "(" * depth + f'"{MODEL}"' + ")" * depth + "\n}\n")
    _write(
        root / "blocks.tf",
        f'resource "aws_bedrockagent_agent" "a" {{\n  foundation_model = "{MODEL}"\n}}\n'
        + "a {\n" * depth
        + "}\n" * depth,
    )


@item("a CloudFormation JSON template nested 250,000 levels inside a resource's properties")
def deep_cloudformation(root: Path, outside: Path) -> None:
    depth = 250_000
    _write(
        root / "template.json",
        '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Agent": {"Type": '
        f'"AWS::Bedrock::Agent", "Properties": {{"FoundationModel": "{MODEL}", "Extra": '
        + "[" * depth
        + f'"{MODEL}"'
        + "]" * depth
        + "}}}}\n",
    )


def _cfn_alias_bomb(defs: list[str], use: str) -> str:
    """A template whose Metadata shares each level twice through YAML aliases, and one real Agent."""
    return "\n".join(
        [
            "AWSTemplateFormatVersion: '2010-09-09'",
            "Conditions:",
            "  C: !Equals [a, b]",
            "Metadata:",
            "  Defs:",  # line 5
            *(f"    {line}" for line in defs),  # from line 6: the literal on line 6
            "Resources:",
            "  Agent:",
            "    Type: AWS::Bedrock::Agent",
            "    Properties:",
            f"      FoundationModel: {MODEL}",  # line 6 + len(defs) + 4
            f"      Extra: {use}",
            "",
        ]
    )


CFN_BOMB_LEVELS = 30  # 2**30 evaluations or walks if a shared node were redone at each visit


@item("CloudFormation !If whose branches alias the level below, 30 levels: each shared value evaluated once")
def cfn_alias_if_bomb(root: Path, outside: Path) -> None:
    defs = [f"a0: &a0 !If [C, {MODEL}, x]"]
    defs += [f"a{i}: &a{i} !If [C, *a{i - 1}, *a{i - 1}]" for i in range(1, CFN_BOMB_LEVELS)]
    _write(root / "template.yaml", _cfn_alias_bomb(defs, f"*a{CFN_BOMB_LEVELS - 1}"))


@item("CloudFormation maps whose !If branches alias the map below, 30 levels: each shared node walked once")
def cfn_alias_walk_bomb(root: Path, outside: Path) -> None:
    defs = [f"m0: &m0 {{ModelId: {MODEL}}}"]
    defs += [f"m{i}: &m{i} {{K: !If [C, *m{i - 1}, *m{i - 1}]}}" for i in range(1, CFN_BOMB_LEVELS)]
    _write(root / "template.yaml", _cfn_alias_bomb(defs, f"*m{CFN_BOMB_LEVELS - 1}"))


@item("source code that is slow to lex: 30,000 nested template literals, 40,000 comments on one line")
def pathological_source(root: Path, outside: Path) -> None:
    depth = 30_000
    _write(root / "nested.ts", f'const MODEL_ID = "{MODEL}";\nconst x = ' + "`${" * depth + "1" + "}`" * depth + ";\n")
    _write(root / "comments.go", f'package main\n\nconst ModelID = "{MODEL}"\n\nvar x = 1 ' + "/*/" * 40_000 + "\n")


@item("10,000 model IDs in one 400 KB YAML file: every one reported, memory proportional")
def reference_flood(root: Path, outside: Path) -> None:
    _write(root / "models.yaml", "".join(f"- {MODEL}\n" for _ in range(10_000)))


@item("50 MB single-line JSON, the model ID at its very end")
def big_json(root: Path, outside: Path) -> None:
    record = '{"id": "%07d", "text": "lorem ipsum dolor sit amet"},'
    count = (BIG_JSON_BYTES - 100) // len(record % 0)
    with open(root / "big.json", "w", encoding="ascii") as fh:
        fh.write('{"items": [')
        for start in range(0, count, 10_000):
            fh.write("".join(record % i for i in range(start, min(start + 10_000, count))))
        fh.write(f'{{}}], "model_id": "{MODEL}"}}')  # no newline: one line


@item("3 MB YAML (over the 2 MiB default limit), the model ID on its last line")
def huge_file(root: Path, outside: Path) -> None:
    lines = [f"key_{i:06d}: value number {i}" for i in range(100_000)]
    _write(root / "huge.yaml", "\n".join(lines) + f"\nmodel_id: {MODEL}\n")  # model on line 100,001


# --- bytes and encodings ---


@item("binary content under .tf/.yaml/.json names, with and without a model ID inside")
def binary_named(root: Path, outside: Path) -> None:
    noise = bytes(range(256)) * 4
    _write(root / "main.tf", noise + f'\nfoundation_model = "{MODEL}"\n'.encode() + noise)
    _write(root / "values.yaml", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56 + f"\nmodel_id: {MODEL}\n".encode())
    _write(root / "image.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise)  # nothing to find


@item("UTF-16 with a BOM, little and big endian")
def utf16(root: Path, outside: Path) -> None:
    text = f"# UTF-16\nname: support\nmodel_id: {MODEL}\n"
    _write(root / "le.yaml", text.encode("utf-16"))  # platform order with BOM (little endian here)
    _write(root / "be.yaml", b"\xfe\xff" + text.encode("utf-16-be"))
    broken = text.encode("utf-16-le").replace(
        "support".encode("utf-16-le"), "sup".encode("utf-16-le") + b"\x00\xdc" + "port".encode("utf-16-le")
    )
    _write(root / "lone.yaml", b"\xff\xfe" + broken)  # a lone surrogate on line 2: decoded with a diagnostic


@item("Latin-1 bytes (invalid UTF-8) before a model ID")
def latin1(root: Path, outside: Path) -> None:
    _write(root / "latin1.yaml", f"# Café crème\ndescription: Modèle\nmodel_id: {MODEL}\n".encode("latin-1"))


@item("a UTF-8 byte-order mark: columns count from after it")
def utf8_bom(root: Path, outside: Path) -> None:
    _write(root / "bom.yaml", f"\ufeffmodel_id: {MODEL}\n".encode())
    _write(root / "bom.json", f'\ufeff{{"model_id": "{MODEL}"}}\n'.encode())
    _write(
        root / "bom.tf",
        f'\ufeffresource "aws_bedrockagent_agent" "a" {{\n  foundation_model = "{MODEL}"\n}}\n'.encode(),
    )


@item("invalid UTF-8 in the middle of a CloudFormation template")
def invalid_utf8_template(root: Path, outside: Path) -> None:
    head = f"""AWSTemplateFormatVersion: "2010-09-09"
Resources:
  First:
    Type: AWS::Bedrock::Agent
    Properties:
      FoundationModel: {MODEL}
      Description: """.encode()
    tail = f"""
  Second:
    Type: AWS::Bedrock::Agent
    Properties:
      FoundationModel: {MODEL}
""".encode()
    _write(root / "template.yaml", head + b"caf\xe9 \xff\xfe broken bytes" + tail)  # bad bytes on line 7


@item("NUL bytes: in the first 8 KiB (binary) and after it (a YAML control character)")
def nul_bytes(root: Path, outside: Path) -> None:
    _write(root / "early.yaml", f"name: x\x00y\nmodel_id: {MODEL}\n".encode())
    _write(root / "late.yaml", ("padding: " + "x" * 70 + "\n") * 200 + f"nul: a\x00b\nmodel_id: {MODEL}\n")


@item("CRLF and CR-only line endings: reported lines and columns stay right")
def line_endings(root: Path, outside: Path) -> None:
    for eol, tag in (("\r\n", "crlf"), ("\r", "cr")):
        _write(root / f"{tag}.yaml", eol.join(["# header", "name: x", f"model_id: {MODEL}", ""]))
        _write(root / f"{tag}.json", eol.join(["{", '  "name": "x",', f'  "model_id": "{MODEL}"', "}", ""]))
        _write(root / f"{tag}.env", eol.join(["# header", "NAME=x", f"MODEL_ID={MODEL}", ""]))
        _write(
            root / f"{tag}.tf",
            eol.join(
                [
                    'resource "aws_bedrockagent_agent" "a" {',
                    '  agent_name = "x"',
                    f'  foundation_model = "{MODEL}"',
                    "}",
                    "",
                ]
            ),
        )
        _write(root / f"{tag}.py", eol.join(["import boto3", "", f'MODEL_ID = "{MODEL}"', ""]))


@item("unterminated heredocs, strings and quoted scalars")
def unterminated(root: Path, outside: Path) -> None:
    for name in (
        "unterminated_heredoc.tf",
        "unterminated_string.tf",
        "unterminated_string.json",
        "unterminated_quote.yaml",
    ):
        _copy(name, root)
    _write(root / "quote.env", f'MODEL_ID={MODEL}\nPROMPT="{SECRET} never closed\n')
    _write(root / "string.py", f'MODEL_ID = "{MODEL}"\nPROMPT = """{SECRET} never closed\n')


@item("duplicate YAML keys")
def duplicate_keys(root: Path, outside: Path) -> None:
    _copy("duplicate_keys.yaml", root)


@item("unknown YAML tags, python/object/apply among them: never constructed")
def unknown_tags(root: Path, outside: Path) -> None:
    marker = outside / MARKER
    _write(
        root / "tags.yaml",
        f"""model_id: {MODEL}
apply: !!python/object/apply:os.system ["touch {marker}"]
new: !!python/object/new:subprocess.Popen [["touch", "{marker}"]]
name: !!python/name:os.system
module: !!python/module:os
custom: !Custom {{model: {MODEL}}}
""",
    )


@item("CloudFormation templates with a tag on every node, known and unknown")
def cfn_tags_everywhere(root: Path, outside: Path) -> None:
    _copy("cfn_tags_everywhere.yaml", root)
    _copy("cfn_known_tags_everywhere.yaml", root)


# --- the file system ---


@item("symlink loops: a self link, a two-link cycle, links to enclosing and sibling directories")
def symlink_loops(root: Path, outside: Path) -> None:
    os.symlink("self.yaml", root / "self.yaml")
    os.symlink("loop_b.yaml", root / "loop_a.yaml")
    os.symlink("loop_a.yaml", root / "loop_b.yaml")
    (root / "dir").mkdir()
    _write(root / "dir" / "inner.yaml", f"model_id: {MODEL}\n")
    os.symlink("..", root / "dir" / "up")
    (root / "d1").mkdir()
    (root / "d2").mkdir()
    os.symlink("../d2", root / "d1" / "to_d2")
    os.symlink("../d1", root / "d2" / "to_d1")


@item("symlinks out of the root: to an /etc/passwd-like file, its directory, absolute and relative")
def symlink_outside(root: Path, outside: Path) -> None:
    passwd = _write(outside / "passwd", f"root:x:0:0:{MODEL}:/root:/bin/sh\n")
    _write(outside / "secret.yaml", f"model_id: {MODEL}\n")
    os.symlink(passwd, root / "passwd.yaml")  # absolute
    os.symlink(os.path.relpath(outside / "secret.yaml", root), root / "secret.yaml")  # relative, via ..
    os.symlink(outside, root / "etc")  # a directory
    (root / "nested").mkdir()
    os.symlink(os.path.relpath(outside, root / "nested"), root / "nested" / "up")


@item("unreadable files and directories (permission 000)")
def unreadable(root: Path, outside: Path) -> None:
    secret = _write(root / "secret.yaml", f"model_id: {MODEL}\n")
    locked = root / "locked"
    _write(locked / "inner.yaml", f"model_id: {MODEL}\n")
    secret.chmod(0)
    locked.chmod(0)


@item("FIFOs, a Unix socket, a device node and a link to /dev/zero under claimed names")
def special_files(root: Path, outside: Path) -> None:
    os.mkfifo(root / "fifo.yaml")
    os.symlink("/dev/zero", root / "zero.yaml")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(root / "socket.yaml"))
    except OSError:
        pass  # a socket path is limited to about 100 bytes; a deep temporary directory goes without
    finally:
        sock.close()
    try:
        os.mknod(root / "device.yaml", stat.S_IFCHR | 0o644, os.makedev(1, 5))  # another /dev/zero
    except PermissionError:
        pass  # needs CAP_MKNOD; the test says when it is missing


@item("file names with spaces, unicode, a newline, quotes, a leading dash, escapes and bidi overrides")
def odd_names(root: Path, outside: Path) -> None:
    for name in ODD_NAMES:
        _write(root / name, f"model_id: {MODEL}\n")


ODD_NAMES = (
    "with space.yaml",
    "ünïcödé-模型.yaml",
    "new\nline.yaml",
    "-rf.yaml",
    "--help.yaml",
    'quote".yaml',
    "pct%41.yaml",
    "hash#x.yaml",
    "esc\x1b[31mred.yaml",
    "\u202egnp.yaml",
    "back\\slash.yaml",
)


@item("paths longer than 255 characters, a 255-byte name, and a directory chain beyond PATH_MAX")
def long_paths(root: Path, outside: Path) -> None:
    long_dir = root.joinpath(*(["d" * 50] * 6))  # 300+ characters below the root
    _write(long_dir / "model.yaml", f"model_id: {MODEL}\n")
    _write(root / ("n" * 250 + ".yaml"), f"model_id: {MODEL}\n")  # NAME_MAX
    fd = os.open(root, os.O_RDONLY)  # beyond PATH_MAX (4096): only reachable relative to a directory fd
    try:
        for _ in range(20):
            os.mkdir("p" * 250, dir_fd=fd)
            nxt = os.open("p" * 250, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
        out = os.open("beyond.yaml", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, f"model_id: {MODEL}\n".encode())
        os.close(out)
    finally:
        os.close(fd)


EMPTY_NAMES = (
    "empty.yaml",
    "empty.yml",
    "empty.template",
    "empty.json",
    "empty.jsonc",
    ".env",
    "empty.tf",
    "empty.tfvars",
    "empty.tf.json",
    "empty.tfvars.json",
    "empty.toml",
    "empty.ini",
    "empty.cfg",
    "empty.properties",
    "empty.py",
    "empty.js",
    "empty.ts",
    "empty.java",
    "empty.go",
    "empty.cs",
    "empty.kt",
    "empty.rb",
    "templates/empty.yaml",
    "serverless.yml",
)


@item("an empty file of every type, plus BOM-only and newline-only files")
def empty_files(root: Path, outside: Path) -> None:
    for name in EMPTY_NAMES:
        _write(root / name, b"")
    _write(root / "bom_only.json", b"\xef\xbb\xbf")
    _write(root / "newline_only.tf", b"\n")
    _write(root / "crlf_only.yaml", b"\r\n\r\n")


def make(name: str, root: Path, outside: Path) -> None:
    """Write one item: its files under root (created), what it links to under outside, and healthy.yaml."""
    root.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    _write(root / "healthy.yaml", HEALTHY)
    ITEMS[name][0](root, outside)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", nargs="?", help="directory to write the corpus into")
    parser.add_argument("items", nargs="*", help="items to write (default: all)")
    parser.add_argument("--list", action="store_true", help="list the items")
    args = parser.parse_args(argv)
    if args.list:
        for name, (_fn, description) in ITEMS.items():
            print(f"{name:22} {description}")
        return 0
    if not args.dest:
        parser.error("DEST is required")
    unknown = [n for n in args.items if n not in ITEMS]
    if unknown:
        parser.error(f"unknown item(s): {', '.join(unknown)}; see --list")
    for name in args.items or ITEMS:
        base = Path(args.dest) / name
        if base.exists():
            parser.error(f"{base} exists; choose an empty DEST")
        make(name, base / "repo", base / "outside")
        print(f"{base / 'repo'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
