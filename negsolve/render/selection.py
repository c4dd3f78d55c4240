"""Text and JSON for equilibrium selection in 2×2 games (:mod:`negsolve.solvers.selection`)."""

from __future__ import annotations

import textwrap
from typing import Any

from negsolve.render.numbers import fmt


def _name(game: Any, profile: tuple[int, int]) -> str:
    return "(" + ", ".join(p.strategies[k] for p, k in zip(game.players, profile, strict=True)) + ")"


def threshold_sentence(game: Any, t: Any) -> str:
    """``Hunter 1 does better with 'Stag' than 'Hare' only if it is at least 2/3 sure that Hunter 2 plays 'Stag'``."""
    me, other = game.players[t.player], game.players[1 - t.player]
    return (f"{me.name} does better with {me.strategies[t.strategy]!r} than {me.strategies[t.alternative]!r} only "
            f"if it is at least {fmt(t.at_least)} sure that {other.name} plays {other.strategies[t.other_strategy]!r}"
            f" (indifferent at exactly {fmt(t.at_least)})")


def selection_lines(game: Any, sel: Any) -> list[str]:
    if sel is None:
        return []
    e = [_name(game, p) for p in sel.equilibria]
    (a1, a2), (b1, b2) = sel.losses
    lines = ["Equilibrium selection (two strict equilibria; Harsanyi and Selten):"]
    if sel.payoff_dominant is None:
        lines.append("  payoff dominance: neither; no equilibrium pays every player more than the other")
    else:
        k = sel.payoff_dominant
        lines.append(f"  payoff dominance: {e[k]} pays every player more than {e[1 - k]}")
    products = f"{fmt(a1)} x {fmt(a2)} = {fmt(a1 * a2)} at {e[0]}, {fmt(b1)} x {fmt(b2)} = {fmt(b1 * b2)} at {e[1]}"
    if sel.risk_dominant is None:
        lines.append(f"  risk dominance: neither (products of deviation losses are equal: {products})")
    else:
        lines.append(f"  risk dominance: {e[sel.risk_dominant]} (products of deviation losses: {products})")
    lines.append("  the mixed equilibrium as belief thresholds:")
    for t in sel.thresholds:
        lines += textwrap.wrap(threshold_sentence(game, t), 100, initial_indent="    ", subsequent_indent="      ")
    return [wrapped for line in lines for wrapped in (textwrap.wrap(line, 100, subsequent_indent="      ")
                                                      if len(line) > 100 else [line])]


def selection_json(game: Any, sel: Any) -> dict[str, Any]:
    if sel is None:
        return {}
    players = [p.name for p in game.players]

    def profile(p: tuple[int, int]) -> dict[str, str]:
        return {players[i]: game.players[i].strategies[k] for i, k in enumerate(p)}

    return {"selection": {
        "equilibria": [profile(p) for p in sel.equilibria],
        "deviation_losses": [{players[i]: fmt(v) for i, v in enumerate(losses)} for losses in sel.losses],
        "loss_products": [fmt(v) for v in sel.products],
        "payoff_dominant": None if sel.payoff_dominant is None else profile(sel.equilibria[sel.payoff_dominant]),
        "risk_dominant": None if sel.risk_dominant is None else profile(sel.equilibria[sel.risk_dominant]),
        "belief_thresholds": [
            {"player": players[t.player], "strategy": game.players[t.player].strategies[t.strategy],
             "rather_than": game.players[t.player].strategies[t.alternative],
             "if_other_plays": game.players[1 - t.player].strategies[t.other_strategy],
             "with_probability_at_least": fmt(t.at_least)}
            for t in sel.thresholds],
    }}
