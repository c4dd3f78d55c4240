"""Parallel sweeps: ``negsolve sweep --jobs N`` against ``--jobs 1`` on a 101 x 101 grid of a 3x3 game.

Each run is the whole command in a fresh process (start-up, every point solved exactly,
JSON Lines written to a file), timed by wall clock and by CPU time of the process and its
children (``os.wait4``), so a run on a busy machine can be told apart from a slow one.
Runs are interleaved (1, N, 1, N, ...) and medians reported.  The game is the 3x3,
two-parameter negotiation of ``bench_analysis.py``.

Usage: nice python benchmarks/bench_sweep.py [--grid 101] [--jobs 2] [--repeat 3] [--executor dask]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_analysis import THREE_BY_THREE

NEGSOLVE = str(Path(sys.executable).parent / "negsolve")


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its children)."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{process.stderr.read().decode() if process.stderr else ''}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--grid", type=int, default=101)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--executor", default=None, help="passed to --executor for the parallel runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        game = Path(folder) / "three.toml"
        game.write_text(THREE_BY_THREE)
        n = args.grid
        base = [NEGSOLVE, "sweep", str(game), "--param", f"s=0:5:{n}", "--param", f"g=0:5:{n}",
                "--format", "jsonl", "--quiet", "--force", "-o", str(Path(folder) / "out.jsonl")]
        parallel = base + ["--jobs", str(args.jobs)] + (["--executor", args.executor] if args.executor else [])
        serial_runs, parallel_runs = [], []
        for k in range(args.repeat):
            serial_runs.append(timed(base + ["--jobs", "1"]))
            parallel_runs.append(timed(parallel))
            print(f"run {k + 1}: jobs 1 {serial_runs[-1][0]:.2f} s, jobs {args.jobs} {parallel_runs[-1][0]:.2f} s",
                  file=sys.stderr, flush=True)
    s_wall = statistics.median(w for w, _ in serial_runs)
    p_wall = statistics.median(w for w, _ in parallel_runs)
    s_cpu = statistics.median(c for _, c in serial_runs)
    p_cpu = statistics.median(c for _, c in parallel_runs)
    print("| grid | jobs | executor | wall (s) | CPU (s) | speed-up (wall) |")
    print("|---|---|---|---|---|---|")
    print(f"| {n}x{n} | 1 | in process | {s_wall:.2f} | {s_cpu:.2f} | 1.00 |")
    print(f"| {n}x{n} | {args.jobs} | {args.executor or 'processes'} | {p_wall:.2f} | {p_cpu:.2f} | "
          f"{s_wall / p_wall:.2f} |")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}", file=sys.stderr)


if __name__ == "__main__":
    main()
