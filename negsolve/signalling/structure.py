r"""Recognising a signalling game in a negsolve tree.

A *signalling game* (Spence 1973; Cho and Kreps 1987) is a tree of this shape:

1. chance draws the sender's type :math:`t` with prior probability :math:`\pi(t)` (the root, or the
   child of an optional first move of the receiver: a *screen* such as preconditions);
2. the sender, knowing its type, sends a message :math:`m` (one decision node per type, each its own
   information set, the same messages for every type);
3. the receiver sees the message but not the type and chooses an action :math:`a` (after message
   :math:`m` the nodes of the types it cannot tell apart share an information set; a node of its own
   means that message reveals the type), or the game ends at once;
4. payoffs :math:`u_S(t, m, a)`, :math:`u_R(t, m, a)`: the sums of the outcomes along the path.

:func:`signalling_stages` returns one :class:`SignallingGame` per branch of the optional first move,
or raises :class:`NotSignalling` saying which node breaks which rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from negsolve.errors import NegsolveError
from negsolve.model.expression import Binary, Expr, Number
from negsolve.model.frozen import freeze_fields
from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree, Node, node_index

ZERO = Number(Fraction(0))


class NotSignalling(NegsolveError):
    """The tree is not a signalling game; the message says which node breaks which rule."""


@dataclass(frozen=True)
class ReceiverInfoset:
    """Where the receiver acts after ``message``: it cannot tell ``types`` apart."""

    name: str
    message: str
    types: tuple[str, ...]
    actions: tuple[str, ...]


@dataclass(frozen=True)
class SignallingGame:
    """One signalling stage, plain data.  ``payoffs[(type, message, action)]`` is ``(sender, receiver)``;
    ``action`` is ``""`` when the game ends right after the message."""

    title: str
    sender: str
    receiver: str
    types: tuple[str, ...]
    prior: tuple[Expr, ...]
    messages: tuple[str, ...]
    infosets: tuple[ReceiverInfoset, ...]
    payoffs: dict[tuple[str, str, str], tuple[Expr, Expr]]
    screen: str = ""          # the receiver's first move leading to this stage ("" when none)

    def __post_init__(self) -> None:
        freeze_fields(self, "payoffs")

    def infoset_of(self, type_: str, message: str) -> ReceiverInfoset | None:
        for infoset in self.infosets:
            if infoset.message == message and type_ in infoset.types:
                return infoset
        return None


@dataclass(frozen=True)
class Stages:
    """A signalling game, or a first move of the receiver (a screen) followed by one per branch."""

    tree: GameTree
    screener: int | None          # player index of the first mover, None when chance is the root
    screens: tuple[str, ...]
    stages: tuple[SignallingGame, ...]
    first_payoffs: tuple[tuple[Expr, Expr], ...]  # outcome at the screen node, per screen (sender, receiver)


def _add(a: Expr, b: Expr) -> Expr:
    if isinstance(a, Number) and a.value == 0:
        return b
    if isinstance(b, Number) and b.value == 0:
        return a
    return Binary("+", a, b)


def _outcome(node: Node, sender: int, receiver: int) -> tuple[Expr, Expr]:
    if node.outcome is None:
        return ZERO, ZERO
    return node.outcome.payoffs[sender], node.outcome.payoffs[receiver]


def signalling_stages(tree: GameTree) -> Stages:
    """The signalling stage(s) of ``tree``, or :class:`NotSignalling` with the reason."""
    nodes = node_index(tree)
    root = tree.root
    if len(tree.players) != 2:
        raise NotSignalling(f"a signalling game has two players (a sender and a receiver); this tree has "
                            f"{len(tree.players)}")
    if root.kind == CHANCE:
        stage = _stage(tree, nodes, root, "")
        return Stages(tree, None, (), (stage,), ((ZERO, ZERO),))
    if root.kind != DECISION:
        raise NotSignalling("the root is a terminal node: there is nothing to signal")
    stages = []
    for move, child in zip(root.moves, root.children, strict=True):
        if nodes[child].kind != CHANCE:
            raise NotSignalling(f"node {child!r} (after {move!r} at the root) is not a chance move drawing the "
                                "sender's type: a signalling game starts with chance, or with the receiver's first "
                                "move followed by chance")
        stage = _stage(tree, nodes, nodes[child], move)
        if tree.players.index(stage.receiver) != root.player:
            raise NotSignalling(f"the first move at {root.id!r} belongs to {tree.players[root.player or 0]}, "
                                "who is not the receiver: only the receiver can screen before the types are drawn")
        stages.append(stage)
    sender = tree.players.index(stages[0].sender)
    firsts = [_outcome(root, sender, 1 - sender)] * len(stages)
    return Stages(tree, root.player, root.moves, tuple(stages), tuple(firsts))


def _stage(tree: GameTree, nodes: dict[str, Node], chance: Node, screen: str) -> SignallingGame:
    where = f" (after {screen!r})" if screen else ""
    if len(chance.moves) < 2:
        raise NotSignalling(f"chance at {chance.id!r}{where} draws only one type: nothing is hidden")
    senders = [nodes[c] for c in chance.children]
    players = {n.player for n in senders}
    if any(n.kind != DECISION for n in senders) or len(players) != 1:
        raise NotSignalling(f"after chance at {chance.id!r}{where}, every type must be a decision node of the "
                            "same player (the sender)")
    sender = players.pop()
    assert sender is not None
    receiver = 1 - sender
    infosets = [n.infoset for n in senders if n.infoset]
    if len(set(infosets)) != len(infosets):
        raise NotSignalling(f"the sender's nodes after chance at {chance.id!r}{where} share an information set: "
                            "in a signalling game the sender knows its type")
    messages = senders[0].moves
    for n in senders:
        if n.moves != messages:
            raise NotSignalling(f"node {n.id!r}: the sender's messages {list(n.moves)} differ from "
                                f"{list(messages)} at {senders[0].id!r}; every type must choose among the same "
                                "messages")
    types = chance.moves
    base = {t: _outcome(chance, sender, receiver) for t in types}
    payoffs: dict[tuple[str, str, str], tuple[Expr, Expr]] = {}
    groups: dict[str, list[tuple[str, Node]]] = {}
    for t, node in zip(types, senders, strict=True):
        s0, r0 = _outcome(node, sender, receiver)
        b = (_add(base[t][0], s0), _add(base[t][1], r0))
        for m, child_id in zip(node.moves, node.children, strict=True):
            child = nodes[child_id]
            cs, cr = _outcome(child, sender, receiver)
            here = (_add(b[0], cs), _add(b[1], cr))
            if child.kind == TERMINAL:
                payoffs[(t, m, "")] = here
                continue
            if child.kind != DECISION or child.player != receiver:
                raise NotSignalling(f"node {child.id!r} (type {t!r} sent {m!r}) must be the receiver's decision "
                                    f"({tree.players[receiver]}) or the end of the game")
            key = child.infoset or f"@{child.id}"
            groups.setdefault(key, []).append((t, child))
            for a, leaf_id in zip(child.moves, child.children, strict=True):
                leaf = nodes[leaf_id]
                if leaf.kind != TERMINAL:
                    raise NotSignalling(f"node {leaf.id!r}: the game must end after the receiver's action "
                                        f"{a!r} at {child.id!r}")
                ls, lr = _outcome(leaf, sender, receiver)
                payoffs[(t, m, a)] = (_add(here[0], ls), _add(here[1], lr))
    infos = []
    for key, members in groups.items():
        msgs = {senders[types.index(t)].moves[senders[types.index(t)].children.index(n.id)] for t, n in members}
        if len(msgs) != 1:
            raise NotSignalling(f"information set {key!r} holds nodes after different messages {sorted(msgs)}: "
                                "the receiver sees the message")
        name = key[1:] if key.startswith("@") else key
        infos.append(ReceiverInfoset(name, msgs.pop(), tuple(t for t, _ in members), members[0][1].moves))
    return SignallingGame(tree.title, tree.players[sender], tree.players[receiver], types, chance.probabilities,
                          messages, tuple(infos), payoffs, screen)
