"""The ``negsolve`` console script, and where modules that register with ``@cli.command`` are imported.

The group itself, its lazy command table and the error boundary are in :mod:`negsolve.cli.app`;
each command family is its own module (docs/architecture.md, "Adding a command").  This module
is callable, so the console-script entry ``negsolve.cli:main`` (which resolves to this module)
and ``from negsolve.cli import main; main()`` both run the command line, and
``negsolve.cli.main`` is one object, never a function shadowing a module.

A module that adds commands with ``@cli.command`` (importing ``cli`` from here or from
:mod:`negsolve.cli.app`) is registered by one import line at the bottom of this file; the group
imports this module before it lists or looks up commands.  A new command is better added as
a plain ``@click.command`` plus one entry in :data:`negsolve.cli.app.COMMANDS`, which loads it
only when it runs.
"""

from __future__ import annotations

import sys
import types

from negsolve.cli.app import EXIT_FAILURE, EXIT_INPUT, EXIT_INTERNAL, cli, main

__all__ = ["EXIT_FAILURE", "EXIT_INPUT", "EXIT_INTERNAL", "cli", "main"]


class _EntryModule(types.ModuleType):
    """This module, callable: calling it runs :func:`negsolve.cli.app.main`."""

    def __call__(self) -> None:
        main()


sys.modules[__name__].__class__ = _EntryModule

# Modules registering commands with @cli.command on import: one line each, below.
