"""Large game trees: negsolve's end-to-end solve of a .efg file against pygambit's read and walk.

For binary perfect-information trees of about 10^3, 10^5 and 10^6 nodes (random integer
payoffs in [-10^9, 10^9], so ties are rare), each measurement runs in a fresh subprocess
and reports wall time and peak memory (ru_maxrss):

- negsolve: ``negsolve solve FILE.efg`` (the whole command: start-up, read, solve, print);
- negsolve-general: the general reader and solver (``loads_efg`` + ``solve_tree``), as a check;
- pygambit read: ``pygambit.read_efg``;
- pygambit walk: read, then a recursive backward-induction walk over its node objects
  (pygambit 16.7 has no subgame-perfect solver).

Usage: python benchmarks/bench_trees.py [--depths 9,16,19] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

NEGSOLVE = str(Path(sys.executable).parent / "negsolve")

GENERAL = """
import sys, resource, time
from negsolve.io.efg import loads_efg
from negsolve.solvers.backward import solve_tree
t = time.perf_counter()
tree = loads_efg(open(sys.argv[1]).read())
r = solve_tree(tree, limit=1)
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, r.equilibria[0].payoffs)
"""

GAMBIT_READ = """
import sys, resource, time
import pygambit
t = time.perf_counter()
g = pygambit.read_efg(sys.argv[1])
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

GAMBIT_WALK = """
import sys, resource, time
import pygambit
sys.setrecursionlimit(100000)
t = time.perf_counter()
g = pygambit.read_efg(sys.argv[1])
players = list(g.players)
def walk(node):
    if node.is_terminal:
        return [node.outcome[p] for p in players]
    vals = [walk(c) for c in node.children]
    k = players.index(node.player)
    return max(vals, key=lambda v: v[k])
v = walk(g.root)
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, v)
"""


def binary_tree(depth: int, path: Path) -> int:
    rng = random.Random(depth)
    lines = ['EFG 2 R "Binary tree" { "Player 1" "Player 2" }', '""', ""]
    counts = [0, 0]
    leaves = 0
    stack = [0]
    while stack:
        d = stack.pop()
        if d == depth:
            leaves += 1
            lines.append(f't "" {leaves} "" {{ {rng.randint(-10**9, 10**9)} {rng.randint(-10**9, 10**9)} }}')
            continue
        counts[d % 2] += 1
        lines.append(f'p "" {d % 2 + 1} {counts[d % 2]} "" {{ "L" "R" }} 0')
        stack += [d + 1, d + 1]
    path.write_text("\n".join(lines) + "\n")
    return 2 ** (depth + 1) - 1


def timed(cmd: list[str], repeat: int, timeout: float | None = None) -> tuple[float, float]:
    """Median wall time and peak memory (MB); (inf, nan) when a run exceeds ``timeout`` seconds."""
    times, peaks = [], []
    for _ in range(repeat):
        try:
            out = subprocess.run(["/usr/bin/time", "-f", "%e %M", *cmd], capture_output=True, text=True,
                                 timeout=timeout)
        except subprocess.TimeoutExpired:
            return float("inf"), float("nan")
        wall, peak = out.stderr.strip().splitlines()[-1].split()
        times.append(float(wall))
        peaks.append(float(peak) / 1024)
    return statistics.median(times), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--depths", default="9,16,19")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300, help="seconds allowed to one pygambit run")
    args = parser.parse_args()
    try:
        import pygambit  # noqa: F401
        have_gambit = True
    except ImportError:
        have_gambit = False
    print("| nodes | negsolve solve (s) | peak MB | general path (s) | pygambit read (s) "
          "| pygambit read+walk (s) | peak MB |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for depth in (int(d) for d in args.depths.split(",")):
            path = Path(folder) / f"tree{depth}.efg"
            nodes = binary_tree(depth, path)
            fast, fast_mb = timed([NEGSOLVE, "solve", str(path)], args.repeat)
            general = timed([sys.executable, "-c", GENERAL, str(path)], 1)[0] if depth <= 17 else None
            read = walk = walk_mb = None
            if have_gambit:
                read = timed([sys.executable, "-c", GAMBIT_READ, str(path)], args.repeat, args.timeout)[0]
                if read == float("inf"):
                    walk, walk_mb = float("inf"), float("nan")
                else:
                    walk, walk_mb = timed([sys.executable, "-c", GAMBIT_WALK, str(path)], args.repeat, args.timeout)

            def cell(x: float | None) -> str:
                if x == float("inf"):
                    return f"> {args.timeout:.0f}"
                return "-" if x is None else f"{x:.2f}"

            print(f"| {nodes:,} | {fast:.2f} | {fast_mb:.0f} | {cell(general)} | {cell(read)} | {cell(walk)} | "
                  f"{'-' if walk_mb is None or walk_mb != walk_mb else f'{walk_mb:.0f}'} |", flush=True)


if __name__ == "__main__":
    main()
