"""Security levels, Pareto efficiency and the prisoner's-dilemma lesson: the steps of the strategic-form
explanation that judge the equilibria (:mod:`negsolve.explain.strategic`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from negsolve.explain.document import (
    Block,
    Bullets,
    Em,
    Math,
    Step,
)
from negsolve.explain.strategic_play import _dominant_strategies
from negsolve.explain.strategic_words import (
    _against,
    _mix_short,
    _names,
    _others,
    _others_words,
    _profile_of,
    _two,
    _whatever,
    _with,
)
from negsolve.explain.wording import (
    em_list,
    flatten,
    join_parts,
    num,
    para,
    possessive,
    products,
    profile_parts,
    vec,
)
from negsolve.model.strategic import PayoffTable, StrategicGame
from negsolve.solvers.summary import GameAnalysis


def _security_step(a: GameAnalysis) -> Step:
    game, table = a.game, a.table
    names, strategies = _names(game)
    blocks: list[Block] = [para(_two(game,
        "A player's security level (maximin value) is the most it can guarantee itself whatever the others do. "
        "With a pure strategy: find each strategy's worst payoff, then pick the strategy whose worst case is best. "
        "A mix of strategies can sometimes guarantee more."))]
    for level in a.security:
        i = level.player
        rests = _others(table, i)
        worst_items = []
        for s in range(len(strategies[i])):
            values = [(table.at(_with(rest, i, s))[i], rest) for rest in rests]
            low = min(v for v, _ in values)
            where = [rest for v, rest in values if v == low]
            worst_items.append(flatten([Em(strategies[i][s]), " pays at least ", num(low), " (when ",
                                        join_parts([_others_words(game, i, r) for r in where[:2]], "or"),
                                        ")"]))
        blocks.append(para("For ", Em(names[i]), ": ", join_parts(worst_items, "; and"), ". The best worst case is ",
                           num(level.pure_value), ", with ", em_list([strategies[i][s] for s in level.pure_strategies],
                                                                     "or"), "."))
        if level.mixed_value > level.pure_value:
            checks = []
            for rest in rests:
                pairs = [(table.at(_with(rest, i, s))[i], p) for s, p in enumerate(level.mixed_strategy) if p]
                total = sum((x * p for x, p in pairs), Fraction(0))
                checks.append(flatten(["against ", _against(game, i, rest), ": ", products(pairs), " = ", num(total)]))
            blocks.append(para("Mixing ", _mix_short(strategies[i], level.mixed_strategy), " does better: it "
                               "guarantees ", num(level.mixed_value), " ", _whatever(game, i), ". Against each "
                               "choice of the other", "" if len(names) == 2 else "s", ", the expected payoff is "
                               "each payoff times the probability of the strategy that earns it:"))
            blocks.append(Bullets(tuple(checks)))
        else:
            blocks.append(para("Mixing does not raise ", possessive(names[i]), " guarantee above ",
                               num(level.pure_value), "."))
    equal = [k for k, eq in enumerate(a.result.equilibria, start=1)
             if all(eq.payoffs[lv.player] == lv.mixed_value for lv in a.security)]
    blocks.append(para("No equilibrium can pay a player less than its security level: a player could always switch "
                       "to its maximin strategy instead."))
    constant = {sum(table.at(p), Fraction(0)) for p in table.profiles()}
    if equal and len(constant) == 1:
        total = next(iter(constant))
        blocks.append(para("In equilibri", "um " if len(equal) == 1 else "a ", ", ".join(str(k) for k in equal),
                           " each player gets exactly its security level. That is no accident: this is a ",
                           "zero-sum" if total == 0 else "constant-sum", " game (the payoffs in every cell add up to ",
                           num(total), "), and in such a game every equilibrium pays each player exactly its security "
                           "level (von Neumann's minimax theorem)."))
    elif equal:
        blocks.append(para(("In equilibrium " if len(equal) == 1 else "In equilibria ") +
                           ", ".join(str(k) for k in equal),
                           " each player gets exactly its security level: the equilibrium is no better for anyone "
                           "than what it could guarantee on its own."))
    return Step("Security levels (maximin)", tuple(blocks), "security")


def _dominating_outcomes(table: PayoffTable, payoffs: Sequence[Fraction]) -> list[tuple[int, ...]]:
    out = []
    for profile in table.profiles():
        cell = table.at(profile)
        if (all(c >= p for c, p in zip(cell, payoffs, strict=False))
                and any(c > p for c, p in zip(cell, payoffs, strict=False))):
            out.append(profile)
    return out


def _pareto_step(a: GameAnalysis) -> Step:
    game, table = a.game, a.table
    names, strategies = _names(game)
    blocks: list[Block] = [para(
        "An outcome is Pareto-efficient when no other outcome of the table makes someone better off without making "
        "anyone worse off. An equilibrium need not be efficient: each player looks after its own payoff only.")]
    items = []
    for k, (eq, efficient) in enumerate(zip(a.result.equilibria, a.pareto, strict=False), start=1):
        head = flatten([f"Equilibrium {k}", *([", ", profile_parts([strategies[i][s] for i, s in
                                                                    enumerate(_profile_of(eq))])] if eq.pure else []),
                        ", paying ", vec(eq.payoffs), ","])
        if efficient:
            items.append(flatten([head, " is Pareto-efficient: no cell gives every player at least as much and "
                                        "someone more."]))
            continue
        better = _dominating_outcomes(table, eq.payoffs)
        better.sort(key=lambda p: -sum(table.at(p)))
        shown = better[:3]
        pieces = [flatten([profile_parts([strategies[i][s] for i, s in enumerate(p)]), " pays ", vec(table.at(p))])
                  for p in shown]
        items.append(flatten([head, " is not Pareto-efficient: ", join_parts(pieces, "and"),
                              f"{' (and more)' if len(better) > len(shown) else ''}, ",
                              "which is" if len(shown) == 1 else "each of which is",
                              " at least as good for everyone and better for someone."]))
    blocks.append(Bullets(tuple(items)))
    pure = [e for e in a.result.equilibria if e.pure]
    if len(pure) >= 2:
        favourites = []
        for i in range(len(names)):
            best = max(e.payoffs[i] for e in pure)
            favourites.append([_profile_of(e) for e in pure if e.payoffs[i] == best])
        if all(len(f) == 1 for f in favourites) and len({f[0] for f in favourites}) == 1:
            top = favourites[0][0]
            blocks.append(para("Both players prefer" if len(names) == 2 else "Every player prefers",
                               " the same pure equilibrium, ",
                               profile_parts([strategies[i][s] for i, s in enumerate(top)]),
                               ". This is a coordination problem rather than a conflict: each needs to be confident "
                               "that the other" if len(names) == 2 else "that the others",
                               " will play its part." if len(names) == 2 else " will play their part."))
        elif len({tuple(f) for f in favourites}) > 1:
            blocks.append(para("The players disagree about which pure equilibrium is better: ",
                               join_parts([(Em(n), " prefers ", join_parts(
                                   [profile_parts([strategies[i][s] for i, s in enumerate(p)]) for p in fav], "or"))
                                   for n, fav in zip(names, favourites, strict=False)], "; and"),
                               ". Which equilibrium is played is a conflict over terms, and the game alone does not "
                               "settle it."))
    return Step("Pareto efficiency", tuple(blocks), "pareto")


def _dilemma_step(a: GameAnalysis) -> Step | None:
    from negsolve.analysis.concessions import concessions

    if not a.result.equilibria or any(a.pareto):
        return None
    game, table = a.game, a.table
    names, strategies = _names(game)
    first = a.result.equilibria[0]
    better = _dominating_outcomes(table, first.payoffs)
    if not better:
        return None
    target = max(better, key=lambda p: (sum(table.at(p)), [-x for x in p]))
    target_words = profile_parts([strategies[i][s] for i, s in enumerate(target)])
    eq_words = (profile_parts([strategies[i][s] for i, s in enumerate(_profile_of(first))]) if first.pure
                else ("the mixed equilibrium",))
    blocks: list[Block] = [para(
        "Every equilibrium of this game is Pareto-dominated. Take ", eq_words, ": ", target_words, " would give ",
        join_parts([(num(table.at(target)[i]), " instead of ", num(first.payoffs[i]), " to ", Em(n))
                    for i, n in enumerate(names)]), ". Why don't the players get there?")]
    report = concessions(game, a.values, _profile_of(first) if first.pure else None)
    row = next(r for r in report.outcomes if r.profile == target)
    tempted = [(Em(names[t.player]), " could switch to ", Em(strategies[t.player][t.to]), " and get ",
                num(table.at(_with(target[:t.player] + target[t.player + 1:], t.player, t.to))[t.player]),
                " instead of ", num(table.at(target)[t.player])) for t in row.temptations]
    blocks.append(para(target_words, " is not an equilibrium: ", join_parts(tempted, "; and"), "."))
    blocks.append(_why_paragraph(a, game, names, strategies))
    blocks.append(para("For the negotiation: a promise to play ", target_words, " is not self-enforcing. ",
                       _who_knows(row, names), ". An agreement there needs something that changes the payoffs:"))
    blocks.append(Bullets(tuple(_levers(a, row, target, names))))
    return Step("Why the equilibrium is inefficient", tuple(blocks), "dilemma")


def _why_paragraph(a: GameAnalysis, game: Any, names: Sequence[str], strategies: Sequence[Sequence[str]]) -> Block:
    """A prisoner's dilemma (every player has a strictly dominant strategy), or best responses all round."""
    dominant = _dominant_strategies(a)
    if len(dominant) == len(names):
        return para(
            "This is the shape of a prisoner's dilemma. Each player has a strictly dominant strategy (",
            join_parts([(Em(strategies[i][s]), " for ", Em(names[i])) for i, s in dominant.items()]),
            _two(game, "), so each one's own reasoning is sound whatever the others do, and yet together they end "
                       "up with an outcome "),
            "both like less" if len(names) == 2 else "every one of them likes less",
            ". What is rational for each is not what is best for all.")
    return para(_two(game, "Nobody has to be foolish for this to happen: in the equilibrium each "
                           "player's choice is a best response to the others', so no one can do better "
                           "by changing only its own move."))


def _levers(a: GameAnalysis, row: Any, target: tuple[int, ...], names: Sequence[str]) -> list:
    """What would make the better outcome self-enforcing: a penalty, a side payment, a repeated relationship."""
    lever: list = []
    lever.append(flatten(["a penalty for breaking the deal, enforced by verification or a third party: at least ",
                          join_parts([(num(t.gain), " on ", Em(names[t.player])) for t in row.temptations]),
                          " (the gain from breaking it)"]))
    for s in row.side_payments[:1]:
        lever.append(flatten(["a side payment from ", Em(names[s.payer]), " to ", Em(names[s.receiver]),
                              ", paid only if the deal is kept: ", *_amount_parts(s)]))
    if row.side_payment_note and len(row.temptations) == 1:
        lever.append(flatten([row.side_payment_note.replace("the payer", "the payer (" + " or ".join(
            n for k, n in enumerate(names) if k != row.temptations[0].player) + ")")]))
    repeated_parts = _repeated_parts(a.game, a.values, target)
    lever.append(flatten(["a relationship that repeats, so that breaking the deal today costs cooperation "
                          "tomorrow", repeated_parts]))
    return lever


def _who_knows(row: Any, names: Sequence[str]) -> tuple:
    """Who gains by breaking the deal, and who knows it."""
    if len(row.temptations) == 1:
        t = row.temptations[0]
        others = [n for k, n in enumerate(names) if k != t.player]
        return flatten([Em(names[t.player]), " gains by breaking it, and ", em_list(others),
                        " know" if len(others) > 1 else " knows", " it"])
    if len(row.temptations) == len(names):
        return ("Each side gains by breaking it, and each knows that the other" + ("" if len(names) == 2 else "s")
                + " know" + ("s" if len(names) == 2 else "") + " it",)
    return flatten([em_list([names[t.player] for t in row.temptations]), " gain by breaking it"])


def _amount_parts(payment: Any) -> list:
    """``exactly 1`` / ``between 1 and 3`` / ``at least 1``, numbers typeset."""
    if payment.most is None:
        return ["at least ", num(payment.amount)]
    if payment.exact:
        return ["exactly ", num(payment.amount), " (less would not stop the temptation, more and the payer would "
                "rather walk away)"]
    return ["between ", num(payment.amount), " and ", num(payment.most), " (less would not stop the temptation, "
            "more and the payer would rather walk away)"]


def _repeated_parts(game: StrategicGame, values: Mapping[str, Fraction], target: tuple[int, ...]) -> tuple:
    from negsolve.analysis.repeated import repeated
    from negsolve.errors import NegsolveError

    try:
        report = repeated(game, target, values)
    except (NegsolveError, ArithmeticError, ValueError):
        return ()
    if report.delta_star is None:
        return ()
    names, strategies = _names(game)
    delta = report.delta_star
    punished = [(p.player, p.punishment.pure) for p in report.players
                 if p.gain > 0 and p.punishment is not None and p.punishment.pure is not None]
    if len(punished) != len([p for p in report.players if p.gain > 0]) or not punished:
        return ()
    if len({pure for _, pure in punished}) == 1:
        how: tuple = flatten(["then play ", profile_parts([strategies[i][s] for i, s in enumerate(punished[0][1])]),
                              " for ever"])
    else:
        how = flatten(["then play for ever the stage equilibrium worst for whoever broke it: ",
                       join_parts([(profile_parts([strategies[i][s] for i, s in enumerate(pure)]),
                                    " if ", Em(names[player]), " broke it") for player, pure in punished])])
    return flatten([": with grim trigger (keep the deal until someone breaks it, ", how,
                    ") it holds when every player's discount factor is ",
                    Math(f"δ ≥ {num(delta).text}", f"\\delta \\geq {num(delta).tex}"),
                    ", that is, when a payoff one round later is worth at least ", num(delta),
                    " of the same payoff today ('negsolve repeated' has the details)"])
