"""Two-player equilibria: exact, complete, checked against hand derivations, brute force in exact arithmetic
and pygambit's exact enummixed (frozen answers by default, live under the ``oracle`` marker)."""

from __future__ import annotations

import random
from fractions import Fraction as F

import pytest
from conftest import SOURCES, bimatrix, corpus_params, examples, oracle_answer, profile_set
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oracle import brute, frozen, gambit, seeded
from oracle.corpus import content_hash, corpus_key

from negsolve.io import load_game
from negsolve.model import payoff_table
from negsolve.solvers import solve_table
from negsolve.solvers.bimatrix import solve_two_player
from negsolve.solvers.verify import is_equilibrium

half, third = F(1, 2), F(1, 3)

KNOWN = [
    pytest.param(
        [[3, 0], [5, 1]], [[3, 5], [0, 1]],
        {((0, 1), (0, 1))}, False, id="prisoners-dilemma",
    ),
    pytest.param(
        [[2, 0], [0, 1]], [[1, 0], [0, 2]],
        {((1, 0), (1, 0)), ((0, 1), (0, 1)), ((F(2, 3), third), (third, F(2, 3)))}, False, id="battle-of-the-sexes",
    ),
    pytest.param(
        [[1, -1], [-1, 1]], [[-1, 1], [1, -1]],
        {((half, half), (half, half))}, False, id="matching-pennies",
    ),
    pytest.param(
        [[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]],
        {((third,) * 3, (third,) * 3)}, False, id="rock-paper-scissors",
    ),
    pytest.param(
        # Chicken: swerve/straight; two pure and one mixed (p = 1/2 by 1 = ... hand-solved below)
        [[0, -1], [1, -10]], [[0, 1], [-1, -10]],
        {((0, 1), (1, 0)), ((1, 0), (0, 1)), ((F(9, 10), F(1, 10)), (F(9, 10), F(1, 10)))}, False, id="chicken",
    ),
    pytest.param(
        # Entry deterrence, strategic form: the entrant stays out if the incumbent fights with prob >= 1/2.
        [[0, 0], [-1, 1]], [[2, 2], [-1, 1]],
        {((1, 0), (1, 0)), ((1, 0), (half, half)), ((0, 1), (0, 1))}, True, id="entry-deterrence-degenerate",
    ),
    pytest.param(
        [[0, 0], [0, 0]], [[0, 0], [0, 0]],
        {((1, 0), (1, 0)), ((1, 0), (0, 1)), ((0, 1), (1, 0)), ((0, 1), (0, 1))}, True, id="all-zero",
    ),
    pytest.param(
        [[1, 1, 1]], [[2, 2, 1]],
        {((1,), (1, 0, 0)), ((1,), (0, 1, 0))}, True, id="one-row-tie",
    ),
]


def _as_fractions(expected: set) -> set:  # type: ignore[type-arg]
    return {tuple(tuple(F(p) for p in s) for s in prof) for prof in expected}


@pytest.mark.parametrize(("A", "B", "expected", "degenerate"), KNOWN)
def test_hand_derived(A, B, expected, degenerate) -> None:  # type: ignore[no-untyped-def]
    result = solve_two_player(bimatrix(A, B))
    assert profile_set(result.equilibria) == _as_fractions(expected)
    assert result.degenerate is degenerate
    assert result.scope == "all"


def test_entry_deterrence_nash_subsets() -> None:
    result = solve_two_player(bimatrix([[0, 0], [-1, 1]], [[2, 2], [-1, 1]]))
    subsets = {(s.strategies[0], s.strategies[1]) for s in result.nash_subsets}
    assert subsets == {
        (((F(1), F(0)),), ((F(1), F(0)), (half, half))),
        (((F(0), F(1)),), ((F(0), F(1)),)),
    }


def test_all_zero_game_is_one_big_subset() -> None:
    result = solve_two_player(bimatrix([[0] * 3] * 3, [[0] * 3] * 3))
    assert len(result.equilibria) == 9
    assert len(result.nash_subsets) == 1
    assert len(result.nash_subsets[0].strategies[0]) == 3


def test_payoffs_are_exact_expected_values() -> None:
    result = solve_two_player(bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    mixed = [eq for eq in result.equilibria if not eq.pure][0]
    assert mixed.payoffs == (F(2, 3), F(2, 3))


def _agrees_with_frozen_gambit(key: str, table, source: str) -> None:  # type: ignore[no-untyped-def]
    answer = frozen.entry("bimatrix_seeded", key)
    assert answer["game"] == frozen.table_digest(table.payoffs), f"{key}: the seeded game changed; regenerate"
    expected = oracle_answer(source, frozen.profiles_from_json(answer["equilibria"]),
                             lambda: gambit.extreme_equilibria(table))
    assert profile_set(solve_two_player(table).equilibria) == expected


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("shape", seeded.SHAPES, ids=[f"{m}x{n}" for m, n in seeded.SHAPES])
@pytest.mark.parametrize("seed", seeded.SEEDS)
def test_random_games_agree_with_gambit(shape: tuple[int, int], seed: int, source: str) -> None:
    _agrees_with_frozen_gambit(*seeded.generic_game(shape, seed), source)


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("shape", seeded.DEGENERATE_SHAPES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("seed", seeded.DEGENERATE_SEEDS)
def test_random_degenerate_games_agree_with_gambit(shape: tuple[int, int], seed: int, source: str) -> None:
    _agrees_with_frozen_gambit(*seeded.degenerate_game(shape, seed), source)


payoff = st.integers(-3, 3)


@st.composite
def games(draw):  # type: ignore[no-untyped-def]
    m = draw(st.integers(1, 4))
    n = draw(st.integers(1, 4))
    A = draw(st.lists(st.lists(payoff, min_size=n, max_size=n), min_size=m, max_size=m))
    B = draw(st.lists(st.lists(payoff, min_size=n, max_size=n), min_size=m, max_size=m))
    return bimatrix(A, B)


@settings(max_examples=examples(80), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games())
def test_property_agrees_with_brute_force_vertex_pairs(table) -> None:  # type: ignore[no-untyped-def]
    # exact equality of the extreme equilibria, degenerate games included
    result = solve_two_player(table)
    expected, degenerate = brute.vertex_equilibria(table.matrix(0), table.matrix(1))
    assert profile_set(result.equilibria) == expected
    # degeneracy is reported when met (docs/engines.md): never claimed for a nondegenerate game, but a
    # degenerate vertex of the other polytope outside every equilibrium is not looked for (e.g. 3x4,
    # A = [[0,0,0,0],[1,0,0,-1],[-1,1,1,1]], B = [[0,0,0,1]]*3: y = (1/2,0,0,1/2) has 3 best responses)
    assert degenerate or not result.degenerate
    for eq in result.equilibria:
        assert is_equilibrium(table, eq.profile)
        assert brute.regret(table.matrix(0), table.matrix(1), *eq.profile) == (0, 0)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games())
def test_property_agrees_with_brute_force_support_enumeration(table) -> None:  # type: ignore[no-untyped-def]
    A, B = table.matrix(0), table.matrix(1)
    result = solve_two_player(table)
    found = brute.support_equilibria(A, B)
    if not result.degenerate:
        assert profile_set(result.equilibria) == found
        return
    # degenerate: every equilibrium support enumeration finds lies in one of negsolve's Nash subsets
    for x, y in found:
        assert any(
            brute.in_convex_hull(x, subset.strategies[0]) and brute.in_convex_hull(y, subset.strategies[1])
            for subset in result.nash_subsets
        ), (x, y)


@settings(max_examples=examples(60), deadline=None)
@given(games(), st.integers(1, 5), st.integers(-4, 4))
def test_property_invariant_under_positive_affine_payoff_change(table, scale, shift) -> None:  # type: ignore[no-untyped-def]
    changed = type(table)(table.shape, tuple((a * scale + shift, b) for a, b in table.payoffs))
    assert profile_set(solve_two_player(changed).equilibria) == profile_set(solve_two_player(table).equilibria)


TWO_PLAYER_CORPUS = corpus_params(".nfg", lambda path: len(load_game(str(path)).shape) == 2)


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("path", TWO_PLAYER_CORPUS)
def test_gambit_corpus_two_player_games(path, source, corpus) -> None:  # type: ignore[no-untyped-def]
    answer = frozen.corpus_entry("corpus_nfg", corpus_key(path), content_hash(path))
    expected = oracle_answer(source, frozen.profiles_from_json(answer["extreme_equilibria"]),
                             lambda: gambit.nfg_extreme_equilibria(path))
    table = payoff_table(load_game(str(path)))
    assert profile_set(solve_two_player(table).equilibria) == expected


def test_von_stengel_75_equilibria(corpus) -> None:  # type: ignore[no-untyped-def]
    (path,) = corpus.rglob("6x6_game_with_75_eq.nfg")
    result = solve_two_player(payoff_table(load_game(str(path))))
    assert len(result.equilibria) == 75
    assert result.degenerate is False


def test_nashpy_vertex_engine_agrees_on_nondegenerate_games() -> None:
    checked = 0
    for seed in range(20):
        table = seeded.random_game(random.Random(seed), 5, 5, -50, 50)
        exact = solve_table(table, "exact")
        if exact.degenerate:
            continue  # nashpy's vertex enumeration is only complete on nondegenerate games
        via_nashpy = solve_table(table, "nashpy-vertex")
        assert profile_set(via_nashpy.equilibria) == profile_set(exact.equilibria)
        assert via_nashpy.rejected == 0
        checked += 1
    assert checked >= 6


def test_nashpy_engines_never_show_a_non_equilibrium_on_degenerate_games() -> None:
    table = bimatrix([[0, 0], [-1, 1]], [[2, 2], [-1, 1]])
    exact = profile_set(solve_table(table, "exact").equilibria)
    for engine in ("nashpy-vertex", "nashpy-support"):
        found = profile_set(solve_table(table, engine).equilibria)
        assert found <= exact
