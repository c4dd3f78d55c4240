r"""Exact linear inequalities over parameters, and Fourier–Motzkin elimination.

A condition is :math:`\sum_v a_v x_v + c \ge 0` (or :math:`> 0` when strict), coefficients
exact rationals.  :func:`feasible` decides whether a system has a real solution by
eliminating variables one at a time (Fourier 1826, Motzkin 1936): every pair of a lower and
an upper bound on the eliminated variable yields one inequality without it; strictness
carries over when either side is strict.  :func:`remove_redundant` drops each condition
implied by the others (the system plus its negation is infeasible).  With the few
parameters of a negotiation game this takes milliseconds; sympy's ``reduce_inequalities``
raises NotImplementedError as soon as a condition has two parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import gcd, lcm


@dataclass(frozen=True)
class Linear:
    """``sum(coeff * var) + const >= 0`` (``> 0`` if strict)."""

    coeffs: tuple[tuple[str, Fraction], ...]  # sorted by name, no zero coefficients
    const: Fraction
    strict: bool

    @staticmethod
    def make(coeffs: dict[str, Fraction], const: Fraction, strict: bool) -> Linear:
        return Linear(tuple(sorted((k, Fraction(v)) for k, v in coeffs.items() if v != 0)), Fraction(const), strict)

    def value(self, point: dict[str, Fraction]) -> Fraction:
        return sum((a * point[v] for v, a in self.coeffs), self.const)

    def holds(self, point: dict[str, Fraction]) -> bool:
        v = self.value(point)
        return v > 0 if self.strict else v >= 0

    def negation(self) -> Linear:
        return Linear(tuple((v, -a) for v, a in self.coeffs), -self.const, not self.strict)

    def normalized(self) -> Linear:
        """Integer coefficients with no common factor (same meaning)."""
        values = [a for _, a in self.coeffs] + [self.const]
        scale = lcm(*(v.denominator for v in values))
        ints = [int(v * scale) for v in values]
        g = 0
        for i in ints:
            g = gcd(g, i)
        g = g or 1
        return Linear(tuple((v, Fraction(int(a * scale) // g)) for v, a in self.coeffs),
                      Fraction(int(self.const * scale) // g), self.strict)

    @property
    def variables(self) -> tuple[str, ...]:
        return tuple(v for v, _ in self.coeffs)


def feasible(system: list[Linear]) -> bool:
    """Whether some real point satisfies every condition (Fourier–Motzkin)."""
    rows = [(dict(c.coeffs), c.const, c.strict) for c in system]
    names = sorted({v for c in system for v, _ in c.coeffs})
    for name in names:
        lower: list[tuple[dict[str, Fraction], Fraction, bool, Fraction]] = []
        upper: list[tuple[dict[str, Fraction], Fraction, bool, Fraction]] = []
        rest: list[tuple[dict[str, Fraction], Fraction, bool, Fraction]] = []
        for coeffs, const, strict in rows:
            a = coeffs.get(name, Fraction(0))
            (lower if a > 0 else upper if a < 0 else rest).append((coeffs, const, strict, a))
        rows = [(c, k, s) for c, k, s, _ in rest]
        seen = set()
        for c1, k1, s1, a1 in lower:
            for c2, k2, s2, a2 in upper:
                # c1/a1 + c2/|a2| removes `name`
                combined: dict[str, Fraction] = {}
                for v in set(c1) | set(c2):
                    if v == name:
                        continue
                    val = c1.get(v, Fraction(0)) / a1 + c2.get(v, Fraction(0)) / -a2
                    if val:
                        combined[v] = val
                const = k1 / a1 + k2 / -a2
                key = (tuple(sorted(combined.items())), const, s1 or s2)
                if key not in seen:
                    seen.add(key)
                    rows.append((combined, const, s1 or s2))
    return all((const > 0) if strict else (const >= 0) for _, const, strict in rows)


def remove_redundant(system: list[Linear]) -> list[Linear]:
    """The conditions that are not implied by the others (order kept; duplicates dropped)."""
    kept: list[Linear] = []
    for c in system:
        n = c.normalized()
        if n not in kept:
            kept.append(n)
    k = 0
    while k < len(kept):
        others = kept[:k] + kept[k + 1:]
        if not feasible(others + [kept[k].negation()]):
            kept = others
        else:
            k += 1
    return kept


def interval(system: list[Linear], name: str) -> tuple[Fraction | None, bool, Fraction | None, bool, bool]:
    """For conditions in one variable: (low, low_strict, high, high_strict, empty)."""
    low: Fraction | None = None
    high: Fraction | None = None
    low_strict = high_strict = False
    for c in system:
        coeffs = dict(c.coeffs)
        a = coeffs.get(name, Fraction(0))
        if not a:
            if not ((c.const > 0) if c.strict else (c.const >= 0)):
                return None, False, None, False, True
            continue
        bound = -c.const / a
        if a > 0:
            if low is None or bound > low or (bound == low and c.strict):
                low, low_strict = bound, c.strict
        else:
            if high is None or bound < high or (bound == high and c.strict):
                high, high_strict = bound, c.strict
    empty = low is not None and high is not None and (low > high or (low == high and (low_strict or high_strict)))
    return low, low_strict, high, high_strict, empty
