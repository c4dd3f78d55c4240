"""Commands that look at games: list, show, validate.  Thin: options -> library -> renderer."""

from __future__ import annotations

import sys
from typing import Any

import click

from negsolve.cli.options import GAME, SET, check_tree, is_bayesian, is_tree, load, parse_settings, shape
from negsolve.errors import InputError


@click.command("list")
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
        click.echo(f"{name.ljust(width)}  {shape(game).ljust(9)} {game.title}")


@click.command()
@GAME
@SET
@click.option("--max-nodes", type=click.IntRange(min=1), default=400, show_default=True,
              help="Trees: draw at most this many nodes.")
def show(game: str, settings: tuple[str, ...], max_nodes: int) -> None:
    """Show a game: its story, parameters, and its payoff table (best responses marked *)
    or its tree (the moves of a subgame-perfect equilibrium marked *).

    \b
    Examples:
      negsolve show freeze-for-freeze --set s=5
      negsolve show entry-deterrence
    """
    if game.lower().endswith(".efg") and not settings and _show_large_efg(game, max_nodes):
        return
    from negsolve.render.show import show_body, show_header

    g = load(game)
    overrides = parse_settings(settings, g)
    click.echo(show_header(g, overrides))
    if is_bayesian(g):
        from negsolve.cli.bayesian import show_bayesian

        return show_bayesian(g, overrides)
    detail: Any
    if is_tree(g):
        from negsolve.solvers.backward import solve_tree

        check_tree(g, overrides)
        detail = solve_tree(g, overrides, limit=1)
    else:
        from negsolve.model import payoff_table
        from negsolve.solvers.pure import marked_table

        detail = marked_table(payoff_table(g, overrides))
    click.echo(show_body(g, overrides, detail, max_nodes))


def _show_large_efg(path: str, max_nodes: int) -> bool:
    """``show`` for a big perfect-information .efg: draws only the top ``max_nodes`` nodes."""
    from negsolve.solvers.large_tree import solve_large_efg

    found = solve_large_efg(path)
    if found is None:
        return False
    from negsolve.render.show import large_tree_show_text

    click.echo(large_tree_show_text(found.tree, found.result, max_nodes))
    return True


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
def validate(files: tuple[str, ...]) -> None:
    """Check game files and report every problem at once.

    \b
    Example:
      negsolve validate my-game.toml other.nfg
    """
    from negsolve.io import load_game
    from negsolve.io.checks import game_summary

    failed = False
    for spec in files:
        try:
            g = load(spec) if spec == "-" else load_game(spec)
        except InputError as exc:
            failed = True
            for problem in exc.problems:
                click.echo(f"Error: {problem}", err=True)
            continue
        summary, problems = game_summary(g)
        if problems:  # readable, but no solver would take it: validate says so
            failed = True
            for message in problems:
                click.echo(f"Error: {spec}: {message}", err=True)
            continue
        click.echo(f"{spec}: OK: {summary}")
    if failed:
        from negsolve.cli.app import EXIT_INPUT

        sys.exit(EXIT_INPUT)
