"""The region of a stability report (issue 16, late survivors): the interval of its one parameter, and
conditions that keep their meaning when the region is empty (expected values worked out by hand)."""

from __future__ import annotations

from fractions import Fraction as F

import sympy
from test_stability_mixed_edges import _game

from negsolve.analysis.stability import stability


def test_the_region_of_one_parameter_is_given_as_its_interval() -> None:
    """Row keeps T against D iff e - 0 >= 0; Col keeps L against R iff 1 - 0 >= 0: the region is e >= 0."""
    report = stability(_game([["e", 0], [0, 1]], [[1, 0], [0, 2]]), (0, 0))
    low, _, high, _ = report.region.intervals["e"]
    assert (low, high) == (F(0), None)
    assert [c.words() for c in report.region.conditions] == ["e >= 0"]


def test_an_empty_region_keeps_each_condition_as_written() -> None:
    """Row keeps T iff e/2 - 1 >= 0 (e >= 2); Col keeps L iff 1 - e >= 0 (e <= 1): never both."""
    report = stability(_game([["e/2", 0], [1, 1]], [[1, "e"], [0, 0]]), (0, 0))
    assert not report.region.feasible
    assert sorted(c.words() for c in report.region.conditions) == ["e <= 1", "e >= 2"]
    e = sympy.Symbol("e", real=True)
    for c in report.region.conditions:  # each expression has the sign of its linear form, everywhere
        assert c.linear is not None
        for x in (F(0), F(1), F(3, 2), F(2), F(3)):
            value = sum((a * x for _, a in c.linear.coeffs), c.linear.const)
            at = c.expr.subs(e, sympy.Rational(x.numerator, x.denominator))
            assert (at > 0, at == 0) == (value > 0, value == 0)
