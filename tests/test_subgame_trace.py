"""The trace of imperfect-information subgames (:class:`SubgameStep`): what the solver records is
checked against the definition, and the narrator is shown to tell it rather than solve again.

Each recorded cell is recomputed by a walk of the tree written here (the profile's moves read back
from the strategy labels, chance averaged, the recorded values of the solved parts below); each
recorded equilibrium must have zero exact regret in those cells and be worth their expectation.
"""

from __future__ import annotations

import ast
import dataclasses
import itertools
from fractions import Fraction as F
from pathlib import Path

import pytest

from negsolve.explain.tree import _Context
from negsolve.explain.tree_induction import _Narrator
from negsolve.io import load_game
from negsolve.model.expression import evaluate
from negsolve.model.tree import CHANCE, TERMINAL, GameTree
from negsolve.solvers.backward import solve_tree
from negsolve.solvers.imperfect_subgame import SubgameSolution, SubgameStep

BUNDLED = ["beer-quiche", "job-market", "preconditions-screen", "talks-about-talks", "test-moratorium"]
CORPUS_GAMES = ["contrib/games/work1.efg", "catalog/journals/ijgt/selten1975/fig1.efg",
                "contrib/games/2s2x2x2.efg", "contrib/games/coord2ts.efg",
                "catalog/books/vonstengel2022/fig10.5.efg", "tests/test_games/stripped_down_poker.efg"]


def _cell(tree: GameTree, sub: SubgameStep, solution: SubgameSolution, profile: tuple[int, ...]) -> tuple:
    """The expected payoffs below the subgame's root when the active players play ``profile``."""
    index = {n.id: n for n in tree.nodes}
    values = tree.parameter_values(None)
    width = len(tree.players)
    move_at = {}
    for n, s in enumerate(profile):
        for j, move in zip(sub.own[n], sub.labels[n][s].split(", "), strict=True):
            for node_id in sub.infosets[j]:
                move_at[node_id] = move
    frontier = dict(zip(sub.frontier, solution.values, strict=True))

    def walk(node_id: str) -> tuple:
        if node_id in frontier and node_id != sub.node:
            return tuple(F(v) for v in frontier[node_id])
        node = index[node_id]
        assert node.kind != TERMINAL
        own = tuple(evaluate(e, values) for e in node.outcome.payoffs) if node.outcome else (F(0),) * width
        if node.kind == CHANCE:
            below = [walk(c) for c in node.children]
            probs = [evaluate(p, values) for p in node.probabilities]
            total = tuple(sum(p * v[i] for p, v in zip(probs, below, strict=True)) for i in range(width))
        else:
            total = walk(node.children[node.moves.index(move_at[node_id])])
        return tuple(a + b for a, b in zip(own, total, strict=True))

    return walk(sub.node)


def _check(tree: GameTree) -> int:
    result = solve_tree(tree, trace=True)
    assert result.subgames, "this tree has an imperfect-information subgame"
    checked = 0
    for sub in result.subgames:
        shape = tuple(len(labels) for labels in sub.labels)
        for solution in sub.solutions:
            profiles = list(itertools.product(*(range(s) for s in shape)))
            cells = dict(zip(profiles, solution.cells, strict=True))
            for profile in profiles:
                assert tuple(F(v) for v in cells[profile]) == _cell(tree, sub, solution, profile)
            for eq in solution.equilibria:
                worth = [sum((F(w) * F(cells[pr][p]) for pr in profiles
                              for w in [_weight(eq.profile, pr)] if w), F(0))
                         for p in range(len(tree.players))]
                assert tuple(worth) == tuple(F(v) for v in eq.value)
                for n, p in enumerate(sub.players):  # no pure deviation gains (exact)
                    for s in range(shape[n]):
                        dev = eq.profile[:n] + (tuple(F(int(i == s)) for i in range(shape[n])),) + eq.profile[n + 1:]
                        gain = sum((_weight(dev, pr) * F(cells[pr][p]) for pr in profiles), F(0))
                        assert gain <= worth[p]
                checked += 1
    return checked


def _weight(profile: tuple, pure: tuple[int, ...]) -> F:
    w = F(1)
    for dist, s in zip(profile, pure, strict=True):
        w *= F(dist[s])
    return w


@pytest.mark.parametrize("name", BUNDLED)
def test_recorded_small_games_follow_the_definition(name: str) -> None:
    assert _check(load_game(name)) > 0


@pytest.mark.parametrize("key", CORPUS_GAMES)
def test_recorded_small_games_follow_the_definition_corpus(corpus: Path, key: str) -> None:
    assert _check(load_game(str(corpus / key))) > 0


def test_subgames_are_recorded_only_on_request() -> None:
    tree = load_game("beer-quiche")
    assert solve_tree(tree).subgames == ()
    assert solve_tree(tree, trace=True).subgames != ()
    assert solve_tree(tree) == solve_tree(tree, trace=True)


def test_narrator_tells_the_recorded_equilibria_not_its_own() -> None:
    tree = load_game("talks-about-talks")
    ctx = _Context(tree, None)
    result = solve_tree(tree, trace=True)
    honest = _Narrator(ctx, result.trace, result.subgames)
    honest.run()
    sub = result.subgames[0]
    solution = next(s for s in sub.solutions if len(s.equilibria) > 1)
    kept = solution.equilibria[-1:]  # a doctored record: only the last equilibrium
    doctored = dataclasses.replace(sub, solutions=tuple(
        dataclasses.replace(s, equilibria=kept) if s is solution else s for s in sub.solutions))
    liar = _Narrator(ctx, result.trace, (doctored, *result.subgames[1:]))
    liar.run()
    assert honest.untraced == 0
    told, lied = repr(honest.blocks), repr(liar.blocks)
    assert lied.count("Its only equilibrium:") == told.count("Its only equilibrium:") + 1
    assert lied.count("Its equilibria (all of them, exact):") == told.count("Its equilibria (all of them, exact):") - 1


def test_narrator_without_the_subgame_record_tells_no_equilibria() -> None:
    tree = load_game("beer-quiche")
    result = solve_tree(tree, trace=True)
    narrator = _Narrator(_Context(tree, None), result.trace)  # the subgame records withheld
    narrator.run()
    assert narrator.untraced > 0 and "equilibri" not in repr(narrator.blocks).replace("equilibria are found", "")


def test_the_narrator_calls_no_solver() -> None:
    """Backward induction is written once: the narrator imports only the trace's record types from the solvers
    (its context, only the tree's exact numbers and where its subgames start)."""
    root = Path(__file__).resolve().parents[1] / "negsolve" / "explain"
    allowed = {"tree_induction.py": {"InductionStep", "SubgameStep", "SubgameSolution"},
               "tree_words.py": {"numeric_tree", "subgame_roots"}}
    for name, names in allowed.items():
        for node in ast.walk(ast.parse((root / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("negsolve.solvers"):
                assert {a.name for a in node.names} <= names, name
