r"""Correlated and coarse correlated equilibria, by exact linear programming.

A mediator draws a profile :math:`s` from a distribution :math:`p` over
:math:`S = S_1 \times \dots \times S_n` and tells each player privately only its own part
:math:`s_i`, a *recommendation*.  :math:`p` is a **correlated equilibrium** (Aumann, J. Math. Econ.
1, 1974) when no player gains by disobeying any recommendation: for every player :math:`i` and
strategies :math:`a \ne a'` of :math:`i`,

.. math::

    \sum_{s_{-i}} p(a, s_{-i})\,\bigl[u_i(a, s_{-i}) - u_i(a', s_{-i})\bigr] \ge 0
    \qquad\text{(obedience).}

It is a **coarse correlated equilibrium** (Moulin and Vial, Int. J. Game Theory 7, 1978) when no
player gains by deciding, *before* hearing the recommendation, to play a fixed :math:`a'`
instead: :math:`\sum_s p(s)\,[u_i(s) - u_i(a', s_{-i})] \ge 0` for every :math:`i, a'`.
Every Nash equilibrium (the product of its mixed strategies) is a correlated equilibrium, and
every correlated equilibrium is coarse.  Both sets are convex polytopes given by linear
inequalities in :math:`p`, so the best one for any linear objective (total payoff, one player's
payoff) is an exact linear program, solved here by :mod:`negsolve.solvers.lp` in rational
arithmetic: the distributions and payoffs reported are exact, never rounded floats.

Whether the mediator can beat every Nash equilibrium for everyone is one more LP: maximise
:math:`t` subject to obedience and :math:`E_p[u_i] \ge \max_{\text{NE}} u_i + t` for every
:math:`i`; the answer is yes exactly when the optimum is positive.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from negsolve.errors import SolverError
from negsolve.model.strategic import PayoffTable
from negsolve.solvers.lp import LPResult
from negsolve.solvers.results import SolveResult

METHOD = ("exact linear programming: the rational simplex, with the obedience constraints added as they are "
          "violated (row generation)")
Distribution = tuple[Fraction, ...]  # one probability per profile, in the table's storage order


@dataclass(frozen=True)
class CorrelatedPoint:
    """A correlated (or coarse correlated) equilibrium and the expected payoffs it gives."""

    distribution: Distribution
    payoffs: tuple[Fraction, ...]

    @property
    def total(self) -> Fraction:
        return sum(self.payoffs, Fraction(0))


@dataclass(frozen=True)
class CorrelatedResult:
    """What :func:`correlated_equilibria` found.

    ``max_welfare`` and ``best_for[i]`` are correlated equilibria maximising the total payoff and
    player ``i``'s payoff; ``coarse_*`` the same for coarse correlated equilibria.
    ``beats_nash`` is a correlated equilibrium giving every player strictly more than its best
    Nash payoff (``nash_best``, over the equilibria in ``nash``), or None when there is none.
    ``vertices`` holds the vertices of the correlated-equilibrium polytope when computed (all of
    them when ``vertices_complete``).
    """

    table: PayoffTable
    max_welfare: CorrelatedPoint
    best_for: tuple[CorrelatedPoint, ...]
    coarse_max_welfare: CorrelatedPoint
    coarse_best_for: tuple[CorrelatedPoint, ...]
    nash: SolveResult
    nash_best: tuple[Fraction, ...]
    beats_nash: CorrelatedPoint | None
    vertices: tuple[CorrelatedPoint, ...] | None
    vertices_complete: bool
    method: str
    notes: tuple[str, ...] = ()


def _deviation(table: PayoffTable, profile: tuple[int, ...], player: int, to: int) -> Fraction:
    """u_i(s) - u_i(to, s_-i): what player ``player`` loses by switching to ``to`` at ``profile``."""
    other = profile[:player] + (to,) + profile[player + 1:]
    return table.at(profile)[player] - table.at(other)[player]


def obedience_rows(table: PayoffTable) -> list[tuple[int, int, int, list[Fraction]]]:
    """(player, recommended a, deviation a', coefficients g) with obedience ``g . p >= 0``."""
    profiles = list(table.profiles())
    rows = []
    for i, size in enumerate(table.shape):
        for a in range(size):
            for b in range(size):
                if a != b:
                    g = [_deviation(table, s, i, b) if s[i] == a else Fraction(0) for s in profiles]
                    rows.append((i, a, b, g))
    return rows


def coarse_rows(table: PayoffTable) -> list[tuple[int, int, list[Fraction]]]:
    """(player, fixed deviation a', coefficients g) with coarse obedience ``g . p >= 0``."""
    profiles = list(table.profiles())
    return [(i, b, [_deviation(table, s, i, b) for s in profiles])
            for i, size in enumerate(table.shape) for b in range(size)]


def expected_payoffs(table: PayoffTable, p: Distribution) -> tuple[Fraction, ...]:
    return tuple(sum((q * table.at(s)[i] for q, s in zip(p, table.profiles(), strict=True)), Fraction(0))
                 for i in range(table.n_players))


class _Program:
    """The linear programs over one constraint system ``G p >= 0``, ``sum p = 1``, ``p >= 0``.

    The exact rows are negated once (``-G p <= 0``) and converted to floats once, so that the many
    LPs of :func:`correlated_equilibria` share them (the float copies feed the certified solver).
    """

    def __init__(self, table: PayoffTable, constraints: list[list[Fraction]]) -> None:
        self.table = table
        self.neg = [[-x for x in g] for g in constraints]
        self.welfare, self.own = _objectives(table)
        self.k = len(self.welfare)

    def _solve(self, objective: list[Fraction], extra_ub: list[tuple[list[Fraction], Fraction]],
               extra_eq: list[tuple[list[Fraction], Fraction]], column: bool) -> tuple[Fraction, ...] | None:
        result = self._optimum(objective, extra_ub, extra_eq, column)
        return None if result is None else result.x

    def _optimum(self, objective: list[Fraction], extra_ub: list[tuple[list[Fraction], Fraction]],
                 extra_eq: list[tuple[list[Fraction], Fraction]], column: bool) -> LPResult | None:
        """Optimise over (p) or, with ``column``, (p, t); extra rows are given over the same variables.

        Obedience rows are generated lazily (:func:`negsolve.deals.certified_lp.maximize_cutting_planes`):
        exact rational arithmetic throughout, no floating-point LP.
        """
        from negsolve.deals.certified_lp import maximize_cutting_planes

        zero = [Fraction(0)] if column else []
        a_ub = [row + zero for row in self.neg] + [row for row, _ in extra_ub]
        b_ub = [Fraction(0)] * len(self.neg) + [b for _, b in extra_ub]
        a_eq = [[Fraction(1)] * self.k + zero] + [row for row, _ in extra_eq]
        b_eq = [Fraction(1)] + [b for _, b in extra_eq]
        result = maximize_cutting_planes(objective, a_ub, b_ub, a_eq, b_eq, lazy=len(self.neg))
        if result.status != "optimal" or result.x is None or result.value is None:
            return None
        return result

    def point(self, x: tuple[Fraction, ...]) -> CorrelatedPoint:
        p = x[:self.k]
        return CorrelatedPoint(p, expected_payoffs(self.table, p))

    def best(self, objective: list[Fraction]) -> CorrelatedPoint:
        """The optimum of ``objective``; among optima, one maximising the smallest player payoff.

        Second LP over (p, t): maximise t subject to the constraints, objective . p = optimum and
        E_p[u_i] - t >= L for every i (L the least payoff in the game, so t >= 0 restricts nothing).
        Skipped when the first optimum is provably unique (every non-basic reduced cost positive):
        then it is the only p the second LP can return.
        """
        optimum = self._optimum(objective, [], [], column=False)
        if optimum is None or optimum.x is None:  # cannot happen: every Nash equilibrium is feasible
            raise SolverError("correlated-equilibrium LP has no optimum")
        first = optimum.x
        if optimum.unique:
            return self.point(first)
        value = sum((a * b for a, b in zip(objective, first, strict=True)), Fraction(0))
        low = min(min(u) for u in self.own)
        rows = [([-x for x in u] + [Fraction(1)], -low) for u in self.own]
        fair = self._solve([Fraction(0)] * self.k + [Fraction(1)], rows, [(list(objective) + [Fraction(0)], value)],
                           column=True)
        return self.point(fair if fair is not None else first)

    def beats(self, best: tuple[Fraction, ...]) -> CorrelatedPoint | None:
        """A distribution giving each player i strictly more than ``best[i]``, or None.

        LP over (p, t), always feasible: maximise t subject to the constraints and
        E_p[u_i] - t >= best_i - M with M = max(best) - (least payoff) + 1 (so t = 0 is feasible);
        such a distribution exists iff the optimum exceeds M.
        """
        shift = max(best) - min(min(u) for u in self.own) + 1
        rows = [([-x for x in u] + [Fraction(1)], shift - b) for u, b in zip(self.own, best, strict=True)]
        x = self._solve([Fraction(0)] * self.k + [Fraction(1)], rows, [], column=True)
        if x is None or x[-1] <= shift:
            return None
        return self.point(x)


def _objectives(table: PayoffTable) -> tuple[list[Fraction], list[list[Fraction]]]:
    profiles = list(table.profiles())
    welfare = [sum(table.at(s), Fraction(0)) for s in profiles]
    own = [[table.at(s)[i] for s in profiles] for i in range(table.n_players)]
    return welfare, own


def max_welfare(table: PayoffTable) -> CorrelatedPoint:
    """A correlated equilibrium of maximal total payoff (one LP, without the fairness tie-break)."""
    program = _Program(table, [g for *_, g in obedience_rows(table)])
    x = program._solve(program.welfare, [], [], column=False)
    if x is None:  # cannot happen: every Nash equilibrium is feasible
        raise SolverError("correlated-equilibrium LP has no optimum")
    return program.point(x)


def correlated_equilibria(table: PayoffTable, vertices: bool | None = None) -> CorrelatedResult:
    """The correlated-equilibrium facts of a game (see the module docstring).

    ``vertices``: enumerate the polytope's vertices (default: for games of at most 16 profiles).
    """
    from negsolve.solvers import solve_table

    welfare, own = _objectives(table)
    rows = [g for *_, g in obedience_rows(table)]
    coarse = [g for *_, g in coarse_rows(table)]
    nash = solve_table(table)
    best = tuple(max(e.payoffs[i] for e in nash.equilibria) for i in range(table.n_players))
    notes = []
    if nash.scope != "all":
        notes.append("the Nash comparison uses the pure equilibria only (three or more players)")
    strict, loose = _Program(table, rows), _Program(table, coarse)
    found = None
    complete = False
    if vertices is None:
        vertices = len(welfare) <= 16
    if vertices:
        from negsolve.deals.polytope_vertices import VERTEX_LIMIT, enumerate_vertices

        enumeration = enumerate_vertices(rows, len(welfare))
        found = tuple(CorrelatedPoint(v, expected_payoffs(table, v)) for v in enumeration.vertices)
        complete = enumeration.complete
        if not complete:
            found = None
            notes.append(f"the correlated-equilibrium polytope has more than {VERTEX_LIMIT} vertices; not listed")
    return CorrelatedResult(
        table=table,
        max_welfare=strict.best(welfare),
        best_for=tuple(strict.best(u) for u in own),
        coarse_max_welfare=loose.best(welfare),
        coarse_best_for=tuple(loose.best(u) for u in own),
        nash=nash,
        nash_best=best,
        beats_nash=strict.beats(best),
        vertices=found,
        vertices_complete=complete,
        method=METHOD,
        notes=tuple(notes),
    )
