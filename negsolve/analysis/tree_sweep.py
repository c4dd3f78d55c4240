"""Parameter sweeps on game trees: the distinct subgame-perfect plays at each grid point.

Each point is solved exactly by backward induction (:func:`~negsolve.solvers.backward.solve_tree`);
a point's answer is the list of distinct plays (:mod:`negsolve.analysis.tree_plays`) its
subgame-perfect equilibria lead to, with the number of equilibria.  Equilibria that differ only
off the play give the same play, so rows stay short (talks about talks: one or two plays instead
of the pure equilibria of a 245-profile strategic form).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import partial

from negsolve.analysis.sweep import Axis, grid
from negsolve.model.tree import GameTree


@dataclass(frozen=True)
class TreePointResult:
    point: tuple[tuple[str, Fraction], ...]
    plays: tuple[str, ...]   # labels of the distinct subgame-perfect plays ("mixed: ..." where play mixes)
    count: int               # subgame-perfect equilibria (pure behaviour / extreme in imperfect subgames)
    valid: bool = True       # False where the chance probabilities are not a distribution


def evaluate_tree_point(tree: GameTree, point: tuple[tuple[str, Fraction], ...],
                        fixed: Mapping[str, Fraction] | None = None) -> TreePointResult:
    """The distinct subgame-perfect plays at ``point`` (other parameters: ``fixed``, else defaults)."""
    from negsolve.analysis.tree_plays import play_label, play_of_plan
    from negsolve.model.tree import tree_problems
    from negsolve.solvers.backward import solve_tree

    values = tree.parameter_values(fixed)
    values.update(dict(point))
    if tree_problems(tree, values):
        return TreePointResult(point, (), 0, False)
    result = solve_tree(tree, values, limit=1000)
    labels: list[str] = []
    for e in result.equilibria:
        play = play_of_plan(tree, e.plan)
        label = play_label(tree, play) if play is not None else "a play that mixes: " + " → ".join(e.path)
        if label not in labels:
            labels.append(label)
    return TreePointResult(point, tuple(labels), result.count)


def tree_sweep(tree: GameTree, axes: list[Axis], mapper: Callable[[Callable, Iterable], Iterable] = map,
               fixed: Mapping[str, Fraction] | None = None) -> list[TreePointResult]:
    """Evaluate every grid point; ``mapper`` may be a parallel map, as for strategic sweeps."""
    return list(mapper(partial(evaluate_tree_point, tree, fixed=fixed), grid(axes)))
