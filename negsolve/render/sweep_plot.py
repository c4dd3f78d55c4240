"""Sweep plots: which outcomes are equilibria where, over one or two parameters (matplotlib).

Colours are the grid's cells: each sampled point colours the cell centred on it (edges half
way between neighbouring values), so a cell boundary is only known to lie between two
samples; the grid is stated under the title.  Black lines are the exact boundaries of the
pure equilibria's regions (:mod:`negsolve.analysis.sweep_boundaries`), drawn where they are,
whatever the grid.  The figure is saved with ``bbox_inches="tight"`` and the legend outside
the axes, so nothing is clipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class SweepPlot:
    labels: list[str]               # the regions' labels, in legend order
    cell_edges: list[list[float]]   # per axis
    boundaries: list                # exact Boundary pieces drawn as lines
    figure: Any
    lines: list                     # the matplotlib artists of the exact boundaries
    png: bytes | None = None


def row_label(row: dict) -> str:
    if "error" in row:
        return "undefined"
    label = " & ".join(f"({p})" for p in row["pure_equilibria"]) or "no pure equilibrium"
    if row["mixed_equilibria"]:
        label += f" + {row['mixed_equilibria']} mixed"
    return label


def _grid_words(axes: list) -> str:
    from negsolve.render.numbers import fmt

    parts = []
    for a in axes:
        step = (a.values[-1] - a.values[0]) / (len(a.values) - 1) if len(a.values) > 1 else None
        parts.append(f"{a.name}: {len(a.values)} values" + (f", step {fmt(step)}" if step is not None else ""))
    return "colours: grid cells centred on the sampled points (" + "; ".join(parts) + ")"


def plot_sweep_rows(game: Any, axes: list, rows: list[dict], boundaries: list,
                    as_png: bool = False) -> SweepPlot:
    """Draw the sweep (rows in grid order, first axis slowest) and its exact ``boundaries``
    (:func:`negsolve.analysis.sweep_boundaries.sweep_boundaries`); with ``as_png`` also the PNG
    bytes (saved with ``bbox_inches="tight"``) and the figure closed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    labels = [row_label(r) for r in rows]
    kinds = list(dict.fromkeys(labels))
    code = {k: i for i, k in enumerate(kinds)}
    cmap = plt.get_cmap("tab10" if len(kinds) <= 10 else "tab20", max(len(kinds), 1))
    edges = [[float(e) for e in a.cell_edges()] for a in axes]
    fig, ax = plt.subplots(figsize=(8, 5))
    lines = []
    if len(axes) == 1:
        ax.pcolormesh(edges[0], [0, 1], [[code[label] for label in labels]],
                      cmap=cmap, vmin=-0.5, vmax=len(kinds) - 0.5)
        ax.set_yticks([])
        for b in boundaries:
            lines.append(ax.axvline(float(b.start[0]), color="black", linewidth=1.5))
    else:
        import numpy as np

        cells = np.array([code[label] for label in labels]).reshape(len(axes[0].values), len(axes[1].values))
        ax.pcolormesh(edges[0], edges[1], cells.T, cmap=cmap, vmin=-0.5, vmax=len(kinds) - 0.5)
        ax.set_ylabel(axes[1].name)
        for b in boundaries:
            (line,) = ax.plot([float(b.start[0]), float(b.end[0])], [float(b.start[1]), float(b.end[1])],
                              color="black", linewidth=1.5)
            lines.append(line)
    ax.set_xlim(edges[0][0], edges[0][-1])
    if len(axes) == 2:
        ax.set_ylim(edges[1][0], edges[1][-1])
    ax.set_xlabel(axes[0].name)
    ax.set_title(f"{game.title}: which outcomes are equilibria\n"
                 f"black lines: exact boundaries of pure equilibria; {_grid_words(axes)}", fontsize=9)
    handles = [Patch(color=cmap(code[k]), label=k) for k in kinds]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, frameon=False)
    png = None
    if as_png:
        import io

        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=120, bbox_inches="tight")
        png = buffer.getvalue()
        plt.close(fig)
    return SweepPlot(kinds, edges, boundaries, fig, lines, png)
