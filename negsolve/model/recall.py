"""Perfect recall: does every player remember what they knew and did?

A game tree has *perfect recall* (Kuhn 1953) when, for every player ``i`` and any two nodes
``x`` and ``y`` in one information set of ``i``, the sequence of ``i``'s own information sets
and moves on the path from the root to ``x`` equals the one to ``y``.  Two ways to break it:

- **absent-mindedness**: an information set holds a node and one of its descendants (the
  absent-minded driver, Piccione and Rubinstein 1997): the player forgets having been there;
- **forgetting**: the player reaches two nodes of one set after different moves of their own
  (or after different information sets of their own): they forgot what they did or knew.

negsolve's tree solvers (backward induction on subgames, the reduced strategic form, the
behaviour strategies they report) assume perfect recall: by Kuhn's theorem mixed and
behaviour strategies are then equivalent.  Without it they are not, so the solvers refuse
such trees with the reason (:func:`require_perfect_recall`) rather than solve them as if the
player remembered.  The readers still read them: converting or drawing a tree needs no recall.

The check walks the tree once, iteratively, giving each node the interned id of every
player's own history ``(previous history, information set, move)``; it costs nothing for
trees whose information sets are all single nodes.
"""

from __future__ import annotations

from collections import Counter

from negsolve.errors import InputError, Problem
from negsolve.model.tree import DECISION, GameTree, Node, node_index

SetKey = tuple[int, str]


def _name(node: Node) -> str:
    return repr(node.label) if node.label and node.label != node.id else repr(node.id)


def recall_problems(tree: GameTree) -> list[tuple[str, str]]:
    """``(node id, message)`` for each information set that breaks perfect recall (first pair found)."""
    groups = Counter((n.player or 0, n.infoset) for n in tree.nodes if n.kind == DECISION and n.infoset is not None)
    shared = {key for key, count in groups.items() if count > 1}
    if not shared:
        return []
    by_id = node_index(tree)
    nplayers = len(tree.players)
    steps: dict[tuple[int, SetKey, str], int] = {}  # (previous history, set, move) -> history id
    back: dict[int, tuple[int, SetKey, str]] = {}
    first: dict[SetKey, tuple[Node, int]] = {}
    problems: list[tuple[str, str]] = []
    reported: set[SetKey] = set()
    stack: list[tuple[str, tuple[int, ...]]] = [(tree.root.id, (0,) * nplayers)]
    while stack:
        node_id, history = stack.pop()
        node = by_id[node_id]
        if node.kind != DECISION or node.player is None:
            stack.extend((child, history) for child in reversed(node.children))
            continue
        p = node.player
        key: SetKey = (p, node.infoset if node.infoset is not None else "#" + node.id)
        if key in shared and key not in reported:
            seen, seen_history = first.setdefault(key, (node, history[p]))
            if seen_history != history[p]:
                reported.add(key)
                problems.append((node.id, _explain(tree, key, seen, node, seen_history, history[p], back)))
        for move, child in reversed(list(zip(node.moves, node.children, strict=False))):  # preorder
            step = (history[p], key, move)
            new = steps.get(step)
            if new is None:
                new = steps[step] = len(steps) + 1
                back[new] = step
            stack.append((child, history[:p] + (new,) + history[p + 1:]))
    return problems


def _moves(history: int, back: dict[int, tuple[int, SetKey, str]]) -> list[tuple[SetKey, str]]:
    out = []
    while history:
        history, key, move = back[history]
        out.append((key, move))
    return out[::-1]


def _explain(tree: GameTree, key: SetKey, a: Node, b: Node, ha: int, hb: int,
             back: dict[int, tuple[int, SetKey, str]]) -> str:
    player = tree.players[key[0]]
    where = f"information set {key[1]!r} of {player}" if not key[1].startswith("#") else f"node {_name(a)}"
    own_a, own_b = _moves(ha, back), _moves(hb, back)
    if any(k == key for k, _ in own_a + own_b):
        later, earlier = (b, a) if any(k == key for k, _ in own_b) else (a, b)
        return (f"imperfect recall (absent-mindedness): {where} holds node {_name(earlier)} and its descendant "
                f"{_name(later)}, so {player} forgets having been there; negsolve solves games of perfect recall "
                "only (behaviour and mixed strategies differ without it)")

    def said(moves: list[tuple[SetKey, str]]) -> str:
        return ", ".join(repr(m) for _, m in moves) if moves else "no move of their own"

    return (f"imperfect recall: {player} cannot tell nodes {_name(a)} and {_name(b)} apart ({where}) but reaches "
            f"them after different moves of their own ({said(own_a)} / {said(own_b)}), so {player} forgets what "
            "they did or knew; negsolve solves games of perfect recall only (behaviour and mixed strategies "
            "differ without it)")


def require_perfect_recall(tree: GameTree) -> None:
    """Raise :class:`~negsolve.errors.InputError` (one problem per offending information set)
    unless ``tree`` has perfect recall."""
    problems = recall_problems(tree)
    if problems:
        raise InputError([Problem(message, file=tree.source or None) for _, message in problems])
