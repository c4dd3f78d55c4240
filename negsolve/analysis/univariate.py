r"""Exact sets of one real parameter: polynomials, their real roots, and unions of intervals.

A question "for which values of ``x`` (the other parameters fixed) does a property hold?"
has an answer that is a finite union of intervals whenever the property can change only at
finitely many *breakpoints* (real roots of polynomials in ``x``).  :func:`piecewise_set`
evaluates the property at every breakpoint and once inside every gap between consecutive
breakpoints (and beyond the outermost ones), and merges the pieces.

:class:`Poly` is a small exact polynomial in one variable with :class:`~fractions.Fraction`
coefficients (no sympy), enough to carry a tree's payoffs up with one parameter free.
Roots of degree-1 polynomials are exact rationals; higher degrees go to sympy's
``real_roots`` (rational roots come back as :class:`~fractions.Fraction`, irrational ones as
sympy algebraic numbers).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.model.expression import Binary, Expr, Negate, Number, Power, Variable


class NotPolynomial(ArithmeticError):
    """An expression divides by (or takes a negative power of) the free parameter."""


@dataclass(frozen=True)
class Poly:
    """``coeffs[k]`` is the coefficient of ``x**k``; no trailing zeros (the zero polynomial is ())."""

    coeffs: tuple[Fraction, ...]

    @staticmethod
    def make(coeffs: Iterable[Fraction | int]) -> Poly:
        out = [Fraction(c) for c in coeffs]
        while out and out[-1] == 0:
            out.pop()
        return Poly(tuple(out))

    @staticmethod
    def const(value: Fraction | int) -> Poly:
        return Poly.make([value])

    def _lift(self, other: Any) -> Poly:
        return other if isinstance(other, Poly) else Poly.const(other)

    def __add__(self, other: Any) -> Poly:
        lifted = self._lift(other)
        if not lifted.coeffs:
            return self
        if not self.coeffs:
            return lifted
        o = lifted.coeffs
        n = max(len(self.coeffs), len(o))
        return Poly.make((self.coeffs[k] if k < len(self.coeffs) else 0) + (o[k] if k < len(o) else 0)
                         for k in range(n))

    __radd__ = __add__

    def __neg__(self) -> Poly:
        return Poly(tuple(-c for c in self.coeffs))

    def __sub__(self, other: Any) -> Poly:
        return self + (-self._lift(other))

    def __rsub__(self, other: Any) -> Poly:
        return self._lift(other) - self

    def __mul__(self, other: Any) -> Poly:
        o = self._lift(other).coeffs
        if not self.coeffs or not o:
            return Poly(())
        if o == (1,):
            return self
        if self.coeffs == (1,):
            return Poly(o)
        out = [Fraction(0)] * (len(self.coeffs) + len(o) - 1)
        for i, a in enumerate(self.coeffs):
            for j, b in enumerate(o):
                out[i + j] += a * b
        return Poly.make(out)

    __rmul__ = __mul__

    @property
    def degree(self) -> int:
        return len(self.coeffs) - 1

    def __call__(self, x: Fraction) -> Fraction:
        total = Fraction(0)
        for c in reversed(self.coeffs):
            total = total * x + c
        return total

    def roots(self) -> list[Any]:
        """Distinct real roots (Fraction when rational); none for constants (zero included)."""
        if self.degree < 1:
            return []
        if self.degree == 1:
            return [-self.coeffs[0] / self.coeffs[1]]
        import sympy

        x = sympy.Symbol("x")
        poly = sympy.Poly(list(reversed([sympy.Rational(c.numerator, c.denominator) for c in self.coeffs])), x)
        out = []
        for r in dict.fromkeys(sympy.real_roots(poly)):
            out.append(Fraction(int(r.p), int(r.q)) if r.is_Rational else r)
        return out


def to_poly(expr: Expr, name: str, values: Mapping[str, Fraction]) -> Poly:
    """``expr`` as a polynomial in the parameter ``name``, the others fixed at ``values``."""
    if isinstance(expr, Number):
        return Poly.const(expr.value)
    if isinstance(expr, Variable):
        return Poly.make([0, 1]) if expr.name == name else Poly.const(values[expr.name])
    if isinstance(expr, Negate):
        return -to_poly(expr.operand, name, values)
    if isinstance(expr, Power):
        base = to_poly(expr.base, name, values)
        if expr.exponent < 0:
            if base.degree > 0:
                raise NotPolynomial(str(expr))
            return Poly.const(base(Fraction(0)) ** expr.exponent)
        out = Poly.const(1)
        for _ in range(expr.exponent):
            out = out * base
        return out
    assert isinstance(expr, Binary)
    left, right = to_poly(expr.left, name, values), to_poly(expr.right, name, values)
    if expr.op == "+":
        return left + right
    if expr.op == "-":
        return left - right
    if expr.op == "*":
        return left * right
    if right.degree > 0 or not right.coeffs:
        raise NotPolynomial(str(expr))
    return left * Poly.const(1 / right.coeffs[0])


# -- unions of intervals ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Interval:
    """A (possibly unbounded or one-point) interval; bounds are Fraction, sympy numbers or None (infinite)."""

    low: Any
    high: Any
    low_closed: bool
    high_closed: bool

    def contains(self, x: Any) -> bool:
        if self.low is not None and (x < self.low or (x == self.low and not self.low_closed)):
            return False
        if self.high is not None and (x > self.high or (x == self.high and not self.high_closed)):
            return False
        return True


def _key(x: Any) -> float:
    return float(x)


def rational_between(a: Any, b: Any) -> Fraction:
    """A simple rational strictly between ``a < b`` (either may be None: unbounded)."""
    if a is None and b is None:
        return Fraction(0)
    if a is None:
        return Fraction(int(_floor(b)) - 1)
    if b is None:
        return Fraction(int(_floor(a)) + 1)
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        mid = (a + b) / 2
        for den in (1, 2, 4, 10, 20, 100):
            for cand in (Fraction(round(mid * den), den),):
                if a < cand < b:
                    return cand
        return mid
    lo, hi = float(a), float(b)
    cand = Fraction((lo + hi) / 2).limit_denominator(10**6)
    return cand if lo < cand < hi else Fraction((lo + hi) / 2)


def _floor(x: Any) -> int:
    import math

    return math.floor(x) if isinstance(x, Fraction) else math.floor(float(x))


def piecewise_set(breakpoints: Iterable[Any], member: Callable[[Fraction], bool | None],
                  combine_irrational: Callable[[bool, bool], bool] = lambda a, b: a or b) -> list[Interval]:
    """The set where ``member`` holds, given that it can change only at ``breakpoints``.

    ``member`` is called at every rational breakpoint and at one rational point inside each gap;
    ``None`` from it means "outside the domain" (treated as not a member).  At an irrational
    breakpoint, membership is ``combine_irrational(left gap, right gap)``.
    """
    points = sorted(dict.fromkeys(breakpoints), key=_key)
    pieces: list[tuple[Any, Any, bool]] = []  # (low, high, member) for gaps; (x, x, member) for points
    bounds = [None, *points, None]
    gap_member = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        gap_member.append(bool(member(rational_between(a, b))))
    for k, x in enumerate(points):
        pieces.append((bounds[k], x, gap_member[k]))
        at = member(x) if isinstance(x, Fraction) else combine_irrational(gap_member[k], gap_member[k + 1])
        pieces.append((x, x, bool(at)))
    pieces.append((bounds[-2], None, gap_member[-1]))
    intervals: list[Interval] = []
    current: list[Any] | None = None  # [low, low_closed, high, high_closed]
    for low, high, inside in pieces:
        point = low is high and low is not None
        if not inside:
            if current is not None:
                intervals.append(Interval(current[0], current[2], current[1], current[3]))
                current = None
            continue
        if current is None:
            current = [low, point, high, point]
        else:
            current[2], current[3] = high, point
    if current is not None:
        intervals.append(Interval(current[0], current[2], current[1], current[3]))
    return [Interval(i.low, i.high, i.low_closed and i.low is not None, i.high_closed and i.high is not None)
            for i in intervals]


def intersect(a: list[Interval], b: list[Interval]) -> list[Interval]:
    """Intersection of two unions of intervals (same representation)."""
    points = [x for i in a + b for x in (i.low, i.high) if x is not None]
    return piecewise_set(points, lambda x: any(i.contains(x) for i in a) and any(i.contains(x) for i in b),
                         lambda left, right: left and right)


def _num(x: Any) -> str:
    from negsolve.expr import format_number

    return format_number(x) if isinstance(x, Fraction) else str(x)


def _shown_bounds(i: Interval, domain: list[Interval] | None) -> tuple[Fraction | None, Fraction | None]:
    """The interval's bounds, each None where it is the domain's own outer bound (it holds anyway).

    Only the lowest piece's lower and the highest piece's upper bound go unsaid (the pieces come in
    ascending order): in a domain of several pieces (``-2 <= p <= -1 or 1 <= p <= 2``) an inner bound is
    what tells them apart."""
    first, last = (domain[0], domain[-1]) if domain else (None, None)
    lo = None if first is not None and (first.low, first.low_closed) == (i.low, i.low_closed) else i.low
    hi = None if last is not None and (last.high, last.high_closed) == (i.high, i.high_closed) else i.high
    return lo, hi


def words(intervals: list[Interval], name: str, domain: list[Interval] | None = None) -> str:
    """``p >= 3/10``, ``1 < c <= 2``, ``s = 2``, ``p <= 1 or p >= 2``, ``always``, ``never``.

    Bounds that coincide with the domain's are left out (they hold anyway)."""
    if not intervals:
        return "never"
    if domain is not None and intervals == domain:
        return "always"
    parts = []
    for i in intervals:
        lo, hi = _shown_bounds(i, domain)
        if i.low is not None and i.low == i.high:
            parts.append(f"{name} = {_num(i.low)}")
        elif lo is None and hi is None:
            parts.append("always")
        elif lo is None:
            parts.append(f"{name} {'<=' if i.high_closed else '<'} {_num(hi)}")
        elif hi is None:
            parts.append(f"{name} {'>=' if i.low_closed else '>'} {_num(lo)}")
        else:
            left, right = "<=" if i.low_closed else "<", "<=" if i.high_closed else "<"
            parts.append(f"{_num(lo)} {left} {name} {right} {_num(hi)}")
    return " or ".join(parts)


def sympy_condition(intervals: list[Interval], name: str, domain: list[Interval] | None = None) -> str:
    """The same set as a sympy-parsable string: ``p >= 3/10``, ``(p > 1) & (p <= 2)``, ``Eq(s, 2)``, ``True``."""
    if not intervals:
        return "False"
    if domain is not None and intervals == domain:
        return "True"
    parts = []
    for i in intervals:
        lo, hi = _shown_bounds(i, domain)
        if i.low is not None and i.low == i.high:
            parts.append(f"Eq({name}, {_num(i.low)})")
            continue
        terms = []
        if lo is not None:
            terms.append(f"{name} {'>=' if i.low_closed else '>'} {_num(lo)}")
        if hi is not None:
            terms.append(f"{name} {'<=' if i.high_closed else '<'} {_num(hi)}")
        if not terms:
            return "True"
        parts.append(terms[0] if len(terms) == 1 else " & ".join(f"({t})" for t in terms))
    if len(parts) == 1:
        return parts[0]
    return " | ".join(f"({p})" for p in parts)
