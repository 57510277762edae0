"""Path containment: the one test every 'never leave the scan root' rule uses."""

from __future__ import annotations

import os


def within(path: str, directory: str) -> bool:
    """Whether ``path`` is ``directory`` or below it (both already resolved: compare real paths)."""
    return path == directory or path.startswith(directory.rstrip(os.sep) + os.sep)


def resolves_within(path: str, directory_real: str) -> bool:
    """Whether ``path``, links resolved, stays in ``directory_real`` (itself a real path)."""
    return within(os.path.realpath(path), directory_real)
