r"""Minmax (punishment) values and the individually rational region, exact.

Player :math:`i`'s *pure minmax value* is the least payoff the others can hold it to with pure
strategies, when :math:`i` answers with a best response:

.. math::

    \underline v_i^{\text{pure}} = \min_{s_{-i}} \max_{s_i} u_i(s_i, s_{-i}).

The *mixed minmax value* lets the others mix.  For two players it is the value of the zero-sum
game in which the opponent minimises :math:`i`'s payoff, computed by one exact linear program; by
von Neumann's minimax theorem it equals :math:`i`'s mixed security (maximin) value.  With three or
more players independent mixing by the others makes the problem non-convex; negsolve then reports
the value when the others may *correlate* their punishment (an LP; a lower bound on the
independent-mixing value), and says so.

A payoff vector is *individually rational* when every player gets at least its minmax value; the
feasible individually rational vectors are the region the folk theorem speaks about: with patient
enough players, every feasible vector strictly above the minmax values is the average payoff of a
subgame-perfect equilibrium of the infinitely repeated game (Fudenberg and Maskin, Econometrica
54, 1986; for two players with mixed minmax punishments).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction

from negsolve.deals import geometry
from negsolve.errors import SolverError
from negsolve.model.strategic import PayoffTable

Vector = tuple[Fraction, ...]


@dataclass(frozen=True)
class Minmax:
    """One player's minmax values and the punishments that achieve them.

    ``pure_punishments``: the profiles of the others (in player order, the player itself left
    out) that hold it to ``pure``; ``mixed_punishment``: for two players, the opponent's mixed
    strategy that holds it to ``mixed`` (None for three or more players, where ``mixed`` is the
    correlated-punishment value, see ``correlated``).
    """

    player: int
    pure: Fraction
    pure_punishments: tuple[tuple[int, ...], ...]
    mixed: Fraction
    mixed_punishment: tuple[Fraction, ...] | None
    correlated: bool = False


def _own_best(table: PayoffTable, player: int, rest: tuple[int, ...]) -> Fraction:
    return max(table.at(rest[:player] + (s,) + rest[player:])[player] for s in range(table.shape[player]))


def minmax_values(table: PayoffTable) -> tuple[Minmax, ...]:
    """Pure and mixed minmax value of every player (see the module docstring)."""
    out = []
    for player in range(table.n_players):
        others = [range(k) for i, k in enumerate(table.shape) if i != player]
        rests = list(itertools.product(*others))
        best = {rest: _own_best(table, player, rest) for rest in rests}
        pure = min(best.values())
        punish = tuple(r for r in rests if best[r] == pure)
        mixed, strategy = _mixed_minmax(table, player, rests)
        out.append(Minmax(player, pure, punish, mixed, strategy if table.n_players == 2 else None,
                          correlated=table.n_players > 2))
    return tuple(out)


def _mixed_minmax(table: PayoffTable, player: int,
                  rests: list[tuple[int, ...]]) -> tuple[Fraction, tuple[Fraction, ...]]:
    r"""min over distributions y on the others' profiles of max over own strategies s of sum_r y_r u(s, r).

    As an LP over (y, w) with w = v + M >= 0 shifted so the value variable is non-negative:
    maximise -w subject to sum_r y_r (u(s, r) + M) - w <= 0 for every s, sum_r y_r = 1.
    """
    from negsolve.deals.certified_lp import maximize_exact as maximize

    values = [table.at(r[:player] + (s,) + r[player:])[player]
              for s in range(table.shape[player]) for r in rests]
    shift = -min(values) + 1 if values and min(values) <= 0 else Fraction(0)
    k = len(rests)
    a_ub = [[table.at(r[:player] + (s,) + r[player:])[player] + shift for r in rests] + [Fraction(-1)]
            for s in range(table.shape[player])]
    result = maximize([Fraction(0)] * k + [Fraction(-1)], a_ub, [Fraction(0)] * len(a_ub),
                      [[Fraction(1)] * k + [Fraction(0)]], [Fraction(1)])
    if result.status != "optimal" or result.x is None or result.value is None:
        raise SolverError(f"minmax LP ended {result.status}")  # cannot happen: the LP is feasible and bounded
    return -result.value - shift, tuple(result.x[:k])


def individually_rational_region(hull: tuple[Vector, ...], minmax: tuple[Minmax, ...]) -> tuple[Vector, ...]:
    """Two players: the vertices of the feasible points where each gets at least its mixed minmax value."""
    polygon = [(v[0], v[1]) for v in hull]
    polygon = geometry.clip(polygon, (Fraction(1), Fraction(0)), minmax[0].mixed)
    polygon = geometry.clip(polygon, (Fraction(0), Fraction(1)), minmax[1].mixed)
    return tuple(polygon)
