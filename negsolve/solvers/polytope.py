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
from collections.abc import Callable, Iterator
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
            new.append([(x * p - f * y) // det for x, y in zip(row, pivot_row, strict=True)])
    return new


def iter_vertices(
    matrix: list[list[int]], check: Callable[[int], None] | None = None
) -> Iterator[tuple[int, list[int], int]]:
    """Stream the vertices of ``{z >= 0 : matrix @ z <= 1}`` as ``(tight_mask, numerators, denominator)``.

    The same lexicographic pivoting as :func:`enumerate_vertices`, organised for speed and
    bounded memory: a depth-first search that keeps *one* tableau and pivots back when it
    returns (the fraction-free tableau of a basis is unique, so the pivot back restores it
    exactly); only the bases seen are remembered, as integer bit masks.  The tableau is a
    dictionary: only the ``dim`` nonbasic columns and the right-hand side are stored, one flat
    list of Python integers per row.

    Variables are numbered ``0 .. dim-1`` for ``z`` and ``dim + i`` for the slack of row ``i``;
    bit ``v`` of ``tight_mask`` is set when variable ``v`` is zero (``z_v = 0``, or row ``v - dim``
    is tight).  ``z_v = numerators[v] / denominator``.  ``check(bases_seen)`` is called at every
    pivot (for progress and cancellation; it may raise to stop the search).
    """
    rows = len(matrix)
    dim = len(matrix[0]) if rows else 0
    rhs = dim
    tab = [list(row) + [1] for row in matrix]
    basis = list(range(dim, dim + rows))
    nonbasic = list(range(dim))
    det = 1
    mask = sum(1 << b for b in basis)
    seen = {mask}
    emitted: set[int] = set()
    all_vars = (1 << (dim + rows)) - 1
    # frames: (row pivoted, column pivoted, next column to try at the parent)
    stack: list[tuple[int, int, int]] = []
    column = 0
    while True:
        if column == 0:
            tight = all_vars & ~mask
            numerators = [0] * dim
            for i in range(rows):
                value = tab[i][rhs]
                var = basis[i]
                if value == 0:
                    tight |= 1 << var
                elif var < dim:
                    numerators[var] = value
            if tight not in emitted:
                emitted.add(tight)
                yield tight, numerators, det
        advanced = False
        back = stack[-1][1] if stack else -1  # entering that column leads back to the parent
        while column < dim:
            c = column
            column += 1
            if c == back:
                continue
            r = _lex_ratio_row(tab, c, rows, rhs, dim, basis, nonbasic, det)
            if r < 0:
                continue
            new_mask = (mask & ~(1 << basis[r])) | (1 << nonbasic[c])
            if new_mask in seen:
                continue
            seen.add(new_mask)
            if check is not None:
                check(len(seen))
            stack.append((r, c, column))
            det = _dictionary_pivot(tab, det, r, c)
            basis[r], nonbasic[c] = nonbasic[c], basis[r]
            mask = new_mask
            column = 0
            advanced = True
            break
        if advanced:
            continue
        if not stack:
            return
        if check is not None:
            check(len(seen))
        r, c, column = stack.pop()
        det = _dictionary_pivot(tab, det, r, c)
        basis[r], nonbasic[c] = nonbasic[c], basis[r]
        mask = (mask & ~(1 << nonbasic[c])) | (1 << basis[r])


def _dictionary_pivot(tab: list[list[int]], det: int, r: int, c: int) -> int:
    """Fraction-free pivot of a dictionary tableau on (r, c); returns the new determinant."""
    prow = tab[r]
    p = prow[c]
    for i, row in enumerate(tab):
        if i == r:
            continue
        f = row[c]
        if f == 0:
            if p != det:
                tab[i] = [v * p // det for v in row]
            continue
        new = [(v * p - f * w) // det for v, w in zip(row, prow, strict=True)]
        new[c] = -f
        tab[i] = new
    prow[c] = det
    return p


def _lex_ratio_row(tab: list[list[int]], c: int, rows: int, rhs: int, dim: int,
                   basis: list[int], nonbasic: list[int], det: int) -> int:
    """Leaving row for entering column ``c`` by the lexicographic minimum ratio test; -1 if unbounded."""
    best = -1
    ties: list[int] = []
    best_row: list[int] = []
    best_piv = 0
    for i in range(rows):
        row = tab[i]
        piv = row[c]
        if piv <= 0:
            continue
        if best < 0:
            best, best_row, best_piv = i, row, piv
            continue
        lhs = row[rhs] * best_piv
        other = best_row[rhs] * piv
        if lhs < other:
            best, best_row, best_piv = i, row, piv
            ties = []
        elif lhs == other:
            ties.append(i)
    if not ties:
        return best
    # Degenerate: break the tie by the columns of B^-1 (the slacks' columns, in slack order).
    candidates = [best] + ties
    position = {var: j for j, var in enumerate(nonbasic)}
    basic_row = {var: i for i, var in enumerate(basis)}
    for slack in range(dim, dim + rows):
        if len(candidates) == 1:
            break
        if slack in position:
            j = position[slack]
            values = [(tab[i][j], tab[i][c]) for i in candidates]
        else:
            k = basic_row[slack]
            values = [(det if i == k else 0, tab[i][c]) for i in candidates]
        low = values[0]
        keep = [candidates[0]]
        for i, (num, piv) in zip(candidates[1:], values[1:], strict=True):
            lhs, other = num * low[1], low[0] * piv
            if lhs < other:
                low, keep = (num, piv), [i]
            elif lhs == other:
                keep.append(i)
        candidates = keep
    return candidates[0]
