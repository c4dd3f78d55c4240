"""Explanation blocks for degenerate two-player games: only the indifferences that hold, and the
continua of equilibria with each player's probability ranges (:mod:`negsolve.solvers.continua`)."""

from __future__ import annotations

from typing import Any

from negsolve.explain.document import Block, Bullets, Em
from negsolve.explain.wording import em_list, flatten, num, para, possessive
from negsolve.solvers.continua import subset_ranges
from negsolve.solvers.results import Equilibrium


def pin_paragraph(names: tuple[str, ...], strategies: tuple[tuple[str, ...], ...], eq: Equilibrium,
                  i: int, first: bool) -> Any:
    """Whose indifference fixes whose mix: only a player who mixes must be indifferent."""
    j = 1 - i
    lead = "First, " if first else "Then, the other way round: "
    support = eq.support(i)
    other = eq.support(j)
    if len(support) > 1 and len(other) == 1:
        return para(lead, Em(names[i]), " mixes, so it must be indifferent; ", Em(names[j]), " plays ",
                    Em(strategies[j][other[0]]), " for sure, so this is a check, not an equation to solve.")
    if len(support) > 1:
        return para(lead, possessive(names[i]), " indifference pins down ", possessive(names[j]), " probabilities.")
    return para(lead, Em(names[i]), " plays ", Em(strategies[i][support[0]]), " for sure, so it need not be "
                "indifferent: nothing of ", possessive(names[i]), " pins down ", possessive(names[j]),
                " probabilities; they only have to keep ", Em(strategies[i][support[0]]), " a best response for ",
                Em(names[i]), ".")


def continua_blocks(names: tuple[str, ...], strategies: tuple[tuple[str, ...], ...], result: Any) -> list[Block]:
    """The maximal Nash subsets, each player's range of probabilities, and the count of mixed equilibria."""
    subsets = subset_ranges(result)
    infinite = any(s.infinite for s in subsets)
    blocks: list[Block] = [para(
        "This game is degenerate: some strategy has more best responses than expected, so equilibria can come in "
        "whole segments. Every mix of the extreme equilibria within one of the following sets is an equilibrium "
        "too" + (", so there are infinitely many mixed equilibria:" if infinite else ":"))]
    items = []
    for subset in subsets:
        parts = []
        for i in range(2):
            parts.append(_player_range(names[i], strategies[i], subset.ranges[i]))
        items.append(flatten([parts[0], "; ", parts[1], "" if subset.infinite else " (a single equilibrium)"]))
    blocks.append(Bullets(tuple(items)))
    return blocks


def _player_range(name: str, strategies: tuple[str, ...], ranges: tuple) -> tuple:
    fixed = all(lo == hi for lo, hi in ranges)
    used = [k for k, (_, hi) in enumerate(ranges) if hi > 0]
    if fixed and len(used) == 1:
        return (Em(name), " plays ", Em(strategies[used[0]]))
    if fixed:
        return flatten([Em(name), " plays "] + [flatten([" + " if n else "", num(ranges[k][0]), " ",
                                                          Em(strategies[k])]) for n, k in enumerate(used)])
    parts: list = [Em(name), " mixes ", em_list([strategies[k] for k in used]), ": "]
    if len(used) == 2:  # the second probability is the rest
        lo, hi = ranges[used[0]]
        return flatten(parts + [Em(strategies[used[0]]), " with probability from ", num(lo), " to ", num(hi)])
    for n, k in enumerate(used):
        lo, hi = ranges[k]
        parts += [", " if n else "", Em(strategies[k]), " with probability "]
        parts += [num(lo)] if lo == hi else ["from ", num(lo), " to ", num(hi)]
    return flatten(parts)
