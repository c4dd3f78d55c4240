"""The explanation of a strategic-form game, step by step, from the solver's exact facts.

Steps: the game; best responses cell by cell; dominated strategies; iterated elimination;
pure equilibria as mutual best responses; mixed equilibria from the indifference conditions
(two players); security levels; Pareto efficiency; for a game whose every equilibrium is
Pareto-dominated, why (the prisoner's-dilemma lesson); with parameters, when outcomes are
stable (:mod:`negsolve.analysis.stability`, :mod:`negsolve.analysis.concessions`); a summary.
Every number shown is taken from :func:`negsolve.solvers.summary.analyse` or computed here
exactly from the payoff table and checked against it.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from negsolve.explain.document import (
    Block,
    Bullets,
    Cell,
    Em,
    Explanation,
    Math,
    Matrix,
    Paragraph,
    Step,
)
from negsolve.explain.wording import (
    em_list,
    flatten,
    join_parts,
    num,
    para,
    plural,
    possessive,
    products,
    profile_parts,
    vec,
)
from negsolve.model.strategic import PayoffTable, StrategicGame
from negsolve.solvers.results import Equilibrium
from negsolve.solvers.summary import GameAnalysis

MAX_SENTENCES = 60  # cell-by-cell sentences per player before summarising


# -- tables ----------------------------------------------------------------------------------------

def payoff_matrices(players: Sequence[str], strategies: Sequence[Sequence[str]], table: PayoffTable,
                    marked: bool, alive: Sequence[Sequence[int]] | None = None) -> list[Matrix]:
    """The payoff table as matrices: one for two players, one per strategy combination of players 3, 4, ...

    ``alive`` restricts each player's strategies (iterated elimination).
    """
    from negsolve.solvers.pure import best_response_marks

    alive = alive or [range(len(s)) for s in strategies]
    marks = best_response_marks(table) if marked else {}
    out = []
    rest_players = list(range(2, len(players)))
    for rest in itertools.product(*(alive[k] for k in rest_players)):
        caption: tuple = ()
        if rest_players:
            caption = flatten(["When "] + list(join_parts(
                [(Em(players[k]), " plays ", Em(strategies[k][s]))
                 for k, s in zip(rest_players, rest, strict=False)])) + [":"])
        cells = []
        for i in alive[0]:
            row = []
            for j in alive[1]:
                profile = (i, j) + tuple(rest)
                row.append(Cell(table.at(profile), marks.get(profile, ()) if marked else ()))
            cells.append(tuple(row))
        out.append(Matrix(tuple(players), players[0], players[1], tuple(strategies[0][i] for i in alive[0]),
                          tuple(strategies[1][j] for j in alive[1]), tuple(cells), caption, marked))
    return out


# -- helpers -------------------------------------------------------------------------------------

def _names(game: StrategicGame) -> tuple[list[str], list[tuple[str, ...]]]:
    return [p.name for p in game.players], [p.strategies for p in game.players]


def _others(table: PayoffTable, player: int, alive: Sequence[Sequence[int]] | None = None) -> list[tuple[int, ...]]:
    alive = alive or [range(k) for k in table.shape]
    return list(itertools.product(*(alive[k] for k in range(table.n_players) if k != player)))


def _with(rest: tuple[int, ...], player: int, own: int) -> tuple[int, ...]:
    return rest[:player] + (own,) + rest[player:]


def _two(game: StrategicGame, text: str) -> str:
    """Generic wording for two players: "the others do" -> "the other player does", and so on."""
    if len(game.players) != 2:
        return text
    for many, one in (("whatever the others do", "whatever the other player does"),
                      ("what the others do", "what the other player does"),
                      ("Fix what the others do", "Fix what the other player does"),
                      ("the others might do", "the other player might do"),
                      ("some choice of the others", "some choice of the other player"),
                      ("a best response to the others'", "a best response to the other's"),
                      ("whatever they do", "whatever the other player does")):
        text = text.replace(many, one)
    return text


def _whatever(game: StrategicGame, player: int) -> tuple:
    if len(game.players) == 2:
        return ("whatever ", Em(game.players[1 - player].name), " does")
    return ("whatever the others do",)


def _others_words(game: StrategicGame, player: int, rest: tuple[int, ...]) -> tuple:
    """``Ben plays Concert`` or ``China plays Enforce and North Korea plays Test``."""
    names, strategies = _names(game)
    others = [k for k in range(len(names)) if k != player]
    return join_parts([(Em(names[k]), " plays ", Em(strategies[k][s])) for k, s in zip(others, rest, strict=False)])


def _against(game: StrategicGame, player: int, rest: tuple[int, ...]) -> tuple:
    """``Cooperate`` (two players) or ``(Enforce, Test)``."""
    _, strategies = _names(game)
    others = [k for k in range(len(game.players)) if k != player]
    if len(others) == 1:
        return (Em(strategies[others[0]][rest[0]]),)
    return profile_parts([strategies[k][s] for k, s in zip(others, rest, strict=False)])


def _profile_of(eq: Equilibrium) -> tuple[int, ...]:
    return tuple(s.index(Fraction(1)) for s in eq.profile)


def _mix_words(names: Sequence[str], mix: Sequence[Fraction]) -> tuple:
    """``Concert with probability 2/3 and Football with probability 1/3`` or just ``Concert``."""
    support = [(names[k], p) for k, p in enumerate(mix) if p]
    if len(support) == 1:
        return (Em(support[0][0]),)
    return join_parts([(Em(n), " with probability ", num(p)) for n, p in support])


def _mix_short(names: Sequence[str], mix: Sequence[Fraction]) -> tuple:
    """``1/3 Concert + 2/3 Football``."""
    support = [(names[k], p) for k, p in enumerate(mix) if p]
    if len(support) == 1:
        return (Em(support[0][0]),)
    out: list = []
    for k, (n, p) in enumerate(support):
        if k:
            out.append(" + ")
        out.extend([num(p), " ", Em(n)])
    return tuple(out)


def _payoff_words(players: Sequence[str], payoffs: Sequence[Fraction], verb: str = "gets") -> tuple:
    """``Ann gets 2, Ben gets 1``."""
    return join_parts([(Em(p), f" {verb} ", num(v)) for p, v in zip(players, payoffs, strict=False)], ",")


def story_paragraphs(summary: str) -> list[Paragraph]:
    out = []
    for chunk in summary.strip().split("\n\n"):
        text = " ".join(line.strip() for line in chunk.splitlines() if line.strip())
        if text:
            out.append(para(text))
    return out


def _equilibrium_words(game: StrategicGame, eq: Equilibrium) -> tuple:
    names, strategies = _names(game)
    parts = [(Em(n), " plays ", _mix_words(strategies[i], eq.profile[i])) for i, n in enumerate(names)]
    return flatten([join_parts(parts, ";"), "; so ", _payoff_words(names, eq.payoffs,
                                                                  "gets" if eq.pure else "expects")])


# -- the steps -----------------------------------------------------------------------------------

def _game_step(a: GameAnalysis) -> Step:
    game = a.game
    names, strategies = _names(game)
    blocks: list[Block] = [*story_paragraphs(game.summary)] if game.summary else []
    who = join_parts([(Em(n), " chooses ", em_list(s, "or")) for n, s in zip(names, strategies, strict=False)], ";")
    if len(names) == 2:
        blocks.append(para("There are 2 players. ", who, ". They choose at the same time, each without seeing the "
                           "other's choice."))
    else:
        blocks.append(para(f"There are {len(names)} players. ", who, ". They choose at the same time, none seeing "
                           "the others' choices."))
    if game.parameters:
        blocks.append(para("The payoffs depend on parameters. This explanation uses ",
                           join_parts([(Em(p.name), " = ", num(a.values[p.name])) +
                                       ((f" ({p.about})",) if p.about else ()) for p in game.parameters]),
                           "."))
    order = profile_parts(names)
    if len(names) == 2:
        blocks.append(para("Each cell of the table lists the payoffs in the order ", order, ": ", Em(names[0]),
                           " picks the row and ", Em(names[1]), " the column. Higher is better."))
    else:
        blocks.append(para("Each cell lists the payoffs in the order ", order, ": ", Em(names[0]),
                           " picks the row, ", Em(names[1]), " the column, and there is one table for each choice of ",
                           join_parts([(Em(n),) for n in names[2:]]), ". Higher is better."))
    blocks.extend(payoff_matrices(names, strategies, a.table, marked=False))
    return Step("The game", tuple(blocks), "game")


def _best_response_sentence(game: StrategicGame, table: PayoffTable, player: int, rest: tuple[int, ...]) -> tuple:
    names, strategies = _names(game)
    values = [table.at(_with(rest, player, s))[player] for s in range(len(strategies[player]))]
    top = max(values)
    best = [strategies[player][k] for k, v in enumerate(values) if v == top]
    gets = join_parts([(num(v), " from ", Em(strategies[player][k])) for k, v in enumerate(values)])
    if len(best) == 1:
        verdict: tuple = (", so ", possessive(names[player]), " best response is ", Em(best[0]), ".")
    elif len(best) == len(values):
        verdict = (": all tie, so every strategy is a best response for ", Em(names[player]), ".")
    else:
        verdict = (": ", em_list(best), " tie for the most, so each is a best response for ", Em(names[player]), ".")
    return flatten(["If ", _others_words(game, player, rest), ", ", Em(names[player]), " gets ", gets, verdict])


def _best_response_step(a: GameAnalysis) -> Step:
    game, table = a.game, a.table
    names, strategies = _names(game)
    blocks: list[Block] = [para(_two(game,
        "A best response is a strategy that gives a player the highest payoff against what the others do. "
        "Fix what the others do, then compare the player's own payoffs."))]
    for i, name in enumerate(names):
        how = {0: "one column at a time (the first number in each cell)",
               1: "one row at a time (the second number in each cell)"}.get(
            i, f"one combination of the others' choices at a time (number {i + 1} in each cell)")
        blocks.append(para("For ", Em(name), ", ", how, ":"))
        rests = _others(table, i)
        sentences = [_best_response_sentence(game, table, i, rest) for rest in rests]
        if len(sentences) > MAX_SENTENCES:
            blocks.append(Bullets(tuple(sentences[:MAX_SENTENCES])))
            blocks.append(para(f"... and {len(sentences) - MAX_SENTENCES} more, marked in the table below."))
        else:
            blocks.append(Bullets(tuple(sentences)))
    blocks.append(para("In the table each best-response payoff is now marked."))
    blocks.extend(payoff_matrices(names, strategies, table, marked=True))
    return Step("Best responses, cell by cell", tuple(blocks), "best-responses")


def _comparisons(game: StrategicGame, table: PayoffTable, player: int, better: int, worse: int,
                 alive: Sequence[Sequence[int]] | None = None) -> tuple:
    """``it pays 5 rather than 3 against Cooperate, and 1 rather than 0 against Defect``."""
    pieces = []
    for rest in _others(table, player, alive):
        x = table.at(_with(rest, player, better))[player]
        y = table.at(_with(rest, player, worse))[player]
        pieces.append(flatten([num(x), " rather than ", num(y), " against ", _against(game, player, rest)]))
    return flatten(["it pays ", join_parts(pieces, ", and")])


def _dominance_step(a: GameAnalysis) -> Step:
    game, table = a.game, a.table
    names, strategies = _names(game)
    blocks: list[Block] = [para(_two(game,
        "One strategy strictly dominates another when it pays more whatever the others do; it weakly dominates "
        "it when it pays at least as much whatever they do, and more against at least one choice. A player "
        "who thinks it through never plays a strictly dominated strategy: switching always pays more."))]
    if not a.dominated:
        if _each_better_somewhere(table):
            blocks.append(para(_two(game, "Here no strategy is dominated by another: whichever two strategies of a "
                                          "player you compare, each is the better one against some choice of the "
                                          "others.")))
        else:
            blocks.append(para(_two(game, "Here no strategy is dominated by another: no strategy pays at least as "
                                          "much as another against everything the others might do and more "
                                          "against something.")))
        return Step("Dominated strategies", tuple(blocks), "dominance")
    items = []
    for d in a.dominated:
        by = d.by.index(Fraction(1))
        kind = "strictly" if d.strict else "weakly"
        items.append(flatten(["For ", Em(names[d.player]), ", ", Em(strategies[d.player][by]), f" {kind} dominates ",
                              Em(strategies[d.player][d.dominated]), ": ",
                              _comparisons(game, table, d.player, by, d.dominated), "."]))
    blocks.append(Bullets(tuple(items)))
    dominant = _dominant_strategies(a)
    if len(dominant) == 1:
        (i, s), = dominant.items()
        blocks.append(para(Em(strategies[i][s]), " is a strictly dominant strategy for ", Em(names[i]),
                           ": it is the best choice ", _whatever(game, i), "."))
    elif dominant:
        blocks.append(para("Strictly dominant strategies: ", join_parts([(Em(strategies[i][s]), " for ", Em(names[i]))
                                                                         for i, s in dominant.items()]),
                           _two(game, ". Each is that player's best choice whatever the others do.")))
    if any(not d.strict for d in a.dominated):
        blocks.append(para("A weakly dominated strategy can still be part of an equilibrium (when the tie is what "
                           "the others play), so only strict dominance is used to eliminate strategies."))
    return Step("Dominated strategies", tuple(blocks), "dominance")


def _each_better_somewhere(table: PayoffTable) -> bool:
    for i, size in enumerate(table.shape):
        for x, y in itertools.permutations(range(size), 2):
            if not any(table.at(_with(rest, i, x))[i] > table.at(_with(rest, i, y))[i] for rest in _others(table, i)):
                return False
    return True


def _dominant_strategies(a: GameAnalysis) -> dict[int, int]:
    """Players with a strategy that strictly dominates every other of their strategies."""
    out = {}
    for i, size in enumerate(a.table.shape):
        if size < 2:
            continue
        for s in range(size):
            beaten = {d.dominated for d in a.dominated if d.player == i and d.strict and d.by[s] == 1}
            if len(beaten) == size - 1:
                out[i] = s
    return out


def _elimination_step(a: GameAnalysis) -> Step:
    game, table = a.game, a.table
    names, strategies = _names(game)
    blocks: list[Block] = [para(
        "Iterated elimination removes strictly dominated strategies, then looks again: once a strategy is gone, "
        "something that was not dominated before may be dominated now. Each round removes everything that is "
        "strictly dominated at that point, also by a mix of the player's other strategies.")]
    steps = a.elimination.steps
    if not steps:
        blocks.append(para("Here nothing is strictly dominated, not even by a mix of other strategies, so nothing "
                           "is removed: every strategy survives, and elimination does not help to solve this game."))
        return Step("Iterated elimination of strictly dominated strategies", tuple(blocks), "elimination")
    alive = [list(range(k)) for k in table.shape]
    for number, step in enumerate(steps, start=1):
        items = []
        for d in step.removed:
            gone = strategies[d.player][d.dominated]
            if d.by.count(Fraction(0)) == len(d.by) - 1:
                by = d.by.index(Fraction(1))
                left_over: tuple = ()
                if number > 1:
                    others = [k for k in range(len(names)) if k != d.player]
                    left_over = flatten([" (all that is left of ", join_parts([possessive(names[k]) + (" strategies",)
                                                                                for k in others]), ")"])
                items.append(flatten([Em(names[d.player]), " drops ", Em(gone), ", strictly dominated by ",
                                      Em(strategies[d.player][by]), ": ",
                                      _comparisons(game, table, d.player, by, d.dominated, alive), left_over, "."]))
            else:
                pieces = []
                for rest in _others(table, d.player, alive):
                    pairs = [(table.at(_with(rest, d.player, k))[d.player], p) for k, p in enumerate(d.by) if p]
                    total = sum((x * p for x, p in pairs), Fraction(0))
                    pieces.append(flatten(["against ", _against(game, d.player, rest), " the mix pays ",
                                           products(pairs), " = ", num(total), " rather than ",
                                           num(table.at(_with(rest, d.player, d.dominated))[d.player])]))
                items.append(flatten([Em(names[d.player]), " drops ", Em(gone), ", strictly dominated by the mix ",
                                      _mix_short(strategies[d.player], d.by), ": ", join_parts(pieces), "."]))
        lead = ("Round 1:" if number == 1 else
                flatten([f"Round {number}: with those strategies gone, compare again among what is left:"]))
        blocks.append(para(*lead) if isinstance(lead, tuple) else para(lead))
        blocks.append(Bullets(tuple(items)))
        for d in step.removed:
            alive[d.player].remove(d.dominated)
    left = a.elimination.surviving
    if all(len(s) == 1 for s in left):
        profile = tuple(s[0] for s in left)
        blocks.append(para("Only ", profile_parts([strategies[i][s] for i, s in enumerate(profile)]),
                           " survives. The game is dominance solvable: this is its only Nash equilibrium, found "
                           "without comparing best responses at all."))
    else:
        blocks.append(para("What survives: ", join_parts([(Em(n), ": ", em_list([strategies[i][s] for s in left[i]]))
                                                          for i, n in enumerate(names)], ";"),
                           ". Every equilibrium uses only these strategies."))
        blocks.extend(payoff_matrices(names, strategies, table, marked=True, alive=left))
    return Step("Iterated elimination of strictly dominated strategies", tuple(blocks), "elimination")


def _pure_step(a: GameAnalysis) -> Step:
    game, table = a.game, a.table
    names, strategies = _names(game)
    n = len(names)
    pure = [e for e in a.result.equilibria if e.pure]
    blocks: list[Block] = [para(_two(game,
        "A Nash equilibrium is a choice for every player such that each choice is a best response to the others'. "
        "Nobody can gain by changing only their own choice. In the table, a pure equilibrium is a cell in which "
        "every payoff is marked as a best response."))]
    blocks.extend(payoff_matrices(names, strategies, table, marked=True))
    if not pure:
        blocks.append(para("No cell has every payoff marked, so there is no pure equilibrium: wherever the players "
                           "are, someone wants to move."))
        profiles = list(table.profiles())
        if len(profiles) <= 16:
            items = []
            for profile in profiles:
                for i in range(n):
                    values = [table.at(_with(profile[:i] + profile[i + 1:], i, s))[i] for s in range(table.shape[i])]
                    best = max(values)
                    if values[profile[i]] < best:
                        to = values.index(best)
                        items.append(flatten(["At ", profile_parts([strategies[k][s] for k, s in enumerate(profile)]),
                                              ", ", Em(names[i]), " would switch to ", Em(strategies[i][to]),
                                              " (", num(best), " rather than ", num(values[profile[i]]), ")."]))
                        break
            blocks.append(Bullets(tuple(items)))
    else:
        items = []
        for number, eq in enumerate(pure, start=1):
            profile = _profile_of(eq)
            reasons = []
            for i in range(n):
                rest = profile[:i] + profile[i + 1:]
                reasons.append(flatten([Em(strategies[i][profile[i]]), " is a best response for ", Em(names[i]),
                                        " when ", _others_words(game, i, rest)]))
            cell = profile_parts([strategies[k][s] for k, s in enumerate(profile)])
            items.append(flatten([f"Equilibrium {number}, ", cell, ": ", join_parts(reasons, "; and"), ". Payoffs: ",
                                  _payoff_words(names, eq.payoffs), "."]))
        if len(pure) == 1:
            blocks.append(para("1 cell has every payoff marked, so there is one pure equilibrium:"))
        else:
            blocks.append(para(f"{len(pure)} cells have every payoff marked, so there are {len(pure)} pure "
                               "equilibria:"))
        blocks.append(Bullets(tuple(items)))
    if a.result.scope == "pure":
        blocks.append(para("With three or more players negsolve finds every pure equilibrium; mixed equilibria of "
                           "such games are not computed, so the rest of this explanation is about pure ones."))
    return Step("Pure equilibria: mutual best responses", tuple(blocks), "pure")


def _mixed_step(a: GameAnalysis) -> Step | None:
    from negsolve.explain.mixed import derive

    if len(a.game.players) > 2 and a.result.scope == "all":
        from negsolve.explain.n_player import n_player_mixed_step

        return n_player_mixed_step(a)
    if a.result.scope != "all" or len(a.game.players) != 2:
        return None
    game, table = a.game, a.table
    names, strategies = _names(game)
    mixed = [(k, e) for k, e in enumerate(a.result.equilibria, start=1) if not e.pure]
    blocks: list[Block] = [para(
        "In a mixed equilibrium a player randomises. A player is willing to randomise only between strategies "
        "that pay it the same against what the other does; otherwise it would simply play the better one. So "
        "each player's probabilities must make the other player indifferent: ", possessive(names[0]),
        " probabilities are pinned down by ", possessive(names[1]), " payoffs, and the other way round.")]
    from negsolve.explain.degenerate import continua_blocks, pin_paragraph
    from negsolve.solvers.continua import has_continuum

    if not mixed and not has_continuum(a.result):
        pure_count = len(a.result.equilibria)
        blocks.append(para("The solver's complete search (over every pure and mixed strategy) finds no equilibrium "
                           "in which someone randomises: ", "the pure equilibrium above is the only one."
                           if pure_count == 1 else f"the {pure_count} pure equilibria above are all there are."))
        if _dominant_strategies(a):
            blocks.append(para("That fits the dominance argument: a strictly dominated strategy never pays as much "
                               "as the strategy dominating it, so no one is ever indifferent enough to mix it in."))
        return Step("Mixed equilibria: the indifference principle", tuple(blocks), "mixed")
    for k, eq in mixed:
        who = []
        for i in range(2):
            support = eq.support(i)
            who.append((Em(names[i]), " mixes ", em_list([strategies[i][s] for s in support])) if len(support) > 1
                       else (Em(names[i]), " plays ", Em(strategies[i][support[0]]), " for sure"))
        blocks.append(para(f"Equilibrium {k}: ", join_parts(who, ";"), "."))
        for i in (0, 1):
            blocks.append(pin_paragraph(tuple(names), tuple(strategies), eq, i, first=i == 0))
            derivation = derive(table, (strategies[0], strategies[1]), (names[0], names[1]), eq, indifferent=i)
            blocks.extend(derivation.blocks)
        blocks.append(para("In this equilibrium ", join_parts([(Em(n), " expects ", num(v)) for n, v in
                                                              zip(names, eq.payoffs, strict=False)]), "."))
    if a.result.degenerate and a.result.nash_subsets:
        blocks.extend(continua_blocks(tuple(names), tuple(strategies), a.result))
    return Step("Mixed equilibria: the indifference principle", tuple(blocks), "mixed")


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
    dominant = _dominant_strategies(a)
    if len(dominant) == len(names):
        blocks.append(para(
            "This is the shape of a prisoner's dilemma. Each player has a strictly dominant strategy (",
            join_parts([(Em(strategies[i][s]), " for ", Em(names[i])) for i, s in dominant.items()]),
            _two(game, "), so each one's own reasoning is sound whatever the others do, and yet together they end "
                       "up with an outcome "),
            "both like less" if len(names) == 2 else "every one of them likes less",
            ". What is rational for each is not what is best for all."))
    else:
        blocks.append(para(_two(game, "Nobody has to be foolish for this to happen: in the equilibrium each "
                                      "player's choice is a best response to the others', so no one can do better "
                                      "by changing only its own move.")))
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
    repeated_parts = _repeated_parts(game, a.values, target)
    lever.append(flatten(["a relationship that repeats, so that breaking the deal today costs cooperation "
                          "tomorrow", repeated_parts]))
    if len(row.temptations) == 1:
        t = row.temptations[0]
        others = [n for k, n in enumerate(names) if k != t.player]
        knows: tuple = flatten([Em(names[t.player]), " gains by breaking it, and ", em_list(others),
                                " know" if len(others) > 1 else " knows", " it"])
    elif len(row.temptations) == len(names):
        knows = ("Each side gains by breaking it, and each knows that the other" + ("" if len(names) == 2 else "s")
                 + " know" + ("s" if len(names) == 2 else "") + " it",)
    else:
        knows = flatten([em_list([names[t.player] for t in row.temptations]), " gain by breaking it"])
    blocks.append(para("For the negotiation: a promise to play ", target_words, " is not self-enforcing. ", knows,
                       ". An agreement there needs something that changes the payoffs:"))
    blocks.append(Bullets(tuple(lever)))
    return Step("Why the equilibrium is inefficient", tuple(blocks), "dilemma")


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


def _parameters_step(a: GameAnalysis) -> Step | None:
    from negsolve.analysis.concessions import concessions
    from negsolve.analysis.stability import lever_ranges, stability
    from negsolve.explain.wording import condition_math, sympy_math

    game = a.game
    if not game.parameters:
        return None
    names, strategies = _names(game)
    blocks: list[Block] = [para(
        "The payoffs depend on parameters (here ",
        join_parts([(Em(p.name), " = ", num(a.values[p.name])) for p in game.parameters]),
        "). For a pure outcome, the stability analysis finds exactly for which values no player gains by "
        "deviating alone.")]
    pure = [_profile_of(e) for e in a.result.equilibria if e.pure]
    for profile in pure:
        report = stability(game, profile, a.values)
        words = [c.words() for c in report.region.conditions if c.words() != "always"]
        outcome = profile_parts([strategies[i][s] for i, s in enumerate(profile)])
        if not words:
            blocks.append(para("The equilibrium ", outcome, " stays an equilibrium whatever the parameters."))
        else:
            blocks.append(para("The equilibrium ", outcome, " stays an equilibrium exactly when ",
                               join_parts([(condition_math(w),) for w in words]), "."))
    report_c = concessions(game, a.values, pure[0] if pure else None)
    candidates = [r for r in report_c.outcomes if r.comparison == "Pareto improvement" and not r.self_enforcing]
    if candidates:
        row = candidates[0]
        report = stability(game, row.profile, a.values)
        outcome = profile_parts([strategies[i][s] for i, s in enumerate(row.profile)])
        gains = join_parts([(Em(n), " gains " if c > 0 else " loses ", num(abs(c)))
                            for n, c in zip(names, row.change, strict=False) if c])
        base = (flatten(["the equilibrium ", profile_parts([strategies[i][s] for i, s in
                                                           enumerate(report_c.status_quo)])])
                if report_c.status_quo is not None else ("the mixed equilibrium",))
        blocks.append(para(outcome, " would make every player at least as well off as ", base, ": ", gains,
                           ". But it is not self-enforcing now. The conditions for each player to keep to it:"))
        items = []
        status = {"holds": "holds now", "boundary": "holds now, with a tie", "fails": "fails now"}
        for d in report.deviations:
            said = d.keeps.words()
            when = ((" whatever the parameters",) if said == "always" else (" for no parameter values",)
                    if said == "never" else (" when ", condition_math(said)))
            items.append(flatten([Em(names[d.player]), " keeps to ", Em(strategies[d.player][row.profile[d.player]]),
                                  " rather than ", Em(strategies[d.player][d.to]), when, f" ({status[d.status]})"]))
        blocks.append(Bullets(tuple(items)))
        if report.region.feasible:
            words = [c.words() for c in report.region.conditions if c.words() != "always"]
            exactly = join_parts([(condition_math(w),) for w in words]) if words else "always"
            blocks.append(para("So it is an equilibrium exactly when ", exactly, "."))
            ranges = lever_ranges([d.keeps for d in report.deviations], report.values, game.parameters)
            if ranges:
                blocks.append(_lever_paragraph(ranges, "would do it"))
        else:
            blocks.append(para("No parameter values make it an equilibrium."))
    if game.shape == (2, 2) and any(not e.pure for e in a.result.equilibria):
        report = stability(game, (0, 0), a.values)
        m = report.mixed
        if (m is not None and m.row_mix is not None and m.column_mix is not None and m.at_values[0] is not None
                and m.at_values[1] is not None):
            blocks.append(para(
                "The mixed equilibrium in closed form: ", Em(names[0]), " plays ", Em(strategies[0][0]),
                " with probability ", sympy_math(m.row_mix), " and ", Em(names[1]), " plays ", Em(strategies[1][0]),
                " with probability ", sympy_math(m.column_mix), " (now ", num(m.at_values[0]), " and ",
                num(m.at_values[1]), ")", *_proper_when(m.valid, a.values), "."))
    return Step("What the parameters change", tuple(blocks), "parameters")


def _proper_when(valid: Sequence[Any], values: Mapping[str, Fraction]) -> list:
    """``; these are proper probabilities ... when 1 < d`` (exact for one parameter, else the conditions)."""
    from negsolve.analysis.stability import lever_ranges
    from negsolve.explain.wording import condition_math

    conditions = [c for c in valid if c.words() != "always"]
    if not conditions:
        return ["; these are proper probabilities (strictly between 0 and 1) whatever the parameters"]
    symbols = {str(x) for c in conditions for x in c.expr.free_symbols}
    lead = "; these are proper probabilities, strictly between 0 and 1, when "
    if len(symbols) == 1:
        words = lever_ranges(list(conditions), values)[symbols.pop()]
        if words == "never":
            return ["; these are never proper probabilities"]
        return [lead, condition_math(words)]
    return [lead, join_parts([(condition_math(f"({c.words()})" if " or " in c.words() else c.words()),)
                              for c in conditions])]


def _lever_paragraph(ranges: Mapping[str, str], works: str) -> Paragraph:
    """What each parameter alone can do, from :func:`negsolve.analysis.stability.lever_ranges`."""
    from negsolve.explain.wording import condition_math

    good = [(condition_math(v),) if v != "always" else (f"any value of {k}",) for k, v in ranges.items()
            if v != "never"]
    never = [k for k, v in ranges.items() if v == "never"]
    parts: list = ["Moving one parameter alone (the others as they are): "]
    if good:
        parts.extend([join_parts(good, "or"), f" {works}"])
    if never:
        parts.append("; " if good else "")
        parts.extend(["no value of ", " or ".join(never), " alone will do"])
    parts.append(".")
    return para(*parts)


def _summary_step(a: GameAnalysis) -> Step:
    game = a.game
    count = a.result.count
    from negsolve.solvers.continua import has_continuum

    if a.result.scope == "all" and has_continuum(a.result):
        head = ("The game is degenerate: it has infinitely many Nash equilibria (every mix within one of the sets "
                f"under 'Mixed equilibria'). The {plural(count, 'extreme one', 'extreme ones')}:")
    elif a.result.scope == "all":
        head = (f"The game has {plural(count, 'Nash equilibrium', 'Nash equilibria')}"
                + (" (extreme ones: the game is degenerate)" if a.result.degenerate else "") + ":")
    else:
        head = f"The game has {plural(count, 'pure Nash equilibrium', 'pure Nash equilibria')}:"
    items = []
    for k, (eq, efficient) in enumerate(zip(a.result.equilibria, a.pareto, strict=False), start=1):
        items.append(flatten([f"Equilibrium {k} ({'pure' if eq.pure else 'mixed'}): ", _equilibrium_words(game, eq),
                              "." if efficient else " (Pareto-dominated)."]))
    if a.result.algebraic:
        from negsolve.explain.n_player import algebraic_summary_items

        items.extend(algebraic_summary_items(a, len(items) + 1))
    blocks: list[Block] = [para(head), Bullets(tuple(items))]
    if count == 0:
        blocks = [para("The game has no pure Nash equilibrium." if a.result.scope == "pure" else
                       "No equilibrium was found.")]
    return Step("In short", tuple(blocks), "summary")


def explain_strategic(game: StrategicGame, overrides: Mapping[str, Fraction] | None = None) -> Explanation:
    """The step-by-step explanation of a strategic game at its parameter values (defaults or ``overrides``)."""
    from negsolve.explain.selection import selection_step
    from negsolve.solvers.summary import analyse

    a = analyse(game, overrides)
    # number the equilibria once for every step: pure ones first, then mixed, each in the solver's order
    order = sorted(range(len(a.result.equilibria)), key=lambda k: (not a.result.equilibria[k].pure, k))
    a = dataclasses.replace(a, result=dataclasses.replace(a.result, equilibria=tuple(a.result.equilibria[k]
                                                                                       for k in order)),
                            pareto=tuple(a.pareto[k] for k in order))
    builders: list[Any] = [_game_step, _best_response_step, _dominance_step, _elimination_step, _pure_step,
                           _mixed_step, _security_step, _pareto_step, selection_step, _dilemma_step, _parameters_step,
                           _summary_step]
    steps = [s for s in (b(a) for b in builders) if s is not None]
    return Explanation(game.title, "strategic", tuple(steps),
                       tuple((p.name, a.values[p.name], p.about) for p in game.parameters))


__all__ = ["explain_strategic", "payoff_matrices", "story_paragraphs"]
