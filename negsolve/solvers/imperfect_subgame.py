"""A subgame with imperfect information, as the solver and the narrator both see it: its extent down
to the solved proper subgames (:func:`collapsed_subgame`), and the behaviour that a mixed-strategy
equilibrium of its strategic form prescribes at each information set (:func:`behaviour_plan`,
Kuhn's theorem).

With ``trace=True`` the solver records each such subgame as a :class:`SubgameStep`: its extent,
its players' strategies in words, and per way its solved parts below can be played
(:class:`SubgameSolution`) the strategic form it built and the equilibria it chose.  The explanation
narrates these instead of solving the small game again."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.model.frozen import freeze_fields
from negsolve.model.tree import DECISION, TERMINAL, Move, Node, Plan
from negsolve.model.walk import infoset_key, parents

__all__ = ["SubgameEquilibrium", "SubgameSolution", "SubgameStep", "behaviour_plan", "collapsed_subgame",
           "subgame_step"]


@dataclass(frozen=True)
class SubgameEquilibrium:
    """One equilibrium of a subgame's strategic form, as the solver chose it.

    ``profile[n]``: the weight of each strategy of the ``n``-th active player; ``value``: the expected
    payoffs of every player below the subgame's root (its own payoffs included); ``plan``: the
    behaviour it prescribes at the subgame's decision nodes (:func:`behaviour_plan`).
    """

    profile: tuple[tuple[Fraction, ...], ...]
    value: tuple
    plan: Mapping[str, Move]

    def __post_init__(self) -> None:
        freeze_fields(self, "plan")


@dataclass(frozen=True)
class SubgameSolution:
    """A subgame solved for one way its solved parts below are played (``values``: their values, below
    each, in :attr:`SubgameStep.frontier` order).

    ``cells``: the value vector (every player, below the root) of each pure profile of the active
    players, row-major (one cell when nobody chooses); ``equilibria``: every equilibrium found, in the
    solver's order, before plans that behave alike are merged; ``scope``: ``"all"`` (every extreme
    equilibrium; with one active player, every optimal plan) or ``"pure"`` (three or more active
    players); ``degenerate``: the two-player solver's flag (None otherwise).
    """

    values: tuple[tuple, ...]
    cells: tuple[tuple, ...]
    equilibria: tuple[SubgameEquilibrium, ...]
    scope: str
    degenerate: bool | None = None


@dataclass(frozen=True)
class SubgameStep:
    """A subgame with imperfect information as the solver solved it (a trace entry).

    ``frontier``: the solved proper subgames and leaves below it (tree order); ``infosets``: the
    decision nodes of each information set inside it (in tree order of first node); ``players``: the
    active players; ``own[n]``: the information sets (indices into ``infosets``) of ``players[n]``;
    ``labels[n]``: its strategies in words (its moves at ``own[n]``, comma-separated), in the order of
    the strategic form's rows/columns; ``solutions``: one per way the frontier can be played.
    """

    node: str
    frontier: tuple[str, ...]
    infosets: tuple[tuple[str, ...], ...]
    players: tuple[int, ...]
    own: tuple[tuple[int, ...], ...]
    labels: tuple[tuple[str, ...], ...]
    solutions: tuple[SubgameSolution, ...]


def subgame_step(nodes: Sequence[Node], k: int, frontier: Sequence[int], infosets: Mapping[tuple, list[int]],
                 strategies: Mapping[int, list[tuple[int, ...]]],
                 solutions: Sequence[SubgameSolution]) -> SubgameStep:
    """The trace entry of the subgame at ``k`` (``strategies[p]``: a move index per own information set)."""
    keys = list(infosets)
    players = sorted(strategies)
    own = [[key for key in keys if key[1] == p] for p in players]
    labels = tuple(tuple(", ".join(nodes[infosets[key][0]].moves[m] for key, m in zip(mine, s, strict=False))
                         for s in strategies[p]) for p, mine in zip(players, own, strict=False))
    return SubgameStep(nodes[k].id, tuple(nodes[i].id for i in frontier),
                       tuple(tuple(nodes[i].id for i in infosets[key]) for key in keys), tuple(players),
                       tuple(tuple(keys.index(key) for key in mine) for mine in own), labels, tuple(solutions))


def collapsed_subgame(nodes: Sequence[Node], children: Sequence[Sequence[int]], is_root: Sequence[bool],
                      k: int) -> tuple[list[int], dict[tuple, list[int]]]:
    """The subgame at ``k`` down to (not into) its proper subgames: the frontier (positions of solved
    proper subgames and leaves, sorted) and its decision nodes by information set (in tree order)."""
    inner: list[int] = []  # decision/chance nodes played inside
    frontier: list[int] = []
    stack = [k]
    while stack:
        i = stack.pop()
        if i != k and (is_root[i] or nodes[i].kind == TERMINAL):
            frontier.append(i)
            continue
        inner.append(i)
        stack.extend(children[i])
    infosets: dict[tuple, list[int]] = {}
    for i in sorted(inner):
        if nodes[i].kind == DECISION:
            infosets.setdefault(infoset_key(nodes[i]), []).append(i)
    return sorted(frontier), infosets


def behaviour_plan(nodes: Sequence[Node], children: Sequence[Sequence[int]], infosets: Mapping[tuple, list[int]],
                   own: Mapping[int, list[tuple]], strategies: Mapping[int, list[tuple[int, ...]]],
                   mixed: Mapping[int, tuple], number: Callable[[Any], Any] = Fraction) -> Plan:
    """Kuhn's theorem: mixed strategies of a small game (``mixed[p][s]``: the weight of player ``p``'s
    plan ``strategies[p][s]``, a move index per information set of ``own[p]``) as behaviour at every
    node: the move, or ``{move: probability}`` where it mixes.

    The behaviour at an information set is conditional on the player's own earlier moves leading
    to it: only the plans that make them (with perfect recall, the same moves for every node of the
    set) count, renormalised.  Where no plan of the mixture leads there, the behaviour there
    matters to no one and the plain mixture of the plans' moves is kept.

    ``number`` turns a weight into the number type of the probabilities (exact ``Fraction`` by
    default; the path regions pass rational functions of a parameter)."""
    plan: Plan = {}
    parent = parents(children)
    for p, keys in own.items():
        support = [(s, prob) for s, prob in zip(strategies[p], mixed[p], strict=False) if prob]
        slot = {key: j for j, key in enumerate(keys)}
        for j, key in enumerate(keys):
            reaching = support
            if len(support) > 1:
                needs = []  # (slot of an own earlier information set, the move taken there towards key)
                at = infosets[key][0]
                while parent[at] >= 0:
                    up = parent[at]
                    if nodes[up].kind == DECISION and infoset_key(nodes[up]) in slot:
                        needs.append((slot[infoset_key(nodes[up])], children[up].index(at)))
                    at = up
                reaching = [(s, prob) for s, prob in support if all(s[i] == m for i, m in needs)] or support
            total = sum(prob for _, prob in reaching)
            dist: dict[str, Any] = {}
            moves = nodes[infosets[key][0]].moves
            for s, prob in reaching:
                dist[moves[s[j]]] = dist.get(moves[s[j]], number(0)) + number(prob) / total
            move: Move = next(iter(dist)) if len(dist) == 1 else {m: dist.get(m, number(0)) for m in moves}
            for i in infosets[key]:
                plan[nodes[i].id] = move
    return plan
