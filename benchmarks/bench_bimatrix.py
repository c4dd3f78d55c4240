"""Benchmark: negsolve's exact two-player solver against nashpy, pygambit and QuantEcon.

Seeded random n x n integer bimatrix games (payoffs uniform in [-50, 50]).  For each
game every method is timed and its equilibria counted; negsolve's set of equilibria is
compared, exactly, with pygambit's rational ``enummixed_solve`` (the reference).

Every method runs in its own worker process (``multiprocessing``, spawn), so a call that
exceeds ``--timeout`` is killed and reported as a timeout; the worker is restarted for
the next call.  Only the solver call is timed (inside the worker, ``perf_counter``),
not process start-up, imports or pickling.  One-time costs (imports, QuantEcon's numba
compilation) are measured when each worker starts and printed separately.

Run from the repository root::

    /work/venv/bin/python benchmarks/bench_bimatrix.py
    /work/venv/bin/python benchmarks/bench_bimatrix.py --sizes 4,6,8,10,12 --games 3 --timeout 60

Prints Markdown tables to standard output.  This is a benchmark, not a test: it never
fails on timings.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import os
import platform
import random
import statistics
import sys
import time
import warnings
from fractions import Fraction
from typing import Any

# --------------------------------------------------------------------------------------
# Methods (run inside worker processes)
# --------------------------------------------------------------------------------------

METHODS = ("negsolve", "gambit-exact", "gambit-float", "nashpy-vertex", "nashpy-support", "quantecon-vertex")

LABELS = {
    "negsolve": "negsolve exact",
    "gambit-exact": "gambit enummixed rational",
    "gambit-float": "gambit enummixed float",
    "nashpy-vertex": "nashpy vertex",
    "nashpy-support": "nashpy support",
    "quantecon-vertex": "QuantEcon vertex",
}

ROUND = 6  # decimals used to deduplicate floating-point equilibria (1e-6)


def _float_key(profile: Any) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(round(float(p), ROUND) + 0.0 for p in strategy) for strategy in profile)


def _setup(method: str) -> dict[str, float]:
    """Import what ``method`` needs; return one-time costs in seconds."""
    costs: dict[str, float] = {}
    t0 = time.perf_counter()
    if method == "negsolve":
        import negsolve.solvers  # noqa: F401
        import negsolve.solvers.bimatrix  # noqa: F401
        from negsolve.model.strategic import PayoffTable  # noqa: F401
    elif method.startswith("gambit"):
        import pygambit  # noqa: F401
    elif method.startswith("nashpy"):
        import nashpy  # noqa: F401
    elif method == "quantecon-vertex":
        import numpy as np
        import quantecon.game_theory as qg

        costs["import"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        a = np.array([[3.0, 0.0], [0.0, 2.0]])
        qg.vertex_enumeration(qg.NormalFormGame((qg.Player(a), qg.Player(a.T))))
        costs["numba compile (first call, 2x2)"] = time.perf_counter() - t1
        return costs
    costs["import"] = time.perf_counter() - t0
    return costs


def _run(method: str, A: list[list[int]], B: list[list[int]]) -> dict[str, Any]:
    """Solve one game with ``method``; returns timing and equilibria."""
    m, n = len(A), len(A[0])
    out: dict[str, Any] = {}
    if method == "negsolve":
        from negsolve.model.strategic import PayoffTable
        from negsolve.solvers import solve_table

        table = PayoffTable((m, n), tuple((Fraction(A[i][j]), Fraction(B[i][j])) for i in range(m) for j in range(n)))
        t0 = time.perf_counter()
        result = solve_table(table)
        out["time"] = time.perf_counter() - t0
        profiles = [tuple(tuple(str(p) for p in s) for s in eq.profile) for eq in result.equilibria]
        out["raw"] = len(profiles)
        out["exact"] = sorted(set(profiles))
        out["count"] = len(out["exact"])
        out["degenerate"] = result.degenerate
    elif method in ("gambit-exact", "gambit-float"):
        import pygambit as gbt

        game = gbt.Game.from_arrays(A, B)
        rational = method == "gambit-exact"
        t0 = time.perf_counter()
        result = gbt.nash.enummixed_solve(game, rational=rational)
        out["time"] = time.perf_counter() - t0
        players = list(game.players)
        profiles = [[[eq[s] for s in p.strategies] for p in players] for eq in result.equilibria]
        out["raw"] = len(profiles)
        if rational:
            exact = {tuple(tuple(str(Fraction(str(x))) for x in s) for s in prof) for prof in profiles}
            out["exact"] = sorted(exact)
            out["count"] = len(exact)
        else:
            out["count"] = len({_float_key(prof) for prof in profiles})
            out["floats"] = [tuple(tuple(float(x) for x in s) for s in prof) for prof in profiles]
    elif method in ("nashpy-vertex", "nashpy-support"):
        import nashpy
        import numpy as np

        game = nashpy.Game(np.array(A, dtype=float), np.array(B, dtype=float))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t0 = time.perf_counter()
            if method == "nashpy-vertex":
                eqs = list(game.vertex_enumeration())
            else:
                eqs = list(game.support_enumeration())
            out["time"] = time.perf_counter() - t0
        out["raw"] = len(eqs)
        out["count"] = len({_float_key(e) for e in eqs})
    elif method == "quantecon-vertex":
        import numpy as np
        import quantecon.game_theory as qg

        a = np.array(A, dtype=float)
        b = np.array(B, dtype=float)
        g = qg.NormalFormGame((qg.Player(a), qg.Player(b.T)))
        t0 = time.perf_counter()
        eqs = qg.vertex_enumeration(g)
        out["time"] = time.perf_counter() - t0
        out["raw"] = len(eqs)
        out["count"] = len({_float_key(e) for e in eqs})
    else:  # pragma: no cover
        raise ValueError(method)
    return out


def _worker(method: str, conn: Any) -> None:
    try:
        conn.send(("ready", _setup(method)))
    except Exception as exc:  # report and stop
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    while True:
        msg = conn.recv()
        if msg is None:
            return
        A, B = msg
        try:
            conn.send(("ok", _run(method, A, B)))
        except Exception as exc:
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class Worker:
    """A persistent process for one method; killed and restarted on timeout."""

    def __init__(self, method: str, ctx: Any):
        self.method = method
        self.ctx = ctx
        self.proc: Any = None
        self.conn: Any = None
        self.setup_costs: list[dict[str, float]] = []
        self.setup_error: str | None = None

    def _start(self, timeout: float) -> bool:
        parent, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_worker, args=(self.method, child), daemon=True)
        self.proc.start()
        child.close()
        self.conn = parent
        # set-up (imports, numba compilation) gets a generous allowance of its own
        if not parent.poll(max(timeout, 120.0)):
            self.kill()
            self.setup_error = "set-up timed out"
            return False
        status, payload = parent.recv()
        if status != "ready":
            self.setup_error = payload
            self.kill()
            return False
        self.setup_costs.append(payload)
        return True

    def call(self, A: list[list[int]], B: list[list[int]], timeout: float) -> dict[str, Any]:
        if self.proc is None or not self.proc.is_alive():
            if not self._start(timeout):
                return {"status": "error", "error": self.setup_error}
        self.conn.send((A, B))
        if not self.conn.poll(timeout):
            self.kill()
            return {"status": "timeout"}
        try:
            status, payload = self.conn.recv()
        except EOFError:
            self.kill()
            return {"status": "error", "error": "worker died"}
        if status != "ok":
            return {"status": "error", "error": payload}
        payload["status"] = "ok"
        return payload

    def kill(self) -> None:
        if self.proc is not None:
            if self.proc.is_alive():
                self.proc.kill()
            self.proc.join()
        self.proc = None
        self.conn = None

    def close(self) -> None:
        if self.proc is not None and self.proc.is_alive():
            try:
                self.conn.send(None)
                self.proc.join(5)
            except (BrokenPipeError, OSError):
                pass
        self.kill()


# --------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------


def random_game(n: int, seed: int, index: int) -> tuple[list[list[int]], list[list[int]]]:
    """The ``index``-th n x n game for ``seed``: payoffs uniform integers in [-50, 50]."""
    rng = random.Random(f"{seed}:{n}:{index}")  # str seeds are deterministic across runs
    A = [[rng.randint(-50, 50) for _ in range(n)] for _ in range(n)]
    B = [[rng.randint(-50, 50) for _ in range(n)] for _ in range(n)]
    return A, B


def fmt_time(seconds: float) -> str:
    if seconds == math.inf:
        return "timeout"
    if seconds >= 10:
        return f"{seconds:.1f} s"
    if seconds >= 0.1:
        return f"{seconds:.2f} s"
    if seconds >= 0.001:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def median_cell(results: list[dict[str, Any]]) -> tuple[str, float | None]:
    """Median time over games; a timeout counts as +inf.  Returns (text, value)."""
    if not results:
        return "skipped", None
    if all(r["status"] == "error" for r in results):
        return "error", None
    times = [r["time"] if r["status"] == "ok" else math.inf for r in results]
    med = statistics.median(times)
    text = fmt_time(med)
    timeouts = sum(r["status"] == "timeout" for r in results)
    errors = sum(r["status"] == "error" for r in results)
    notes = []
    if timeouts and med != math.inf:
        notes.append(f"{timeouts} timeout")
    if errors:
        notes.append(f"{errors} error")
    if notes:
        text += f" ({', '.join(notes)})"
    return text, (med if med != math.inf else None)


def close_sets(exact: list[Any], floats: list[Any], tol: float = 1e-6) -> bool:
    """Does every exact profile have a float profile within ``tol`` (max-norm), and vice versa?"""
    def near(p: Any, q: Any) -> bool:
        return all(abs(float(Fraction(a)) - b) <= tol
                   for s, t in zip(p, q, strict=True) for a, b in zip(s, t, strict=True))

    return all(any(near(p, q) for q in floats) for p in exact) and \
        all(any(near(p, q) for p in exact) for q in floats)


def count_text(r: dict[str, Any] | None) -> str:
    if r is None:
        return "–"
    if r["status"] == "timeout":
        return "T"
    if r["status"] == "error":
        return "E"
    c = str(r["count"])
    if r.get("raw", r["count"]) != r["count"]:
        c += f"({r['raw']})"
    return c


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="4,5,6,7,8,9,10,11,12",
                        help="comma-separated n for n x n games (default: %(default)s)")
    parser.add_argument("--games", type=int, default=3, help="games per size (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=2024, help="base seed (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds per solver call before it is killed (default: %(default)s)")
    parser.add_argument("--methods", default=",".join(METHODS),
                        help="comma-separated subset of: " + ", ".join(METHODS))
    parser.add_argument("--no-quantecon", action="store_true", help="leave QuantEcon out")
    parser.add_argument("--skip-when", choices=("all", "majority"), default="all",
                        help="stop running a peer on larger sizes once it timed out on all (default) or on "
                             "a majority of the games of a size")
    parser.add_argument("--json", metavar="PATH", help="also write every call's raw result to PATH")
    parser.add_argument("--per-game", action="store_true", help="also print a row per game")
    args = parser.parse_args(argv)

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    for m in methods:
        if m not in METHODS:
            parser.error(f"unknown method {m!r}")
    if args.no_quantecon and "quantecon-vertex" in methods:
        methods.remove("quantecon-vertex")
    if "negsolve" not in methods:
        methods.insert(0, "negsolve")

    ctx = mp.get_context("spawn")
    workers = {m: Worker(m, ctx) for m in methods}
    skipped_from: dict[str, int] = {}  # method -> first size skipped
    rows: list[dict[str, Any]] = []
    per_game: list[tuple[int, int, dict[str, dict[str, Any]]]] = []
    wall0 = time.perf_counter()

    try:
        for n in sizes:
            results: dict[str, list[dict[str, Any]]] = {m: [] for m in methods}
            games = [random_game(n, args.seed, k) for k in range(args.games)]
            for k, (A, B) in enumerate(games):
                this: dict[str, dict[str, Any]] = {}
                for m in methods:
                    if m in skipped_from:
                        continue
                    r = workers[m].call(A, B, args.timeout)
                    results[m].append(r)
                    this[m] = r
                    print(f"[n={n} game {k}] {m}: {r['status']}"
                          + (f" {r['time']:.4f}s count={r['count']}" if r["status"] == "ok" else ""),
                          file=sys.stderr, flush=True)
                per_game.append((n, k, this))
            # peers that timed out on every game of this size are not run on larger sizes
            for m in methods:
                timeouts = sum(r["status"] == "timeout" for r in results[m])
                limit = len(results[m]) if args.skip_when == "all" else len(results[m]) // 2 + 1
                if m != "negsolve" and m not in skipped_from and results[m] and timeouts >= limit:
                    skipped_from[m] = n  # records the size at which it last ran
            rows.append({"n": n, "results": results, "games": per_game[-args.games:]})
    finally:
        for w in workers.values():
            w.close()
    wall = time.perf_counter() - wall0

    if args.json:
        import json

        with open(args.json, "w") as f:
            json.dump([{"n": n, "game": k, "A": random_game(n, args.seed, k)[0], "B": random_game(n, args.seed, k)[1],
                        "results": {m: {key: val for key, val in r.items() if key != "floats"}
                                    for m, r in this.items()}}
                       for n, k, this in per_game], f, indent=1)

    # ---------------------------------------------------------------- output
    import importlib.metadata as md

    def version(dist: str) -> str:
        try:
            return md.version(dist)
        except md.PackageNotFoundError:
            return "not installed"

    print("# Bimatrix benchmark: negsolve exact vs nashpy, pygambit, QuantEcon")
    print()
    print(f"- command: `{' '.join([os.path.basename(sys.executable)] + sys.argv)}`")
    print(f"- games: {args.games} per size, n x n, integer payoffs uniform in [-50, 50], "
          f"seed {args.seed} (`random.Random(f\"{{seed}}:{{n}}:{{k}}\")`)")
    print(f"- timeout per call: {args.timeout:g} s (call killed); total wall time {wall:.0f} s")
    print(f"- Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs; "
          f"negsolve {version('negsolve')}, nashpy {version('nashpy')}, pygambit {version('pygambit')}, "
          f"quantecon {version('quantecon')}, numpy {version('numpy')}")
    print("- times: median over the games of one solver call each (solver only; no start-up, "
          "imports or conversion); a timeout counts as +∞ in the median")
    print()

    cols = ["n", "degenerate"] + [LABELS[m] for m in methods] + [
        "#eq neg / gbt-exact / npy-vertex / npy-support (per game)", "agrees (exact)", "agrees (≈ gambit float)",
        "gambit-exact / negsolve"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "|".join(["---:"] * 2 + ["---:"] * len(methods) + [":---", "---:", "---:", "---:"]) + "|")
    for row in rows:
        n, res = row["n"], row["results"]
        neg = res["negsolve"]
        degen = sum(1 for r in neg if r["status"] == "ok" and r.get("degenerate"))
        known = sum(1 for r in neg if r["status"] == "ok")
        cells = [str(n), f"{degen}/{known}"]
        meds: dict[str, float | None] = {}
        for m in methods:
            text, val = median_cell(res[m])
            cells.append(text)
            meds[m] = val
        counts = []
        agrees = compared = fagrees = fcompared = 0
        for _, _, this in row["games"]:
            counts.append(" / ".join(count_text(this.get(m)) for m in
                                     ("negsolve", "gambit-exact", "nashpy-vertex", "nashpy-support")))
            a, g = this.get("negsolve"), this.get("gambit-exact")
            if a and g and a["status"] == "ok" and g["status"] == "ok":
                compared += 1
                agrees += a["exact"] == g["exact"]
            f = this.get("gambit-float")
            if a and f and a["status"] == "ok" and f["status"] == "ok":
                fcompared += 1
                fagrees += close_sets(a["exact"], f["floats"])
        cells.append("; ".join(counts))
        cells.append(f"{agrees}/{compared}")
        cells.append(f"{fagrees}/{fcompared}")
        if meds.get("negsolve") and meds.get("gambit-exact"):
            cells.append(f"{meds['gambit-exact'] / meds['negsolve']:.1f}")
        elif meds.get("negsolve") and res.get("gambit-exact") and median_cell(res["gambit-exact"])[0] == "timeout":
            cells.append(f"> {args.timeout / meds['negsolve']:.0f}")  # gambit's median exceeded the timeout
        else:
            cells.append("–")
        print("| " + " | ".join(cells) + " |")
    print()
    print("Counts are distinct equilibria (floats deduplicated at 1e-6); a number in parentheses is "
          "the raw count before deduplication; T = timeout, – = not run.  "
          "*agrees (exact)*: negsolve's set of equilibria equals pygambit's rational enummixed set exactly "
          "(Fractions compared).  *agrees (≈ gambit float)*: the same sets match pygambit's float enummixed "
          "within 1e-6 (a check that still works where the rational run timed out).  "
          "*gambit-exact / negsolve*: ratio of median times (> 1 means negsolve is faster; "
          "\"> k\" when gambit's median was a timeout, k = timeout / negsolve median).")
    if skipped_from:
        print()
        for m, n in skipped_from.items():
            which = "every game" if args.skip_when == "all" else "a majority of the games"
            print(f"- {LABELS[m]} timed out on {which} at n = {n}; larger sizes were skipped.")

    print()
    print("One-time costs per worker start (not included above):")
    print()
    print("| method | cost | median (s) | starts |")
    print("|---|---|---:|---:|")
    for m in methods:
        w = workers[m]
        if w.setup_error and not w.setup_costs:
            print(f"| {LABELS[m]} | set-up failed: {w.setup_error} | | |")
            continue
        keys = sorted({k for c in w.setup_costs for k in c})
        for key in keys:
            vals = [c[key] for c in w.setup_costs if key in c]
            print(f"| {LABELS[m]} | {key} | {statistics.median(vals):.2f} | {len(vals)} |")

    if args.per_game:
        print()
        print("| n | game | " + " | ".join(LABELS[m] for m in methods) + " |")
        print("|---:|---:|" + "---:|" * len(methods))
        for n, k, this in per_game:
            cells = []
            for m in methods:
                r = this.get(m)
                if r is None:
                    cells.append("–")
                elif r["status"] == "ok":
                    cells.append(f"{fmt_time(r['time'])} [{count_text(r)}]")
                else:
                    cells.append(r["status"])
            print(f"| {n} | {k} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
