"""Degenerate games in quiz, explain and JSON (issue 8, items 9 and 14)."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.cli.main import cli
from negsolve.model.strategic import PayoffTable
from negsolve.solvers.bimatrix import solve_two_player
from negsolve.solvers.continua import INFINITELY_MANY, mixed_count, subset_ranges

HAWK_DOVE = str(Path(__file__).parent / "data" / "degenerate" / "hawk-dove.toml")
GRID = [Fraction(k, 12) for k in range(13)]


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def is_equilibrium(table: PayoffTable, p: Fraction, q: Fraction) -> bool:
    """Row plays its first strategy with probability p, Column with q: no pure deviation gains."""
    row = [p, 1 - p]
    col = [q, 1 - q]

    def u(player: int, r: list[Fraction], c: list[Fraction]) -> Fraction:
        return sum((r[i] * c[j] * table.at((i, j))[player] for i in range(2) for j in range(2)), Fraction(0))

    pure = [[Fraction(1), Fraction(0)], [Fraction(0), Fraction(1)]]
    return (all(u(0, row, col) >= u(0, d, col) for d in pure)
            and all(u(1, row, col) >= u(1, row, d) for d in pure))


def test_quiz_answers_count_infinitely_many() -> None:
    out = run("quiz", "head-on-collision", "--set", "d=1", "--answers")
    assert "Mixed equilibria: infinitely many" in out
    out = run("quiz", "alliance-assurance", "--set", "e=3", "--answers")
    assert "Mixed equilibria: infinitely many" in out
    assert "Washington plays Reassure; Seoul mixes Align 1/2 to 1, Own channel 0 to 1/2" in out


def test_alliance_ranges_equal_brute_force() -> None:
    data = json.loads(CliRunner().invoke(cli, ["solve", "alliance-assurance", "--set", "e=3", "--format",
                                               "json"]).output)
    assert data["mixed_equilibria"] == "infinitely many"
    first = data["equilibrium_sets"][0]["ranges"]
    assert first["Seoul"]["Align"] == {"at_least": "1/2", "at_most": "1"}
    assert first["Washington"]["Reassure"] == {"at_least": "1", "at_most": "1"}


def test_explain_states_only_indifferences_that_hold() -> None:
    out = run("explain", "alliance-assurance", "--set", "e=3")
    assert "Washington's indifference pins down Seoul's probabilities" not in out
    assert "Washington plays Reassure for sure, so it need not be indifferent" in out
    assert "any proportion" not in out
    assert "Seoul mixes Align and Own channel: Align with probability from 1/2 to 1" in out
    assert "infinitely many mixed equilibria" in out


def test_explain_degenerate_games_without_extreme_mixed_equilibria() -> None:
    for args in (["head-on-collision", "--set", "d=1"], [HAWK_DOVE]):
        out = run("explain", *args)
        assert "finds no equilibrium in which someone randomises" not in out
        assert "so there are infinitely many mixed equilibria" in out
        assert "infinitely many Nash equilibria" in out
    assert "Row plays Hawk; Column mixes Hawk and Dove: Hawk with probability from 0 to 1" in run("explain", HAWK_DOVE)
    assert "Mixed equilibria: infinitely many" in run("quiz", HAWK_DOVE, "--answers")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 2), min_size=8, max_size=8))
def test_subset_ranges_are_the_equilibria_on_a_grid(values: list[int]) -> None:
    cells = tuple((Fraction(values[2 * k]), Fraction(values[2 * k + 1])) for k in range(4))
    table = PayoffTable((2, 2), cells)
    result = solve_two_player(table)
    brute = {(p, q) for p in GRID for q in GRID if is_equilibrium(table, p, q)}
    if not result.nash_subsets:
        assert not result.degenerate
        boxes = {(e.profile[0][0], e.profile[1][0]) for e in result.equilibria}
        assert brute == {pq for pq in boxes if pq[0] in GRID and pq[1] in GRID}
        assert mixed_count(result) == sum(1 for e in result.equilibria if not e.pure)
        return
    covered = set()
    for s in subset_ranges(result):
        (plo, phi), (qlo, qhi) = s.ranges[0][0], s.ranges[1][0]
        covered |= {(p, q) for p in GRID for q in GRID if plo <= p <= phi and qlo <= q <= qhi}
    assert brute == covered
    infinite = any(s.infinite for s in subset_ranges(result))
    assert (mixed_count(result) == INFINITELY_MANY) == infinite
