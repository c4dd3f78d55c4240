r"""Exact feasibility of log-linear conditions :math:`\prod_a \rho_a^{k_a} \ge q` over :math:`\rho_a > 0`.

With :math:`t_a = \log \rho_a` each condition is linear, :math:`\sum_a k_a t_a \ge \log q`, with
integer :math:`k_a` and a positive rational :math:`q`.  Fourier–Motzkin elimination of
:math:`t_v` combines a row with :math:`k_v > 0` and one with :math:`k_v < 0` using the positive
*integer* multipliers :math:`|k_v|` and :math:`k_v`, so every derived row again has integer
exponents and a right-hand side :math:`q_1^{|k|} q_2^{k'}` that is an exact rational: the test
"0 >= log q", i.e. :math:`q \le 1`, at the end is exact.  No logarithm is ever evaluated.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Monomial:
    """``prod(rho_v ** k_v) >= bound`` (``bound`` > 0)."""

    exponents: tuple[tuple[str, int], ...]  # sorted, no zero exponents
    bound: Fraction

    @staticmethod
    def make(exponents: dict[str, int], bound: Fraction) -> Monomial:
        if bound <= 0:
            raise ValueError("a monomial bound must be positive")
        return Monomial(tuple(sorted((v, k) for v, k in exponents.items() if k)), Fraction(bound))


def feasible(rows: list[Monomial]) -> bool:
    """Whether some positive ``rho`` satisfies every row (Fourier–Motzkin in logarithms)."""
    current = {(r.exponents, r.bound) for r in rows}
    names = sorted({v for r in rows for v, _ in r.exponents})
    for name in names:
        keep: set[tuple[tuple[tuple[str, int], ...], Fraction]] = set()
        up, down = [], []
        for exps, bound in current:
            k = dict(exps).get(name, 0)
            if k > 0:
                up.append((exps, bound))
            elif k < 0:
                down.append((exps, bound))
            else:
                keep.add((exps, bound))
        for e1, b1 in up:
            k1 = dict(e1)[name]
            for e2, b2 in down:
                k2 = -dict(e2)[name]
                combined: dict[str, int] = {}
                for v, k in e1:
                    combined[v] = combined.get(v, 0) + k2 * k
                for v, k in e2:
                    combined[v] = combined.get(v, 0) + k1 * k
                combined.pop(name, None)
                keep.add((tuple(sorted((v, k) for v, k in combined.items() if k)), b1 ** k2 * b2 ** k1))
        current = keep
    return all(bound <= 1 for _, bound in current)
