"""Two facts of the solver front door the mutation run found unasserted (issue 16, the last survivors).

- A two-player search that is stopped says so in the result's notes (the CLI prints them; an API
  user sees only ``notes`` and ``complete``): the equilibria found so far, INCOMPLETE, the reason.
- An unknown parameter override names the declared parameters in its hint (or says there are none).
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest

import negsolve
from negsolve.errors import InputError
from negsolve.model import payoff_table
from negsolve.progress import INTERRUPTED, Budget
from negsolve.solvers.bimatrix import solve_two_player


def test_a_cancelled_two_player_search_says_it_is_incomplete() -> None:
    table = payoff_table(negsolve.load_game("rock-paper-scissors"))
    budget = Budget()
    budget.cancel()  # stopped at the first tick, before any vertex is visited
    result = solve_two_player(table, budget)
    assert (result.complete, result.stopped) == (False, INTERRUPTED)
    assert result.notes == (f"INCOMPLETE: the search was stopped ({INTERRUPTED}); "
                            "these are the equilibria found so far",)
    assert result.equilibria == ()  # rock-paper-scissors has no pure equilibrium to show first


def test_a_finished_two_player_search_has_no_note() -> None:
    result = solve_two_player(payoff_table(negsolve.load_game("rock-paper-scissors")), Budget())
    assert (result.complete, result.stopped, result.notes) == (True, None, ())
    ((row, col),) = [e.profile for e in result.equilibria]
    assert row == col == (F(1, 3), F(1, 3), F(1, 3))


@pytest.mark.parametrize("game,hint", [
    ("freeze-for-freeze", "declared: s, c, r"),
    ("prisoners-dilemma", "this game has no parameters"),
])
def test_an_unknown_parameter_names_the_declared_ones(game: str, hint: str) -> None:
    with pytest.raises(InputError) as info:
        negsolve.solve(negsolve.load_game(game), {"nope": F(1)})
    (problem,) = info.value.problems
    assert problem.message == "unknown parameter 'nope'"
    assert problem.hint == hint
