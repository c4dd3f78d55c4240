r"""Two-player bargaining solutions on the feasible payoff set, exact.

A *bargaining problem* is a convex feasible set :math:`F \subset \mathbb{R}^2` (here the convex
hull of a game's outcomes: agreements may be lotteries over outcomes) and a *disagreement point*
:math:`d` (what each side gets if talks fail).  Only the agreements
:math:`F_d = \{u \in F : u \ge d\}` are acceptable to both.  Each solution picks one point of
:math:`F_d`:

- **Nash** (Nash, Econometrica 18, 1950): maximise the product of gains
  :math:`(u_1 - d_1)(u_2 - d_2)`.  On an edge :math:`u = A + t(B - A)` of the polygon
  :math:`F_d` the product is a quadratic in :math:`t`; its maximiser
  :math:`t^* = -\frac{a_1 b_2 + a_2 b_1}{2 b_1 b_2}` (with :math:`a = A - d`, :math:`b = B - A`) is
  rational, so the solution is exact.  The unique solution satisfying Pareto optimality,
  symmetry, invariance to positive affine rescaling and independence of irrelevant alternatives.
- **Kalai–Smorodinsky** (Econometrica 43, 1975): the efficient point on the segment from
  :math:`d` to the ideal point :math:`a_i = \max\{u_i : u \in F_d\}`, i.e. equal *proportions* of
  each side's largest possible gain.  Replaces IIA with monotonicity.
- **Egalitarian** (Kalai, Econometrica 45, 1977): the largest point with equal gains
  :math:`u_1 - d_1 = u_2 - d_2`; not scale invariant (it compares utilities across players).
- **Utilitarian**: maximise the total :math:`u_1 + u_2`.  When a whole edge maximises it,
  negsolve takes the point of that edge with the most equal gains.

Conventions where the textbook definitions need help: when the ray of Kalai–Smorodinsky or of the
egalitarian solution ends on a horizontal or vertical edge (a weakly efficient point), the point
is moved along that edge to the efficient end (the lexicographic refinement).  The region is
taken with free disposal (every point between :math:`d` and an acceptable agreement counts), so
the rays start inside it even when :math:`d` itself is not feasible (e.g. the minmax point).  When no point of
:math:`F_d` gives *both* players strictly more than :math:`d` (so :math:`F_d` is a segment on
:math:`u_1 = d_1` or :math:`u_2 = d_2`, or the single point :math:`d`), every solution is the one
efficient point of :math:`F_d`.

Each point is realised by a lottery over at most three outcomes (two on an edge of :math:`F`).
With transferable utility (side payments), the best agreement maximises the total and a payment
splits the surplus over :math:`d` equally (the Nash solution of the problem with transfers).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from negsolve.deals import geometry
from negsolve.deals.geometry import Point
from negsolve.errors import SolverError
from negsolve.model.frozen import freeze_fields

SOLUTIONS = ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian")
LABELS = {"nash": "Nash bargaining solution", "kalai_smorodinsky": "Kalai–Smorodinsky solution",
          "egalitarian": "Egalitarian solution", "utilitarian": "Utilitarian solution"}


@dataclass(frozen=True)
class Lottery:
    """A payoff point realised as a lottery: ``weights`` are (hull vertex index, probability) pairs."""

    point: Point
    weights: tuple[tuple[int, Fraction], ...]


@dataclass(frozen=True)
class Transfer:
    """With side payments: play the total-maximising agreement and ``payer`` pays ``amount`` to the other."""

    total: Fraction
    payer: int | None
    amount: Fraction
    payoffs: Point


@dataclass(frozen=True)
class BargainingResult:
    """The four solutions (``solutions[name]`` is a :class:`Lottery`), the acceptable region ``region``
    (vertices of :math:`F_d`), the ideal point, the transfer split, and notes on conventions used."""

    disagreement: Point
    region: tuple[Point, ...]
    ideal: Point | None
    solutions: dict[str, Lottery]
    transfer: Transfer | None
    degenerate: bool
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        freeze_fields(self, "solutions")


def bargain(hull: list[Point], d: Point) -> BargainingResult:
    """Every bargaining solution of the problem (``hull``, ``d``); ``hull`` counter-clockwise."""
    acceptable = geometry.clip(geometry.clip(hull, (Fraction(1), Fraction(0)), d[0]), (Fraction(0), Fraction(1)), d[1])
    if not acceptable:
        return BargainingResult(d, (), None, {}, None, False,
                                ("no feasible agreement gives both players their disagreement payoffs",))
    region = comprehensive(acceptable, d)
    ideal = (max(p[0] for p in region), max(p[1] for p in region))
    degenerate = ideal[0] == d[0] or ideal[1] == d[1] or nash_point(region, d)[1] == 0
    if degenerate:
        best = max(region, key=lambda p: p[0] + p[1])
        points = {name: best for name in SOLUTIONS}
        notes: tuple[str, ...] = ("no agreement gives both players strictly more than the disagreement point; "
                                  "every solution is its one efficient agreement",)
    else:
        points = {
            "nash": nash_point(region, d)[0],
            "kalai_smorodinsky": ray_point(region, d, (ideal[0] - d[0], ideal[1] - d[1])),
            "egalitarian": ray_point(region, d, (Fraction(1), Fraction(1))),
            "utilitarian": utilitarian_point(region, d),
        }
        notes = ()
    solutions = {}
    for name, point in points.items():
        weights = geometry.convex_weights(hull, point)
        if weights is None:  # cannot happen: every point comes from the hull
            raise SolverError(f"{name} point {point} is not feasible")
        solutions[name] = Lottery(point, tuple(weights))
    return BargainingResult(d, tuple(region), ideal, solutions, transfer_split(region, d), degenerate, notes)


def comprehensive(polygon: list[Point], d: Point) -> list[Point]:
    """Free disposal: the points between ``d`` and some point of ``polygon`` (all of it above ``d``)."""
    points = list(polygon) + [d]
    for v in polygon:
        points += [(v[0], d[1]), (d[0], v[1])]
    return geometry.convex_hull(points)


def _gain_product(p: Point, d: Point) -> Fraction:
    return (p[0] - d[0]) * (p[1] - d[1])


def nash_point(region: list[Point], d: Point) -> tuple[Point, Fraction]:
    """The maximiser of the product of gains over the polygon ``region`` (inside u >= d) and the maximum."""
    best = max(region, key=lambda p: _gain_product(p, d))
    for a_end, b_end in geometry.edges(region):
        a = (a_end[0] - d[0], a_end[1] - d[1])
        b = (b_end[0] - a_end[0], b_end[1] - a_end[1])
        if b[0] * b[1] == 0:
            continue  # the product is linear along the edge: an end is best
        t = -(a[0] * b[1] + a[1] * b[0]) / (2 * b[0] * b[1])
        if 0 < t < 1:
            p = (a_end[0] + t * b[0], a_end[1] + t * b[1])
            if _gain_product(p, d) > _gain_product(best, d):
                best = p
    return best, _gain_product(best, d)


def efficient_above(region: list[Point], p: Point) -> Point:
    """The efficient point of ``region`` that dominates ``p`` with the largest total (``p`` if efficient)."""
    above = geometry.clip(geometry.clip(region, (Fraction(1), Fraction(0)), p[0]), (Fraction(0), Fraction(1)), p[1])
    return max(above, key=lambda q: (q[0] + q[1], q[0]), default=p)


def ray_point(region: list[Point], d: Point, direction: Point) -> Point:
    """The furthest point of ``region`` on the ray from ``d`` along ``direction``, made efficient."""
    t = geometry.max_on_ray(region, d, direction)
    if t is None:
        raise SolverError("the ray misses the region")  # cannot happen: d's corner region contains d + 0
    return efficient_above(region, (d[0] + t * direction[0], d[1] + t * direction[1]))


def utilitarian_point(region: list[Point], d: Point) -> Point:
    """The point of maximal total; on a maximising edge, the one with the most equal gains."""
    top = max(p[0] + p[1] for p in region)
    ends = sorted(p for p in region if p[0] + p[1] == top)
    if len(ends) == 1:
        return ends[0]
    a, b = ends[0], ends[-1]
    half = (top - d[0] - d[1]) / 2
    equal = (d[0] + half, d[1] + half)
    if geometry.on_segment(equal, a, b) is not None:
        return equal
    return max((a, b), key=lambda q: min(q[0] - d[0], q[1] - d[1]))


def transfer_split(region: list[Point], d: Point) -> Transfer:
    """Side payments: the total-maximising agreement, the surplus over ``d`` split equally."""
    u = utilitarian_point(region, d)
    total = u[0] + u[1]
    half = (total - d[0] - d[1]) / 2
    target = (d[0] + half, d[1] + half)
    pay = u[0] - target[0]
    payer = None if pay == 0 else (0 if pay > 0 else 1)
    return Transfer(total, payer, abs(pay), target)
