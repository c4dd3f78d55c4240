"""The pictures of a game page: :func:`negsolve.draw.render_svg` for every kind that applies, with
plain-text stand-ins (the ``show`` command's table or tree) where a picture cannot be drawn."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.errors import NegsolveError


@dataclass(frozen=True)
class Picture:
    """One picture: ``svg`` text, or ``text`` (a plain-text stand-in) when it cannot be drawn."""

    kind: str
    svg: str | None = None
    text: str | None = None


#: Pictures shown on a game page, in this order, when they apply (payoff space belongs to 'deals').
SHOWN = ("table", "tree", "best-response", "region")


def _kinds(game: Any) -> list[str]:
    try:
        from negsolve.draw import kinds
    except ImportError:  # the drawing package is not there: text stand-ins only
        return ["tree"] if hasattr(game, "nodes") else ["table"]
    return [k for k in kinds(game) if k in SHOWN]


def pictures(game: Any, values: dict[str, Fraction], outcome: str | None,
             wanted: tuple[str, ...] = SHOWN) -> list[Picture]:
    """One :class:`Picture` per kind in ``wanted`` that applies to ``game``, at ``values``; the region is
    the stability region of ``outcome``."""
    out = []
    for kind in _kinds(game):
        if kind not in wanted:
            continue
        svg = _svg(game, kind, values, outcome)
        if svg is not None:
            out.append(Picture(kind, svg=svg))
        else:
            text = _stand_in(game, kind, values)
            if text is not None:
                out.append(Picture(kind, text=text))
    return out


def _svg(game: Any, kind: str, values: dict[str, Fraction], outcome: str | None) -> str | None:
    try:
        from negsolve.draw import render_svg

        strategic_region = kind == "region" and not hasattr(game, "nodes")  # a tree's region: its own default
        return render_svg(game, kind, params=values, outcome=outcome if strategic_region else None)
    except (ImportError, NotImplementedError, NegsolveError):
        return None


def _stand_in(game: Any, kind: str, values: dict[str, Fraction]) -> str | None:
    if kind == "table":
        from negsolve.model import payoff_table
        from negsolve.render.table import payoff_table_text
        from negsolve.solvers.pure import best_response_marks

        table = payoff_table(game, values)
        return payoff_table_text(game, table, best_response_marks(table))
    if kind == "tree":
        from negsolve.render.tree import draw_tree
        from negsolve.solvers.backward import solve_tree

        result = solve_tree(game, values, limit=1)
        return draw_tree(game, result.equilibria[0].plan if result.equilibria else None, values)
    return None
