"""Continua of a degenerate three-player game: the sample equilibria and the trace (solvers/polynomial/enumeration.py).

The game ("one-sided threat"), 2×2×2; write ``z`` for the probability that player 3 plays strategy 2:

- player 3's payoffs are all 0, so player 3 may mix in any proportion;
- player 2 gets 1 from strategy 1 and 0 from strategy 2, whatever the others do;
- with player 2 on strategy 1, player 1 gets 1 at (1, 1, 1), 0 at (2, 1, 1), 0 at (1, 1, 2) and 2 at
  (2, 1, 2) (0 everywhere else), so switching from strategy 1 to 2 gains ``-(1 - z) + 2z = 3z - 1``.

By hand, the support profiles with a mixing player 3 are three continua (one free unknown each):

- A: players 1 and 2 on strategy 1, ``0 < z <= 1/3``;
- B: player 1 on strategy 2, player 2 on strategy 1, ``1/3 <= z < 1``;
- C: player 1 mixing in any proportion, player 2 on strategy 1, ``z = 1/3``.

The first sample point of a continuum gives each free unknown the uniform ``1/|S_i|``
(docs/n-player.md): here ``1/2``, an equilibrium of B and C (tried once) but not of A, where player 1
gains ``3/2 - 1 = 1/2`` by switching; A's sample then comes from the random points, all of them in
``(0, 29/60]``.  Every sample is re-checked here by brute force over unilateral deviations.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest

from negsolve.model.strategic import PayoffTable
from negsolve.solvers.polynomial import PolynomialResult, SolutionSet, solve_polynomial

A = ((0,), (0,), (0, 1))
B = ((1,), (0,), (0, 1))
C = ((0, 1), (0,), (0, 1))
PLAYER_1: dict[tuple[int, ...], int] = {(0, 0, 0): 1, (0, 0, 1): 0, (1, 0, 0): 0, (1, 0, 1): 2}


def _table() -> PayoffTable:
    cells = tuple((Fraction(PLAYER_1.get(p, 0)), Fraction(int(p[1] == 0)), Fraction(0))
                  for p in itertools.product(range(2), repeat=3))
    return PayoffTable((2, 2, 2), cells)


def _payoff(table: PayoffTable, mixed: list[list[Fraction]], player: int, own: int) -> Fraction:
    total = Fraction(0)
    for profile in itertools.product(range(2), repeat=3):
        if profile[player] != own:
            continue
        weight = Fraction(1)
        for j in range(3):
            if j != player:
                weight *= mixed[j][profile[j]]
        total += weight * table.at(profile)[player]
    return total


def _is_equilibrium(table: PayoffTable, mixed: list[list[Fraction]]) -> bool:
    """Brute force: probabilities sum to 1 and no pure strategy pays more than the mix."""
    for i in range(3):
        if sum(mixed[i]) != 1 or min(mixed[i]) < 0:
            return False
        value = sum(p * _payoff(table, mixed, i, k) for k, p in enumerate(mixed[i]))
        if any(_payoff(table, mixed, i, k) > value for k in range(2)):
            return False
    return True


@pytest.fixture(scope="module")
def result() -> PolynomialResult:
    return solve_polynomial(_table(), trace=True)


def _set(result: PolynomialResult, supports: tuple[tuple[int, ...], ...]) -> SolutionSet:
    return next(s for s in result.solution_sets if s.supports == supports)


def _sample(found: SolutionSet) -> list[list[Fraction]]:
    assert found.sample is not None
    return [[p.as_fraction() for p in s] for s in found.sample.profile]


def test_the_continua_found_are_the_hand_derived_ones(result: PolynomialResult) -> None:
    assert {(s.supports, s.dimension) for s in result.solution_sets} == {(A, 1), (B, 1), (C, 1)}
    table = _table()
    for found in result.solution_sets:
        mixed = _sample(found)
        assert _is_equilibrium(table, mixed)
        assert found.sample is not None and found.sample.supports == found.supports
        assert all((p > 0) == (k in found.supports[i]) for i in range(3) for k, p in enumerate(mixed[i]))


def test_the_uniform_point_is_tried_first(result: PolynomialResult) -> None:
    half = Fraction(1, 2)
    assert _is_equilibrium(_table(), [[Fraction(0), Fraction(1)], [Fraction(1), Fraction(0)], [half, half]])
    assert _set(result, B).tried == 1
    assert _sample(_set(result, B)) == [[0, 1], [1, 0], [half, half]]
    # C: player 1's free unknown at 1/2; z = 1/3 is forced by player 1's indifference
    assert _set(result, C).tried == 1
    assert _sample(_set(result, C)) == [[half, half], [1, 0], [Fraction(2, 3), Fraction(1, 3)]]


def test_a_continuum_missing_the_uniform_point_gets_a_random_sample(result: PolynomialResult) -> None:
    half = Fraction(1, 2)
    assert not _is_equilibrium(_table(), [[Fraction(1), Fraction(0)], [Fraction(1), Fraction(0)], [half, half]])
    found = _set(result, A)
    assert 2 <= found.tried <= 6
    z = _sample(found)[2][1]
    assert 0 < z <= Fraction(1, 3) and (z * 60).denominator == 1  # one of the points k/60, 1 <= k <= 20


def test_the_trace_marks_continua_with_minus_one(result: PolynomialResult) -> None:
    records = {r.supports: r for r in result.trace}
    for continuum in (A, B, C):
        assert (records[continuum].solutions, records[continuum].equilibria) == (-1, 1)
    # the two pure equilibria (1, 1, 1) and (2, 1, 2) are isolated: one solution, certified
    for pure in (((0,), (0,), (0,)), ((1,), (0,), (1,))):
        assert (records[pure].solutions, records[pure].equilibria) == (1, 1)
