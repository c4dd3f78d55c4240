"""Deal-space commands: deals, correlated, bargain.  Thin: options -> negsolve.deals -> renderers.

Registered on the main group when :mod:`negsolve.cli.main` imports this module (its last lines).
Heavy libraries are imported only inside the commands.
"""

from __future__ import annotations

import json
from fractions import Fraction

import click

from negsolve.cli.files import FORCE, check_output
from negsolve.cli.main import FORMAT, GAME, SET, _load, _strategic, cli, parse_settings


@cli.command()
@GAME
@SET
@FORMAT
@click.option("--disagreement", default=None, metavar="minmax|outcome S1,S2|values v1,v2",
              help="The disagreement point of the bargaining solutions (default: the status-quo equilibrium, "
                   "the one with the smallest total payoff; for a tree, its subgame-perfect equilibrium).")
@click.option("--plot", default=None, metavar="FILE.svg|FILE.png",
              help="Also draw the two-player payoff space to this file (PNG needs pip install 'negsolve[png]').")
@FORCE
def deals(game: str, settings: tuple[str, ...], fmt_: str, disagreement: str | None, plot: str | None,
          force: bool) -> None:
    """The deal space: feasible agreements, Pareto frontier, minmax values, where each equilibrium lies,
    and (two players) the Nash, Kalai-Smorodinsky, egalitarian and utilitarian bargaining solutions.

    \b
    Examples:
      negsolve deals head-on-collision
      negsolve deals freeze-for-freeze --set s=3 --disagreement minmax
      negsolve deals battle-of-the-sexes --disagreement "values 0,0" --format json
      negsolve deals head-on-collision --plot deals.svg
    """
    from negsolve.deals.space import deal_space
    from negsolve.render.deals import deals_json, deals_text

    if plot:
        check_output(plot, force, (game,), "--plot")
    loaded = _load(game)
    overrides = parse_settings(settings, loaded)
    g, start = _strategic(loaded, "deals", overrides)
    report = deal_space(g, overrides, disagreement, start)
    if plot:
        from negsolve.cli.draw import write_picture
        from negsolve.draw.payoff_space import payoff_space_scene_of, render_payoff_space

        write_picture(render_payoff_space(payoff_space_scene_of(report)), plot, force, (game,), "--plot")
    click.echo(json.dumps(deals_json(report), indent=2, ensure_ascii=False) if fmt_ == "json" else deals_text(report))


@cli.command()
@GAME
@SET
@FORMAT
@click.option("--mediator", default="The mediator", show_default=True, metavar="NAME",
              help="Who draws the recommendations, for the reading in words (e.g. Beijing).")
@click.option("--vertices/--no-vertices", default=None,
              help="List every vertex of the set of correlated equilibria (default: for games of at most 16 outcomes).")
def correlated(game: str, settings: tuple[str, ...], fmt_: str, mediator: str, vertices: bool | None) -> None:
    """Correlated equilibria: what a mediator who recommends moves privately can achieve, exactly.

    The one with the largest total payoff (read as the mediator's recommendations in words), the best
    for each player, whether one beats every Nash equilibrium for everyone, coarse correlated
    equilibria, and the vertices of the whole set for small games.

    \b
    Examples:
      negsolve correlated head-on-collision --mediator Beijing
      negsolve correlated battle-of-the-sexes --format json
    """
    from negsolve.deals.correlated import correlated_equilibria
    from negsolve.model.strategic import payoff_table
    from negsolve.render.correlated import correlated_json, correlated_text

    loaded = _load(game)
    overrides = parse_settings(settings, loaded)
    g, _ = _strategic(loaded, "correlated", overrides)
    result = correlated_equilibria(payoff_table(g, overrides), vertices)
    values = g.parameter_values(overrides)
    click.echo(json.dumps(correlated_json(g, values, result), indent=2, ensure_ascii=False) if fmt_ == "json"
               else correlated_text(g, values, result, mediator))


def _number(text: str, option: str) -> Fraction:
    from negsolve.errors import InputError, Problem
    from negsolve.expr import ExpressionError, parse_number

    try:
        return parse_number(text)
    except (ExpressionError, ArithmeticError) as exc:
        raise InputError([Problem(f"{option} {text!r}: expected an exact number such as 10, 0.9 or 9/10 "
                                  f"({getattr(exc, 'message', exc)})")]) from None


@cli.command()
@click.option("--surplus", default="1", show_default=True, metavar="S", help="The amount to divide.")
@click.option("--delta1", required=True, metavar="D1", help="Player 1's discount factor per round (0 <= D1 < 1).")
@click.option("--delta2", required=True, metavar="D2", help="Player 2's discount factor per round (0 <= D2 < 1).")
@click.option("--first", type=click.Choice(["1", "2"]), default="1", show_default=True, help="Who proposes first.")
@click.option("--rounds", type=click.IntRange(min=1), default=None,
              help="A known last round (finite horizon, solved by backward induction); default: no last round.")
@click.option("--outside1", default="0", show_default=True, metavar="W1",
              help="Player 1's outside option: what it gets by walking away when it responds.")
@click.option("--outside2", default="0", show_default=True, metavar="W2", help="Player 2's outside option.")
@click.option("--names", default="Player 1,Player 2", show_default=True, metavar="A,B", help="The players' names.")
@click.option("--symbolic", is_flag=True, help="Also the shares as formulas in the discount factors (sympy).")
@FORMAT
def bargain(surplus: str, delta1: str, delta2: str, first: str, rounds: int | None, outside1: str, outside2: str,
            names: str, symbolic: bool, fmt_: str) -> None:
    """Alternating offers (Rubinstein): the exact subgame-perfect split of a surplus between two
    impatient players, for an unknown or a known last round, with outside options.

    \b
    Examples:
      negsolve bargain --delta1 9/10 --delta2 4/5
      negsolve bargain --surplus 6 --delta1 1/2 --delta2 9/10 --rounds 4
      negsolve bargain --delta1 0.9 --delta2 0.9 --outside2 3/5 --names "United States,North Korea"
    """
    from negsolve.deals.rubinstein import finite_horizon, rubinstein
    from negsolve.render.bargain import bargain_json, bargain_text

    s, d1, d2 = _number(surplus, "--surplus"), _number(delta1, "--delta1"), _number(delta2, "--delta2")
    options = (_number(outside1, "--outside1"), _number(outside2, "--outside2"))
    who = 0 if first == "1" else 1
    players = tuple(n.strip() for n in names.split(",", 1)) if "," in names else ("Player 1", "Player 2")
    limit = rubinstein(s, d1, d2, who, options)
    finite = finite_horizon(s, d1, d2, rounds, who, options) if rounds else None
    formulas = None
    if symbolic:
        from negsolve.deals.rubinstein import symbolic_shares

        formulas = symbolic_shares()
    click.echo(json.dumps(bargain_json(players, limit, finite, formulas), indent=2, ensure_ascii=False)
               if fmt_ == "json" else bargain_text(players, limit, finite, formulas))
