"""Correlated equilibria: obedience checked from the definition, Nash equilibria inside, LP optimum vs scipy."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.deals.correlated import correlated_equilibria, max_welfare
from negsolve.model.strategic import PayoffTable
from negsolve.solvers import solve_table
from negsolve.solvers.exact_linear import solve_linear

F = Fraction


def obeyed(table: PayoffTable, p: dict[tuple[int, ...], Fraction], coarse: bool = False) -> bool:
    """The definition, written out: nobody gains by replacing a recommendation (CE) or, for a coarse
    CE, by committing to one fixed strategy in advance."""
    if any(q < 0 for q in p.values()) or sum(p.values()) != 1:
        return False
    for i, size in enumerate(table.shape):
        for b in range(size):
            switched = {s: table.at(s[:i] + (b,) + s[i + 1:])[i] for s in p}
            if coarse:
                if sum(q * (table.at(s)[i] - switched[s]) for s, q in p.items()) < 0:
                    return False
                continue
            for a in range(size):
                if sum(q * (table.at(s)[i] - switched[s]) for s, q in p.items() if s[i] == a) < 0:
                    return False
    return True


def as_dict(table: PayoffTable, distribution: tuple[Fraction, ...]) -> dict[tuple[int, ...], Fraction]:
    return dict(zip(table.profiles(), distribution, strict=True))


def welfare(table: PayoffTable, p: dict[tuple[int, ...], Fraction]) -> Fraction:
    return sum((q * sum(table.at(s)) for s, q in p.items()), F(0))


@st.composite
def games(draw: st.DrawFn, max_size: int = 3) -> PayoffTable:
    shape = (draw(st.integers(1, max_size)), draw(st.integers(2, max_size)))
    cells = draw(st.lists(st.tuples(st.integers(-5, 5), st.integers(-5, 5)),
                          min_size=shape[0] * shape[1], max_size=shape[0] * shape[1]))
    return PayoffTable(shape, tuple((F(a), F(b)) for a, b in cells))


@settings(max_examples=40, deadline=None)
@given(games())
def test_every_reported_ce_obeys_and_every_nash_equilibrium_is_a_ce(table: PayoffTable) -> None:
    result = correlated_equilibria(table)
    points = [result.max_welfare, *result.best_for, *(result.vertices or ())]
    for point in points:
        assert obeyed(table, as_dict(table, point.distribution))
    for point in [result.coarse_max_welfare, *result.coarse_best_for]:
        assert obeyed(table, as_dict(table, point.distribution), coarse=True)
    best = welfare(table, as_dict(table, result.max_welfare.distribution))
    assert welfare(table, as_dict(table, result.coarse_max_welfare.distribution)) >= best
    for eq in solve_table(table).equilibria:
        product = {s: eq.profile[0][s[0]] * eq.profile[1][s[1]] for s in table.profiles()}
        assert obeyed(table, product)
        assert welfare(table, product) <= best
        for i, point in enumerate(result.best_for):
            assert eq.payoffs[i] <= point.payoffs[i]


def brute_vertices(table: PayoffTable) -> set[tuple[Fraction, ...]]:
    """Vertices of the CE polytope: every choice of N - 1 tight constraints among p >= 0 and the
    obedience rows, with sum p = 1, solved exactly; keep the feasible unique solutions."""
    profiles = list(table.profiles())
    n = len(profiles)
    rows = [[F(int(j == k)) for j in range(n)] for k in range(n)]
    for i, size in enumerate(table.shape):
        for a in range(size):
            for b in range(size):
                if a != b:
                    rows.append([table.at(s)[i] - table.at(s[:i] + (b,) + s[i + 1:])[i] if s[i] == a else F(0)
                                 for s in profiles])
    found = set()
    for chosen in itertools.combinations(rows, n - 1):
        x = solve_linear(list(chosen) + [[F(1)] * n], [F(0)] * (n - 1) + [F(1)])
        if x is not None and obeyed(table, dict(zip(profiles, x, strict=True))):
            found.add(tuple(x))
    return found


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 3), st.integers(-3, 3)), min_size=4, max_size=4))
def test_vertices_match_brute_force(cells: list[tuple[int, int]]) -> None:
    table = PayoffTable((2, 2), tuple((F(a), F(b)) for a, b in cells))
    result = correlated_equilibria(table, vertices=True)
    assert result.vertices is not None and result.vertices_complete
    assert {v.distribution for v in result.vertices} == brute_vertices(table)


@pytest.mark.parametrize("seed", [5])
def test_vertices_match_brute_force_2x3(seed: int) -> None:
    table = _random_table(2, 3, seed)
    result = correlated_equilibria(table, vertices=True)
    assert result.vertices is not None
    assert {v.distribution for v in result.vertices} == brute_vertices(table)


def test_chicken_textbook_values() -> None:
    # Aumann's chicken: (6,6) (2,7) / (7,2) (0,0). Max-welfare CE: 1/2 (C,C), 1/4 each (C,D), (D,C),
    # payoffs 21/4 each (hand derivation: obedience of C gives p(C,D) >= p(C,C)/2 ... the optimum
    # puts weight 1/2 on (C,C)); no CE beats the best Nash payoff 7 for both; the CE total 21/2
    # exceeds every Nash total (9 pure, 28/3 mixed).
    table = PayoffTable((2, 2), ((F(6), F(6)), (F(2), F(7)), (F(7), F(2)), (F(0), F(0))))
    result = correlated_equilibria(table)
    assert result.max_welfare.distribution == (F(1, 2), F(1, 4), F(1, 4), F(0))
    assert result.max_welfare.payoffs == (F(21, 4), F(21, 4))
    assert result.beats_nash is None
    assert result.nash_best == (7, 7)
    assert result.vertices is not None and len(result.vertices) == 5


def test_a_mediator_can_beat_every_nash_equilibrium_for_both() -> None:
    # A 3x3 game (Moulin and Vial's example, payoffs (a, b)): its unique Nash equilibrium mixes
    # (1/3, 1/3, 1/3) and pays 1 each; the CE uniform on the six off-diagonal cells pays 3/2 each.
    rows = [[(0, 0), (2, 1), (1, 2)], [(1, 2), (0, 0), (2, 1)], [(2, 1), (1, 2), (0, 0)]]
    table = PayoffTable((3, 3), tuple((F(a), F(b)) for row in rows for a, b in row))
    result = correlated_equilibria(table)
    assert result.nash_best == (1, 1)
    assert result.beats_nash is not None
    assert all(v > 1 for v in result.beats_nash.payoffs)
    assert result.max_welfare.payoffs == (F(3, 2), F(3, 2))


def _random_table(m: int, n: int, seed: int) -> PayoffTable:
    rng = random.Random(seed)
    return PayoffTable((m, n), tuple((F(rng.randint(-9, 9)), F(rng.randint(-9, 9))) for _ in range(m * n)))


@pytest.mark.parametrize("m, n, seed", [(3, 3, 1), (4, 4, 2), (5, 6, 3), (8, 8, 4), (10, 10, 0), (10, 10, 5)])
def test_ce_maximum_equals_scipy_linprog(m: int, n: int, seed: int) -> None:
    optimize = pytest.importorskip("scipy.optimize", reason="scipy gives the independent float optimum")
    table = _random_table(m, n, seed)
    profiles = list(table.profiles())
    a_ub = []
    for i, size in enumerate(table.shape):
        for a in range(size):
            for b in range(size):
                if a != b:
                    a_ub.append([float(table.at(s[:i] + (b,) + s[i + 1:])[i] - table.at(s)[i]) if s[i] == a else 0.0
                                 for s in profiles])
    res = optimize.linprog([-float(sum(table.at(s))) for s in profiles], A_ub=a_ub, b_ub=[0.0] * len(a_ub),
                           A_eq=[[1.0] * len(profiles)], b_eq=[1.0], bounds=(0, None), method="highs")
    point = max_welfare(table)
    exact = welfare(table, as_dict(table, point.distribution))
    assert isinstance(exact, Fraction)
    assert abs(float(exact) + res.fun) < 1e-9
    assert obeyed(table, as_dict(table, point.distribution))


def _without_uniqueness(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every optimum look possibly tied, so that the tie-break LP always runs."""
    import dataclasses

    from negsolve.deals import certified_lp

    solve = certified_lp.maximize_cutting_planes

    def tied(*args: object, **kwargs: object) -> object:
        return dataclasses.replace(solve(*args, **kwargs), unique=False)  # type: ignore[arg-type]

    monkeypatch.setattr(certified_lp, "maximize_cutting_planes", tied)


def _points(table: PayoffTable) -> list[tuple[Fraction, ...]]:
    result = correlated_equilibria(table, vertices=False)
    return [p.distribution for p in (result.max_welfare, *result.best_for, result.coarse_max_welfare,
                                     *result.coarse_best_for)]


@settings(max_examples=25, deadline=None)
@given(games(max_size=4))
def test_skipping_the_tie_break_for_a_unique_optimum_changes_nothing(table: PayoffTable) -> None:
    fast = _points(table)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _without_uniqueness(monkeypatch)
        assert _points(table) == fast


@pytest.mark.parametrize("m, n, seed", [(5, 5, 7), (6, 6, 8)])
def test_skipping_the_tie_break_on_random_games(m: int, n: int, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    table = _random_table(m, n, seed)
    fast = _points(table)
    _without_uniqueness(monkeypatch)
    assert _points(table) == fast
