r"""The tree kernel: traversal and evaluation primitives shared by solvers, analyses, explanations, renderers.

A :class:`~negsolve.model.tree.GameTree` stores its nodes in *preorder*, so every parent comes
before its children: a reversed scan of the positions is a post-order (children first), and a
forward scan visits parents first.  The primitives here build on that one fact:

- :func:`positions`, :func:`node_index`, :func:`tree_structure` (children, subtree sizes) and
  :func:`parents`: the index of a tree, built in one pass;
- :func:`post_order`: positions, children before parents (the order of backward induction);
- :func:`plan_values`: each node's expected payoffs when decisions follow a behaviour plan,
  chance averaged, payoffs on inner nodes added along the path (Gambit's convention)

  .. math:: V(x) = u(x) + \sum_{c} w(x, c)\, V(c),

  where :math:`w(x, c)` is the chance probability of the move to :math:`c`, or the plan's
  probability of that move at a decision node;
- :func:`chance_average`: the expectation of child values at a chance node;
- :func:`follow`: the moves a pure plan prescribes from a node down to the first node where it
  does not name one move;
- :func:`reach_probabilities`: each node's probability of being reached under a plan.

Every function is generic in the number type: exact :class:`~fractions.Fraction`, sympy
expressions and polynomial objects all work, because the caller supplies the own-payoff and
probability functions and the zero; nothing here converts numbers.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from negsolve.model.tree import DECISION, TERMINAL, GameTree, Node, node_index

__all__ = [
    "chance_average",
    "descend_value",
    "follow",
    "move_weights",
    "node_index",
    "parents",
    "plan_values",
    "positions",
    "post_order",
    "reach_probabilities",
    "tree_structure",
]

Vector = tuple


def positions(tree: GameTree) -> dict[str, int]:
    """Preorder position of each node id."""
    return {node.id: k for k, node in enumerate(tree.nodes)}


def tree_structure(tree: GameTree) -> tuple[dict[str, int], list[int], list[list[int]]]:
    """Position of each id, subtree sizes, child positions."""
    pos = positions(tree)
    children = [[pos[c] for c in node.children] for node in tree.nodes]
    size = [1] * len(tree.nodes)
    for k in post_order(tree):
        for c in children[k]:
            size[k] += size[c]
    return pos, size, children


def infoset_key(node: Node) -> tuple:
    """The key of a node's information set: a node with no ``infoset`` is alone in its own."""
    return (node.kind, node.player, node.infoset if node.infoset is not None else f"#{node.id}")


def parents(children: Sequence[Sequence[int]]) -> list[int]:
    """Parent position of each node (-1 at the root), from child positions."""
    parent = [-1] * len(children)
    for k, kids in enumerate(children):
        for c in kids:
            parent[c] = k
    return parent


def post_order(tree: GameTree) -> range:
    """Positions with every child before its parent (reverse preorder)."""
    return range(len(tree.nodes) - 1, -1, -1)


def chance_average(probabilities: Sequence[Any], vectors: Sequence[Vector], width: int, start: Any = 0,
                   add: Callable[[Any, Any], Any] = operator.add,
                   mul: Callable[[Any, Any], Any] = operator.mul) -> Vector:
    """``sum_c p_c * v_c`` coordinate by coordinate, folded from ``start`` (the empty sum: ``Fraction(0)`` keeps
    Fractions); ``add``/``mul`` replace ``+``/``*`` for expression trees."""
    out = []
    for i in range(width):
        acc = start
        for p, v in zip(probabilities, vectors, strict=False):
            acc = add(acc, mul(p, v[i]))
        out.append(acc)
    return tuple(out)


def move_weights(node: Node, chosen: Any) -> list[tuple[Any, str]]:
    """``(probability, child id)`` for the moves a plan entry gives positive probability: a move name, or
    ``{move: probability}``; nothing for a missing entry."""
    if isinstance(chosen, str):
        return [(1, node.children[node.moves.index(chosen)])]
    return [(q, node.children[node.moves.index(m)]) for m, q in dict(chosen or {}).items() if q]


def plan_values(tree: GameTree, plan: Mapping[str, Any], own: Callable[[Node], Vector],
                probability: Callable[[Any], Any], zero: Vector,
                below: dict[str, Vector] | None = None) -> dict[str, Vector]:
    """Each node's expected payoffs from reaching it, its own payoffs included, play by ``plan``.

    ``own(node)`` gives a node's payoff vector, ``probability(expr)`` a chance probability's value,
    ``zero`` the zero vector of the number type.  A pure move takes the child's vector as is
    (no multiplication by 1).  When ``below`` is given it receives each node's value without its
    own payoffs.
    """
    total: dict[str, Vector] = {}
    for k in post_order(tree):
        node = tree.nodes[k]
        if node.kind == TERMINAL:
            rest = zero
        else:
            chosen = plan.get(node.id)
            if node.kind == DECISION and isinstance(chosen, str):
                rest = total[node.children[node.moves.index(chosen)]]
            else:
                if node.kind == DECISION:
                    weights = move_weights(node, chosen)
                else:
                    weights = [(probability(p), c) for p, c in zip(node.probabilities, node.children, strict=True)]
                rest = chance_average([w for w, _ in weights], [total[c] for _, c in weights], len(zero), zero[0])
        if below is not None:
            below[node.id] = rest
        mine = own(node)
        total[node.id] = tuple(a + b for a, b in zip(mine, rest, strict=False))
    return total


def follow(tree: GameTree, plan: Mapping[str, Any], start: Node | None = None,
           index: Mapping[str, Node] | None = None) -> Iterator[tuple[Node, str]]:
    """``(decision node, move)`` from ``start`` (the root) while the plan names one move at a decision node."""
    index = index if index is not None else node_index(tree)
    node = start if start is not None else tree.nodes[0]
    while node.kind == DECISION:
        move = plan.get(node.id)
        if not isinstance(move, str):
            return
        yield node, move
        node = index[node.children[node.moves.index(move)]]


def reach_probabilities(tree: GameTree, plan: Mapping[str, Any], probability: Callable[[Any], Any],
                        one: Any = 1, zero: Any = 0) -> dict[str, Any]:
    """Each node's probability of being reached when decisions follow ``plan`` (parents first)."""
    reach: dict[str, Any] = {tree.nodes[0].id: one}
    for node in tree.nodes:
        r = reach.get(node.id, zero)
        if node.kind == TERMINAL:
            continue
        if node.kind == DECISION:
            chosen = plan.get(node.id)
            dist = {chosen: 1} if isinstance(chosen, str) else dict(chosen or {})
            for m, c in zip(node.moves, node.children, strict=True):
                reach[c] = r * type(one)(dist.get(m, 0))
        else:
            for p, c in zip(node.probabilities, node.children, strict=True):
                reach[c] = r * probability(p)
    return reach


def descend_value(k: int, nodes: Sequence[Node], children: Sequence[Sequence[int]],
                  choose: Callable[[int], list[tuple[Any, int]]], own: Callable[[int], Vector | None],
                  probabilities: Callable[[int], Sequence[Any]], width: int, start: Any = 0,
                  known: Mapping[int, Vector] | None = None,
                  add: Callable[[Any, Any], Any] = operator.add,
                  mul: Callable[[Any, Any], Any] = operator.mul) -> Vector:
    """The expected payoffs of the subtree at position ``k``, top down, visiting only reached nodes.

    ``choose(i)`` gives a decision node's ``(weight, child position)`` pairs (weight ``None``: a pure
    move, the child's value taken as is); ``probabilities(i)`` a chance node's probabilities;
    ``own(i)`` the payoffs added at node ``i`` (``None``: nothing added; a leaf must give a vector);
    ``known`` maps positions whose value is already known (solved subgames).
    """
    def value(i: int) -> Vector:
        if known is not None and i in known:
            return known[i]
        node = nodes[i]
        if node.kind == TERMINAL:
            return own(i)  # type: ignore[return-value]
        if node.kind == DECISION:
            weights = choose(i)
        else:
            weights = list(zip(probabilities(i), children[i], strict=False))
        if len(weights) == 1 and weights[0][0] is None:
            below = value(weights[0][1])
        else:
            below = chance_average([w for w, _ in weights], [value(c) for _, c in weights], width, start, add, mul)
        mine = own(i)
        return below if mine is None else tuple(add(a, b) for a, b in zip(mine, below, strict=False))

    return value(k)
