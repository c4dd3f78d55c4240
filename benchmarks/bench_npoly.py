"""Time negsolve's n-player solver (and pygambit's enumpoly, when installed) on random games.

    nice python benchmarks/bench_npoly.py [--sizes 2x2x2,2x2x3,3x3x2,3x3x3,2x2x2x2] [--games 5]

Random integer payoffs in [-50, 50] (seeded, the same generator as tests/oracle/generate_npoly.py).
Prints one line per size: games, equilibria found (negsolve / pygambit), and the median and
maximum seconds (wall clock, and CPU time of this process, which a loaded machine disturbs less).
A measurement, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "oracle"))

from generate_npoly import random_payoffs  # noqa: E402

from negsolve.model.strategic import PayoffTable  # noqa: E402
from negsolve.solvers.polynomial import solve_polynomial  # noqa: E402


def gambit_count(shape: tuple[int, ...], cells: list[list[int]]) -> tuple[int, float] | None:
    try:
        import numpy as np
        import pygambit as gbt
    except ImportError:
        return None
    arrays = [np.array([c[i] for c in cells], dtype=object).reshape(shape) for i in range(len(shape))]
    game = gbt.Game.from_arrays(*arrays)
    start = time.perf_counter()
    found = gbt.nash.enumpoly_solve(game, use_strategic=True).equilibria
    return len(found), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="2x2x2,2x2x3,3x3x2,3x3x3,2x2x2x2")
    parser.add_argument("--games", type=int, default=5)
    args = parser.parse_args()
    solve_polynomial(PayoffTable((2, 2, 2), tuple((Fraction(k),) * 3 for k in range(8))))  # warm the imports
    print("size     games  equilibria (negsolve/pygambit)  irrational  negsolve median/max s (CPU median/max)"
          "  pygambit median s")
    for text in args.sizes.split(","):
        shape = tuple(int(k) for k in text.split("x"))
        times, cpus, gtimes, ours, theirs, irrational = [], [], [], 0, 0, 0
        for seed in range(args.games):
            cells = random_payoffs(shape, seed)
            table = PayoffTable(shape, tuple(tuple(Fraction(v) for v in c) for c in cells))
            start, cpu = time.perf_counter(), time.process_time()
            result = solve_polynomial(table)
            times.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
            ours += len(result.equilibria)
            irrational += len(result.irrational_equilibria)
            other = gambit_count(shape, cells)
            if other is not None:
                theirs += other[0]
                gtimes.append(other[1])
        gtext = f"{statistics.median(gtimes):.3f}" if gtimes else "-"
        print(f"{text:8} {args.games:5}  {ours:>10} / {theirs if gtimes else '-':<18} {irrational:>10}  "
              f"{statistics.median(times):8.2f} / {max(times):6.2f} ({statistics.median(cpus):.2f} / {max(cpus):.2f})"
              f"      {gtext}", flush=True)


if __name__ == "__main__":
    main()
