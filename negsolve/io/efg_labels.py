"""Labels that Gambit accepts: unique node, information-set and outcome labels.

Gambit 16.7 (pygambit's ``read_efg``) refuses a file in which two nodes carry the same
non-empty label ("Node label must be unique within the game"), or two information sets of
one player do ("Infoset label must be unique for the player").  negsolve's trees allow both
(talks-about-talks has two nodes called "preconditions refused", one per type of North), so
:func:`gambit_labels` renames the later ones before a tree is written as ``.efg``: the
second ``"x"`` becomes ``"x (2)"``.  Outcome labels are made unique the same way (among
outcomes that differ).  Empty labels stay empty: Gambit allows any number of them.

A tree whose labels are already unique is returned unchanged (the same object), so
``.efg -> .efg`` stays byte for byte for such files.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree, Node, Outcome


class _Renamer:
    """Hands out ``label``, then ``label (2)``, ``label (3)``... never a label already taken."""

    def __init__(self, taken: set[str]):
        self.taken = set(taken)
        self.used: set[str] = set()
        self.next: dict[str, int] = {}

    def __call__(self, label: str) -> str:
        if label not in self.used:
            self.used.add(label)
            return label
        n = self.next.get(label, 2)
        while f"{label} ({n})" in self.taken or f"{label} ({n})" in self.used:
            n += 1
        self.next[label] = n + 1
        new = f"{label} ({n})"
        self.used.add(new)
        return new


def written_name(k: int, node: Node) -> str:
    """The Gambit name :func:`negsolve.io.efg.dumps_efg` writes for the ``k``-th node (preorder)."""
    if node.label or node.id == f"n{k + 1}":
        return node.label
    return node.id


def _set_key(node: Node) -> tuple:
    owner = -1 if node.kind == CHANCE else node.player
    return (owner, node.infoset if node.infoset is not None else "#" + node.id)


def gambit_labels(tree: GameTree) -> GameTree:
    """``tree`` with repeated non-empty node, information-set and outcome labels renamed."""
    names = [written_name(k, n) for k, n in enumerate(tree.nodes)]
    node_counts = Counter(name for name in names if name)
    set_labels: dict[tuple, str] = {}
    for node in tree.nodes:
        if node.kind != TERMINAL:
            set_labels.setdefault(_set_key(node), node.infoset_label)
    set_counts = Counter((key[0], label) for key, label in set_labels.items() if label)
    outcomes = {id(n.outcome): n.outcome for n in tree.nodes if n.outcome is not None}
    distinct = {(o.label, o.payoffs) for o in outcomes.values() if o.label}
    outcome_counts = Counter(label for label, _ in distinct)
    if (all(c == 1 for c in node_counts.values()) and all(c == 1 for c in set_counts.values())
            and all(c == 1 for c in outcome_counts.values())):
        return tree

    rename_node = _Renamer(set(node_counts))
    new_set_label: dict[tuple, str] = {}
    per_owner: dict[int | None, _Renamer] = {}
    for key, label in set_labels.items():
        if label and set_counts[(key[0], label)] > 1:
            owner_labels = {lab for (o, lab) in set_counts if o == key[0]}
            renamer = per_owner.setdefault(key[0], _Renamer(owner_labels))
            label = renamer(label)
        new_set_label[key] = label
    rename_outcome = _Renamer(set(outcome_counts))
    new_outcome: dict[tuple, Outcome] = {}
    by_identity: dict[int, Outcome] = {}
    for ident, o in outcomes.items():
        content = (o.label, o.payoffs)
        if content not in new_outcome:
            label = rename_outcome(o.label) if o.label and outcome_counts[o.label] > 1 else o.label
            new_outcome[content] = o if label == o.label else dataclasses.replace(o, label=label)
        by_identity[ident] = new_outcome[content]

    nodes = []
    for name, node in zip(names, tree.nodes, strict=True):
        renamed = rename_node(name) if name and node_counts[name] > 1 else name
        label = renamed if renamed != name else node.label
        changes: dict = {}
        if label != node.label:
            changes["label"] = label
        if node.kind in (DECISION, CHANCE) and new_set_label[_set_key(node)] != node.infoset_label:
            changes["infoset_label"] = new_set_label[_set_key(node)]
        if node.outcome is not None and by_identity[id(node.outcome)] is not node.outcome:
            changes["outcome"] = by_identity[id(node.outcome)]
        nodes.append(dataclasses.replace(node, **changes) if changes else node)
    return dataclasses.replace(tree, nodes=tuple(nodes))
