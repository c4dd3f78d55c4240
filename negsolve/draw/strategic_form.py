"""The strategic game a picture analyses: the game itself, or a tree's reduced strategic form."""

from __future__ import annotations

from fractions import Fraction
from typing import Any


def as_strategic(game: Any, values: dict[str, Fraction]) -> tuple[Any, tuple[int, ...] | None]:
    """``(strategic game, status quo)``: a strategic game as it is (no status quo); a tree's symbolic
    reduced strategic form with the profile of its first subgame-perfect equilibrium."""
    from negsolve.model.tree import GameTree

    if not isinstance(game, GameTree):
        return game, None
    from negsolve.solvers.backward import solve_tree
    from negsolve.solvers.tree_strategic import reduced_profile_of_plan, symbolic_reduced_form

    form = symbolic_reduced_form(game)
    spe = solve_tree(game, values, limit=1)
    start = reduced_profile_of_plan(game, form, spe.equilibria[0].plan) if spe.equilibria else None
    return form.game, start
