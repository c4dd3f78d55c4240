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

from negsolve.model.strategic import PayoffTable, payoff_table
from negsolve.progress import Budget
from negsolve.solvers.results import Equilibrium, NashSubset, SolveResult

ENGINES = ("exact", "lrs", "nashpy-vertex", "nashpy-support")  # registry.engine_names("strategic-2")

__all__ = ["ENGINES", "Equilibrium", "NashSubset", "SolveResult", "analyse", "solve", "solve_table"]


def solve_table(table: PayoffTable, engine: str = "exact", budget: Budget | None = None) -> SolveResult:
    """Equilibria of a payoff table; see :func:`solve`."""
    from negsolve.solvers.registry import find_engine

    two = find_engine("strategic-2", engine)  # an unknown name is an InputError
    if table.n_players == 2:
        return two.run(table, budget)
    return find_engine("strategic-n").run(table, budget)  # one engine for three or more players


def check_overrides(game: Any, overrides: Mapping[str, Any] | None) -> dict[str, Fraction]:
    """``overrides`` as exact values.

    An unknown parameter name or a value that is not an exact number (int or Fraction) raises
    :class:`~negsolve.errors.InputError` (never silently ignored).
    """
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
        :class:`~negsolve.solvers.backward.TreeSolveResult`; for a game with types, a
        :class:`~negsolve.solvers.bayesian.BayesianSolveResult`).
    """
    import dataclasses

    from negsolve.errors import InputError, Problem
    from negsolve.model.bayesian import is_bayesian
    from negsolve.solvers.registry import find_engine, kind_of

    if is_bayesian(game):  # a game with types: a BayesianSolveResult
        from negsolve.solvers.bayesian import solve_bayesian

        find_engine("strategic-2", engine)
        return solve_bayesian(game, check_overrides(game, overrides), engine, budget)
    kind = kind_of(game)  # not a game: InputError
    values = check_overrides(game, overrides)
    find_engine("strategic-2", engine)  # an unknown name is an InputError whatever the game
    if kind == "tree":
        if engine != "exact":
            raise InputError([Problem(f"engine {engine!r}: a game tree is solved by backward induction, "
                                      "which has no engine to choose")])
        # the game and values ride along (left out of comparisons) so that a result can draw itself
        return dataclasses.replace(find_engine("tree").run(game, values), game=game, values=values)
    return dataclasses.replace(solve_table(payoff_table(game, values), engine, budget), game=game, values=values)


def analyse(game: Any, overrides: Mapping[str, Fraction] | None = None, engine: str = "exact",
            budget: Budget | None = None, **options: Any) -> Any:
    """Everything a report on ``game`` shows: its equilibria and the reasoning around them.

    Parameters
    ----------
    game : StrategicGame or GameTree
        A game from :func:`negsolve.load_game`.
    overrides : Mapping[str, Fraction], optional
        Parameter values replacing the defaults; an unknown name is an
        :class:`~negsolve.errors.InputError`.
    engine : str
        The two-player engine (for a tree: of its reduced strategic form, with ``nash=True``).
    budget : Budget, optional
        Strategic games: progress, time limit and cancellation (see :func:`solve`).
    **options
        Trees only: ``nash`` (bool) and ``limit`` (int), as for
        :func:`negsolve.solvers.tree_analysis.analyse_tree`.

    Returns
    -------
    GameAnalysis or TreeAnalysis
        :class:`~negsolve.solvers.summary.GameAnalysis` for a strategic game (equilibria,
        dominance, iterated elimination, security levels, Pareto efficiency);
        :class:`~negsolve.solvers.tree_analysis.TreeAnalysis` for a tree.

    Raises
    ------
    InputError
        For something that is not a game, an unknown parameter, engine or option.
    """
    from negsolve.errors import InputError, Problem
    from negsolve.solvers.registry import find_engine, kind_of

    kind = kind_of(game)
    values = check_overrides(game, overrides)
    find_engine("strategic-2", engine)
    allowed = {"nash", "limit"} if kind == "tree" else set()
    unknown = sorted(set(options) - allowed)
    if unknown:
        raise InputError([Problem(f"analyse() got unknown option(s) {', '.join(unknown)}"
                                  + (f"; a tree takes {', '.join(sorted(allowed))}" if allowed else
                                     "; a strategic game takes none"))])
    if kind == "tree":
        from negsolve.solvers.tree_analysis import analyse_tree

        return analyse_tree(game, values, engine, **options)
    from negsolve.solvers.summary import analyse as analyse_strategic

    return analyse_strategic(game, values, engine, budget)
