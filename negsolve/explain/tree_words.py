r"""Shared pieces of the tree explanation: the tree at fixed parameter values (:class:`TreeContext`),
its figure, and the words for moves, behaviour and mixtures.

The context indexes the tree once through the tree kernel (:mod:`negsolve.model.walk`): positions,
children, parents, subgame roots, the payoffs summed along each path.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.explain.document import (
    Em,
    Math,
    TreeBox,
    TreeEdge,
    TreeFigure,
)
from negsolve.explain.wording import (
    em_list,
    flatten,
    join_parts,
    num,
    vec,
)
from negsolve.formatting import fmt
from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree

MAX_DRAWN = 400          # nodes drawn in a figure
MAX_NARRATED = 150       # decision and chance nodes explained one by one
MAX_OPTIONS = 24         # ways a subtree can be played that the narrative follows
MAX_NASH_NODES = 80      # trees larger than this skip the Nash-equilibrium step
MAX_STRATEGIES = 4096    # pure strategies per player in an imperfect-information subgame


@dataclass(frozen=True)
class _Option:
    """One way a subtree can be played by backward induction: totals along the path and the plan inside."""

    value: tuple[Fraction, ...]
    plan: dict


class _Context:
    """Positions, payoffs and structure of a tree at fixed parameter values."""

    def __init__(self, tree: GameTree, overrides: Mapping[str, Fraction] | None) -> None:
        from negsolve.model.walk import infoset_key, parents, tree_structure
        from negsolve.solvers.backward import numeric_tree, subgame_roots

        self.tree = tree
        self.overrides = overrides
        outcomes, probabilities = numeric_tree(tree, overrides)
        self.outcomes = [tuple(Fraction(v) for v in o) for o in outcomes]
        self.probabilities = [tuple(Fraction(p) for p in ps) for ps in probabilities]
        self.pos, self.size, self.children = tree_structure(tree)
        self.is_root = subgame_roots(tree)
        self.nodes = tree.nodes
        self.key = infoset_key
        n = len(tree.players)
        self.prefix: list[tuple[Fraction, ...]] = [tuple(Fraction(0) for _ in range(n))] * len(tree.nodes)
        parent = parents(self.children)
        self.parent = parent
        for k in range(len(tree.nodes)):
            above = self.prefix[parent[k]] if parent[k] >= 0 else tuple(Fraction(0) for _ in range(n))
            self.prefix[k] = tuple(a + b for a, b in zip(above, self.outcomes[k], strict=False))
        groups: dict[tuple, list[int]] = {}
        for k, node in enumerate(tree.nodes):
            if node.kind == DECISION:
                groups.setdefault(infoset_key(node), []).append(k)
        self.groups = groups
        self.perfect = all(self.is_root[k] or n_.kind == TERMINAL for k, n_ in enumerate(tree.nodes))

    def shared(self, k: int) -> str | None:
        """The information-set name of node ``k`` when it shares it with other nodes."""
        node = self.nodes[k]
        if node.kind != DECISION:
            return None
        members = self.groups.get(self.key(node), [])
        return node.infoset if len(members) > 1 else None

    def who(self, k: int) -> str:
        node = self.nodes[k]
        return "chance" if node.kind == CHANCE else self.tree.players[node.player or 0]


# -- drawing ---------------------------------------------------------------------------------------

def _figure(ctx: _Context, plan: dict | None, values: dict[int, list[_Option]] | None) -> TreeFigure:
    drawn = [0]

    def box(k: int) -> TreeBox:
        drawn[0] += 1
        node = ctx.nodes[k]
        if node.kind == TERMINAL:
            return TreeBox(node.id, "", payoffs=ctx.prefix[k], number=k)
        edges = []
        chosen = plan.get(node.id) if plan else None
        for m, (move, child) in enumerate(zip(node.moves, ctx.children[k], strict=False)):
            if drawn[0] >= MAX_DRAWN:
                break
            mark = ""
            if isinstance(chosen, str) and chosen == move:
                mark = "*"
            elif isinstance(chosen, dict) and chosen.get(move):
                mark = f"*{fmt(Fraction(chosen[move]))}"
            prob = ctx.probabilities[k][m] if node.kind == CHANCE else None
            edges.append(TreeEdge(move, box(child), prob, mark))
        value = None
        if values is not None and values.get(k):
            distinct = list(dict.fromkeys(o.value for o in values[k]))
            value = Math(" or ".join(vec(v).text for v in distinct),
                         r" \text{ or } ".join(vec(v).tex for v in distinct))
        return TreeBox(node.id, ctx.who(k), tuple(edges), None, value, ctx.shared(k), k)

    root = box(0)
    return TreeFigure(root, tuple(ctx.tree.players), plan is not None, values is not None,
                      max(0, len(ctx.nodes) - drawn[0]))



def _is(count: int) -> str:
    return "is" if count == 1 else "are"


def possessive_plain(name: str) -> tuple:
    return (Em(name), "'" if name.endswith("s") else "'s")


def _mix(labels: Sequence[str], mix: Sequence[Fraction]) -> tuple:
    def name(label: str) -> tuple:
        return ("(", Em(label), ")") if ", " in label else (Em(label),)

    support = [(labels[k], p) for k, p in enumerate(mix) if p]
    if len(support) == 1:
        return name(support[0][0])
    return join_parts([name(n) + (" with probability ", num(p)) for n, p in support])


def _describe(ctx: _Context, option: _Option, siblings: list[_Option]) -> tuple:
    """What distinguishes ``option`` among ``siblings``: the moves at nodes where they differ."""
    index = ctx.pos
    nodes = sorted({n for o in siblings for n in o.plan}, key=lambda n: index[n])
    differ = [n for n in nodes if len({_move_key(o.plan.get(n)) for o in siblings}) > 1
              and option.plan.get(n) is not None]
    return _behaviour_list(ctx, differ, option.plan) if differ else ("this way",)


def _move_key(move: Any) -> Any:
    return tuple(sorted(move.items())) if isinstance(move, dict) else move


def _behaviour_words(ctx: _Context, node_id: str, move: Any) -> tuple:
    return _behaviour_list(ctx, [node_id], {node_id: move})


def _move_words(move: Any) -> tuple:
    """``Reject 1``, or ``Accept 0 or Reject 0 with probabilities 3/4 and 1/4``."""
    if isinstance(move, str):
        return (Em(move),)
    support = [(m, Fraction(p)) for m, p in move.items() if p]
    if len(support) == 1:
        return (Em(support[0][0]),)
    return flatten([em_list([m for m, _ in support], "or"), " with probabilities ",
                    join_parts([(num(p),) for _, p in support])])


def _behaviour_list(ctx: _Context, node_ids: Sequence[str], behaviour: dict) -> tuple:
    """``Proposer plays Offer 1 at proposal; Responder plays Reject 0 at offer-0 and Reject 2 at offer-2``:
    grouped by player, an information set named once."""
    index = ctx.pos
    by_player: dict[str, list[tuple]] = {}
    seen: set[str] = set()
    for node_id in node_ids:
        k = index[node_id]
        infoset = ctx.shared(k)
        if infoset is not None:
            if infoset in seen:
                continue
            seen.add(infoset)
            where: tuple = (" at information set ", Em(infoset))
        else:
            where = (" at ", Em(node_id))
        by_player.setdefault(ctx.who(k), []).append(flatten([_move_words(behaviour[node_id]), where]))
    return join_parts([flatten([Em(who), " plays ", join_parts(entries, "and")]) for who, entries in by_player.items()],
                      ";")
