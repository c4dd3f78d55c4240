"""Timings of the deal-space commands (not a test; run by hand: ``nice python benchmarks/deals_speed.py``).

- ``negsolve deals`` on a 2x2, wall clock including interpreter start-up, against ``negsolve --help``;
- the correlated equilibrium of maximal total of random 10x10 games (after scipy's import), and the
  whole ``correlated`` report;
- the vertices of the correlated-equilibrium polytope of random 3x3 and 4x4 games.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from fractions import Fraction


def wall(args: list[str], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "negsolve", *args], check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def random_table(m: int, n: int, seed: int):  # type: ignore[no-untyped-def]
    from negsolve.model.strategic import PayoffTable

    rng = random.Random(seed)
    return PayoffTable((m, n), tuple((Fraction(rng.randint(-9, 9)), Fraction(rng.randint(-9, 9)))
                                     for _ in range(m * n)))


def main() -> None:
    print(f"negsolve --help:                 {wall(['--help']):.3f} s")
    print(f"negsolve deals head-on-collision: {wall(['deals', 'head-on-collision']):.3f} s")
    start = time.perf_counter()
    import scipy.optimize  # noqa: F401

    print(f"import scipy.optimize: {time.perf_counter() - start:.3f} s")
    from negsolve.deals.correlated import correlated_equilibria, max_welfare, obedience_rows
    from negsolve.deals.polytope_vertices import enumerate_vertices

    for seed in range(5):
        table = random_table(10, 10, seed)
        start = time.perf_counter()
        max_welfare(table)
        one = time.perf_counter() - start
        start = time.perf_counter()
        correlated_equilibria(table, vertices=False)
        print(f"10x10 seed {seed}: max-total CE {one:.3f} s, full report {time.perf_counter() - start:.3f} s")
    for m in (3, 4):
        for seed in range(5):
            table = random_table(m, m, seed)
            start = time.perf_counter()
            found = enumerate_vertices([g for *_, g in obedience_rows(table)], m * m)
            print(f"{m}x{m} seed {seed}: {len(found.vertices)} CE vertices in {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
