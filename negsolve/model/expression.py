"""Payoff expressions as plain data.

A payoff is a number or an arithmetic expression over declared parameters.  The tree is
made of frozen dataclasses: :class:`Number` (an exact rational), :class:`Variable` (a
parameter name), :class:`Negate`, :class:`Binary` (``+ - * /``) and :class:`Power` (an
integer exponent).  :func:`evaluate` computes its exact value for given parameter values.
Text is turned into these trees only by :mod:`negsolve.expr`, never by ``eval``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from negsolve.limits import MAX_BITS, power_fits, size_problem


@dataclass(frozen=True)
class Number:
    value: Fraction

    def __str__(self) -> str:
        return str(self.value)


@dataclass(frozen=True)
class Variable:
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Negate:
    operand: Expr

    def __str__(self) -> str:
        return f"-{_wrap(self.operand)}"


@dataclass(frozen=True)
class Binary:
    op: str  # one of + - * /
    left: Expr
    right: Expr

    def __str__(self) -> str:
        return f"{_wrap(self.left)} {self.op} {_wrap(self.right)}"


@dataclass(frozen=True)
class Power:
    base: Expr
    exponent: int

    def __str__(self) -> str:
        base = f"({self.base})" if isinstance(self.base, Power) else _wrap(self.base)
        return f"{base}**{self.exponent}"


Expr = Number | Variable | Negate | Binary | Power


def _wrap(expr: Expr) -> str:
    text = str(expr)
    if isinstance(expr, (Binary, Negate)) or (
            isinstance(expr, Number) and (expr.value < 0 or expr.value.denominator != 1)):
        return f"({text})"
    return text


class EvaluationError(ArithmeticError):
    """Division by zero, a parameter with no value, or a value beyond :data:`negsolve.limits.MAX_BITS`."""


def evaluate(expr: Expr, values: Mapping[str, Fraction]) -> Fraction:
    """Exact value of ``expr`` with the parameters set to ``values``.

    Every intermediate value is kept within :data:`negsolve.limits.MAX_BITS` (a power is
    checked before it is computed); beyond it, :class:`EvaluationError` says so.
    """
    value = _evaluate(expr, values)
    problem = size_problem(value)
    if problem:
        raise EvaluationError(f"the exact value of {brief(expr)} is too large: {problem}")
    return value


def brief(expr: Expr) -> str:
    """``str(expr)`` cut to 60 characters, for messages."""
    text = str(expr)
    return text if len(text) <= 60 else text[:57] + "..."


def _evaluate(expr: Expr, values: Mapping[str, Fraction]) -> Fraction:
    if isinstance(expr, Number):
        return expr.value
    if isinstance(expr, Variable):
        try:
            return values[expr.name]
        except KeyError:
            raise EvaluationError(f"parameter {expr.name!r} has no value") from None
    if isinstance(expr, Negate):
        return -_evaluate(expr.operand, values)
    if isinstance(expr, Power):
        base = evaluate(expr.base, values)
        if base == 0 and expr.exponent < 0:
            raise EvaluationError("zero raised to a negative power")
        if not power_fits(base, expr.exponent):
            raise EvaluationError(f"the exact value of {brief(expr)} would be too large: beyond the limit of "
                                  f"{MAX_BITS} bits for a numerator or denominator")
        return base**expr.exponent
    left = evaluate(expr.left, values)
    right = evaluate(expr.right, values)
    if expr.op == "+":
        return left + right
    if expr.op == "-":
        return left - right
    if expr.op == "*":
        return left * right
    if right == 0:
        raise EvaluationError(f"division by zero in {expr}")
    return left / right


def variables(expr: Expr) -> frozenset[str]:
    """Names of the parameters an expression uses."""
    if isinstance(expr, Number):
        return frozenset()
    if isinstance(expr, Variable):
        return frozenset((expr.name,))
    if isinstance(expr, Negate):
        return variables(expr.operand)
    if isinstance(expr, Power):
        return variables(expr.base)
    return variables(expr.left) | variables(expr.right)
