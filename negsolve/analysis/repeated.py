r"""Repeated play: when can an agreement be sustained because breaking it forfeits the future?

Infinitely repeated game, discount factor :math:`\delta`.  Players keep to outcome
:math:`o` while everyone has; after a breach they revert for ever to a stage equilibrium
:math:`e` (**grim trigger**, Friedman 1971).  With :math:`c_i = u_i(o)`, the best one-shot
deviation :math:`d_i = \max_t u_i(t, o_{-i})` and :math:`e_i = u_i(e)`, player :math:`i`
keeps to :math:`o` iff :math:`c_i/(1-\delta) \ge d_i + \delta e_i/(1-\delta)`, i.e.

.. math:: \delta \ge \delta_i^* = \frac{d_i - c_i}{d_i - e_i} \quad (d_i > c_i > e_i).

:math:`\delta^* = \max_i \delta_i^*`.  For 2x2 games, **tit-for-tat** (copy the other's last
move) also needs :math:`\delta \ge (T-R)/(R-S)` against alternating deviations and
:math:`\delta \ge (T-R)/(T-P)` against permanent defection (Axelrod 1984), with
:math:`T, R, S, P` the player's temptation, reward, sucker and punishment payoffs.

**Finitely many rounds**: if the stage game has a unique equilibrium, the last round is
played as a one-shot game, so the one before it is too, and so on: the agreement unravels
by backward induction (Luce and Raiffa 1957; Selten's chain-store paradox).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping

from negsolve.analysis.symbolic import symbols_for, to_sympy
from negsolve.model.strategic import StrategicGame, payoff_table


@dataclass(frozen=True)
class PlayerThreshold:
    player: int
    deviation: int | None         # best deviation at the current values (None: no temptation)
    expression: Any               # delta_i* as a sympy expression in the parameters
    value: Fraction | None        # at the current values (None: cannot be sustained)
    sustainable: bool
    reason: str


@dataclass(frozen=True)
class RepeatedReport:
    game: StrategicGame
    outcome: tuple[int, ...]
    punishment: tuple[int, ...]
    values: dict[str, Fraction]
    grim: tuple[PlayerThreshold, ...]
    grim_delta: Fraction | None             # max over players (None: not sustainable)
    tit_for_tat: tuple[PlayerThreshold, ...] | None
    tit_for_tat_delta: Fraction | None
    unique_stage_equilibrium: bool
    stage_equilibria: int
    rounds: int | None


def _frac(x: Any) -> Fraction:
    import sympy

    x = sympy.Rational(x)
    return Fraction(int(x.p), int(x.q))


def repeated(game: StrategicGame, outcome: tuple[int, ...], overrides: Mapping[str, Fraction] | None = None,
             punishment: tuple[int, ...] | None = None, rounds: int | None = None) -> RepeatedReport:
    import sympy

    from negsolve.solvers import solve_table

    values = game.parameter_values(overrides)
    table = payoff_table(game, overrides)
    result = solve_table(table)
    pure = [tuple(s.index(Fraction(1)) for s in eq.profile) for eq in result.equilibria if eq.pure]
    if punishment is not None and punishment not in pure:
        from negsolve.errors import InputError, Problem

        def said(p: tuple[int, ...]) -> str:
            return "(" + ", ".join(game.players[i].strategies[k] for i, k in enumerate(p)) + ")"

        listed = ", ".join(said(p) for p in pure) if pure else "none: the stage game has no pure equilibrium"
        raise InputError([Problem(f"--punish: {said(punishment)} is not a Nash equilibrium of the stage game "
                                  "(at these parameter values); a threat to play it after a breach is not credible",
                                  hint=f"pure stage equilibria: {listed}")])
    if punishment is None:
        if pure:
            # the harshest pure stage equilibrium for the players as a whole
            punishment = min(pure, key=lambda p: sum(table.at(p)))
        else:
            punishment = None
    symbols = symbols_for([p.name for p in game.parameters])
    subs = {symbols[k]: sympy.Rational(v.numerator, v.denominator) for k, v in values.items() if k in symbols}

    def u(profile: tuple[int, ...], i: int) -> Any:
        return to_sympy(game.payoffs[game.index(profile)][i], symbols)

    grim = []
    for i, player in enumerate(game.players):
        best_t, best_gain = None, Fraction(0)
        for t in range(len(player.strategies)):
            if t == outcome[i]:
                continue
            gain = table.at(outcome[:i] + (t,) + outcome[i + 1:])[i] - table.at(outcome)[i]
            if gain > best_gain:
                best_t, best_gain = t, gain
        if best_t is None:
            grim.append(PlayerThreshold(i, None, sympy.Integer(0), Fraction(0), True, "no profitable deviation"))
            continue
        if punishment is None:
            grim.append(PlayerThreshold(i, best_t, None, None, False, "the stage game has no pure equilibrium to revert to"))
            continue
        c = u(outcome, i)
        d = u(outcome[:i] + (best_t,) + outcome[i + 1:], i)
        e = u(punishment, i)
        expr = sympy.cancel((d - c) / (d - e))
        c_now, e_now = table.at(outcome)[i], table.at(punishment)[i]
        if c_now <= e_now:
            grim.append(PlayerThreshold(i, best_t, expr, None, False,
                                        "keeping the agreement pays no more than the punishment equilibrium"))
            continue
        value = _frac(expr.subs(subs))
        grim.append(PlayerThreshold(i, best_t, expr, value, value < 1, "grim trigger"))
    sustainable = all(g.sustainable for g in grim)
    grim_delta = max((g.value for g in grim if g.value is not None), default=Fraction(0)) if sustainable else None

    tft: tuple[PlayerThreshold, ...] | None = None
    tft_delta = None
    if game.shape == (2, 2) and punishment is not None and all(outcome[i] != punishment[i] for i in range(2)):
        rows: list[PlayerThreshold] = []
        for i in range(2):
            dev = tuple(punishment[j] if j == i else outcome[j] for j in range(2))
            sucker = tuple(outcome[j] if j == i else punishment[j] for j in range(2))
            T, R, S, P = u(dev, i), u(outcome, i), u(sucker, i), u(punishment, i)
            t_now = table.at(dev)[i]
            r_now, s_now, p_now = table.at(outcome)[i], table.at(sucker)[i], table.at(punishment)[i]
            if t_now <= r_now:
                rows.append(PlayerThreshold(i, None, sympy.Integer(0), Fraction(0), True, "no temptation"))
                continue
            if r_now <= s_now or t_now <= p_now:
                rows.append(PlayerThreshold(i, 1 - outcome[i], None, None, False, "tit-for-tat cannot deter this deviation"))
                continue
            expr = sympy.Max(sympy.cancel((T - R) / (R - S)), sympy.cancel((T - R) / (T - P)))
            value = max((t_now - r_now) / (r_now - s_now), (t_now - r_now) / (t_now - p_now))
            rows.append(PlayerThreshold(i, 1 - outcome[i], expr, value, value < 1, "tit-for-tat"))
        if all(t.sustainable for t in rows):
            tft_delta = max(t.value for t in rows if t.value is not None)
        tft = tuple(rows)
    return RepeatedReport(game, outcome, punishment or (), values, tuple(grim), grim_delta, tft, tft_delta,
                          len(result.equilibria) == 1, len(result.equilibria), rounds)
