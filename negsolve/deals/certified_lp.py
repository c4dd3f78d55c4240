r"""Exact linear programs, fast: a floating-point solve whose answer is re-derived and certified exactly.

Problem: :math:`\max c^\top x` s.t. :math:`A_{ub} x \le b_{ub}`, :math:`A_{eq} x = b_{eq}`,
:math:`x \ge 0`, all data rational.  Dual: :math:`\min b_{ub}^\top y + b_{eq}^\top z` s.t.
:math:`A_{ub}^\top y + A_{eq}^\top z \ge c`, :math:`y \ge 0`.

Small problems go straight to the exact simplex (:mod:`negsolve.solvers.lp`).  Larger ones (the
correlated equilibria of a 10×10 game: 100 variables, 180 very degenerate constraints, where
the exact simplex needs thousands of pivots) are solved in floating point by HiGHS (through
scipy), and then, in rational arithmetic:

1. the program restricted to the columns HiGHS uses and the rows with a non-zero float dual is
   solved by the exact simplex (small: a few columns, a few rows), giving a rational primal
   :math:`x` and dual :math:`(y, z)`, padded with zeros;
2. every row is checked at :math:`x` (primal feasibility) and every column against
   :math:`(y, z)` (dual feasibility), exactly; violated rows and columns join the restricted
   program and step 1 repeats (row and column generation);
3. when nothing is violated, :math:`x` and :math:`(y, z)` are feasible for the whole program and
   have equal objective values (strong duality of the restricted program), which proves both
   optimal (weak duality).

Only a certified answer is returned; when any check fails the exact simplex solves the problem
from scratch.  So a float answer is never presented as exact.

:func:`maximize_cutting_planes` needs no float LP at all: for programs with many rows of which few
bind (correlated equilibria), it generates the rows lazily around the exact simplex.  The
correlated-equilibrium programs use it, so ``negsolve correlated`` never imports scipy.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from negsolve.solvers.lp import LPResult, _integer_row, maximize, maximize_scaled

Matrix = Sequence[Sequence[Fraction]]
EXACT_SIZE = 40  # variables x constraints below which the exact simplex is quick enough
TOL = 1e-9
MAX_ROUNDS = 30


def maximize_exact(c: Sequence[Fraction], A_ub: Matrix = (), b_ub: Sequence[Fraction] = (),
                   A_eq: Matrix = (), b_eq: Sequence[Fraction] = (), floats: tuple[Any, Any] | None = None) -> LPResult:
    """The exact optimum of the LP (see the module docstring); ``.x`` and ``.value`` are rational.

    ``floats``: optional float copies (numpy arrays) of ``A_ub`` and ``A_eq``, to save converting
    them again when many programs share their rows.
    """
    if len(c) < EXACT_SIZE:
        return maximize(c, A_ub, b_ub, A_eq, b_eq)
    try:
        certified = _float_then_certify(c, A_ub, b_ub, A_eq, b_eq, floats)
    except ImportError:
        certified = None
    return certified if certified is not None else maximize(c, A_ub, b_ub, A_eq, b_eq)


def _float_then_certify(c: Sequence[Fraction], A_ub: Matrix, b_ub: Sequence[Fraction],
                        A_eq: Matrix, b_eq: Sequence[Fraction], floats: tuple[Any, Any] | None) -> LPResult | None:
    import numpy as np
    from scipy.optimize import linprog

    n = len(c)
    if floats is None:
        floats = (np.array(A_ub, dtype=float).reshape(len(A_ub), n), np.array(A_eq, dtype=float).reshape(len(A_eq), n))
    res = linprog(-np.array(c, dtype=float), A_ub=floats[0] if len(A_ub) else None,
                  b_ub=np.array(b_ub, dtype=float) if len(A_ub) else None,
                  A_eq=floats[1] if len(A_eq) else None, b_eq=np.array(b_eq, dtype=float) if len(A_eq) else None,
                  bounds=(0, None), method="highs")
    if res.status != 0:
        return None  # infeasible, unbounded or trouble: the exact simplex decides
    cols = {j for j, v in enumerate(res.x) if v > TOL}
    rows = {i for i, v in enumerate(res.ineqlin.marginals) if abs(v) > TOL} if len(A_ub) else set()
    tight = {i for i, v in enumerate(res.slack) if abs(v) < 1e-7} if len(A_ub) else set()
    for _ in range(MAX_ROUNDS):
        answer = _restricted(c, A_ub, b_ub, A_eq, b_eq, sorted(cols), sorted(rows))
        if answer is None:
            if tight <= rows:
                return None
            rows |= tight  # the restricted program was unbounded: add every row HiGHS found tight
            continue
        x, y, z = answer
        bad_rows = _violated_rows(x, A_ub, b_ub)
        bad_cols = _violated_columns(y, z, c, A_ub, A_eq)
        if not bad_rows and not bad_cols:
            value = sum((a * b for a, b in zip(c, x, strict=True) if b), Fraction(0))
            return LPResult("optimal", tuple(x), value, tuple(y), tuple(z), 0)
        rows |= set(bad_rows)
        cols |= set(bad_cols)
    return None


def _restricted(c: Sequence[Fraction], A_ub: Matrix, b_ub: Sequence[Fraction], A_eq: Matrix, b_eq: Sequence[Fraction],
                cols: list[int], rows: list[int]) -> tuple[list[Fraction], list[Fraction], list[Fraction]] | None:
    """Solve the LP restricted to ``cols`` and ``rows`` exactly; its solution and duals, padded with zeros."""
    sub = maximize([c[j] for j in cols], [[A_ub[i][j] for j in cols] for i in rows], [b_ub[i] for i in rows],
                   [[row[j] for j in cols] for row in A_eq], list(b_eq))
    if sub.status != "optimal" or sub.x is None:
        return None
    x = [Fraction(0)] * len(c)
    for j, v in zip(cols, sub.x, strict=True):
        x[j] = v
    y = [Fraction(0)] * len(A_ub)
    for i, v in zip(rows, sub.dual_ub, strict=True):
        y[i] = v
    return x, y, list(sub.dual_eq)


def _violated_rows(x: list[Fraction], A_ub: Matrix, b_ub: Sequence[Fraction]) -> list[int]:
    nonzero = [(j, v) for j, v in enumerate(x) if v]
    return [i for i, (row, b) in enumerate(zip(A_ub, b_ub, strict=True))
            if sum((row[j] * v for j, v in nonzero), Fraction(0)) > b]


def _violated_columns(y: list[Fraction], z: list[Fraction], c: Sequence[Fraction], A_ub: Matrix,
                      A_eq: Matrix) -> list[int]:
    """Columns whose dual constraint (A_ub^T y + A_eq^T z)_j >= c_j fails."""
    used = [(row, v) for row, v in zip(A_ub, y, strict=True) if v] + \
        [(row, v) for row, v in zip(A_eq, z, strict=True) if v]
    return [j for j, cj in enumerate(c) if sum((row[j] * v for row, v in used if row[j]), Fraction(0)) < cj]


def maximize_cutting_planes(c: Sequence[Fraction], A_ub: Matrix, b_ub: Sequence[Fraction], A_eq: Matrix = (),
                            b_eq: Sequence[Fraction] = (), lazy: int = 0, batch: int = 12) -> LPResult:
    """The exact optimum by row generation (cutting planes), all in rational arithmetic, no float LP.

    The first ``lazy`` rows of ``A_ub`` start out of the program; the rest are always in.  Each
    round the exact simplex solves the program with the rows gathered so far (a relaxation, so its
    optimum bounds the true one), every lazy row is checked exactly at the solution, and the
    ``batch`` most violated join.  A solution violating no row is feasible for the whole program and
    optimal for a relaxation of it, hence optimal.  Suits programs with many rows of which few bind
    at the optimum (the obedience rows of correlated equilibria: 180 for a 10×10 game, a dozen or
    two binding).  The relaxation must be bounded: the caller keeps bounding rows out of the lazy ones.
    ``.unique`` of the answer: the relaxation's optimum is provably unique, and since that optimum is
    feasible for the whole program (a subset of the relaxation), so is the whole program's.
    """
    rows = list(range(lazy, len(A_ub)))
    scaled: dict[int, tuple[list[int], int, int]] = {}  # each row scaled to integers once, not once a round
    equalities = [_integer_row(row, b) for row, b in zip(A_eq, b_eq, strict=True)]
    while True:
        for i in rows:
            if i not in scaled:
                scaled[i] = _integer_row(A_ub[i], b_ub[i])
        sub = maximize_scaled(c, [scaled[i] for i in rows] + equalities, len(rows))
        if sub.status != "optimal" or sub.x is None:
            return sub  # infeasible relaxation: the program is infeasible (unbounded cannot happen, see above)
        x = sub.x
        nonzero = [(j, v) for j, v in enumerate(x) if v]
        chosen = set(rows)
        excess = []
        for i in range(lazy):
            if i not in chosen:
                lhs = sum((A_ub[i][j] * v for j, v in nonzero), Fraction(0))
                if lhs > b_ub[i]:
                    excess.append((lhs - b_ub[i], i))
        if not excess:
            y = [Fraction(0)] * len(A_ub)
            for i, v in zip(rows, sub.dual_ub, strict=True):
                y[i] = v
            return LPResult("optimal", tuple(x), sub.value, tuple(y), tuple(sub.dual_eq), sub.pivots, sub.unique)
        excess.sort(reverse=True)
        rows += [i for _, i in excess[:batch]]
