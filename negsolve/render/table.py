"""Payoff tables as text, best responses marked with ``*``."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from negsolve.model.strategic import PayoffTable, StrategicGame
from negsolve.render.numbers import fmt


def _grid(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[c]) for r in [header] + rows) for c in range(len(header))]
    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        return " | ".join([first] + [cell.ljust(w) for cell, w in zip(cells[1:], widths[1:], strict=False)]).rstrip()
    sep = "-+-".join("-" * w for w in widths)
    return [line(header), sep] + [line(r) for r in rows]


def payoff_table_text(game: StrategicGame, table: PayoffTable,
                      marks: Mapping[tuple[int, ...], tuple[bool, ...]] | None = None) -> str:
    """The payoff table of ``game``; given ``marks`` (per profile, per player: a best response?, as
    :func:`negsolve.solvers.pure.best_response_marks` computes them), a ``*`` after each marked payoff.

    Two players: one table, rows for the first player, columns for the second.  More players:
    one such table for each combination of the other players' strategies.
    """
    names = [p.name for p in game.players]
    lines = [f"Payoffs ({', '.join(names)})" + ("; * marks a best response" if marks is not None else "")]
    marks = marks or {}
    rest_players = game.players[2:]
    for rest in itertools.product(*(range(len(p.strategies)) for p in rest_players)):
        if rest_players:
            lines.append("")
            lines.append("When " + ", ".join(f"{p.name} plays {p.strategies[s]!r}"
                                             for p, s in zip(rest_players, rest, strict=False)) + ":")
        header = [f"{names[0]} \\ {names[1]}"] + list(game.players[1].strategies)
        rows = []
        for i, row_name in enumerate(game.players[0].strategies):
            cells = [row_name]
            for j in range(len(game.players[1].strategies)):
                profile = (i, j) + rest
                values = table.at(profile)
                flags = marks.get(profile, (False,) * len(values))
                cells.append(", ".join(fmt(v) + ("*" if f else "") for v, f in zip(values, flags, strict=False)))
            rows.append(cells)
        lines.append("")
        lines.extend(_grid(header, rows))
    return "\n".join(lines)
