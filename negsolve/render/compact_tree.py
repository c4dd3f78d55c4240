"""Drawing the top of a large tree read by :mod:`negsolve.io.efg_fast` (``show`` on a 10^6-node file).

Only the first ``max_nodes`` nodes in preorder are drawn, so only they (and their children,
as stubs) become :class:`~negsolve.model.tree.Node` objects: a small :class:`GameTree` excerpt
that :func:`negsolve.render.tree.draw_tree` draws as usual, marked with the moves of the
subgame-perfect equilibrium the fast solver found.  Node ids are ``n`` + 1-based preorder
position, as in the large-tree JSON plan.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from negsolve.model.expression import Number
from negsolve.model.tree import DECISION, TERMINAL, GameTree, Node, Outcome


def excerpt(tree: Any, result: Any, max_nodes: int) -> tuple[GameTree, dict[str, str]]:
    """The first ``max_nodes`` preorder nodes of a compact tree (children of the last ones as stubs) and the plan."""
    kind, children, player = tree.kind, tree.children, tree.player
    size = len(tree)
    keep = list(range(min(size, max(1, max_nodes))))
    wanted = set(keep)
    stubs: list[int] = []
    for k in keep:
        for move in range(int(children[k])):
            c = result.child(k, move)
            if c not in wanted:
                wanted.add(c)
                stubs.append(c)
    nodes = []
    plan: dict[str, str] = {}
    for k in keep + stubs:
        node_id = f"n{k + 1}"
        if kind[k] == 1 and k < len(keep):
            moves = tree.move_sets[int(tree.move_set[k])]
            kids = tuple(f"n{result.child(k, m) + 1}" for m in range(int(children[k])))
            nodes.append(Node(node_id, DECISION, kids, moves, int(player[k])))
            plan[node_id] = moves[int(result.choice[k])]
        else:
            payoffs = tree.payoff[k].tolist() if kind[k] == 0 else [0] * len(tree.players)
            nodes.append(Node(node_id, TERMINAL, outcome=Outcome(tuple(Number(Fraction(v)) for v in payoffs))))
    return GameTree(tree.title, tuple(tree.players), tuple(nodes)), plan
