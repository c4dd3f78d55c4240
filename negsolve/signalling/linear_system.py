"""Exact linear equations over named unknowns (Gaussian elimination in rationals).

Used for the indifference conditions of semi-separating equilibria: the answer is the unique solution,
``None`` when the equations contradict each other, or :data:`CONTINUUM` when they leave some unknown free.
"""

from __future__ import annotations

from fractions import Fraction

CONTINUUM = "continuum"

Equation = tuple[dict[str, Fraction], Fraction]  # sum(coeff * x) = const


def solve(unknowns: list[str], equations: list[Equation]) -> dict[str, Fraction] | str | None:
    """The unique solution of ``equations`` in ``unknowns``, None (inconsistent) or CONTINUUM."""
    rows = [[Fraction(c.get(x, 0)) for x in unknowns] + [Fraction(k)] for c, k in equations]
    n = len(unknowns)
    pivots: list[int] = []
    r = 0
    for col in range(n):
        pick = next((i for i in range(r, len(rows)) if rows[i][col] != 0), None)
        if pick is None:
            continue
        rows[r], rows[pick] = rows[pick], rows[r]
        lead = rows[r][col]
        rows[r] = [v / lead for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][col] != 0:
                f = rows[i][col]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append(col)
        r += 1
    if any(all(v == 0 for v in row[:n]) and row[n] != 0 for row in rows):
        return None
    if len(pivots) < n:
        return CONTINUUM
    return {unknowns[col]: rows[i][n] for i, col in enumerate(pivots)}
