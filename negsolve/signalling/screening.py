r"""A signalling game after a screen: the receiver first picks a screen, then each branch is a signalling game.

Each branch starts with chance, so it is a subgame: a perfect Bayesian equilibrium of the whole tree is a
perfect Bayesian equilibrium in every branch plus a first move that is a best reply to the receiver's
equilibrium payoffs of the branches (including any payoff at the first node).  :func:`solve_signalling`
lists every such combination with a pure first move (when the receiver is indifferent between screens,
mixing among them is also an equilibrium: each tie is listed once per screen).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from negsolve.model.expression import evaluate
from negsolve.model.frozen import freeze_fields
from negsolve.model.tree import GameTree
from negsolve.signalling.equilibria import SignallingResult
from negsolve.signalling.solve import signalling_equilibria
from negsolve.signalling.structure import Stages, signalling_stages

MAX_PLANS = 10_000


@dataclass(frozen=True)
class ScreenPlan:
    screen: str
    picks: tuple[int, ...]      # per stage: index of its equilibrium
    values: tuple[Fraction, ...]  # the receiver's payoff from each screen under these picks


@dataclass(frozen=True)
class SignallingReport:
    stages: Stages
    results: tuple[SignallingResult, ...]
    plans: tuple[ScreenPlan, ...]   # empty when there is no screen
    values: dict[str, Fraction]

    def __post_init__(self) -> None:
        freeze_fields(self, "values")


def solve_signalling(tree: GameTree, values: Mapping[str, Fraction]) -> SignallingReport:
    """Every perfect Bayesian equilibrium of a signalling tree (with an optional screen first)."""
    stages = signalling_stages(tree)
    full = tree.parameter_values(values)
    results = tuple(signalling_equilibria(s, full) for s in stages.stages)
    plans: list[ScreenPlan] = []
    if stages.screener is not None:
        first = [evaluate(f[1], full) for f in stages.first_payoffs]
        for picks in itertools.product(*(range(len(r.equilibria)) for r in results)):
            worth = tuple(first[k] + results[k].equilibria[i].receiver_payoff for k, i in enumerate(picks))
            best = max(worth)
            plans += [ScreenPlan(stages.screens[k], picks, worth) for k, w in enumerate(worth) if w == best]
            if len(plans) > MAX_PLANS:
                break
    return SignallingReport(stages, results, tuple(plans), dict(full))
