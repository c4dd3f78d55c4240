"""Everything the tree report shows, computed once.

Subgame-perfect equilibria, the check of each plan against every deviation, and (on request)
the Nash equilibria of the reduced strategic form marked credible or not.  What
:func:`negsolve.analyse` returns for a tree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from negsolve.model.tree import GameTree
from negsolve.solvers.backward import DEFAULT_LIMIT, TreeSolveResult


@dataclass(frozen=True)
class TreeAnalysis:
    """A tree's subgame-perfect equilibria and the facts its report explains.

    Attributes
    ----------
    tree : GameTree
        The tree analysed.
    values : Mapping[str, Fraction]
        Every parameter's value (defaults or overrides), read-only.
    result : TreeSolveResult
        The subgame-perfect equilibria (at most ``limit`` listed).
    checks : tuple
        One :func:`negsolve.solvers.sequential.check_plan` verdict per listed equilibrium.
    nash : TreeNashResult or None
        The reduced strategic form's Nash equilibria, when asked for.
    """

    tree: GameTree
    values: Mapping[str, Fraction]
    result: TreeSolveResult
    checks: tuple[Any, ...]
    nash: Any = None


def analyse_tree(tree: GameTree, overrides: Mapping[str, Fraction] | None = None, engine: str = "exact",
                 nash: bool = False, limit: int = DEFAULT_LIMIT) -> TreeAnalysis:
    """Solve ``tree`` by backward induction and gather the facts a tree report explains.

    Parameters
    ----------
    tree : GameTree
        The game tree.
    overrides : Mapping[str, Fraction], optional
        Parameter values replacing the defaults.
    engine : str
        The two-player engine for the reduced strategic form (only with ``nash``).
    nash : bool
        Also the Nash equilibria of the reduced strategic form, marked subgame perfect or not.
    limit : int
        List at most this many equilibria.

    Returns
    -------
    TreeAnalysis
    """
    from negsolve.solvers.backward import solve_tree
    from negsolve.solvers.sequential import check_plan

    result = solve_tree(tree, overrides, limit=limit)
    values = MappingProxyType(dict(tree.parameter_values(overrides)))
    checks = tuple(check_plan(tree, eq.plan, overrides) for eq in result.equilibria)
    found = None
    if nash:
        from negsolve.solvers.tree_strategic import nash_of_tree

        found = nash_of_tree(tree, result, overrides, engine)
    return TreeAnalysis(tree, values, result, checks, found)
