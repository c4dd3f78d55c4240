"""The picture hook: how games and results show themselves in a notebook (Jupyter, marimo).

Drawing is a render-floor layer; the model and the solvers' results sit far below it and must not
import it.  So the dependency is turned round: the package root (``negsolve/__init__.py``, the top
floor, always imported before any submodule) installs two drawers here, and ``_repr_svg_`` calls
:func:`game_svg` or :func:`result_svg` on this ground floor.  Nothing is drawn, and nothing heavy is
imported, until a notebook asks for the picture.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Drawer = Callable[[Any], "str | None"]

_drawers: dict[str, Drawer] = {}


def install(game: Drawer, result: Drawer) -> None:
    """Install the drawers of games and of solver results (done once, by the package root)."""
    _drawers["game"] = game
    _drawers["result"] = result


def game_svg(game: Any) -> str | None:
    """The SVG picture of ``game`` (a strategic game or a tree), or None without a drawer."""
    drawer = _drawers.get("game")
    return None if drawer is None else drawer(game)


def result_svg(result: Any) -> str | None:
    """The SVG picture of a solver result with its equilibria marked, or None without a drawer."""
    drawer = _drawers.get("result")
    return None if drawer is None else drawer(result)
