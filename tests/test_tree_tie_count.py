"""Counting subgame-perfect equilibria of compact trees with ties (issue 16): both counting methods
against the definition on random trees that also have one-move nodes, the move each method
chooses (the first optimal one), exactness beyond floating point, and a tree that is one leaf."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction as F

import numpy as np
import pytest
from test_large_tree_ties import brute_force_spe, compact_children

from negsolve.io.efg import dumps_efg
from negsolve.io.efg_fast import read_compact
from negsolve.model import Number
from negsolve.model.tree import DECISION, TERMINAL, GameTree, Node, Outcome
from negsolve.solvers.fast_backward import solve_compact
from negsolve.solvers.tie_count import count_by_levels


def narrow_tree(rng: random.Random, depth: int, high: int) -> GameTree:
    """A random two-player perfect-information tree with 1 to 3 moves per node (one-move nodes
    pass their subtree's ties up unchanged) and payoffs in 0..high, so ties are common."""
    nodes: list[Node] = []
    counter = itertools.count()

    def build(level: int) -> str:
        k = next(counter)
        if level == depth or (level > 0 and rng.random() < 0.25):
            payoffs = tuple(Number(F(rng.randint(0, high))) for _ in range(2))
            nodes.append(Node(f"t{k}", TERMINAL, outcome=Outcome(payoffs)))
            return nodes[-1].id
        placeholder = len(nodes)
        nodes.append(None)  # type: ignore[arg-type]
        width = rng.randint(1, 3)
        kids = tuple(build(level + 1) for _ in range(width))
        nodes[placeholder] = Node(f"n{k}", DECISION, kids, tuple(f"m{j}" for j in range(width)),
                                  player=rng.randrange(2))
        return f"n{k}"

    build(0)
    return GameTree("narrow", ("P0", "P1"), tuple(nodes))


def first_optimal_choices(compact) -> list[int]:  # type: ignore[no-untyped-def]
    """Backward induction on the compact arrays, taking the first optimal move (-1 at leaves)."""
    kind, player, pay = compact.kind.tolist(), compact.player.tolist(), compact.payoff.tolist()
    children = compact_children(compact)
    value: list = [None] * len(kind)
    choice = [-1] * len(kind)
    for k in range(len(kind) - 1, -1, -1):
        if kind[k] == 0:
            value[k] = tuple(pay[k])
            continue
        scores = [value[c][player[k]] for c in children[k]]
        choice[k] = scores.index(max(scores))
        value[k] = value[children[k][choice[k]]]
    return choice


@pytest.mark.parametrize("method", ["levels", "nodes"])
def test_counts_and_choices_on_trees_with_one_move_nodes(method: str) -> None:
    checked = one_move = 0
    for seed in range(120):
        rng = random.Random(seed)
        tree = narrow_tree(rng, rng.randint(2, 4), rng.choice([1, 2]))
        decisions = [n for n in tree.nodes if n.kind == DECISION]
        if len(decisions) > 9 or not decisions:
            continue
        compact = read_compact(dumps_efg(tree))
        assert compact is not None
        fast = solve_compact(compact, method)
        count, outcomes = brute_force_spe(tree)
        assert (fast.count, fast.outcomes) == (count, len(outcomes)), seed
        # the plan reported takes the first optimal move everywhere, and -1 marks the leaves
        assert fast.choice.tolist() == first_optimal_choices(compact), seed
        checked += 1
        one_move += any(len(n.moves) == 1 for n in decisions) and count > 1
    assert checked >= 60 and one_move >= 10


# Player 2 is indifferent between (0, 5) and (1, 5), a tie between different payoff vectors; at
# the right, player 1 strictly prefers 2^58 + 1 to 2^58, which a float64 cannot tell apart.
NEAR_TIE = f"""EFG 2 R "near tie" {{ "A" "B" }}
""

p "" 1 1 "" {{ "left" "right" }} 0
p "" 2 1 "" {{ "a" "b" }} 0
t "" 1 "" {{ 0 5 }}
t "" 2 "" {{ 1 5 }}
p "" 1 2 "" {{ "c" "d" }} 0
t "" 3 "" {{ {2**58} 0 }}
t "" 4 "" {{ {2**58 + 1} 0 }}
"""


@pytest.mark.parametrize("method", ["levels", "nodes"])
def test_counts_stay_exact_beyond_floating_point(method: str) -> None:
    compact = read_compact(NEAR_TIE)
    assert compact is not None
    fast = solve_compact(compact, method)
    # two plans at the left node times one at the right; player 1 goes right
    assert (fast.count, fast.outcomes) == (2, 1)
    assert fast.payoffs == (F(2**58 + 1), F(0))


def test_levels_count_of_a_tree_that_is_one_leaf() -> None:
    kind = np.array([0], dtype=np.uint8)
    player = np.array([-1], dtype=np.int16)
    payoff = np.array([[3, -4]], dtype=np.int64)
    parent = np.array([-1], dtype=np.int64)
    order = np.array([0], dtype=np.int64)
    bounds = np.array([0, 1], dtype=np.int64)
    assert count_by_levels(kind, player, payoff, parent, order, bounds) == {(3, -4): 1}


def chain_tree(depth: int) -> GameTree:
    """``depth`` decision nodes in a row, each with Stop (a leaf) and Go; every leaf pays (0, 0)."""
    zero = Outcome((Number(F(0)), Number(F(0))))
    nodes = []
    for k in range(depth):
        after = f"n{k + 1}" if k + 1 < depth else "end"
        nodes.append(Node(f"n{k}", DECISION, (f"s{k}", after), ("Stop", "Go"), player=k % 2))
        nodes.append(Node(f"s{k}", TERMINAL, outcome=zero))
    nodes.append(Node("end", TERMINAL, outcome=zero))
    return GameTree("chain", ("P0", "P1"), tuple(nodes))


def fan_tree(width: int) -> GameTree:
    """One decision node with ``width`` moves to leaves that all pay (0, 0)."""
    zero = Outcome((Number(F(0)), Number(F(0))))
    leaves = tuple(Node(f"t{j}", TERMINAL, outcome=zero) for j in range(width))
    root = Node("root", DECISION, tuple(t.id for t in leaves), tuple(f"m{j}" for j in range(width)), player=0)
    return GameTree("fan", ("P0", "P1"), (root, *leaves))


@pytest.mark.parametrize(("tree", "method", "by_nodes", "count"), [
    # 21 nodes on 11 levels (fewer than 64 a level): node by node; every move ties, 2^10 plans
    pytest.param(chain_tree(10), None, True, 2**10, id="chain-default"),
    pytest.param(chain_tree(10), "levels", False, 2**10, id="chain-levels"),
    # 127 and 128 nodes on 2 levels: node by node below 64 a level, level by level from 64 on
    pytest.param(fan_tree(126), None, True, 126, id="fan-126-default"),
    pytest.param(fan_tree(127), None, False, 127, id="fan-127-default"),
    pytest.param(fan_tree(127), "nodes", True, 127, id="fan-127-nodes"),
])
def test_the_counting_method_follows_the_tree_shape_or_the_request(
        tree: GameTree, method: str | None, by_nodes: bool, count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # the count is the same either way; which method runs is seen through the node-by-node counter
    import negsolve.solvers.tie_count as tie_count

    calls = []
    original = tie_count.solve_by_nodes

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(tie_count, "solve_by_nodes", counting)
    compact = read_compact(dumps_efg(tree))
    assert compact is not None
    fast = solve_compact(compact, method)
    assert fast is not None
    assert (fast.count, fast.outcomes, fast.payoffs) == (count, 1, (F(0), F(0)))
    assert bool(calls) is by_nodes


def edge_tree(big: int) -> str:
    """Six nodes: player 1 picks one of five leaves, the first paying (big, 0), the others (0, 0)."""
    leaves = "".join(f't "" {k + 1} "" {{ {big if k == 0 else 0} 0 }}\n' for k in range(5))
    return f"""EFG 2 R "edge" {{ "A" "B" }}
""

p "" 1 1 "" {{ "a" "b" "c" "d" "e" }} 0
{leaves}"""


def test_payoffs_up_to_the_overflow_bound_stay_on_the_fast_path() -> None:
    # sums of 6 payoffs of size at most 2^62 // 6 stay below 2^63: exact in int64; one more is refused
    # (None: the general reader takes over).  2^62 / 6 as a float is below 2^62 // 6 (18 digits, the
    # most the fast reader takes).
    bound = 2**62 // 6
    compact = read_compact(edge_tree(bound))
    assert compact is not None and len(compact) == 6
    fast = solve_compact(compact)
    assert fast is not None and fast.payoffs == (F(bound), F(0)) and fast.path == ("a",)
    over = read_compact(edge_tree(bound + 1))
    assert over is not None and solve_compact(over) is None
