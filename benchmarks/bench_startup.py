"""Benchmark: start-up time of the ``negsolve`` command line, and which heavy modules it imports.

Each command is run ``--repeat`` times as a fresh subprocess (after one untimed warm-up
run each; commands are interleaved round-robin so machine noise spreads evenly) and the
median wall time is reported.  The baselines are ``python -c "pass"`` (bare interpreter)
and ``python -c "import nashpy"`` (numpy + scipy + nashpy).

Heavy-import check: each command is also run once as ``python -c`` calling the same entry
point the console script calls (``negsolve.cli.main``) and, on exit, recording which of
numpy, scipy, sympy and nashpy are in ``sys.modules``.  ``--help``, ``list``, ``show`` and
``validate`` are expected to import none of them.

Run from anywhere (paths are resolved against the repository root)::

    /work/venv/bin/python benchmarks/bench_startup.py
    /work/venv/bin/python benchmarks/bench_startup.py --repeat 15

Prints Markdown tables to standard output.  A benchmark, not a test: it never fails on
timings (the exit status is 0 unless a command itself failed to run).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("numpy", "scipy", "sympy", "nashpy")
PREFERRED_GAMES = ("freeze-for-freeze", "prisoners-dilemma")

# Runs the CLI in-process, like the console script, then records the heavy modules loaded.
PROBE = r"""
import json, sys
out, heavy, args = sys.argv[1], sys.argv[2].split(","), sys.argv[3:]
sys.argv = ["negsolve"] + args
code = 0
try:
    from negsolve.cli import main
    main()
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
finally:
    with open(out, "w") as f:
        json.dump({"exit": code, "loaded": {m: m in sys.modules for m in heavy}}, f)
sys.exit(code)
"""

PLAIN_PROBE = r"""
import json, sys
out, heavy, code = sys.argv[1], sys.argv[2].split(","), sys.argv[3]
exec(code)
with open(out, "w") as f:
    json.dump({"exit": 0, "loaded": {m: m in sys.modules for m in heavy}}, f)
"""


def pick_game(requested: str | None) -> tuple[str, str]:
    """(game name, note) -- freeze-for-freeze if bundled, else a fallback."""
    games = ROOT / "games"
    if requested:
        return requested, ""
    for name in PREFERRED_GAMES:
        if (games / f"{name}.toml").is_file():
            note = "" if name == PREFERRED_GAMES[0] else \
                f"games/{PREFERRED_GAMES[0]}.toml not found; fell back to {name}"
            return name, note
    others = sorted(games.glob("*.toml"))
    if others:
        return others[0].stem, f"games/{PREFERRED_GAMES[0]}.toml not found; fell back to {others[0].stem}"
    raise SystemExit("no game files in games/; pass --game")


def commands(game: str) -> list[tuple[str, list[str], list[str] | None, str | None]]:
    """(label, argv for timing, CLI args for the probe or None, plain code for the probe or None)."""
    py = sys.executable
    exe = str(Path(sys.executable).parent / "negsolve")
    path = f"games/{game}.toml"
    cli = [
        ("negsolve --help", ["--help"]),
        ("negsolve list", ["list"]),
        (f"negsolve show {game}", ["show", game]),
        (f"negsolve validate {path}", ["validate", path]),
        (f"negsolve solve {game}", ["solve", game]),
        (f"negsolve solve {game} --format json", ["solve", game, "--format", "json"]),
        # control: the nashpy engine must show up as importing numpy/scipy/nashpy
        (f"negsolve solve {game} --engine nashpy-vertex", ["solve", game, "--engine", "nashpy-vertex"]),
    ]
    out: list[tuple[str, list[str], list[str] | None, str | None]] = [
        ('python -c "pass"', [py, "-c", "pass"], None, "pass"),
        ('python -c "import nashpy"', [py, "-c", "import nashpy"], None, "import nashpy"),
    ]
    out += [(label, [exe, *args], args, None) for label, args in cli]
    return out


def run_once(argv: list[str]) -> tuple[float, int]:
    t0 = time.perf_counter()
    proc = subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0, proc.returncode


def probe(cli_args: list[str] | None, code: str | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "probe.json")
        if cli_args is not None:
            argv = [sys.executable, "-c", PROBE, out, ",".join(HEAVY), *cli_args]
        else:
            argv = [sys.executable, "-c", PLAIN_PROBE, out, ",".join(HEAVY), code or "pass"]
        subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            with open(out) as f:
                return json.load(f)
        except (OSError, ValueError):
            return {"exit": None, "loaded": {}}


def import_time(module: str) -> list[tuple[str, int]]:
    """Cumulative import times (µs) of ``module`` and its slowest direct children, via -X importtime."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                          cwd=ROOT, capture_output=True, text=True)
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            rows.append((m.group(4), int(m.group(2)), len(m.group(3))))
    return [(name, cum) for name, cum, _ in rows]


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1e3:.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per command (default: %(default)s)")
    parser.add_argument("--game", default=None,
                        help="bundled game to use (default: freeze-for-freeze, else prisoners-dilemma)")
    args = parser.parse_args(argv)

    game, note = pick_game(args.game)
    cmds = commands(game)
    exe = Path(sys.executable).parent / "negsolve"
    if not exe.exists():
        raise SystemExit(f"console script not found: {exe}")

    times: dict[str, list[float]] = {label: [] for label, *_ in cmds}
    exits: dict[str, set[int]] = {label: set() for label, *_ in cmds}
    for _label, timed, _, _ in cmds:  # warm-up (file cache, .pyc)
        run_once(timed)
    for _ in range(args.repeat):
        for label, timed, _, _ in cmds:
            t, rc = run_once(timed)
            times[label].append(t)
            exits[label].add(rc)
    probes = {label: probe(cli_args, code) for label, _, cli_args, code in cmds}

    print("# Start-up benchmark: negsolve command line")
    print()
    print(f"- command: `{' '.join([os.path.basename(sys.executable)] + sys.argv)}`; "
          f"working directory {ROOT}")
    print(f"- {args.repeat} timed runs per command (plus 1 warm-up), interleaved; wall time of a fresh "
          f"subprocess; console script `{exe}`")
    print(f"- Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs")
    if note:
        print(f"- note: {note}")
    print()
    light = ("--help", "list", "show", "validate")
    print("| command | median (ms) | min (ms) | max (ms) | exit | " + " | ".join(HEAVY) + " | heavy-free? |")
    print("|---|---:|---:|---:|---:|" + "---|" * len(HEAVY) + "---|")
    failed = False
    for label, _, cli_args, _ in cmds:
        ts = times[label]
        loaded = probes[label]["loaded"]
        cells = ["yes" if loaded.get(m) else ("no" if m in loaded else "?") for m in HEAVY]
        if cli_args is not None and cli_args[0] in light:
            verdict = "OK" if not any(loaded.get(m) for m in HEAVY) and loaded else "**FAIL**"
        else:
            verdict = "(not required)"
        rc = ",".join(str(r) for r in sorted(exits[label]))
        failed |= exits[label] != {0}
        print(f"| `{label}` | {fmt_ms(statistics.median(ts))} | {fmt_ms(min(ts))} | {fmt_ms(max(ts))} | {rc} | "
              + " | ".join(cells) + f" | {verdict} |")
    print()
    solve = statistics.median(times[f"negsolve solve {game}"])
    nashpy = statistics.median(times['python -c "import nashpy"'])
    bare = statistics.median(times['python -c "pass"'])
    print(f"Ratio `negsolve solve {game}` / `python -c \"import nashpy\"` (medians): "
          f"**{solve / nashpy:.2f}** ({fmt_ms(solve)} ms / {fmt_ms(nashpy)} ms); "
          f"bare interpreter {fmt_ms(bare)} ms.")
    print()
    print("Heavy-module columns: whether the module is in `sys.modules` when the command exits "
          "(probe: `python -c` calling `negsolve.cli.main` with the same arguments).  The "
          "`--engine nashpy-vertex` row is a control showing the probe does detect heavy imports.")

    rows = import_time("negsolve.cli")
    if rows:
        total = next((cum for name, cum in rows if name == "negsolve.cli"), None)
        top = sorted(((n, c) for n, c in rows if n.split(".")[0] not in ("encodings", "site")),
                     key=lambda r: -r[1])[:8]
        print()
        print(f"`python -X importtime -c \"import negsolve.cli\"`: negsolve.cli cumulative "
              f"{(total or 0) / 1e3:.1f} ms; largest cumulative entries:")
        print()
        print("| module | cumulative (ms) |")
        print("|---|---:|")
        for name, cum in top:
            print(f"| {name} | {cum / 1e3:.1f} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
