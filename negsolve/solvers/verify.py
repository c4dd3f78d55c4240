"""Exact verification: is a mixed profile a Nash equilibrium?  Zero regret, in rationals."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from negsolve.model.strategic import PayoffTable


def _is_distribution(s: Sequence[Fraction]) -> bool:
    return all(p >= 0 for p in s) and sum(s) == 1


def expected_payoffs(table: PayoffTable, profile: Sequence[Sequence[Fraction]]) -> tuple[Fraction, ...]:
    """Exact expected payoff of each player under the mixed ``profile``."""
    totals = [Fraction(0)] * table.n_players
    supports = [[k for k, p in enumerate(s) if p] for s in profile]
    import itertools

    for pure in itertools.product(*supports):
        weight = Fraction(1)
        for player, k in enumerate(pure):
            weight *= profile[player][k]
        cell = table.at(pure)
        for i in range(table.n_players):
            totals[i] += weight * cell[i]
    return tuple(totals)


def deviation_payoffs(table: PayoffTable, profile: Sequence[Sequence[Fraction]], player: int) -> list[Fraction]:
    """Exact payoff to ``player`` of each of its pure strategies against the others' mixed strategies."""
    import itertools

    others = [i for i in range(table.n_players) if i != player]
    supports = [[k for k, p in enumerate(profile[i]) if p] for i in others]
    values = [Fraction(0)] * table.shape[player]
    for rest in itertools.product(*supports):
        weight = Fraction(1)
        for i, k in zip(others, rest, strict=False):
            weight *= profile[i][k]
        full = list(rest)
        for own in range(table.shape[player]):
            full_profile = tuple(full[:player]) + (own,) + tuple(full[player:])
            values[own] += weight * table.at(full_profile)[player]
    return values


def regret(table: PayoffTable, profile: Sequence[Sequence[Fraction]]) -> Fraction:
    """Largest gain any player could get by a unilateral deviation (0 at an equilibrium)."""
    worst = Fraction(0)
    for player in range(table.n_players):
        values = deviation_payoffs(table, profile, player)
        current = sum((p * v for p, v in zip(profile[player], values, strict=False)), Fraction(0))
        worst = max(worst, max(values) - current)
    return worst


def is_equilibrium(table: PayoffTable, profile: Sequence[Sequence[Fraction]]) -> bool:
    """True iff ``profile`` is a probability profile with zero regret, checked exactly."""
    if len(profile) != table.n_players:
        return False
    for player, s in enumerate(profile):
        if len(s) != table.shape[player] or not _is_distribution(s):
            return False
    return regret(table, profile) == 0
