"""A columnar reader for large Gambit ``.efg`` files (the scalable path).

Gambit writes one node per line.  This reader relies on that and on a simple shape — a
perfect-information tree without chance moves, integer payoffs at the leaves, outcomes only
on terminal nodes — and reads such a file column by column (string methods and numpy, no
per-node Python objects).  It returns None for anything else; the caller then uses the
general reader :mod:`negsolve.io.efg`, which reads every ``.efg``.  It is for solving only.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import Any

from negsolve.io.gc_control import paused_gc
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
    with paused_gc():
        return _read_compact(text)


_LEAF = re.compile(r'^t "[^"\n]*" \d+ "[^"\n]*" \{([^}\n]*)\}[ \t]*$', re.M | re.ASCII)
_DECISION = re.compile(r'^p "[^"\n]*" (\d+ \d+) "[^"\n]*" (\{[^}\n]*\} 0)[ \t]*$', re.M | re.ASCII)


_INTEGER_CHARS = str.maketrans("", "", "0123456789+- \t")


def _read_compact(text: str) -> CompactTree | None:
    """Whole-text regular expressions (C speed) instead of per-line Python: the leaves' payoff
    texts, the decision nodes' (player, information set, moves) and each line's first byte."""
    head = _head_and_body(text)
    if head is None:
        return None
    title, players, body = head
    tags = _line_tags(body)
    if tags is None:
        return None
    is_leaf = tags == ord("t")
    if not (is_leaf | (tags == ord("p"))).all():
        return None  # chance nodes, indented or multi-line nodes: the general reader
    leaves = _LEAF.findall(body)
    decisions = _DECISION.findall(body)
    if len(leaves) != int(is_leaf.sum()) or len(decisions) != len(tags) - len(leaves):
        return None  # a line of another shape (outcome on an inner node, names with quotes...)
    values = _leaf_payoffs(leaves, len(players))
    if values is None:
        return None
    moves = _decision_moves(decisions)
    if moves is None:
        return None
    return _assemble(title, players, is_leaf, values, *moves)


def _head_and_body(text: str) -> tuple[str, list[str], str] | None:
    """The title, the player names and the text from the first node on (None: not this fast format)."""
    if "\\" in text or BAD_TEXT_CHARACTERS.search(text):
        return None  # escapes, or characters the general reader refuses with a message
    first_line, _, rest = text.partition("\n")
    head = first_line.split('"')
    if len(head) < 3 or head[0].split()[:3] not in (["EFG", "2", "R"], ["EFG", "2", "D"]):
        return None
    players = [head[k] for k in range(3, len(head), 2)]
    # skip blank lines and the comment (a quoted string) before the first node
    offset = len(first_line) + 1
    for line in rest.split("\n", 64)[:64]:
        if line.strip() and not line.lstrip().startswith('"'):
            break
        offset += len(line) + 1
    return head[1], players, text[offset:]


def _line_tags(body: str) -> Any:
    """The first byte of every non-empty line (a numpy array; None for an empty body)."""
    import numpy as np

    raw = np.frombuffer(body.encode("utf-8"), dtype=np.uint8)
    if not raw.size:
        return None
    ends = np.flatnonzero(raw == 10)
    starts = np.r_[0, ends + 1]
    starts = starts[starts < raw.size]
    tags = raw[starts]
    return tags[tags != 10]  # empty lines


def _leaf_payoffs(leaves: list[str], n: int) -> Any:
    """The leaves' integer payoffs in file order (a flat int64 array; None: not plain integers of 18
    digits or fewer, or not ``n`` per leaf)."""
    import numpy as np

    payoff_text = " ".join(leaves).replace(",", " ")
    if payoff_text.translate(_INTEGER_CHARS):
        return None  # decimals, fractions...: the general reader
    tokens = payoff_text.split()
    if len(tokens) != len(leaves) * n or max(map(len, tokens), default=0) > 18:
        return None  # a wrong count, or tokens of 19+ characters (possibly beyond int64)
    # fromstring (C speed) reads [+-]digits tokens; a malformed one ("1-2", "-") makes it fail,
    # stop early or read one value too many, so the count check below rejects it
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            values = np.fromstring(payoff_text, dtype=np.int64, sep=" ")
    except ValueError:
        return None
    return values if values.size == len(tokens) else None


def _decision_moves(decisions: list[tuple[str, str]]) -> tuple[Any, Any, Any, list[tuple[str, ...]]] | None:
    """(player, information set) per decision node, its move-set id and move count, and the distinct
    move sets (None: a node without moves, or an information set with two or more nodes)."""
    import numpy as np

    numbers = np.fromstring(" ".join([pair for pair, _ in decisions]), dtype=np.int64, sep=" ").reshape(-1, 2)
    distinct: dict[str, int] = {}
    tail_ids = [distinct.setdefault(tail, len(distinct)) for _, tail in decisions]
    move_sets = [tuple(tail[tail.index("{") + 1:tail.rindex("}")].split('"')[1::2]) for tail in distinct]
    ids = np.array(tail_ids, dtype=np.int64)
    counts = np.array([len(m) for m in move_sets], dtype=np.int32)[ids] if move_sets else np.zeros(0, np.int32)
    if (counts == 0).any():
        return None
    keys = numbers[:, 0] * (int(numbers[:, 1].max(initial=0)) + 1) + numbers[:, 1]
    ordered = np.sort(keys)
    if (ordered[1:] == ordered[:-1]).any():
        return None  # an information set with two or more nodes: imperfect information
    return numbers, ids, counts, move_sets


def _assemble(title: str, players: list[str], is_leaf: Any, values: Any, numbers: Any, ids: Any, counts: Any,
              move_sets: list[tuple[str, ...]]) -> CompactTree | None:
    """The per-node arrays (None: a player number beyond the player list)."""
    import numpy as np

    n = len(players)
    size = len(is_leaf)
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
    return CompactTree(title, players, kind, children, player, infoset, payoff, move_sets, move_set)
