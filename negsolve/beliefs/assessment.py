r"""Assessments (behaviour plus beliefs) of a tree, and the equilibrium notions they meet.

An *assessment* is a behaviour plan :math:`\pi` together with a *belief system* :math:`\mu`: a
probability over the nodes of every information set.  With the sets of
:mod:`negsolve.beliefs.support` (beliefs that make the plan's move a best reply, play continuing
by the plan), this module decides, exactly:

- **sequential rationality** (Kreps & Wilson 1982): some belief at every information set
  supports the plan's behaviour, beliefs unrestricted;
- **weak perfect Bayesian equilibrium** (Mas-Colell, Whinston & Green 1995, Def. 9.C.3):
  sequentially rational, with beliefs given by Bayes' rule at every information set reached
  with positive probability from the root; elsewhere any supporting belief;
- **perfect Bayesian equilibrium** in the sense used here (Fudenberg & Tirole 1991, ch. 8;
  MWG's strengthening after Def. 9.C.3): a weak PBE in which beliefs follow Bayes' rule in
  *every subgame* where possible, i.e. from the root of the smallest subgame containing the
  information set.  This is the notion the ``beliefs`` of an :class:`Assessment` follow: they
  are the Bayes beliefs from that subgame root, and ``off_path`` lists the information sets
  that subgame's play does not reach, with the exact set of supporting beliefs;
- **sequential equilibrium** (Kreps & Wilson 1982): sequentially rational with *consistent*
  beliefs (:mod:`negsolve.beliefs.consistency`).

Each implies the one before it in reverse order: sequential ⇒ PBE ⇒ weak PBE ⇒ sequentially
rational for some beliefs (and a weak PBE's behaviour is a Nash equilibrium).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.model.frozen import freeze_fields
from negsolve.model.tree import GameTree


@dataclass(frozen=True)
class InformationSetBeliefs:
    """One information set under the plan: Bayes beliefs where they are pinned, else the supporting set."""

    name: str
    player: int
    nodes: tuple[str, ...]
    behaviour: dict[str, Fraction]
    reach: Fraction  # probability that play from the root reaches the set
    subgame_root: str  # root of the smallest subgame containing the set
    subgame_reach: Fraction  # probability that play from that root reaches the set
    beliefs: dict[str, Fraction] | None  # Bayes' rule from the subgame root (None: off its path)
    conditions: tuple[str, ...]  # every belief that supports the behaviour ("any belief", "no belief ...")
    supported: bool  # the pinned beliefs (or, off path, some belief) support the behaviour
    supported_somehow: bool  # some belief supports the behaviour (sequential rationality)

    def __post_init__(self) -> None:
        freeze_fields(self, "behaviour", "beliefs")


@dataclass(frozen=True)
class Assessment:
    """A plan with its beliefs, and which equilibrium notions it meets (see the module docstring)."""

    plan: dict[str, Any]
    infosets: tuple[InformationSetBeliefs, ...]
    sequentially_rational: bool
    weak_pbe: bool
    pbe: bool
    sequential: bool | None  # None: the consistency test could not decide (see ``sequential_reason``)
    sequential_reason: str

    def __post_init__(self) -> None:
        freeze_fields(self, "plan")

    @property
    def beliefs(self) -> dict[str, dict[str, Fraction]]:
        """Information sets of two or more nodes that their subgame reaches: Bayes beliefs."""
        return {i.name: i.beliefs for i in self.infosets if len(i.nodes) > 1 and i.beliefs is not None}

    @property
    def off_path_beliefs(self) -> dict[str, tuple[str, ...]]:
        """Information sets of two or more nodes off their subgame's path: the supporting beliefs."""
        return {i.name: i.conditions for i in self.infosets if len(i.nodes) > 1 and i.beliefs is None}

    @property
    def unsupported(self) -> tuple[str, ...]:
        """Information sets where the behaviour is optimal for no admissible belief."""
        return tuple(i.name for i in self.infosets if not i.supported)


def assess(tree: GameTree, plan: Mapping[str, Any], params: Mapping[str, Fraction] | None = None) -> Assessment:
    """The assessment of ``plan`` (a move or ``{move: probability}`` at every decision node).

    Parameters
    ----------
    tree : the game tree (perfect recall assumed, as for every tree solver).
    plan : behaviour at every decision node; all nodes of an information set behave alike.
    params : parameter values overriding the tree's defaults.

    Raises
    ------
    ValueError : the plan leaves a decision node open.
    """
    from negsolve.beliefs.consistency import consistent_support
    from negsolve.beliefs.structure import (
        behaviour_at,
        continuation_values,
        information_sets,
        move_values,
        node_paths,
        smallest_subgames,
    )

    values = tree.parameter_values(params)
    sets = information_sets(tree)
    missing = [x for i in sets for x in i.nodes if not behaviour_at(plan, x)]
    if missing:
        raise ValueError(f"the plan gives no move at {', '.join(missing)}")
    paths = node_paths(tree, plan, values)
    below = continuation_values(tree, plan, values)
    roots = smallest_subgames(tree)
    tables, supports_, rows = {}, {}, []
    index = {n.id: n for n in tree.nodes}
    for infoset in sets:
        table = move_values(tree, infoset, below, index)
        behaviour = behaviour_at(plan, infoset.nodes[0])
        support = [m for m in infoset.moves if behaviour.get(m, 0) > 0]
        tables[infoset.name], supports_[infoset.name] = table, support
        rows.append(_infoset_beliefs(infoset, behaviour, support, table, paths, roots[infoset.nodes[0]]))
    rational = all(r.supported_somehow for r in rows)
    weak = all(r.supported_somehow if r.reach == 0 else r.supported for r in rows)
    pbe = all(r.supported for r in rows)
    several = [i for i in sets if len(i.nodes) > 1]  # one-node sets are settled: pbe holds only if all are optimal
    found = consistent_support(several, paths, tables, supports_) if pbe else None
    sequential = found.sequential if found is not None else False
    reason = found.reason if found is not None else "not a perfect Bayesian equilibrium"
    return Assessment(dict(plan), tuple(rows), rational, weak, pbe, sequential, reason)


def _infoset_beliefs(infoset: Any, behaviour: dict, support: list[str], table: dict, paths: Mapping,
                     root: str) -> InformationSetBeliefs:
    from negsolve.beliefs.support import ANY_BELIEF, NO_BELIEF, conditions, supported, supports

    reach = sum((paths[x].reach for x in infoset.nodes), Fraction(0))
    base = paths[root]
    # from the subgame root: same trembles as the root and not impossible
    inside = {x: (paths[x].weight / base.weight if paths[x].zeros == base.zeros and not paths[x].impossible
                  and not base.impossible else Fraction(0)) for x in infoset.nodes}
    sub_reach = sum(inside.values(), Fraction(0))
    if len(infoset.nodes) == 1:  # the fast common case: the belief is 1, the move must be a best one
        x = infoset.nodes[0]
        best = max(table[x].values())
        ok = all(table[x][m] == best for m in support)
        return InformationSetBeliefs(infoset.name, infoset.player, infoset.nodes, behaviour, reach, root, sub_reach,
                                     {x: Fraction(1)}, (ANY_BELIEF,) if ok else (NO_BELIEF,), ok, ok)
    beliefs = {x: q / sub_reach for x, q in inside.items()} if sub_reach > 0 else None
    somehow = supported(table, support)
    ok = supports(table, support, beliefs) if beliefs is not None else somehow
    return InformationSetBeliefs(infoset.name, infoset.player, infoset.nodes, behaviour, reach, root, sub_reach,
                                 beliefs, conditions(table, support), ok, somehow)
