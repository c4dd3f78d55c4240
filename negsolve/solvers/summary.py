"""Everything the strategic-form report shows, computed once: equilibria and the reasoning around them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from negsolve.model.strategic import PayoffTable, StrategicGame, payoff_table
from negsolve.progress import Budget
from negsolve.solvers import solve_table
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


@dataclass(frozen=True)
class GameAnalysis:
    """Equilibria plus dominance, iterated elimination, security levels and Pareto efficiency."""

    game: StrategicGame
    values: Mapping[str, Fraction]  # read-only
    table: PayoffTable
    result: SolveResult
    pareto: tuple[bool, ...]  # one flag per equilibrium
    dominated: tuple[Domination, ...]
    elimination: EliminationResult
    security: tuple[SecurityLevel, ...]
    algebraic_pareto: tuple[bool, ...] = ()  # one flag per irrational equilibrium (three or more players)


def analyse(game: StrategicGame, overrides: Mapping[str, Fraction] | None = None, engine: str = "exact",
            budget: Budget | None = None) -> GameAnalysis:
    """Solve ``game`` and gather the facts a report explains.

    When the solve was stopped (``budget``), the dominance facts are not computed (they would
    take long on the large games that get stopped): they are left empty and the report says so.
    """
    table = payoff_table(game, overrides)
    result = solve_table(table, engine, budget)
    if not result.complete:
        return GameAnalysis(
            game=game,
            values=MappingProxyType(dict(game.parameter_values(overrides))),
            table=table,
            result=result,
            pareto=tuple(pareto_efficient(table, eq.payoffs) for eq in result.equilibria),
            dominated=(),
            elimination=EliminationResult((), tuple(tuple(range(k)) for k in table.shape)),
            security=(),
            algebraic_pareto=_algebraic_pareto(table, result),
        )
    return GameAnalysis(
        game=game,
        values=MappingProxyType(dict(game.parameter_values(overrides))),
        table=table,
        result=result,
        pareto=tuple(pareto_efficient(table, eq.payoffs) for eq in result.equilibria),
        dominated=tuple(pure_dominations(table)),
        elimination=iterated_elimination(table),
        security=security_levels(table),
        algebraic_pareto=_algebraic_pareto(table, result),
    )


def _algebraic_pareto(table: PayoffTable, result: SolveResult) -> tuple[bool, ...]:
    if not result.algebraic:
        return ()
    from negsolve.solvers.polynomial.certify import pareto_efficient as exact_pareto

    return tuple(exact_pareto(table, eq.payoffs) for eq in result.algebraic)
