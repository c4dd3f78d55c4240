r"""Every Nash equilibrium of a small n-player game: support enumeration with exact polynomial solving.

Algorithm (McKelvey and McLennan 1996, "Computation of equilibria in finite games", section 6;
the method of Gambit's ``enumpoly``, here with exact algebra instead of floating-point homotopies):

1. list the support profiles :math:`(S_1, \dots, S_n)`, dropping those in which some strategy is
   conditionally dominated given the others' supports (:mod:`.supports`);
2. for each, build the square system of indifference equations with the probability equations
   substituted (:mod:`.system`);
3. solve it exactly over :math:`\mathbb{Q}` with Gröbner bases (:mod:`.exact_solve`): each real
   solution is rational or lies in :math:`\mathbb{Q}(\alpha)` for a real algebraic :math:`\alpha`
   with a certified isolating interval; positive-dimensional solution sets are reported with their
   dimension and a sampled equilibrium;
4. certify each solution exactly (:mod:`.certify`): strictly positive on the support, no
   profitable deviation to any strategy.

Each equilibrium has exactly one support profile, so no equilibrium is listed twice.  A generic
game has finitely many equilibria, all isolated solutions of their support systems, so the
enumeration is complete for generic games (within the time budget).
"""

from __future__ import annotations

import contextlib
import random
import signal
import threading
import time
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from negsolve.model.strategic import PayoffTable
from negsolve.solvers.polynomial.algebraic import RealAlgebraic, rational
from negsolve.solvers.polynomial.certify import certify
from negsolve.solvers.polynomial.exact_solve import Solutions, solve_system
from negsolve.solvers.polynomial.results import (
    AlgebraicEquilibrium,
    PolynomialResult,
    SolutionSet,
    SupportRecord,
)
from negsolve.solvers.polynomial.supports import Support, all_support_profiles, count_support_profiles, survives
from negsolve.solvers.polynomial.system import SupportSystem, build_system

METHOD = ("support enumeration with conditional-dominance pruning; exact Gröbner-basis solving "
          "over the rationals; every solution certified exactly")
SAMPLE_TRIES = 6


def _evaluate(poly: Any, point: dict[int, RealAlgebraic]) -> RealAlgebraic:
    value = rational(0)
    for monom, coeff in poly.terms():
        term = rational(Fraction(int(coeff.numerator), int(coeff.denominator)))
        for index, power in enumerate(monom):
            for _ in range(power):
                term = term * point[index]
        value = value + term
    return value


def _profile(table: PayoffTable, system: SupportSystem, point: dict[int, RealAlgebraic]) -> tuple:
    """The full mixed profile (zeros outside the support) from a solution of ``system``."""
    profile = []
    for i, size in enumerate(table.shape):
        mixed = [rational(0) for _ in range(size)]
        for k, poly in system.probabilities[i].items():
            mixed[k] = _evaluate(poly, point)
        profile.append(tuple(mixed))
    return tuple(profile)


def _equilibria(table: PayoffTable, system: SupportSystem, points: list) -> tuple[list, list[str]]:
    found, rejected = [], []
    for point in points:
        profile = _profile(table, system, point)
        cert = certify(table, profile, system.support)
        if cert.ok:
            found.append(AlgebraicEquilibrium(profile, cert.payoffs, system.support))
        else:
            rejected.append(cert.reason)
    return found, rejected


def _sample(table: PayoffTable, system: SupportSystem, solutions: Solutions, seed: int) -> SolutionSet:
    """Fix the free unknowns at random rationals and solve the rest, until an equilibrium appears."""
    import sympy

    rng = random.Random(seed)
    polys = [eq for _, _, eq in system.equations]
    gens = system.ring.gens
    rest = [v for v in range(len(system.variables)) if v not in solutions.free]
    for attempt in range(1, SAMPLE_TRIES + 1):
        values = {}
        for v in solutions.free:
            size = len(system.support[system.variables[v][0]])
            values[v] = Fraction(rng.randint(1, 29), 30 * size) if attempt > 1 else Fraction(1, size)
        fixed = [p.evaluate([(gens[v], sympy.QQ(x.numerator, x.denominator)) for v, x in values.items()])
                 for p in polys] if rest else []
        if rest:
            sub = solve_system(fixed, fixed[0].ring, len(rest), seed=seed)
        else:
            sub = Solutions(points=[{}])
        if sub.dimension or sub.unresolved:
            continue
        points = []
        for point in sub.points:
            full = {rest[k]: x for k, x in point.items()}
            full.update({v: rational(x) for v, x in values.items()})
            points.append(full)
        found, _ = _equilibria(table, system, points)
        if found:
            return SolutionSet(system.support, solutions.dimension, found[0], attempt)
    return SolutionSet(system.support, solutions.dimension, None, SAMPLE_TRIES)


def _record(system: SupportSystem, solutions: int, found: int, rejected: list[str]) -> SupportRecord:
    return SupportRecord(
        supports=system.support,
        unknowns=system.variables,
        equations=tuple((i, k, tuple((Fraction(int(c.numerator), int(c.denominator)), tuple(m))
                                     for m, c in eq.terms())) for i, k, eq in system.equations),
        solutions=solutions, equilibria=found, rejections=tuple(rejected))


class _Deadline(Exception):
    """Raised by the alarm signal when the time limit passes inside one support's algebra."""


@contextlib.contextmanager
def _alarm(seconds: float | None) -> Iterator[None]:
    """Interrupt long Gröbner computations at the deadline (main thread on POSIX only; elsewhere the
    limit is checked between support profiles)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if seconds is None or not usable:
        yield
        return

    def _ring(signum: int, frame: Any) -> None:
        raise _Deadline

    previous = signal.signal(signal.SIGALRM, _ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def solve_polynomial(table: PayoffTable, time_limit: float | None = None, trace: bool = False,
                     seed: int = 0) -> PolynomialResult:
    """Every equilibrium of ``table`` (any number of players), exact; see the module docstring.

    Parameters
    ----------
    table:
        Exact payoffs.
    time_limit:
        Seconds; when exceeded the result has ``complete=False`` (an alarm interrupts the algebra in the
        main thread on POSIX; elsewhere the limit is checked between support profiles).
    trace:
        Keep the equations of every support profile solved (for explanations).
    seed:
        Seed of the random separating forms and sample points (results do not depend on it).
    """
    start = time.monotonic()
    equilibria: list[AlgebraicEquilibrium] = []
    sets: list[SolutionSet] = []
    unresolved: list[tuple[Support, str]] = []
    records: list[SupportRecord] = []
    solved = pruned = examined = 0
    current: Support | None = None
    try:
        with _alarm(time_limit):
            for support in all_support_profiles(table.shape):
                if time_limit is not None and time.monotonic() - start > time_limit:
                    raise _Deadline
                current = support
                examined += 1
                if not survives(table, support):
                    pruned += 1
                    continue
                solved += _solve_support(table, support, seed, trace, equilibria, sets, unresolved, records)
            current = None
    except _Deadline:
        if current is not None:
            unresolved.append((current, "time limit reached"))
    total = count_support_profiles(table.shape)
    left = total - examined
    return PolynomialResult(
        equilibria=tuple(equilibria), solution_sets=tuple(sets), complete=not unresolved and not left,
        supports_total=total, supports_pruned=pruned, supports_solved=solved, unresolved=tuple(unresolved),
        supports_left=left, elapsed=time.monotonic() - start, method=METHOD, trace=tuple(records))


def _solve_support(table: PayoffTable, support: Support, seed: int, trace: bool, equilibria: list,
                   sets: list, unresolved: list, records: list) -> int:
    """Solve one support profile, appending what it yields; returns 1 (one system solved)."""
    system = build_system(table, support)
    solutions = solve_system([eq for _, _, eq in system.equations], system.ring, len(system.variables), seed)
    if solutions.unresolved:
        unresolved.append((support, solutions.unresolved))
    elif solutions.dimension:
        found_set = _sample(table, system, solutions, seed)
        sets.append(found_set)
        if trace:
            records.append(_record(system, -1, int(found_set.sample is not None), []))
    else:
        found, rejected = _equilibria(table, system, solutions.points)
        equilibria.extend(found)
        if trace:
            records.append(_record(system, len(solutions.points), len(found), rejected))
    return 1
