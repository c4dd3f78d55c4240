"""Exact numbers of Q(alpha) (solvers/polynomial/algebraic.py): which numbers can be combined.

Numbers carry the root that generates their field; two numbers combine when they share that root
object or one of them is rational.  Numbers built on two different roots are refused with a message,
even when the arithmetic would make sense (sqrt 2 and sqrt 3 are both real algebraic): one field per
equilibrium is all the solver needs, and a silent mix would compute in the wrong field.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import pytest

from negsolve.solvers.polynomial.algebraic import AlgebraicRoot, RealAlgebraic, rational

MESSAGE = "numbers from two different fields cannot be combined"


def _sqrt(n: int) -> RealAlgebraic:
    """sqrt(n) for n = 2 or 3: the root of y**2 - n in (1, 2)."""
    return RealAlgebraic.from_poly([Fraction(0), Fraction(1)], AlgebraicRoot((1, 0, -n), (Fraction(1), Fraction(2))))


OPERATIONS: list[Callable[[RealAlgebraic, RealAlgebraic], RealAlgebraic]] = [
    lambda a, b: a + b, lambda a, b: a - b, lambda a, b: a * b]


@pytest.mark.parametrize("operation", OPERATIONS, ids=["add", "sub", "mul"])
def test_numbers_of_two_fields_are_refused(operation: Callable[[RealAlgebraic, RealAlgebraic], RealAlgebraic]) -> None:
    with pytest.raises(ValueError, match=f"^{MESSAGE}$"):
        operation(_sqrt(2), _sqrt(3))
    with pytest.raises(ValueError, match=f"^{MESSAGE}$"):
        operation(_sqrt(3), _sqrt(2))


def test_rationals_and_one_field_combine() -> None:
    root2 = _sqrt(2)
    assert (root2 * root2).as_fraction() == 2  # sqrt 2 squared, reduced modulo y**2 - 2
    assert (root2 - root2).as_fraction() == 0
    third = rational(Fraction(1, 3)) + _sqrt(3)  # 1/3 + sqrt 3 = 2.0653...
    assert not third.is_rational and third.decimal(4) == "2.0654"
    assert (rational(2) * root2).decimal(6) == "2.828427"  # 2 sqrt 2 = 2.8284271...
