"""Two-parameter sweep boundaries (:func:`negsolve.analysis.sweep_boundaries.exact_boundaries`) against
a brute force of their definition.

A piece of boundary of profile ``s`` is the part of a line ``d_k(x) = 0`` (``d_k`` a deviation gain of
``s``, affine in the two swept parameters) inside the window on which every other gain of ``s`` is
``>= 0``.  That set is a closed segment (possibly one point); its ends are where the line meets another
constraint's line, so the brute force lists every such meeting point, keeps those where all the
constraints hold, and takes the first and last of them (points on one line, compared as tuples).
The games are built from their affine coefficients, so the gains are known without evaluating the game.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

from hypothesis import example, given, settings
from hypothesis import strategies as st

from negsolve.analysis.sweep_boundaries import exact_boundaries
from negsolve.io.loader import loads_game

Affine = tuple[F, F, F]  # a + b*s + c*t as (a, b, c)


def _game(cells: list[tuple[Affine, Affine]]):  # type: ignore[no-untyped-def]
    """A 2x2 game whose payoff at profile k (row-major) is ``cells[k]`` (one affine form per player)."""
    def text(form: Affine) -> str:
        a, b, c = form
        return f'"({a}) + ({b})*s + ({c})*t"'

    rows = [f"[{text(cells[2 * r + col][0])}, {text(cells[2 * r + col][1])}]" for r in range(2) for col in range(2)]
    source = ("[game]\ntitle = 'plane'\n[parameters]\ns = 0\nt = 0\n"
              "[[players]]\nname = 'A'\nstrategies = ['U', 'D']\n[[players]]\nname = 'B'\nstrategies = ['L', 'R']\n"
              f"[payoffs]\nU = [{rows[0]}, {rows[1]}]\nD = [{rows[2]}, {rows[3]}]\n")
    return loads_game(source, "plane.toml", "toml")


def _gains(cells: list[tuple[Affine, Affine]], profile: tuple[int, int]) -> list[Affine]:
    """u_i(s) - u_i(t, s_-i) for each player i and the other strategy t, as affine forms."""
    out = []
    for player in range(2):
        other = list(profile)
        other[player] = 1 - profile[player]
        here = cells[2 * profile[0] + profile[1]][player]
        there = cells[2 * other[0] + other[1]][player]
        out.append(tuple(h - th for h, th in zip(here, there, strict=True)))
    return out


def _meet(first: Affine, second: Affine) -> tuple[F, F] | None:
    """The one point where a + b s + c t = 0 for both forms (Cramer's rule), None if parallel."""
    a1, b1, c1 = first
    a2, b2, c2 = second
    det = b1 * c2 - b2 * c1
    if det == 0:
        return None
    return ((-a1 * c2 + a2 * c1) / det, (-b1 * a2 + b2 * a1) / det)


def _value(form: Affine, point: tuple[F, F]) -> F:
    return form[0] + form[1] * point[0] + form[2] * point[1]


def expected_boundaries(cells: list[tuple[Affine, Affine]], window: list[tuple[F, F]]) -> set:
    (sl, sh), (tl, th) = window
    edges: list[Affine] = [(-sl, F(1), F(0)), (sh, F(-1), F(0)), (-tl, F(0), F(1)), (th, F(0), F(-1))]
    found = set()
    for profile in itertools.product(range(2), range(2)):
        gains = _gains(cells, profile)
        for k, line in enumerate(gains):
            if line[1] == line[2] == 0:
                continue  # a constant gain has no boundary line
            constraints = [g for j, g in enumerate(gains) if j != k] + edges
            meets = [_meet(line, c) for c in constraints]
            feasible = [p for p in meets if p is not None and all(_value(c, p) >= 0 for c in constraints)]
            if feasible:
                found.add((profile, min(feasible), max(feasible)))
    return found


small = st.integers(-3, 3).map(F)
affine = st.tuples(small, st.integers(-2, 2).map(F), st.integers(-2, 2).map(F))
cell = st.tuples(affine, affine)
interval = st.tuples(st.integers(-3, 1), st.integers(1, 4)).map(lambda lh: (F(lh[0]), F(lh[0] + lh[1])))

ZERO = (F(0), F(0), F(0))


def _form(a: int, b: int, c: int) -> Affine:
    return (F(a), F(b), F(c))


@settings(max_examples=60, deadline=None)
@given(st.lists(cell, min_size=4, max_size=4), interval, interval)
# A's gain at (U, L) is 2 - s (line s = 2), B's is 3 - t (t = 3) on the window [1, 4] x [-2, 5]: the
# corner at (2, 3) ends both pieces; the window's low edges differ, so each must be read on its own axis
@example([(_form(2, -1, 0), _form(3, 0, -1)), (ZERO, ZERO), (ZERO, ZERO), (ZERO, ZERO)], (F(1), F(4)), (F(-2), F(5)))
# a slanted line s + 2t = 3 against B's gain t - 1 >= 0 (boundaries met from both sides of t)
@example([(_form(-3, 1, 2), _form(-1, 0, 1)), (ZERO, ZERO), (ZERO, ZERO), (ZERO, ZERO)], (F(-2), F(3)), (F(0), F(3)))
# A's gain only on t: the line t = 3/2 runs along the s axis, 2 t - 3 = 0 (not a unit slope)
@example([(_form(-3, 0, 2), _form(0, 0, 0)), (ZERO, _form(1, 0, 0)), (ZERO, ZERO), (ZERO, ZERO)],
         (F(-1), F(2)), (F(0), F(4)))
# the boundary lies on the window's edge s = 0, and a second, equal condition of B lies on it too
@example([(_form(0, 2, 0), _form(0, 1, 0)), (ZERO, ZERO), (ZERO, ZERO), (ZERO, ZERO)], (F(0), F(2)), (F(-1), F(1)))
# A's gain s - t, B's -s - t: the region of (U, L) is the triangle (0, 0), (-1, -1), (1, -1); A's line runs
# along its edge from (-1, -1) to (0, 0) and B's from (0, 0) to (1, -1)
@example([(_form(0, 1, -1), _form(0, -1, -1)), (ZERO, ZERO), (ZERO, ZERO), (ZERO, ZERO)], (F(-1), F(1)), (F(-1), F(1)))
# the line s + t = 0 touches the window [0, 1] x [0, 1] at its corner only: a piece of one point
@example([(_form(0, 1, 1), _form(1, 0, 0)), (ZERO, ZERO), (ZERO, ZERO), (ZERO, ZERO)], (F(0), F(1)), (F(0), F(1)))
# A's gain 2 s - 3 (the line s = 3/2, not through the window's corner, slope not 1)
@example([(_form(-3, 2, 0), _form(1, 0, 0)), (ZERO, ZERO), (ZERO, ZERO), (ZERO, ZERO)], (F(0), F(2)), (F(0), F(1)))
def test_two_parameter_boundaries_are_the_clipped_lines(cells, s_window, t_window) -> None:  # type: ignore[no-untyped-def]
    window = [s_window, t_window]
    found = exact_boundaries(_game(cells), ["s", "t"], window)
    pieces = [(b.profile, b.start, b.end) for b in found]
    assert len(pieces) == len(set(pieces))  # each piece once
    assert set(pieces) == expected_boundaries(cells, window)


def test_a_boundary_on_the_edge_of_the_window_is_kept() -> None:
    # (U, L): A's gain is s (>= 0 on the whole window [0, 2] x [0, 1]), B's gain is 1 (always >= 0).
    # The line s = 0 is the window's left edge: the whole edge is the boundary.
    cells = [(_form(0, 1, 0), _form(1, 0, 0)), (ZERO, ZERO), (ZERO, ZERO), (ZERO, ZERO)]
    found = exact_boundaries(_game(cells), ["s", "t"], [(F(0), F(2)), (F(0), F(1))])
    assert ((0, 0), (F(0), F(0)), (F(0), F(1))) in {(b.profile, b.start, b.end) for b in found}
