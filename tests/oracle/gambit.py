"""pygambit itself, the live oracle: the answers that ``generate.py`` freezes and the ``oracle`` tests recompute.

pygambit is imported inside each function, so importing this module never needs it.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from pathlib import Path
from typing import Any

from negsolve.model.strategic import PayoffTable
from negsolve.model.tree import CHANCE, DECISION, TERMINAL
from oracle.frozen import Profile
from oracle.views import Row, View, canonical


def version() -> str:
    import pygambit

    return str(pygambit.__version__)


def _profiles(game: Any, equilibria: Any) -> set[Profile]:
    return {tuple(tuple(Fraction(str(eq[s])) for s in p.strategies) for p in game.players) for eq in equilibria}


def extreme_equilibria(table: PayoffTable) -> set[Profile]:
    """Every extreme equilibrium of a two-player game by pygambit's exact enummixed."""
    import pygambit as gbt

    game = gbt.Game.from_arrays(table.matrix(0), table.matrix(1))
    return _profiles(game, gbt.nash.enummixed_solve(game, rational=True).equilibria)


def nfg_extreme_equilibria(path: Path) -> set[Profile]:
    """The same for a two-player .nfg file, read by pygambit itself."""
    import pygambit as gbt

    game = gbt.read_nfg(str(path))
    return _profiles(game, gbt.nash.enummixed_solve(game, rational=True).equilibria)


def nfg_pure_equilibria(path: Path) -> set[Profile]:
    """Every pure equilibrium of an .nfg file (any number of players) by pygambit's enumpure."""
    import pygambit as gbt

    game = gbt.read_nfg(str(path))
    return _profiles(game, gbt.nash.enumpure_solve(game).equilibria)


def nfg_cells(path: Path) -> tuple[tuple[int, ...], list[tuple[Fraction, ...]]]:
    """pygambit's reading of an .nfg file: the shape and every cell's payoffs, profiles in lexicographic order."""
    import pygambit as gbt

    game = gbt.read_nfg(str(path))
    players = list(game.players)
    strategies = [list(p.strategies) for p in players]
    shape = tuple(len(s) for s in strategies)
    cells = []
    for profile in itertools.product(*(range(k) for k in shape)):
        outcome = game[[strategies[i][k] for i, k in enumerate(profile)]]
        cells.append(tuple(Fraction(str(outcome[p])) for p in players))
    return shape, cells


def read_efg(path: Path) -> Any:
    """pygambit's game, or the ValueError with which it rejects the file."""
    import pygambit as gbt

    try:
        return gbt.read_efg(str(path))
    except ValueError as exc:
        return exc


def efg_view(game: Any) -> View:
    """The canonical view of a pygambit game tree (see ``oracle.views``)."""
    players = list(game.players)
    rows: list[Row] = []
    stack = [(game.root, tuple(Fraction(0) for _ in players))]
    while stack:
        node, total = stack.pop()
        outcome = node.outcome  # pygambit 16.7: a wrapper that equals None (and is falsy) when there is none
        if outcome is not None and outcome != None:  # noqa: E711
            total = tuple(t + Fraction(str(outcome[p])) for t, p in zip(total, players, strict=True))
        kids = list(node.children)
        if node.is_terminal:
            rows.append((TERMINAL, len(kids), (), None, (), total))
        else:
            chance = node.player.is_chance
            actions = list(node.infoset.actions)
            key = ("chance" if chance else node.player.number, node.infoset.number)
            probs = tuple(Fraction(str(a.prob)) for a in actions) if chance else ()
            rows.append((CHANCE if chance else DECISION, len(kids), tuple(a.label for a in actions), key, probs, None))
        stack.extend((c, total) for c in reversed(kids))
    return canonical((tuple(p.label for p in players), rows))
