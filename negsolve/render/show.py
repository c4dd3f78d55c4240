"""The ``show`` page of a game: title, story, parameters, then its payoff table or its tree.

Rendering only: the caller passes the payoff table with its best responses marked (strategic
games, :func:`negsolve.solvers.pure.marked_table`) or the solved tree
(:func:`negsolve.solvers.backward.solve_tree` with ``limit=1``) to mark.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from negsolve.render.numbers import fmt


def show_header(game: Any, overrides: dict[str, Fraction]) -> str:
    """Title, underline, summary and parameter values, ending with an empty line."""
    lines = [game.title, "=" * len(game.title)]
    if game.summary:
        lines.append(game.summary)
    if game.parameters:
        lines += ["", "Parameters:"]
        values = game.parameter_values(overrides)
        for p in game.parameters:
            lines.append(f"  {p.name} = {fmt(values[p.name])}" + (f"  ({p.about})" if p.about else ""))
    lines.append("")
    return "\n".join(lines)


def show_body(game: Any, overrides: dict[str, Fraction], detail: Any, max_nodes: int) -> str:
    """The payoff table with its best responses marked (``detail`` a
    :class:`~negsolve.solvers.pure.MarkedTable`) or the tree with one subgame-perfect equilibrium's
    moves marked (``detail`` a tree solve result)."""
    if not hasattr(game, "nodes"):
        from negsolve.render.table import payoff_table_text

        return payoff_table_text(game, detail.table, detail.marks)
    from negsolve.render.tree import draw_tree

    plan = detail.equilibria[0].plan if detail.equilibria else None
    text = draw_tree(game, plan, overrides, max_nodes=max_nodes)
    if plan is not None:
        text += "\n\n" + _marked_moves(detail.count)
    return text


def large_tree_show_text(tree: Any, result: Any, max_nodes: int) -> str:
    """``show`` for a big perfect-information tree: only its top ``max_nodes`` nodes are drawn."""
    from negsolve.render.compact_tree import excerpt
    from negsolve.render.tree import draw_tree

    top, plan = excerpt(tree, result, max_nodes)
    return "\n".join([tree.title, "=" * len(tree.title),
                      f"{len(tree.players)} players, {len(tree):,} nodes, perfect information (large-tree path)", "",
                      draw_tree(top, plan, None, max_nodes=max_nodes, total_nodes=len(tree)), "",
                      _marked_moves(result.count)])


def _marked_moves(count: int) -> str:
    return ("The marked moves are " + ("the" if count == 1 else "one of the")
            + f" subgame-perfect equilibri{'um' if count == 1 else 'a'} ('negsolve solve' lists them).")
