r"""Exact counts of subgame-perfect equilibria of large perfect-information trees with ties.

When a mover is indifferent between moves that lead to *different* payoff vectors, which one
it takes changes what happens above it, so one value per node is not enough.  Each node keeps
instead its **options**: every payoff vector some subgame-perfect plan of its subtree yields,
with the number of such plans.  At a decision node of player :math:`i` with children
:math:`c_1, \dots, c_k`, taking child :math:`m` with an option of value :math:`v` is optimal iff
every other child's chosen value gives :math:`i` at most :math:`v_i`, so

.. math::  N_p(v) \mathrel{+}= N_m(v) \prod_{s \ne m} F_s(v_i), \qquad
           F_s(x) = \sum_{w:\ w_i \le x} N_s(w),

(the plans of the other subtrees are free, subject to that bound).  The number of
subgame-perfect equilibria (pure behaviour) is :math:`\sum_v N_{root}(v)`; counts are exact
Python integers.  Payoffs sit on the leaves only (the compact trees of
:mod:`negsolve.io.efg_fast`), so a node's options are vectors of leaf payoffs.

Two implementations of the same recurrence:

- :func:`count_by_levels`: level by level with numpy (every node of a level at once: one
  sort by (child, key), cumulative counts, one ``searchsorted`` per (option, sibling) pair,
  grouped products) — for wide trees;
- :func:`solve_by_nodes`: node by node in reverse preorder, plain Python — for deep, narrow
  trees (chains), where a level holds a node or two and numpy's per-call cost dominates (it
  also picks the first optimal move at each node).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any


def solve_by_nodes(kind: Any, player: Any, payoff: Any, parent: list[int]) -> tuple[tuple, list[int], dict]:
    """Node by node: the root value of the first-optimal-move plan, each node's chosen move
    (-1 at leaves) and the root options {payoff vector: number of subgame-perfect plans}."""
    size = len(parent)
    kids: list[list[int]] = [[] for _ in range(size)]
    for k in range(1, size):
        kids[parent[k]].append(k)
    kinds, players, rows = kind.tolist(), player.tolist(), payoff.tolist()
    options: list[dict[tuple, int] | None] = [None] * size
    value: list[tuple | None] = [None] * size
    choice = [-1] * size
    for k in range(size - 1, -1, -1):
        if kinds[k] == 0:
            value[k] = leaf = tuple(rows[k])
            options[k] = {leaf: 1}
            continue
        i = players[k]
        children = kids[k]
        best, best_move = None, 0
        for move, c in enumerate(children):
            v = value[c]
            if best is None or v[i] > best[i]:  # type: ignore[index]
                best, best_move = v, move
        value[k], choice[k] = best, best_move
        child_options: list[dict[tuple, int]] = [options[c] for c in children]  # type: ignore[misc]
        for c in children:
            options[c] = value[c] = None  # free as we go up
        if all(len(o) == 1 for o in child_options):  # the common case: one payoff vector per child
            tied = [v for o in child_options for v in o if v[i] == best[i]]  # type: ignore[index]
            if all(v == best for v in tied):
                plans = 1
                for o in child_options:
                    plans *= next(iter(o.values()))
                options[k] = {best: len(tied) * plans}  # type: ignore[dict-item]
                continue
        options[k] = _combine(child_options, i)
    return value[0], choice, options[0] or {}  # type: ignore[return-value]


def _combine(children: list[dict[tuple, int]], i: int) -> dict[tuple, int]:
    if len(children) == 1:
        return dict(children[0])
    tables = []
    for opts in children:
        keys = sorted({v[i] for v in opts})
        totals = dict.fromkeys(keys, 0)
        for v, n in opts.items():
            totals[v[i]] += n
        prefix, running = [], 0
        for key in keys:
            running += totals[key]
            prefix.append(running)
        tables.append((keys, prefix))
    out: dict[tuple, int] = {}
    for m, opts in enumerate(children):
        for v, n in opts.items():
            weight = n
            for s, (keys, prefix) in enumerate(tables):
                if s != m:
                    j = bisect_right(keys, v[i])
                    weight *= prefix[j - 1] if j else 0
                    if not weight:
                        break
            if weight:
                out[v] = out.get(v, 0) + weight
    return out


def count_by_levels(kind: Any, player: Any, payoff: Any, parent: Any, order: Any, bounds: Any) -> dict[tuple, int]:
    """Root options {payoff vector: number of subgame-perfect plans}, level by level (numpy).

    ``order`` lists the nodes by depth, preorder within a depth; ``bounds[d]`` is where depth d
    starts in it (as :func:`negsolve.solvers.fast_backward.solve_compact` builds them).
    """
    import numpy as np

    n = payoff.shape[1]
    empty_cnt = np.zeros(0, dtype=object)
    opt_node = np.zeros(0, dtype=np.int64)
    opt_val = np.zeros((0, n), dtype=np.int64)
    opt_cnt = empty_cnt
    for level in range(len(bounds) - 2, 0, -1):
        members = order[bounds[level]:bounds[level + 1]]
        leaves = members[kind[members] == 0]
        node = np.concatenate([opt_node, leaves])
        val = np.concatenate([opt_val, payoff[leaves]])
        cnt = np.concatenate([opt_cnt, np.ones(len(leaves), dtype=object)])
        opt_node, opt_val, opt_cnt = _level_step(node, val, cnt, player, parent)
    if len(opt_node) == 0:  # the root is a leaf
        return {tuple(payoff[0].tolist()): 1}
    return {tuple(v): int(c) for v, c in zip(opt_val.tolist(), opt_cnt.tolist(), strict=True)}


def _level_step(node: Any, val: Any, cnt: Any, player: Any, parent: Any) -> tuple[Any, Any, Any]:
    """The options of the parents of one level from their children's options."""
    import numpy as np

    owner = parent[node]
    key = val[np.arange(len(node)), player[owner].astype(np.int64)]
    rank = np.unique(key, return_inverse=True)[1].astype(np.int64)
    sort = np.lexsort((rank, node))  # by child (preorder: grouped by parent), then by key
    node, val, cnt, owner, rank = node[sort], val[sort], cnt[sort], owner[sort], rank[sort]
    m = len(node)
    child_start = np.flatnonzero(np.r_[True, node[1:] != node[:-1]])
    child_of = np.repeat(np.arange(len(child_start)), np.diff(np.r_[child_start, m]))
    cum = np.cumsum(cnt) if m else cnt
    base = np.r_[np.zeros(1, dtype=object), cum][child_start]  # counts before each child's run
    # the children of each parent are consecutive runs
    child_owner = owner[child_start]
    parent_start = np.flatnonzero(np.r_[True, child_owner[1:] != child_owner[:-1]])
    parent_of_child = np.repeat(np.arange(len(parent_start)), np.diff(np.r_[parent_start, len(child_start)]))
    kids = np.diff(np.r_[parent_start, len(child_start)])
    # one query per (option, sibling): F_sibling(key of the option)
    p_of_opt = parent_of_child[child_of]
    per_opt = kids[p_of_opt]
    q_opt = np.repeat(np.arange(m), per_opt)
    first = np.cumsum(per_opt) - per_opt
    q_sib = parent_start[p_of_opt][q_opt] + (np.arange(len(q_opt)) - first[q_opt])
    span = int(rank.max(initial=0)) + 1
    composite = child_of * span + rank
    idx = np.searchsorted(composite, q_sib * span + rank[q_opt], side="right") - 1
    inside = idx >= child_start[q_sib]
    F = np.where(inside, cum[np.maximum(idx, 0)] - base[q_sib], 0).astype(object)
    product = np.multiply.reduceat(F, first) if len(F) else F
    own = cum - base[child_of]
    own_f = np.empty(m, dtype=object)
    # F of the option's own child at its key: the last entry of its run with the same key
    last_same = np.searchsorted(composite, child_of * span + rank, side="right") - 1
    own_f[:] = own[last_same]
    weight = cnt * product // own_f
    keep = np.flatnonzero(weight != 0)
    new_node, new_val, new_cnt = owner[keep], val[keep], weight[keep]
    # merge equal (parent, vector) options
    if len(new_node) == 0:
        return new_node, new_val, new_cnt
    columns = tuple(new_val[:, j] for j in range(new_val.shape[1] - 1, -1, -1))
    sort = np.lexsort(columns + (new_node,))
    new_node, new_val, new_cnt = new_node[sort], new_val[sort], new_cnt[sort]
    change = np.r_[True, (new_node[1:] != new_node[:-1]) | (new_val[1:] != new_val[:-1]).any(axis=1)]
    starts = np.flatnonzero(change)
    return new_node[starts], new_val[starts], np.add.reduceat(new_cnt, starts)
