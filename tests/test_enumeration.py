"""The one-polytope enumeration against the two-polytope enumeration and against lrslib's lrsnash."""

from __future__ import annotations

import random
import shutil
from fractions import Fraction

import pytest
from conftest import bimatrix, corpus_files, profile_set

from negsolve.progress import Budget
from negsolve.solvers import solve_table
from negsolve.solvers.bimatrix import solve_two_player, solve_two_player_both
from negsolve.solvers.enumeration import face_vertices
from negsolve.solvers.lrs_engine import EngineUnavailable, parse_lrsnash, solve_with_lrs
from negsolve.solvers.polytope import VertexLimitError, enumerate_vertices, iter_vertices
from negsolve.solvers.verify import is_equilibrium

LRSNASH = shutil.which("lrsnash")
needs_lrs = pytest.mark.skipif(LRSNASH is None, reason="lrsnash is not installed (apt-get install lrslib)")


def random_table(seed: int, m: int, n: int, low: int, high: int):  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    A = [[rng.randint(low, high) for _ in range(n)] for _ in range(m)]
    B = [[rng.randint(low, high) for _ in range(n)] for _ in range(m)]
    return bimatrix(A, B)


# (seed, m, n, low, high): generic payoffs, small payoff ranges (degenerate), non-square shapes
GAMES = [(s, 4, 4, -50, 50) for s in range(4)] + [(s, 5, 5, 0, 2) for s in range(6)] + \
    [(s, 3, 6, 0, 1) for s in range(4)] + [(s, 6, 3, -2, 2) for s in range(4)] + \
    [(s, 2, 9, -9, 9) for s in range(3)] + [(s, 7, 7, -99, 99) for s in range(2)] + [(0, 4, 4, 0, 0)]


@pytest.mark.parametrize("game", GAMES, ids=[f"{m}x{n}-[{lo},{hi}]-{s}" for s, m, n, lo, hi in GAMES])
def test_one_polytope_equals_two_polytopes(game) -> None:  # type: ignore[no-untyped-def]
    table = random_table(*game)
    new, old = solve_two_player(table), solve_two_player_both(table)
    assert profile_set(new.equilibria) == profile_set(old.equilibria)
    assert new.complete
    if old.degenerate is False:
        assert new.degenerate is False
    if new.degenerate:
        assert old.degenerate  # degeneracy is only reported when it is there
        assert {(s.strategies) for s in new.nash_subsets} == {(s.strategies) for s in old.nash_subsets}


@needs_lrs
@pytest.mark.parametrize("game", GAMES, ids=[f"{m}x{n}-[{lo},{hi}]-{s}" for s, m, n, lo, hi in GAMES])
def test_exact_engine_equals_lrsnash(game) -> None:  # type: ignore[no-untyped-def]
    table = random_table(*game)
    via_lrs = solve_with_lrs(table)
    assert via_lrs.rejected == 0
    assert profile_set(via_lrs.equilibria) == profile_set(solve_two_player(table).equilibria)
    assert profile_set(solve_table(table, "lrs").equilibria) == profile_set(via_lrs.equilibria)


def test_lrs_engine_without_lrsnash_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(EngineUnavailable, match="apt-get install lrslib"):
        solve_with_lrs(random_table(0, 2, 2, 0, 3))


def test_parse_lrsnash_groups() -> None:
    # lrsnash's output for a 2x2 game with a continuum: two column strategies with one row strategy
    output = "*lrsnash:lrslib\n2  1  0  0 \n2  0  1  2 \n1  1/2  1/2  0 \n\n2  0  1  2 \n1  1  0  1 \n\n*Number 2\n"
    half = Fraction(1, 2)
    assert parse_lrsnash(output, 2, 2) == [
        ((half, half), (1, 0)), ((half, half), (0, 1)), ((1, 0), (0, 1)),
    ]


def test_iter_vertices_equals_breadth_first_enumeration() -> None:
    for seed in range(40):
        rng = random.Random(seed)
        k, d = rng.randint(1, 5), rng.randint(1, 5)
        high = rng.choice([1, 2, 3, 200])
        M = [[rng.randint(1, high) for _ in range(d)] for _ in range(k)]
        old = {v.tight_variables | (v.tight_rows << d): v.point for v in enumerate_vertices(M)}
        new = {t: tuple(Fraction(x, den) for x in nums) for t, nums, den in iter_vertices(M)}
        assert new == old


def test_face_of_a_tie() -> None:
    # the row player's strategy 0 makes columns 0 and 1 tight: a segment of column strategies
    A = [[1, 1, 1], [2, 1, 1]]
    points = set(face_vertices(A, [0], [0, 1]))
    # (A y)_0 = y0 + y1 = 1, (A y)_1 = 2 y0 + y1 <= 1  ->  y0 = 0: only (0, 1)
    assert points == {(Fraction(0), Fraction(1))}
    assert set(face_vertices([[1, 1], [1, 1]], [0], [0, 1])) == {(1, 0), (0, 1)}


def test_stopped_search_returns_verified_equilibria_marked_incomplete() -> None:
    table = random_table(3, 9, 9, -99, 99)
    budget = Budget(time_limit=0.0)
    result = solve_two_player(table, budget)
    assert result.complete is False and result.stopped == "time limit"
    assert all(is_equilibrium(table, eq.profile) for eq in result.equilibria)
    assert profile_set(result.equilibria) <= profile_set(solve_two_player(table).equilibria)


def test_cli_engine_lrs_without_lrsnash(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from negsolve.cli.main import cli

    monkeypatch.setenv("PATH", "/nonexistent")
    result = CliRunner().invoke(cli, ["solve", "prisoners-dilemma", "--engine", "lrs"])
    assert result.exit_code == 1
    assert "lrsnash" in result.output and "apt-get install lrslib" in result.output


@needs_lrs
def test_cli_engine_lrs_json_equals_exact() -> None:
    import json

    from click.testing import CliRunner

    from negsolve.cli.main import cli

    runs = [CliRunner().invoke(cli, ["solve", "battle-of-the-sexes", "--format", "json", "--engine", e])
            for e in ("exact", "lrs")]
    assert [r.exit_code for r in runs] == [0, 0]
    exact, lrs = (json.loads(r.output) for r in runs)
    assert lrs["equilibria"] == exact["equilibria"]
    assert lrs["method"].startswith("lrsnash")


TWO_PLAYER_CORPUS = [p for p in corpus_files(".nfg") if p.stat().st_size < 20_000]


@needs_lrs
@pytest.mark.skipif(not TWO_PLAYER_CORPUS, reason="../shared/corpus/gambit is absent")
def test_gambit_corpus_equals_lrsnash() -> None:
    from negsolve.io import load_game
    from negsolve.model import payoff_table

    checked = 0
    for path in TWO_PLAYER_CORPUS:
        game = load_game(str(path))
        if len(game.shape) != 2:
            continue
        table = payoff_table(game)
        assert profile_set(solve_two_player(table).equilibria) == profile_set(solve_with_lrs(table).equilibria), path
        checked += 1
    assert checked >= 5


def test_two_polytope_method_reports_degeneracy_as_a_bool() -> None:
    # matching pennies is nondegenerate: its only equilibrium mixes both strategies of both players
    pennies = solve_two_player_both(bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]))
    assert pennies.degenerate is False
    assert profile_set(pennies.equilibria) == {((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))}
    # the column player has two best responses to the pure row strategy 0: degenerate
    assert solve_two_player_both(bimatrix([[1, 1], [0, 0]], [[1, 1], [0, 0]])).degenerate is True


@pytest.mark.parametrize(("matrix", "vertices"), [
    ([[1]], [(Fraction(0),), (Fraction(1),)]),  # the segment 0 <= z <= 1
    # 2 z0 + z1 <= 1, z0 + 2 z1 <= 1: the origin, (1/2, 0), (0, 1/2) and (1/3, 1/3)
    ([[2, 1], [1, 2]], [(0, 0), (Fraction(1, 2), 0), (0, Fraction(1, 2)), (Fraction(1, 3), Fraction(1, 3))]),
], ids=["segment", "square"])
def test_vertex_limit_counts_the_bases_of_a_simple_polytope(matrix: list[list[int]], vertices: list) -> None:
    # a simple polytope (no vertex on more than dim facets) has one basis per vertex: a limit of
    # exactly that many bases lets the enumeration finish, one fewer stops it
    found = enumerate_vertices(matrix, limit=len(vertices))
    assert sorted(v.point for v in found) == sorted(tuple(Fraction(x) for x in v) for v in vertices)
    with pytest.raises(VertexLimitError, match=f"^more than {len(vertices) - 1} bases$"):
        enumerate_vertices(matrix, limit=len(vertices) - 1)
