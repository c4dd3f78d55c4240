"""Pictures drawn by negsolve itself: SVG text, no TeX, no browser, no third-party library.

Public API (stable; ``negsolve serve`` and the notebooks build on it)::

    render_svg(game, what="auto", *, params=None, outcome=None) -> str
    kinds(game) -> list[str]

``what`` is one of :data:`KINDS`: ``"table"`` (payoff table, best responses marked, equilibria
highlighted), ``"tree"`` (game tree, equilibrium path and plan in colour), ``"best-response"``
(2×2 best-response diagram), ``"region"`` (stability region over one or two parameters, exact
boundaries) and ``"payoff-space"`` (two-player payoff space of ``negsolve deals``).  ``"auto"``
is the first kind that applies.  A kind that does not apply raises
:class:`negsolve.errors.InputError`.

Each picture is computed in two steps: a *scene* (solver and analysis results gathered into
plain data: the only place that calls a solver) and a renderer that only draws the scene.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

KINDS = ("table", "tree", "best-response", "region", "payoff-space")

__all__ = ["KINDS", "kinds", "render_result_svg", "render_svg"]


def kinds(game: Any) -> list[str]:
    """Which pictures apply to ``game``, in :data:`KINDS` order (the first is the ``"auto"`` choice
    for a strategic game; for a tree, ``"tree"`` comes first)."""
    from negsolve.model.bayesian import is_bayesian
    from negsolve.model.strategic import StrategicGame
    from negsolve.model.tree import GameTree

    out: list[str] = []
    if is_bayesian(game):  # drawn as its tree: chance draws the types, information sets hide them
        return ["tree"]
    if isinstance(game, GameTree):
        out.append("tree")
        n = len(game.players)
    elif isinstance(game, StrategicGame):
        out.append("table")
        if game.shape == (2, 2):
            out.append("best-response")
        n = len(game.players)
    else:
        return []
    if game.parameters:
        out.append("region")
    if n == 2:
        out.append("payoff-space")
    return out


def render_svg(game: Any, what: str = "auto", *, params: dict[str, Fraction] | None = None,
               outcome: str | None = None, axes: Sequence[str] | None = None) -> str:
    """The SVG text of one picture of ``game``.

    Parameters
    ----------
    game:
        A strategic game or a game tree (from :func:`negsolve.load_game`).
    what:
        ``"auto"`` or one of :data:`KINDS`.
    params:
        Parameter values replacing the defaults (exact rationals).
    outcome:
        For ``"region"``: the outcome whose stability region is drawn (as ``negsolve stability
        --outcome`` takes it); default: the first pure equilibrium (a tree: its subgame-perfect
        play); ``"all"``: every pure outcome's region in one map (the exact counterpart of
        ``sweep --plot``).  Ignored by the other kinds.
    axes:
        For ``"region"``: one or two parameter names, each optionally with a window
        (``"s"`` or ``"s=0:4"``); default: the parameters the conditions involve (at most two),
        over their domain when it is bounded, else around the boundaries and the current value.

    Raises
    ------
    InputError
        ``what`` is unknown or does not apply to ``game``; bad parameter values.
    """
    from negsolve.errors import InputError, Problem
    from negsolve.solvers import check_overrides

    available = kinds(game)
    if what == "auto":
        if not available:
            raise InputError([Problem(f"cannot draw a {type(game).__name__}")])
        what = available[0]
    if what not in KINDS:
        raise InputError([Problem(f"unknown picture {what!r}", hint="choose from auto, " + ", ".join(KINDS))])
    if what not in available:
        raise InputError([Problem(f"a {what!r} picture does not apply to this game",
                                  file=getattr(game, "source", None) or None,
                                  hint="this game can be drawn as: " + ", ".join(available))])
    values = check_overrides(game, params)
    from negsolve.model.bayesian import is_bayesian

    if is_bayesian(game):
        from negsolve.solvers.bayesian_tree import bayesian_tree

        game = bayesian_tree(game)
    if what == "region":
        return _region(game, values, outcome, axes)
    return _RENDERERS[what](game, values, outcome)


def render_result_svg(result: Any) -> str:
    """The picture of a result of :func:`negsolve.solve` (it records its game and values): a strategic
    game's payoff table with the result's equilibria highlighted, or a tree with its equilibrium."""
    from negsolve.model.tree import GameTree

    if result.game is None:
        from negsolve.errors import InputError, Problem

        raise InputError([Problem("this result does not record its game (use negsolve.solve)")])
    if isinstance(result.game, GameTree):
        return render_svg(result.game, "tree", params=result.values)
    from negsolve.draw.table import render_table, table_scene
    from negsolve.model.strategic import payoff_table

    return render_table(table_scene(result.game, payoff_table(result.game, result.values), result))


def _table(game: Any, values: dict[str, Fraction], outcome: str | None) -> str:
    from negsolve.draw.table import render_table, table_scene
    from negsolve.model.strategic import payoff_table
    from negsolve.solvers import solve_table

    table = payoff_table(game, values)
    return render_table(table_scene(game, table, solve_table(table)))


def _tree(game: Any, values: dict[str, Fraction], outcome: str | None) -> str:
    from negsolve.draw.tree import render_tree, tree_scene

    return render_tree(tree_scene(game, values))


def _best_response(game: Any, values: dict[str, Fraction], outcome: str | None) -> str:
    from negsolve.draw.best_response import best_response_scene, render_best_response

    return render_best_response(best_response_scene(game, values))


def _region(game: Any, values: dict[str, Fraction], outcome: str | None, axes: Sequence[str] | None = None) -> str:
    from negsolve.draw.region import region_scene, render_region
    from negsolve.draw.strategic_form import as_strategic

    strategic, start = as_strategic(game, values)
    if outcome == "all":
        from negsolve.draw.region_map import region_map_scene, render_region_map

        return render_region_map(region_map_scene(strategic, values, list(axes) if axes else None))
    return render_region(region_scene(strategic, values, outcome, list(axes) if axes else None, start))


def _payoff_space(game: Any, values: dict[str, Fraction], outcome: str | None) -> str:
    from negsolve.draw.payoff_space import payoff_space_scene, render_payoff_space

    return render_payoff_space(payoff_space_scene(game, values))


_RENDERERS = {
    "table": _table,
    "tree": _tree,
    "best-response": _best_response,
    "region": _region,
    "payoff-space": _payoff_space,
}
