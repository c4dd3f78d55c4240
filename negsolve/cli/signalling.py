"""The ``signal`` command: perfect Bayesian equilibria of a signalling game.  Thin: options -> negsolve.signalling."""

from __future__ import annotations

import json

import click

from negsolve.cli.options import GAME, SET, parse_settings
from negsolve.cli.options import load as _load


@click.command()
@GAME
@SET
@click.option("--format", "fmt_", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format (json: schema negsolve.signalling/1).")
@click.option("--region", "regions", multiple=True, type=click.Choice(["pooling", "separating"]),
              help="Also the exact region of the prior and payoff parameters where such an equilibrium exists. "
                   "Repeatable.")
@click.option("--explain", "explain_", is_flag=True, help="Explain the equilibria in words (Bayes' rule, beliefs "
              "off the path, the Intuitive Criterion).")
def signal(game: str, settings: tuple[str, ...], fmt_: str, regions: tuple[str, ...], explain_: bool) -> None:
    """Signalling games: every perfect Bayesian equilibrium (pooling, separating, semi-separating), exact,
    with beliefs on and off the path and the Intuitive Criterion.

    GAME is a tree in which chance draws the sender's type, the sender sends a message, and the receiver,
    seeing only the message, acts (optionally after a first move of the receiver: a screen).

    \b
    Examples:
      negsolve signal beer-quiche
      negsolve signal beer-quiche --set p=1/4 --region pooling
      negsolve signal test-moratorium --region separating --format json
    """
    from negsolve.errors import InputError, Problem
    from negsolve.render.signalling import signalling_json, signalling_text
    from negsolve.signalling.screening import solve_signalling
    from negsolve.signalling.structure import NotSignalling

    loaded = _load(game)
    if not hasattr(loaded, "nodes"):
        raise InputError([Problem(f"{game}: 'signal' needs a game tree (chance draws the sender's type, the sender "
                                  "sends a message, the receiver acts); this is a strategic-form game")])
    overrides = parse_settings(settings, loaded)
    try:
        report = solve_signalling(loaded, overrides)
    except NotSignalling as exc:
        raise InputError([Problem(f"{game}: not a signalling game: {exc}")]) from None
    found = None
    if regions:
        from negsolve.signalling.region import kind_region

        found = {s.screen: [kind_region(s, k, loaded.parameters, report.values) for k in regions]
                 for s in report.stages.stages}
    if fmt_ == "json":
        click.echo(json.dumps(signalling_json(report, found), indent=2, ensure_ascii=False))
        return
    click.echo(signalling_text(report, found))
    if explain_:
        from negsolve.explain.signalling import explain_signalling

        click.echo("")
        click.echo(explain_signalling(report))
