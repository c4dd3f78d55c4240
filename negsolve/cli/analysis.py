"""Commands that analyse a game's equilibria: stability, concessions, repeated, sweep.

Thin: options -> negsolve.analysis -> negsolve.render.
"""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

import click

from negsolve.cli.files import FORCE, output_option
from negsolve.cli.options import (
    FORMAT,
    GAME,
    OUTCOME,
    SET,
    check_tree,
    is_bayesian,
    is_tree,
    load,
    parse_settings,
    strategic,
    with_values,
)
from negsolve.cli.options import (
    discount as parse_discount,
)
from negsolve.errors import InputError, Problem

MAX_SWEEP_POINTS = 100_000  # negsolve.analysis.sweep.MAX_POINTS (kept here so --help imports no analysis)


@click.command()
@GAME
@OUTCOME
@SET
@FORMAT
@click.option("--plan", "whole_plan", is_flag=True,
              help="Trees: the conditions under which one whole plan that follows the path stays subgame perfect.")
def stability(game: str, outcome: str, settings: tuple[str, ...], fmt_: str, whole_plan: bool) -> None:
    """Exact conditions on the parameters under which an outcome is a (strict) equilibrium.

    Each player's condition is shown in plain words (e.g. 's > 2'), the whole region with
    redundant conditions removed, whether the current values lie inside (or exactly on the
    boundary: a tie), and for 2x2 games the mixed equilibrium in closed form.
    For a tree, --outcome is a path of moves from the root: for each parameter (the others
    fixed) where some and where every subgame-perfect equilibrium follows it; with --plan, the
    conditions under which one whole plan that follows the path stays subgame perfect.

    \b
    Examples:
      negsolve stability freeze-for-freeze --outcome "Suspend exercises,Freeze tests"
      negsolve stability talks-about-talks --outcome "Unconditional talks"
    """
    g = load(game)
    overrides = parse_settings(settings, g)
    if is_bayesian(g):
        from negsolve.cli.bayesian import stability_bayesian

        return stability_bayesian(g, outcome, overrides, fmt_)
    if is_tree(g):
        from negsolve.analysis.tree_paths import path_region
        from negsolve.analysis.tree_stability import tree_stability
        from negsolve.render.analysis import tree_stability_json, tree_stability_text
        from negsolve.render.tree_paths import path_region_data, path_region_json, path_region_text

        check_tree(g, overrides)
        region = path_region(g, outcome, overrides)
        if not whole_plan:
            click.echo(json.dumps(path_region_json(region), indent=2, ensure_ascii=False) if fmt_ == "json"
                       else path_region_text(region))
            return
        tree_report = tree_stability(g, outcome, overrides)
        ranges = tree_report.parameter_ranges()
        data = dict(tree_stability_json(tree_report, ranges), path_region=path_region_data(region))
        click.echo(json.dumps(data, indent=2, ensure_ascii=False) if fmt_ == "json"
                   else tree_stability_text(tree_report, ranges))
        return
    from negsolve.analysis.stability import parse_outcome
    from negsolve.analysis.stability import stability as analyse_stability
    from negsolve.render.analysis import stability_json, stability_text

    report = analyse_stability(g, parse_outcome(g, outcome), overrides)
    ranges = report.parameter_ranges()
    click.echo(json.dumps(stability_json(report, ranges), indent=2, ensure_ascii=False) if fmt_ == "json"
               else stability_text(report, ranges))


@click.command()
@GAME
@click.option("--from", "status_quo", default=None, metavar="S1,S2,...",
              help="The status quo (default: the game's equilibrium now).")
@SET
@FORMAT
def concessions(game: str, status_quo: str | None, settings: tuple[str, ...], fmt_: str) -> None:
    """Rank every outcome against the status quo: who gains, what is self-enforcing, and the
    smallest penalty, side payment or parameter change that would make each one stable.

    \b
    Example:
      negsolve concessions freeze-for-freeze
    """
    from negsolve.analysis.concessions import concessions as analyse_concessions
    from negsolve.analysis.stability import parse_outcome
    from negsolve.render.analysis import concessions_json, concessions_text

    loaded = load(game)
    overrides = parse_settings(settings, loaded)
    if is_tree(loaded):
        from negsolve.analysis.tree_concessions import tree_concessions
        from negsolve.render.tree_concessions import tree_concessions_json, tree_concessions_text

        check_tree(loaded, overrides)
        tree_report = tree_concessions(loaded, overrides, status_quo)
        click.echo(json.dumps(tree_concessions_json(tree_report), indent=2, ensure_ascii=False) if fmt_ == "json"
                   else tree_concessions_text(tree_report))
        return
    g, start = strategic(loaded, "concessions", overrides)
    label = "the subgame-perfect equilibrium" if start is not None else "the chosen status quo"
    if status_quo:
        start, label = parse_outcome(g, status_quo, "--from"), "the chosen status quo"
    report = analyse_concessions(g, overrides, start, status_quo_label=label)
    click.echo(json.dumps(concessions_json(report), indent=2, ensure_ascii=False) if fmt_ == "json"
               else concessions_text(report))


@click.command()
@GAME
@OUTCOME
@click.option("--rounds", type=click.IntRange(min=1, max=200), default=None,
              help="A known number of rounds (finite horizon).")
@click.option("--discount", default="1", show_default=True, metavar="DELTA",
              help="With --rounds: the discount factor per round (exact, 0 < DELTA <= 1).")
@click.option("--punish", default=None, metavar="S1,S2,...",
              help="A pure stage equilibrium to punish every breach with (default: for each deviator, "
                   "the stage equilibrium worst for it).")
@SET
@FORMAT
def repeated(game: str, outcome: str, rounds: int | None, discount: str, punish: str | None,
             settings: tuple[str, ...], fmt_: str) -> None:
    """Repeated play: the discount factors for which an agreement is sustained (Nash reversion
    against each deviator, the minmax bound no strategy beats, tit-for-tat for 2x2), exactly and
    as a function of the parameters; with --rounds, the last round the agreement can be kept.

    \b
    Examples:
      negsolve repeated prisoners-dilemma --outcome "Cooperate,Cooperate"
      negsolve repeated freeze-for-freeze --outcome "Suspend exercises,Freeze tests" --rounds 5
    """
    from negsolve.analysis.repeated import repeated as analyse_repeated
    from negsolve.analysis.repeated_tree import tree_stage_equilibria
    from negsolve.analysis.stability import parse_outcome
    from negsolve.render.repeated import repeated_json, repeated_text

    loaded = load(game)
    overrides = parse_settings(settings, loaded)
    delta = parse_discount(discount)
    g, _ = strategic(loaded, "repeated", overrides)
    stage = tree_stage_equilibria(loaded, g, overrides) if is_tree(loaded) else None
    report = analyse_repeated(g, parse_outcome(g, outcome), overrides,
                              parse_outcome(g, punish, "--punish") if punish else None, rounds, delta, stage,
                              "subgame perfect" if stage is not None else None)
    click.echo(json.dumps(repeated_json(report), indent=2, ensure_ascii=False) if fmt_ == "json"
               else repeated_text(report))


@click.command()
@GAME
@click.option("--param", "params", multiple=True, required=True, metavar="NAME=START:STOP:COUNT",
              help="A parameter axis, e.g. s=0:10:21 (21 values) or s=1,2,5/2. Repeatable.")
@click.option("--plot", default=None, metavar="FILE.png",
              help="Draw the regions to this PNG file (needs matplotlib: pip install 'negsolve[plot]').")
@SET
@click.option("--format", "fmt_", type=click.Choice(["text", "json", "jsonl"]), default="text", show_default=True,
              help="jsonl: a header line, then one line per point as it finishes (streamed; resumable).")
@output_option()
@FORCE
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(min=1),
              help="Worker processes evaluating grid points in parallel.")
@click.option("--executor", default=None, metavar="processes|dask[:ADDRESS]",
              help="Where points are evaluated: local processes (default) or Dask ('dask': a local cluster "
                   "of --jobs workers; 'dask:ADDRESS': a running scheduler). Needs pip install 'negsolve[dask]'.")
@click.option("--resume", default=None, metavar="FILE.jsonl",
              help="Continue an interrupted --format jsonl run: skip the points FILE holds, append the rest.")
@click.option("--shard", default=None, metavar="K/N",
              help="Evaluate only every N-th grid point, starting with the K-th (job arrays); join the "
                   "parts with 'negsolve sweep-merge'.")
@click.option("--max-points", default=MAX_SWEEP_POINTS, show_default=True, type=click.IntRange(min=1),
              help="Refuse larger grids (checked before any work).")
@click.option("--quiet", "-q", is_flag=True, help="No progress line on standard error.")
def sweep(game: str, params: tuple[str, ...], plot: str | None, settings: tuple[str, ...], fmt_: str,
          output: str | None, force: bool, jobs: int, executor: str | None, resume: str | None,
          shard: str | None, max_points: int, quiet: bool) -> None:
    """Tabulate how the equilibria change over a grid of parameter values (exact at every point).

    A point where the game is undefined (a payoff divides by zero there) is reported as such
    and the sweep goes on.  Ctrl-C stops, keeping every point already written (exit 130).

    \b
    Examples:
      negsolve sweep freeze-for-freeze --param s=0:4:9
      negsolve sweep freeze-for-freeze --param s=0:4:41 --param c=0:4:41 --plot regions.png
      negsolve sweep freeze-for-freeze --param s=0:4:101 --param c=0:4:101 --jobs 2 --format jsonl -o s.jsonl
      negsolve sweep freeze-for-freeze --param s=0:4:101 --param c=0:4:101 --format jsonl --resume s.jsonl
    """
    from negsolve.analysis.sweep import check_grid, parse_axis
    from negsolve.cli.runs import SweepOptions, check_sweep_options, run_sweep

    opts = SweepOptions(fmt_, output, force, jobs, executor, resume, shard, quiet, plot)
    check_sweep_options(opts, game)
    loaded = load(game)
    overrides = parse_settings(settings, loaded)
    if is_tree(loaded) and not plot:
        _tree_sweep(loaded, overrides, params, fmt_)
        return
    g, _ = strategic(loaded, "sweep", overrides)
    g = with_values(g, overrides)
    axes = [parse_axis(text, g, max_points) for text in params]
    if plot and len(axes) > 2:
        raise InputError([Problem("--plot draws one or two parameters")])
    check_grid(axes, max_points)
    run_sweep(g, axes, opts, game)


def _tree_sweep(tree: Any, overrides: dict[str, Fraction], params: tuple[str, ...], fmt_: str) -> None:
    from negsolve.analysis.sweep import parse_axis
    from negsolve.analysis.tree_sweep import tree_sweep
    from negsolve.render.tree_concessions import tree_sweep_rows, tree_sweep_text

    axes = [parse_axis(text, tree) for text in params]
    results = tree_sweep(tree, axes, fixed=overrides)
    if fmt_ == "json":
        click.echo(json.dumps({"schema": "negsolve.tree-sweep/1", "game": tree.title,
                               "points": tree_sweep_rows(results)}, indent=2, ensure_ascii=False))
    else:
        click.echo(tree_sweep_text(tree, results))
