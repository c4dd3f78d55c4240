"""Payoff expressions as sympy objects, and conditions in words.

:func:`to_sympy` builds sympy expressions from negsolve's own expression trees (numbers,
parameters, + - * / **): no text is ever parsed by sympy.  :class:`Condition` is one
inequality ``expr >= 0`` (or ``> 0``) over the parameters, kept also as an exact
:class:`~negsolve.analysis.linear.Linear` form when it is linear.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.analysis.linear import Linear
from negsolve.expr import format_number as fmt
from negsolve.model.expression import Binary, Expr, Negate, Number, Power, Variable


def symbols_for(names: list[str]) -> dict[str, Any]:
    import sympy

    return {name: sympy.Symbol(name, real=True) for name in names}


def to_sympy(expr: Expr, symbols: Mapping[str, Any]) -> Any:
    """The sympy expression of a payoff expression tree (exact rationals)."""
    import sympy

    if isinstance(expr, Number):
        return sympy.Rational(expr.value.numerator, expr.value.denominator)
    if isinstance(expr, Variable):
        return symbols[expr.name]
    if isinstance(expr, Negate):
        return -to_sympy(expr.operand, symbols)
    if isinstance(expr, Power):
        return to_sympy(expr.base, symbols) ** expr.exponent
    left, right = to_sympy(expr.left, symbols), to_sympy(expr.right, symbols)
    if isinstance(expr, Binary) and expr.op == "+":
        return left + right
    if expr.op == "-":
        return left - right
    if expr.op == "*":
        return left * right
    return left / right


def linear_form(expr: Any, strict: bool) -> Linear | None:
    """``expr >= 0`` as an exact Linear condition, or None if ``expr`` is not linear in its symbols."""
    import sympy

    expr = sympy.together(sympy.expand(expr))
    num, den = sympy.fraction(expr)
    if den.free_symbols:
        return None
    if not num.free_symbols:
        value = sympy.Rational(expr)
        return Linear.make({}, Fraction(int(value.p), int(value.q)), strict)
    poly = sympy.Poly(sympy.expand(expr), *sorted(expr.free_symbols, key=lambda s: s.name))
    if poly.total_degree() > 1:
        return None
    coeffs: dict[str, Fraction] = {}
    const = Fraction(0)
    for monom, coeff in zip(poly.monoms(), poly.coeffs(), strict=False):
        value = Fraction(int(sympy.Rational(coeff).p), int(sympy.Rational(coeff).q))
        if sum(monom) == 0:
            const = value
        else:
            coeffs[poly.gens[monom.index(1)].name] = value
    return Linear.make(coeffs, const, strict)


@dataclass(frozen=True)
class Condition:
    """``expr >= 0`` (``> 0`` when strict): one requirement on the parameters."""

    expr: Any          # sympy expression
    strict: bool
    linear: Linear | None

    @property
    def relation(self) -> str:
        return ">" if self.strict else ">="

    def sympy_text(self) -> str:
        """A string sympy parses back (``sympy.parse_expr``): e.g. ``s - 2 > 0``."""
        return f"{self.expr} {self.relation} 0"

    def words(self) -> str:
        """Readable: ``s > 2``, ``c - r <= 1``, ``always``, ``never``."""
        if self.linear is not None:
            return linear_words(self.linear)
        symbols = self.expr.free_symbols
        if len(symbols) == 1:
            import sympy

            (x,) = symbols
            try:
                rel = self.expr > 0 if self.strict else self.expr >= 0
                solved = sympy.solve_univariate_inequality(rel, x, relational=False)
                return _set_words(solved, str(x))
            except (NotImplementedError, ValueError, TypeError):  # pragma: no cover - sympy gives up
                pass
        return f"{self.expr} {self.relation} 0"

    def status(self, values: Mapping[str, Fraction]) -> str:
        """``"holds"``, ``"boundary"`` (exactly zero: a tie) or ``"fails"`` at ``values``."""
        import sympy

        v = self.expr.subs({sympy.Symbol(k, real=True): sympy.Rational(x.numerator, x.denominator)
                            for k, x in values.items()})
        if v == 0:
            return "boundary"
        return "holds" if v > 0 else "fails"


def _set_words(solved: Any, name: str) -> str:
    """A sympy set of reals in words: ``s < -1 or s > 2``."""
    import sympy

    if solved == sympy.S.EmptySet:
        return "never"
    if solved == sympy.S.Reals:
        return "always"
    if isinstance(solved, sympy.Union):
        return " or ".join(_set_words(part, name) for part in solved.args)
    if isinstance(solved, sympy.Interval):
        lo, hi = solved.start, solved.end
        lo_rel = "<" if solved.left_open else "<="
        hi_rel = "<" if solved.right_open else "<="
        if lo == -sympy.oo:
            return f"{name} {hi_rel} {hi}"
        if hi == sympy.oo:
            return f"{name} {'>' if solved.left_open else '>='} {lo}"
        return f"{lo} {lo_rel} {name} {hi_rel} {hi}"
    if isinstance(solved, sympy.FiniteSet):
        return " or ".join(f"{name} = {v}" for v in solved.args)
    return f"{name} in {solved}"


def linear_words(c: Linear) -> str:
    c = c.normalized()
    rel = ">" if c.strict else ">="
    if not c.coeffs:
        ok = c.const > 0 if c.strict else c.const >= 0
        return "always" if ok else "never"
    if len(c.coeffs) == 1:
        (name, a), = c.coeffs
        bound = -c.const / a
        if a > 0:
            return f"{name} {rel} {fmt(bound)}"
        return f"{name} {'<' if c.strict else '<='} {fmt(bound)}"
    # several parameters: put the positive terms on the left
    pos = [(v, a) for v, a in c.coeffs if a > 0]
    neg = [(v, -a) for v, a in c.coeffs if a < 0]
    if not pos:
        pos, neg = neg, pos
        rel = "<" if c.strict else "<="
        const = c.const
    else:
        const = -c.const

    def side(terms: list[tuple[str, Fraction]]) -> str:
        return " + ".join((name if a == 1 else f"{fmt(a)}*{name}") for name, a in terms)

    if const < 0:  # "c - r < 1" reads better than "r - c > -1"
        pos, neg, const = neg, pos, -const
        rel = {">": "<", ">=": "<=", "<": ">", "<=": ">="}[rel]
    left = side(pos) + ("" if not neg else " - " + " - ".join((n if a == 1 else f"{fmt(a)}*{n}") for n, a in neg))
    return f"{left} {rel} {fmt(const)}"
