"""Benchmark: assessments (beliefs, PBE, sequential) of every bundled tree and of the Gambit corpus trees.

For each tree: CPU time of backward induction, of the Nash equilibria of the reduced strategic
form, and of turning every listed equilibrium into an assessment (``tree_assessments``), plus
counts of each verdict.  The Gambit corpus (../shared/corpus/gambit, .efg files) is included with
``--corpus`` (files up to ``--max-nodes`` nodes, two players; Nash only with ``--nash``).

    nice python benchmarks/bench_beliefs.py
    nice python benchmarks/bench_beliefs.py --corpus --max-nodes 60

Prints a Markdown table.  A benchmark, not a test: it never fails on timings.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _verdict(a: Any) -> str:
    if a.sequential:
        return "sequential"
    if a.pbe:
        return "pbe-only" if a.sequential is False else "pbe-undecided"
    if a.weak_pbe:
        return "weak-only"
    return "rational-only" if a.sequentially_rational else "not-rational"


def measure(name: str, tree: Any, nash: bool) -> str:
    from negsolve.beliefs.tree_assessments import tree_assessments
    from negsolve.solvers.backward import solve_tree
    from negsolve.solvers.tree_strategic import nash_of_tree

    t0 = time.process_time()
    spe = solve_tree(tree)
    t1 = time.process_time()
    marked = nash_of_tree(tree, spe)[2] if nash else ()
    t2 = time.process_time()
    items = tree_assessments(tree, spe.equilibria, marked)
    t3 = time.process_time()
    counts = Counter(_verdict(i.assessment) for i in items)
    verdicts = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    return (f"| {name} | {len(tree.nodes)} | {len(spe.equilibria)} | {len(marked)} | {t1 - t0:.3f} | {t2 - t1:.3f} "
            f"| {t3 - t2:.3f} | {verdicts} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="store_true")
    parser.add_argument("--nash", action="store_true", help="corpus trees: also their Nash equilibria")
    parser.add_argument("--max-nodes", type=int, default=60)
    args = parser.parse_args()
    from negsolve.io import load_game
    from negsolve.io.registry import bundled_names
    from negsolve.model.tree import GameTree

    print("| tree | nodes | SPE | Nash | SPE s | Nash s | assess s | verdicts |")
    print("|---|---|---|---|---|---|---|---|")
    for name in sorted(bundled_names()):
        tree = load_game(name)
        if isinstance(tree, GameTree):
            print(measure(name, tree, True), flush=True)
    if not args.corpus:
        return
    for path in sorted((ROOT.parent / "shared" / "corpus" / "gambit").rglob("*.efg")):
        try:
            tree = load_game(str(path))
        except Exception as exc:  # noqa: BLE001 - a benchmark reports and goes on
            print(f"| {path.name} | unreadable: {type(exc).__name__} | | | | | | |")
            continue
        if not isinstance(tree, GameTree) or len(tree.nodes) > args.max_nodes or len(tree.players) != 2:
            continue
        try:
            print(measure(path.name, tree, args.nash), flush=True)
        except Exception as exc:  # noqa: BLE001
            print(f"| {path.name} | {len(tree.nodes)} | error: {type(exc).__name__}: {exc} | | | | | |")


if __name__ == "__main__":
    main()
