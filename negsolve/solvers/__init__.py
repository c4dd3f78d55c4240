"""Equilibrium solvers.  :func:`solve` picks the right one for a game.

- two players: every extreme Nash equilibrium, exact (:mod:`.bimatrix`), or lrslib's
  ``lrsnash`` (:mod:`.lrs_engine`) or nashpy's enumerations (:mod:`.nashpy_engine`) on
  request, each equilibrium certified exactly;
- three or more players: every isolated Nash equilibrium, exact or certified algebraic, by
  support enumeration and Gröbner bases (:mod:`.polynomial`).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

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


def check_overrides(game: Any, overrides: Mapping[str, Any] | None) -> dict[str, Fraction]:
    """``overrides`` as exact values; an unknown parameter name or a value that is not an exact
    number (int or Fraction) raises :class:`~negsolve.errors.InputError` (never silently ignored)."""
    from negsolve.errors import InputError, Problem

    declared = [p.name for p in game.parameters]
    out: dict[str, Fraction] = {}
    problems = []
    for name, value in (overrides or {}).items():
        if name not in declared:
            problems.append(Problem(f"unknown parameter {name!r}", file=game.source or None,
                                    hint="declared: " + ", ".join(declared) if declared else
                                    "this game has no parameters"))
        elif isinstance(value, bool) or not isinstance(value, (int, Fraction)):
            problems.append(Problem(f"parameter {name!r}: the value must be an exact number (int or Fraction), "
                                    f"not {type(value).__name__}", file=game.source or None))
        else:
            out[name] = Fraction(value)
    if problems:
        raise InputError(problems)
    return out


def solve(game: Any, overrides: Mapping[str, Fraction] | None = None, engine: str = "exact",
          budget: Budget | None = None) -> Any:
    """Nash equilibria of ``game`` at its parameter values (defaults, or ``overrides``), exact.

    Parameters
    ----------
    game:
        A strategic game (from :func:`negsolve.load_game`), or a game tree: its subgame-perfect
        equilibria are then computed by :func:`negsolve.solve_tree`.
    overrides:
        Parameter values replacing the defaults, as exact rationals; an unknown name is an
        :class:`~negsolve.errors.InputError`.
    engine:
        ``"exact"`` (default, complete), ``"lrs"`` (lrslib's ``lrsnash`` if installed, each
        equilibrium verified exactly), ``"nashpy-vertex"`` or ``"nashpy-support"``; two-player
        strategic games only.
    budget:
        Optional :class:`negsolve.progress.Budget`: progress reports, a time limit and
        cancellation; a stopped search returns the equilibria found so far with
        ``complete=False``. For three or more players only its time limit applies.

    Returns
    -------
    SolveResult
        Equilibria verified in exact arithmetic, with degeneracy diagnostics (for a tree, a
        :class:`~negsolve.solvers.backward.TreeSolveResult`).
    """
    from negsolve.errors import InputError, Problem
    from negsolve.model.tree import GameTree

    values = check_overrides(game, overrides)
    if engine not in ENGINES:
        raise InputError([Problem(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")])
    if isinstance(game, GameTree):
        if engine != "exact":
            raise InputError([Problem(f"engine {engine!r}: a game tree is solved by backward induction, "
                                      "which has no engine to choose")])
        import dataclasses

        from negsolve.solvers.backward import solve_tree

        return dataclasses.replace(solve_tree(game, values), game=game, values=values)
    if not isinstance(game, StrategicGame):
        raise InputError([Problem(f"solve() takes a game from negsolve.load_game, not {type(game).__name__}")])
    import dataclasses

    return dataclasses.replace(solve_table(payoff_table(game, values), engine, budget), game=game, values=values)
