"""Downloads of a game page: the game as TOML, Gambit .nfg/.efg, the explanation as LaTeX, a picture as SVG.

The same writers as ``negsolve convert`` (``dumps_toml``, ``dumps_tree_toml``, ``dumps_nfg``,
``dumps_efg``), ``negsolve explain --format latex --standalone`` and ``negsolve draw``.  Gambit
files fix the parameters at the page's values, as ``convert --set`` does.
"""

from __future__ import annotations

import dataclasses
import re
from fractions import Fraction
from typing import Any

from negsolve.errors import InputError, Problem

#: target -> (file suffix, media type)
TARGETS = {
    "toml": (".toml", "application/toml"),
    "nfg": (".nfg", "text/plain"),
    "efg": (".efg", "text/plain"),
    "latex": (".tex", "application/x-tex"),
    "svg": (".svg", "image/svg+xml"),
}


def with_values(game: Any, values: dict[str, Fraction]) -> Any:
    """``game`` with its parameters' defaults replaced by ``values`` (as ``convert --set``)."""
    if not values:
        return game
    return dataclasses.replace(game, parameters=tuple(
        dataclasses.replace(p, value=values.get(p.name, p.value)) for p in game.parameters))


def download_text(game: Any, target: str, values: dict[str, Fraction], picture: str = "auto",
                  outcome: str | None = None) -> str:
    """The text of one download (InputError when ``target`` does not apply to ``game``)."""
    if target not in TARGETS:
        raise InputError([Problem(f"unknown download {target!r}", hint="choose from " + ", ".join(TARGETS))])
    tree = hasattr(game, "nodes")
    if target == "svg":
        from negsolve.draw import render_svg

        return render_svg(game, picture, params=values, outcome=outcome)
    if target == "latex":
        from negsolve.explain import explain, render

        return render(explain(game, values), "latex", standalone=True)
    fixed = with_values(game, values)
    if target == "toml":
        if tree:
            from negsolve.io.tree_toml import dumps_tree_toml

            return dumps_tree_toml(fixed)
        from negsolve.io.toml_format import dumps_toml

        return dumps_toml(fixed)
    if target == "efg":
        if not tree:
            raise InputError([Problem("a strategic game has no tree to write as .efg; download .nfg or .toml")])
        from negsolve.io.efg import dumps_efg

        return dumps_efg(fixed)
    from negsolve.io.nfg import dumps_nfg

    if tree:
        from negsolve.solvers.tree_strategic import reduced_form

        return dumps_nfg(reduced_form(fixed).game)
    return dumps_nfg(fixed)


def targets_for(game: Any) -> list[str]:
    """The downloads that apply to ``game``."""
    return [t for t in TARGETS if not (t == "efg" and not hasattr(game, "nodes"))]


def file_name(title: str, target: str) -> str:
    """A safe file name from the game's title: ``freeze-for-freeze.nfg``."""
    stem = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "game"
    return stem + TARGETS[target][0]
