r"""Backward induction over a :class:`~negsolve.io.efg_fast.CompactTree`, level by level (the scalable path).

1. One pass over the preorder gives each node's parent and depth (a stack of open nodes).
2. From the deepest level up: the nodes of one level, taken in preorder, are grouped by
   parent (siblings are contiguous there), so each parent's best move is a grouped maximum
   (``numpy.maximum.reduceat``) of its mover's payoff over its children.  Values are exact:
   integer payoffs in int64, with a check that no sum can overflow.
3. Ties: the first optimal move is taken at each node, which is one subgame-perfect
   equilibrium.  The number of them is the product over decision nodes of the number of
   optimal moves as long as tied moves lead to the same payoff vector; when a tie is between
   different payoff vectors (which one is chosen changes play above), the count comes from
   :mod:`negsolve.solvers.tie_count`, which follows every achievable payoff vector of every
   subtree (level by level with numpy, or node by node for deep, narrow trees) — the ties
   stay on this path.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.io.efg_fast import CompactTree
from negsolve.io.gc_control import paused_gc


@dataclass(frozen=True)
class FastResult:
    payoffs: tuple[Fraction, ...]
    path: tuple[str, ...]
    choice: Any      # numpy array: index of the chosen move at each node (-1 at leaves)
    count: int       # number of subgame-perfect equilibria
    outcomes: int = 1  # number of distinct payoff vectors of subgame-perfect equilibria
    by_parent: Any = None  # node indices sorted by parent: the children of k are
    first_of: Any = None   # by_parent[first_of[k]:first_of[k] + children[k]], in move order

    def __post_init__(self) -> None:
        for array in (self.choice, self.by_parent, self.first_of):
            if array is not None:
                array.flags.writeable = False  # a frozen result: its arrays are read-only too

    def child(self, k: int, move: int) -> int:
        """The node reached from node ``k`` by its ``move``-th move."""
        return int(self.by_parent[self.first_of[k] + move])

    def plan(self, tree: CompactTree) -> dict[str, str]:
        """Node id ("n" + 1-based preorder position) -> move, at every decision node."""
        import numpy as np

        nodes = np.flatnonzero(tree.kind == 1)
        sets = tree.move_set[nodes].tolist()
        chosen = self.choice[nodes].tolist()
        names = tree.move_sets
        return {f"n{k + 1}": names[m][c] for k, m, c in zip(nodes.tolist(), sets, chosen, strict=False)}


NARROW = 64  # average nodes per level below which ties are counted node by node


def solve_compact(tree: CompactTree, count_method: str | None = None) -> FastResult | None:
    """One subgame-perfect equilibrium and the exact count; None only for a truncated tree or huge payoffs.

    ``count_method`` ("levels" or "nodes") forces how ties between different payoff vectors
    are counted (default: by the tree's shape); for tests.
    """
    with paused_gc():
        return _solve(tree, count_method)


def _solve(tree: CompactTree, count_method: str | None) -> FastResult | None:
    import math

    import numpy as np

    size = len(tree)
    kind = tree.kind
    n_children = tree.children.tolist()
    # 1. parents and depths, one pass over the preorder
    parent = [0] * size
    depth = [0] * size
    stack: list[int] = []
    left: list[int] = []
    for k in range(size):
        if stack:
            top = stack[-1]
            parent[k] = top
            depth[k] = depth[top] + 1
            left[-1] -= 1
            if left[-1] == 0:
                stack.pop()
                left.pop()
        else:
            parent[k] = -1
        c = n_children[k]
        if c:
            stack.append(k)
            left.append(c)
    if stack:
        return None  # truncated tree: let the general reader report it
    parent_a = np.array(parent, dtype=np.int64)
    depth_a = np.array(depth, dtype=np.int64)
    if size > 1 and np.abs(tree.payoff).max() > (2**62) // size:
        return None  # sums could overflow int64
    value = tree.payoff.copy()
    choice = np.full(size, -1, dtype=np.int64)
    ties_total: list[int] = []
    mixed_ties = False
    levels = int(depth_a.max()) + 1
    method = count_method or ("nodes" if size < NARROW * levels else "levels")
    if method == "nodes":  # deep, narrow trees: one pass node by node beats a numpy round per level
        from negsolve.solvers.tie_count import solve_by_nodes

        root_value, chosen, root = solve_by_nodes(kind, tree.player, tree.payoff, parent)
        return _result(tree, parent_a, np.array(root_value, dtype=np.int64), np.array(chosen, dtype=np.int64),
                       sum(root.values()), len(root))
    order = np.argsort(depth_a, kind="stable")  # nodes by depth, preorder within a depth
    bounds = np.searchsorted(depth_a[order], np.arange(depth_a.max() + 2))
    for level in range(int(depth_a.max()), 0, -1):
        members = order[bounds[level]:bounds[level + 1]]  # children at this depth, in preorder
        parents = parent_a[members]
        starts = np.flatnonzero(np.r_[True, parents[1:] != parents[:-1]])
        owners = parents[starts]
        movers = tree.player[owners].astype(np.int64)
        group = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(members)]))
        key = value[members, movers[group]]
        best = np.maximum.reduceat(key, starts)
        is_best = key == best[group]
        # first optimal child of each parent
        position = np.arange(len(members))
        first = np.minimum.reduceat(np.where(is_best, position, len(members)), starts)
        chosen_value = value[members[first]]
        tied = np.add.reduceat(is_best.astype(np.int64), starts)
        if (tied > 1).any():
            same = (value[members] == chosen_value[group]).all(axis=1)
            if (is_best & ~same).any():
                mixed_ties = True  # a tie between different payoff vectors: counted below
            ties_total.extend(tied[tied > 1].tolist())
        value[owners] += chosen_value
        choice[owners] = first - starts
    count = math.prod(ties_total) if ties_total else 1
    outcomes = 1
    if mixed_ties:
        from negsolve.solvers.tie_count import count_by_levels

        root = count_by_levels(kind, tree.player, tree.payoff, parent_a, order, bounds)
        count, outcomes = sum(root.values()), len(root)
    return _result(tree, parent_a, value[0], choice, count, outcomes)


def _result(tree: CompactTree, parent_a: Any, root_value: Any, choice: Any, count: int, outcomes: int) -> FastResult:
    """The result with the equilibrium path walked from the root (children: runs of the nodes sorted by parent)."""
    import numpy as np

    by_parent = np.argsort(parent_a, kind="stable")
    first_of = np.searchsorted(parent_a[by_parent], np.arange(len(tree)))
    path = []
    k = 0
    while tree.kind[k] == 1:
        c = int(choice[k])
        path.append(tree.move_sets[int(tree.move_set[k])][c])
        k = int(by_parent[first_of[k] + c])
    return FastResult(tuple(Fraction(int(v)) for v in root_value), tuple(path), choice, count, outcomes,
                      by_parent, first_of)
