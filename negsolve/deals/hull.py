r"""The feasible payoff set of a strategic game and its Pareto frontier, exact.

If the players can agree on a lottery over outcomes (or take turns, or use a public coin), every
payoff vector in the *convex hull* of the pure outcomes' payoff vectors is feasible:

.. math::

    F = \operatorname{conv}\{u(s) : s \in S_1 \times \dots \times S_n\}.

A point :math:`v \in F` is *Pareto optimal* (efficient) when no :math:`w \in F` has
:math:`w \ge v` with :math:`w \ne v`; the set of such points is the *Pareto frontier*.  For two
players :math:`F` is a convex polygon; its frontier is a chain of edges with negative slope
(:func:`payoff_space` names each edge by the outcomes at its ends).  With three or more players the
vertices are found by linear programming (a payoff vector is a vertex iff it is not a convex
combination of the others) and the frontier is given by its efficient vertices.

An outcome is *Pareto-dominated* when some feasible point is at least as good for everyone and
better for someone; it may be dominated by another pure outcome, or only by a lottery.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction

from negsolve.deals import geometry
from negsolve.model.strategic import PayoffTable

Vector = tuple[Fraction, ...]
Profile = tuple[int, ...]


@dataclass(frozen=True)
class FrontierEdge:
    """An edge of the two-player Pareto frontier, from ``start`` to ``end`` (first player's payoff rising).

    ``start_outcomes``/``end_outcomes`` are the pure profiles whose payoffs are the end points.
    """

    start: Vector
    end: Vector
    start_outcomes: tuple[Profile, ...]
    end_outcomes: tuple[Profile, ...]


@dataclass(frozen=True)
class OutcomeDomination:
    """A Pareto-dominated pure outcome and what dominates it.

    ``by`` lists the pure outcomes that Pareto-dominate it; when none does, ``by_point`` is a
    feasible (lottery) payoff vector that does.
    """

    outcome: Profile
    payoffs: Vector
    by: tuple[Profile, ...]
    by_point: Vector | None


@dataclass(frozen=True)
class PayoffSpace:
    """The feasible set: exact hull vertices (counter-clockwise for two players), the outcomes
    behind each vertex, the efficient vertices (``pareto``, first player's payoff rising for two
    players), the frontier edges (two players) and every Pareto-dominated outcome."""

    table: PayoffTable
    vertices: tuple[Vector, ...]
    vertex_outcomes: tuple[tuple[Profile, ...], ...]
    pareto: tuple[Vector, ...]
    frontier: tuple[FrontierEdge, ...]
    dominated: tuple[OutcomeDomination, ...]
    method: str

    def outcomes_at(self, point: Vector) -> tuple[Profile, ...]:
        """The pure profiles whose payoff vector is ``point``."""
        return tuple(p for p in self.table.profiles() if self.table.at(p) == point)


def dominates(a: Vector, b: Vector) -> bool:
    """True when ``a`` Pareto-dominates ``b``: at least as good for all, better for one."""
    return all(x >= y for x, y in zip(a, b, strict=True)) and any(x > y for x, y in zip(a, b, strict=True))


def payoff_space(table: PayoffTable) -> PayoffSpace:
    """The convex hull of the outcomes' payoffs, its Pareto frontier and the dominated outcomes."""
    if table.n_players == 2:
        return _plane_space(table)
    return _lp_space(table)


def _points(table: PayoffTable) -> list[Vector]:
    return [table.at(p) for p in table.profiles()]


def _plane_space(table: PayoffTable) -> PayoffSpace:
    points = [(v[0], v[1]) for v in _points(table)]
    hull = geometry.convex_hull(points)
    efficient = sorted(v for v in hull if efficient_in_plane(hull, v))
    space = PayoffSpace(table, tuple(hull), (), tuple(efficient), (), (), "exact planar convex hull")
    outcomes = tuple(space.outcomes_at(v) for v in hull)
    frontier = tuple(FrontierEdge(a, b, space.outcomes_at(a), space.outcomes_at(b))
                     for a, b in itertools.pairwise(efficient))
    dominated = []
    for profile in table.profiles():
        u = table.at(profile)
        better = tuple(q for q in table.profiles() if dominates(table.at(q), u))
        point = None if better or efficient_in_plane(hull, u) else dominating_point(hull, (u[0], u[1]))
        if better or point is not None:
            dominated.append(OutcomeDomination(profile, u, better, point))
    return PayoffSpace(table, tuple(hull), outcomes, tuple(efficient), frontier, tuple(dominated), space.method)


def efficient_in_plane(polygon: list[geometry.Point], v: Vector) -> bool:
    """True when no point of the convex ``polygon`` Pareto-dominates ``v`` (two players)."""
    region = geometry.clip(geometry.clip(polygon, (Fraction(1), Fraction(0)), v[0]), (Fraction(0), Fraction(1)), v[1])
    return all(p == (v[0], v[1]) for p in region)


def dominating_point(polygon: list[geometry.Point], v: geometry.Point) -> Vector | None:
    """An efficient point of ``polygon`` that dominates ``v`` (the one with the largest total), or None."""
    region = geometry.clip(geometry.clip(polygon, (Fraction(1), Fraction(0)), v[0]), (Fraction(0), Fraction(1)), v[1])
    best = max(region, key=lambda p: (p[0] + p[1], p[0]), default=None)
    return None if best is None or best == v else best


def _lp_space(table: PayoffTable) -> PayoffSpace:
    """Three or more players: vertices and efficiency by exact linear programming."""
    distinct = sorted(set(_points(table)))
    vertices = [v for k, v in enumerate(distinct) if not _in_hull(v, distinct[:k] + distinct[k + 1:])]
    efficient = tuple(v for v in vertices if improvement(v, vertices) is None)
    space = PayoffSpace(table, tuple(vertices), (), efficient, (), (), "exact linear programming")
    outcomes = tuple(space.outcomes_at(v) for v in vertices)
    dominated = []
    for profile in table.profiles():
        u = table.at(profile)
        better = tuple(q for q in table.profiles() if dominates(table.at(q), u))
        point = None if better else improvement(u, vertices)
        if better or point is not None:
            dominated.append(OutcomeDomination(profile, u, better, point))
    return PayoffSpace(table, tuple(vertices), outcomes, efficient, (), tuple(dominated), space.method)


def _in_hull(v: Vector, others: list[Vector]) -> bool:
    """True when ``v`` is a convex combination of ``others`` (an exact LP feasibility problem)."""
    from negsolve.deals.certified_lp import maximize_exact as maximize

    if not others:
        return False
    n = len(v)
    a_eq = [[w[i] for w in others] for i in range(n)] + [[Fraction(1)] * len(others)]
    b_eq = list(v) + [Fraction(1)]
    return maximize([Fraction(0)] * len(others), [], [], a_eq, b_eq).status == "optimal"


def improvement(v: Vector, vertices: list[Vector]) -> Vector | None:
    """A feasible point that Pareto-dominates ``v`` (largest total gain), or None when ``v`` is efficient."""
    from negsolve.deals.certified_lp import maximize_exact as maximize

    n, k = len(v), len(vertices)
    objective = [sum(w, Fraction(0)) for w in vertices]
    a_ub = [[-w[i] for w in vertices] for i in range(n)]  # sum_k x_k w_k[i] >= v[i]
    b_ub = [-v[i] for i in range(n)]
    result = maximize(objective, a_ub, b_ub, [[Fraction(1)] * k], [Fraction(1)])
    if result.status != "optimal" or result.value is None or result.x is None or result.value <= sum(v):
        return None
    return tuple(sum((x * w[i] for x, w in zip(result.x, vertices, strict=True)), Fraction(0)) for i in range(n))
