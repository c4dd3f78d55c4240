r"""Exact vertex enumeration of a polytope :math:`\{z \ge 0 : M z \le 1\}`, with :math:`M > 0`.

Method: a breadth-first search over the *lexicographically feasible* bases of the slack
system :math:`M z + w = 1`, starting from the basis of all slacks (the origin).  The
lexicographic ratio test is the simplex method applied to the perturbed right-hand side
:math:`1 + (\varepsilon, \varepsilon^2, \dots)`; the perturbed polytope is simple, its
vertex graph is connected, and each of its vertices is reached by entering one nonbasic
variable at a neighbour.  Every vertex of the original polytope is the limit of at least
one perturbed vertex, so projecting the lexico-feasible bases lists *every* vertex, even
when the polytope is degenerate (this is the perturbation behind Avis's ``lrs``).

Arithmetic is integer-only ("fraction-free" pivoting, as in Bareiss elimination and
Gambit's exact Lemke code): the tableau holds :math:`D \cdot B^{-1} [M \mid I \mid 1]`
with :math:`D` the last pivot, every update divides exactly by the previous pivot, and
:math:`D > 0` throughout because only positive pivots are taken.

References: D. Avis, "lrs: a revised implementation of the reverse search vertex
enumeration algorithm" (2000); B. von Stengel, "Computing equilibria for two-person
games", Handbook of Game Theory vol. 3, ch. 45 (2002), section 3.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Vertex:
    """A vertex ``z`` of the polytope, exact, with its tight inequalities as bit masks.

    ``z_j = numerators[j] / denominator``.  Bit ``j`` of ``tight_variables`` is set when
    ``z_j = 0``; bit ``i`` of ``tight_rows`` when ``(M z)_i = 1``.  Distinct vertices have
    distinct tight sets, so the pair of masks identifies the vertex.
    """

    numerators: tuple[int, ...]
    denominator: int
    tight_variables: int
    tight_rows: int

    @property
    def point(self) -> tuple[Fraction, ...]:
        return tuple(Fraction(v, self.denominator) for v in self.numerators)

    def normalized(self) -> tuple[Fraction, ...]:
        """The point scaled to sum 1 (a mixed strategy); the zero vertex is returned as is."""
        total = sum(self.numerators)
        if not total:
            return self.point
        return tuple(Fraction(v, total) for v in self.numerators)


class VertexLimitError(RuntimeError):
    """The polytope has more lexico-feasible bases than the caller allowed."""


def enumerate_vertices(matrix: list[list[int]], limit: int | None = None) -> list[Vertex]:
    """All vertices of ``{z >= 0 : matrix @ z <= 1}``; ``matrix`` is a list of rows of positive ints.

    Steps
    -----
    1. Tableau ``[M | I | 1]``, basis = slacks, pivot ``D = 1``.
    2. For each basis taken from the queue, and each nonbasic variable ``s``: choose the
       leaving row by the lexicographic minimum ratio of ``(rhs, B^-1 row)`` over rows with a
       positive entry in column ``s``; if the new basis is unseen, pivot and queue it.
    3. Read each basis's point exactly (``value = entry / D``), drop duplicates.
    """
    rows = len(matrix)
    dim = len(matrix[0]) if rows else 0
    width = dim + rows + 1
    rhs = width - 1
    tableau = []
    for i, row in enumerate(matrix):
        line = list(row) + [0] * rows + [1]
        line[dim + i] = 1
        tableau.append(line)
    basis = list(range(dim, dim + rows))
    start_mask = sum(1 << b for b in basis)
    seen = {start_mask}
    queue: deque[tuple[list[list[int]], int, list[int], int]] = deque([(tableau, 1, basis, start_mask)])
    points: dict[tuple[int, int], Vertex] = {}
    lex_columns = [rhs] + list(range(dim, dim + rows))
    all_variables = (1 << dim) - 1
    while queue:
        tab, det, basis, mask = queue.popleft()
        nonzero_vars = 0
        nonzero_rows = 0
        numerators = [0] * dim
        for i, var in enumerate(basis):
            value = tab[i][rhs]
            if value:
                if var < dim:
                    numerators[var] = value
                    nonzero_vars |= 1 << var
                else:
                    nonzero_rows |= 1 << (var - dim)
        key = (all_variables & ~nonzero_vars, ((1 << rows) - 1) & ~nonzero_rows)
        if key not in points:
            points[key] = Vertex(tuple(numerators), det, key[0], key[1])
        for s in range(dim + rows):
            if mask >> s & 1:
                continue
            leave = -1
            best_row: list[int] | None = None
            best_piv = 0
            for i in range(rows):
                piv = tab[i][s]
                if piv <= 0:
                    continue
                row = tab[i]
                if best_row is None:
                    leave, best_row, best_piv = i, row, piv
                    continue
                for c in lex_columns:
                    lhs = row[c] * best_piv
                    rhs_v = best_row[c] * piv
                    if lhs != rhs_v:
                        if lhs < rhs_v:
                            leave, best_row, best_piv = i, row, piv
                        break
            if leave < 0:
                continue
            new_mask = (mask & ~(1 << basis[leave])) | (1 << s)
            if new_mask in seen:
                continue
            seen.add(new_mask)
            if limit is not None and len(seen) > limit:
                raise VertexLimitError(f"more than {limit} bases")
            queue.append((_pivot(tab, det, leave, s), best_piv, basis[:leave] + [s] + basis[leave + 1:], new_mask))
    return list(points.values())


def _pivot(tab: list[list[int]], det: int, r: int, s: int) -> list[list[int]]:
    pivot_row = tab[r]
    p = pivot_row[s]
    new = []
    for i, row in enumerate(tab):
        if i == r:
            new.append(pivot_row)
            continue
        f = row[s]
        if f == 0:
            new.append([x * p // det for x in row])
        else:
            new.append([(x * p - f * y) // det for x, y in zip(row, pivot_row)])
    return new
