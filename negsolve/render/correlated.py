"""The ``correlated`` report: correlated equilibria, the mediator's reading in words, text and JSON."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from negsolve.deals.correlated import CorrelatedPoint, CorrelatedResult
from negsolve.model.strategic import StrategicGame
from negsolve.render.deals import outcome_json, outcome_text, point_text
from negsolve.render.numbers import fmt

JSON_SCHEMA = "negsolve.correlated/1"


def _support(result: CorrelatedResult, point: CorrelatedPoint) -> list[tuple[tuple[int, ...], Fraction]]:
    return [(s, p) for s, p in zip(result.table.profiles(), point.distribution, strict=True) if p]


def distribution_text(game: StrategicGame, result: CorrelatedResult, point: CorrelatedPoint) -> str:
    return " + ".join(f"{fmt(p)} {outcome_text(game, s)}" for s, p in _support(result, point))


def mediator_lines(game: StrategicGame, result: CorrelatedResult, point: CorrelatedPoint,
                   mediator: str = "The mediator") -> list[str]:
    """The distribution read as a mediator's private recommendations, and why each is obeyed."""
    table = result.table
    support = _support(result, point)
    lines = [f"{mediator} draws one outcome: " + ", ".join(f"{outcome_text(game, s)} with probability {fmt(p)}"
                                                         for s, p in support)
             + ". It tells each side only its own part, and nobody gains by disobeying:"]
    for i, player in enumerate(game.players):
        for a, name in enumerate(player.strategies):
            told = [(s, p) for s, p in support if s[i] == a]
            total = sum((p for _, p in told), Fraction(0))
            if not total:
                continue
            others = _others_told(game, i, [(s, p / total) for s, p in told])
            obey = sum((p * table.at(s)[i] for s, p in told), Fraction(0)) / total
            best_other, best_value = None, None
            for b, other in enumerate(player.strategies):
                if b == a:
                    continue
                value = sum((p * table.at(s[:i] + (b,) + s[i + 1:])[i] for s, p in told), Fraction(0)) / total
                if best_value is None or value > best_value:
                    best_other, best_value = other, value
            tail = f"; switching to '{best_other}' would pay {fmt(best_value)}" if best_value is not None else ""
            lines.append(f"  - {player.name} hears '{name}' (probability {fmt(total)}): it infers that "
                         f"{others}. Obeying pays {fmt(obey)}{tail}.")
    return lines


def _others_told(game: StrategicGame, player: int, told: list[tuple[tuple[int, ...], Fraction]]) -> str:
    """'North Korea was told 'Slow down' for sure' or '... with probability 1/2, ...'."""
    def names(s: tuple[int, ...]) -> str:
        return " and ".join(f"{q.name} was told '{q.strategies[s[j]]}'" for j, q in enumerate(game.players)
                            if j != player)

    if len(told) == 1:
        return names(told[0][0]) + " for sure"
    return "; ".join(f"with probability {fmt(p)}, {names(s)}" for s, p in told)


def correlated_text(game: StrategicGame, values: dict[str, Fraction], result: CorrelatedResult,
                    mediator: str = "The mediator") -> str:
    """The human-readable ``negsolve correlated`` report."""
    lines = [f"Correlated equilibria of {game.title}", "=" * (25 + len(game.title))]
    if game.parameters:
        lines.append("Parameters: " + ", ".join(f"{p.name} = {fmt(values[p.name])}" for p in game.parameters))
    order = ", ".join(p.name for p in game.players)
    lines += ["", f"Payoffs are listed in the order ({order}). All numbers are exact ({result.method}).", ""]
    best = result.max_welfare
    lines.append(f"Largest total payoff: {fmt(best.total)}, payoffs {point_text(best.payoffs)}, from")
    lines.append(f"  {distribution_text(game, result, best)}")
    lines += [""] + mediator_lines(game, result, best, mediator) + [""]
    for i, point in enumerate(result.best_for):
        lines.append(f"Best for {game.players[i].name}: {point_text(point.payoffs)} from "
                     f"{distribution_text(game, result, point)}")
    nash_total = max(sum(e.payoffs, Fraction(0)) for e in result.nash.equilibria)
    lines.append("")
    lines.append(f"Best Nash payoffs, player by player: {point_text(result.nash_best)}; best Nash total: "
                 f"{fmt(nash_total)}.")
    if best.total > nash_total:
        lines.append(f"The mediator raises the total above every Nash equilibrium "
                     f"({fmt(best.total)} > {fmt(nash_total)}).")
    if result.beats_nash is not None:
        beats = result.beats_nash
        lines.append(f"A correlated equilibrium beats every Nash equilibrium for everyone: "
                     f"{point_text(beats.payoffs)} from {distribution_text(game, result, beats)}")
    else:
        lines.append("No correlated equilibrium gives every player more than its best Nash equilibrium.")
    coarse = result.coarse_max_welfare
    lines += ["", f"Coarse correlated equilibria (players commit to the mediator before hearing it): largest total "
                  f"{fmt(coarse.total)}, payoffs {point_text(coarse.payoffs)}, from",
              f"  {distribution_text(game, result, coarse)}"]
    if result.vertices is not None:
        lines += ["", f"Vertices of the set of correlated equilibria ({len(result.vertices)}):"]
        lines += [f"  {point_text(v.payoffs)}: {distribution_text(game, result, v)}" for v in result.vertices]
    lines += [f"Note: {n}" for n in result.notes]
    return "\n".join(lines)


def _point_json(game: StrategicGame, result: CorrelatedResult, point: CorrelatedPoint) -> dict[str, Any]:
    return {
        "distribution": [{"outcome": outcome_json(game, s), "probability": fmt(p)} for s, p in _support(result, point)],
        "payoffs": {p.name: fmt(v) for p, v in zip(game.players, point.payoffs, strict=True)},
        "total": fmt(point.total),
    }


def correlated_json(game: StrategicGame, values: dict[str, Fraction], result: CorrelatedResult) -> dict[str, Any]:
    """The JSON contract of ``negsolve correlated --format json`` (schema ``negsolve.correlated/1``)."""
    players = [p.name for p in game.players]
    data: dict[str, Any] = {
        "schema": JSON_SCHEMA,
        "game": game.title,
        "players": players,
        "parameters": {p.name: fmt(values[p.name]) for p in game.parameters},
        "max_welfare": _point_json(game, result, result.max_welfare),
        "best_for": {players[i]: _point_json(game, result, p) for i, p in enumerate(result.best_for)},
        "coarse": {
            "max_welfare": _point_json(game, result, result.coarse_max_welfare),
            "best_for": {players[i]: _point_json(game, result, p) for i, p in enumerate(result.coarse_best_for)},
        },
        "nash_best": {players[i]: fmt(v) for i, v in enumerate(result.nash_best)},
        "beats_every_nash": None if result.beats_nash is None else _point_json(game, result, result.beats_nash),
        "method": result.method,
        "notes": list(result.notes),
    }
    if result.vertices is not None:
        data["vertices"] = [_point_json(game, result, v) for v in result.vertices]
    return data
