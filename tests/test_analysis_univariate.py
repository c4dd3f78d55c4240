"""Arithmetic of :class:`negsolve.analysis.univariate.Poly`: evaluation commutes with every operation,
numbers on either side (``p(x)`` is checked against Horner-free evaluation of the coefficient list)."""

from __future__ import annotations

from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.analysis.univariate import Poly

fractions = st.fractions(min_value=-6, max_value=6, max_denominator=5)
polys = st.lists(fractions, max_size=4).map(Poly.make)


def value(p: Poly, x: F) -> F:
    """The polynomial at ``x`` straight from its definition, sum of c_k x^k."""
    return sum((c * x**k for k, c in enumerate(p.coeffs)), F(0))


@settings(max_examples=40, deadline=None)
@given(polys, polys, fractions, fractions)
def test_evaluation_commutes_with_arithmetic(p: Poly, q: Poly, c: F, x: F) -> None:
    cases = [
        (p + q, value(p, x) + value(q, x)), (p - q, value(p, x) - value(q, x)),
        (p * q, value(p, x) * value(q, x)), (-p, -value(p, x)),
        (p + c, value(p, x) + c), (c + p, c + value(p, x)),
        (p - c, value(p, x) - c), (c - p, c - value(p, x)),
        (p * c, value(p, x) * c), (c * p, c * value(p, x)),
    ]
    for result, expected in cases:
        assert isinstance(result, Poly)
        assert value(result, x) == expected
        assert not result.coeffs or result.coeffs[-1] != 0  # kept in normal form


def test_a_number_minus_a_polynomial() -> None:
    assert 3 - Poly.make([1, 2]) == Poly.make([2, -2])  # 3 - (1 + 2x) = 2 - 2x
    assert F(1, 2) - Poly.make([F(1, 2)]) == Poly(())
