r"""Every vertex of the correlated-equilibrium polytope of a small game, exact.

The polytope is :math:`P = \{p \in \mathbb{Q}^N : p \ge 0,\ \mathbf 1^\top p = 1,\ G p \ge 0\}`
(:math:`G` holds the obedience rows of :mod:`negsolve.deals.correlated`).  The vertices are
found by the *double description method* (Motzkin, Raiffa, Thompson and Thrall 1953; Fukuda and
Prodon, "Double description method revisited", 1996), in rational arithmetic:

1. start from the simplex :math:`\{p \ge 0, \mathbf 1^\top p = 1\}`, whose vertices are the
   pure profiles :math:`e_j`; record for each vertex the set of constraints tight at it;
2. add the constraints :math:`g^\top p \ge 0` one at a time.  Vertices with
   :math:`g^\top v \ge 0` stay (those with equality gain :math:`g` in their tight set); for each
   *adjacent* pair :math:`v^+, v^-` with :math:`g^\top v^+ > 0 > g^\top v^-`, the point of the edge
   where :math:`g^\top p = 0` is a new vertex; the others go;
3. two vertices are adjacent iff no third vertex is tight on every constraint tight at both (the
   combinatorial test: the smallest face containing two non-adjacent vertices has a third
   vertex), after the quick necessary test that at least :math:`N - 2` constraints are tight at both.

The vertex count of a correlated-equilibrium polytope can grow quickly with the game's size, so
``limit`` bounds the number of vertices kept; ``VertexEnumeration.complete`` says whether it held.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

VERTEX_LIMIT = 2000


@dataclass(frozen=True)
class VertexEnumeration:
    vertices: tuple[tuple[Fraction, ...], ...]
    complete: bool


def _dot(g: list[Fraction], v: tuple[Fraction, ...]) -> Fraction:
    return sum((a * b for a, b in zip(g, v, strict=True) if a and b), Fraction(0))


def _adjacent(a: int, b: int, tight: list[frozenset[int]], n: int) -> bool:
    common = tight[a] & tight[b]
    if len(common) < n - 2:
        return False
    return not any(k != a and k != b and common <= t for k, t in enumerate(tight))


def enumerate_vertices(g_rows: list[list[Fraction]], n: int, limit: int = VERTEX_LIMIT) -> VertexEnumeration:
    """The vertices of {p >= 0, sum p = 1, G p >= 0} (see the module docstring)."""
    vertices = [tuple(Fraction(int(i == j)) for i in range(n)) for j in range(n)]
    tight = [frozenset(i for i in range(n) if i != j) for j in range(n)]
    for index, g in enumerate(g_rows, start=n):
        values = [_dot(g, v) for v in vertices]
        plus = [k for k, x in enumerate(values) if x > 0]
        minus = [k for k, x in enumerate(values) if x < 0]
        if not minus:
            tight = [t | {index} if x == 0 else t for t, x in zip(tight, values, strict=True)]
            continue
        new: dict[tuple[Fraction, ...], frozenset[int]] = {}
        for a in plus:
            for b in minus:
                if not _adjacent(a, b, tight, n):
                    continue
                va, vb = values[a], values[b]
                point = tuple((va * y - vb * x) / (va - vb) for x, y in zip(vertices[a], vertices[b], strict=True))
                new[point] = new.get(point, frozenset()) | (tight[a] & tight[b]) | {index}
        kept = [(v, t | {index} if x == 0 else t) for v, t, x in zip(vertices, tight, values, strict=True) if x >= 0]
        kept += [(v, t) for v, t in new.items() if v not in dict(kept)]
        if len(kept) > limit:
            return VertexEnumeration((), False)
        vertices = [v for v, _ in kept]
        tight = [t for _, t in kept]
    return VertexEnumeration(tuple(sorted(vertices, reverse=True)), True)
