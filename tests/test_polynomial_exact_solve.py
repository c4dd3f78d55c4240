"""Exact real solutions of small polynomial systems (solvers/polynomial/exact_solve.py), known by hand.

The systems here are chosen so that the last unknown ``y`` does not separate the solutions, or the
lexicographic basis is not of the form ``x - g(y), f(y)`` for another reason (``x**2 + x - 2``: the
coefficient of ``x`` is 1, yet ``x`` is not linear); then a random linear form ``c1*x + c2*y`` has to
separate them.  Grids ``X × Y`` (the zeros of ``prod(x - a), prod(y - b)``) are solved against their
known points; each returned point is also substituted back exactly.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.solvers.polynomial import exact_solve
from negsolve.solvers.polynomial.algebraic import RealAlgebraic, rational
from negsolve.solvers.polynomial.exact_solve import solve_system

FAILED = "no separating linear form found for the lexicographic basis"


def _ring() -> tuple[Any, Any, Any]:
    import sympy
    from sympy.polys.orderings import grevlex

    ring, x, y = sympy.ring("x,y", sympy.QQ, grevlex)
    return ring, x, y


def _value(poly: Any, point: dict[int, RealAlgebraic]) -> RealAlgebraic:
    """``poly`` at ``point``, in exact arithmetic of the point's field."""
    total = rational(0)
    for monom, c in poly.terms():
        term = rational(Fraction(int(c.numerator), int(c.denominator)))
        for k, power in enumerate(monom):
            for _ in range(power):
                term = term * point[k]
        total = total + term
    return total


def _rational_points(polys: list[Any], seed: int = 0) -> set[tuple[Fraction, ...]]:
    ring = polys[0].ring
    found = solve_system(polys, ring, 2, seed=seed)
    assert found.dimension == 0 and found.unresolved == ""
    for point in found.points:
        assert all(_value(p, point).sign() == 0 for p in polys)
    points = {tuple(point[k].as_fraction() for k in range(2)) for point in found.points}
    assert len(points) == len(found.points)  # no solution listed twice
    return points


def test_a_quadratic_with_unit_linear_coefficient_is_not_mistaken_for_x_minus_g() -> None:
    _, x, y = _ring()
    # x**2 + x - 2 = (x - 1)(x + 2)
    assert _rational_points([x**2 + x - 2, y]) == {(1, 0), (-2, 0)}
    assert _rational_points([x**2 + x - 2, y**2 - y]) == {(1, 0), (-2, 0), (1, 1), (-2, 1)}


def test_three_points_that_no_single_unknown_separates() -> None:
    _, x, y = _ring()
    for seed in range(3):
        assert _rational_points([x**2 - x, x * y, y**2 - y], seed) == {(0, 0), (1, 0), (0, 1)}


def test_irrational_points_sharing_their_coordinates() -> None:
    _, x, y = _ring()
    polys = [x**2 - 2, y**2 - 2]
    found = solve_system(polys, polys[0].ring, 2)
    assert found.unresolved == "" and len(found.points) == 4
    root = math.sqrt(2)
    assert sorted((round(float(p[0]), 12), round(float(p[1]), 12)) for p in found.points) == sorted(
        (round(a, 12), round(b, 12)) for a in (-root, root) for b in (-root, root))
    for point in found.points:
        assert all(_value(p, point).sign() == 0 for p in polys)


class _ConstantDraws:
    """Stands in for the random module: every coefficient drawn is 5, so every form is 5*x + 5*y."""

    class Random:
        def __init__(self, seed: object = None) -> None:
            pass

        def randint(self, low: int, high: int) -> int:
            return 5


def test_no_separating_form_leaves_the_system_unresolved(monkeypatch: pytest.MonkeyPatch) -> None:
    # (1, 0) and (0, 1) give 5*x + 5*y the same value 5: no form tried separates the three points
    monkeypatch.setattr(exact_solve, "random", _ConstantDraws)
    _, x, y = _ring()
    polys = [x**2 - x, x * y, y**2 - y]
    found = solve_system(polys, polys[0].ring, 2)
    assert (found.points, found.dimension, found.unresolved) == ([], 0, FAILED)


@settings(max_examples=25, deadline=None)
@given(st.sets(st.integers(-3, 3), min_size=1, max_size=3), st.sets(st.integers(-3, 3), min_size=1, max_size=3),
       st.integers(0, 100))
def test_grids_are_solved_exactly(xs: set[int], ys: set[int], seed: int) -> None:
    _, x, y = _ring()
    px, py = x**0, y**0
    for a in xs:
        px *= x - a
    for b in ys:
        py *= y - b
    found = solve_system([px, py], px.ring, 2, seed=seed)
    if found.unresolved:  # possible only when every form tried gives two grid points the same value
        assert found.unresolved == FAILED and len(xs) > 1 and len(ys) > 1
        return
    assert found.dimension == 0
    assert {(p[0].as_fraction(), p[1].as_fraction()) for p in found.points} == {(a, b) for a in xs for b in ys}
    assert len(found.points) == len(xs) * len(ys)
