"""A columnar reader for large Gambit ``.efg`` files (the scalable path).

Gambit writes one node per line.  This reader relies on that and on a simple shape — a
perfect-information tree without chance moves, integer payoffs at the leaves, outcomes only
on terminal nodes — and reads such a file column by column (string methods and numpy, no
per-node Python objects).  It returns None for anything else; the caller then uses the
general reader :mod:`negsolve.io.efg`, which reads every ``.efg``.  It is for solving only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from negsolve.limits import BAD_TEXT_CHARACTERS


@dataclass
class CompactTree:
    title: str
    players: list[str]
    kind: Any          # numpy uint8: 0 terminal, 1 decision (preorder)
    children: Any      # numpy int32: number of children
    player: Any        # numpy int16: 0-based player of decision nodes, -1 at leaves
    infoset: Any       # numpy int64: information-set number of decision nodes
    payoff: Any        # numpy int64, one row per node (zeros at decision nodes)
    move_sets: list    # distinct tuples of move names
    move_set: Any      # numpy int64: index into move_sets of each decision node (-1 at leaves)

    def __len__(self) -> int:
        return len(self.kind)


def read_compact(text: str) -> CompactTree | None:
    """Compact arrays of a large, simple ``.efg`` text, or None if it does not have that shape."""
    import numpy as np

    if "\\" in text or BAD_TEXT_CHARACTERS.search(text):
        return None  # escapes, or characters the general reader refuses with a message
    lines = text.split("\n")
    head = lines[0].split('"')
    if len(head) < 3 or head[0].split()[:3] not in (["EFG", "2", "R"], ["EFG", "2", "D"]):
        return None
    players = [head[k] for k in range(3, len(head), 2)]
    start = 1
    while start < len(lines) and (not lines[start].strip() or lines[start].lstrip().startswith('"')):
        start += 1
    body = [line for line in lines[start:] if line]
    tags = [line[:1] for line in body]
    if not body or any(t not in ("p", "t") for t in tags):
        return None  # chance nodes, indented or multi-line nodes: the general reader
    is_leaf = np.frombuffer("".join(tags).encode("ascii"), dtype=np.uint8) == ord("t")
    n = len(players)
    split = [line.split('"', 4) for line in body]
    if any(len(parts) != 5 for parts in split):
        return None  # a node without its description (repeated information set or outcome)
    try:
        leaf_text = " ".join([parts[4] for parts, t in zip(split, tags) if t == "t"])
        number_text = " ".join([parts[2] for parts, t in zip(split, tags) if t == "p"])
        if not (leaf_text.isascii() and number_text.isascii()):
            return None  # non-ASCII digits, which numpy would read as numbers
        values = np.array(leaf_text.replace("{", " ").replace("}", " ").replace(",", " ").split(), dtype=np.int64)
        numbers = np.array(number_text.split(), dtype=np.int64).reshape(-1, 2)
    except (ValueError, OverflowError):
        return None  # decimals, fractions, integers beyond 64 bits...
    if values.size != int(is_leaf.sum()) * n:
        return None
    # the text after the information set's name: '{ "L" "R" } 0' -- the same for most nodes
    distinct: dict[str, int] = {}
    tail_ids = [distinct.setdefault(parts[4], len(distinct)) for parts, t in zip(split, tags) if t == "p"]
    move_sets = []
    for rest in distinct:
        if "{" not in rest or rest[rest.rindex("}") + 1:].split() != ["0"]:
            return None  # an outcome on an inner node
        move_sets.append(tuple(rest[rest.index("{") + 1:rest.rindex("}")].split('"')[1::2]))
    ids = np.array(tail_ids, dtype=np.int64)
    counts = np.array([len(m) for m in move_sets], dtype=np.int32)[ids] if move_sets else np.zeros(0, np.int32)
    keys = numbers[:, 0] * (int(numbers[:, 1].max(initial=0)) + 1) + numbers[:, 1]
    if len(np.unique(keys)) != len(keys):
        return None  # an information set with two or more nodes: imperfect information
    size = len(body)
    kind = np.where(is_leaf, 0, 1).astype(np.uint8)
    children = np.zeros(size, dtype=np.int32)
    player = np.full(size, -1, dtype=np.int16)
    infoset = np.zeros(size, dtype=np.int64)
    move_set = np.full(size, -1, dtype=np.int64)
    decision = ~is_leaf
    children[decision] = counts
    player[decision] = numbers[:, 0] - 1
    infoset[decision] = numbers[:, 1]
    move_set[decision] = ids
    if player.max() >= n or (decision.any() and player[decision].min() < 0):
        return None
    payoff = np.zeros((size, n), dtype=np.int64)
    payoff[is_leaf] = values.reshape(-1, n)
    return CompactTree(head[1], players, kind, children, player, infoset, payoff, move_sets, move_set)
