"""The n-player polynomial solver behind :func:`negsolve.solvers.solve` (three or more players)."""

from __future__ import annotations

import time

from negsolve.errors import SolverError
from negsolve.model.strategic import PayoffTable
from negsolve.progress import TIME_LIMIT, Budget
from negsolve.solvers.polynomial.enumeration import solve_polynomial
from negsolve.solvers.results import SolveResult
from negsolve.solvers.verify import is_equilibrium


def _notes(result) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    notes = []
    timed_out = any(why == "time limit reached" for _, why in result.unresolved) or result.supports_left
    if timed_out:
        left = result.supports_left + sum(why == "time limit reached" for _, why in result.unresolved)
        notes.append(f"the time limit was reached with {left} of {result.supports_total} support profiles "
                     "not solved: more equilibria may exist (raise --time-limit)")
    failed = [s for s, why in result.unresolved if why != "time limit reached"]
    if failed:
        notes.append(f"{len(failed)} support profile(s) could not be solved exactly: more equilibria may exist")
    empty = [s for s in result.solution_sets if s.sample is None]
    if empty:
        notes.append(f"{len(empty)} support profile(s) have positive-dimensional solution sets in which no "
                     "equilibrium was found at the sample points tried; they may hold none")
    return tuple(notes)


def solve_n_player(table: PayoffTable, budget: Budget | None = None) -> SolveResult:
    """Every isolated equilibrium (rational ones in ``equilibria``, irrational ones in ``algebraic``).

    Only the time limit of ``budget`` applies (the Gröbner computations are stopped at the deadline).
    """
    time_limit = None
    if budget is not None and budget.deadline is not None:
        time_limit = max(budget.deadline - time.monotonic(), 0.001)
    result = solve_polynomial(table, time_limit=time_limit)
    rational = result.rational_equilibria
    for eq in rational:  # independent re-check with the two-player verifier's exact regret
        if not is_equilibrium(table, eq.profile):
            raise SolverError("an n-player equilibrium failed exact re-verification")
    return SolveResult(
        equilibria=rational,
        algebraic=result.irrational_equilibria,
        solution_sets=result.solution_sets,
        scope="all" if result.complete else "incomplete",
        complete=result.complete,
        stopped=None if result.complete else TIME_LIMIT,
        degenerate=bool(result.solution_sets),
        method=result.method,
        notes=_notes(result),
    )
