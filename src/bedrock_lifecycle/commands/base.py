"""The record every subcommand is described by, and the exit codes they return."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable
from dataclasses import dataclass

LOG = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1  # a FAILED check fails the run (scan), or an ID is not found (catalog show)
EXIT_ERROR = 2  # usage, configuration, catalog or internal error
EXIT_INCOMPLETE = 4  # ORed with EXIT_FAILED: some files could not be fully scanned and --strict was given
EXIT_INTERRUPTED = 130

Configure = Callable[[argparse.ArgumentParser], None]
Run = Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class Command:
    """One subcommand: its name, help, how it adds its options, and what it runs.

    A command with ``subcommands`` is a group (``catalog``): run without one, it prints its usage.
    ``configure`` and ``run`` import what they need inside, so building the parser stays light.
    """

    name: str
    help: str
    configure: Configure | None = None
    run: Run | None = None
    description: str | None = None
    subcommands: tuple[Command, ...] = ()
