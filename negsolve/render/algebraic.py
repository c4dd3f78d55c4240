"""Exact real algebraic numbers and n-player equilibria as text and JSON.

A rational prints as ``"p/q"``; an irrational number as a decimal (``--digits``) in text, and in
JSON as ``{"root_of": "5*x**2 - 5*x + 1", "interval": ["a", "b"], "decimal": "0.276393"}``: the
number is the only root of its minimal polynomial in the closed interval ``[a, b]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from negsolve.formatting import (  # noqa: F401  (re-exported: their old home)
    DEFAULT_DIGITS,
    fmt,
    number_json,
    number_text,
    polynomial_text,
    strategy_text,
)
from negsolve.model.strategic import StrategicGame


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
