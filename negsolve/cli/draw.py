"""The ``draw`` command: pictures drawn by negsolve itself (negsolve.draw), to SVG or PNG.

Registered on the main group when :mod:`negsolve.cli.main` imports this module (its last lines).
"""

from __future__ import annotations

from pathlib import Path

import click

from negsolve.cli.files import FORCE, check_output, output_option, write_bytes_atomic, write_output
from negsolve.cli.main import GAME, SET, _load, cli, parse_settings
from negsolve.errors import InputError, Problem

WHAT = ("auto", "table", "tree", "best-response", "region", "payoff-space")


def write_picture(svg: str, output: str | None, force: bool, inputs: tuple[str, ...], option: str = "-o") -> None:
    """SVG text to standard output or a file; a ``.png`` name is converted (the ``png`` extra)."""
    if output and output.lower().endswith(".png"):
        from negsolve.draw.png import svg_to_png

        check_output(output, force, inputs, option)
        data = svg_to_png(svg)
        try:
            write_bytes_atomic(Path(output), data)
        except OSError as exc:
            raise InputError([Problem(f"{option} {output}: cannot write: {exc.strerror or exc}")]) from None
        click.echo(f"wrote {output}", err=True)
        return
    if output and output != "-" and not output.lower().endswith(".svg"):
        raise InputError([Problem(f"{option} {output}: pictures are written as .svg or .png")])
    write_output(svg, output, force, inputs, option)


@cli.command()
@GAME
@click.option("--what", type=click.Choice(WHAT), default="auto", show_default=True,
              help="The picture: payoff table, game tree, 2x2 best-response diagram, stability region of an "
                   "outcome, or the two-player payoff space (auto: table for strategic games, tree for trees).")
@click.option("--param", "axes", multiple=True, metavar="NAME[=LOW:HIGH]",
              help="region: a parameter on an axis (one or two), optionally with its window. Repeatable.")
@click.option("--outcome", default=None, metavar="S1,S2,...",
              help="region: the outcome whose region is drawn (default: the first pure equilibrium); 'all': "
                   "every pure outcome's exact region in one map.")
@SET
@output_option("Write to FILE.svg or FILE.png (PNG needs pip install 'negsolve[png]'); default: SVG to "
               "standard output.")
@FORCE
def draw(game: str, what: str, axes: tuple[str, ...], outcome: str | None, settings: tuple[str, ...],
         output: str | None, force: bool) -> None:
    """Draw a game as SVG (or PNG): no TeX, no browser.

    \b
    Examples:
      negsolve draw prisoners-dilemma -o pd.svg
      negsolve draw battle-of-the-sexes --what best-response -o bos.svg
      negsolve draw talks-about-talks -o talks.png
      negsolve draw freeze-for-freeze --what region --param c --param r -o region.svg
      negsolve draw freeze-for-freeze --what region --outcome all --param s --param c -o map.svg
      negsolve draw head-on-collision --what payoff-space -o deals.svg
    """
    from negsolve.draw import render_svg

    check_output(output, force, (game,))
    loaded = _load(game)
    overrides = parse_settings(settings, loaded)
    svg = render_svg(loaded, what, params=overrides, outcome=outcome, axes=list(axes) or None)
    write_picture(svg, output, force, (game,))
