r"""Backward induction over a :class:`~negsolve.io.efg_fast.CompactTree`, level by level (the scalable path).

1. One pass over the preorder gives each node's parent and depth (a stack of open nodes).
2. From the deepest level up: the nodes of one level, taken in preorder, are grouped by
   parent (siblings are contiguous there), so each parent's best move is a grouped maximum
   (``numpy.maximum.reduceat``) of its mover's payoff over its children.  Values are exact:
   integer payoffs in int64, with a check that no sum can overflow.
3. Ties: the number of subgame-perfect equilibria is the product over decision nodes of the
   number of optimal moves, as long as tied moves lead to the same payoff vector.  When a
   tie is between different payoff vectors (then which one is chosen changes play above), the
   function returns None and the caller uses the general solver, which follows every branch.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.io.efg_fast import CompactTree


@dataclass(frozen=True)
class FastResult:
    payoffs: tuple[Fraction, ...]
    path: tuple[str, ...]
    choice: Any      # numpy array: index of the chosen move at each node (-1 at leaves)
    count: int       # number of subgame-perfect equilibria

    def plan(self, tree: CompactTree) -> dict[str, str]:
        """Node id ("n" + 1-based preorder position) -> move, at every decision node."""
        import numpy as np

        nodes = np.flatnonzero(tree.kind == 1)
        sets = tree.move_set[nodes].tolist()
        chosen = self.choice[nodes].tolist()
        names = tree.move_sets
        return {f"n{k + 1}": names[m][c] for k, m, c in zip(nodes.tolist(), sets, chosen)}


def solve_compact(tree: CompactTree) -> FastResult | None:
    """One subgame-perfect equilibrium, the exact count, or None when the general solver is needed."""
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
    first_child = np.full(size, -1, dtype=np.int64)
    ties_total: list[int] = []
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
                return None  # a tie between different payoff vectors
            ties_total.extend(tied[tied > 1].tolist())
        value[owners] += chosen_value
        choice[owners] = first - starts
        first_child[owners] = members[starts]
    count = math.prod(ties_total) if ties_total else 1
    # the equilibrium path from the root
    path = []
    k = 0
    sizes = None
    while kind[k] == 1:
        c = int(choice[k])
        path.append(tree.move_sets[int(tree.move_set[k])][c])
        child = int(first_child[k])
        if c:
            if sizes is None:
                sizes = _subtree_sizes(n_children)
            for _ in range(c):
                child += sizes[child]
        k = child
    return FastResult(tuple(Fraction(int(v)) for v in value[0]), tuple(path), choice, count)


def _subtree_sizes(n_children: list[int]) -> list[int]:
    size = [1] * len(n_children)
    pending: list[int] = []
    for k in range(len(n_children) - 1, -1, -1):
        c = n_children[k]
        for _ in range(c):
            size[k] += size[pending.pop()]
        pending.append(k)
    return size
