"""Subgame-perfect equilibria: hand-derived trees, an independent brute-force check on random trees,
and imperfect-information subgames against the strategic-form solver."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction as F
from pathlib import Path

import pytest
from conftest import bimatrix

from negsolve.io import load_game
from negsolve.model import Number
from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree, Node, Outcome
from negsolve.solvers.backward import solve_tree
from negsolve.solvers.bimatrix import solve_two_player

VALID = Path(__file__).parent / "data" / "valid"


def test_entry_deterrence_has_one_subgame_perfect_equilibrium() -> None:
    result = solve_tree(load_game(str(VALID / "entry.toml")))
    assert result.count == 1
    (eq,) = result.equilibria
    assert eq.plan == {"start": "Enter", "respond": "Accommodate"}
    assert eq.path == ("Enter", "Accommodate")
    assert eq.payoffs == (1, 1)
    assert result.perfect_information


def _leaf(i: int, payoffs) -> Node:  # type: ignore[no-untyped-def]
    return Node(f"t{i}", TERMINAL, outcome=Outcome(tuple(Number(F(v)) for v in payoffs)))


def random_tree(
    rng: random.Random, players: int, depth: int, chance: bool = True, low: int = 0, high: int = 3
) -> GameTree:
    """A random perfect-information tree with chance nodes; small payoff range, so ties are common."""
    nodes: list[Node] = []
    counter = itertools.count()

    def build(level: int) -> str:
        k = next(counter)
        if level == depth or (level > 0 and rng.random() < 0.25):
            node = _leaf(k, [rng.randint(low, high) for _ in range(players)])
            nodes.append(node)
            return node.id
        placeholder = len(nodes)
        nodes.append(None)  # type: ignore[arg-type]
        width = rng.randint(2, 3)
        kids = [build(level + 1) for _ in range(width)]
        if chance and rng.random() < 0.3:
            weights = [rng.randint(1, 4) for _ in kids]
            probs = tuple(Number(F(w, sum(weights))) for w in weights)
            node = Node(f"n{k}", CHANCE, tuple(kids), tuple(f"c{j}" for j in range(width)), probabilities=probs)
        else:
            node = Node(f"n{k}", DECISION, tuple(kids), tuple(f"m{j}" for j in range(width)),
                        player=rng.randrange(players))
        nodes[placeholder] = node
        return node.id

    build(0)
    return GameTree("random", tuple(f"P{i}" for i in range(players)), tuple(nodes))


def brute_force_spe(tree: GameTree) -> dict[tuple, tuple]:
    """Every pure plan that survives the one-shot deviation test at every decision node.

    Independent of backward induction: enumerate all plans; for each decision node, compare the
    mover's value of the plan's move with every other move, continuation fixed by the plan."""
    index = {n.id: n for n in tree.nodes}
    deciders = [n for n in tree.nodes if n.kind == DECISION]

    def value(node_id: str, plan: dict[str, str]) -> tuple:
        node = index[node_id]
        own = (tuple(F(0) for _ in tree.players) if node.outcome is None
               else tuple(e.value for e in node.outcome.payoffs))  # type: ignore[union-attr]
        if node.kind == TERMINAL:
            return own
        if node.kind == CHANCE:
            parts = [value(c, plan) for c in node.children]
            below = tuple(sum(p.value * v[i]  # type: ignore[union-attr]
                              for p, v in zip(node.probabilities, parts, strict=False))
                          for i in range(len(own)))
        else:
            below = value(node.children[node.moves.index(plan[node.id])], plan)
        return tuple(a + b for a, b in zip(own, below, strict=False))

    found = {}
    for moves in itertools.product(*(n.moves for n in deciders)):
        plan = {n.id: m for n, m in zip(deciders, moves, strict=False)}
        ok = True
        for n in deciders:
            here = value(n.id, plan)[n.player]
            for other in n.moves:
                if other != plan[n.id] and value(n.id, {**plan, n.id: other})[n.player] > here:
                    ok = False
                    break
            if not ok:
                break
        if ok:
            found[tuple(sorted(plan.items()))] = value(tree.nodes[0].id, plan)
    return found


@pytest.mark.parametrize("players", [2, 3])
@pytest.mark.parametrize("seed", range(12))
def test_random_trees_match_brute_force(players: int, seed: int) -> None:
    rng = random.Random(seed * 7 + players)
    tree = random_tree(rng, players, depth=3)
    if sum(len(n.moves) > 0 and n.kind == DECISION for n in tree.nodes) > 9:
        tree = random_tree(rng, players, depth=2)
    expected = brute_force_spe(tree)
    result = solve_tree(tree, limit=10**6)
    assert result.count == len(expected)
    got = {tuple(sorted(e.plan.items())): e.payoffs for e in result.equilibria}
    assert got == expected


def test_ties_are_all_reported_and_counted() -> None:
    # the mover is indifferent at both nodes: 2 x 2 plans, all subgame perfect
    nodes = (
        Node("a", DECISION, ("b", "t1"), ("left", "right"), player=0),
        Node("b", DECISION, ("t2", "t3"), ("up", "down"), player=1),
        _leaf(2, [1, 0]), _leaf(3, [1, 0]),
        _leaf(1, [1, 5]),
    )
    tree = GameTree("ties", ("A", "B"), nodes)
    result = solve_tree(tree)
    assert result.count == 4
    assert {tuple(sorted(e.plan.items())) for e in result.equilibria} == {
        (("a", x), ("b", y)) for x in ("left", "right") for y in ("up", "down")
    }
    assert {e.payoffs for e in result.equilibria} == {(1, 0), (1, 5)}


def test_many_ties_are_counted_exactly_and_listed_up_to_the_limit() -> None:
    # a chain of 30 indifferent choices: 2**30 subgame-perfect equilibria
    nodes = []
    for k in range(30):
        nodes.append(Node(f"d{k}", DECISION, (f"d{k + 1}" if k < 29 else "end", f"x{k}"), ("go", "stop"), player=k % 2))
    ids = [n.id for n in nodes]
    leaves = {f"x{k}": _leaf(k, [0, 0]) for k in range(30)}
    ordered = []
    for k in range(30):
        ordered.append(nodes[k])
    # preorder: d0, d1, ..., d29, end, x29, x28, ..., x0
    tree_nodes = ordered + [Node("end", TERMINAL, outcome=Outcome((Number(F(0)), Number(F(0)))))]
    for k in range(29, -1, -1):
        leaf = leaves[f"x{k}"]
        tree_nodes.append(Node(f"x{k}", TERMINAL, outcome=leaf.outcome))
    result = solve_tree(GameTree("chain", ("A", "B"), tuple(tree_nodes)), limit=7)
    assert ids[0] == "d0"
    assert result.count == 2**30
    assert len(result.equilibria) == 7 and result.truncated


def test_chance_node_expectation_is_exact() -> None:
    nodes = (
        Node("a", DECISION, ("n", "t9"), ("gamble", "safe"), player=0),
        Node("n", CHANCE, ("t1", "t2"), ("win", "lose"), probabilities=(Number(F(1, 3)), Number(F(2, 3)))),
        _leaf(1, [4, 0]), _leaf(2, [F(1, 2), 0]),
        _leaf(9, [F(5, 3), 0]),
    )
    result = solve_tree(GameTree("lottery", ("A", "B"), nodes))
    # gamble is worth 4/3 + 1/3 = 5/3: a tie with safe
    assert result.count == 2
    assert {e.payoffs for e in result.equilibria} == {(F(5, 3), 0)}
    paths = {e.path for e in result.equilibria}
    assert paths == {("gamble",), ("safe",)}


def _simultaneous(A, B, outside: tuple | None = None) -> GameTree:  # type: ignore[no-untyped-def]
    """Row chooses, column chooses without seeing it (one information set); optionally an outside option first."""
    m, n = len(A), len(A[0])
    nodes: list[Node] = []
    rows = tuple(f"r{i}" for i in range(m))
    cols = tuple(f"c{j}" for j in range(n))
    body: list[Node] = [Node("row", DECISION, tuple(f"col{i}" for i in range(m)), rows, player=0)]
    for i in range(m):
        body.append(Node(f"col{i}", DECISION, tuple(f"t{i}{j}" for j in range(n)), cols, player=1, infoset="column"))
        for j in range(n):
            body.append(Node(f"t{i}{j}", TERMINAL, outcome=Outcome((Number(F(A[i][j])), Number(F(B[i][j]))))))
    if outside is None:
        return GameTree("sim", ("R", "C"), tuple(body))
    nodes = [Node("first", DECISION, ("row", "out"), ("In", "Out"), player=0)] + body
    nodes.append(Node("out", TERMINAL, outcome=Outcome(tuple(Number(F(v)) for v in outside))))
    return GameTree("outside", ("R", "C"), tuple(nodes))


def test_simultaneous_moves_as_a_tree_equal_the_strategic_form() -> None:
    A, B = [[3, 0], [0, 1]], [[1, 0], [0, 3]]
    result = solve_tree(_simultaneous(A, B))
    assert not result.perfect_information
    assert result.subgame_roots == ("row",)
    expected = solve_two_player(bimatrix(A, B))
    assert {e.payoffs for e in result.equilibria} == {eq.payoffs for eq in expected.equilibria}
    mixed = [e for e in result.equilibria if isinstance(e.plan["row"], dict)]
    assert mixed[0].plan["row"] == {"r0": F(3, 4), "r1": F(1, 4)}
    assert mixed[0].plan["col0"] == mixed[0].plan["col1"] == {"c0": F(1, 4), "c1": F(3, 4)}


def test_outside_option_then_battle_of_the_sexes() -> None:
    # BoS values (3, 1), (1, 3), (3/4, 3/4); outside option pays the row player 2:
    # she goes In only where the continuation gives her 3.
    result = solve_tree(_simultaneous([[3, 0], [0, 1]], [[1, 0], [0, 3]], outside=(2, 2)))
    assert result.count == 3
    by_value = {e.payoffs: e.plan["first"] for e in result.equilibria}
    assert by_value == {(3, 1): "In", (2, 2): "Out"}
    assert sorted(e.path for e in result.equilibria) == [("In", "r0", "c0"), ("Out",), ("Out",)]
    assert result.subgame_roots == ("first", "row")
