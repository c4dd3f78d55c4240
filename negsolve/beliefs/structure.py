r"""What an assessment needs from a tree and a behaviour plan: information sets, paths, values.

For a behaviour plan :math:`\pi` (a move or a distribution over moves at every decision node)
each node :math:`x` is reached along one path from the root.  Write the probability of that
path as :math:`c_x \prod_{a \in Z_x} \pi(a)`, where :math:`c_x` is the product of the chance
probabilities and the *positive* plan probabilities on the path, and :math:`Z_x` lists the
moves on it that the plan gives probability zero (each named by its information set and move).
The node is reached with probability :math:`c_x` when :math:`Z_x` is empty, and 0 otherwise;
:math:`Z_x` is also the list of *trembles* a completely mixed perturbation of the plan needs
to reach :math:`x` (:mod:`negsolve.beliefs.consistency`).  A chance move of probability zero
cannot tremble: the node is then *impossible*.

The continuation value :math:`v_i(x, m)` is player :math:`i`'s expected payoff from taking move
:math:`m` at :math:`x` and following the plan afterwards (outcomes on inner nodes included).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree

Tremble = tuple[str, str]  # (information set name, move)


@dataclass(frozen=True)
class InformationSet:
    """A decision information set: its name (the node id for a single node), player, nodes, moves."""

    name: str
    player: int
    nodes: tuple[str, ...]
    moves: tuple[str, ...]


@dataclass(frozen=True)
class NodePath:
    """How the plan reaches a node: positive weight ``c``, zero-probability moves ``zeros``."""

    weight: Fraction
    zeros: tuple[Tremble, ...]
    impossible: bool  # a chance move of probability zero lies on the path

    @property
    def reach(self) -> Fraction:
        return Fraction(0) if self.zeros or self.impossible else self.weight


def infoset_names(tree: GameTree) -> dict[str, str]:
    """Each decision node's information set name: its label, prefixed ``player:`` when players share
    labels (Gambit numbers information sets per player); a node without one is named by its id."""
    owners: dict[str, set] = {}
    for node in tree.nodes:
        if node.kind == DECISION and node.infoset is not None:
            owners.setdefault(node.infoset, set()).add(node.player)
    out = {}
    for node in tree.nodes:
        if node.kind != DECISION:
            continue
        if node.infoset is None:
            out[node.id] = node.id
        elif len(owners[node.infoset]) > 1:
            out[node.id] = f"{tree.players[node.player or 0]}:{node.infoset}"
        else:
            out[node.id] = node.infoset
    return out


def information_sets(tree: GameTree) -> tuple[InformationSet, ...]:
    """Every decision information set, in tree order (a single node is its own set)."""
    names = infoset_names(tree)
    groups: dict[tuple, list[Any]] = {}
    for node in tree.nodes:
        if node.kind == DECISION:
            groups.setdefault((node.player, names[node.id]), []).append(node)
    return tuple(InformationSet(name, player or 0, tuple(n.id for n in members), members[0].moves)
                 for (player, name), members in groups.items())


def behaviour_at(plan: Mapping[str, Any], node_id: str) -> dict[str, Fraction]:
    """The plan's distribution at a node ({} when the plan leaves it open)."""
    chosen = plan.get(node_id)
    if chosen is None:
        return {}
    if isinstance(chosen, str):
        return {chosen: Fraction(1)}
    return {m: Fraction(q) for m, q in chosen.items()}


def node_paths(tree: GameTree, plan: Mapping[str, Any], values: Mapping[str, Fraction]) -> dict[str, NodePath]:
    """:class:`NodePath` of every node (preorder walk)."""
    from negsolve.model.expression import evaluate

    paths = {tree.nodes[0].id: NodePath(Fraction(1), (), False)}
    names = infoset_names(tree)
    for node in tree.nodes:
        here = paths[node.id]
        if node.kind == TERMINAL:
            continue
        if node.kind == CHANCE:
            probs = [evaluate(p, values) for p in node.probabilities]
            for p, child in zip(probs, node.children, strict=True):
                paths[child] = NodePath(here.weight * p if p else here.weight, here.zeros, here.impossible or not p)
            continue
        dist = behaviour_at(plan, node.id)
        name = names[node.id]
        for move, child in zip(node.moves, node.children, strict=True):
            q = dist.get(move, Fraction(0))
            paths[child] = (NodePath(here.weight * q, here.zeros, here.impossible) if q
                            else NodePath(here.weight, here.zeros + ((name, move),), here.impossible))
    return paths


def continuation_values(tree: GameTree, plan: Mapping[str, Any], values: Mapping[str, Fraction]
                        ) -> dict[str, tuple[Fraction, ...]]:
    """Each node's expected payoff vector from reaching it (its own outcome included), play by ``plan``."""
    from negsolve.model.expression import evaluate

    n = len(tree.players)
    total: dict[str, tuple[Fraction, ...]] = {}
    for node in reversed(tree.nodes):
        own = tuple(evaluate(e, values) for e in node.outcome.payoffs) if node.outcome else (Fraction(0),) * n
        if node.kind == TERMINAL:
            total[node.id] = own
            continue
        if node.kind == CHANCE:
            weights = [(evaluate(p, values), c) for p, c in zip(node.probabilities, node.children, strict=True)]
        else:
            dist = behaviour_at(plan, node.id)
            weights = [(q, node.children[node.moves.index(m)]) for m, q in dist.items() if q]
        below = tuple(sum((q * total[c][i] for q, c in weights), Fraction(0)) for i in range(n))
        total[node.id] = tuple(a + b for a, b in zip(own, below, strict=True))
    return total


def move_values(tree: GameTree, infoset: InformationSet, below: Mapping[str, tuple[Fraction, ...]],
                index: Mapping[str, Any] | None = None) -> dict[str, dict[str, Fraction]]:
    """``{node: {move: v(node, move)}}`` for the mover of ``infoset`` (:func:`continuation_values`);
    ``index``: nodes by id, when the caller has it."""
    index = index if index is not None else {n.id: n for n in tree.nodes}
    table = {}
    for x in infoset.nodes:
        node = index[x]
        table[x] = {m: below[c][infoset.player] for m, c in zip(node.moves, node.children, strict=True)}
    return table


def smallest_subgames(tree: GameTree) -> dict[str, str]:
    """For each node, the root of the smallest subgame that contains its whole information set."""
    from negsolve.solvers.backward import subgame_roots, tree_structure

    pos, size, _ = tree_structure(tree)
    is_root = subgame_roots(tree)
    parent: dict[int, int] = {}
    for k, node in enumerate(tree.nodes):
        for c in node.children:
            parent[pos[c]] = k
    out: dict[str, str] = {}
    for infoset in information_sets(tree):
        members = [pos[x] for x in infoset.nodes]
        low, high = min(members), max(members)
        k = members[0]
        while not (is_root[k] and k <= low and high < k + size[k]):
            k = parent[k]
        for x in infoset.nodes:
            out[x] = tree.nodes[k].id
    return out
