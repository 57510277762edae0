"""Find the files to scan: a sorted walk that never leaves the scan root.

Skips the usual vendored/tool directories and --skip-path matches, follows
symlinks only while they stay inside the root, breaks loops, and never opens
anything that is not a regular file (a FIFO would block the scan).
"""

from __future__ import annotations

import errno
import logging
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass

from bedrock_lifecycle import diagnostics
from bedrock_lifecycle.config import Config
from bedrock_lifecycle.coverage import EXCLUDED, VENDORED
from bedrock_lifecycle.errors import FatalError
from bedrock_lifecycle.model import Diagnostic, FileRecord
from bedrock_lifecycle.paths import within

LOG = logging.getLogger(__name__)

E_UNREADABLE = diagnostics.UNREADABLE.code
E_LINK = diagnostics.LINK.code
E_SPECIAL = diagnostics.SPECIAL_FILE.code


@dataclass(frozen=True, order=True)
class Target:
    rel: str  # POSIX path relative to the scan root (or absolute when outside it)
    path: str  # the path to open
    explicit: bool = False


def relpath(path: str, root: str) -> str:
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, root)
    except ValueError:
        return absolute.replace(os.sep, "/")
    if rel.startswith(".."):
        return absolute.replace(os.sep, "/")
    return rel.replace(os.sep, "/")


def discover(cfg: Config, skipped: list[FileRecord] | None = None) -> tuple[list[Target], list[Diagnostic]]:
    """The files to scan, sorted, and diagnostics; with ``skipped``, what the walk passed over and why
    (directories as 'path/': vendored and tool directories, --skip-path matches)."""
    root_real = os.path.realpath(cfg.root)
    skip = [re.compile(p) for p in cfg.skip_paths]
    targets: dict[str, Target] = {}
    diags: list[Diagnostic] = []

    def is_skipped(rel: str) -> bool:
        return any(p.search(rel) for p in skip)

    for given in cfg.paths:
        try:
            st = os.stat(given)
        except FileNotFoundError:
            raise FatalError(f"no such file or directory: {given}") from None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                diags.append(Diagnostic(relpath(given, cfg.root), None, E_LINK, "symlink loop; skipped"))
            else:
                diags.append(Diagnostic(relpath(given, cfg.root), None, E_UNREADABLE, f"cannot read: {exc.strerror}"))
            continue
        if within(os.path.abspath(given), os.path.abspath(cfg.root)) and not within(os.path.realpath(given), root_real):
            # a path named inside the root (a pre-commit file list) that is a link out of it: never followed
            diags.append(
                Diagnostic(relpath(given, cfg.root), None, E_LINK, "symlink points outside the scan root; not followed")
            )
            continue
        if stat.S_ISDIR(st.st_mode):
            _walk(given, cfg, root_real, is_skipped, targets, diags, skipped)
        elif stat.S_ISREG(st.st_mode):
            rel = relpath(given, cfg.root)
            targets.setdefault(rel, Target(rel, given, explicit=True))
        else:
            diags.append(Diagnostic(relpath(given, cfg.root), None, E_SPECIAL, "not a regular file; skipped"))
    return sorted(targets.values()), diags


def _walk(
    top: str,
    cfg: Config,
    root_real: str,
    is_skipped: Callable[[str], bool],
    targets: dict[str, Target],
    diags: list[Diagnostic],
    passed_over: list[FileRecord] | None = None,
) -> None:
    top_real = os.path.realpath(top)
    visited: set[str] = {top_real}
    top_rel = relpath(top, cfg.root)
    # (path, relative path, real path): children's are derived by joining names, not by calling
    # relpath()/realpath() per entry (a third of a 10,000-file walk otherwise).
    stack: list[tuple[str, str, str]] = [(top, "" if top_rel == "." else top_rel, top_real)]
    while stack:
        directory, dir_rel, dir_real = stack.pop()
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            diags.append(
                Diagnostic(dir_rel or ".", None, E_UNREADABLE, f"cannot list directory: {exc.strerror or exc}")
            )
            continue
        subdirs = []
        for entry in entries:
            rel = f"{dir_rel}/{entry.name}" if dir_rel else entry.name
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir(follow_symlinks=True)
                is_file = entry.is_file(follow_symlinks=True)
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    diags.append(Diagnostic(rel, None, E_LINK, "symlink loop; skipped"))
                else:
                    diags.append(Diagnostic(rel, None, E_UNREADABLE, f"cannot stat: {exc.strerror or exc}"))
                continue
            if is_dir and entry.name in cfg.skip_dirs:
                if passed_over is not None:
                    passed_over.append(FileRecord(rel + "/", skipped=VENDORED))
                continue
            if is_skipped(rel) or is_skipped(rel + "/" if is_dir else rel):
                if passed_over is not None:
                    passed_over.append(FileRecord(rel + "/" if is_dir else rel, skipped=EXCLUDED))
                continue
            if is_link:
                real = os.path.realpath(entry.path)
                if not os.path.exists(real):
                    if _loops(entry.path):
                        diags.append(Diagnostic(rel, None, E_LINK, "symlink loop; skipped"))
                    continue  # a dangling link has nothing to scan
                if not within(real, root_real):
                    diags.append(Diagnostic(rel, None, E_LINK, "symlink points outside the scan root; not followed"))
                    continue
                if is_dir and within(dir_real, real):
                    diags.append(
                        Diagnostic(rel, None, E_LINK, "symlink loop (points to an enclosing directory); skipped")
                    )
                    continue
                if within(real, top_real) or real in visited:
                    continue  # scanned at its own path
                if is_dir:
                    visited.add(real)
                    subdirs.append((entry.path, rel, real))
                else:
                    targets.setdefault(rel, Target(rel, entry.path))
                continue
            if is_dir:
                real = os.path.join(dir_real, entry.name)  # not a link: its real path is its parent's plus its name
                if real not in visited:
                    visited.add(real)
                    subdirs.append((entry.path, rel, real))
            elif is_file:
                targets.setdefault(rel, Target(rel, entry.path))
            else:
                diags.append(Diagnostic(rel, None, E_SPECIAL, "not a regular file (FIFO, socket or device); skipped"))
        stack.extend(reversed(subdirs))


def _loops(path: str) -> bool:
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False
