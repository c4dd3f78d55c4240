"""Commands that write a game in another format: convert, export.  Thin: options -> io/render."""

from __future__ import annotations

import click

from negsolve.cli.files import FORCE, check_output, output_option
from negsolve.cli.options import GAME, SET, check_tree, is_bayesian, is_tree, load, parse_settings, with_values, write
from negsolve.errors import InputError, Problem


@click.command()
@GAME
@click.option("--to", "target", type=click.Choice(["nfg", "toml", "efg"]), required=True, help="Output format.")
@output_option()
@FORCE
@SET
def convert(game: str, target: str, output: str | None, force: bool, settings: tuple[str, ...]) -> None:
    """Convert a game between TOML, Gambit .nfg and Gambit .efg.

    Strategic games: toml, nfg. Trees: toml, efg, or nfg (the reduced strategic form).
    Writing Gambit files fixes parameters at their values (defaults or --set).

    \b
    Examples:
      negsolve convert freeze-for-freeze --to nfg -o f4f.nfg
      negsolve convert f4f.nfg --to toml
      negsolve convert entry-deterrence --to efg
    """
    from negsolve.io.convert import dumps_game

    check_output(output, force, (game,))
    g = load(game)
    g = with_values(g, parse_settings(settings, g))
    if is_bayesian(g):  # its tree: chance draws the types (negsolve.solvers.bayesian_tree)
        from negsolve.solvers.bayesian_tree import bayesian_tree

        g = bayesian_tree(g)
    if target != "toml" and g.parameters:
        click.echo(f"Note: .{target} has no parameters; payoffs are written at "
                   + ", ".join(f"{p.name} = {p.value}" for p in g.parameters), err=True)
    if is_tree(g):
        check_tree(g, {})
        if target == "nfg":
            from negsolve.solvers.tree_strategic import reduced_form

            g = reduced_form(g).game
    write(dumps_game(g, target), output, force, (game,))


@click.command()
@GAME
@click.option("--to", "target", type=click.Choice(["dot", "svg"]), default="dot", show_default=True,
              help="Output format: Graphviz DOT (trees), or SVG drawn by negsolve (any game; see 'negsolve draw').")
@output_option()
@FORCE
@SET
def export(game: str, target: str, output: str | None, force: bool, settings: tuple[str, ...]) -> None:
    """Export a game tree as Graphviz DOT, a subgame-perfect equilibrium's moves in bold red, or any game
    as SVG drawn by negsolve (its default picture: see 'negsolve draw').

    \b
    Examples:
      negsolve export entry-deterrence --to dot -o entry.dot && dot -Tpng entry.dot -o entry.png
      negsolve export entry-deterrence --to svg -o entry.svg
    """
    from negsolve.render.tree import tree_dot
    from negsolve.solvers.backward import solve_tree

    check_output(output, force, (game,))
    g = load(game)
    overrides = parse_settings(settings, g)
    if target == "svg":
        from negsolve.draw import render_svg

        write(render_svg(g, params=overrides), output, force, (game,))
        return
    if not is_tree(g):
        raise InputError([Problem("DOT export draws game trees; this is a strategic game (try 'negsolve show')",
                                  file=g.source or None)])
    check_tree(g, overrides)
    result = solve_tree(g, overrides, limit=1)
    plan = result.equilibria[0].plan if result.equilibria else None
    write(tree_dot(g, plan, overrides), output, force, (game,))
