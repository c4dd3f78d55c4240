"""Exact real algebraic numbers and n-player equilibria as text and JSON.

A rational prints as ``"p/q"``; an irrational number as a decimal (``--digits``) in text, and in
JSON as ``{"root_of": "5*x**2 - 5*x + 1", "interval": ["a", "b"], "decimal": "0.276393"}``: the
number is the only root of its minimal polynomial in the closed interval ``[a, b]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from negsolve.model.strategic import StrategicGame
from negsolve.render.numbers import fmt

DEFAULT_DIGITS = 6


def polynomial_text(coeffs: Sequence[int], var: str = "x") -> str:
    """``(5, -5, 1)`` -> ``"5*x**2 - 5*x + 1"`` (integer coefficients, highest degree first)."""
    degree = len(coeffs) - 1
    parts = []
    for k, c in enumerate(coeffs):
        if c == 0:
            continue
        power = degree - k
        mono = "" if power == 0 else var if power == 1 else f"{var}**{power}"
        size = abs(c)
        body = str(size) if not mono else mono if size == 1 else f"{size}*{mono}"
        sign = "-" if c < 0 else "+"
        parts.append((sign, body))
    if not parts:
        return "0"
    text = ("-" if parts[0][0] == "-" else "") + parts[0][1]
    for sign, body in parts[1:]:
        text += f" {sign} {body}"
    return text


def number_text(x: Any, digits: int = DEFAULT_DIGITS) -> str:
    """Exact ``"p/q"`` for a rational, ``"≈0.276393"`` for an irrational number."""
    return fmt(x.as_fraction()) if x.is_rational else "≈" + x.decimal(digits)


def number_json(x: Any, digits: int = DEFAULT_DIGITS) -> Any:
    """``"p/q"`` or ``{"root_of": ..., "interval": [a, b], "decimal": ...}``."""
    if x.is_rational:
        return fmt(x.as_fraction())
    low, high = x.isolating_interval()
    return {"root_of": polynomial_text(x.minimal_polynomial()), "interval": [fmt(low), fmt(high)],
            "decimal": x.decimal(digits)}


def strategy_text(game: StrategicGame, player: int, mixed: Sequence[Any], digits: int) -> str:
    names = game.players[player].strategies
    support = [(names[k], p) for k, p in enumerate(mixed) if p.sign()]
    if len(support) == 1:
        return support[0][0]
    return " + ".join(f"{number_text(p, digits)} [{name}]" if ", " in name else f"{number_text(p, digits)} {name}"
                      for name, p in support)


def equilibrium_lines(game: StrategicGame, eq: Any, number: int, efficient: bool, digits: int) -> list[str]:
    """An irrational equilibrium: decimals, then each irrational number as the root of its polynomial."""
    lines = [f"  {number}. (mixed, irrational){'' if efficient else '  [Pareto-dominated]'}"]
    for i, player in enumerate(game.players):
        lines.append(f"     {player.name}: {strategy_text(game, i, eq.profile[i], digits)}")
    lines.append("     payoffs: " + ", ".join(f"{p.name} {number_text(v, digits)}"
                                             for p, v in zip(game.players, eq.payoffs, strict=False)))
    lines.append("     exact values (each the only root of its polynomial in the interval):")
    for i, player in enumerate(game.players):
        for k, p in enumerate(eq.profile[i]):
            if not p.is_rational:
                lines.append(f"       {player.name} {game.players[i].strategies[k]!r}: {_root_text(p)}")
    for player, v in zip(game.players, eq.payoffs, strict=False):
        if not v.is_rational:
            lines.append(f"       payoff of {player.name}: {_root_text(v)}")
    return lines


def _root_text(x: Any) -> str:
    low, high = x.isolating_interval()
    return f"root of {polynomial_text(x.minimal_polynomial())} in [{fmt(low)}, {fmt(high)}]"


def solution_set_lines(game: StrategicGame, sets: Sequence[Any], digits: int) -> list[str]:
    """Positive-dimensional solution sets: the support, the dimension, the sample equilibrium."""
    if not sets:
        return []
    lines = ["The game is degenerate: on these supports the indifference equations have a continuum of",
             "solutions (dimension of the solution set shown); a sample equilibrium is given where one was found:"]
    shown = [s for s in sets if s.sample is not None]
    for k, found in enumerate(shown, start=1):
        support = "; ".join(f"{p.name}: {', '.join(p.strategies[j] for j in found.supports[i])}"
                            for i, p in enumerate(game.players))
        lines.append(f"  set {k} (dimension {found.dimension}) on supports {support}")
        for i, player in enumerate(game.players):
            lines.append(f"     {player.name}: {strategy_text(game, i, found.sample.profile[i], digits)}")
    missing = len(sets) - len(shown)
    if missing:
        lines.append(f"  and {missing} more support profile(s) with a continuum of solutions but no equilibrium "
                     "at the sample points tried")
    return lines


def solution_sets_json(game: StrategicGame, sets: Sequence[Any], digits: int) -> list[dict[str, Any]]:
    players = [p.name for p in game.players]
    out = []
    for s in sets:
        entry: dict[str, Any] = {
            "supports": {players[i]: [game.players[i].strategies[k] for k in s.supports[i]]
                         for i in range(len(players))},
            "dimension": s.dimension,
            "sample": None,
            "sample_points_tried": s.tried,
        }
        if s.sample is not None:
            entry["sample"] = {players[i]: {name: number_json(p, digits) for name, p in
                                            zip(game.players[i].strategies, s.sample.profile[i], strict=False)}
                               for i in range(len(players))}
        out.append(entry)
    return out


def equilibrium_json(game: StrategicGame, eq: Any, efficient: bool, digits: int) -> dict[str, Any]:
    players = [p.name for p in game.players]
    return {
        "profile": {players[i]: {name: number_json(p, digits)
                                 for name, p in zip(game.players[i].strategies, s, strict=False)}
                    for i, s in enumerate(eq.profile)},
        "payoffs": {players[i]: number_json(v, digits) for i, v in enumerate(eq.payoffs)},
        "pure": False,
        "pareto_efficient": efficient,
        "irrational": True,
    }
