r"""Plays of a game tree: the outcomes an agreement on a tree can name.

A **play** fixes one move at every decision node that is reached with positive probability
when those moves are followed: from the root, a decision node contributes its chosen move and
the play continues below it; a chance node continues below *every* one of its moves.  Nodes of
one information set get the same move (the mover cannot tell them apart).  Without chance
nodes a play is a path from the root to a leaf.

A behaviour plan **follows** a play when it plays every move of the play with probability 1.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree, node_index
from negsolve.model.walk import positions

MAX_PLAYS = 2000


@dataclass(frozen=True)
class Play:
    steps: tuple[tuple[str, str], ...]  # (decision node id, move), in preorder

    def moves(self) -> dict[str, str]:
        return dict(self.steps)


def plays(tree: GameTree) -> list[Play]:
    """Every play of ``tree`` (at most MAX_PLAYS), information sets respected, in tree order."""
    index = node_index(tree)
    infoset = {n.id: (n.player, n.infoset) for n in tree.nodes if n.infoset is not None and n.kind == DECISION}

    def below(node_id: str) -> list[dict[str, str]]:
        node = index[node_id]
        if node.kind == TERMINAL:
            return [{}]
        if node.kind == CHANCE:
            out: list[dict[str, str]] = []
            for combo in itertools.product(*(below(c) for c in node.children)):
                merged = _merge(combo, infoset)
                if merged is not None:
                    out.append(merged)
                if len(out) > MAX_PLAYS:
                    break
            return out
        result = []
        for move, child in zip(node.moves, node.children, strict=True):
            for rest in below(child):
                merged = _merge(({node_id: move}, rest), infoset)
                if merged is not None:
                    result.append(merged)
        return result[: MAX_PLAYS + 1]

    order = positions(tree)
    return [Play(tuple(sorted(p.items(), key=lambda kv: order[kv[0]]))) for p in below(tree.nodes[0].id)[:MAX_PLAYS]]


def _merge(parts: Any, infoset: Mapping[str, tuple]) -> dict[str, str] | None:
    merged: dict[str, str] = {}
    chosen: dict[tuple, str] = {}
    for part in parts:
        for node_id, move in part.items():
            key = infoset.get(node_id)
            if key is not None:
                if chosen.setdefault(key, move) != move:
                    return None
            merged[node_id] = move
    return merged


def play_of_plan(tree: GameTree, plan: Mapping[str, Any]) -> Play | None:
    """The play a plan leads to, or None when it mixes at a node it reaches."""
    index = node_index(tree)
    order = positions(tree)
    steps: list[tuple[str, str]] = []
    stack = [tree.nodes[0].id]
    while stack:
        node = index[stack.pop()]
        if node.kind == CHANCE:
            stack.extend(node.children)  # a play names moves below every chance move
        elif node.kind == DECISION:
            move = plan.get(node.id)
            if isinstance(move, dict):
                sure = [m for m, q in move.items() if q == 1]
                if not sure:
                    return None
                move = sure[0]
            if not isinstance(move, str):
                return None
            steps.append((node.id, move))
            stack.append(node.children[node.moves.index(move)])
    return Play(tuple(sorted(steps, key=lambda kv: order[kv[0]])))


def follows_play(plan: Mapping[str, Any], play: Play) -> bool:
    """Whether ``plan`` plays every move of ``play`` with probability 1."""
    return follows_steps(plan, play.steps)


def follows_steps(plan: Mapping[str, Any], steps: Any) -> bool:
    """Whether ``plan`` plays each ``(node id, move)`` of ``steps`` with probability 1."""
    for node_id, move in steps:
        chosen = plan.get(node_id)
        if isinstance(chosen, dict):
            if chosen.get(move, 0) != 1:
                return False
        elif chosen != move:
            return False
    return True


def play_label(tree: GameTree, play: Play) -> str:
    """``Enter → Accommodate``; below a chance node its branches in brackets:
    ``Unconditional talks → [Serious: Engage → Formal negotiations | Not serious: ...]``."""
    index = node_index(tree)
    moves = play.moves()

    def walk(node_id: str) -> list[str]:
        node = index[node_id]
        if node.kind == TERMINAL:
            return []
        if node.kind == CHANCE:
            parts = []
            for move, child in zip(node.moves, node.children, strict=True):
                rest = walk(child)
                parts.append(f"{move}: " + " → ".join(rest) if rest else move)
            return ["[" + " | ".join(parts) + "]"]
        chosen = moves.get(node_id)
        if chosen is None:
            return []
        return [chosen, *walk(node.children[node.moves.index(chosen)])]

    return " → ".join(walk(tree.nodes[0].id)) or "(root)"


def play_value(tree: GameTree, play: Play, values: Mapping[str, Fraction]) -> tuple[Fraction, ...]:
    """Expected payoffs of a play (chance averaged, inner payoffs added)."""
    from negsolve.model.expression import evaluate
    from negsolve.model.walk import plan_values

    zero = (Fraction(0),) * len(tree.players)
    return plan_values(tree, play.moves(), lambda node: tuple(evaluate(e, values) for e in node.outcome.payoffs)
                       if node.outcome else zero, lambda p: evaluate(p, values), zero)[tree.nodes[0].id]
