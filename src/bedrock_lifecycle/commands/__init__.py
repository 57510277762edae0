"""The subcommands of ``bedrock-lifecycle``: one module per command, listed in ``COMMANDS``.

Layout::

    base.py         Command (name, help, configure, run, subcommands) and the exit codes
    options.py      argument types and the shared option groups: add_common (--as-of, --catalog, --debug),
                    add_targets (PATH, -d, -f), add_selection (--skip-path, --framework, --skip-framework,
                    --max-file-size, --jobs)
    scan_config.py  options + config file -> Config (build_config), shared by scan and inventory
    output.py       writing outputs (atomic files, --output-file-path destinations), report dates and links
    scan.py         scan                      fix.py         fix (the migration assistant)
    inventory.py    inventory
    catalog/        catalog list | show | sync | diff (a group: catalog/__init__.py lists its SUBCOMMANDS)

``cli.build_parser()`` turns ``COMMANDS`` into argparse subparsers (a group's subcommands nested, in order)
and ``cli.main()`` runs the chosen command's ``run(args) -> int`` inside the one error handler.

Adding a subcommand (``fix`` was added so):

1. Write ``commands/NAME.py`` with ``configure(parser)`` (add its options; reuse the groups in
   ``options.py``), ``run(args) -> int`` (import heavy modules inside it: ``import bedrock_lifecycle.cli``
   must stay light, see tests/test_imports.py) and ``COMMAND = Command(name="NAME", help=..., configure=...,
   run=...)``.
2. Add its ``COMMAND`` to ``COMMANDS`` below (the order is the order in ``--help``).

A subcommand of a group (``catalog check``) goes in ``commands/catalog/check.py`` and
``commands/catalog/__init__.py``'s ``SUBCOMMANDS``. A new scan option goes in ``scan.configure`` (scan only)
or ``options.add_selection`` (scan and inventory); ``build_config`` turns it into a ``Config`` field. Every
long option of ``scan`` may also be set in the config file (config_file.py validates it through the same
argparse action).
"""

from __future__ import annotations

from bedrock_lifecycle.commands import catalog, fix, inventory, scan
from bedrock_lifecycle.commands.base import Command

COMMANDS: tuple[Command, ...] = (scan.COMMAND, fix.COMMAND, inventory.COMMAND, catalog.COMMAND)

__all__ = ["COMMANDS", "Command"]
