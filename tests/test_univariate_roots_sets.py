"""Exact one-parameter sets (issue 16, late survivors): rational and irrational roots, and sets whose
breakpoints are irrational (every expected set is worked out by hand in the test)."""

from __future__ import annotations

from fractions import Fraction as F

import sympy

from negsolve.analysis.univariate import Interval, Poly, intersect, piecewise_set

SQRT2 = sympy.sqrt(2)


def test_roots_are_exact_fractions_when_rational_and_algebraic_otherwise() -> None:
    # 2x^2 - 3x + 1 = (2x - 1)(x - 1)
    assert Poly.make([1, -3, 2]).roots() == [F(1, 2), F(1)]
    assert all(isinstance(r, F) for r in Poly.make([1, -3, 2]).roots())
    # x^2 - 2: the roots -sqrt(2) and sqrt(2), ascending
    assert Poly.make([-2, 0, 1]).roots() == [-SQRT2, SQRT2]


def test_a_set_beyond_an_irrational_breakpoint() -> None:
    """{x : x > 0 and x^2 > 2} is x > sqrt(2); the gaps are probed at rationals below and above 1.41..."""
    got = piecewise_set([SQRT2], lambda x: x > 0 and x * x > 2, lambda a, b: a and b)
    assert got == [Interval(SQRT2, None, False, False)]
    below = piecewise_set([SQRT2], lambda x: x * x < 2 or x < 0)  # x < sqrt(2); sqrt(2) by "a or b"
    assert below == [Interval(None, SQRT2, False, True)]


def test_intersection_ending_at_an_irrational_bound() -> None:
    """(0, sqrt 2) and [1, 3] meet in [1, sqrt 2): sqrt 2 itself is outside the first."""
    assert intersect([Interval(F(0), SQRT2, False, False)], [Interval(F(1), F(3), True, True)]) == [
        Interval(F(1), SQRT2, True, False)]
