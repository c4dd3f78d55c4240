"""Time every picture of every bundled game (not a test; run with `nice python benchmarks/bench_draw.py`).

Prints a Markdown table: milliseconds per picture in a warm process (sympy imported first) and the
SVG's size.  notes/w3-draw.md quotes one run.
"""

from __future__ import annotations

import time

import negsolve
from negsolve.draw import kinds, render_svg
from negsolve.io.registry import bundled_names


def main() -> None:
    import sympy  # noqa: F401  (warm: the first analysis pays sympy's import)

    print("| game | picture: time (SVG size) |")
    print("|---|---|")
    for name in bundled_names():
        game = negsolve.load_game(name)
        row = []
        for what in kinds(game):
            start = time.perf_counter()
            svg = render_svg(game, what)
            row.append(f"{what} {1000 * (time.perf_counter() - start):.0f} ms ({len(svg) // 1024} KiB)")
        print(f"| {name} | " + "; ".join(row) + " |")


if __name__ == "__main__":
    main()
