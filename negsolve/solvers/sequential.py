r"""Sequential rationality of a behaviour plan at every information set.

Subgame perfection (Selten 1965) asks for a Nash equilibrium in every *subgame*.  An
information set with two or more nodes never starts a subgame, so when it lies off the
path of play *within* its subgame, subgame perfection puts no demand on the behaviour
there.  Sequential rationality (Kreps & Wilson 1982; Osborne & Rubinstein, *A Course in Game
Theory*, §12.2) asks more: at every information set :math:`I` of player :math:`i`, the
behaviour must be a best response to *some* belief :math:`\mu` over the nodes of :math:`I`,
play continuing by the plan.

For each node :math:`x \in I` and move :math:`m`, let :math:`v(x, m)` be :math:`i`'s payoff
from taking :math:`m` at :math:`x` and following the plan afterwards.  The behaviour with
support :math:`S` is sequentially rational at :math:`I` iff the linear system

.. math::  \mu \ge 0,\quad \sum_x \mu_x = 1,\quad
           \sum_x \mu_x \bigl(v(x, s) - v(x, m)\bigr) \ge 0 \quad (s \in S,\ m \text{ a move})

has a solution, decided exactly by Fourier–Motzkin elimination
(:func:`negsolve.analysis.linear.feasible`).  This checks the behaviour against beliefs one
information set at a time; it does not ask the beliefs to be consistent with the plan (a weak
test: a plan that fails it is in no sequential or perfect Bayesian equilibrium).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.model.frozen import freeze_fields
from negsolve.model.tree import DECISION, GameTree, node_index


@dataclass(frozen=True)
class InformationSetCheck:
    """One information set: the behaviour there and whether some belief makes it a best response."""

    player: int
    nodes: tuple[str, ...]
    behaviour: dict[str, Fraction]
    rational: bool
    beaten_by: str | None = None  # a move that does better than the behaviour whatever the belief

    def __post_init__(self) -> None:
        freeze_fields(self, "behaviour")


def check_plan(tree: GameTree, plan: Mapping[str, Any], overrides: Mapping[str, Fraction] | None = None
               ) -> tuple[InformationSetCheck, ...]:
    """Check ``plan`` at every information set with two or more nodes, and at every single node."""
    from negsolve.solvers.backward import infoset_key

    values = tree.parameter_values(overrides)
    below = _values_below(tree, plan, values)
    index = node_index(tree)
    groups: dict[tuple, list[str]] = {}
    for n in tree.nodes:
        if n.kind == DECISION:
            groups.setdefault(infoset_key(n), []).append(n.id)
    checks = []
    for members in groups.values():
        first = index[members[0]]
        player = first.player or 0
        chosen = plan.get(first.id)
        dist = {chosen: Fraction(1)} if isinstance(chosen, str) else {m: Fraction(q) for m, q in (chosen or {}).items()}
        support = [m for m, q in dist.items() if q > 0]
        if not support:
            continue
        table = {x: {m: below[index[x].children[index[x].moves.index(m)]][player] for m in first.moves}
                 for x in members}
        rational = _some_belief(members, first.moves, support, table)
        beaten = None if rational else _dominating_move(members, first.moves, support, table)
        checks.append(InformationSetCheck(player, tuple(members), dist, rational, beaten))
    return tuple(checks)


def sequentially_rational(tree: GameTree, plan: Mapping[str, Any],
                          overrides: Mapping[str, Fraction] | None = None) -> bool:
    return all(c.rational for c in check_plan(tree, plan, overrides))


def _some_belief(members: list[str], moves: tuple[str, ...], support: list[str],
                 table: Mapping[str, Mapping[str, Fraction]]) -> bool:
    from negsolve.analysis.linear import Linear, feasible

    names = {x: f"mu{k}" for k, x in enumerate(members)}
    system = [Linear.make({names[x]: Fraction(1)}, Fraction(0), False) for x in members]
    total = {names[x]: Fraction(1) for x in members}
    system.append(Linear.make(total, Fraction(-1), False))
    system.append(Linear.make({k: -v for k, v in total.items()}, Fraction(1), False))
    for s in support:
        for m in moves:
            if m != s:
                system.append(Linear.make({names[x]: table[x][s] - table[x][m] for x in members}, Fraction(0), False))
    return feasible(system)


def _dominating_move(members: list[str], moves: tuple[str, ...], support: list[str],
                     table: Mapping[str, Mapping[str, Fraction]]) -> str | None:
    """A move strictly better than some move of the support at every node (an explanation of the failure)."""
    for s in support:
        for m in moves:
            if m != s and all(table[x][m] > table[x][s] for x in members):
                return m
    return None


def _values_below(tree: GameTree, plan: Mapping[str, Any], values: Mapping[str, Fraction]) -> dict[str, tuple]:
    """Each node's expected payoffs from reaching it (its own payoffs included), play by ``plan``."""
    from negsolve.model.expression import evaluate
    from negsolve.model.walk import plan_values

    zero = (Fraction(0),) * len(tree.players)
    return plan_values(tree, plan, lambda node: tuple(evaluate(e, values) for e in node.outcome.payoffs)
                       if node.outcome else zero, lambda p: evaluate(p, values), zero)
