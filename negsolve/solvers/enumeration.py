r"""Extreme equilibria by enumerating one best-response polytope and solving the other side per vertex.

This is the scheme of lrslib's ``lrsnash`` (Avis, Rosenberg, Savani and von Stengel, "Enumeration
of Nash equilibria for two-player games", Economic Theory 42, 2010, section 4).  With payoffs
made positive, :math:`P = \{x \ge 0 : B^\top x \le 1\}` and :math:`Q = \{y \ge 0 : A y \le 1\}`.
A pair of nonzero vertices :math:`(x, y)` is an extreme equilibrium (after rescaling) exactly
when every label is carried, i.e. when :math:`y` lies in the face

.. math::

    F(x) = \{y \in Q : (A y)_i = 1 \text{ for } x_i > 0,\ y_j = 0 \text{ for } (B^\top x)_j < 1\},

and is a vertex of it (a face's vertices are vertices of :math:`Q`).  Steps:

1. enumerate the vertices of the polytope of the player with *fewer* strategies (the
   game is transposed when the column player has fewer), streamed from
   :func:`negsolve.solvers.polytope.iter_vertices` (depth-first, one tableau in memory);
2. for a vertex :math:`x` with support :math:`S` and best-response set :math:`T`
   (:math:`|S| = |T|` unless :math:`x` is degenerate), solve :math:`A_{S,T}\, y_T = 1` by
   fraction-free (Bareiss) elimination; keep :math:`y` when :math:`y \ge 0` and
   :math:`A y \le 1`;
3. when that system is not square and regular (a degenerate vertex, or a degenerate face of
   :math:`Q`), list the vertices of :math:`F(x)`: the affine hull of the equalities has some
   dimension :math:`d`; every vertex makes :math:`d` further inequalities tight, so each
   :math:`d`-subset of the inequalities is tried (exactly, with deduplication).  When that
   would exceed :data:`FACE_SUBSET_LIMIT` subsets, the caller falls back to enumerating both
   polytopes (:func:`negsolve.solvers.bimatrix.solve_two_player_both`), which is complete.

Degeneracy is reported when it is met: a vertex of the enumerated polytope with more labels
than its dimension, a face with more than one vertex, or an equilibrium :math:`y` with surplus
labels; pure ties (a pure strategy with two pure best responses) are checked directly.  A
degenerate vertex of the other polytope that lies in no equilibrium and has no pure tie is
not looked for (that would need the other polytope's enumeration).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import comb

from negsolve.solvers.exact_linear import solve_linear
from negsolve.solvers.polytope import iter_vertices

FACE_SUBSET_LIMIT = 50_000


class FaceTooLarge(Exception):
    """A degenerate face has too many candidate vertex subsets for the per-vertex method."""


@dataclass
class EnumerationState:
    """What the enumeration found so far (it may be stopped early by the caller's ``check``)."""

    pairs: list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]
    degenerate: bool = False
    vertices: int = 0


def _bareiss_solve(A: list[list[int]], S: list[int], T: list[int]) -> tuple[list[int], int] | None:
    """Solve ``A[S][T] y = 1`` (square) exactly: ``y = numerators / denominator``; None if singular.

    Fraction-free forward elimination (Bareiss 1968: every division is exact and the last pivot
    is the determinant ``d``), then fraction-free back substitution of ``d * y`` (Cramer's rule
    guarantees integers, so the divisions are exact again).
    """
    k = len(S)
    rows = [[A[i][j] for j in T] + [1] for i in S]
    det = 1
    for col in range(k):
        r = col
        while r < k and not rows[r][col]:
            r += 1
        if r == k:
            return None
        if r != col:  # a row swap flips the determinant's sign, which the back substitution absorbs
            rows[r], rows[col] = rows[col], rows[r]
        prow = rows[col]
        p = prow[col]
        tail = prow[col + 1:]
        for i in range(col + 1, k):
            row = rows[i]
            f = row[col]
            if f:
                row[col + 1:] = [(v * p - f * w) // det for v, w in zip(row[col + 1:], tail, strict=True)]
            elif p != det:
                row[col + 1:] = [v * p // det for v in row[col + 1:]]
        det = p
    # rows[i][i..k] is upper triangular; rows[k-1][k-1] == det.  Solve for X = det * y.
    X = [0] * k
    for i in range(k - 1, -1, -1):
        row = rows[i]
        acc = det * row[k]
        for j in range(i + 1, k):
            acc -= row[j] * X[j]
        X[i] = acc // row[i]
    return X, det


def _feasible(A: list[list[int]], T: list[int], numerators: list[int], den: int, rows: list[int]) -> bool:
    """``y >= 0`` and ``(A y)_i <= 1`` for ``i`` in ``rows``, for ``y_T = numerators / den`` (``den`` any sign)."""
    if den < 0:
        numerators = [-v for v in numerators]
        den = -den
    if any(v < 0 for v in numerators):
        return False
    for i in rows:
        row = A[i]
        if sum(row[j] * v for j, v in zip(T, numerators, strict=True)) > den:
            return False
    return True


def face_vertices(A: list[list[int]], S: list[int], T: list[int]) -> list[tuple[Fraction, ...]]:
    """Vertices of ``{y_T >= 0 : A[S][T] y = 1, A[R][T] y <= 1}`` (R: the other rows), as points of R^T.

    Raises :class:`FaceTooLarge` when the subset search would exceed :data:`FACE_SUBSET_LIMIT`.
    """
    m = len(A)
    R = [i for i in range(m) if i not in set(S)]
    equalities = [[Fraction(A[i][j]) for j in T] for i in S]
    ones = [Fraction(1)] * len(S)
    rank = _rank([row + [b] for row, b in zip(equalities, ones, strict=True)])
    if rank != _rank(equalities):
        return []
    d = len(T) - rank
    # candidate tight inequalities: y_j = 0 (as a unit row, rhs 0) or (A y)_i = 1 for i in R
    candidates = [([Fraction(int(t == j)) for t in T], Fraction(0)) for j in T]
    candidates += [([Fraction(A[i][j]) for j in T], Fraction(1)) for i in R]
    if comb(len(candidates), d) > FACE_SUBSET_LIMIT:
        raise FaceTooLarge(f"face of dimension {d} with {len(candidates)} inequalities")
    found: list[tuple[Fraction, ...]] = []
    for chosen in itertools.combinations(candidates, d):
        system = equalities + [row for row, _ in chosen]
        rhs = ones + [b for _, b in chosen]
        y = solve_linear(system, rhs)
        if y is None or any(v < 0 for v in y):
            continue
        if any(sum((Fraction(A[i][j]) * v for j, v in zip(T, y, strict=True)), Fraction(0)) > 1 for i in R):
            continue
        point = tuple(y)
        if point not in found:
            found.append(point)
    return found


def _rank(rows: list[list[Fraction]]) -> int:
    rows = [list(r) for r in rows]
    rank = 0
    width = len(rows[0]) if rows else 0
    for col in range(width):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][col] != 0:
                f = rows[i][col] / rows[rank][col]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


def _normalized(values: Sequence[int | Fraction], positions: list[int], size: int) -> tuple[Fraction, ...]:
    total = Fraction(sum(values))
    out = [Fraction(0)] * size
    for j, v in zip(positions, values, strict=True):
        out[j] = v / total
    return tuple(out)


def pure_ties(A: list[list[int]], B: list[list[int]]) -> bool:
    """True when some pure strategy has two or more pure best responses (a degenerate game)."""
    m, n = len(A), len(A[0])
    for j in range(n):
        column = [A[i][j] for i in range(m)]
        if column.count(max(column)) > 1:
            return True
    return any(row.count(max(row)) > 1 for row in B)


def one_side_pairs(A: list[list[int]], B: list[list[int]], state: EnumerationState,
                   check: Callable[[int], None] | None = None) -> None:
    """Fill ``state.pairs`` with the extreme equilibria of the positive game (A, B).

    Enumerates P (the row player's polytope, dimension m); the caller transposes the game when
    the column player has fewer strategies.  ``check`` is passed to the vertex search (it may
    raise to stop; ``state`` then holds what was found so far).
    """
    m, n = len(A), len(A[0])
    Bt = [[B[i][j] for i in range(m)] for j in range(n)]
    state.degenerate = state.degenerate or pure_ties(A, B)
    if check is not None:
        check(0)
    for tight, numerators, _den in iter_vertices(Bt, check):
        state.vertices += 1
        S = [i for i in range(m) if numerators[i]]
        if not S:
            continue  # the origin
        T = [j for j in range(n) if tight >> (m + j) & 1]
        if len(T) == len(S):
            solved = _bareiss_solve(A, S, T)
            if solved is not None:
                y_num, den = solved
                if _feasible(A, T, y_num, den, [i for i in range(m) if not numerators[i]]):
                    x = _normalized([numerators[i] for i in S], S, m)
                    _add(state, A, x, _normalized(y_num, T, n), T)
                continue
            face = face_vertices(A, S, T)  # a singular system: the face is empty or degenerate
        else:
            face = face_vertices(A, S, T)  # a degenerate vertex of P
            state.degenerate = True
        state.degenerate = state.degenerate or bool(face)
        if face:
            x = _normalized([numerators[i] for i in S], S, m)
            for y_face in face:
                _add(state, A, x, _normalized(y_face, T, n), T)


def _add(state: EnumerationState, A: list[list[int]], x: tuple[Fraction, ...], y: tuple[Fraction, ...],
         T: list[int]) -> None:
    if not state.degenerate:
        # an equilibrium y with more than n labels (zeros plus tight rows) makes the game degenerate
        n = len(y)
        zeros = sum(1 for v in y if v == 0)
        payoff = [sum((A[i][j] * y[j] for j in T), Fraction(0)) for i in range(len(A))]
        best = max(payoff)
        if zeros + payoff.count(best) > n:
            state.degenerate = True
    state.pairs.append((x, y))
