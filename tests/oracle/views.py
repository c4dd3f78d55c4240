"""Reader-independent views of a game file, computed the same way from negsolve's and pygambit's readings.

A tree's view: per node in preorder, (kind, number of children, move names, information-set key,
chance probabilities, payoffs summed from the root at terminal nodes).  Information sets are renamed
by order of first appearance, so equal partitions compare equal.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from oracle.frozen import digest

Row = tuple[Any, ...]
View = tuple[tuple[str, ...], list[Row]]


def canonical(view: View) -> View:
    """Information sets renamed by order of first appearance: equal partitions compare equal."""
    players, rows = view
    first: dict[object, int] = {}
    out = []
    for kind, nkids, moves, key, probs, total in rows:
        key = None if key is None else first.setdefault(key, len(first))
        out.append((kind, nkids, moves, key, probs, total))
    return players, out


def row_json(row: Row) -> list[Any]:
    kind, nkids, moves, key, probs, total = row
    return [kind, nkids, list(moves), key, [str(p) for p in probs], None if total is None else [str(t) for t in total]]


def node_digests(view: View) -> list[str]:
    """One digest per node of a canonical view."""
    return [digest(row_json(row)) for row in view[1]]


def cell_digests(cells: list[tuple[Fraction, ...]]) -> list[str]:
    """One digest per cell (a payoff tuple), cells in lexicographic profile order."""
    return [digest([str(p) for p in cell]) for cell in cells]
