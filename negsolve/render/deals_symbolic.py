"""Symbolic bargaining solutions (``negsolve deals --symbolic``) as text and as JSON fields."""

from __future__ import annotations

from typing import Any

from negsolve.deals.bargaining import LABELS, SOLUTIONS
from negsolve.deals.symbolic import Piece, SymbolicBargaining
from negsolve.model.strategic import StrategicGame
from negsolve.render.deals import outcome_json, outcome_text
from negsolve.render.numbers import fmt


def _bound(x: Any) -> str | None:
    return None if x is None or x.is_infinite else str(x)


def region_text(result: SymbolicBargaining, piece: Piece) -> str:
    """``1/4 < s < 2``, ``s > 1/4``, or the conditions (several parameters)."""
    if len(result.free) > 1 or piece.lower is None:
        return " and ".join(text for text, _, _ in piece.conditions) or "everywhere"
    name = result.free[0]
    lo, hi = _bound(piece.lower), _bound(piece.upper)
    if lo is None and hi is None:
        return f"every {name}"
    if lo is None:
        return f"{name} <= {hi}"
    if hi is None:
        return f"{name} >= {lo}"
    return f"{lo} <= {name} <= {hi}"


def symbolic_lines(game: StrategicGame, result: SymbolicBargaining) -> list[str]:
    """The text section: each solution, piece by piece."""
    fixed = ", ".join(f"{k} = {fmt(v)}" for k, v in result.fixed.items())
    lines = ["Bargaining solutions as formulas in " + ", ".join(result.free)
             + (f" (with {fixed})" if fixed else "") + ":"]
    if result.window is not None and len(result.free) == 1:
        lo, hi = result.window
        lines.append(f"  (pieces searched for {fmt(lo) if lo is not None else '-inf'} <= {result.free[0]} <= "
                     f"{fmt(hi) if hi is not None else 'inf'}; the end pieces extend as far as shown)")
    for name in SOLUTIONS:
        lines.append(f"  {LABELS[name]}:")
        for piece in result.pieces[name]:
            where = region_text(result, piece)
            if piece.payoffs is None:
                sample = ", ".join(f"{k} = {fmt(v)}" for k, v in piece.sample.items())
                lines.append(f"    for {where}: no closed form derived (seen at {sample}; use --set there)")
                continue
            pay = "(" + ", ".join(str(p) for p in piece.payoffs) + ")"
            lottery = " + ".join(f"[{q}] {outcome_text(game, o)}" for o, q in piece.lottery) \
                if len(piece.lottery) > 1 else outcome_text(game, piece.lottery[0][0]) + " for sure"
            lines.append(f"    for {where}: {pay}")
            lines.append(f"      by {lottery}")
            if piece.disagreement is not None:
                point = ", ".join(str(v) for v in piece.disagreement)
                lines.append(f"      from the disagreement point ({point})")
    return lines


def symbolic_json(game: StrategicGame, result: SymbolicBargaining) -> dict[str, Any]:
    """The ``symbolic`` field added to ``negsolve.deals/1`` (formulas as sympy-readable strings)."""
    names = [p.name for p in game.players]
    out: dict[str, Any] = {"parameters": list(result.free), "fixed": {k: fmt(v) for k, v in result.fixed.items()}}
    if result.window is not None and len(result.free) == 1:
        out["searched"] = [fmt(v) if v is not None else None for v in result.window]
    for name in SOLUTIONS:
        rows = []
        for piece in result.pieces[name]:
            row: dict[str, Any] = {"region": region_text(result, piece),
                                   "conditions": [text for text, _, _ in piece.conditions]}
            if len(result.free) == 1:
                row["interval"] = [_bound(piece.lower), _bound(piece.upper)]
            if piece.payoffs is None:
                row["payoffs"] = None
                row["sample"] = {k: fmt(v) for k, v in piece.sample.items()}
            else:
                row["payoffs"] = {n: str(v) for n, v in zip(names, piece.payoffs, strict=True)}
                row["lottery"] = [{"outcome": outcome_json(game, o), "probability": str(q)} for o, q in piece.lottery]
            if piece.disagreement is not None:
                row["disagreement"] = {n: str(v) for n, v in zip(names, piece.disagreement, strict=True)}
            rows.append(row)
        out[name] = rows
    return out
