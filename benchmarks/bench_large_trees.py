"""Large trees of issue 9 item 8 and issue 11, end to end, each command in a fresh process.

Cases (files written by ``large_trees.py`` into a temporary folder):

- 10^6 nodes (2^19 leaves, payoffs in [0, 10^9)): ``negsolve solve`` (text and ``--format
  json``) against ``baseline_tree.py``, the 30-line parse-and-backward-induct baseline;
  ``negsolve show --max-nodes 10``;
- 2^20 leaves with payoffs mod 11 (ties everywhere): ``negsolve solve``;
- a 200,001-node chain with payoffs mod 3 (ties): ``negsolve solve``;
- TOML chains of 10,000 and 100,000 levels: ``negsolve validate``.

Reported per command: wall time, CPU time (user + system) and peak memory, from
``/usr/bin/time``; medians over ``--repeat`` runs.  The machine's load average is printed:
on a shared machine wall time can be several times CPU time.

Usage: nice python benchmarks/bench_large_trees.py [--repeat 1] [--only NAME,...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from large_trees import binary_efg, chain_efg, chain_toml

NEGSOLVE = str(Path(sys.executable).parent / "negsolve")
HERE = Path(__file__).resolve().parent


def measure(cmd: list[str], repeat: int) -> tuple[float, float, float]:
    walls, cpus, peaks = [], [], []
    for _ in range(repeat):
        out = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", *cmd], capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit(f"failed ({out.returncode}): {' '.join(cmd)}\n{out.stderr[-2000:]}")
        wall, user, system, peak = out.stderr.strip().splitlines()[-1].split()
        walls.append(float(wall))
        cpus.append(float(user) + float(system))
        peaks.append(float(peak) / 1024)
    return statistics.median(walls), statistics.median(cpus), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--only", default=None, help="comma-separated case names")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        f = Path(folder)
        million, tied, chain = f / "million.efg", f / "tied20.efg", f / "chain.efg"
        toml10k, toml100k = f / "chain10k.toml", f / "chain100k.toml"
        binary_efg(19, million, modulus=10**9)
        binary_efg(20, tied, modulus=11)
        chain_efg(100_000, chain, modulus=3)
        chain_toml(10_000, toml10k)
        chain_toml(100_000, toml100k)
        py = sys.executable
        cases = [
            ("baseline-1e6", "10^6-node .efg: 30-line baseline", [py, str(HERE / "baseline_tree.py"), str(million)]),
            ("solve-1e6", "10^6-node .efg: negsolve solve", [NEGSOLVE, "solve", str(million)]),
            ("json-1e6", "10^6-node .efg: negsolve solve --format json",
             [NEGSOLVE, "solve", str(million), "--format", "json"]),
            ("show-1e6", "10^6-node .efg: negsolve show --max-nodes 10",
             [NEGSOLVE, "show", str(million), "--max-nodes", "10"]),
            ("tied-2^20", "2^20 leaves, payoffs mod 11: negsolve solve", [NEGSOLVE, "solve", str(tied)]),
            ("chain-200k", "200,001-node tied chain: negsolve solve", [NEGSOLVE, "solve", str(chain)]),
            ("toml-10k", "TOML chain, 10,000 levels: negsolve validate", [NEGSOLVE, "validate", str(toml10k)]),
            ("toml-100k", "TOML chain, 100,000 levels: negsolve validate", [NEGSOLVE, "validate", str(toml100k)]),
        ]
        wanted = set(args.only.split(",")) if args.only else None
        print("| case | wall (s) | CPU (s) | peak MB |")
        print("|---|---|---|---|")
        for name, label, cmd in cases:
            if wanted and name not in wanted:
                continue
            wall, cpu, peak = measure(cmd, args.repeat)
            print(f"| {label} | {wall:.2f} | {cpu:.2f} | {peak:.0f} |", flush=True)
    print(f"load average: {os.getloadavg()}", file=sys.stderr)


if __name__ == "__main__":
    main()
