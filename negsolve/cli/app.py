"""The ``negsolve`` command group: lazy command loading and the one error boundary.

Each command lives in a small module of its family (``negsolve/cli/<family>.py``) as a plain
``@click.command``; :data:`COMMANDS` maps the command's name to ``"module:function"`` and
:class:`LazyGroup` imports a module only when its command runs (or when ``--help`` lists the
commands), so ``negsolve --help`` and ``negsolve list`` load no solver.  Adding a command is
one table entry (docs/architecture.md, "Adding a command").

Modules that register with ``@cli.command`` on import (the older pattern) still work: list
them in :data:`REGISTERING_MODULES`, or import them from :mod:`negsolve.cli.main`.

Errors: negsolve's exceptions become ``Error: ...`` on stderr and an exit code
(:data:`EXIT_INPUT` for bad input, :data:`EXIT_FAILURE` for a solver failure,
:data:`EXIT_INTERNAL` for a bug); a traceback is shown only with ``--debug``.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from negsolve import __version__
from negsolve.errors import InputError, NegsolveError

EXIT_INPUT = 2
EXIT_FAILURE = 1
EXIT_INTERNAL = 70

COMMANDS: dict[str, str] = {
    "list": "negsolve.cli.browse:list_games",
    "show": "negsolve.cli.browse:show",
    "validate": "negsolve.cli.browse:validate",
    "solve": "negsolve.cli.solving:solve",
    "convert": "negsolve.cli.formats:convert",
    "export": "negsolve.cli.formats:export",
    "stability": "negsolve.cli.analysis:stability",
    "concessions": "negsolve.cli.analysis:concessions",
    "repeated": "negsolve.cli.analysis:repeated",
    "sweep": "negsolve.cli.analysis:sweep",
    "sweep-merge": "negsolve.cli.runs:sweep_merge",
    "batch": "negsolve.cli.runs:batch",
    "explain": "negsolve.cli.teach:explain",
    "concepts": "negsolve.cli.teach:concepts",
    "quiz": "negsolve.cli.teach:quiz",
    "deals": "negsolve.cli.deals:deals",
    "correlated": "negsolve.cli.deals:correlated",
    "bargain": "negsolve.cli.deals:bargain",
    "draw": "negsolve.cli.draw:draw",
    "serve": "negsolve.cli.serve:serve",
    "signal": "negsolve.cli.signalling:signal",
}
"""Command name -> ``"module:function"`` (a :class:`click.Command` object in that module)."""

REGISTERING_MODULES: tuple[str, ...] = ("negsolve.cli.main",)
"""Modules imported (once) before commands are listed or looked up: they may add commands
with ``@cli.command`` as a side effect of being imported."""


class LazyGroup(click.Group):
    """A group whose commands are imported on first use, that turns negsolve's exceptions into
    clean messages (tracebacks only with --debug)."""

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})
        self._registered = False

    def _register(self) -> None:
        if not self._registered:
            self._registered = True
            for module in REGISTERING_MODULES:
                importlib.import_module(module)

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command name, sorted (the table's and those registered directly)."""
        self._register()
        return sorted(set(self.lazy) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command called ``cmd_name``, importing its module on first use."""
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module, _, attr = self.lazy[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attr)
            if not isinstance(command, click.Command):
                raise TypeError(f"{self.lazy[cmd_name]} is not a click command")
            self.commands[cmd_name] = command
        if cmd_name not in self.commands:
            self._register()
        return self.commands.get(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; negsolve's errors become ``Error: ...`` and an exit code."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except InputError as exc:
            if _debug(ctx):
                raise
            for problem in exc.problems:
                click.echo(f"Error: {problem}", err=True)
            ctx.exit(EXIT_INPUT)
        except NegsolveError as exc:
            if _debug(ctx):
                raise
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(EXIT_FAILURE)
        except (KeyboardInterrupt, BrokenPipeError):
            ctx.exit(EXIT_FAILURE)
        except Exception as exc:  # the boundary: never a bare traceback for users
            if _debug(ctx):
                raise
            click.echo(f"Error: internal error ({type(exc).__name__}: {exc}); rerun with --debug for details "
                       "and please report it", err=True)
            ctx.exit(EXIT_INTERNAL)


def _debug(ctx: click.Context) -> bool:
    root = ctx.find_root()
    return bool(root.params.get("debug")) if root.params else False


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="negsolve")
@click.option("--debug", is_flag=True, help="Show Python tracebacks on errors.")
def cli(debug: bool) -> None:
    """negsolve: write a negotiation down as a game, see every equilibrium exactly.

    GAME is the name of a bundled game (see 'negsolve list'), a .toml file, a Gambit .nfg or .efg
    file, or '-' for standard input (TOML, or Gambit when the text starts with NFG/EFG).
    -o FILE never overwrites an existing file without --force, never the input; -o - is stdout.

    \b
    Examples:
      negsolve list
      negsolve show freeze-for-freeze
      negsolve solve freeze-for-freeze --set s=5
      negsolve solve my-game.toml --format json
    """


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="negsolve")
