"""The exact certificate of the n-player solver (solvers/polynomial/certify.py) on hand-made profiles.

``certify`` is the last word on a candidate: its ``ok`` is a bool and its ``reason`` names the first
failing player and strategy (numbered from 1).  Pure profiles are compared with this file's own
brute force over unilateral deviations; the sum-to-one check with profiles whose signs are right but
whose total is not 1 (the support equations never produce one, so only a direct call reaches it).
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.model.strategic import PayoffTable
from negsolve.solvers.polynomial.algebraic import rational
from negsolve.solvers.polynomial.certify import certify


def _table(values: list[int]) -> PayoffTable:
    return PayoffTable((2, 2, 2), tuple(tuple(Fraction(v) for v in values[3 * k:3 * k + 3]) for k in range(8)))


def _first_gain(table: PayoffTable, choice: tuple[int, ...]) -> tuple[int, int] | None:
    """Brute force: the first (player, strategy), in order, that strictly gains against the pure ``choice``."""
    for i in range(3):
        for j in range(2):
            deviation = choice[:i] + (j,) + choice[i + 1:]
            if table.at(deviation)[i] > table.at(choice)[i]:
                return i, j
    return None


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=24, max_size=24), st.tuples(*[st.integers(0, 1)] * 3))
def test_pure_profiles_are_certified_by_the_definition(values: list[int], choice: tuple[int, int, int]) -> None:
    table = _table(values)
    profile = tuple(tuple(rational(int(k == c)) for k in range(2)) for c in choice)
    cert = certify(table, profile, tuple((c,) for c in choice))
    gain = _first_gain(table, choice)
    assert cert.ok is (gain is None)
    if gain is None:
        assert cert.reason == ""
        assert [p.as_fraction() for p in cert.payoffs] == list(table.at(choice))
    else:
        assert cert.reason == f"player {gain[0] + 1} gains by deviating to strategy {gain[1] + 1}"
        assert cert.payoffs == ()


def test_a_gain_is_named_by_player_and_strategy() -> None:
    # all payoffs 0 except player 1's 1 at (2, 1, 1): at (1, 1, 1) player 1 gains by switching to strategy 2
    values = [0] * 24
    values[3 * 4] = 1  # storage order: profile (1, 0, 0) is the fifth cell
    assert list(_table(values).at((1, 0, 0))) == [1, 0, 0]
    profile = tuple(tuple(rational(int(k == 0)) for k in range(2)) for _ in range(3))
    cert = certify(_table(values), profile, ((0,), (0,), (0,)))
    assert cert.ok is False
    assert cert.reason == "player 1 gains by deviating to strategy 2"


@pytest.mark.parametrize("player", [0, 1, 2])
def test_probabilities_that_do_not_sum_to_one_are_refused(player: int) -> None:
    # every sign is right (positive on the full support) but one player's total is 1/2 + 1/4 = 3/4
    table = _table([0] * 24)
    half = (rational(Fraction(1, 2)), rational(Fraction(1, 2)))
    profile = tuple((rational(Fraction(1, 2)), rational(Fraction(1, 4))) if i == player else half
                    for i in range(3))
    cert = certify(table, profile, ((0, 1),) * 3)
    assert cert.ok is False
    assert cert.reason == f"player {player + 1}'s probabilities do not sum to 1"
    # with the total repaired the same profile is an equilibrium (all payoffs 0: nobody gains)
    fixed = tuple((rational(Fraction(3, 4)), rational(Fraction(1, 4))) if i == player else half for i in range(3))
    assert certify(table, fixed, ((0, 1),) * 3).ok is True

