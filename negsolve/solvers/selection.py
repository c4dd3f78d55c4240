r"""Equilibrium selection in 2×2 games with two strict pure equilibria (Harsanyi & Selten 1988).

Let :math:`E = (r, c)` and :math:`E' = (r', c')` be the two strict equilibria.  A player's
**deviation loss** at an equilibrium is what it gives up by switching alone:
:math:`\ell_1(E) = u_1(r, c) - u_1(r', c)`, :math:`\ell_2(E) = u_2(r, c) - u_2(r, c')`.

- **Payoff dominance**: :math:`E` payoff-dominates :math:`E'` when every player gets strictly
  more at :math:`E`.
- **Risk dominance**: :math:`E` risk-dominates :math:`E'` when the Nash product of deviation
  losses is larger, :math:`\ell_1(E)\,\ell_2(E) > \ell_1(E')\,\ell_2(E')`; with equal products
  neither does.
- **Belief thresholds** (the mixed equilibrium read as beliefs): player 1's strategy :math:`r`
  pays at least as much as :math:`r'` exactly when player 1 believes, with probability at least
  :math:`t_1 = \ell_1(E') / (\ell_1(E) + \ell_1(E'))`, that player 2 plays :math:`c`; this
  :math:`t_1` is player 2's probability of :math:`c` in the mixed equilibrium.  The same for
  player 2.  :math:`E` risk-dominates exactly when :math:`t_1 + t_2 < 1`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from negsolve.model.strategic import PayoffTable


@dataclass(frozen=True)
class BeliefThreshold:
    player: int
    strategy: int          # the player's strategy in the first equilibrium
    alternative: int       # its strategy in the second
    other_strategy: int    # the other player's strategy in the first equilibrium
    at_least: Fraction     # the belief in ``other_strategy`` above which ``strategy`` is best


@dataclass(frozen=True)
class Selection:
    equilibria: tuple[tuple[int, int], tuple[int, int]]
    losses: tuple[tuple[Fraction, Fraction], tuple[Fraction, Fraction]]  # per equilibrium, per player
    payoff_dominant: int | None   # 0 or 1: which equilibrium; None: neither
    risk_dominant: int | None
    thresholds: tuple[BeliefThreshold, BeliefThreshold]

    @property
    def products(self) -> tuple[Fraction, Fraction]:
        return (self.losses[0][0] * self.losses[0][1], self.losses[1][0] * self.losses[1][1])


def strict_pure_equilibria(table: PayoffTable) -> list[tuple[int, int]]:
    out = []
    for r in range(2):
        for c in range(2):
            u = table.at((r, c))
            if u[0] > table.at((1 - r, c))[0] and u[1] > table.at((r, 1 - c))[1]:
                out.append((r, c))
    return out


def select(table: PayoffTable) -> Selection | None:
    """Payoff and risk dominance for a 2×2 game with exactly two strict pure equilibria, else None."""
    if table.shape != (2, 2):
        return None
    strict = strict_pure_equilibria(table)
    if len(strict) != 2:
        return None
    first, second = (table.at(e) for e in strict)
    if all(b > a for a, b in zip(first, second, strict=True)):
        strict.reverse()  # the payoff-dominant equilibrium first: thresholds are stated for its strategies
    losses = tuple((table.at(e)[0] - table.at((1 - e[0], e[1]))[0],
                    table.at(e)[1] - table.at((e[0], 1 - e[1]))[1]) for e in strict)
    pay = [table.at(e) for e in strict]
    payoff_dominant = 0 if all(a > b for a, b in zip(pay[0], pay[1], strict=True)) else \
        1 if all(b > a for a, b in zip(pay[0], pay[1], strict=True)) else None
    p0, p1 = losses[0][0] * losses[0][1], losses[1][0] * losses[1][1]
    risk_dominant = 0 if p0 > p1 else 1 if p1 > p0 else None
    (r, c), (r2, c2) = strict
    thresholds = (
        BeliefThreshold(0, r, r2, c, losses[1][0] / (losses[0][0] + losses[1][0])),
        BeliefThreshold(1, c, c2, r, losses[1][1] / (losses[0][1] + losses[1][1])),
    )
    return Selection((strict[0], strict[1]), (losses[0], losses[1]), payoff_dominant, risk_dominant, thresholds)
