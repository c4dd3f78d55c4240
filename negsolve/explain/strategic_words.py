"""Shared wording of the strategic-form explanation: payoff matrices with best responses marked, and
the phrases for strategies, opponents, mixtures and payoffs."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

from negsolve.explain.document import (
    Cell,
    Em,
    Matrix,
    Paragraph,
)
from negsolve.explain.wording import (
    flatten,
    join_parts,
    num,
    para,
    profile_parts,
)
from negsolve.model.strategic import PayoffTable, StrategicGame
from negsolve.solvers.results import Equilibrium

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
