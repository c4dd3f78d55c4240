"""What the polynomial (n-player) solver records and reports, checked against hand derivations.

The game used here ("two's company"): three players, two strategies each.  Strategy 1 pays 1 when
both others also play strategy 1 and 0 otherwise; strategy 2 pays 1/2 whatever happens.  By hand
(write ``a, b, c`` for the probabilities that players 1, 2, 3 play strategy 1):

- player 1 is indifferent iff ``b*c = 1/2`` (likewise ``a*c = 1/2``, ``a*b = 1/2``), so a totally
  mixed equilibrium has ``a = b = c`` with ``a**2 = 1/2``: ``a = 1/sqrt(2)`` (the root ``-1/sqrt(2)``
  solves the same equations but is no probability);
- with the unknowns ``y, z`` = probabilities of players 2 and 3's strategy 2, player 1's payoff from
  strategy 2 minus that from strategy 1 is ``1/2 - (1 - y)(1 - z) = -1/2 + y + z - y*z``;
- with player 1 pure on strategy 1 and the others mixing, ``c = b = 1/2`` (from ``a*c = a*b = 1/2``
  with ``a = 1``), and then player 1 gets ``1/4`` from strategy 1 but ``1/2`` from strategy 2;
- the only other equilibria are the pure profiles (1, 1, 1) and (2, 2, 2): a player mixing alone
  would need the pure others' product to be 1/2, and two mixing around a pure strategy 2 cannot
  satisfy ``a*c = 1/2`` with ``a = 0``.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from math import prod

from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.model.strategic import PayoffTable
from negsolve.solvers.polynomial import PolynomialResult, SupportRecord, solve_polynomial


def _twos_company() -> PayoffTable:
    cells = []
    for profile in itertools.product(range(2), repeat=3):
        cell = []
        for i in range(3):
            others_first = all(profile[j] == 0 for j in range(3) if j != i)
            cell.append(Fraction(1, 2) if profile[i] == 1 else Fraction(int(others_first)))
        cells.append(tuple(cell))
    return PayoffTable((2, 2, 2), tuple(cells))


def _record(result: PolynomialResult, supports: tuple[tuple[int, ...], ...]) -> SupportRecord:
    return next(r for r in result.trace if r.supports == supports)


def test_twos_company_equilibria_and_their_floats() -> None:
    result = solve_polynomial(_twos_company())
    assert result.complete
    found = {eq.supports: eq for eq in result.equilibria}
    assert set(found) == {((0,), (0,), (0,)), ((1,), (1,), (1,)), ((0, 1), (0, 1), (0, 1))}
    assert found[((0,), (0,), (0,))].floats() == ((1.0, 0.0),) * 3
    assert found[((1,), (1,), (1,))].floats() == ((0.0, 1.0),) * 3
    mixed = found[((0, 1), (0, 1), (0, 1))]
    assert mixed.irrational
    root = 1 / math.sqrt(2)
    floats = mixed.floats()
    assert isinstance(floats, tuple) and all(isinstance(s, tuple) for s in floats)
    for s in floats:
        assert math.isclose(s[0], root, abs_tol=1e-15) and math.isclose(s[1], 1 - root, abs_tol=1e-15)


def test_trace_records_fraction_coefficients_solutions_and_rejections() -> None:
    result = solve_polynomial(_twos_company(), trace=True)
    mixed = _record(result, ((0, 1), (0, 1), (0, 1)))
    assert mixed.unknowns == ((0, 1), (1, 1), (2, 1))
    half = Fraction(1, 2)
    expected = {  # -1/2 + (the other two unknowns) - (their product), for each player
        (0, 1): {(0, 0, 0): -half, (0, 1, 0): 1, (0, 0, 1): 1, (0, 1, 1): -1},
        (1, 1): {(0, 0, 0): -half, (1, 0, 0): 1, (0, 0, 1): 1, (1, 0, 1): -1},
        (2, 1): {(0, 0, 0): -half, (1, 0, 0): 1, (0, 1, 0): 1, (1, 1, 0): -1},
    }
    assert {(i, k): dict((m, c) for c, m in terms) for i, k, terms in mixed.equations} == expected
    assert all(type(c) is Fraction for _, _, terms in mixed.equations for c, _ in terms)
    assert (mixed.solutions, mixed.equilibria) == (2, 1)  # +-1/sqrt(2); the negative one is rejected
    assert mixed.rejections == ("player 1's probability of strategy 1 has sign -1",)
    partial = _record(result, ((0,), (0, 1), (0, 1)))
    assert (partial.solutions, partial.equilibria) == (1, 0)
    assert partial.rejections == ("player 1 gains by deviating to strategy 2",)
    pure = _record(result, ((0,), (0,), (0,)))
    assert (pure.unknowns, pure.equations, pure.rejections) == ((), (), ())


# -- every recorded equation is the payoff difference it claims to be ------------------------------

def _brute_gain(table: PayoffTable, record: SupportRecord, player: int, strategy: int,
                point: list[Fraction]) -> Fraction:
    """u_player(strategy) - u_player(first support strategy), summed over every pure profile of the others."""
    mixed = []
    for i, support in enumerate(record.supports):
        probs = [Fraction(0)] * table.shape[i]
        for v, (j, k) in enumerate(record.unknowns):
            if j == i:
                probs[k] = point[v]
        probs[support[0]] = 1 - sum(probs)
        mixed.append(probs)
    first = record.supports[player][0]
    total = Fraction(0)
    for pure in itertools.product(*(range(k) for k in table.shape)):
        if pure[player] not in (strategy, first):
            continue
        weight = prod((mixed[j][pure[j]] for j in range(table.n_players) if j != player), start=Fraction(1))
        total += weight * table.at(pure)[player] * (1 if pure[player] == strategy else -1)
    return total


def _evaluate(terms: tuple[tuple[Fraction, tuple[int, ...]], ...], point: list[Fraction]) -> Fraction:
    return sum((c * prod((x**e for x, e in zip(point, exps, strict=True)), start=Fraction(1))
                for c, exps in terms), Fraction(0))


@settings(max_examples=4, deadline=None)
@given(st.lists(st.integers(-6, 6), min_size=24, max_size=24), st.integers(2, 5))
def test_recorded_equations_are_the_payoff_differences(values: list[int], denominator: int) -> None:
    table = PayoffTable((2, 2, 2), tuple(tuple(Fraction(v, denominator) for v in values[3 * k:3 * k + 3])
                                         for k in range(8)))
    result = solve_polynomial(table, trace=True, time_limit=60)
    points = [Fraction(1, 3), Fraction(2, 7), Fraction(3, 5)]
    for record in result.trace:
        point = points[:len(record.unknowns)]
        for i, k, terms in record.equations:
            assert _evaluate(terms, point) == _brute_gain(table, record, i, k, point)
