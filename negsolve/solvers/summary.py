"""Everything the strategic-form report shows, computed once: equilibria and the reasoning around them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from negsolve.model.strategic import PayoffTable, StrategicGame, payoff_table
from negsolve.progress import Budget
from negsolve.solvers import solve_table
from negsolve.solvers.continua import SubsetRanges, mixed_count, subset_ranges
from negsolve.solvers.dominance import (
    Domination,
    EliminationResult,
    SecurityLevel,
    iterated_elimination,
    pareto_efficient,
    pure_dominations,
    security_levels,
)
from negsolve.solvers.results import SolveResult
from negsolve.solvers.selection import Selection, select


@dataclass(frozen=True)
class GameAnalysis:
    """Equilibria and the reasoning around them, computed once for the report.

    Dominance, iterated elimination, security levels, Pareto efficiency, equilibrium selection
    (2×2 games with two strict equilibria), and the ranges of each maximal Nash subset with the
    count of mixed equilibria (degenerate games).
    """

    game: StrategicGame
    values: Mapping[str, Fraction]  # read-only
    table: PayoffTable
    result: SolveResult
    pareto: tuple[bool, ...]  # one flag per equilibrium
    dominated: tuple[Domination, ...]
    elimination: EliminationResult
    security: tuple[SecurityLevel, ...]
    selection: Selection | None  # payoff and risk dominance (:func:`~negsolve.solvers.selection.select`)
    subset_ranges: tuple[SubsetRanges, ...]  # one per maximal Nash subset
    mixed_count: int | str  # mixed equilibria: a number, or "infinitely many" (a continuum)
    algebraic_pareto: tuple[bool, ...] = ()  # one flag per irrational equilibrium (three or more players)


def analyse(game: StrategicGame, overrides: Mapping[str, Fraction] | None = None, engine: str = "exact",
            budget: Budget | None = None) -> GameAnalysis:
    """Solve ``game`` and gather the facts a report explains.

    When the solve was stopped (``budget``), the dominance facts are not computed (they would
    take long on the large games that get stopped): they are left empty and the report says so.
    """
    table = payoff_table(game, overrides)
    result = solve_table(table, engine, budget)
    stopped = not result.complete
    return GameAnalysis(
        game=game,
        values=MappingProxyType(dict(game.parameter_values(overrides))),
        table=table,
        result=result,
        pareto=tuple(pareto_efficient(table, eq.payoffs) for eq in result.equilibria),
        dominated=() if stopped else tuple(pure_dominations(table)),
        elimination=(EliminationResult((), tuple(tuple(range(k)) for k in table.shape)) if stopped
                     else iterated_elimination(table)),
        security=() if stopped else security_levels(table),
        selection=select(table),
        subset_ranges=subset_ranges(result),
        mixed_count=mixed_count(result),
        algebraic_pareto=_algebraic_pareto(table, result),
    )


def _algebraic_pareto(table: PayoffTable, result: SolveResult) -> tuple[bool, ...]:
    if not result.algebraic:
        return ()
    from negsolve.solvers.polynomial.certify import pareto_efficient as exact_pareto

    return tuple(exact_pareto(table, eq.payoffs) for eq in result.algebraic)
