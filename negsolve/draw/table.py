"""Payoff tables as SVG: best responses marked, equilibria highlighted.

Two players: one grid, rows for the first player, columns for the second; each cell lists the
payoffs, a best-response payoff is underlined in its player's colour and drawn bold, and a cell
that is a pure Nash equilibrium is filled.  Three or more players: one such grid ("block") for
each combination of the other players' strategies, stacked, each headed by that combination.

The scene (:func:`table_scene`) reads the best-response marks (:mod:`negsolve.solvers.pure`) and
the equilibria of a solve result; :func:`render_table` only draws it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.draw.palette import EQUILIBRIUM_FILL, PLAYER_COLOURS, TEXT
from negsolve.draw.svg import Svg, text_width
from negsolve.model.strategic import PayoffTable, StrategicGame
from negsolve.render.numbers import fmt

SIZE = 14.0
PAD = 12.0


@dataclass(frozen=True)
class Cell:
    profile: tuple[int, ...]
    payoffs: tuple[str, ...]
    best: tuple[bool, ...]
    equilibrium: bool


@dataclass(frozen=True)
class Block:
    heading: str
    cells: tuple[tuple[Cell, ...], ...]  # rows of cells


@dataclass(frozen=True)
class TableScene:
    title: str
    players: tuple[str, ...]
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    blocks: tuple[Block, ...]
    mixed: tuple[str, ...]  # mixed equilibria in words (listed under the grid)


def table_scene(game: StrategicGame, table: PayoffTable, result: Any) -> TableScene:
    """What to draw: the payoffs as text, best-response flags, pure equilibria, mixed ones listed."""
    from negsolve.solvers.pure import best_response_marks

    marks = best_response_marks(table)
    pure = {tuple(s.index(Fraction(1)) for s in eq.profile) for eq in result.equilibria if eq.pure}
    players = game.players
    rest_players = players[2:]
    blocks = []
    for rest in itertools.product(*(range(len(p.strategies)) for p in rest_players)):
        heading = ", ".join(f"{p.name}: {p.strategies[s]}" for p, s in zip(rest_players, rest, strict=True))
        rows = []
        for i in range(len(players[0].strategies)):
            row = []
            for j in range(len(players[1].strategies)):
                profile = (i, j) + rest
                row.append(Cell(profile, tuple(fmt(v) for v in table.at(profile)), marks[profile],
                                profile in pure))
            rows.append(tuple(row))
        blocks.append(Block(heading, tuple(rows)))
    mixed = tuple(_mixed_words(game, eq) for eq in result.equilibria if not eq.pure)
    return TableScene(game.title, tuple(p.name for p in players), players[0].strategies,
                      players[1].strategies, tuple(blocks), mixed)


def _mixed_words(game: StrategicGame, eq: Any) -> str:
    parts = []
    for player, probs in zip(game.players, eq.profile, strict=True):
        mix = " + ".join(f"{fmt(p)} {s}" for s, p in zip(player.strategies, probs, strict=True) if p)
        parts.append(f"{player.name}: {mix}")
    return "Mixed equilibrium: " + "; ".join(parts) + " (payoffs " + ", ".join(fmt(v) for v in eq.payoffs) + ")"


def _cell_text(cell: Cell) -> str:
    return ", ".join(cell.payoffs)


def render_table(scene: TableScene) -> str:
    """The SVG text of a :class:`TableScene`.

    Each block: its heading (three or more players), the column player's name over the columns, a
    header row (the row player's name in the corner, then the column strategies), then the rows."""
    cells = [c for b in scene.blocks for row in b.cells for c in row]
    widths = [text_width(_cell_text(c), SIZE) for c in cells] + [text_width(s, SIZE) for s in scene.columns]
    cell_w = max(widths) + 2 * PAD
    head_w = max(text_width(s, SIZE) for s in [*scene.rows, scene.players[0]]) + 2 * PAD
    cell_h = SIZE * 2.4
    n_cols = len(scene.columns)
    grid_w = head_w + n_cols * max(cell_w, text_width(scene.players[1], SIZE) / n_cols)
    heading_h = SIZE * 2 if scene.blocks[0].heading else 0.0
    block_h = heading_h + (len(scene.rows) + 2) * cell_h + SIZE
    notes = ["Bold underlined: a best response; shaded cell: a pure Nash equilibrium"] + list(scene.mixed)
    legend_w = max(text_width(n, SIZE * 0.85) for n in notes)
    width = max(grid_w, legend_w, text_width(scene.title, SIZE * 1.2)) + 2 * PAD
    top = SIZE * 2.8
    height = top + len(scene.blocks) * block_h + len(notes) * SIZE * 1.4 + PAD
    svg = Svg(width, height, title=scene.title)
    svg.text(width / 2, SIZE * 1.8, scene.title, size=SIZE * 1.2, font_weight="bold", fill=TEXT)
    x0, y = PAD, top
    for block in scene.blocks:
        if block.heading:
            svg.text(x0, y + SIZE * 1.3, block.heading, size=SIZE, anchor="start", fill=TEXT, font_style="italic",
                     class_="block")
            y += heading_h
        svg.text(x0 + head_w + n_cols * cell_w / 2, y + cell_h * 0.62, scene.players[1], size=SIZE,
                 fill=PLAYER_COLOURS[1], font_weight="bold", class_="player")
        _grid(svg, scene, block, x0, y + cell_h, head_w, cell_w, cell_h)
        y += block_h - heading_h
    for note in notes:
        svg.text(PAD, y + SIZE * 0.5, note, size=SIZE * 0.85, anchor="start", fill=TEXT, class_="note")
        y += SIZE * 1.4
    return svg.to_string()


def _grid(svg: Svg, scene: TableScene, block: Block, x0: float, y0: float, head_w: float, cell_w: float,
          cell_h: float) -> None:
    svg.text(x0 + PAD, y0 + cell_h * 0.62, scene.players[0], size=SIZE, anchor="start", fill=PLAYER_COLOURS[0],
             font_weight="bold", class_="player")
    for j, name in enumerate(scene.columns):
        svg.text(x0 + head_w + (j + 0.5) * cell_w, y0 + cell_h * 0.62, name, size=SIZE, fill=PLAYER_COLOURS[1])
    for i, name in enumerate(scene.rows):
        y = y0 + (i + 1) * cell_h
        svg.text(x0 + PAD, y + cell_h * 0.62, name, size=SIZE, anchor="start", fill=PLAYER_COLOURS[0])
        for j, cell in enumerate(block.cells[i]):
            x = x0 + head_w + j * cell_w
            svg.rect(x, y, cell_w, cell_h, fill=EQUILIBRIUM_FILL if cell.equilibrium else "white",
                     stroke="#444", stroke_width=1.5 if cell.equilibrium else 1.0,
                     class_="equilibrium" if cell.equilibrium else "cell")
            _payoffs(svg, cell, x + cell_w / 2, y + cell_h * 0.62)


def _payoffs(svg: Svg, cell: Cell, cx: float, baseline: float) -> None:
    """The payoffs of one cell, centred; a best response bold and underlined in its player's colour."""
    pieces = []
    for k, text in enumerate(cell.payoffs):
        pieces.append((text, k))
        if k < len(cell.payoffs) - 1:
            pieces.append((", ", -1))
    total = sum(text_width(t, SIZE) for t, _ in pieces)
    x = cx - total / 2
    for text, k in pieces:
        w = text_width(text, SIZE)
        if k >= 0:
            best = cell.best[k]
            colour = PLAYER_COLOURS[k % len(PLAYER_COLOURS)]
            svg.text(x + w / 2, baseline, text, size=SIZE, fill=colour if best else TEXT,
                     font_weight="bold" if best else None, class_="best" if best else None)
            if best:
                svg.line(x, baseline + 3, x + w, baseline + 3, stroke=colour, stroke_width=2)
        else:
            svg.text(x + w / 2, baseline, text, size=SIZE, fill=TEXT)
        x += w
