"""The tree kernel (negsolve.model.walk) against brute force over root-to-leaf paths.

The expected payoff of a behaviour plan is, by definition, the sum over every root-to-leaf path of
(the product of the chance and plan probabilities along it) x (the payoffs on its nodes, added);
a node's reach probability is that product up to the node.  The brute force below enumerates the
paths recursively from the node list, independently of the kernel's post-order scan.
"""

from __future__ import annotations

import dataclasses
import random
from fractions import Fraction as F

import pytest
from test_backward import random_tree

from negsolve.model import Number
from negsolve.model.expression import evaluate
from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree, Node, Outcome
from negsolve.model.walk import (
    chance_average,
    descend_value,
    follow,
    node_index,
    parents,
    plan_values,
    positions,
    post_order,
    reach_probabilities,
    tree_structure,
)

SEEDS = range(24)


def _with_inner_payoffs(rng: random.Random, tree: GameTree) -> GameTree:
    """Some inner nodes get payoffs too (Gambit outcomes on inner nodes add up along the path)."""
    n = len(tree.players)
    nodes = []
    for node in tree.nodes:
        if node.kind != TERMINAL and rng.random() < 0.4:
            node = dataclasses.replace(node, outcome=Outcome(tuple(Number(F(rng.randint(-2, 2))) for _ in range(n))))
        nodes.append(node)
    return dataclasses.replace(tree, nodes=tuple(nodes))


def _random_plan(rng: random.Random, tree: GameTree) -> dict:
    plan: dict = {}
    for node in tree.nodes:
        if node.kind != DECISION or rng.random() < 0.1:
            continue  # a missing entry: the node contributes nothing below it
        if rng.random() < 0.5:
            plan[node.id] = rng.choice(node.moves)
        else:
            weights = [rng.randint(0, 3) for _ in node.moves]
            weights[rng.randrange(len(weights))] += 1
            plan[node.id] = {m: F(w, sum(weights)) for m, w in zip(node.moves, weights, strict=True)}
    return plan


def _case(seed: int) -> tuple[GameTree, dict]:
    rng = random.Random(seed)
    tree = _with_inner_payoffs(rng, random_tree(rng, players=rng.randint(1, 3), depth=rng.randint(1, 4)))
    return tree, _random_plan(rng, tree)


def _own(node: Node, n: int) -> tuple:
    return tuple(evaluate(e, {}) for e in node.outcome.payoffs) if node.outcome else (F(0),) * n


def _paths(tree: GameTree, plan: dict) -> list[tuple[list[str], F]]:
    """Every path from the root to a leaf or to a node where ``plan`` is silent, with its probability."""
    index = {node.id: node for node in tree.nodes}
    out: list[tuple[list[str], F]] = []

    def down(node_id: str, trail: list[str], prob: F) -> None:
        node = index[node_id]
        trail = [*trail, node_id]
        if node.kind == TERMINAL or (node.kind == DECISION and node_id not in plan):
            out.append((trail, prob))  # a node where the plan is silent ends the path (its payoffs count)
            return
        for move, child in zip(node.moves, node.children, strict=True):
            if node.kind == CHANCE:
                q = evaluate(node.probabilities[node.moves.index(move)], {})
            else:
                chosen = plan.get(node_id)
                q = F(int(chosen == move)) if isinstance(chosen, str) else F((chosen or {}).get(move, 0))
            down(child, trail, prob * q)

    down(tree.nodes[0].id, [], F(1))
    return out


def _brute_value(tree: GameTree, plan: dict) -> tuple:
    n = len(tree.players)
    index = {node.id: node for node in tree.nodes}
    total = [F(0)] * n
    for trail, prob in _paths(tree, plan):
        for node_id in trail:
            total = [t + prob * v for t, v in zip(total, _own(index[node_id], n), strict=True)]
    return tuple(total)


@pytest.mark.parametrize("seed", SEEDS)
def test_plan_values_at_the_root_is_the_expectation_over_paths(seed: int) -> None:
    tree, plan = _case(seed)
    n = len(tree.players)
    values = plan_values(tree, plan, lambda node: _own(node, n), lambda e: evaluate(e, {}), (F(0),) * n)
    assert values[tree.nodes[0].id] == _brute_value(tree, plan)


@pytest.mark.parametrize("seed", SEEDS)
def test_plan_values_below_excludes_own_payoffs(seed: int) -> None:
    tree, plan = _case(seed)
    n = len(tree.players)
    below: dict = {}
    total = plan_values(tree, plan, lambda node: _own(node, n), lambda e: evaluate(e, {}), (F(0),) * n, below)
    for node in tree.nodes:
        assert tuple(a + b for a, b in zip(below[node.id], _own(node, n), strict=True)) == total[node.id]


@pytest.mark.parametrize("seed", SEEDS)
def test_descend_value_agrees_with_plan_values(seed: int) -> None:
    tree, plan = _case(seed)
    n = len(tree.players)
    pos, _, children = tree_structure(tree)
    nodes = tree.nodes

    def choose(i: int) -> list:
        chosen = plan.get(nodes[i].id)
        if isinstance(chosen, str):
            return [(None, children[i][nodes[i].moves.index(chosen)])]
        return [(q, children[i][nodes[i].moves.index(m)]) for m, q in (chosen or {}).items() if q]

    value = descend_value(0, nodes, children, choose, lambda i: _own(nodes[i], n),
                          lambda i: [evaluate(p, {}) for p in nodes[i].probabilities], n, F(0))
    assert value == _brute_value(tree, plan)


@pytest.mark.parametrize("seed", SEEDS)
def test_reach_probabilities_are_path_products(seed: int) -> None:
    tree, plan = _case(seed)
    reach = reach_probabilities(tree, plan, lambda e: evaluate(e, {}), F(1), F(0))
    for trail, prob in _paths(tree, plan):
        assert reach[trail[-1]] == prob
    silent = [node.id for node in tree.nodes if node.kind == DECISION and node.id not in plan]
    assert all(reach[c] == 0 for node_id in silent for c in node_index(tree)[node_id].children)
    assert reach[tree.nodes[0].id] == 1


@pytest.mark.parametrize("seed", SEEDS)
def test_structure_post_order_and_parents(seed: int) -> None:
    tree, _ = _case(seed)
    pos, size, children = tree_structure(tree)
    index = node_index(tree)
    assert pos == positions(tree) and all(tree.nodes[k].id == i for i, k in pos.items())
    order = list(post_order(tree))
    seen: set[int] = set()
    for k in order:
        assert all(c in seen for c in children[k])  # children before parents
        seen.add(k)
    assert sorted(order) == list(range(len(tree.nodes)))

    def count(node_id: str) -> int:
        return 1 + sum(count(c) for c in index[node_id].children)

    assert size == [count(node.id) for node in tree.nodes]
    parent = parents(children)
    assert parent[0] == -1
    assert all(tree.nodes[parent[pos[c]]].id == node.id for node in tree.nodes for c in node.children)


@pytest.mark.parametrize("seed", SEEDS)
def test_follow_walks_the_pure_moves_from_the_root(seed: int) -> None:
    tree, plan = _case(seed)
    index = node_index(tree)
    expected = []
    node = tree.nodes[0]
    while node.kind == DECISION and isinstance(plan.get(node.id), str):
        expected.append((node.id, plan[node.id]))
        node = index[node.children[node.moves.index(plan[node.id])]]
    assert [(n.id, m) for n, m in follow(tree, plan)] == expected


def test_chance_average_folds_with_given_operations() -> None:
    assert chance_average([F(1, 4), F(3, 4)], [(4, 8), (0, 4)], 2, F(0)) == (F(1), F(5))
    trace = chance_average(["p", "q"], [("a",), ("b",)], 1, "0", add=lambda x, y: f"({x}+{y})",
                           mul=lambda x, y: f"{x}*{y}")
    assert trace == ("((0+p*a)+q*b)",)
    assert chance_average([], [], 2, F(0)) == (F(0), F(0))
