"""Explanation step: beliefs, Bayes' rule on and off the path, and what each equilibrium is.

For each subgame-perfect equilibrium of a tree with information sets of two or more nodes, the
step narrates its assessment (:func:`negsolve.beliefs.assess`): where play of the smallest
subgame reaches the information set, the belief is the probability of each node divided by the
probability of the set (Bayes' rule), and the move is checked against it; where it does not,
Bayes' rule says nothing (0/0) and the step gives the exact beliefs that would support the move.
It ends with the strongest notion met: sequential, perfect Bayesian, weak perfect Bayesian.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from negsolve.explain.document import Block, Em, Step
from negsolve.explain.wording import join_parts, num, para
from negsolve.model.tree import CHANCE, GameTree


def _reached_by(tree: GameTree) -> dict[str, str]:
    """Each node's last chance move on its path (the game's own words for 'which node'), if any."""
    out: dict[str, str] = {}
    for node in tree.nodes:
        for move, child in zip(node.moves, node.children, strict=True):
            out[child] = move if node.kind == CHANCE else out.get(node.id, "")
    return out


def _node_words(node: str, reached: Mapping[str, str]) -> tuple:
    return (Em(node), f" (after {reached[node]})") if reached.get(node) else (Em(node),)


def _values(info: Any, table: Mapping[str, Mapping[str, Fraction]], belief: Mapping[str, Fraction]) -> tuple:
    pieces = []
    for move in table[info.nodes[0]]:
        value = sum((belief[x] * table[x][move] for x in info.nodes), Fraction(0))
        pieces.append((Em(move), " pays ", num(value)))
    return join_parts(pieces)


def _infoset_block(tree: GameTree, info: Any, table: Mapping, reached: Mapping[str, str]) -> Any:
    player = tree.players[info.player]
    moves = [m for m, q in info.behaviour.items() if q]
    act = join_parts([(num(info.behaviour[m]), " ", Em(m)) if len(moves) > 1 else (Em(m),) for m in moves], "+")
    where = join_parts([_node_words(x, reached) for x in info.nodes], "or")
    if info.beliefs is not None:
        shares = join_parts([(Em(x), " with probability ", num(q)) for x, q in info.beliefs.items()])
        verdict = ("so the move is a best reply to the belief." if info.supported
                   else "so the move is NOT a best reply to the only belief Bayes' rule allows.")
        return para("At the information set ", Em(info.name), ", ", Em(player), " cannot tell ", where, " apart. Play "
                    "from ", Em(info.subgame_root), " reaches it with probability ", num(info.subgame_reach),
                    ", so Bayes' rule fixes the belief: each node's probability divided by ", num(info.subgame_reach),
                    ", giving ", shares, ". With that belief ", _values(info, table, info.beliefs), "; ", Em(player),
                    " plays ", act, ", ", verdict)
    conditions = " and ".join(info.conditions)
    return para("At the information set ", Em(info.name), ", ", Em(player), " cannot tell ", where, " apart, and "
                "play of the subgame from ", Em(info.subgame_root), " never gets there: Bayes' rule divides 0 by 0 "
                "and says nothing. Beliefs off the path are free, but they must justify the move. ", Em(player),
                " plays ", act, "; the beliefs that make it a best reply: ", Em(conditions), ".")


def _verdict(a: Any) -> str:
    if a.sequential:
        return ("It is a sequential equilibrium: some supporting beliefs are the limit of Bayes' rule when every "
                "move is played with a vanishing probability (trembles), so it is also perfect Bayesian.")
    if a.pbe:
        return ("It is a perfect Bayesian equilibrium, but no trembles lead to beliefs that support it everywhere: "
                "not sequential." if a.sequential is False else
                "It is a perfect Bayesian equilibrium; whether it is sequential was not decided.")
    if a.weak_pbe:
        return "It is only a weak perfect Bayesian equilibrium: in some subgame the move ignores Bayes' rule."
    return "It is not a perfect Bayesian equilibrium: some move is a best reply to no admissible belief."


def beliefs_step(tree: GameTree, spe: Any, overrides: Mapping[str, Fraction] | None = None) -> Step | None:
    """The step, or None for a tree whose information sets are single nodes."""
    from negsolve.beliefs import assess
    from negsolve.beliefs.structure import continuation_values, information_sets, move_values

    sets = [i for i in information_sets(tree) if len(i.nodes) > 1]
    if not sets or not spe.equilibria:
        return None
    reached = _reached_by(tree)
    values = tree.parameter_values(overrides)
    blocks: list[Block] = [para(
        "A belief says, at an information set, how likely the mover thinks each of its nodes is. An assessment "
        "pairs a plan with beliefs. On the path of play the beliefs follow Bayes' rule: the probability of "
        "reaching the node divided by the probability of reaching the information set. Off the path Bayes' rule "
        "is silent, and any belief that makes the move a best reply will do. A perfect Bayesian equilibrium asks "
        "Bayes' rule in every subgame where it applies and a best reply everywhere; a sequential equilibrium "
        "asks, in addition, that off-path beliefs come from small trembles.")]
    for k, eq in enumerate(spe.equilibria, start=1):
        a = assess(tree, eq.plan, overrides)
        below = continuation_values(tree, eq.plan, values)
        blocks.append(para(f"Subgame-perfect equilibrium {k}:"))
        for info_set in sets:
            info = next(i for i in a.infosets if i.name == info_set.name)
            blocks.append(_infoset_block(tree, info, move_values(tree, info_set, below), reached))
        blocks.append(para(_verdict(a)))
    return Step("Beliefs: Bayes' rule on and off the path", tuple(blocks), "beliefs")
