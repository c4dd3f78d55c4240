"""Brute-force equilibria of small bimatrix games in exact arithmetic: oracles written from the definitions.

Two independent methods, both exponential and meant for games up to about 4×4:

``vertex_equilibria``
    The extreme equilibria as completely labelled vertex pairs of the best-response polytopes
    (von Stengel 2002, Theorem 2.14; Avis, Rosenberg, Savani and von Stengel 2010): with payoffs
    shifted to be positive, P = {x >= 0 : B^T x <= 1} and Q = {y >= 0 : A y <= 1}.  Every vertex is
    found the naive way, by solving every choice of m (resp. n) constraints as equalities and keeping
    the feasible solutions; its labels are *all* the constraints tight there.  A pair of nonzero
    vertices whose labels cover all m + n labels is an extreme equilibrium, normalised.  This is
    exactly the set pygambit's enummixed and lrsnash report, degenerate games included.

``support_equilibria``
    Support enumeration: for every pair of supports (I, J), of any sizes, solve the indifference
    equations exactly; keep a unique solution whose support is exactly (I, J) and whose regret is
    zero (no pure strategy pays more than the equilibrium payoff).  On a nondegenerate game this is
    every equilibrium; on a degenerate one it finds some points of each Nash subset (a continuum
    solves its indifference system non-uniquely and is skipped).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

Matrix = list[list[Fraction]]
Vector = tuple[Fraction, ...]
Profile = tuple[Vector, Vector]


def solve_unique(rows: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction]) -> Vector | None:
    """The unique solution of rows · z = rhs (any number of equations), or None (none, or many)."""
    k = len(rows[0]) if rows else 0
    aug = [list(r) + [b] for r, b in zip(rows, rhs, strict=True)]
    pivot_row = 0
    pivots = []
    for col in range(k):
        found = next((r for r in range(pivot_row, len(aug)) if aug[r][col] != 0), None)
        if found is None:
            return None  # a free variable: not unique
        aug[pivot_row], aug[found] = aug[found], aug[pivot_row]
        p = aug[pivot_row][col]
        aug[pivot_row] = [v / p for v in aug[pivot_row]]
        for r in range(len(aug)):
            if r != pivot_row and aug[r][col] != 0:
                f = aug[r][col]
                aug[r] = [a - f * b for a, b in zip(aug[r], aug[pivot_row], strict=True)]
        pivots.append(col)
        pivot_row += 1
    if any(row[k] != 0 for row in aug[pivot_row:]):
        return None  # inconsistent
    return tuple(aug[i][k] for i in range(k))


def _shift_positive(M: Matrix) -> Matrix:
    low = min(min(row) for row in M)
    return [[v - low + 1 for v in row] for row in M]


def polytope_vertices(C: Matrix) -> dict[Vector, frozenset[int]]:
    """Vertices of {z >= 0 : C z <= 1} (C positive, d = len(C[0]) variables) with their full label sets.

    Label i < d: z_i = 0; label d + r: row r of C is tight.
    """
    d = len(C[0])
    constraints = [[Fraction(int(i == j)) for j in range(d)] for i in range(d)] + [list(row) for row in C]
    rhs = [Fraction(0)] * d + [Fraction(1)] * len(C)
    vertices: dict[Vector, frozenset[int]] = {}
    for chosen in itertools.combinations(range(len(constraints)), d):
        z = solve_unique([constraints[c] for c in chosen], [rhs[c] for c in chosen])
        if z is None or z in vertices or any(v < 0 for v in z):
            continue
        slack = [sum((a * v for a, v in zip(row, z, strict=True)), Fraction(0)) for row in C]
        if any(s > 1 for s in slack):
            continue
        labels = {i for i in range(d) if z[i] == 0} | {d + r for r, s in enumerate(slack) if s == 1}
        vertices[z] = frozenset(labels)
    return vertices


def _normalised(z: Vector) -> Vector:
    total = sum(z, Fraction(0))
    return tuple(v / total for v in z)


def vertex_equilibria(A: Matrix, B: Matrix) -> tuple[set[Profile], bool]:
    """Every extreme equilibrium, and whether the game is degenerate (a vertex with surplus labels)."""
    m, n = len(A), len(A[0])
    Bt = _shift_positive([[B[i][j] for i in range(m)] for j in range(n)])  # n rows over x in R^m
    As = _shift_positive(A)  # m rows over y in R^n
    P = polytope_vertices(Bt)  # labels: i < m for x_i = 0, m + j for column j a best response
    Q_raw = polytope_vertices(As)  # labels: j < n for y_j = 0, n + i for row i a best response
    # rename Q's labels into the game's: row i -> i, column j -> m + j
    Q = {y: frozenset((m + lab) if lab < n else (lab - n) for lab in labels) for y, labels in Q_raw.items()}
    degenerate = any(len(lab) > m for lab in P.values()) or any(len(lab) > n for lab in Q.values())
    everything = frozenset(range(m + n))
    found = set()
    for x, xl in P.items():
        if not any(x):
            continue
        for y, yl in Q.items():
            if any(y) and xl | yl == everything:
                found.add((_normalised(x), _normalised(y)))
    return found, degenerate


def _indifferent(payoff_rows: list[list[Fraction]], support: tuple[int, ...], size: int) -> Vector | None:
    """The mixture z over ``size`` strategies, zero outside ``support``, with Σz = 1 and payoff_rows[r]·z equal
    for every given row (the other player indifferent among them); None unless unique."""
    k = len(support)
    rows = [[row[s] for s in support] + [Fraction(-1)] for row in payoff_rows]
    rows.append([Fraction(1)] * k + [Fraction(0)])
    rhs = [Fraction(0)] * len(payoff_rows) + [Fraction(1)]
    solution = solve_unique(rows, rhs)
    if solution is None:
        return None
    z = [Fraction(0)] * size
    for s, w in zip(support, solution[:k], strict=True):
        z[s] = w
    return tuple(z)


def support_equilibria(A: Matrix, B: Matrix) -> set[Profile]:
    """Equilibria found by exact support enumeration over every support pair (see the module docstring)."""
    m, n = len(A), len(A[0])
    found = set()
    for rows in _supports(m):
        for cols in _supports(n):
            # the column mixture y (support cols) makes the row player indifferent over rows, and vice versa
            y = _indifferent([A[i] for i in rows], cols, n)
            x = _indifferent([[B[i][j] for i in range(m)] for j in cols], rows, m)
            if x is None or y is None or any(y[j] <= 0 for j in cols) or any(x[i] <= 0 for i in rows):
                continue
            if regret(A, B, x, y) == (0, 0):
                found.add((x, y))
    return found


def _supports(k: int) -> list[tuple[int, ...]]:
    return [s for size in range(1, k + 1) for s in itertools.combinations(range(k), size)]


def regret(A: Matrix, B: Matrix, x: Sequence[Fraction], y: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
    """Each player's regret at (x, y): the best pure payoff against the other's mixture minus the payoff."""
    m, n = len(A), len(A[0])
    row_pays = [sum((A[i][j] * y[j] for j in range(n)), Fraction(0)) for i in range(m)]
    col_pays = [sum((B[i][j] * x[i] for i in range(m)), Fraction(0)) for j in range(n)]
    u = sum((x[i] * row_pays[i] for i in range(m)), Fraction(0))
    v = sum((y[j] * col_pays[j] for j in range(n)), Fraction(0))
    return max(row_pays) - u, max(col_pays) - v


def in_convex_hull(point: Vector, corners: Sequence[Vector]) -> bool:
    """Whether ``point`` is a convex combination of ``corners`` (Carathéodory: some affinely independent
    subset of at most dim + 1 corners suffices, so try each with an exact solve)."""
    dim = len(point)
    for size in range(1, min(len(corners), dim + 1) + 1):
        for subset in itertools.combinations(corners, size):
            rows = [[c[t] for c in subset] for t in range(dim)] + [[Fraction(1)] * size]
            weights = solve_unique(rows, list(point) + [Fraction(1)])
            if weights is not None and all(w >= 0 for w in weights):
                return True
    return False
