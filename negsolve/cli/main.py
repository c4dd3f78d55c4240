"""Click commands: list, show, solve, validate, convert."""

from __future__ import annotations

import json
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import click

from negsolve import __version__
from negsolve.errors import InputError, NegsolveError, Problem

EXIT_INPUT = 2
EXIT_FAILURE = 1
EXIT_INTERNAL = 70


class _Group(click.Group):
    """A group that turns negsolve's exceptions into clean messages (tracebacks only with --debug)."""

    def invoke(self, ctx: click.Context) -> Any:
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


def parse_settings(settings: tuple[str, ...], game: Any) -> dict[str, Fraction]:
    """``("s=5", "c=1/2")`` -> exact overrides; unknown names and bad numbers are InputErrors."""
    from negsolve.expr import ExpressionError, parse_number
    import difflib

    declared = [p.name for p in game.parameters]
    out: dict[str, Fraction] = {}
    problems = []
    for item in settings:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            problems.append(Problem(f"--set {item!r}: expected NAME=VALUE, e.g. --set s=5"))
            continue
        if name not in declared:
            close = difflib.get_close_matches(name, declared, n=1)
            hint = f"did you mean {close[0]!r}?" if close else (
                "declared: " + ", ".join(declared) if declared else "this game has no parameters")
            problems.append(Problem(f"--set {item!r}: unknown parameter {name!r}", hint=hint))
            continue
        try:
            out[name] = parse_number(text)
        except (ExpressionError, ArithmeticError) as exc:
            problems.append(Problem(f"--set {item!r}: the value must be an exact number such as 5, -0.5 or 2/3"
                                    f" ({getattr(exc, 'message', exc)})"))
    if problems:
        raise InputError(problems)
    return out


def _load(spec: str) -> Any:
    from negsolve.io import load_game

    return load_game(spec)


def _bundled_names(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    from click.shell_completion import CompletionItem

    from negsolve.io.registry import bundled_names

    return [CompletionItem(n) for n in bundled_names() if n.startswith(incomplete)]


GAME = click.argument("game", metavar="GAME", shell_complete=_bundled_names)
SET = click.option("--set", "settings", multiple=True, metavar="NAME=VALUE",
                   help="Override a parameter's default value (exact: 5, 0.5, 2/3). Repeatable.")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="negsolve")
@click.option("--debug", is_flag=True, help="Show Python tracebacks on errors.")
def cli(debug: bool) -> None:
    """negsolve: write a negotiation down as a game, see every equilibrium exactly.

    GAME is the name of a bundled game (see 'negsolve list'), a .toml file or a Gambit .nfg file.

    \b
    Examples:
      negsolve list
      negsolve show freeze-for-freeze
      negsolve solve freeze-for-freeze --set s=5
      negsolve solve my-game.toml --format json
    """


@cli.command("list")
def list_games() -> None:
    """List the bundled games.

    \b
    Example:
      negsolve list
    """
    from negsolve.io import load_game
    from negsolve.io.registry import bundled_names

    names = bundled_names()
    width = max((len(n) for n in names), default=0)
    for name in names:
        game = load_game(name)
        shape = "x".join(str(k) for k in game.shape)
        click.echo(f"{name.ljust(width)}  {shape.ljust(7)} {game.title}")


@cli.command()
@GAME
@SET
def show(game: str, settings: tuple[str, ...]) -> None:
    """Show a game: its story, parameters and payoff table with best responses marked.

    \b
    Example:
      negsolve show freeze-for-freeze --set s=5
    """
    from negsolve.model import payoff_table
    from negsolve.render.numbers import fmt
    from negsolve.render.table import payoff_table_text

    g = _load(game)
    overrides = parse_settings(settings, g)
    click.echo(g.title)
    click.echo("=" * len(g.title))
    if g.summary:
        click.echo(g.summary)
    if g.parameters:
        click.echo("")
        click.echo("Parameters:")
        values = g.parameter_values(overrides)
        for p in g.parameters:
            click.echo(f"  {p.name} = {fmt(values[p.name])}" + (f"  ({p.about})" if p.about else ""))
    click.echo("")
    click.echo(payoff_table_text(g, payoff_table(g, overrides)))


@cli.command()
@GAME
@SET
@click.option("--format", "fmt_", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format; json is a stable contract for other tools.")
@click.option("--engine", type=click.Choice(["exact", "nashpy-vertex", "nashpy-support"]), default="exact",
              show_default=True,
              help="exact: complete rational vertex enumeration. nashpy-*: nashpy's enumerations, "
                   "each profile certified exactly (may miss equilibria).")
def solve(game: str, settings: tuple[str, ...], fmt_: str, engine: str) -> None:
    """Find every Nash equilibrium of a game, exactly, with the reasoning around it.

    Two players: all equilibria, pure and mixed (for degenerate games every extreme
    equilibrium and the maximal sets they span). Three or more: every pure equilibrium.
    Also: dominated strategies, iterated elimination, security levels, Pareto efficiency.

    \b
    Examples:
      negsolve solve freeze-for-freeze
      negsolve solve freeze-for-freeze --set s=5 --format json
    """
    from negsolve.render.report import json_report, text_report
    from negsolve.solvers.summary import analyse

    g = _load(game)
    overrides = parse_settings(settings, g)
    analysis = analyse(g, overrides, engine)
    if fmt_ == "json":
        click.echo(json.dumps(json_report(analysis), indent=2, ensure_ascii=False))
    else:
        click.echo(text_report(analysis))


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
def validate(files: tuple[str, ...]) -> None:
    """Check game files and report every problem at once.

    \b
    Example:
      negsolve validate my-game.toml other.nfg
    """
    from negsolve.io import load_game

    failed = False
    for spec in files:
        try:
            g = load_game(spec)
        except InputError as exc:
            failed = True
            for problem in exc.problems:
                click.echo(f"Error: {problem}", err=True)
            continue
        shape = "x".join(str(k) for k in g.shape)
        params = f", parameters: {', '.join(p.name for p in g.parameters)}" if g.parameters else ""
        click.echo(f"{spec}: OK: {g.title!r} ({len(g.players)} players, {shape}{params})")
    if failed:
        sys.exit(EXIT_INPUT)


@cli.command()
@GAME
@click.option("--to", "target", type=click.Choice(["nfg", "toml"]), required=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
@SET
def convert(game: str, target: str, output: str | None, settings: tuple[str, ...]) -> None:
    """Convert a game between TOML and Gambit .nfg.

    Writing .nfg fixes parameters at their values (defaults or --set): .nfg has no symbols.

    \b
    Examples:
      negsolve convert freeze-for-freeze --to nfg -o f4f.nfg
      negsolve convert f4f.nfg --to toml
    """
    import dataclasses

    from negsolve.io.nfg import dumps_nfg
    from negsolve.io.toml_format import dumps_toml
    from negsolve.model import Parameter

    g = _load(game)
    overrides = parse_settings(settings, g)
    if overrides:
        g = dataclasses.replace(g, parameters=tuple(
            Parameter(p.name, overrides.get(p.name, p.value), p.about) for p in g.parameters))
    if target == "nfg":
        if g.parameters:
            click.echo("Note: .nfg has no parameters; payoffs are written at "
                       + ", ".join(f"{p.name} = {p.value}" for p in g.parameters), err=True)
        text = dumps_nfg(g)
    else:
        text = dumps_toml(g)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="negsolve")
