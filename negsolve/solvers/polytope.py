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

from negsolve.errors import SolverError


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


class VertexLimitError(SolverError):
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
    bounded memory: a depth-first search that keeps *one* tableau.  At its first visit a basis
    runs every ratio test and keeps the bit masks of its unseen neighbours; when the search
    returns to a basis with a neighbour still unseen, the tableau is brought back either by
    pivoting back along the path (the fraction-free tableau of a basis is unique, so this is
    exact) or, when that path is longer than the basis has structural variables, rebuilt from
    the starting tableau.  Most returns find nothing left to do and cost no pivot.  The
    tableau is a dictionary: the ``dim`` nonbasic columns and the right-hand side, one flat
    list of Python integers per row.  Memory: one tableau plus a few integers per basis.

    Variables are numbered ``0 .. dim-1`` for ``z`` and ``dim + i`` for the slack of row ``i``;
    bit ``v`` of ``tight_mask`` is set when variable ``v`` is zero (``z_v = 0``, or row ``v - dim``
    is tight).  ``z_v = numerators[v] / denominator``.  ``check(bases_seen)`` is called at every
    new basis and every return (for progress and cancellation; it may raise to stop the search).
    """
    rows = len(matrix)
    dim = len(matrix[0]) if rows else 0
    search = _Search(matrix)
    seen = {search.mask}
    emitted: set[int] = set()
    all_vars = (1 << (dim + rows)) - 1
    structural = (1 << dim) - 1
    first = search.visit(seen, -1)
    stack: list[tuple[int, list[int]]] = [(search.mask, first[1])]
    emitted.add(first[0] | (all_vars & ~search.mask))
    yield first[0] | (all_vars & ~search.mask), first[2], search.det
    popped: list[int] = []  # masks of the bases left since the tableau was last on the stack
    while stack:
        mask, pending = stack[-1]
        while pending and pending[-1] in seen:
            pending.pop()
        if not pending:
            stack.pop()
            popped.append(mask)
            if check is not None:
                check(len(seen))
            continue
        target = pending.pop()
        if popped:  # bring the tableau back to this basis
            if len(popped) > bin(mask & structural).count("1"):
                search.rebuild(mask)
            else:
                for step in popped[1:]:
                    search.pivot_to(step)
                search.pivot_to(mask)
            popped = []
        back = search.pivot_to(target)
        seen.add(target)
        if check is not None:
            check(len(seen))
        tight, neighbours, numerators = search.visit(seen, back)
        stack.append((target, neighbours))
        tight |= all_vars & ~target
        if tight not in emitted:
            emitted.add(tight)
            yield tight, numerators, search.det


class _Search:
    """The one tableau of :func:`iter_vertices` and the positions of its variables."""

    def __init__(self, matrix: list[list[int]]) -> None:
        self.matrix = matrix
        self.rows = len(matrix)
        self.dim = len(matrix[0]) if self.rows else 0
        self._start()

    def _start(self) -> None:
        rows, dim = self.rows, self.dim
        self.tab = [list(row) + [1] for row in self.matrix]
        self.basis = list(range(dim, dim + rows))
        self.nonbasic = list(range(dim))
        self.row_of = [-1] * dim + list(range(rows))
        self.col_of = list(range(dim)) + [-1] * rows
        self.det = 1
        self.mask = sum(1 << b for b in self.basis)

    def _pivot(self, r: int, c: int) -> None:
        self.det = _dictionary_pivot(self.tab, self.det, r, c)
        enter, leave = self.nonbasic[c], self.basis[r]
        self.basis[r], self.nonbasic[c] = enter, leave
        self.row_of[enter], self.col_of[enter] = r, -1
        self.row_of[leave], self.col_of[leave] = -1, c
        self.mask ^= (1 << enter) | (1 << leave)

    def pivot_to(self, target: int) -> int:
        """Pivot to the adjacent basis ``target``; returns the column that leads back."""
        diff = self.mask ^ target
        enter = (diff & target).bit_length() - 1
        leave = (diff & self.mask).bit_length() - 1
        c = self.col_of[enter]
        self._pivot(self.row_of[leave], c)
        return c

    def rebuild(self, target: int) -> None:
        """The tableau of basis ``target`` computed afresh from the starting one (exact)."""
        self._start()
        dim = self.dim
        for var in range(dim):
            if not target >> var & 1:
                continue
            c = self.col_of[var]
            r = next(i for i in range(self.rows)
                     if self.basis[i] >= dim and not target >> self.basis[i] & 1 and self.tab[i][c])
            self._pivot(r, c)
        if self.det < 0:  # det * B^-1 N with det < 0 is -(|det| * B^-1 N)
            self.tab = [[-v for v in row] for row in self.tab]
            self.det = -self.det

    def visit(self, seen: set[int], back: int) -> tuple[int, list[int], list[int]]:
        """At a new basis: (zero basic variables as a mask, unseen neighbour masks, numerators)."""
        tab, rows, dim, basis, nonbasic, det = self.tab, self.rows, self.dim, self.basis, self.nonbasic, self.det
        rhs = dim
        tight = 0
        numerators = [0] * dim
        for i in range(rows):
            value = tab[i][rhs]
            var = basis[i]
            if value == 0:
                tight |= 1 << var
            elif var < dim:
                numerators[var] = value
        mask = self.mask
        neighbours = []
        for c in range(dim):
            if c == back:
                continue
            # minimum ratio test; ties (degenerate bases) go to the lexicographic rule
            r = -1
            tie = False
            best_num = best_piv = 0
            for i in range(rows):
                row = tab[i]
                piv = row[c]
                if piv > 0:
                    if r < 0:
                        r, best_num, best_piv = i, row[rhs], piv
                        continue
                    lhs = row[rhs] * best_piv
                    other = best_num * piv
                    if lhs < other:
                        r, best_num, best_piv, tie = i, row[rhs], piv, False
                    elif lhs == other:
                        tie = True
            if r < 0:
                continue
            if tie:
                r = _lex_ratio_row(tab, c, rows, rhs, dim, basis, nonbasic, det)
            new_mask = (mask & ~(1 << basis[r])) | (1 << nonbasic[c])
            if new_mask not in seen:
                neighbours.append(new_mask)
        return tight, neighbours, numerators


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
