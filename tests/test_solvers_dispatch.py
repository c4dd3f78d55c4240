"""negsolve.solve and the engine registry (solvers/__init__.py, solvers/registry.py): the kind of every
kind of game, the error for something that is not a game or an unknown engine, and what reaches the
solver (the parameter values, a budget).  test_cli_structure.py checks the registry's table too, but
the mutation run leaves that file out."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

import negsolve
from negsolve.errors import InputError
from negsolve.model import StrategicGame, payoff_table
from negsolve.progress import Budget
from negsolve.solvers.registry import kind_of

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


def test_kind_of_every_kind_of_game() -> None:
    two, three = negsolve.load_game("stag-hunt"), negsolve.load_game("three-party")
    assert isinstance(two, StrategicGame) and isinstance(three, StrategicGame)
    assert (len(two.players), len(three.players)) == (2, 3)
    assert (kind_of(two), kind_of(three)) == ("strategic-2", "strategic-n")
    assert (kind_of(payoff_table(two)), kind_of(payoff_table(three))) == ("strategic-2", "strategic-n")
    assert kind_of(negsolve.load_game("entry-deterrence")) == "tree"
    with pytest.raises(InputError) as caught:
        kind_of(3)
    assert [p.message for p in caught.value.problems] == ["solve() takes a game from negsolve.load_game, not int"]


@pytest.mark.parametrize("name", ["entry-deterrence", "stag-hunt", "uncertain-incumbent"])
def test_an_unknown_engine_is_named_for_every_kind_of_game(name: str) -> None:
    with pytest.raises(InputError) as caught:
        negsolve.solve(negsolve.load_game(name), engine="simplex")
    assert [p.message for p in caught.value.problems] == [
        "unknown engine 'simplex'; choose from exact, lrs, nashpy-vertex, nashpy-support"]


def test_a_result_rebuilds_the_table_it_was_solved_on() -> None:
    # the game and the values ride along with the result so that it can draw itself
    game = negsolve.loads_game(PICK)
    assert isinstance(game, StrategicGame)
    at_zero = negsolve.solve(game, {"t": F(0)})
    assert dict(at_zero.values) == {"t": 0}
    table = payoff_table(at_zero.game, at_zero.values)
    assert table == payoff_table(game, {"t": F(0)}) and table.at((0, 0)) == (0, 1)  # (U, L) pays (t, 1)
    # at t = 0, D (payoff 1 against L) beats U (0): (D, L) is the one equilibrium
    assert [eq.profile for eq in at_zero.equilibria] == [((0, 1), (1, 0))]
    default = negsolve.solve(game)
    assert payoff_table(default.game, default.values).at((0, 0)) == (2, 1)  # the file's t = 2


def test_a_budget_reaches_the_bayesian_solver() -> None:
    budget = Budget()
    budget.cancel()  # stopped before it starts
    result = negsolve.solve(negsolve.load_game("uncertain-incumbent"), budget=budget)
    assert (result.complete, result.stopped) == (False, "interrupted")
