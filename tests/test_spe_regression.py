"""Regression: von Stengel (2022), Figure 10.5, whose only subgame is the whole tree.

Mixed equilibria of an imperfect-information subgame are found in its unreduced strategic form
and must be turned into behaviour *conditionally* on the player's own strategy reaching each
information set (Kuhn).  Taking the unconditional marginal instead listed 2/5 l + 3/5 r at the
root with 3/5 a + 2/5 b (or 3/5 c + 2/5 d) below it: not even Nash equilibria.

By hand (I plays T with probability p; II's reduced strategies l.a, l.b, r.c, r.d earn 5p,
2 + 2p, 3, 4 - 4p), the Nash = subgame-perfect equilibria are exactly
  * p = 1/2, II 2/5 l.b + 3/5 r.c: behaviour l 2/5, b, c;  payoffs (6/5, 3);
  * p = 1, II l.a, any behaviour at the unreached set {n10, n13};  payoffs (1, 5);
  * p = 1/4, II r with 1/3 c + 2/3 d, any behaviour at the unreached set {n3, n6};  payoffs (2/3, 3).
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
from oracle.corpus import CORPUS

from negsolve.io import load_game
from negsolve.io.efg import loads_efg
from negsolve.model.tree import DECISION, TERMINAL
from negsolve.render.tree import tree_text_report
from negsolve.solvers.backward import infoset_key, solve_tree

CORPUS_FILE = CORPUS / "catalog" / "books" / "vonstengel2022" / "fig10.5.efg"

FIG_10_5 = """EFG 2 R "Figure 10.5 from von Stengel (2022)" { "I" "II" }
""

p "" 2 1 "" { "l" "r" } 0
p "" 1 1 "" { "T" "B" } 0
p "" 2 2 "" { "a" "b" } 0
t "" 1 "" { 1 5 }
t "" 2 "" { 3 4 }
p "" 2 2 0
t "" 3 "" { 0 0 }
t "" 4 "" { 0 2 }
p "" 1 1 0
p "" 2 3 "" { "c" "d" } 0
t "" 5 "" { 0 3 }
t "" 6 "" { 1 0 }
p "" 2 3 0
t "" 7 "" { 2 3 }
t "" 8 "" { 0 4 }
"""

# behaviour per information set: root (II), I's set {n2, n9}, II's {n3, n6} after l, II's {n10, n13} after r
NODES = {"root": ("n1",), "I": ("n2", "n9"), "after_l": ("n3", "n6"), "after_r": ("n10", "n13")}
EXPECTED = [
    ({"root": {"l": F(2, 5), "r": F(3, 5)}, "I": {"T": F(1, 2), "B": F(1, 2)}, "after_l": "b", "after_r": "c"},
     (F(6, 5), F(3))),
    ({"root": "l", "I": "T", "after_l": "a", "after_r": "c"}, (F(1), F(5))),
    ({"root": "l", "I": "T", "after_l": "a", "after_r": "d"}, (F(1), F(5))),
    *[({"root": "r", "I": {"T": F(1, 4), "B": F(3, 4)}, "after_l": off,
        "after_r": {"c": F(1, 3), "d": F(2, 3)}}, (F(2, 3), F(3)))
      for off in ("a", {"a": F(1, 3), "b": F(2, 3)}, {"a": F(2, 3), "b": F(1, 3)}, "b")],
]


def _key(plan: dict) -> frozenset:
    return frozenset((node, move if isinstance(move, str) else tuple(sorted((m, F(q)) for m, q in move.items() if q)))
                     for node, move in plan.items())


def _expected_plans() -> set:
    return {(_key({node: move for where, move in by_set.items() for node in NODES[where]}), payoffs)
            for by_set, payoffs in EXPECTED}


def _payoffs(tree, plan: dict) -> tuple:  # type: ignore[no-untyped-def]
    """Expected payoffs of a behaviour plan, by walking the tree (no chance nodes in this game)."""
    index = {node.id: node for node in tree.nodes}

    def walk(node_id: str) -> tuple:
        node = index[node_id]
        if node.kind == TERMINAL:
            return tuple(F(p.value) for p in node.outcome.payoffs)
        move = plan[node_id]
        dist = {move: F(1)} if isinstance(move, str) else move
        parts = [(F(q), walk(node.children[node.moves.index(m)])) for m, q in dist.items() if q]
        return tuple(sum(q * v[i] for q, v in parts) for i in range(len(tree.players)))

    return walk(tree.nodes[0].id)


def _is_nash(tree, plan: dict) -> bool:  # type: ignore[no-untyped-def]
    """No player gains by any pure strategy (a move at each of its information sets): brute force."""
    value = _payoffs(tree, plan)
    for player in range(len(tree.players)):
        sets: dict = {}
        for node in tree.nodes:
            if node.kind == DECISION and node.player == player:
                sets.setdefault(infoset_key(node), []).append(node)
        for moves in itertools.product(*(group[0].moves for group in sets.values())):
            deviation = dict(plan)
            for group, move in zip(sets.values(), moves, strict=True):
                deviation.update({node.id: move for node in group})
            if _payoffs(tree, deviation)[player] > value[player]:
                return False
    return True


def _check(tree) -> None:  # type: ignore[no-untyped-def]
    result = solve_tree(tree)
    found = {(_key(eq.plan), eq.payoffs) for eq in result.equilibria}
    assert found == _expected_plans()
    assert result.count == len(result.equilibria) == 7 and not result.truncated
    for eq in result.equilibria:
        assert _payoffs(tree, eq.plan) == eq.payoffs
        assert _is_nash(tree, eq.plan)
    mixed_root = [eq for eq in result.equilibria if not isinstance(eq.plan["n1"], str)]
    assert len(mixed_root) == 1 and mixed_root[0].path == ()
    text = tree_text_report(tree, result, {})
    assert "starts with chance" not in text  # the tree has no chance node: the first mover mixes


def test_fig10_5_inline() -> None:
    _check(loads_efg(FIG_10_5, "fig10.5.efg"))


@pytest.mark.skipif(not CORPUS_FILE.is_file(), reason="Gambit's corpus is absent")
def test_fig10_5_corpus_file() -> None:
    _check(load_game(str(CORPUS_FILE)))
