"""One-parameter sweep boundaries (:func:`negsolve.analysis.sweep_boundaries.exact_boundaries`): hand-derived
cases for what a boundary point is, and for gains that are not affine (left to the grid's cells, as the
module docstring says: their profile gets no exact boundary)."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from negsolve.analysis.sweep_boundaries import exact_boundaries
from negsolve.io.loader import loads_game


def _game(a_rows: list[list[str]], b_rows: list[list[str]]):  # type: ignore[no-untyped-def]
    """A game in the parameter s: rows of A's and B's payoffs (A picks the row, B the column L or R)."""
    rows = []
    for k, (a_row, b_row) in enumerate(zip(a_rows, b_rows, strict=True)):
        cells = ", ".join(f'["{a}", "{b}"]' for a, b in zip(a_row, b_row, strict=True))
        rows.append(f"r{k} = [{cells}]")
    text = ("[game]\ntitle = 'line'\n[parameters]\ns = 0\n[[players]]\nname = 'A'\n"
            f"strategies = [{', '.join(repr(f'r{k}') for k in range(len(a_rows)))}]\n"
            "[[players]]\nname = 'B'\nstrategies = ['L', 'R']\n[payoffs]\n" + "\n".join(rows) + "\n")
    return loads_game(text, "line.toml", "toml")


def _found(game, window: tuple[F, F]) -> set:  # type: ignore[no-untyped-def]
    return {(b.profile, b.start, b.end) for b in exact_boundaries(game, ["s"], [window])}


def test_a_root_where_another_deviation_pays_is_no_boundary() -> None:
    # A's payoffs         L        R      B's payoffs  L  R
    #   r0                1        0                   1  0
    #   r1              s - 1      0                   0  0
    #   r2                2        0                   0  0
    # (r0, L): A gains 2 - s >= 0 against r1 (root 2), but r2 always pays A more: never an equilibrium, so s = 2
    # is no boundary.  (r1, L) is an equilibrium iff s >= 3 (s - 1 >= 1 and s - 1 >= 2; B: 0 >= 0), (r2, L) iff
    # s <= 3; (r*, R) have constant gains.  On the window [0, 3] the one boundary s = 3 lies on its upper edge.
    game = _game([["1", "0"], ["s - 1", "0"], ["2", "0"]], [["1", "0"], ["0", "0"], ["0", "0"]])
    point = (F(3),)
    assert _found(game, (F(0), F(3))) == {((1, 0), point, point), ((2, 0), point, point)}
    assert _found(game, (F(0), F(2))) == set()


# (a, b): A's gain at (U, L) is s (s - 1)(s - a)(s - b) + s - 3 on the window [0, 4]: a quartic that equals the
# line s - 3 at s = 0, 1, a and b, but not elsewhere
QUARTIC_ROOTS = [(F(2), F(-10, 7)), (F(6), F(-10, 7)), (F(4, 3), F(-10, 7)), (F(1, 2), F(-10, 7)),
                 (F(2, 3), F(-10)), (F(2, 3), F(14)), (F(2, 3), F(10, 7)), (F(2, 3), F(-12, 7)), (F(2, 3), F(-5, 4))]


@pytest.mark.parametrize("a,b", QUARTIC_ROOTS, ids=[f"{a}_{b}" for a, b in QUARTIC_ROOTS])
def test_a_gain_that_is_not_affine_leaves_its_profile_to_the_grid(a: F, b: F) -> None:
    # A's payoffs    L                          R          B's payoffs  L  R
    #   U    s(s - 1)(s - a)(s - b) + s - 3     0                       1  0
    #   D            0                        s - 1                     0  1
    # (U, L) and (D, L) have a quartic gain: no exact boundary (taken for the line s - 3, it would give s = 3,
    # where nothing changes).  (D, R) is an equilibrium iff s >= 1 (B: 1 >= 0): the boundary s = 1, found
    # although the first profile was left out; (U, R) never is (B prefers L there).
    quartic = f"s*(s - 1)*(s - ({a}))*(s - ({b})) + s - 3"
    game = _game([[quartic, "0"], ["0", "s - 1"]], [["1", "0"], ["0", "1"]])
    assert _found(game, (F(0), F(4))) == {((1, 1), (F(1),), (F(1),))}
