r"""Certification of a candidate profile, exactly: positivity on the support, no profitable deviation.

A solution of a support system (:mod:`.system`) is an equilibrium iff

- every probability on the support is strictly positive (a zero means a smaller support, found there);
- for every player :math:`i` and every strategy :math:`j`, :math:`u_i(j, x_{-i}) \le u_i(k_0, x_{-i})`
  (no deviation gains; on the support this holds with equality by construction and is re-checked).

The payoffs :math:`u_i(j, x_{-i})` are computed here from the payoff table, independently of the
equations, in exact arithmetic of :math:`\mathbb{Q}(\alpha)`; signs of irrational numbers are decided
by refining the isolating interval of :math:`\alpha` until interval arithmetic excludes zero.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from negsolve.model.strategic import PayoffTable
from negsolve.solvers.polynomial.algebraic import RealAlgebraic, rational

Profile = tuple[tuple[RealAlgebraic, ...], ...]


@dataclass(frozen=True)
class Certificate:
    """Why a profile is (or is not) an equilibrium: ``ok``, and otherwise the reason."""

    ok: bool
    reason: str = ""
    payoffs: tuple[RealAlgebraic, ...] = ()


def strategy_payoffs(table: PayoffTable, profile: Profile, player: int) -> list[RealAlgebraic]:
    """Exact payoff to ``player`` of each pure strategy against the others' mixed strategies."""
    others = [j for j in range(table.n_players) if j != player]
    supports = [[k for k, p in enumerate(profile[j]) if p.sign() != 0] for j in others]
    values = [rational(0) for _ in range(table.shape[player])]
    for rest in itertools.product(*supports):
        weight = rational(1)
        for j, k in zip(others, rest, strict=False):
            weight = weight * profile[j][k]
        for own in range(table.shape[player]):
            cell = table.at(rest[:player] + (own,) + rest[player:])[player]
            if cell:
                values[own] = values[own] + weight.scale(Fraction(cell))
    return values


def certify(table: PayoffTable, profile: Profile, support: Sequence[Sequence[int]]) -> Certificate:
    """Check exactly that ``profile`` is a Nash equilibrium with exactly the given ``support``."""
    for i, s in enumerate(support):
        total = rational(0)
        for k, p in enumerate(profile[i]):
            total = total + p
            sign = p.sign()
            if (k in s and sign <= 0) or (k not in s and sign != 0):
                return Certificate(False, f"player {i + 1}'s probability of strategy {k + 1} has sign {sign}")
        if (total - rational(1)).sign() != 0:
            return Certificate(False, f"player {i + 1}'s probabilities do not sum to 1")
    payoffs = []
    for i, s in enumerate(support):
        values = strategy_payoffs(table, profile, i)
        best = values[s[0]]
        for j, value in enumerate(values):
            sign = (value - best).sign()
            if j in s and sign != 0:
                return Certificate(False, f"player {i + 1} is not indifferent on the support")
            if sign > 0:
                return Certificate(False, f"player {i + 1} gains by deviating to strategy {j + 1}")
        payoffs.append(best)
    return Certificate(True, payoffs=tuple(payoffs))


def pareto_efficient(table: PayoffTable, payoffs: Sequence[RealAlgebraic]) -> bool:
    """True when no pure outcome gives every player at least ``payoffs`` and someone more (exact signs)."""
    for profile in table.profiles():
        cell = table.at(profile)
        signs = [(rational(c) - p).sign() for c, p in zip(cell, payoffs, strict=False)]
        if all(s >= 0 for s in signs) and any(s > 0 for s in signs):
            return False
    return True
