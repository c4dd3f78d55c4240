"""The seeded random bimatrix games of test_bimatrix.py, shared with the generator of the frozen answers."""

from __future__ import annotations

import random
from fractions import Fraction

from negsolve.model.strategic import PayoffTable

SHAPES = [(2, 2), (3, 3), (2, 5), (5, 2), (4, 6), (6, 4), (5, 5), (6, 6), (7, 7), (3, 7)]
SEEDS = [1, 2, 3]
DEGENERATE_SHAPES = [(3, 3), (4, 4), (3, 5), (5, 5)]
DEGENERATE_SEEDS = range(4)


def random_game(rng: random.Random, m: int, n: int, low: int, high: int) -> PayoffTable:
    """An m×n game with integer payoffs drawn uniformly from [low, high], row player's matrix first."""
    A = [[rng.randint(low, high) for _ in range(n)] for _ in range(m)]
    B = [[rng.randint(low, high) for _ in range(n)] for _ in range(m)]
    return PayoffTable((m, n), tuple((Fraction(A[i][j]), Fraction(B[i][j])) for i in range(m) for j in range(n)))


def generic_game(shape: tuple[int, int], seed: int) -> tuple[str, PayoffTable]:
    """Payoffs in [-50, 50]: almost always nondegenerate."""
    rng = random.Random(seed * 1000 + shape[0] * 10 + shape[1])
    return f"random/{shape[0]}x{shape[1]}/seed{seed}", random_game(rng, *shape, -50, 50)


def degenerate_game(shape: tuple[int, int], seed: int) -> tuple[str, PayoffTable]:
    """Payoffs in {0, 1, 2}: ties everywhere, so most of these games are degenerate."""
    return f"degenerate/{shape[0]}x{shape[1]}/seed{seed}", random_game(random.Random(seed), *shape, 0, 2)


def all_games() -> list[tuple[str, PayoffTable]]:
    """Every seeded game with its key in the frozen data."""
    games = [generic_game(shape, seed) for shape in SHAPES for seed in SEEDS]
    games += [degenerate_game(shape, seed) for shape in DEGENERATE_SHAPES for seed in DEGENERATE_SEEDS]
    return games
