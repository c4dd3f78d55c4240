"""Equilibrium solvers.  :func:`solve` picks the right one for a game.

- two players: every extreme Nash equilibrium, exact (:mod:`.bimatrix`), or lrslib's
  ``lrsnash`` (:mod:`.lrs_engine`) or nashpy's enumerations (:mod:`.nashpy_engine`) on
  request, each equilibrium certified exactly;
- three or more players: every isolated Nash equilibrium, exact or certified algebraic, by
  support enumeration and Gröbner bases (:mod:`.polynomial`).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Mapping

from negsolve.model.strategic import PayoffTable, StrategicGame, payoff_table
from negsolve.progress import Budget
from negsolve.solvers.results import Equilibrium, NashSubset, SolveResult

ENGINES = ("exact", "lrs", "nashpy-vertex", "nashpy-support")

__all__ = ["ENGINES", "Equilibrium", "NashSubset", "SolveResult", "solve", "solve_table"]


def solve_table(table: PayoffTable, engine: str = "exact", budget: Budget | None = None) -> SolveResult:
    """Equilibria of a payoff table; see :func:`solve`."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    if table.n_players == 2:
        if engine == "exact":
            from negsolve.solvers.bimatrix import solve_two_player

            return solve_two_player(table, budget)
        if engine == "lrs":
            from negsolve.solvers.lrs_engine import solve_with_lrs

            return solve_with_lrs(table, budget)
        from negsolve.solvers.nashpy_engine import solve_with_nashpy

        return solve_with_nashpy(table, engine.split("-")[1])
    from negsolve.solvers.polynomial.adapter import solve_n_player

    return solve_n_player(table, budget)


def solve(game: StrategicGame, overrides: Mapping[str, Fraction] | None = None, engine: str = "exact",
          budget: Budget | None = None) -> SolveResult:
    """Nash equilibria of ``game`` at its parameter values (defaults, or ``overrides``), exact.

    Parameters
    ----------
    game:
        A strategic game (from :func:`negsolve.load_game`).
    overrides:
        Parameter values replacing the defaults, as exact rationals.
    engine:
        ``"exact"`` (default, complete), ``"lrs"`` (lrslib's ``lrsnash`` if installed, each
        equilibrium verified exactly), ``"nashpy-vertex"`` or ``"nashpy-support"``.
    budget:
        Optional :class:`negsolve.progress.Budget`: progress reports, a time limit and
        cancellation; a stopped search returns the equilibria found so far with
        ``complete=False``. For three or more players only its time limit applies.

    Returns
    -------
    SolveResult
        Equilibria verified in exact arithmetic, with degeneracy diagnostics.
    """
    return solve_table(payoff_table(game, overrides), engine, budget)
