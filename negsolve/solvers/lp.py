r"""Exact linear programming: a fraction-free (integer) two-phase simplex method.

Problem, over the rationals, with every variable non-negative:

.. math::

    \max\ c^\top x \quad\text{s.t.}\quad A_{ub} x \le b_{ub},\quad A_{eq} x = b_{eq},\quad x \ge 0.

Algorithm (Dantzig's simplex method, two phases, exact):

1. Each constraint row is scaled by the least common multiple of its denominators so that
   every entry is an integer; a slack column is added to each ``<=`` row; a row whose
   right-hand side is negative is multiplied by -1 and gets an artificial column, as does
   every equality row.  The starting basis is the slacks and artificials (an identity).
2. The tableau is kept *fraction-free*: it stores :math:`D\,B^{-1}[A \mid b]` with
   :math:`D = |\det B|` (the last pivot), so every entry is an integer and each pivot
   ``T[i][j] = (T[i][j] * p - T[i][s] * T[r][j]) // D`` divides exactly (Bareiss's
   determinant identity; Edmonds 1967; Azulay and Pique, "A revised simplex method with
   integer Q-matrices", ACM TOMS 27, 2001).  The objective rows are updated the same way.
3. Phase 1 maximises minus the sum of the artificials; a negative optimum means the problem
   is infeasible.  Artificials left basic at level zero are pivoted out on any non-zero
   entry (a negative pivot flips the sign of the whole tableau so that :math:`D > 0`), or,
   when their row is zero outside the artificials (a redundant equality), are kept and
   never touched again.  Phase 2 maximises :math:`c^\top x` with the artificials barred.
4. Entering variable: the most negative reduced cost (Dantzig's rule); after a degenerate
   pivot (the objective did not move), Bland's smallest-index rule until a pivot moves the
   objective again.  Bland's rule cannot cycle (Bland 1977) and every non-degenerate pivot
   strictly increases the objective, so the method terminates.  Leaving variable: the
   minimum ratio, ties broken by the smallest basic variable index (Bland).
5. The optimal solution is read exactly as ``T[i][rhs] / D``; the dual values (one per
   constraint row, the shadow prices) are the reduced costs of the slack and artificial
   columns, scaled back to the original rows.  By strong duality
   :math:`b_{ub}^\top y_{ub} + b_{eq}^\top y_{eq} = c^\top x`.

References: V. Chvátal, *Linear Programming* (1983), ch. 2–3 and 8; R. G. Bland, "New finite
pivoting rules for the simplex method", Math. Oper. Res. 2 (1977); J. Edmonds, "Systems of
distinct representatives and linear algebra", J. Res. NBS 71B (1967).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from math import lcm

from negsolve.errors import InputError, SolverError

Number = int | Fraction

__all__ = ["LPResult", "maximize", "minimize", "zero_sum_game"]


@dataclass(frozen=True)
class LPResult:
    """The outcome of a linear program, exact.

    Attributes
    ----------
    status:
        ``"optimal"``, ``"infeasible"`` or ``"unbounded"``.
    x:
        An optimal basic solution (a vertex), or None when there is none.
    value:
        The optimal objective value, or None.
    dual_ub, dual_eq:
        Optimal dual values (shadow prices) of the ``<=`` rows (all >= 0) and of the equality
        rows, for a maximisation; empty when not optimal.
    pivots:
        Number of simplex pivots done (both phases).
    unique:
        True when the optimum is provably the only one: every non-basic column has a strictly
        positive reduced cost at the final tableau (False says nothing: it may still be unique).
    """

    status: str
    x: tuple[Fraction, ...] | None
    value: Fraction | None
    dual_ub: tuple[Fraction, ...] = ()
    dual_eq: tuple[Fraction, ...] = ()
    pivots: int = 0
    unique: bool = field(default=False, compare=False, repr=False)


def _integer_row(coefficients: Sequence[Number], rhs: Number) -> tuple[list[int], int, int]:
    """The row scaled to integers: (integer coefficients, integer rhs, the positive scale)."""
    if type(rhs) is int and all(type(v) is int for v in coefficients):
        return list(coefficients), rhs, 1  # type: ignore[arg-type]
    values = [v if type(v) is Fraction else Fraction(v) for v in coefficients]
    values.append(rhs if type(rhs) is Fraction else Fraction(rhs))
    scale = lcm(*{v.denominator for v in values})
    ints = [v.numerator * (scale // v.denominator) for v in values]
    return ints[:-1], ints[-1], scale


class _Tableau:
    """Fraction-free simplex tableau: constraint rows, then the phase-2 and phase-1 objective rows."""

    def __init__(self, rows: list[list[int]], basis: list[int], n_columns: int) -> None:
        self.rows = rows
        self.basis = basis
        self.det = 1
        self.rhs = n_columns
        self.pivots = 0

    def pivot(self, r: int, s: int) -> None:
        rows, det = self.rows, self.det
        prow = rows[r]
        p = prow[s]
        # only the pivot row's non-zero columns change beyond the common factor p / det
        support = [(j, w) for j, w in enumerate(prow) if w]
        for i, row in enumerate(rows):
            if i == r:
                continue
            f = row[s]
            if p == det:
                if f == 0:
                    continue
                row = row[:]
                for j, w in support:  # (v * det - f * w) // det, and det divides f * w
                    row[j] -= f * w // det
                rows[i] = row
            elif f == 0:
                rows[i] = [v * p // det for v in row]
            else:
                rows[i] = [(v * p - f * w) // det for v, w in zip(row, prow, strict=True)]
        if p < 0:  # keep D > 0: the tableau p * B^-1 M equals (-p) * B^-1 (-M) row for row
            self.rows = rows = [[-v for v in row] for row in rows]
            p = -p
        self.det = p
        self.basis[r] = s
        self.pivots += 1

    def ratio_row(self, s: int, n_constraints: int) -> int:
        """Leaving row for entering column ``s``: minimum ratio, ties by smallest basic index; -1 if none."""
        best = -1
        rows, rhs, basis = self.rows, self.rhs, self.basis
        for i in range(n_constraints):
            a = rows[i][s]
            if a <= 0:
                continue
            if best < 0:
                best = i
                continue
            lhs = rows[i][rhs] * rows[best][s]
            rhs_best = rows[best][rhs] * a
            if lhs < rhs_best or (lhs == rhs_best and basis[i] < basis[best]):
                best = i
        return best

    def optimise(self, objective: int, n_constraints: int, allowed: int) -> bool:
        """Simplex on objective row ``objective`` over columns ``< allowed``; False if unbounded."""
        bland = False
        while True:
            obj = self.rows[objective]
            s = -1
            if bland:
                s = next((j for j in range(allowed) if obj[j] < 0), -1)
            else:
                low = 0
                for j in range(allowed):
                    if obj[j] < low:
                        low, s = obj[j], j
            if s < 0:
                return True
            r = self.ratio_row(s, n_constraints)
            if r < 0:
                return False
            degenerate = self.rows[r][self.rhs] == 0
            self.pivot(r, s)
            bland = degenerate


def maximize(
    c: Sequence[Number],
    A_ub: Sequence[Sequence[Number]] = (),
    b_ub: Sequence[Number] = (),
    A_eq: Sequence[Sequence[Number]] = (),
    b_eq: Sequence[Number] = (),
) -> LPResult:
    """Maximise ``c @ x`` subject to ``A_ub @ x <= b_ub``, ``A_eq @ x == b_eq``, ``x >= 0``, exactly.

    Parameters
    ----------
    c:
        Objective coefficients (ints or Fractions), one per variable.
    A_ub, b_ub:
        Rows of the ``<=`` constraints and their right-hand sides.
    A_eq, b_eq:
        Rows of the equality constraints and their right-hand sides.

    Returns
    -------
    LPResult
        Status, an optimal vertex, the optimal value and the dual values; see the module
        docstring for the algorithm.
    """
    n = len(c)
    if len(A_ub) != len(b_ub) or len(A_eq) != len(b_eq):
        raise InputError.single("each constraint row needs one right-hand side")
    if any(len(row) != n for row in list(A_ub) + list(A_eq)):
        raise InputError.single(f"every constraint row must have {n} coefficients")
    pairs = list(zip(A_ub, b_ub, strict=True)) + list(zip(A_eq, b_eq, strict=True))
    return maximize_scaled(c, [_integer_row(row, b) for row, b in pairs], len(A_ub))


def maximize_scaled(c: Sequence[Number], scaled: list[tuple[list[int], int, int]], k: int) -> LPResult:
    """:func:`maximize` on rows already scaled by :func:`_integer_row` (the first ``k`` are ``<=``, the rest ``=``).

    For callers solving many programs over the same rows: each row is scaled once.  Same answer,
    pivot for pivot, as :func:`maximize` on the unscaled rows; the rows are not checked.
    """
    n = len(c)
    e = len(scaled) - k
    signs = [1 if b >= 0 else -1 for _, b, _ in scaled]
    needs_artificial = [i for i in range(k + e) if i >= k or signs[i] < 0]
    n_art = len(needs_artificial)
    width = n + k + n_art  # columns: x, slacks, artificials; then the right-hand side
    rows: list[list[int]] = []
    basis: list[int] = []
    artificial_of = {row: n + k + a for a, row in enumerate(needs_artificial)}
    for i, (coefficients, b, _) in enumerate(scaled):
        sign = signs[i]
        line = [sign * v for v in coefficients] + [0] * (k + n_art) + [sign * b]
        if i < k:
            line[n + i] = sign
        if i in artificial_of:
            line[artificial_of[i]] = 1
            basis.append(artificial_of[i])
        else:
            basis.append(n + i)
        rows.append(line)
    objective_ints, _, objective_scale = _integer_row(c, 0)
    phase2 = [-v for v in objective_ints] + [0] * (k + n_art) + [0]
    phase1 = [0] * (width + 1)
    for i in needs_artificial:
        phase1 = [u - v for u, v in zip(phase1, rows[i], strict=True)]
    for i in needs_artificial:
        phase1[artificial_of[i]] = 0
    tableau = _Tableau(rows + [phase2, phase1], basis, width)
    m = k + e
    if n_art:
        tableau.optimise(m + 1, m, width)
        if tableau.rows[m + 1][width] < 0:
            return LPResult("infeasible", None, None, pivots=tableau.pivots)
        _drive_out_artificials(tableau, m, n + k)
    if not tableau.optimise(m, m, n + k):
        return LPResult("unbounded", None, None, pivots=tableau.pivots)
    result = _read_solution(tableau, n, k, e, scaled, signs, artificial_of, objective_scale)
    objective, basic = tableau.rows[m], set(tableau.basis)
    unique = all(objective[j] > 0 for j in range(n + k) if j not in basic)
    return replace(result, unique=unique) if unique else result


def _drive_out_artificials(tableau: _Tableau, m: int, first_artificial: int) -> None:
    """Pivot each artificial still basic (at level 0) out on a non-zero real column, if its row has one."""
    for r in range(m):
        if tableau.basis[r] < first_artificial:
            continue
        row = tableau.rows[r]
        s = next((j for j in range(first_artificial) if row[j] != 0), -1)
        if s >= 0:
            tableau.pivot(r, s)


def _read_solution(tableau: _Tableau, n: int, k: int, e: int, scaled: list[tuple[list[int], int, int]],
                   signs: list[int], artificial_of: dict[int, int], objective_scale: int) -> LPResult:
    det, rhs, rows = tableau.det, tableau.rhs, tableau.rows
    x = [Fraction(0)] * n
    for i, var in enumerate(tableau.basis):
        if var < n:
            x[var] = Fraction(rows[i][rhs], det)
    objective = rows[k + e]
    value = Fraction(objective[rhs], det * objective_scale)
    # Reduced cost of row i's slack (coefficient signs[i]) or artificial (coefficient 1) is the dual of
    # the stored row; the stored row is signs[i] * scale_i times the original one.
    duals = []
    for i in range(k + e):
        scale = scaled[i][2]
        if i < k:
            duals.append(Fraction(objective[n + i] * scale, det * objective_scale))
        else:
            duals.append(Fraction(signs[i] * objective[artificial_of[i]] * scale, det * objective_scale))
    return LPResult("optimal", tuple(x), value, tuple(duals[:k]), tuple(duals[k:]), tableau.pivots)


def minimize(
    c: Sequence[Number],
    A_ub: Sequence[Sequence[Number]] = (),
    b_ub: Sequence[Number] = (),
    A_eq: Sequence[Sequence[Number]] = (),
    b_eq: Sequence[Number] = (),
) -> LPResult:
    """Minimise ``c @ x`` under the constraints of :func:`maximize` (duals are those of the minimisation)."""
    result = maximize([-Fraction(v) for v in c], A_ub, b_ub, A_eq, b_eq)
    if result.status != "optimal":
        return result
    assert result.value is not None
    return LPResult("optimal", result.x, -result.value, tuple(-y for y in result.dual_ub),
                    tuple(-y for y in result.dual_eq), result.pivots)


def _scaled(v: Number, scale: int) -> int:
    """``v * scale`` as an int (``scale`` is a multiple of ``v``'s denominator)."""
    if type(v) is int:
        return v * scale
    f = Fraction(v)
    return f.numerator * (scale // f.denominator)


def zero_sum_game(matrix: Sequence[Sequence[Number]]) -> tuple[Fraction, tuple[Fraction, ...], tuple[Fraction, ...]]:
    r"""Value and optimal strategies of the zero-sum game in which the row player receives ``matrix``.

    With :math:`M' = M - \min M + 1 > 0`, the column player's program
    :math:`\max 1^\top y` s.t. :math:`M' y \le 1, y \ge 0` has optimum :math:`t > 0`; the
    value of :math:`M'` is :math:`1/t`, :math:`y/t` is an optimal (minimax) column strategy
    and the dual solution divided by :math:`t` an optimal (maximin) row strategy
    (von Neumann's minimax theorem via LP duality; Chvátal 1983, ch. 15).

    Returns
    -------
    (value, row_strategy, column_strategy)
    """
    if not matrix or not matrix[0]:
        raise InputError.single("a zero-sum game needs at least one row and one column")
    # integers: M' = scale * (M - min M) + 1 has the optimal strategies of M and value scale * (v - min M) + 1
    scale = lcm(*(Fraction(v).denominator for row in matrix for v in row))
    ints = [[_scaled(v, scale) for v in row] for row in matrix]
    low_int = min(min(row) for row in ints)
    low = Fraction(low_int, scale)
    shifted = [[v - low_int + 1 for v in row] for row in ints]
    n = len(shifted[0])
    result = maximize([1] * n, shifted, [1] * len(shifted))
    if result.status != "optimal" or result.x is None or result.value is None:  # pragma: no cover - M' > 0
        raise SolverError(f"internal error: zero-sum program ended {result.status}")
    t = result.value
    row_strategy = tuple(y / t for y in result.dual_ub)
    column_strategy = tuple(y / t for y in result.x)
    return (1 / t - 1) / scale + low, row_strategy, column_strategy
