"""Freeze pygambit's ``enumpoly_solve`` answers on n-player games (three or more players) for the tests.

Run from the repository root with pygambit installed (the wheel in /work/wheels):

    python tests/oracle/generate_npoly.py

It writes ``tests/oracle/data/npoly_random.json`` (seeded random integer games of sizes 2x2x2,
2x2x3, 3x3x2 and 3x3x3, payoffs in [-50, 50], stored with the answers) and
``tests/oracle/data/npoly_corpus.json`` (Gambit's corpus games with three or more players, by path
relative to the corpus).  Each game gets pygambit's equilibria as floats (rounded to 12 digits),
its run time, and ``"timeout": true`` when enumpoly did not finish within the limit.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import sys
import time
from math import prod
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
CORPUS = ROOT.parent / "shared" / "corpus" / "gambit"
SIZES = {(2, 2, 2): 16, (2, 2, 3): 8, (3, 3, 2): 6, (3, 3, 3): 4}
TIMEOUT = 300.0
COMMAND = "python tests/oracle/generate_npoly.py"


def random_payoffs(shape: tuple[int, ...], seed: int) -> list[list[int]]:
    """Row-major (first player slowest) cells of integer payoffs, one per player."""
    rng = random.Random(f"npoly-{'x'.join(map(str, shape))}-{seed}")
    return [[rng.randint(-50, 50) for _ in shape] for _ in range(prod(shape))]


def _enumpoly(kind: str, spec: object, queue: multiprocessing.Queue) -> None:
    import numpy as np
    import pygambit as gbt

    if kind == "file":
        game = gbt.read_nfg(str(spec))
    else:
        shape, cells = spec  # type: ignore[misc]
        arrays = [np.array([c[i] for c in cells], dtype=object).reshape(shape) for i in range(len(shape))]
        game = gbt.Game.from_arrays(*arrays)
    start = time.perf_counter()
    result = gbt.nash.enumpoly_solve(game, use_strategic=True)
    elapsed = time.perf_counter() - start
    found = [[[round(float(eq[s]), 12) for s in p.strategies] for p in game.players] for eq in result.equilibria]
    queue.put({"equilibria": found, "seconds": round(elapsed, 3)})


def run(kind: str, spec: object) -> dict:
    queue: multiprocessing.Queue = multiprocessing.Queue()
    proc = multiprocessing.Process(target=_enumpoly, args=(kind, spec, queue))
    proc.start()
    proc.join(TIMEOUT)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return {"equilibria": [], "timeout": True, "seconds": TIMEOUT}
    return queue.get() if not queue.empty() else {"equilibria": [], "error": True}


def header() -> dict:
    import pygambit as gbt

    return {"oracle": "pygambit.nash.enumpoly_solve(game, use_strategic=True)",
            "pygambit_version": gbt.__version__, "command": COMMAND,
            "timeout_seconds": TIMEOUT}


def main() -> None:
    only = sys.argv[1:]
    if not only or "random" in only:
        games = []
        for shape, count in SIZES.items():
            for seed in range(count):
                cells = random_payoffs(shape, seed)
                answer = run("arrays", (shape, cells))
                games.append({"shape": list(shape), "seed": seed, "payoffs": cells, **answer})
                print(shape, seed, answer.get("seconds"), len(answer["equilibria"]), flush=True)
        (DATA / "npoly_random.json").write_text(json.dumps({**header(), "games": games}, separators=(",", ":")) + "\n")
    if not only or "corpus" in only:
        games = []
        for path in sorted(CORPUS.rglob("*.nfg")):
            text = path.read_text(errors="replace")
            names = text[text.index("{") + 1:text.index("}")]
            if names.count('"') // 2 < 3:
                continue
            answer = run("file", path)
            games.append({"path": str(path.relative_to(CORPUS)), **answer})
            print(path.name, answer.get("seconds"), len(answer["equilibria"]), flush=True)
        (DATA / "npoly_corpus.json").write_text(json.dumps({**header(), "games": games}, indent=1) + "\n")


if __name__ == "__main__":
    main()
