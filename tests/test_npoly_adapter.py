"""The n-player solver behind ``solve`` (solvers/polynomial/adapter.py) and exact Pareto efficiency
(solvers/polynomial/certify.py).

The notes say how many support profiles were left unsolved and why; the situations that need a
clock (the time running out on the very last support profile) or a Gröbner failure are given to
the adapter as the polynomial solver's result, and the counts in the notes are derived by hand from
it.  Pareto efficiency is compared with this file's own brute force over the pure outcomes.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.errors import SolverError
from negsolve.model.strategic import PayoffTable
from negsolve.solvers import solve_table
from negsolve.solvers.polynomial import AlgebraicEquilibrium, PolynomialResult, SolutionSet
from negsolve.solvers.polynomial.adapter import solve_n_player
from negsolve.solvers.polynomial.algebraic import AlgebraicRoot, RealAlgebraic, rational
from negsolve.solvers.polynomial.certify import pareto_efficient

TIME = "time limit reached"
FAILED = "no separating linear form found for the lexicographic basis"
S1, S2, S3 = ((0,), (0,), (0, 1)), ((0, 1), (0,), (0, 1)), ((0, 1), (0, 1), (0, 1))
TIME_NOTE = ("the time limit was reached with {} of 27 support profiles not solved: more equilibria may exist "
             "(raise --time-limit)")
FAILED_NOTE = "{} support profile(s) could not be solved exactly: more equilibria may exist"
EMPTY_NOTE = ("{} support profile(s) have positive-dimensional solution sets in which no equilibrium was found "
              "at the sample points tried; they may hold none")


def _all_zero_table() -> PayoffTable:
    return PayoffTable((2, 2, 2), tuple((Fraction(0), Fraction(0), Fraction(0)) for _ in range(8)))


def _pure(choice: tuple[int, ...]) -> AlgebraicEquilibrium:
    profile = tuple(tuple(rational(int(k == c)) for k in range(2)) for c in choice)
    return AlgebraicEquilibrium(profile, (rational(0),) * 3, tuple((c,) for c in choice))


def _result(unresolved: tuple = (), left: int = 0, sets: tuple = (), equilibria: tuple = ()) -> PolynomialResult:
    return PolynomialResult(equilibria=equilibria, solution_sets=sets, complete=not unresolved and not left,
                            supports_total=27, supports_pruned=0, supports_solved=27 - left, unresolved=unresolved,
                            supports_left=left, elapsed=0.0, method="test")


CASES = [
    pytest.param(_result(), (), id="complete"),
    pytest.param(_result(((S3, TIME),)), (TIME_NOTE.format(1),), id="time-ran-out-on-the-last-support"),
    pytest.param(_result(((S2, TIME),), left=5), (TIME_NOTE.format(6),), id="time-ran-out-with-5-left"),
    pytest.param(_result(left=4), (TIME_NOTE.format(4),), id="stopped-between-supports"),
    pytest.param(_result(((S1, FAILED),)), (FAILED_NOTE.format(1),), id="one-support-failed"),
    pytest.param(_result(((S1, FAILED), (S2, FAILED), (S3, TIME)), left=2),
                 (TIME_NOTE.format(3), FAILED_NOTE.format(2)), id="failures-and-time"),
    pytest.param(_result(sets=(SolutionSet(S1, 1, None, 6), SolutionSet(S2, 1, _pure((0, 0, 0)), 1),
                               SolutionSet(S3, 2, None, 6))), (EMPTY_NOTE.format(2),), id="sets-without-sample"),
    pytest.param(_result(sets=(SolutionSet(S2, 1, _pure((0, 0, 0)), 1),)), (), id="set-with-sample"),
]


@pytest.mark.parametrize(("result", "notes"), CASES)
def test_notes_count_what_was_not_solved(monkeypatch: pytest.MonkeyPatch, result: PolynomialResult,
                                         notes: tuple[str, ...]) -> None:
    monkeypatch.setattr("negsolve.solvers.polynomial.adapter.solve_polynomial", lambda table, time_limit: result)
    solved = solve_n_player(_all_zero_table())
    assert solved.notes == notes
    assert solved.complete is result.complete and solved.scope == ("all" if result.complete else "incomplete")


def test_a_wrong_rational_equilibrium_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # player 1 gets 0 at (1, 1, 1) and 1 by switching to strategy 2: not an equilibrium
    cells = tuple((Fraction(a), Fraction(0), Fraction(0)) for a, _b, _c in itertools.product(range(2), repeat=3))
    table = PayoffTable((2, 2, 2), cells)
    wrong = _result(equilibria=(_pure((0, 0, 0)),))
    monkeypatch.setattr("negsolve.solvers.polynomial.adapter.solve_polynomial", lambda table, time_limit: wrong)
    with pytest.raises(SolverError, match="^an n-player equilibrium failed exact re-verification$"):
        solve_n_player(table)


def test_solve_reports_the_continua_of_a_degenerate_game() -> None:
    # players 1 and 2 play a coordination game (2 at (1, 1), 1 at (2, 2)); player 3's payoffs are all 0,
    # so with 1 and 2 at any of their three equilibria player 3 may mix in any proportion
    cells = []
    for a, b, _c in itertools.product(range(2), repeat=3):
        value = Fraction(2 if a == b == 0 else 1 if a == b else 0)
        cells.append((value, value, Fraction(0)))
    result = solve_table(PayoffTable((2, 2, 2), tuple(cells)))
    assert result.degenerate is True
    assert {(s.supports, s.dimension) for s in result.solution_sets} == {
        (((0,), (0,), (0, 1)), 1), (((1,), (1,), (0, 1)), 1), (((0, 1), (0, 1), (0, 1)), 1)}


# -- exact Pareto efficiency -------------------------------------------------------------------------

SQRT2 = RealAlgebraic.from_poly([Fraction(0), Fraction(1)], AlgebraicRoot((1, 0, -2), (Fraction(1), Fraction(2))))
# candidate payoffs a + b*sqrt(2), as (a, b): ties with the cells' values are frequent on purpose
CANDIDATES = [(Fraction(v), Fraction(0)) for v in (-1, 0, 1, 2)] + [(Fraction(1, 2), Fraction(0)),
                                                                     (Fraction(-1), Fraction(1))]


def _sign_minus(c: Fraction, a: Fraction, b: Fraction) -> int:
    """Sign of c - (a + b*sqrt(2)), by squaring (b is 0 or 1 here)."""
    d = c - a
    if b == 0:
        return (d > 0) - (d < 0)
    return 1 if d > 0 and d * d > 2 else -1  # d = sqrt(2) is impossible for a rational d


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-1, 2), min_size=24, max_size=24),
       st.lists(st.sampled_from(CANDIDATES), min_size=3, max_size=3))
def test_pareto_efficient_matches_the_definition(values: list[int], payoffs: list[tuple[Fraction, Fraction]]) -> None:
    table = PayoffTable((2, 2, 2), tuple(tuple(Fraction(v) for v in values[3 * k:3 * k + 3]) for k in range(8)))
    exact = tuple(rational(a) + (SQRT2 if b else rational(0)) for a, b in payoffs)
    dominated = False
    for profile in itertools.product(range(2), repeat=3):
        signs = [_sign_minus(c, a, b) for c, (a, b) in zip(table.at(profile), payoffs, strict=True)]
        dominated = dominated or (min(signs) >= 0 and max(signs) > 0)
    assert pareto_efficient(table, exact) is (not dominated)


def test_pareto_efficient_by_hand() -> None:
    # every cell pays (1, 1, 1) except (2, 2, 2), which pays (1, 1, 2)
    cells = [(Fraction(1),) * 3] * 7 + [(Fraction(1), Fraction(1), Fraction(2))]
    table = PayoffTable((2, 2, 2), tuple(cells))
    ones = (rational(1),) * 3
    assert not pareto_efficient(table, ones)  # (1, 1, 2) is as good for all and better for player 3
    assert pareto_efficient(table, (rational(1), rational(1), rational(2)))  # equal is not better
    assert pareto_efficient(table, (rational(1), rational(1), SQRT2 + rational(1)))  # 2.41... > 2
    assert not pareto_efficient(table, (rational(1), rational(1), SQRT2))  # 1.41... < 2
