"""nashpy as an engine: its equilibria, certified one by one in exact arithmetic.

nashpy works in floating point.  Each profile it returns is turned into an exact
candidate by reading its support and re-solving the indifference equations on that
support in rationals (:func:`certify`); only a candidate with zero exact regret is kept.
Known limits (see the project's ANCHORS): ``support_enumeration`` misses equilibria of
ordinary games and ``vertex_enumeration`` can return nothing on degenerate ones, so the
exact vertex enumeration (:mod:`negsolve.solvers.bimatrix`) is the default; this engine
is offered for comparison and is held against it in the tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from negsolve.errors import InputError
from negsolve.model.strategic import PayoffTable
from negsolve.solvers.exact_linear import solve_linear
from negsolve.solvers.results import Equilibrium, SolveResult
from negsolve.solvers.verify import expected_payoffs, is_equilibrium

TOLERANCE = 1e-9


def certify(
    table: PayoffTable, x: Sequence[float], y: Sequence[float]
) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]] | None:
    """Exact equilibrium on the supports of the float profile (x, y), or None.

    The column player's strategy y solves: the row player is indifferent over the support
    of x, y sums to 1, and y is zero off its support (and symmetrically for x).
    """
    A = table.matrix(0)
    B = table.matrix(1)
    m, n = table.shape
    sx = [i for i in range(m) if x[i] > TOLERANCE]
    sy = [j for j in range(n) if y[j] > TOLERANCE]
    if not sx or not sy:
        return None

    def mixed(
        support_own: list[int], support_other: list[int], payoff_rows: list[list[Fraction]], size: int
    ) -> tuple[Fraction, ...] | None:
        # unknowns: probabilities on support_other (k of them) and the value v
        k = len(support_other)
        rows, rhs = [], []
        for i in support_own:
            rows.append([payoff_rows[i][j] for j in support_other] + [Fraction(-1)])
            rhs.append(Fraction(0))
        rows.append([Fraction(1)] * k + [Fraction(0)])
        rhs.append(Fraction(1))
        sol = solve_linear(rows, rhs)
        if sol is None:
            return None
        out = [Fraction(0)] * size
        for j, p in zip(support_other, sol[:k], strict=False):
            out[j] = p
        return tuple(out)

    y_exact = mixed(sx, sy, A, n)
    Bt = [[B[i][j] for i in range(m)] for j in range(n)]
    x_exact = mixed(sy, sx, Bt, m)
    if x_exact is None or y_exact is None:
        return None
    if not is_equilibrium(table, (x_exact, y_exact)):
        return None
    return x_exact, y_exact


def solve_with_nashpy(table: PayoffTable, budget: Any = None, method: str = "vertex") -> SolveResult:
    """Equilibria from nashpy's ``vertex_enumeration`` or ``support_enumeration``, each certified exactly.

    ``budget`` is accepted for the registry's common signature and not used: nashpy's
    enumerations cannot be interrupted.
    """
    import warnings

    import nashpy
    import numpy as np

    A = np.array([[float(v) for v in row] for row in table.matrix(0)])
    B = np.array([[float(v) for v in row] for row in table.matrix(1)])
    game = nashpy.Game(A, B)
    if method == "vertex":
        candidates = game.vertex_enumeration()
    elif method == "support":
        candidates = game.support_enumeration(tol=TOLERANCE)
    else:
        raise InputError.single(f"unknown nashpy method {method!r}")
    found: list[Equilibrium] = []
    rejected = 0
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            candidate_list = list(candidates)
        for x, y in candidate_list:
            exact = certify(table, list(x), list(y))
            if exact is None:
                rejected += 1
                continue
            eq = Equilibrium(exact, expected_payoffs(table, exact))
            if eq not in found:
                found.append(eq)
    except (TypeError, ValueError, np.linalg.LinAlgError) as exc:  # nashpy raises on some degenerate games
        return SolveResult(tuple(found), "nashpy", None, f"nashpy {method}_enumeration (failed: {exc})",
                           rejected=rejected, notes=(f"nashpy raised {type(exc).__name__}: {exc}",))
    return SolveResult(
        equilibria=tuple(found),
        scope="nashpy",
        degenerate=None,
        method=f"nashpy {method}_enumeration, each profile certified in exact arithmetic",
        rejected=rejected,
        notes=("nashpy's enumerations can miss equilibria; the default exact engine is complete",)
        + tuple(f"nashpy warned: {' '.join(str(w.message).split())}" for w in caught),
    )
