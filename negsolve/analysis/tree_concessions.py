r"""Concessions on game trees: every play against the subgame-perfect status quo.

For each play :math:`o` of the tree (:mod:`negsolve.analysis.tree_plays`; without chance, each
path from the root to a leaf), against the status quo :math:`e` (the play of the first
subgame-perfect equilibrium):

- who gains and who loses (:math:`u_i(o) - u_i(e)`);
- whether :math:`o` is **self-enforcing**: on a tree this means that *some subgame-perfect
  equilibrium follows* :math:`o` (Selten).  A Nash equilibrium of the strategic form that rests
  on a threat the threatener would not carry out (entry deterrence's *Stay out* backed by
  *Fight*) is not self-enforcing;
- otherwise, what would make it so.  Play after a deviation is taken from a subgame-perfect
  equilibrium (the one that leaves the deviators least to gain); at each information set on the
  play, the mover's **temptation** is the best one-shot deviation's gain, *given that the
  information set is reached* (chance and the play's moves make the reach probability).  Then

  * a **penalty** on deviation: each tempted player must lose at least its largest temptation;
  * a **side payment** from :math:`j` to the one tempted player :math:`i`, paid when :math:`o`
    is played: at least :math:`i`'s temptation, at most :math:`j`'s smallest margin over its own
    deviations on the play (unbounded when :math:`j` has no move on it); none when the interval
    is empty (the payer would rather deviate);
  * a **parameter** alone (the others fixed): the values where some subgame-perfect equilibrium
    follows :math:`o` (:mod:`negsolve.analysis.tree_paths`), for the best-ranked plays.

This runs over the plays, not over the profiles of the reduced strategic form (talks about
talks: 28 plays instead of 245 profiles).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.analysis.concessions import compare_payoffs as _compare
from negsolve.analysis.tree_plays import Play, follows_play, play_label, play_of_plan, play_value, plays
from negsolve.model.frozen import freeze_fields
from negsolve.model.tree import CHANCE, DECISION, GameTree

LIMIT = 5000
PARAMETER_ROWS = 3  # plays (best ranked, not self-enforcing) that get per-parameter regions


@dataclass(frozen=True)
class TreeTemptation:
    player: int
    node: str       # a node of the information set where the deviation is made
    move: str
    gain: Fraction  # > 0, given that the information set is reached


@dataclass(frozen=True)
class TreeSidePayment:
    payer: int
    receiver: int
    at_least: Fraction
    at_most: Fraction | None  # None: no upper limit (the payer has no move on the play)


@dataclass(frozen=True)
class PlayAssessment:
    play: Play
    label: str
    payoffs: tuple[Fraction, ...]
    change: tuple[Fraction, ...]
    comparison: str
    self_enforcing: bool
    temptations: tuple[TreeTemptation, ...]
    side_payments: tuple[TreeSidePayment, ...]
    parameter_regions: tuple[Any, ...] = ()  # ParameterPathRegion

    @property
    def penalty(self) -> Fraction:
        return sum((t.gain for t in self.temptations), Fraction(0))


@dataclass(frozen=True)
class TreeConcessionsReport:
    tree: GameTree
    values: dict[str, Fraction]
    status_quo: PlayAssessment
    outcomes: tuple[PlayAssessment, ...]  # ranked, status quo first

    def __post_init__(self) -> None:
        freeze_fields(self, "values")


def tree_concessions(tree: GameTree, overrides: Mapping[str, Fraction] | None = None,
                     status_quo_path: str | None = None) -> TreeConcessionsReport:
    from negsolve.solvers.backward import solve_tree

    values = tree.parameter_values(overrides)
    spe = solve_tree(tree, values, limit=LIMIT)
    all_plays = plays(tree)
    start = _status_quo(tree, spe, all_plays, status_quo_path)
    base = play_value(tree, start, values)
    rows = []
    for play in all_plays:
        payoffs = play_value(tree, play, values)
        change = tuple(a - b for a, b in zip(payoffs, base, strict=True))
        enforcing = any(follows_play(e.plan, play) for e in spe.equilibria)
        tempt = () if enforcing else _temptations(tree, play, spe.equilibria, values)
        rows.append(PlayAssessment(play, play_label(tree, play), payoffs, change,
                                   "status quo" if play == start else _compare(change), enforcing, tempt,
                                   _side_payments(tree, play, tempt, spe.equilibria, values)))
    rows.sort(key=lambda r: (r.comparison != "status quo",
                             not (r.self_enforcing and r.comparison == "Pareto improvement"),
                             not r.self_enforcing, r.penalty, -sum(r.change)))
    rows = _with_parameter_regions(tree, rows, values)
    return TreeConcessionsReport(tree, dict(values), rows[0], tuple(rows))


def _status_quo(tree: GameTree, spe: Any, all_plays: list[Play], path_text: str | None) -> Play:
    if path_text:
        from negsolve.analysis.tree_paths import parse_path
        from negsolve.errors import InputError, Problem

        wanted = set(parse_path(tree, path_text).steps)
        for play in all_plays:
            if wanted <= set(play.steps) | {s for s in wanted if _is_chance(tree, s[0])}:
                return play
        raise InputError([Problem(f"--from: no play follows {path_text!r}")])
    for e in spe.equilibria:
        found = play_of_plan(tree, e.plan)
        if found is not None:
            return found
    return all_plays[0]


def _is_chance(tree: GameTree, node_id: str) -> bool:
    return any(n.id == node_id and n.kind == CHANCE for n in tree.nodes)


def _with_parameter_regions(tree: GameTree, rows: list[PlayAssessment], values: Mapping[str, Fraction]) -> list:
    if not tree.parameters:
        return rows
    import dataclasses

    from negsolve.analysis.tree_paths import TreePath, _along

    out, done = [], 0
    memo: dict = {}
    for row in rows:
        if not row.self_enforcing and done < PARAMETER_ROWS and row.comparison != "Pareto worse":
            done += 1
            path = TreePath(tuple(m for _, m in row.play.steps), row.play.steps)
            regions = tuple(_along(tree, path, p, values, memo) for p in tree.parameters)
            row = dataclasses.replace(row, parameter_regions=regions)
        out.append(row)
    return out


def _filled(tree: GameTree, plan: Mapping[str, Any], play: Play) -> dict[str, Any]:
    """``plan`` with the play's moves, at every node of the play's information sets."""
    from negsolve.solvers.backward import infoset_key

    out = dict(plan)
    keys = {infoset_key(n): play.moves()[n.id] for n in tree.nodes if n.id in play.moves()}
    for n in tree.nodes:
        if n.kind == DECISION and infoset_key(n) in keys:
            out[n.id] = keys[infoset_key(n)]
    return out


def plan_value(tree: GameTree, plan: Mapping[str, Any], values: Mapping[str, Fraction]
               ) -> tuple[tuple[Fraction, ...], dict[str, Fraction]]:
    """Expected payoffs of a behaviour plan, and each node's probability of being reached."""
    from negsolve.model.expression import evaluate
    from negsolve.model.walk import reach_probabilities

    n = len(tree.players)
    reach = reach_probabilities(tree, plan, lambda p: evaluate(p, values), Fraction(1), Fraction(0))
    total = [Fraction(0)] * n
    for nd in tree.nodes:
        if nd.outcome and reach.get(nd.id):
            for i, e in enumerate(nd.outcome.payoffs):
                total[i] += reach[nd.id] * evaluate(e, values)
    return tuple(total), reach


def _temptations(tree: GameTree, play: Play, equilibria: Any, values: Mapping[str, Fraction]
                 ) -> tuple[TreeTemptation, ...]:
    """One-shot deviations on the play, continuation from the SPE that leaves the least to gain."""
    from negsolve.solvers.backward import infoset_key

    best: tuple[TreeTemptation, ...] | None = None
    on_play = play.moves()
    for e in equilibria or [None]:
        plan = _filled(tree, e.plan if e else {}, play)
        base, reach = plan_value(tree, plan, values)
        found: dict[int, TreeTemptation] = {}
        groups: dict[tuple, list] = {}
        for n in tree.nodes:
            if n.kind == DECISION and n.id in on_play:
                groups.setdefault(infoset_key(n), []).append(n)
        for members in groups.values():
            node = members[0]
            player = node.player or 0
            weight = sum((reach.get(m.id, Fraction(0)) for m in members), Fraction(0))
            if weight == 0:
                continue
            for move in node.moves:
                if move == on_play[node.id]:
                    continue
                other = dict(plan)
                for n in tree.nodes:
                    if n.kind == DECISION and infoset_key(n) == infoset_key(node):
                        other[n.id] = move
                gain = (plan_value(tree, other, values)[0][player] - base[player]) / weight
                if gain > 0 and (player not in found or gain > found[player].gain):
                    found[player] = TreeTemptation(player, node.id, move, gain)
        candidate = tuple(found[p] for p in sorted(found))
        if best is None or sum(t.gain for t in candidate) < sum(t.gain for t in best):
            best = candidate
    return best or ()


def _side_payments(tree: GameTree, play: Play, tempt: tuple[TreeTemptation, ...], equilibria: Any,
                   values: Mapping[str, Fraction]) -> tuple[TreeSidePayment, ...]:
    if len(tempt) != 1:
        return ()
    receiver = tempt[0].player
    out = []
    for payer in range(len(tree.players)):
        if payer == receiver:
            continue
        margin = _margin(tree, play, payer, equilibria, values)
        out.append(TreeSidePayment(payer, receiver, tempt[0].gain, margin))
    return tuple(out)


def _margin(tree: GameTree, play: Play, player: int, equilibria: Any, values: Mapping[str, Fraction]
            ) -> Fraction | None:
    """How much ``player`` can give up on the play and still not deviate from it (None: no move on it)."""
    from negsolve.solvers.backward import infoset_key

    on_play = play.moves()
    plan = _filled(tree, equilibria[0].plan if equilibria else {}, play)
    base, reach = plan_value(tree, plan, values)
    margin: Fraction | None = None
    for n in tree.nodes:
        if n.kind != DECISION or n.id not in on_play or n.player != player or not reach.get(n.id):
            continue
        for move in n.moves:
            if move == on_play[n.id]:
                continue
            other = dict(plan)
            for m in tree.nodes:
                if m.kind == DECISION and infoset_key(m) == infoset_key(n):
                    other[m.id] = move
            loss = (base[player] - plan_value(tree, other, values)[0][player]) / reach[n.id]
            margin = loss if margin is None else min(margin, loss)
    return margin

