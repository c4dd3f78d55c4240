"""The payoff space: hull, Pareto frontier, minmax, bargaining solutions, against independent computations."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.deals.bargaining import bargain
from negsolve.deals.hull import payoff_space
from negsolve.deals.minmax import individually_rational_region, minmax_values
from negsolve.model.strategic import PayoffTable
from negsolve.solvers.dominance import security_levels

F = Fraction


def table_of(shape: tuple[int, int], cells: list[tuple[int, int]]) -> PayoffTable:
    return PayoffTable(shape, tuple((F(a), F(b)) for a, b in cells))


@st.composite
def games(draw: st.DrawFn, low: int = -4, high: int = 4) -> PayoffTable:
    m = draw(st.integers(1, 3))
    n = draw(st.integers(1, 3))
    cells = draw(st.lists(st.tuples(st.integers(low, high), st.integers(low, high)), min_size=m * n, max_size=m * n))
    return table_of((m, n), cells)


# -- independent brute force: plane geometry written out from the definitions -------------------

def _cross(o, a, b):  # type: ignore[no-untyped-def]
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _in_triangle_or_segment(p, a, b, c) -> bool:  # type: ignore[no-untyped-def]
    """p in conv{a, b, c} (degenerate triangles included), by sign tests and bounding boxes."""
    d1, d2, d3 = _cross(a, b, p), _cross(b, c, p), _cross(c, a, p)
    if _cross(a, b, c) != 0:
        return (d1 >= 0 and d2 >= 0 and d3 >= 0) or (d1 <= 0 and d2 <= 0 and d3 <= 0)
    for u, v in ((a, b), (b, c), (a, c)):  # collinear: p on one of the segments
        if _cross(u, v, p) == 0 and min(u[0], v[0]) <= p[0] <= max(u[0], v[0]) \
                and min(u[1], v[1]) <= p[1] <= max(u[1], v[1]):
            return True
    return False


def brute_vertices(points: set) -> set:  # type: ignore[type-arg]
    """A point is a vertex iff it lies in no triangle of three other points (Carathéodory)."""
    out = set()
    for p in points:
        others = [q for q in points if q != p]
        if len(others) < 1 or not any(_in_triangle_or_segment(p, a, b, c)
                                      for a, b, c in itertools.combinations_with_replacement(others, 3)):
            out.add(p)
    return out


def brute_dominated(v, points: set) -> bool:  # type: ignore[no-untyped-def, type-arg]
    """v is Pareto-dominated in conv(points): test outcome points and the points where segments between
    outcomes cross the lines x = v1 and y = v2 (the corners of {w in F : w >= v})."""
    candidates = list(points)
    for a, b in itertools.combinations(points, 2):
        for axis in (0, 1):
            if a[axis] != b[axis]:
                t = (v[axis] - a[axis]) / (b[axis] - a[axis])
                if 0 <= t <= 1:
                    candidates.append((a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])))
    return any(w[0] >= v[0] and w[1] >= v[1] and w != v for w in candidates)


@settings(max_examples=60, deadline=None)
@given(games())
def test_hull_vertices_and_pareto_match_brute_force(table: PayoffTable) -> None:
    points = {table.at(p) for p in table.profiles()}
    space = payoff_space(table)
    assert set(space.vertices) == brute_vertices(points)
    assert set(space.pareto) == {v for v in space.vertices if not brute_dominated(v, points)}
    flagged = {d.outcome for d in space.dominated}
    assert flagged == {p for p in table.profiles() if brute_dominated(table.at(p), points)}
    for d in space.dominated:
        if d.by_point is not None:  # a lottery that dominates and is feasible
            assert d.by_point[0] >= d.payoffs[0] and d.by_point[1] >= d.payoffs[1] and d.by_point != d.payoffs


@settings(max_examples=60, deadline=None)
@given(games())
def test_minmax_pure_by_definition_and_mixed_by_minimax_theorem(table: PayoffTable) -> None:
    levels = security_levels(table)  # maximin by exact vertex enumeration: a different method
    for m in minmax_values(table):
        i = m.player
        other = 1 - i
        pure = min(max(table.at((s, t) if i == 0 else (t, s))[i] for s in range(table.shape[i]))
                   for t in range(table.shape[other]))
        assert m.pure == pure
        assert m.mixed == levels[i].mixed_value
        assert m.mixed <= m.pure
        # the reported punishment holds the player to the value against every own strategy
        assert m.mixed_punishment is not None and sum(m.mixed_punishment) == 1
        for s in range(table.shape[i]):
            payoff = sum(q * table.at((s, t) if i == 0 else (t, s))[i] for t, q in enumerate(m.mixed_punishment))
            assert payoff <= m.mixed


def test_minmax_of_prisoners_dilemma_and_chicken() -> None:
    pd = table_of((2, 2), [(3, 3), (0, 5), (5, 0), (1, 1)])
    assert [(m.pure, m.mixed) for m in minmax_values(pd)] == [(1, 1), (1, 1)]
    # matching pennies: pure minmax 1, mixed 0
    mp = table_of((2, 2), [(1, -1), (-1, 1), (-1, 1), (1, -1)])
    assert [(m.pure, m.mixed) for m in minmax_values(mp)] == [(1, 0), (1, 0)]


def test_individually_rational_region_of_prisoners_dilemma() -> None:
    pd = table_of((2, 2), [(3, 3), (0, 5), (5, 0), (1, 1)])
    space = payoff_space(pd)
    region = individually_rational_region(space.vertices, minmax_values(pd))
    # hand derivation: the hull (1,1),(5,0),(3,3),(0,5) cut by u1 >= 1, u2 >= 1
    assert set(region) == {(1, 1), (F(13, 3), 1), (3, 3), (1, F(13, 3))}


# -- bargaining solutions -----------------------------------------------------------------------

def _solutions(table: PayoffTable, d: tuple[Fraction, Fraction]):  # type: ignore[no-untyped-def]
    space = payoff_space(table)
    hull = [(v[0], v[1]) for v in space.vertices]
    return space, bargain(hull, d)


def _feasible_points(table: PayoffTable, steps: int = 6) -> list[tuple[Fraction, Fraction]]:
    """Outcomes and rational points on every segment between two outcomes."""
    points = {table.at(p) for p in table.profiles()}
    out = set(points)
    for a, b in itertools.combinations(points, 2):
        for k in range(1, steps):
            t = F(k, steps)
            out.add((a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])))
    return sorted(out)


@settings(max_examples=50, deadline=None)
@given(games())
def test_bargaining_solutions_satisfy_their_defining_properties(table: PayoffTable) -> None:
    d = tuple(m.mixed for m in minmax_values(table))
    space, result = _solutions(table, d)  # type: ignore[arg-type]
    points = {table.at(p) for p in table.profiles()}
    above = [p for p in _feasible_points(table) if p[0] >= d[0] and p[1] >= d[1]]
    assert result.solutions, "minmax is below some feasible point, so agreements exist"
    for name, lottery in result.solutions.items():
        u = lottery.point
        # realised by the lottery it names, probabilities summing to one
        assert sum(w for _, w in lottery.weights) == 1 and all(w > 0 for _, w in lottery.weights)
        assert tuple(sum(w * space.vertices[k][i] for k, w in lottery.weights) for i in range(2)) == u
        assert u[0] >= d[0] and u[1] >= d[1], name
        assert not brute_dominated(u, points), name  # Pareto efficient
    nash = result.solutions["nash"].point
    product = (nash[0] - d[0]) * (nash[1] - d[1])
    assert all((p[0] - d[0]) * (p[1] - d[1]) <= product for p in above)
    util = result.solutions["utilitarian"].point
    assert all(p[0] + p[1] <= util[0] + util[1] for p in above)
    egal = result.solutions["egalitarian"].point
    assert all(min(p[0] - d[0], p[1] - d[1]) <= min(egal[0] - d[0], egal[1] - d[1]) for p in above)


@settings(max_examples=40, deadline=None)
@given(games(), st.integers(1, 3), st.integers(-2, 2))
def test_nash_and_kalai_smorodinsky_are_scale_invariant(table: PayoffTable, a: int, b: int) -> None:
    d = tuple(m.mixed for m in minmax_values(table))
    _, before = _solutions(table, d)  # type: ignore[arg-type]
    scaled = PayoffTable(table.shape, tuple((a * u + b, v) for u, v in table.payoffs))
    _, after = _solutions(scaled, (a * d[0] + b, d[1]))
    for name in ("nash", "kalai_smorodinsky"):
        u = before.solutions[name].point
        assert after.solutions[name].point == (a * u[0] + b, u[1]), name


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=4, max_size=4))
def test_symmetric_games_get_symmetric_solutions(cells: list[int]) -> None:
    a, b, c, e = cells
    table = table_of((2, 2), [(a, a), (b, c), (c, b), (e, e)])  # B is A transposed
    d = tuple(m.mixed for m in minmax_values(table))
    _, result = _solutions(table, d)  # type: ignore[arg-type]
    for name, lottery in result.solutions.items():
        assert lottery.point[0] == lottery.point[1], name


@pytest.mark.parametrize("d, nash", [
    pytest.param((F(0), F(0)), (F(3, 2), F(3, 2)), id="battle-of-the-sexes-from-zero"),
    pytest.param((F(1), F(0)), (F(2), F(1)), id="battle-of-the-sexes-tilted"),
])
def test_nash_bargaining_closed_form(d: tuple[Fraction, Fraction], nash: tuple[Fraction, Fraction]) -> None:
    # frontier u1 + u2 = 3 between (1, 2) and (2, 1): the Nash product (u1 - d1)(3 - u1 - d2) peaks
    # at u1 = (3 + d1 - d2)/2, clipped to [1, 2]
    table = table_of((2, 2), [(2, 1), (0, 0), (0, 0), (1, 2)])
    _, result = _solutions(table, d)
    assert result.solutions["nash"].point == nash


def test_kalai_smorodinsky_differs_from_nash_on_an_asymmetric_frontier() -> None:
    # hand derivation: feasible triangle (0,0), (4,0), (0,2) with d = (0,0): frontier u1/4 + u2/2 = 1;
    # Nash maximises u1 (2 - u1/2): u1 = 2, u2 = 1; KS: ideal (4, 2), ray u2 = u1/2: u1 = 2, u2 = 1;
    # egalitarian: u1 = u2 on the frontier: 3u/4 = 1, u = 4/3; utilitarian: (4, 0)
    table = table_of((2, 2), [(0, 0), (4, 0), (0, 2), (0, 0)])
    _, result = _solutions(table, (F(0), F(0)))
    assert result.solutions["nash"].point == (2, 1)
    assert result.solutions["kalai_smorodinsky"].point == (2, 1)
    assert result.solutions["egalitarian"].point == (F(4, 3), F(4, 3))
    assert result.solutions["utilitarian"].point == (4, 0)
    assert result.transfer is not None and result.transfer.payoffs == (2, 2) and result.transfer.payer == 0


@settings(max_examples=40, deadline=None)
@given(games(), st.data())
def test_nash_solution_is_independent_of_irrelevant_alternatives(table: PayoffTable, data: st.DataObject) -> None:
    """Nash's IIA axiom: drop outcomes while keeping the solution feasible; the solution stays."""
    from negsolve.deals import geometry

    d = tuple(m.mixed for m in minmax_values(table))
    space, result = _solutions(table, d)  # type: ignore[arg-type]
    if not result.solutions or result.degenerate:
        return
    nash = result.solutions["nash"].point
    hull = [(v[0], v[1]) for v in space.vertices]
    keep = data.draw(st.lists(st.sampled_from(range(len(hull))), unique=True, min_size=1))
    used = {k for k, _ in result.solutions["nash"].weights}
    smaller = geometry.convex_hull([hull[k] for k in sorted(set(keep) | used)])
    again = bargain(smaller, d)  # type: ignore[arg-type]
    assert again.solutions["nash"].point == nash
