"""Explanation step: which of two strict equilibria of a 2×2 game to expect (Harsanyi and Selten).

Reads :func:`negsolve.solvers.selection.select`: payoff dominance, risk dominance (Nash
products of deviation losses), and the mixed equilibrium read as belief thresholds.
"""

from __future__ import annotations

from typing import Any

from negsolve.explain.document import Block, Em, Step
from negsolve.explain.wording import num, para


def _profile(game: Any, p: tuple[int, int]) -> tuple:
    return ("(", Em(game.players[0].strategies[p[0]]), ", ", Em(game.players[1].strategies[p[1]]), ")")


def selection_step(a: Any) -> Step | None:
    from negsolve.solvers.selection import select

    game = a.game
    sel = select(a.table) if len(game.players) == 2 else None
    if sel is None:
        return None
    e = [_profile(game, p) for p in sel.equilibria]
    blocks: list[Block] = [para(
        "The game has two strict equilibria, ", *e[0], " and ", *e[1], ", so the players face a selection "
        "problem: each does best by playing its part of the equilibrium it expects the other to play. Harsanyi and "
        "Selten compare two criteria.")]
    if sel.payoff_dominant is None:
        blocks.append(para("Payoff dominance: neither equilibrium pays every player more than the other, so it "
                           "does not choose."))
    else:
        k = sel.payoff_dominant
        blocks.append(para("Payoff dominance: ", *e[k], " pays every player more than ", *e[1 - k],
                           ", so it is the one both would pick if each could count on the other."))
    (a1, a2), (b1, b2) = sel.losses
    product = ("Risk dominance compares what each equilibrium asks players to risk: the product of the players' "
               "losses from deviating alone is ", num(a1), " × ", num(a2), " = ", num(a1 * a2), " at ", *e[0],
               " and ", num(b1), " × ", num(b2), " = ", num(b1 * b2), " at ", *e[1])
    if sel.risk_dominant is None:
        blocks.append(para(*product, ". The products are equal: neither equilibrium risk-dominates."))
    else:
        blocks.append(para(*product, ", so ", *e[sel.risk_dominant], " risk-dominates: it is the safer bet "
                           "when each player is unsure what the other will do."))
    blocks.append(para("The mixed equilibrium says how sure each player must be. Read as beliefs:"))
    for t in sel.thresholds:
        me, other = game.players[t.player], game.players[1 - t.player]
        blocks.append(para(Em(me.name), " does better with ", Em(me.strategies[t.strategy]), " than ",
                           Em(me.strategies[t.alternative]), " only if it is at least ", num(t.at_least),
                           " sure that ", Em(other.name), " plays ", Em(other.strategies[t.other_strategy]),
                           " (at exactly ", num(t.at_least), " it is indifferent: that is the other player's "
                           "probability in the mixed equilibrium)."))
    return Step("Which equilibrium? Payoff and risk dominance", tuple(blocks), "selection")
