"""Benchmark: negsolve's exact solver (API and command line) side by side with lrslib's lrsnash.

Seeded random m x n integer games, payoffs uniform in [-99, 99] (game k of a shape is
``random.Random(f"{seed}:{m}x{n}:{k}")``).  For each game, in one run and one after the
other:

- ``lrsnash GAME`` (lrslib, C, exact), when it is on PATH;
- negsolve API: ``negsolve.solve(load_game(FILE))`` in a fresh interpreter, timing only
  the ``solve()`` call (CPU time of the process, ``time.process_time``, and wall time);
- start-up: ``negsolve --version`` (the fixed cost of the command line);
- the command line: ``negsolve solve FILE.nfg --format json`` (includes start-up, reading,
  dominance, security levels, rendering), and the same with ``--engine lrs``.

Times of subprocesses are their CPU time (user + system, from ``resource.getrusage``) and
their wall time; on a shared machine the CPU time is the steadier number, so the ratios use
it.  Each command line's equilibria are compared, exactly, with lrsnash's.  The script
lowers its own priority (``os.nice``) and never fails on timings.

Run from the repository root::

    .venv/bin/python benchmarks/bench_lrs.py
    .venv/bin/python benchmarks/bench_lrs.py --shapes 10,12 --games 3 --timeout 120
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path
from typing import Any

API_CODE = """
import sys, time, json
from negsolve.io import load_game
from negsolve.solvers import solve
game = load_game(sys.argv[1])
c, w = time.process_time(), time.perf_counter()
result = solve(game)
print(json.dumps({"cpu": time.process_time() - c, "wall": time.perf_counter() - w, "count": len(result.equilibria)}))
"""


def parse_shape(text: str) -> tuple[int, int]:
    if "x" in text:
        m, n = text.split("x")
        return int(m), int(n)
    return int(text), int(text)


def random_game(m: int, n: int, seed: int, k: int) -> tuple[list[list[int]], list[list[int]]]:
    rng = random.Random(f"{seed}:{m}x{n}:{k}")
    A = [[rng.randint(-99, 99) for _ in range(n)] for _ in range(m)]
    B = [[rng.randint(-99, 99) for _ in range(n)] for _ in range(m)]
    return A, B


def write_files(folder: Path, A: list[list[int]], B: list[list[int]]) -> tuple[Path, Path]:
    m, n = len(A), len(A[0])
    nfg = folder / "game.nfg"
    body = " ".join(f"{A[i][j]} {B[i][j]}" for j in range(n) for i in range(m))
    nfg.write_text(f'NFG 1 R "bench" {{ "1" "2" }} {{ {m} {n} }}\n\n{body}\n')
    lrs = folder / "game.lrs"
    lines = [f"{m} {n}", ""] + [" ".join(map(str, r)) for r in A] + [""] + [" ".join(map(str, r)) for r in B]
    lrs.write_text("\n".join(lines) + "\n")
    return nfg, lrs


# byte-code caching on, as for users (some environments set PYTHONDONTWRITEBYTECODE, which makes
# every command line recompile the modules it imports)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(cmd: list[str], timeout: float) -> dict[str, Any]:
    """Run ``cmd``; its wall time, CPU time (children's rusage delta) and standard output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=timeout, env=ENV)
    except subprocess.TimeoutExpired:
        return {"status": "timeout"}
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    status = "ok" if done.returncode == 0 else f"exit {done.returncode}"
    return {"status": status, "wall": wall, "cpu": cpu, "stdout": done.stdout.decode()}


def cli_set(output: str, m: int, n: int) -> set[tuple[tuple[Fraction, ...], ...]]:
    data = json.loads(output)
    p1, p2 = data["players"]
    return {(tuple(Fraction(v) for v in eq["profile"][p1].values()),
             tuple(Fraction(v) for v in eq["profile"][p2].values())) for eq in data["equilibria"]}


def lrs_set(output: str, m: int, n: int) -> set[tuple[tuple[Fraction, ...], ...]]:
    from negsolve.solvers.lrs_engine import parse_lrsnash

    return set(parse_lrsnash(output, m, n))


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds == float("inf"):
        return "timeout"
    return f"{seconds:.2f}" if seconds < 10 else f"{seconds:.1f}"


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shapes", default="10,12,14,16,4x40,8x16", help="comma list: n or mxn (default %(default)s)")
    parser.add_argument("--games", type=int, default=3, help="games per shape (default %(default)s)")
    parser.add_argument("--seed", type=int, default=2026, help="base seed (default %(default)s)")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds per call (default %(default)s)")
    args = parser.parse_args(argv)
    os.nice(10)
    negsolve = str(Path(sys.executable).parent / "negsolve")
    lrsnash = shutil.which("lrsnash")
    rows = []
    with tempfile.TemporaryDirectory() as folder:  # warm-up: byte-code caches written, disk caches warm
        nfg, _ = write_files(Path(folder), *random_game(3, 3, args.seed, 0))
        run([negsolve, "solve", str(nfg), "--format", "json"], args.timeout)
        run([sys.executable, "-c", API_CODE, str(nfg)], args.timeout)
    for shape in args.shapes.split(","):
        m, n = parse_shape(shape.strip())
        results: dict[str, list[dict[str, Any]]] = {k: [] for k in ("lrs", "api", "startup", "cli", "cli-lrs")}
        agree = compared = 0
        counts = []
        for k in range(args.games):
            A, B = random_game(m, n, args.seed, k)
            with tempfile.TemporaryDirectory() as folder:
                nfg, lrs = write_files(Path(folder), A, B)
                r_lrs = run([lrsnash, str(lrs)], args.timeout) if lrsnash else {"status": "absent"}
                r_api = run([sys.executable, "-c", API_CODE, str(nfg)], args.timeout)
                if r_api["status"] == "ok":
                    r_api.update(json.loads(r_api["stdout"]))  # the solve() call alone
                r_start = run([negsolve, "--version"], args.timeout)
                r_cli = run([negsolve, "solve", str(nfg), "--format", "json"], args.timeout)
                r_cli_lrs = run([negsolve, "solve", str(nfg), "--format", "json", "--engine", "lrs"], args.timeout) \
                    if lrsnash else {"status": "absent"}
            for key, r in (("lrs", r_lrs), ("api", r_api), ("startup", r_start), ("cli", r_cli),
                           ("cli-lrs", r_cli_lrs)):
                results[key].append(r)
            if r_cli["status"] == "ok" and r_lrs["status"] == "ok":
                compared += 1
                ours = cli_set(r_cli["stdout"], m, n)
                agree += ours == lrs_set(r_lrs["stdout"], m, n)
                counts.append(str(len(ours)))
            print(f"[{m}x{n} game {k}] " + ", ".join(
                f"{key} {r['status']} {r.get('cpu', 0):.2f}s" for key, r in
                (("lrs", r_lrs), ("api", r_api), ("startup", r_start), ("cli", r_cli))), file=sys.stderr, flush=True)

        def med(key: str, field: str, results: dict[str, list[dict[str, Any]]] = results) -> float | None:
            runs = [r for r in results[key] if r["status"] != "absent"]
            return median([r[field] if r["status"] == "ok" else float("inf") for r in runs])

        lrs_cpu, api_cpu, start_cpu, cli_cpu, cli_lrs_cpu = (
            med(k, "cpu") for k in ("lrs", "api", "startup", "cli", "cli-lrs"))
        ratio_cli = cli_cpu / (api_cpu + start_cpu) if cli_cpu and api_cpu and start_cpu else None
        ratio_lrs = api_cpu / lrs_cpu if api_cpu and lrs_cpu else None
        ratio_cli_lrs = cli_cpu / lrs_cpu if cli_cpu and lrs_cpu else None
        rows.append([f"{m}×{n}", fmt(lrs_cpu), fmt(med("lrs", "wall")), fmt(api_cpu), fmt(med("api", "wall")),
                     fmt(start_cpu), fmt(cli_cpu), fmt(med("cli", "wall")),
                     fmt(ratio_cli), fmt(ratio_lrs), fmt(ratio_cli_lrs), fmt(cli_lrs_cpu), fmt(med("cli-lrs", "wall")),
                     f"{agree}/{compared}", " ".join(counts)])
    print(f"# negsolve vs lrsnash: {args.games} games per shape, payoffs uniform in [-99, 99], seed {args.seed}")
    print()
    print("Medians over the games; seconds; *cpu* = user + system CPU time of the process, *wall* = elapsed.")
    print()
    header = ["shape", "lrsnash cpu", "lrsnash wall", "API solve() cpu", "API wall", "start-up cpu",
              "CLI json cpu", "CLI wall", "CLI / (API + start-up)", "API / lrsnash", "CLI / lrsnash",
              "CLI --engine lrs cpu", "CLI --engine lrs wall", "sets equal lrsnash", "#equilibria"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---:|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
