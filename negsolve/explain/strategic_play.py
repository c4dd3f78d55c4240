"""Best responses, dominance, iterated elimination, pure and mixed equilibria: the steps of the strategic-form
explanation that find the equilibria (:mod:`negsolve.explain.strategic`)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

from negsolve.explain.document import (
    Block,
    Bullets,
    Em,
    Step,
)
from negsolve.explain.strategic_words import (
    MAX_SENTENCES,
    _against,
    _mix_short,
    _names,
    _others,
    _others_words,
    _payoff_words,
    _profile_of,
    _two,
    _whatever,
    _with,
    payoff_matrices,
    story_paragraphs,
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
)
from negsolve.model.strategic import PayoffTable, StrategicGame
from negsolve.solvers.summary import GameAnalysis

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
