"""Deal-space commands: deals, correlated, bargain.  Thin: options -> negsolve.deals -> renderers.

Registered on the main group when :mod:`negsolve.cli.main` imports this module (its last lines).
Heavy libraries are imported only inside the commands.
"""

from __future__ import annotations

import json

import click

from negsolve.cli.main import FORMAT, GAME, SET, _load, _strategic, cli, parse_settings


@cli.command()
@GAME
@SET
@FORMAT
@click.option("--disagreement", default=None, metavar="minmax|outcome S1,S2|values v1,v2",
              help="The disagreement point of the bargaining solutions (default: the status-quo equilibrium, "
                   "the one with the smallest total payoff; for a tree, its subgame-perfect equilibrium).")
def deals(game: str, settings: tuple[str, ...], fmt_: str, disagreement: str | None) -> None:
    """The deal space: feasible agreements, Pareto frontier, minmax values, where each equilibrium lies,
    and (two players) the Nash, Kalai-Smorodinsky, egalitarian and utilitarian bargaining solutions.

    \b
    Examples:
      negsolve deals head-on-collision
      negsolve deals freeze-for-freeze --set s=3 --disagreement minmax
      negsolve deals battle-of-the-sexes --disagreement "values 0,0" --format json
    """
    from negsolve.deals.space import deal_space
    from negsolve.render.deals import deals_json, deals_text

    loaded = _load(game)
    overrides = parse_settings(settings, loaded)
    g, start = _strategic(loaded, "deals", overrides)
    report = deal_space(g, overrides, disagreement, start)
    click.echo(json.dumps(deals_json(report), indent=2, ensure_ascii=False) if fmt_ == "json" else deals_text(report))
