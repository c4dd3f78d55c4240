"""Symbolic analyses: stability, concessions and sweeps, timed beyond the imports.

Games: the bundled ``freeze-for-freeze`` (2x2, 3 parameters) and a 3x3 negotiation with 2
parameters defined below.  Each analysis runs once to warm sympy's caches, then ``--repeat``
times; medians are reported.  The sweep is 101 x 101 points on the 3x3 game, every point
solved exactly by the complete solver.

Usage: python benchmarks/bench_analysis.py [--repeat 5] [--grid 101]
"""

from __future__ import annotations

import argparse
import statistics
import time

THREE_BY_THREE = """
[game]
title = "Three-step de-escalation (benchmark)"
[parameters]
s = { value = 1, about = "sanctions penalty" }
g = { value = 2, about = "guarantee value" }
[[players]]
name = "United States"
strategies = ["Hold", "Scale down", "Suspend"]
[[players]]
name = "North Korea"
strategies = ["Test", "Slow down", "Freeze"]
[payoffs]
"Hold"       = [[0, 0], [2, "-1 + g"], [3, -2]]
"Scale down" = [[-1, "2 - s"], [1, 1], ["2 + g", "0 - s"]]
"Suspend"    = [[-3, "3 - s"], ["0 + g", 1], [2, "2 + g - s"]]
"""


def median_time(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--grid", type=int, default=101)
    args = parser.parse_args()
    t = time.perf_counter()
    import sympy  # noqa: F401

    sympy_import = time.perf_counter() - t
    from negsolve.analysis.concessions import concessions
    from negsolve.analysis.stability import stability
    from negsolve.analysis.sweep import parse_axis, sweep
    from negsolve.io import load_game, loads_game

    f4f = load_game("freeze-for-freeze")
    three = loads_game(THREE_BY_THREE, "bench.toml")
    print(f"import sympy: {sympy_import:.2f} s (not counted below)\n")
    print("| analysis | game | median (s) |")
    print("|---|---|---|")
    rows = [
        ("stability", "2x2, 3 parameters", lambda: stability(f4f, (1, 1))),
        ("concessions", "2x2, 3 parameters", lambda: concessions(f4f)),
        ("stability", "3x3, 2 parameters", lambda: stability(three, (2, 2))),
        ("concessions", "3x3, 2 parameters", lambda: concessions(three)),
    ]
    for name, game, fn in rows:
        print(f"| {name} | {game} | {median_time(fn, args.repeat):.3f} |", flush=True)
    n = args.grid
    axes = [parse_axis(f"s=0:5:{n}", three), parse_axis(f"g=0:5:{n}", three)]
    t = time.perf_counter()
    results = sweep(three, axes)
    print(f"| sweep {n}x{n} = {len(results)} points | 3x3, 2 parameters | {time.perf_counter() - t:.2f} |")


if __name__ == "__main__":
    main()
