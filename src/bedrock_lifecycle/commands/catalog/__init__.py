"""``bedrock-lifecycle catalog``: the group of catalog subcommands (run alone, it prints its usage).

To add one (``catalog check``): write ``commands/catalog/check.py`` with a ``COMMAND`` and add it to
``SUBCOMMANDS`` below.
"""

from __future__ import annotations

from bedrock_lifecycle.commands.base import Command
from bedrock_lifecycle.commands.catalog import check, diff, list_, show, sync

SUBCOMMANDS: tuple[Command, ...] = (list_.COMMAND, show.COMMAND, sync.COMMAND, diff.COMMAND, check.COMMAND)

COMMAND = Command(name="catalog", help="inspect the lifecycle catalog", subcommands=SUBCOMMANDS)
