"""Linear.normalized (issue 16, late survivors): integer coefficients without a common factor, same meaning."""

from __future__ import annotations

from fractions import Fraction as F
from math import gcd

from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.analysis.linear import Linear

fractions = st.fractions(min_value=-20, max_value=20, max_denominator=12)


def test_a_common_factor_hidden_behind_denominators_is_removed() -> None:
    # 2/3 x + 4/3 >= 0  is  2x + 4 >= 0  is  x + 2 >= 0
    assert Linear((("x", F(2, 3)),), F(4, 3), False).normalized() == Linear((("x", F(1)),), F(2), False)


@settings(max_examples=60, deadline=None)
@given(st.lists(fractions, min_size=1, max_size=3), fractions, st.booleans())
def test_normalized_is_a_positive_multiple_with_coprime_integers(coeffs: list[F], const: F, strict: bool) -> None:
    lin = Linear(tuple((f"x{k}", a) for k, a in enumerate(coeffs)), const, strict)
    out = lin.normalized()
    values = [a for _, a in lin.coeffs] + [lin.const]
    got = [a for _, a in out.coeffs] + [out.const]
    assert out.strict == strict and [v for v, _ in out.coeffs] == [v for v, _ in lin.coeffs]
    assert all(g.denominator == 1 for g in got)
    g = 0
    for v in got:
        g = gcd(g, int(v))
    if any(values):
        assert g == 1
        factors = {n / v for n, v in zip(got, values, strict=True) if v}
        assert len(factors) == 1 and factors.pop() > 0
        assert all(n == 0 for n, v in zip(got, values, strict=True) if not v)
    else:
        assert not any(got)
