"""Exact identities between payoff expressions: does a sum of expressions equal 1 for every parameter value?

A sum of probabilities written with parameters (``p``, ``1 - p``) must be 1 *identically*, not only at
the default values.  :func:`sum_is_one` expands the sum as a polynomial with rational coefficients
(exact, no floating point); only a quotient by a parameter falls back to sympy's ``simplify``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from negsolve.model.expression import Binary, Expr, Negate, Number, Power, Variable

Monomial = tuple[tuple[str, int], ...]


def _poly(expr: Expr) -> dict[Monomial, Fraction] | None:
    """``expr`` expanded as a polynomial in its parameters, or None (division by a parameter)."""
    if isinstance(expr, Number):
        return {(): expr.value} if expr.value else {}
    if isinstance(expr, Variable):
        return {((expr.name, 1),): Fraction(1)}
    if isinstance(expr, Negate):
        inner = _poly(expr.operand)
        return None if inner is None else {m: -c for m, c in inner.items()}
    if isinstance(expr, Power):
        base = _poly(expr.base)
        if base is None or expr.exponent < 0 or expr.exponent > 8:
            return None
        result: dict[Monomial, Fraction] | None = {(): Fraction(1)}
        for _ in range(expr.exponent):
            result = _multiply(result or {}, base)
        return result
    left, right = _poly(expr.left), _poly(expr.right)
    if left is None or right is None:
        return None
    if expr.op in "+-":
        sign = 1 if expr.op == "+" else -1
        total = dict(left)
        for m, c in right.items():
            total[m] = total.get(m, Fraction(0)) + sign * c
        return {m: c for m, c in total.items() if c}
    if expr.op == "*":
        return _multiply(left, right)
    if set(right) == {()}:  # division by a nonzero constant
        return {m: c / right[()] for m, c in left.items()}
    return None


def _multiply(a: dict[Monomial, Fraction], b: dict[Monomial, Fraction]) -> dict[Monomial, Fraction]:
    out: dict[Monomial, Fraction] = {}
    for ma, ca in a.items():
        for mb, cb in b.items():
            powers = dict(ma)
            for name, k in mb:
                powers[name] = powers.get(name, 0) + k
            key = tuple(sorted(powers.items()))
            out[key] = out.get(key, Fraction(0)) + ca * cb
    return {m: c for m, c in out.items() if c}


def sum_is_one(exprs: tuple[Expr, ...]) -> bool:
    """Whether the expressions sum to 1 identically in the parameters (exact; sympy only for quotients)."""
    total: Expr = Number(Fraction(0))
    for e in exprs:
        total = Binary("+", total, e)
    poly = _poly(Binary("-", total, Number(Fraction(1))))
    if poly is not None:
        return not poly
    import sympy  # a quotient of parameters: rare, so the heavy import waits until here

    def convert(e: Expr) -> Any:
        if isinstance(e, Number):
            return sympy.Rational(e.value.numerator, e.value.denominator)
        if isinstance(e, Variable):
            return sympy.Symbol(e.name, real=True)
        if isinstance(e, Negate):
            return -convert(e.operand)
        if isinstance(e, Power):
            return convert(e.base) ** e.exponent
        a, b = convert(e.left), convert(e.right)
        return {"+": a + b, "-": a - b, "*": a * b}.get(e.op) if e.op != "/" else a / b

    return bool(sympy.simplify(sum(convert(e) for e in exprs) - 1) == 0)
