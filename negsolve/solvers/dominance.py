r"""Dominated strategies, iterated elimination, and security (maximin) values, exact.

Strategy :math:`a` of player :math:`i` *strictly dominates* :math:`b` when it pays more
against every profile of the others; *weakly* when it pays at least as much against
every profile and more against one.  A strategy can also be strictly dominated by a
*mixture* of the player's other strategies (e.g. (1/2, 1/2) on two others) without being
dominated by any single one: that is decided exactly by the value of the zero-sum game
:math:`D_{k,c} = u_i(k, c) - u_i(b, c)` (rows: the other strategies :math:`k`, columns:
the others' pure profiles :math:`c`); :math:`b` is strictly dominated iff that value is
positive.  The security (maximin) value of a player is the value of the zero-sum game
in which everyone else tries to minimise that player's payoff; pure and mixed versions
are given.  Zero-sum values come from the exact simplex method (:mod:`negsolve.solvers.lp`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from math import lcm

from negsolve.model.strategic import PayoffTable


@dataclass(frozen=True)
class Domination:
    """``dominated`` (a strategy index of ``player``) is dominated by ``by``.

    ``by`` is a mixed strategy over the player's strategies (a pure one has a single 1).
    """

    player: int
    dominated: int
    by: tuple[Fraction, ...]
    strict: bool


@dataclass(frozen=True)
class EliminationStep:
    """One round of iterated elimination: the strategies removed and what dominated them."""

    removed: tuple[Domination, ...]


@dataclass(frozen=True)
class EliminationResult:
    steps: tuple[EliminationStep, ...]
    surviving: tuple[tuple[int, ...], ...]  # per player, the strategy indices left


@dataclass(frozen=True)
class SecurityLevel:
    """A player's maximin: the payoff it can guarantee, with pure strategies and with a mixed one."""

    player: int
    pure_value: Fraction
    pure_strategies: tuple[int, ...]
    mixed_value: Fraction
    mixed_strategy: tuple[Fraction, ...]


def _columns(table: PayoffTable, player: int, alive: list[list[int]]) -> list[tuple[int, ...]]:
    others = [alive[i] for i in range(table.n_players) if i != player]
    return list(itertools.product(*others))


def _payoff(table: PayoffTable, player: int, own: int, rest: tuple[int, ...]) -> Fraction:
    return table.at(rest[:player] + (own,) + rest[player:])[player]


def _unit(size: int, k: int) -> tuple[Fraction, ...]:
    return tuple(Fraction(1 if j == k else 0) for j in range(size))


def pure_dominations(table: PayoffTable, alive: list[list[int]] | None = None) -> list[Domination]:
    """Every pair (dominated, dominating) of pure strategies, strict and weak, among ``alive``."""
    alive = alive or [list(range(k)) for k in table.shape]
    found = []
    for player in range(table.n_players):
        cols = _columns(table, player, alive)
        exact = {s: [_payoff(table, player, s, c) for c in cols] for s in alive[player]}
        # compare integers (payoffs times a common denominator): same order, much faster
        scale = lcm(*(v.denominator for row in exact.values() for v in row)) if exact else 1
        rows = {s: [int(v * scale) for v in row] for s, row in exact.items()}
        for b in alive[player]:
            rb = rows[b]
            for a in alive[player]:
                if a == b:
                    continue
                ra = rows[a]
                if all(x > y for x, y in zip(ra, rb, strict=True)):
                    found.append(Domination(player, b, _unit(table.shape[player], a), True))
                elif ra != rb and all(x >= y for x, y in zip(ra, rb, strict=True)):
                    found.append(Domination(player, b, _unit(table.shape[player], a), False))
    return found


def zero_sum_value(matrix: list[list[Fraction]]) -> tuple[Fraction, tuple[Fraction, ...]]:
    """Value of the zero-sum game where the row player receives ``matrix``, and an optimal row strategy.

    Solved as one exact linear program (:func:`negsolve.solvers.lp.zero_sum_game`).
    """
    from negsolve.solvers.lp import zero_sum_game

    value, row_strategy, _ = zero_sum_game(matrix)
    return value, row_strategy


def mixed_domination(table: PayoffTable, player: int, b: int, alive: list[list[int]]) -> Domination | None:
    """A mixture of ``player``'s other live strategies that strictly dominates ``b``, or None."""
    others = [k for k in alive[player] if k != b]
    if not others:
        return None
    cols = _columns(table, player, alive)
    diff = [[_payoff(table, player, k, c) - _payoff(table, player, b, c) for c in cols] for k in others]
    value, strategy = zero_sum_value(diff)
    if value <= 0:
        return None
    full = [Fraction(0)] * table.shape[player]
    for k, p in zip(others, strategy, strict=True):
        full[k] = p
    return Domination(player, b, tuple(full), True)


def iterated_elimination(table: PayoffTable, mixed: bool = True) -> EliminationResult:
    """Iterated elimination of strictly dominated strategies (by pure, and if ``mixed``, by mixed ones).

    Each round removes, for every player at once, every strategy strictly dominated among the
    strategies still alive; the result does not depend on the order of removal.
    """
    alive = [list(range(k)) for k in table.shape]
    steps = []
    while True:
        removed: list[Domination] = []
        pure = [d for d in pure_dominations(table, alive) if d.strict]
        seen: set[tuple[int, int]] = set()
        for d in pure:
            if (d.player, d.dominated) not in seen:
                seen.add((d.player, d.dominated))
                removed.append(d)
        if mixed:
            for player in range(table.n_players):
                for b in alive[player]:
                    if (player, b) in seen or len(alive[player]) < 3:
                        continue
                    mixed_d = mixed_domination(table, player, b, alive)
                    if mixed_d is not None:
                        seen.add((player, b))
                        removed.append(mixed_d)
        # never remove every strategy of a player (cannot happen with strict dominance, kept as a guard)
        if not removed:
            break
        steps.append(EliminationStep(tuple(removed)))
        for d in removed:
            alive[d.player].remove(d.dominated)
    return EliminationResult(tuple(steps), tuple(tuple(a) for a in alive))


def security_levels(table: PayoffTable) -> tuple[SecurityLevel, ...]:
    """Each player's pure and mixed maximin value (what it can guarantee whatever the others do)."""
    levels = []
    alive = [list(range(k)) for k in table.shape]
    for player in range(table.n_players):
        cols = _columns(table, player, alive)
        rows = [[_payoff(table, player, s, c) for c in cols] for s in range(table.shape[player])]
        worst = [min(r) for r in rows]
        pure_value = max(worst)
        mixed_value, mixed_strategy = zero_sum_value(rows)
        levels.append(
            SecurityLevel(
                player,
                pure_value,
                tuple(k for k, w in enumerate(worst) if w == pure_value),
                mixed_value,
                mixed_strategy,
            )
        )
    return tuple(levels)


def pareto_efficient(table: PayoffTable, payoffs: tuple[Fraction, ...]) -> bool:
    """True when no pure outcome gives every player at least ``payoffs`` and someone more."""
    for profile in table.profiles():
        cell = table.at(profile)
        pairs = list(zip(cell, payoffs, strict=True))
        if all(c >= p for c, p in pairs) and any(c > p for c, p in pairs):
            return False
    return True
