"""What renderers are given instead of computing it: the values their callers now compute.

Renderers only render (``tests/test_floors.py``): equilibrium selection, Nash-subset ranges and
the count of mixed equilibria come with :func:`negsolve.solvers.summary.analyse`'s
``GameAnalysis``; best-response marks from :func:`negsolve.solvers.pure.marked_table`; a sweep
plot's exact boundaries from :func:`negsolve.analysis.sweep_boundaries.sweep_boundaries`; the
wording of side payments and parameter changes from :mod:`negsolve.formatting`.  Expected values
are derived by hand or by brute force from the definitions.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.analysis.sweep import Axis
from negsolve.analysis.sweep_boundaries import sweep_boundaries
from negsolve.formatting import amount_words, change_words
from negsolve.io import load_game
from negsolve.io.loader import loads_game
from negsolve.model import payoff_table
from negsolve.model.strategic import PayoffTable, StrategicGame
from negsolve.render.table import payoff_table_text
from negsolve.solvers.continua import INFINITELY_MANY
from negsolve.solvers.pure import marked_table
from negsolve.solvers.summary import analyse


def _load(name: str) -> StrategicGame:
    game = load_game(name)
    assert isinstance(game, StrategicGame)
    return game


def _game(u: list[list[tuple[int, int]]], d: list[list[tuple[int, int]]]) -> StrategicGame:
    def row(cells: list[tuple[int, int]]) -> str:
        return "[" + ", ".join(f"[{a}, {b}]" for a, b in cells) + "]"

    text = ("[game]\ntitle = 't'\n[[players]]\nname = 'A'\nstrategies = ['U', 'D']\n"
            "[[players]]\nname = 'B'\nstrategies = ['L', 'R']\n[payoffs]\n"
            f"U = {row(u[0])}\nD = {row(d[0])}\n")
    game = loads_game(text, "t.toml", "toml")
    assert isinstance(game, StrategicGame)
    return game


# -- wording (negsolve.formatting) ------------------------------------------------------------------

@pytest.mark.parametrize("least,most,expected", [
    (F(1), None, "at least 1"),
    (F(3, 2), F(3, 2), "exactly 3/2"),
    (F(1), F(3), "between 1 and 3"),
    (F(0), F(1, 4), "between 0 and 1/4"),
], ids=["no-limit", "one-point", "interval", "fractions"])
def test_amount_words(least: F, most: F | None, expected: str) -> None:
    assert amount_words(least, most) == expected


@pytest.mark.parametrize("args,expected", [
    (("s", F(1), F(2), True, "s >= 2"), "raise s to at least 2"),
    (("s", F(1), F(2), False, "s > 2"), "raise s to above 2"),
    (("c", F(3), F(1), True, "c <= 1"), "lower c to at most 1"),
    (("c", F(3), F(1, 2), False, "c < 1/2"), "lower c to below 1/2"),
    (("e", F(1), F(3), True, "e = 3"), "set e to exactly 3"),
    (("e", F(5), F(3), True, "e = 3"), "set e to exactly 3"),
], ids=["raise-included", "raise-strict", "lower-included", "lower-strict", "single-value-up", "single-value-down"])
def test_change_words(args: tuple, expected: str) -> None:
    assert change_words(*args) == expected


# -- GameAnalysis: selection, subset ranges, mixed count ---------------------------------------------

def test_analysis_carries_the_selection_of_a_stag_hunt() -> None:
    # Stag hunt: (U, L) = (4, 4) and (D, R) = (3, 3) are strict; deviation losses 4-3 = 1 each at
    # (U, L), 3-0 = 3 each at (D, R): (U, L) payoff-dominates, (D, R) risk-dominates (9 > 1).
    a = analyse(_game([[(4, 4), (0, 3)]], [[(3, 0), (3, 3)]]))
    assert a.selection is not None
    assert a.selection.equilibria == ((0, 0), (1, 1))
    assert (a.selection.payoff_dominant, a.selection.risk_dominant) == (0, 1)
    assert a.selection.products == (F(1), F(9))


def test_analysis_has_no_selection_without_two_strict_equilibria() -> None:
    assert analyse(_load("prisoners-dilemma")).selection is None  # one equilibrium


def test_analysis_carries_a_continuum_and_its_ranges() -> None:
    # A: U strictly dominant; B indifferent everywhere: every (U, q L + (1-q) R) is an equilibrium.
    a = analyse(_game([[(1, 0), (1, 0)]], [[(0, 0), (0, 0)]]))
    assert a.mixed_count == INFINITELY_MANY
    (subset,) = a.subset_ranges
    assert subset.infinite
    assert subset.ranges == (((F(1), F(1)), (F(0), F(0))), ((F(0), F(1)), (F(0), F(1))))


def test_analysis_counts_mixed_equilibria_of_a_regular_game() -> None:
    # Matching pennies: exactly one equilibrium, mixed (1/2, 1/2) each.
    a = analyse(_game([[(1, -1), (-1, 1)]], [[(-1, 1), (1, -1)]]))
    assert a.mixed_count == 1
    assert not any(s.infinite for s in a.subset_ranges)


# -- best-response marks --------------------------------------------------------------------------

def _brute_force_marks(table: PayoffTable) -> dict[tuple[int, ...], tuple[bool, ...]]:
    out = {}
    for profile in itertools.product(*(range(k) for k in table.shape)):
        flags = []
        for i, size in enumerate(table.shape):
            best = max(table.at(profile[:i] + (t,) + profile[i + 1:])[i] for t in range(size))
            flags.append(table.at(profile)[i] == best)
        out[profile] = tuple(flags)
    return out


def test_marked_table_marks_the_best_responses_read_only() -> None:
    game = _load("freeze-for-freeze")
    marked = marked_table(payoff_table(game))
    assert dict(marked.marks) == _brute_force_marks(marked.table)
    with pytest.raises(TypeError):
        marked.marks[(0, 0)] = (False, False)  # type: ignore[index]


def test_payoff_table_text_stars_exactly_the_marks_it_is_given() -> None:
    game = _load("prisoners-dilemma")
    table = payoff_table(game)
    marked = payoff_table_text(game, table, _brute_force_marks(table))
    assert marked.splitlines()[0] == "Payoffs (Prisoner 1, Prisoner 2); * marks a best response"
    assert marked.splitlines()[-2:] == ["Cooperate               | 3, 3      | 0, 5*",
                                        "Defect                  | 5*, 0     | 1*, 1*"]
    plain = payoff_table_text(game, table)
    assert "*" not in plain and plain.splitlines()[0] == "Payoffs (Prisoner 1, Prisoner 2)"
    assert payoff_table_text(game, table, {(1, 1): (True, False)}).count("*") == 2  # heading + the one mark


# -- sweep plots: cell edges and the boundaries inside them ---------------------------------------

@pytest.mark.parametrize("values,edges", [
    ((F(0), F(1, 2), F(1)), (F(-1, 4), F(1, 4), F(3, 4), F(5, 4))),
    ((F(1), F(2), F(5, 2)), (F(1, 2), F(3, 2), F(9, 4), F(11, 4))),
    ((F(3),), (F(5, 2), F(7, 2))),
], ids=["even", "uneven", "one-value"])
def test_cell_edges(values: tuple[F, ...], edges: tuple[F, ...]) -> None:
    assert Axis("s", values).cell_edges() == edges


@settings(max_examples=40, deadline=None)
@given(st.lists(st.fractions(min_value=-20, max_value=20, max_denominator=12), min_size=1, max_size=8, unique=True))
def test_each_cell_is_where_its_sample_is_the_nearest(values: list[F]) -> None:
    values = sorted(values)
    edges = Axis("s", tuple(values)).cell_edges()
    assert len(edges) == len(values) + 1
    for k, v in enumerate(values):
        low, high = edges[k], edges[k + 1]
        assert low < v < high
        for t in (F(1, 10), F(1, 2), F(9, 10)):  # points inside cell k are nearest to sample k
            x = low + (high - low) * t
            assert min(values, key=lambda w: abs(x - w)) == v
    # the outer cells are centred on their samples
    assert values[0] - edges[0] == edges[1] - values[0]
    assert edges[-1] - values[-1] == values[-1] - edges[-2]


@pytest.mark.parametrize("values,expected", [
    ((F(1), F(7, 4)), [(F(2),)]),      # the last cell reaches 17/8: the boundary s = 2 lies inside it
    ((F(1), F(3, 2)), []),             # the last cell ends at 7/4, before s = 2
    ((F(0), F(4)), [(F(2),)]),
    ((F(9, 4), F(3)), [(F(2),)]),     # the first cell starts at 15/8, before its sample: s = 2 lies inside it
], ids=["beyond-the-last-sample", "outside-the-cells", "between-samples", "before-the-first-sample"])
def test_sweep_boundaries_are_those_inside_the_cells(values: tuple[F, ...], expected: list) -> None:
    # freeze-for-freeze: (Suspend, Freeze) is an equilibrium iff s >= 2 (tests/test_sweep_runs.py)
    game = load_game("freeze-for-freeze")
    found = sweep_boundaries(game, [Axis("s", values)])
    assert [b.start for b in found] == expected
