"""Discovery never leaves the root, breaks symlink loops, skips tool folders and special files."""

from __future__ import annotations

import os
from datetime import date

from bedrock_lifecycle.config import Config
from bedrock_lifecycle.discover import discover


def cfg(root, **kw):
    return Config(paths=(str(root),), root=str(root), as_of=date(2026, 11, 25), **kw)


def test_walk_sorted_and_skips_tool_dirs(tmp_path):
    for name in ("b.yaml", "a/c.json", "node_modules/x.yaml", ".git/config.yaml", ".terraform/m.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    targets, diags = discover(cfg(tmp_path))
    assert [t.rel for t in targets] == ["a/c.json", "b.yaml"] and diags == []


def test_skip_path_regex(tmp_path):
    (tmp_path / "keep.yaml").write_text("x")
    (tmp_path / "gen").mkdir()
    (tmp_path / "gen" / "out.yaml").write_text("x")
    targets, _ = discover(cfg(tmp_path, skip_paths=(r"^gen/",)))
    assert [t.rel for t in targets] == ["keep.yaml"]


def test_symlinks_loops_and_escapes(tmp_path):
    root = tmp_path / "repo"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.yaml").write_text("x")
    outside = tmp_path / "secret.yaml"
    outside.write_text("x")
    os.symlink("..", root / "sub" / "up")  # loop to an enclosing directory
    os.symlink(str(outside), root / "escape.yaml")  # file outside the root
    os.symlink(str(tmp_path), root / "escape_dir")  # directory outside the root
    os.symlink("self", root / "self")  # self loop (dangling ELOOP)
    os.symlink("sub/a.yaml", root / "alias.yaml")  # link inside the root: scanned once, at its own path
    targets, diags = discover(cfg(root))
    assert [t.rel for t in targets] == ["sub/a.yaml"]
    assert sorted((d.path, d.code) for d in diags) == [
        ("escape.yaml", "BRL_E006"),
        ("escape_dir", "BRL_E006"),
        ("self", "BRL_E006"),
        ("sub/up", "BRL_E006"),
    ]


def test_fifo_is_never_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    targets, diags = discover(cfg(tmp_path))
    assert targets == [] and [(d.path, d.code) for d in diags] == [("pipe.yaml", "BRL_E008")]
