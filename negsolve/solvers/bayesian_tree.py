r"""The game tree of a Bayesian game (Harsanyi's transformation).

Chance moves first and draws the type profile with the prior's probabilities (expressions,
so parameters stay symbolic).  Then the players move one after another, in player order, each
without seeing the moves before it (the moves are simultaneous) and knowing only its own
type: player :math:`i`'s information set is "its type is :math:`t_i`", the set of every node
where it has type :math:`t_i`, whatever the other types and the earlier moves.  The leaves pay
:math:`u(t, a)`.  The tree has perfect recall, so its reduced strategic form is the ex-ante
form of :mod:`negsolve.solvers.bayesian`, up to the order of the plans.
"""

from __future__ import annotations

from negsolve.model.bayesian import BayesianGame
from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree, Node, Outcome


def infoset_name(game: BayesianGame, player: int, type_: int) -> str:
    """``"Incumbent: High cost"``; a player without types has one set named after it."""
    p = game.players[player]
    return f"{p.name}: {p.types[type_]}" if p.has_types else p.name


def _type_move(game: BayesianGame, types: tuple[int, ...]) -> str:
    named = [p.types[t] for p, t in zip(game.players, types, strict=True) if p.has_types]
    return " / ".join(named) if named else "the only type profile"


def bayesian_tree(game: BayesianGame) -> GameTree:
    """The tree with chance at the root drawing the type profile; see the module docstring."""
    n = len(game.players)
    nodes: list[Node] = []
    type_profiles = list(game.type_profiles())

    def grow(k: int, types: tuple[int, ...], actions: tuple[int, ...], node_id: str) -> None:
        depth = len(actions)
        if depth == n:
            payoffs = game.payoffs[k][game.index(actions)]
            nodes.append(Node(node_id, TERMINAL, outcome=Outcome(tuple(payoffs))))
            return
        player = game.players[depth]
        children = tuple(f"{node_id}.{m}" for m in range(len(player.strategies)))
        name = infoset_name(game, depth, types[depth])
        nodes.append(Node(node_id, DECISION, children, player.strategies, depth, name, name))
        for m, child in enumerate(children):
            grow(k, types, actions + (m,), child)

    root_children = tuple(f"t{k}" for k in range(len(type_profiles)))
    nodes.append(Node("types", CHANCE, root_children, tuple(_type_move(game, t) for t in type_profiles),
                      probabilities=tuple(game.prior), label="types drawn from the common prior"))
    for k, (types, child) in enumerate(zip(type_profiles, root_children, strict=True)):
        grow(k, types, (), child)
    return GameTree(game.title, tuple(p.name for p in game.players), tuple(nodes), game.parameters,
                    game.summary, game.reference, game.source)
