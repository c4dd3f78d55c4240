"""The ``solve`` command.  Thin: options -> negsolve.solvers -> negsolve.render."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import click

from negsolve.cli.options import GAME, SET, check_tree, echo_json, is_bayesian, is_tree, load, parse_settings

N_PLAYER_TIME_LIMIT = 300.0  # seconds: the n-player enumeration's default budget (docs/n-player.md)


def _engine_help() -> str:
    return ("Two-player games (and --nash on two-player trees). exact (the default): complete rational "
            "vertex enumeration. lrs: lrslib's lrsnash (apt-get install lrslib), each equilibrium "
            "verified exactly. nashpy-*: nashpy's enumerations, each profile certified exactly "
            "(may miss equilibria).")


def _engine_names() -> list[str]:
    from negsolve.solvers.registry import engine_names

    return list(engine_names("strategic-2"))


@click.command()
@GAME
@SET
@click.option("--format", "fmt_", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format; json is a stable contract for other tools.")
@click.option("--engine", type=click.Choice(_engine_names()), default=None, help=_engine_help())
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help="Stop after SECONDS and show the equilibria found so far, marked INCOMPLETE (exit 124). "
                   "Ctrl-C does the same at any time (exit 130). Three or more players: 300 unless given.")
@click.option("--quiet", "-q", is_flag=True, help="No progress line on standard error.")
@click.option("--nash", is_flag=True, help="Trees: also the Nash equilibria of the reduced strategic form, "
              "marking those that are not subgame perfect and naming the non-credible moves.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="Trees: list at most this many subgame-perfect (and, with --nash, Nash) equilibria.")
@click.option("--digits", type=click.IntRange(min=0, max=100), default=6, show_default=True,
              help="Three or more players: decimals shown for irrational probabilities and payoffs.")
def solve(game: str, settings: tuple[str, ...], fmt_: str, engine: str | None, time_limit: float | None,
          quiet: bool, nash: bool, limit: int, digits: int) -> None:
    """Find every Nash equilibrium of a game, exactly, with the reasoning around it.

    Two players: all equilibria, pure and mixed (for degenerate games every extreme
    equilibrium and the maximal sets they span). Three or more: every isolated equilibrium,
    pure and mixed, exact or as certified algebraic numbers (small games: see docs/n-player.md).
    Also: dominated strategies, iterated elimination, security levels, Pareto efficiency.
    Trees: every subgame-perfect equilibrium by backward induction (path, full plan, payoffs).

    \b
    Examples:
      negsolve solve freeze-for-freeze
      negsolve solve freeze-for-freeze --set s=5 --format json
      negsolve solve entry-deterrence --nash
    """
    from negsolve.cli.option_checks import check_engine, check_engine_for_file

    check_engine_for_file(game, engine, nash)
    if game.lower().endswith(".efg") and not nash and not settings and _solve_large_efg(game, fmt_):
        return
    g = load(game)
    overrides = parse_settings(settings, g)
    if is_bayesian(g):
        from negsolve.cli.bayesian import solve_bayesian_command

        return solve_bayesian_command(g, overrides, fmt_, engine, time_limit, quiet, nash)
    engine = check_engine(g, engine, nash)
    if is_tree(g):
        _solve_tree(g, overrides, fmt_, engine, nash, limit)
        return
    from negsolve.cli.progress_line import cli_budget, exit_code
    from negsolve.render.report import json_report, text_report
    from negsolve.solvers.summary import analyse

    if time_limit is None and len(g.players) > 2:
        time_limit = N_PLAYER_TIME_LIMIT
    with cli_budget(time_limit, quiet) as budget:
        analysis = analyse(g, overrides, engine, budget)
    if fmt_ == "json":
        echo_json(json_report(analysis, digits))
    else:
        click.echo(text_report(analysis, digits))
    if not analysis.result.complete:
        click.get_current_context().exit(exit_code(analysis.result.stopped))


def _solve_large_efg(path: str, fmt_: str) -> bool:
    """The scalable path for big perfect-information .efg files; False when it does not apply."""
    from negsolve.render.large_tree import large_tree_json, large_tree_text
    from negsolve.solvers.large_tree import solve_large_efg

    found = solve_large_efg(path)
    if found is None:
        return False
    if fmt_ == "json":
        echo_json(large_tree_json(found.tree, found.result), indent=None)
    else:
        click.echo(large_tree_text(found.tree, found.result))
    return True


def _solve_tree(tree: Any, overrides: dict[str, Fraction], fmt_: str, engine: str, nash: bool, limit: int) -> None:
    from negsolve.render.tree import nash_text, tree_json, tree_text_report
    from negsolve.solvers.tree_analysis import analyse_tree

    check_tree(tree, overrides)
    report = analyse_tree(tree, overrides, engine, nash, limit)
    form, nash_result, marked = (report.nash.form, report.nash.result, report.nash.marked) if nash else (None,) * 3
    values, checks = dict(report.values), list(report.checks)
    from negsolve.beliefs.tree_assessments import tree_assessments
    from negsolve.render.beliefs import assessments_json, assessments_text

    assessed = tree_assessments(tree, report.result.equilibria, marked, overrides)
    if fmt_ == "json":
        data = tree_json(tree, report.result, values, marked, form, checks)
        data["assessments"] = assessments_json(tree, assessed)
        echo_json(data)
        return
    click.echo(tree_text_report(tree, report.result, values, checks))
    if nash and marked is not None:
        click.echo(nash_text(tree, form, marked, nash_result, limit))
    beliefs = assessments_text(tree, assessed)
    if beliefs:
        click.echo(beliefs)
