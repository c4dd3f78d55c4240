"""Timings of the deal-space commands (not a test; run by hand: ``nice python benchmarks/bench_deals.py``).

Reports medians of wall-clock and of CPU time (children's user + system), since the shared machine
is loaded and wall clock alone says little:

- ``negsolve --help``, ``negsolve deals`` on a 2x2 and ``negsolve correlated`` on random 10x10 games,
  whole commands including interpreter start-up and imports;
- in-process: the correlated equilibrium of maximal total and the whole ``correlated`` report of
  random 10x10 games; the vertices of the correlated-equilibrium polytope of 3x3 and 4x4 games;
- ``solve``, ``explain`` and ``deals`` on the bundled tree ``who-suspends-first``;
- ``deals --symbolic`` on freeze-for-freeze (one free parameter).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from fractions import Fraction


def command(args: list[str], repeat: int = 5) -> tuple[float, float]:
    """Median wall-clock and median CPU seconds of ``python -m negsolve ARGS``."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = os.times()
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "negsolve", *args], check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = os.times()
        cpus.append(after.children_user - before.children_user + after.children_system - before.children_system)
    return statistics.median(walls), statistics.median(cpus)


def random_table(m: int, n: int, seed: int):  # type: ignore[no-untyped-def]
    from negsolve.model.strategic import PayoffTable

    rng = random.Random(seed)
    return PayoffTable((m, n), tuple((Fraction(rng.randint(-9, 9)), Fraction(rng.randint(-9, 9)))
                                     for _ in range(m * n)))


def nfg_file(m: int, n: int, seed: int, folder: str) -> str:
    """A random m x n game as a Gambit .nfg file (payoffs in [-9, 9])."""
    rng = random.Random(seed)
    cells = " ".join(f"{rng.randint(-9, 9)} {rng.randint(-9, 9)}" for _ in range(m * n))
    path = os.path.join(folder, f"random-{m}x{n}-{seed}.nfg")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f'NFG 1 R "random {m}x{n} seed {seed}" {{ "Row" "Column" }} {{ {m} {n} }}\n{cells}\n')
    return path


def show(label: str, wall: float, cpu: float) -> None:
    print(f"{label:<48} median wall {wall:6.3f} s   median CPU {cpu:6.3f} s")


def main() -> None:
    show("negsolve --help", *command(["--help"]))
    show("negsolve deals head-on-collision (2x2)", *command(["deals", "head-on-collision"]))
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(5):
            show(f"negsolve correlated random 10x10 seed {seed}",
                 *command(["correlated", nfg_file(10, 10, seed, folder), "--no-vertices"], repeat=3))
    for args in (["solve", "who-suspends-first"], ["explain", "who-suspends-first"],
                 ["deals", "who-suspends-first"], ["deals", "freeze-for-freeze", "--symbolic", "--param", "s"]):
        show("negsolve " + " ".join(args), *command(args, repeat=3))
    from negsolve.deals.correlated import correlated_equilibria, max_welfare, obedience_rows
    from negsolve.deals.polytope_vertices import enumerate_vertices

    for seed in range(5):
        table = random_table(10, 10, seed)
        start = time.process_time()
        max_welfare(table)
        one = time.process_time() - start
        start = time.process_time()
        correlated_equilibria(table, vertices=False)
        print(f"10x10 seed {seed}: max-total CE {one:.3f} s CPU, full report {time.process_time() - start:.3f} s CPU")
    for m in (3, 4):
        for seed in range(5):
            table = random_table(m, m, seed)
            start = time.process_time()
            found = enumerate_vertices([g for *_, g in obedience_rows(table)], m * m)
            print(f"{m}x{m} seed {seed}: {len(found.vertices)} CE vertices in {time.process_time() - start:.3f} s CPU")


if __name__ == "__main__":
    main()
