"""negsolve.analyse (the public API of negsolve.solvers): every argument reaches the solver.

Tests that say no (issue 16): each test changes one argument from its default and checks an
answer derived by hand below, so that an argument dropped or replaced on the way to the
solver (overrides, engine, budget, the tree options) changes the answer.

The two games, derived by hand:

- ``PICK`` (strategic, parameter ``t``, default 2): Bob's L pays him 1 against 0 for R in
  both rows, so L strictly dominates R; against L, Ann's U pays ``t`` and D pays 1.  The
  unique equilibrium is (U, L) with payoffs (2, 1) at t = 2 and (D, L) with (1, 1) at t = 0.
- ``TIE`` (tree, parameter ``p``, default 1): Ann alone moves, Left pays (1, 0) and Right
  pays (p, 1).  At p = 1 she is indifferent: two subgame-perfect equilibria; at p = 2 only
  Right, paying (2, 1).
"""

from __future__ import annotations

import shutil
from fractions import Fraction as F

import pytest

import negsolve
from negsolve.errors import InputError
from negsolve.progress import Budget

PICK = """
[game]
title = "Pick"
[parameters]
t = { value = 2 }
[[players]]
name = "Ann"
strategies = ["U", "D"]
[[players]]
name = "Bob"
strategies = ["L", "R"]
[payoffs]
"U" = [["t", 1], [0, 0]]
"D" = [[1, 1],   [1, 0]]
"""

TIE = """
[game]
title = "Tie"
[parameters]
p = { value = 1 }
[[players]]
name = "Ann"
[[players]]
name = "Bob"
[[nodes]]
id = "root"
player = "Ann"
moves = { "Left" = "l", "Right" = "r" }
[[nodes]]
id = "l"
payoffs = [1, 0]
[[nodes]]
id = "r"
payoffs = ["p", 1]
"""

needs_lrs = pytest.mark.skipif(shutil.which("lrsnash") is None,
                               reason="lrsnash is not installed (apt-get install lrslib)")


def _profiles(result: object) -> list[object]:
    return [eq.profile for eq in result.equilibria]  # type: ignore[attr-defined]


def test_strategic_overrides_reach_the_solver() -> None:
    game = negsolve.loads_game(PICK)
    assert _profiles(negsolve.analyse(game).result) == [((1, 0), (1, 0))]  # (U, L) at t = 2
    report = negsolve.analyse(game, {"t": F(0)})
    assert dict(report.values) == {"t": 0}
    assert _profiles(report.result) == [((0, 1), (1, 0))]  # (D, L) at t = 0
    assert [eq.payoffs for eq in report.result.equilibria] == [(1, 1)]


@needs_lrs
def test_strategic_engine_reaches_the_solver() -> None:
    report = negsolve.analyse(negsolve.loads_game(PICK), engine="lrs")
    assert report.result.method.startswith("lrsnash")
    assert _profiles(report.result) == [((1, 0), (1, 0))]


def test_strategic_budget_reaches_the_solver() -> None:
    budget = Budget()
    budget.cancel()  # stopped before it starts: nothing found, and the report says so
    report = negsolve.analyse(negsolve.load_game("rock-paper-scissors"), budget=budget)
    assert not report.result.complete
    assert report.result.stopped == "interrupted"


def test_tree_overrides_reach_backward_induction() -> None:
    tree = negsolve.loads_game(TIE)
    report = negsolve.analyse(tree, {"p": F(2)})
    assert dict(report.values) == {"p": 2}
    assert [(eq.path, eq.payoffs) for eq in report.result.equilibria] == [(("Right",), (2, 1))]


def test_tree_limit_reaches_backward_induction() -> None:
    tree = negsolve.loads_game(TIE)
    every = negsolve.analyse(tree).result
    assert every.count == 2 and {eq.path for eq in every.equilibria} == {("Left",), ("Right",)}
    assert not every.truncated
    one = negsolve.analyse(tree, limit=1).result
    assert one.count == 2 and len(one.equilibria) == 1 and one.truncated


@needs_lrs
def test_tree_engine_reaches_the_strategic_form() -> None:
    report = negsolve.analyse(negsolve.loads_game(TIE), engine="lrs", nash=True)
    assert report.nash is not None
    assert report.nash.result.method.startswith("lrsnash")
    # the reduced form: Ann's Left or Right against Bob's single (empty) plan; both pure, both perfect
    assert set(_profiles(report.nash.result)) == {((1, 0), (1,)), ((0, 1), (1,))}
    assert all(m.subgame_perfect for m in report.nash.marked)


def test_an_unknown_engine_is_refused_for_a_tree_too() -> None:
    # without nash=True a tree never uses the engine, but the name is still checked
    with pytest.raises(InputError) as caught:
        negsolve.analyse(negsolve.loads_game(TIE), engine="simplex")
    assert str(caught.value) == "unknown engine 'simplex'; choose from exact, lrs, nashpy-vertex, nashpy-support"


@pytest.mark.parametrize("text, options, message", [
    pytest.param(PICK, {"nash": True},
                 "analyse() got unknown option(s) nash; a strategic game takes none", id="strategic"),
    pytest.param(TIE, {"zeta": 1, "depth": 3},
                 "analyse() got unknown option(s) depth, zeta; a tree takes limit, nash", id="tree"),
])
def test_unknown_options_are_named(text: str, options: dict[str, object], message: str) -> None:
    with pytest.raises(InputError) as caught:
        negsolve.analyse(negsolve.loads_game(text), **options)
    assert [p.message for p in caught.value.problems] == [message]


def test_a_stopped_analysis_leaves_the_dominance_facts_empty() -> None:
    from negsolve.render.report import json_report
    from negsolve.solvers.dominance import EliminationResult

    budget = Budget()
    budget.cancel()
    report = negsolve.analyse(negsolve.load_game("rock-paper-scissors"), budget=budget)
    # nothing was eliminated: no round, every strategy of both players left
    assert report.elimination == EliminationResult((), ((0, 1, 2), (0, 1, 2)))
    assert report.dominated == () and report.security == ()
    data = json_report(report)
    assert data["iterated_elimination"] is None and data["dominated"] is None and data["security"] is None


def test_a_result_shows_itself_in_a_notebook_as_its_payoff_table() -> None:
    import xml.etree.ElementTree as ET

    from negsolve.model import StrategicGame, payoff_table
    from negsolve.solvers import solve_table

    game = negsolve.load_game("stag-hunt")
    assert isinstance(game, StrategicGame)
    svg = negsolve.solve(game)._repr_svg_()
    assert svg is not None
    root = ET.fromstring(svg)
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    # Hunter 1 is indifferent when Hunter 2 hunts stag with probability q: 4q = 3q + 2(1 - q), q = 2/3,
    # and earns 4 * 2/3 = 8/3 (the game is symmetric)
    assert "Mixed equilibrium: Hunter 1: 2/3 Stag + 1/3 Hare; Hunter 2: 2/3 Stag + 1/3 Hare (payoffs 8/3, 8/3)" \
        in texts
    assert {"Stag hunt", "Hunter 1", "Hunter 2", "Stag", "Hare"} <= texts
    assert solve_table(payoff_table(game))._repr_svg_() is None  # a bare table's result has no game to draw
