"""Positive-dimensional solution sets of the polynomial engine (solvers/polynomial/enumeration.py,
exact_solve.py): the sampled equilibrium of a continuum, the count of sample points tried, the
reproducibility of the sampling, and systems without unknowns.  Each game is small enough to derive
its continuum by hand (below).

The games are 2 x 3 with the column player's payoffs ``B`` = [[2, 0, 1], [0, 2, 1]] on the first two
rows: the column player is indifferent between its three columns exactly when the row player mixes
its first two rows half and half (2 (1 - p) = 2 p = 1).  With every column in the support, the row
player's single indifference equation leaves one free unknown: a segment of solutions.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from negsolve.model.strategic import PayoffTable
from negsolve.solvers.polynomial.enumeration import SAMPLE_TRIES, solve_polynomial
from negsolve.solvers.polynomial.exact_solve import solve_system
from negsolve.solvers.polynomial.results import SolutionSet

B = [[2, 0, 1], [0, 2, 1]]
FULL = ((0, 1), (0, 1, 2))  # both rows of the row player against every column


def table(A: list[list[int]], B: list[list[int]]) -> PayoffTable:
    m, n = len(A), len(A[0])
    return PayoffTable((m, n), tuple((F(A[i][j]), F(B[i][j])) for i in range(m) for j in range(n)))


def full_support_set(A: list[list[int]], B: list[list[int]], seed: int = 0) -> SolutionSet:
    sets = [s for s in solve_polynomial(table(A, B), seed=seed).solution_sets if s.supports == FULL]
    assert len(sets) == 1 and sets[0].dimension == 1
    return sets[0]


def fractions(found: SolutionSet) -> tuple[tuple[F, ...], ...]:
    assert found.sample is not None
    return tuple(tuple(p.as_fraction() for p in mixed) for mixed in found.sample.profile)


def test_a_segment_of_equilibria_yields_a_sample_at_the_first_point_tried() -> None:
    # A = [[1, 0, 0], [0, 1, 0]]: the rows pay y1 and y2, so y1 = y2 = (1 - y3) / 2; every y3 in (0, 1)
    # (every y1 = y2 in (0, 1/2)) is an equilibrium, and sample points are probabilities of at most 1/3
    # (one over the support size, then below it), so the first point tried is one
    found = full_support_set([[1, 0, 0], [0, 1, 0]], B)
    x, y = fractions(found)
    assert x == (F(1, 2), F(1, 2))
    assert y[0] == y[1] == (1 - y[2]) / 2 and 0 < y[2] < 1
    assert found.tried == 1


def test_a_segment_without_an_equilibrium_is_reported_after_every_try() -> None:
    # A = [[4, 0, 0], [0, 4, 0], [3, 3, 1]]: on the segment y1 = y2 = (1 - y3) / 2 the first two rows pay
    # 2 (1 - y3), the third row 3 (1 - y3) + y3 = 3 - 2 y3, always more: no point is an equilibrium
    # (and the third row dominates neither of the others: 3 < 4 in their best column)
    found = full_support_set([[4, 0, 0], [0, 4, 0], [3, 3, 1]], [*B, [1, 0, 0]])
    assert found.sample is None and found.tried == SAMPLE_TRIES


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_sample_is_a_function_of_the_seed(seed: int) -> None:
    # A = [[1, 0, 0], [0, 1, 3]]: y1 = y2 + 3 y3 and y1 + y2 + y3 = 1, so y2 = (1 - 4 y3) / 2: only
    # y3 < 1/4 gives an equilibrium, and which one is sampled depends on the random sample points
    A = [[1, 0, 0], [0, 1, 3]]
    first, again = full_support_set(A, B, seed), full_support_set(A, B, seed)
    x, y = fractions(first)
    assert x == (F(1, 2), F(1, 2))
    assert y[1] == (1 - 4 * y[2]) / 2 and y[0] == y[1] + 3 * y[2] and 0 < y[2] < F(1, 4)
    assert (fractions(again), again.tried) == ((x, y), first.tried)


def test_systems_without_unknowns() -> None:
    import sympy

    ring, _ = sympy.ring("unused", sympy.QQ)
    # the empty assignment solves the empty system (and the zero polynomial), no nonzero constant
    assert solve_system([], ring, 0).points == [{}]
    assert solve_system([ring.zero], ring, 0).points == [{}]
    assert solve_system([ring(3)], ring, 0).points == []
