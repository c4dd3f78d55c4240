"""Every equilibrium a tree solver lists, turned into an assessment.

Subgame-perfect equilibria from backward induction specify behaviour at every node and are
assessed as they are.  Nash equilibria of the reduced strategic form leave open the information
sets a player's own moves rule out; those are filled here with pure moves, trying every
combination (at most :data:`MAX_COMPLETIONS`) and keeping the strongest assessment found
(sequential, then perfect Bayesian, then weak perfect Bayesian, then sequentially rational).
The filled nodes are named, so a reader can see which moves came from the solver.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.beliefs.assessment import Assessment, assess
from negsolve.model.tree import GameTree

MAX_COMPLETIONS = 256


@dataclass(frozen=True)
class TreeAssessment:
    """The assessment of one listed equilibrium: ``source`` is "subgame_perfect" or "nash", ``index`` 1-based."""

    source: str
    index: int
    assessment: Assessment
    completed: tuple[str, ...] = ()  # nodes the equilibrium left open, filled with the moves shown


def _rank(a: Assessment) -> tuple[bool, bool, bool, bool]:
    return (a.sequential is True, a.pbe, a.weak_pbe, a.sequentially_rational)


def complete(tree: GameTree, plan: Mapping[str, Any], params: Mapping[str, Fraction] | None = None
             ) -> tuple[Assessment, tuple[str, ...]]:
    """The strongest assessment of ``plan`` filled with pure moves where it is open, and the filled nodes."""
    from negsolve.beliefs.structure import information_sets

    open_sets = [i for i in information_sets(tree) if not any(x in plan for x in i.nodes)]
    if not open_sets:
        return assess(tree, plan, params), ()
    best: Assessment | None = None
    for k, moves in enumerate(itertools.product(*(i.moves for i in open_sets))):
        if k >= MAX_COMPLETIONS:
            break
        filled = dict(plan)
        for infoset, move in zip(open_sets, moves, strict=True):
            filled.update({x: move for x in infoset.nodes})
        found = assess(tree, filled, params)
        if best is None or _rank(found) > _rank(best):
            best = found
        if found.sequential is True:
            break
    assert best is not None
    return best, tuple(x for i in open_sets for x in i.nodes)


def tree_assessments(tree: GameTree, spe: Sequence[Any], nash: Sequence[Any] | None = None,
                     params: Mapping[str, Fraction] | None = None) -> tuple[TreeAssessment, ...]:
    """Assessments of the subgame-perfect equilibria ``spe`` (objects with ``.plan``) and of the
    Nash equilibria ``nash`` (objects with ``.behaviour``, as :func:`negsolve.solvers.tree_strategic.nash_of_tree`
    lists them)."""
    out = [TreeAssessment("subgame_perfect", k, assess(tree, eq.plan, params)) for k, eq in enumerate(spe, start=1)]
    for k, eq in enumerate(nash or (), start=1):
        found, filled = complete(tree, eq.behaviour, params)
        out.append(TreeAssessment("nash", k, found, filled))
    return tuple(out)
