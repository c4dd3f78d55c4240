"""Explanation blocks: subgame perfection defined exactly, and sequential rationality checked.

Subgame perfection asks for a Nash equilibrium in every subgame; an information set that is off
the path of play *within* its subgame is held to nothing.  These blocks say so, and flag a
listed equilibrium whose behaviour at an information set is a best response to no belief
(:mod:`negsolve.solvers.sequential`).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from negsolve.explain.document import Em
from negsolve.explain.wording import join_parts, num, para
from negsolve.model.tree import GameTree


def definition_note(tree: GameTree) -> Any:
    """What subgame perfection does not demand, for trees with information sets."""
    return para("A subgame starts at a single node and cuts no information set, so an information set with "
                "two or more nodes never starts one. Subgame perfection therefore asks nothing of the behaviour "
                "at an information set that play of its subgame does not reach. Sequential rationality asks "
                "more: at every information set the behaviour must be a best response to some belief about "
                "which of its nodes has been reached. Each equilibrium below is checked for it.")


def sequential_blocks(tree: GameTree, plan: Mapping[str, Any], overrides: Mapping[str, Fraction] | None) -> list:
    """A paragraph per information set where ``plan`` is not sequentially rational (none when it is)."""
    from negsolve.solvers.sequential import check_plan

    blocks = []
    for check in check_plan(tree, plan, overrides):
        if check.rational:
            continue
        player = tree.players[check.player]
        moves = [m for m, q in check.behaviour.items() if q]
        behaviour = join_parts([(num(check.behaviour[m]), " ", Em(m)) if len(moves) > 1 else (Em(m),)
                                for m in moves], "+")
        why = (("because ", Em(check.beaten_by), " pays ", Em(player), " more at every node of it, whatever it "
                "believes") if check.beaten_by else ("because no belief about its nodes makes it a best response",))
        blocks.append(para("This equilibrium is not sequentially rational: at the information set of ",
                           join_parts([(Em(n),) for n in check.nodes]), ", ", Em(player), " plays ", behaviour,
                           ", which is a best response to no belief, ", why, ". It is still subgame perfect: "
                           "no subgame starts at that information set, and play of its subgame does not reach it."))
    return blocks
