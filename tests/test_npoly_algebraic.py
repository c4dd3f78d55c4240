"""Exact real algebraic numbers (solvers/polynomial/algebraic.py): decimals, isolating intervals,
minimal polynomials, each checked against integer arithmetic or a hand derivation.

The decimals of ``sqrt(2) - c`` (``c`` rational) are computed here independently with
:func:`math.isqrt`: for ``c * 10**d - 1/2 = p/q``, ``round((sqrt(2) - c) * 10**d)`` is
``(isqrt(2 * q**2 * 10**(2*d)) - p) // q`` (no ties: the number is irrational).
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.solvers.polynomial.algebraic import AlgebraicRoot, RealAlgebraic, rational


def root_of(poly: tuple[int, ...], low: Fraction | int, high: Fraction | int) -> RealAlgebraic:
    return RealAlgebraic.from_poly([Fraction(0), Fraction(1)], AlgebraicRoot(poly, (Fraction(low), Fraction(high))))


def sqrt2_minus(c: Fraction) -> RealAlgebraic:
    return root_of((1, 0, -2), 1, 2) - rational(c)


def reference_decimal(c: Fraction, digits: int, sign: int) -> str:
    """``sign * (sqrt(2) - c)`` rounded to ``digits`` decimals, by integer square roots."""
    shifted = c * 10**digits - Fraction(1, 2)
    p, q = shifted.numerator, shifted.denominator
    units = sign * ((math.isqrt(2 * q * q * 10 ** (2 * digits)) - p) // q)
    return format(Decimal(f"{units}E-{digits}"), "f")  # exact: a string, not context arithmetic


# -- decimals -------------------------------------------------------------------------------------

def test_decimal_is_correctly_rounded_next_to_a_half() -> None:
    # 1.41421356 < sqrt(2) < 1.41421357, so sqrt(2) - 1.36421456 lies in (0.04999900, 0.04999901):
    # one decimal is 0.0 (an enclosure midpoint can fall on the other side of 0.05)
    x = sqrt2_minus(Fraction(136421456, 10**8))
    assert x.decimal(1) == "0.0" and (-x).decimal(1) == "0.0"
    assert x.decimal(6) == "0.049999" and (-x).decimal(6) == "-0.049999"


def test_decimal_has_as_many_digits_as_asked() -> None:
    sqrt2 = root_of((1, 0, -2), 1, 2)
    # sqrt(2) = 1.41421356237309504880168872420969807856967187537694...
    assert sqrt2.decimal(40) == "1.4142135623730950488016887242096980785697"
    assert sqrt2.decimal(100) == reference_decimal(Fraction(0), 100, 1)
    assert sqrt2.decimal(0) == "1" and (sqrt2 + rational(1)).decimal(0) == "2" and sqrt2.decimal(1) == "1.4"


def test_decimal_of_a_tiny_number_is_plain_and_a_rounded_zero_has_no_sign() -> None:
    x = sqrt2_minus(Fraction(141421356237, 10**11))  # sqrt(2) - 1.41421356237 = 3.0950488...e-12
    assert x.decimal(14) == "0.00000000000310" and (-x).decimal(14) == "-0.00000000000310"
    assert x.decimal(3) == "0.000" and (-x).decimal(3) == "0.000" and (-x).decimal(0) == "0"


def test_decimal_of_rationals_rounds_half_to_even() -> None:
    assert rational(Fraction(1, 8)).decimal(2) == "0.12" and rational(Fraction(3, 8)).decimal(2) == "0.38"
    assert rational(Fraction(-1, 8)).decimal(2) == "-0.12" and rational(Fraction(5, 2)).decimal(0) == "2"
    assert rational(Fraction(-1, 3000)).decimal(3) == "0.000" and rational(0).decimal(2) == "0.00"


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 25), st.integers(-3, 3), st.integers(0, 27), st.sampled_from([1, -1]))
def test_decimal_matches_integer_square_roots(k: int, offset: int, digits: int, sign: int) -> None:
    # c = sqrt(2) truncated to k decimals, moved by a few units: the number is ~10**-k, often next to a
    # rounding boundary at `digits` decimals
    c = Fraction(math.isqrt(2 * 10 ** (2 * k)) + offset, 10**k)
    x = sqrt2_minus(c)
    expected = reference_decimal(c, digits, sign)
    if expected.startswith("-") and not expected.strip("-0."):
        expected = expected[1:]
    assert (x if sign > 0 else -x).decimal(digits) == expected


# -- isolating intervals and minimal polynomials -----------------------------------------------------

def test_isolating_interval_uses_the_fewest_decimals_that_separate_the_roots() -> None:
    # 1.4**2 = 1.96 < 2 < 2.25 = 1.5**2 and the other root -sqrt(2) is far away
    assert root_of((1, 0, -2), 1, 2).isolating_interval() == (Fraction(7, 5), Fraction(3, 2))
    # the roots of 100y^2 - 3 are +-0.1732...: 100 * 0.1**2 = 1 < 3 < 4 = 100 * 0.2**2
    assert root_of((100, 0, -3), 0, 1).isolating_interval() == (Fraction(1, 10), Fraction(1, 5))
    assert root_of((100, 0, -3), -1, 0).isolating_interval() == (Fraction(-1, 5), Fraction(-1, 10))
    # 2000y^2 - 4200y + 2203 = 2000((y - 1.05)^2 - 0.001): roots 1.05 -+ sqrt(0.001), and
    # 0.0316 < sqrt(0.001) < 0.0317, so both lie in [1.0, 1.1]; two decimals separate them
    poly = (2000, -4200, 2203)
    assert root_of(poly, 1, Fraction(21, 20)).isolating_interval() == (Fraction(101, 100), Fraction(51, 50))
    assert root_of(poly, Fraction(21, 20), 2).isolating_interval() == (Fraction(108, 100), Fraction(109, 100))
    assert root_of(poly, 1, Fraction(21, 20)).minimal_polynomial() == poly


def test_isolating_interval_gives_up_when_roots_are_closer_than_199_decimals() -> None:
    # 10**402 * (3y - 1)**2 = 18: roots 1/3 +- sqrt(2) * 10**-201
    big = 10**402
    x = root_of((9 * big, -6 * big, big - 18), Fraction(1, 3), 1)
    with pytest.raises(ArithmeticError, match="^no isolating interval found$"):
        x.isolating_interval()


def test_rationals_are_their_own_isolating_interval_and_linear_polynomial() -> None:
    value = rational(Fraction(-3, 4))
    assert value.isolating_interval() == (Fraction(-3, 4), Fraction(-3, 4))
    assert value.minimal_polynomial() == (4, 3)  # 4y + 3 = 0
    assert rational(Fraction(5, 2)).minimal_polynomial() == (2, -5)


def test_minimal_polynomials_of_numbers_in_q_sqrt2() -> None:
    sqrt2 = root_of((1, 0, -2), 1, 2)
    assert (-sqrt2).minimal_polynomial() == (1, 0, -2)
    # y = 1/2 - sqrt(2): (y - 1/2)^2 = 2, i.e. 4y^2 - 4y - 7 = 0
    assert (rational(Fraction(1, 2)) - sqrt2).minimal_polynomial() == (4, -4, -7)
    # y = -3 sqrt(2) / 7: 49y^2 = 18
    assert sqrt2.scale(Fraction(-3, 7)).minimal_polynomial() == (49, 0, -18)


def test_minimal_polynomial_refuses_a_root_of_a_reducible_polynomial() -> None:
    one = root_of((1, 0, -1), 0, 2)  # y^2 - 1 = (y - 1)(y + 1): breaks AlgebraicRoot's contract
    with pytest.raises(ArithmeticError, match="^resultant of an irreducible polynomial is not a power of one "
                                              "irreducible factor$"):
        one.minimal_polynomial()


NAU_SEC4 = """NFG 1 R "Nau et al. 2004 section 4" { "1" "2" "3" } { 2 2 2 }
3 0 2 0 1 0 0 2 0 1 0 0 1 0 0 0 3 0 0 1 0 2 0 3
"""


def test_cli_prints_irrational_probabilities_to_the_largest_digits_allowed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from negsolve.cli.main import cli

    game = tmp_path / "nau.nfg"
    game.write_text(NAU_SEC4)
    result = CliRunner().invoke(cli, ["solve", str(game), "--digits", "100"])
    assert result.exit_code == 0, result.output  # was decimal.InvalidOperation from 28 digits on
    decimals = [word for word in result.stdout.split() if word.startswith("≈")]
    assert decimals and all(len(word.split(".")[1].rstrip(",)")) == 100 for word in decimals)


def test_an_interval_without_a_sign_change_is_refused() -> None:
    # y^2 - 2 is 1/4 at 3/2 and 17/16 at 7/4 (no sign change, product 17/64); y^2 - 4 is 0 at 2 (a root
    # on the end point is not inside the open interval); -2 and -1 at 0 and 1
    for poly, low, high in [((1, 0, -2), Fraction(3, 2), Fraction(7, 4)), ((1, 0, -4), Fraction(2), Fraction(3)),
                            ((1, 0, -2), Fraction(0), Fraction(1))]:
        with pytest.raises(ValueError, match="^the interval does not isolate a simple root by a sign change$"):
            AlgebraicRoot(poly, (low, high))
    assert AlgebraicRoot((1, 0, -2), (Fraction(7, 5), Fraction(3, 2))).interval == (Fraction(7, 5), Fraction(3, 2))


def test_isolating_interval_of_a_square_root_away_from_the_tenths_is_one_tenth_wide() -> None:
    # sqrt(k) lies between q/10 and (q + 1)/10 for q = isqrt(100 k); when it is more than 1/100 from both
    # ends, (10 q + 1)^2 < 10000 k < (10 q + 9)^2, the enclosure narrowed to 1/100 cannot reach a tenth,
    # so one decimal suffices (-sqrt(k) is far away) and the interval is exactly [q/10, (q + 1)/10]
    checked = 0
    for k in range(2, 260):
        r, q = math.isqrt(k), math.isqrt(100 * k)
        if r * r == k or not (10 * q + 1) ** 2 < 10000 * k < (10 * q + 9) ** 2:
            continue
        assert root_of((1, 0, -k), r, r + 1).isolating_interval() == (Fraction(q, 10), Fraction(q + 1, 10)), k
        checked += 1
    assert checked > 150
