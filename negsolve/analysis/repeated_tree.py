"""Stage equilibria of a game tree for repeated play: its subgame-perfect equilibria only.

A repeated tree is analysed on its reduced strategic form, but a threat to play a Nash
equilibrium of that form which is not subgame perfect would not be carried out (the punisher
would not follow a non-credible move once the tree is played), so punishments and rewards
are the tree's subgame-perfect equilibria, written as reduced profiles where they are pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from negsolve.analysis.repeated import StageEquilibrium


def tree_stage_equilibria(tree: Any, form_game: Any, overrides: Mapping[str, Fraction] | None = None,
                          limit: int = 200) -> tuple[StageEquilibrium, ...]:
    """The subgame-perfect equilibria of ``tree`` (at most ``limit``) as stage equilibria of its reduced form."""
    from negsolve.solvers.backward import solve_tree
    from negsolve.solvers.tree_strategic import reduced_profile_of_plan, symbolic_reduced_form

    form = symbolic_reduced_form(tree)
    result = solve_tree(tree, overrides, limit=limit)
    out = []
    for k, eq in enumerate(result.equilibria, start=1):
        pure = reduced_profile_of_plan(tree, form, eq.plan)
        if pure is None:
            out.append(StageEquilibrium(None, eq.payoffs, f"subgame-perfect equilibrium {k} (it mixes)"))
            continue
        profile = tuple(tuple(Fraction(int(s == choice)) for s in range(len(p.strategies)))
                        for p, choice in zip(form_game.players, pure, strict=False))
        out.append(StageEquilibrium(profile, eq.payoffs, f"subgame-perfect equilibrium {k}"))
    return tuple(out)
