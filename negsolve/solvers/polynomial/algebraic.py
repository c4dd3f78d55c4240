r"""Real algebraic numbers, exact: elements of :math:`\mathbb{Q}(\alpha)` with a certified isolating interval.

A real algebraic number :math:`\alpha` is stored as an irreducible integer polynomial :math:`p`
with :math:`p(\alpha) = 0` and an open interval :math:`(a, b)` with rational end points in which
:math:`p` changes sign and has no other root.  An element of the field :math:`\mathbb{Q}(\alpha)` is
a polynomial :math:`g(\alpha)` of degree below :math:`\deg p` with rational coefficients.  Sums,
products and signs are exact:

- arithmetic is polynomial arithmetic modulo :math:`p`;
- :math:`g(\alpha) = 0` iff :math:`g` is the zero polynomial (because :math:`p` is irreducible);
- otherwise its sign is found by bisecting :math:`(a, b)` until interval arithmetic on
  :math:`g` over the interval excludes 0 (this terminates because :math:`g(\alpha) \ne 0`).

Rational numbers are the elements with ``root is None``.  Only the standard library is used here;
the minimal polynomial of an element (needed only to print it as a root of its own polynomial) uses
sympy, imported inside :meth:`RealAlgebraic.minimal_polynomial`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

Interval = tuple[Fraction, Fraction]


def _horner(coeffs_high: Sequence[int | Fraction], x: Fraction) -> Fraction:
    value = Fraction(0)
    for c in coeffs_high:
        value = value * x + c
    return value


def _interval_mul(a: Interval, b: Interval) -> Interval:
    products = (a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1])
    return min(products), max(products)


def enclose(coeffs_low: Sequence[Fraction], box: Interval) -> Interval:
    """An interval containing every value of the polynomial ``coeffs_low`` (constant first) on ``box``."""
    low, high = Fraction(0), Fraction(0)
    for c in reversed(coeffs_low):  # Horner in interval arithmetic
        low, high = _interval_mul((low, high), box)
        low, high = low + c, high + c
    return low, high


@dataclass(eq=False)
class AlgebraicRoot:
    """The real root of the irreducible polynomial ``poly`` (integer coefficients, highest degree
    first) inside the open interval ``interval``; the interval is narrowed in place on demand
    (it always denotes the same number)."""

    poly: tuple[int, ...]
    interval: Interval

    def __post_init__(self) -> None:
        low, high = self.interval
        if _horner(self.poly, low) * _horner(self.poly, high) >= 0:
            raise ValueError("the interval does not isolate a simple root by a sign change")

    @property
    def degree(self) -> int:
        return len(self.poly) - 1

    def refine(self) -> None:
        """Halve the isolating interval (exact bisection)."""
        low, high = self.interval
        mid = (low + high) / 2
        at_mid = _horner(self.poly, mid)
        if at_mid == 0:  # impossible for an irreducible polynomial of degree >= 2
            raise ArithmeticError("rational root of an irreducible polynomial")
        if (_horner(self.poly, low) > 0) == (at_mid > 0):
            self.interval = (mid, high)
        else:
            self.interval = (low, mid)


def _trim(coeffs: list[Fraction]) -> list[Fraction]:
    while coeffs and coeffs[-1] == 0:
        coeffs.pop()
    return coeffs


@dataclass(eq=False)
class RealAlgebraic:
    """An exact real number: rational (``root is None``, value ``coeffs[0]``) or :math:`g(\\alpha)`.

    ``coeffs`` lists :math:`g`'s coefficients, constant first, reduced modulo the minimal polynomial
    of ``root``.  Use :func:`rational` and :meth:`from_poly` to build one.
    """

    coeffs: tuple[Fraction, ...]
    root: AlgebraicRoot | None = None
    _minpoly: tuple[int, ...] | None = field(default=None, repr=False)

    @staticmethod
    def from_poly(coeffs_low: Sequence[Fraction], root: AlgebraicRoot | None) -> RealAlgebraic:
        if root is None:
            return rational(coeffs_low[0] if coeffs_low else Fraction(0))
        reduced = _reduce([Fraction(c) for c in coeffs_low], root.poly)
        if len(reduced) <= 1:
            return rational(reduced[0] if reduced else Fraction(0))
        return RealAlgebraic(tuple(reduced), root)

    # --- queries -------------------------------------------------------------------------
    @property
    def is_rational(self) -> bool:
        return self.root is None

    def as_fraction(self) -> Fraction:
        if self.root is not None:
            raise ValueError("irrational number")
        return self.coeffs[0] if self.coeffs else Fraction(0)

    def enclosure(self) -> Interval:
        """An interval containing the number (a point for a rational)."""
        if self.root is None:
            value = self.as_fraction()
            return value, value
        return enclose(self.coeffs, self.root.interval)

    def narrow(self, width: Fraction) -> Interval:
        """An enclosure no wider than ``width``."""
        box = self.enclosure()
        while box[1] - box[0] > width:
            assert self.root is not None
            self.root.refine()
            box = self.enclosure()
        return box

    def sign(self) -> int:
        """-1, 0 or 1, exactly."""
        if self.root is None:
            value = self.as_fraction()
            return (value > 0) - (value < 0)
        while True:  # g != 0 in Q(alpha), so the enclosure eventually excludes 0
            low, high = self.enclosure()
            if low > 0:
                return 1
            if high < 0:
                return -1
            self.root.refine()

    def __float__(self) -> float:
        low, high = self.narrow(Fraction(1, 2**60))
        return float((low + high) / 2)

    def decimal(self, digits: int) -> str:
        """The number correctly rounded to ``digits`` decimals (ties to even; no sign on a rounded zero).

        The enclosure is narrowed until both of its ends round to the same integer multiple of
        ``10**-digits`` (this ends: an irrational number is never exactly half-way between two).
        """
        digits = max(digits, 0)
        scale = 10**digits
        width = Fraction(1, 10 * scale)
        while True:
            low, high = self.narrow(width)
            units = round(low * scale)  # Fraction rounding: exact, half to even
            if round(high * scale) == units:
                break
            width /= 10
        text = str(abs(units)).rjust(digits + 1, "0")
        body = text[:-digits] + "." + text[-digits:] if digits else text
        return "-" + body if units < 0 else body

    # --- arithmetic ----------------------------------------------------------------------
    def _field(self, other: RealAlgebraic) -> AlgebraicRoot | None:
        if self.root is None:
            return other.root
        if other.root is None or other.root is self.root:
            return self.root
        raise ValueError("numbers from two different fields cannot be combined")

    def __add__(self, other: RealAlgebraic) -> RealAlgebraic:
        root = self._field(other)
        n = max(len(self.coeffs), len(other.coeffs))
        a = list(self.coeffs) + [Fraction(0)] * (n - len(self.coeffs))
        b = list(other.coeffs) + [Fraction(0)] * (n - len(other.coeffs))
        return RealAlgebraic.from_poly([x + y for x, y in zip(a, b, strict=False)], root)

    def __neg__(self) -> RealAlgebraic:
        return RealAlgebraic(tuple(-c for c in self.coeffs), self.root)

    def __sub__(self, other: RealAlgebraic) -> RealAlgebraic:
        return self + (-other)

    def __mul__(self, other: RealAlgebraic) -> RealAlgebraic:
        root = self._field(other)
        if not self.coeffs or not other.coeffs:
            return rational(Fraction(0))
        out = [Fraction(0)] * (len(self.coeffs) + len(other.coeffs) - 1)
        for i, x in enumerate(self.coeffs):
            if x:
                for j, y in enumerate(other.coeffs):
                    out[i + j] += x * y
        return RealAlgebraic.from_poly(out, root)

    def scale(self, factor: Fraction) -> RealAlgebraic:
        return RealAlgebraic.from_poly([c * factor for c in self.coeffs], self.root)

    # --- the number as a root of its own polynomial ---------------------------------------
    def minimal_polynomial(self) -> tuple[int, ...]:
        """Primitive integer coefficients (highest first) of the minimal polynomial of the number."""
        if self._minpoly is None:
            self._minpoly = _minimal_polynomial(self)
        return self._minpoly

    def isolating_interval(self) -> Interval:
        """A short decimal interval ``[a, b]`` in which the minimal polynomial has exactly this one root
        (and no root at either end)."""
        import sympy

        if self.root is None:
            value = self.as_fraction()
            return value, value
        poly = sympy.Poly(list(self.minimal_polynomial()), sympy.Symbol("y"))
        for digits in range(1, 200):
            scale = 10**digits
            low, high = self.narrow(Fraction(1, 10 * scale))
            a = Fraction(math.floor(low * scale), scale)
            b = Fraction(math.ceil(high * scale), scale)
            # no root at a or b: an irreducible polynomial of degree >= 2 has no rational root
            if poly.count_roots(sympy.Rational(a.numerator, a.denominator),
                                sympy.Rational(b.numerator, b.denominator)) == 1:
                return a, b
        raise ArithmeticError("no isolating interval found")


def rational(value: Fraction | int) -> RealAlgebraic:
    return RealAlgebraic((Fraction(value),) if value else (), None)


def _reduce(coeffs_low: list[Fraction], poly_high: tuple[int, ...]) -> list[Fraction]:
    """``coeffs_low`` modulo the polynomial ``poly_high``."""
    degree = len(poly_high) - 1
    lead = Fraction(poly_high[0])
    monic_low = [Fraction(c) / lead for c in reversed(poly_high)]  # constant first, monic
    out = _trim(list(coeffs_low))
    while len(out) > degree:
        top = out[-1]
        shift = len(out) - 1 - degree
        for k in range(degree + 1):
            out[shift + k] -= top * monic_low[k]
        out.pop()
        out = _trim(out)
    return out


def _minimal_polynomial(number: RealAlgebraic) -> tuple[int, ...]:
    """Resultant of p(t) and y - g(t) in t: a power of the minimal polynomial of g(alpha) (p irreducible)."""
    import sympy

    if number.root is None:
        value = number.as_fraction()
        return (value.denominator, -value.numerator)
    t, y = sympy.symbols("t y")
    p = sympy.Poly(list(number.root.poly), t)
    g = sum(sympy.Rational(c.numerator, c.denominator) * t**k for k, c in enumerate(number.coeffs))
    res = sympy.Poly(sympy.resultant(p.as_expr(), y - g, t), y)
    factors = [f for f, _ in res.factor_list()[1]]
    if len(factors) != 1:
        raise ArithmeticError("resultant of an irreducible polynomial is not a power of one irreducible factor")
    _, prim = factors[0].primitive()
    coeffs = [int(c) for c in prim.all_coeffs()]
    if coeffs[0] < 0:
        coeffs = [-c for c in coeffs]
    return tuple(coeffs)
