"""The existing commands (show, solve, stability) on games with types.  Thin: library -> renderer.

:mod:`negsolve.cli.main` calls these when the loaded game is a
:class:`~negsolve.model.bayesian.BayesianGame`; ``convert``, ``sweep`` and ``concessions`` use
the game's tree or its ex-ante form there directly.
"""

from __future__ import annotations

import json
from fractions import Fraction

import click

from negsolve.errors import InputError, Problem
from negsolve.model.bayesian import BayesianGame, bayesian_values


def show_bayesian(game: BayesianGame, overrides: dict[str, Fraction]) -> None:
    """One payoff table per type profile, with its prior probability."""
    from negsolve.render.bayesian import tables_text

    click.echo(tables_text(game, bayesian_values(game, overrides), overrides))


def solve_bayesian_command(game: BayesianGame, overrides: dict[str, Fraction], fmt_: str, engine: str | None,
                           time_limit: float | None, quiet: bool, nash: bool) -> None:
    """Every Bayesian Nash equilibrium, text or JSON."""
    from negsolve.cli.progress_line import cli_budget, exit_code
    from negsolve.render.bayesian import json_report, text_report
    from negsolve.solvers.bayesian import solve_bayesian

    if nash:
        raise InputError([Problem("--nash is for game trees; a game with types is solved through its ex-ante "
                                  "form (use 'negsolve convert GAME --to efg' for its tree)")])
    with cli_budget(time_limit, quiet) as budget:
        result = solve_bayesian(game, overrides, engine or "exact", budget)
    if fmt_ == "json":
        click.echo(json.dumps(json_report(result), indent=2, ensure_ascii=False))
    else:
        click.echo(text_report(result))
    if not result.complete:
        click.get_current_context().exit(exit_code(result.stopped))


def stability_bayesian(game: BayesianGame, outcome: str, overrides: dict[str, Fraction], fmt_: str) -> None:
    """Exact conditions on the prior and payoff parameters for pure per-type strategies to be an equilibrium."""
    from negsolve.analysis.bayesian_stability import bayesian_stability
    from negsolve.render.analysis import stability_json, stability_text

    report = bayesian_stability(game, outcome, overrides)
    ranges = report.parameter_ranges()
    click.echo(json.dumps(stability_json(report, ranges), indent=2, ensure_ascii=False) if fmt_ == "json"
               else stability_text(report, ranges))
