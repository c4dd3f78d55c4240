"""Exact linear algebra over the rationals (used to re-derive equilibria on a support)."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction


def solve_linear(matrix: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction]) -> list[Fraction] | None:
    """The unique solution of ``matrix x = rhs`` (exact Gauss-Jordan elimination), or None."""
    n = len(matrix[0]) if matrix else 0
    rows = [[Fraction(a) for a in row] + [Fraction(b)] for row, b in zip(matrix, rhs, strict=False)]
    pivot_row = 0
    pivots = []
    for col in range(n):
        found = next((r for r in range(pivot_row, len(rows)) if rows[r][col] != 0), None)
        if found is None:
            return None  # a free variable: not unique
        rows[pivot_row], rows[found] = rows[found], rows[pivot_row]
        lead = rows[pivot_row][col]
        rows[pivot_row] = [a / lead for a in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[pivot_row], strict=False)]
        pivots.append(pivot_row)
        pivot_row += 1
    for r in range(pivot_row, len(rows)):
        if rows[r][-1] != 0:
            return None  # inconsistent
    return [rows[k][-1] for k in range(n)]
