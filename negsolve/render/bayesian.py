"""Bayesian games (games with types): the ``show`` tables and the ``solve`` report, text and JSON."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from negsolve.formatting import describe_mixture
from negsolve.model.bayesian import BayesianGame, BayesianValues
from negsolve.model.strategic import Player, StrategicGame, payoff_table
from negsolve.render.numbers import fmt
from negsolve.solvers.bayesian import BayesianEquilibrium, BayesianSolveResult

JSON_SCHEMA = "negsolve.bayesian/1"


def types_lines(game: BayesianGame, values: BayesianValues) -> list[str]:
    """Who has which types, and the prior probability of each type."""
    lines = []
    for i, player in enumerate(game.players):
        if not player.has_types:
            lines.append(f"  {player.name}: no private information")
            continue
        parts = [f"{t} ({fmt(values.marginal(i, k))})" for k, t in enumerate(player.types)]
        lines.append(f"  {player.name}: types " + ", ".join(parts) + "; it knows its own type")
    return lines


def _prior_words(game: BayesianGame, values: BayesianValues, k: int) -> str:
    expr = game.prior[k]
    value = fmt(values.prior[k])
    text = str(expr)
    return value if text == value else f"{text} = {value}"


def tables_text(game: BayesianGame, values: BayesianValues, overrides: Mapping[str, Fraction] | None) -> str:
    """``show``: the types, then one payoff table per type profile with its prior probability."""
    from negsolve.render.table import payoff_table_text

    lines = ["Types (common prior):"] + types_lines(game, values) + [""]
    plain = tuple(Player(p.name, p.strategies) for p in game.players)
    for k, types in enumerate(game.type_profiles()):
        block = StrategicGame(game.title, plain, game.payoffs[k], game.parameters)
        lines.append(f"When {game.type_profile_name(types)} (prior probability {_prior_words(game, values, k)}):")
        lines.append(payoff_table_text(block, payoff_table(block, overrides)))
        lines.append("")
    lines.append("Each player sees only its own type: its best choice weighs these tables by its beliefs "
                 "('negsolve solve' and 'negsolve explain' work them out).")
    return "\n".join(lines)


describe = describe_mixture  # "Build" or "3/4 Build + 1/4 Don't build"


def equilibrium_lines(game: BayesianGame, eq: BayesianEquilibrium, number: int) -> list[str]:
    lines = [f"  {number}. ({'pure' if eq.pure else 'mixed'})"]
    for i, player in enumerate(game.players):
        for t, dist in enumerate(eq.strategies[i]):
            who = f"{player.name} ({player.types[t]})" if player.has_types else player.name
            lines.append(f"     {who}: {describe(player.strategies, dist)}")
    parts = []
    for i, player in enumerate(game.players):
        text = f"{player.name} {fmt(eq.payoffs[i])}"
        if player.has_types:
            text += " (" + ", ".join(f"{t} {fmt(v)}" for t, v in zip(player.types, eq.interim[i], strict=True)) + ")"
        parts.append(text)
    lines.append("     expected payoffs: " + ", ".join(parts))
    return lines


def text_report(result: BayesianSolveResult) -> str:
    game = result.game
    lines = [game.title, "=" * len(game.title)]
    lines.append(f"{len(game.players)} players with types, {' x '.join(str(k) for k in game.shape)} strategies")
    values = result.parameter_values
    if game.parameters:
        lines.append("Parameters: " + ", ".join(f"{p.name} = {fmt(values[p.name])}" for p in game.parameters))
    lines += ["Types (common prior):"] + types_lines(game, result.values) + [""]
    count = len(result.equilibria)
    plural = "um" if count == 1 else "a"
    if not result.complete:
        lines.append(f"{count} Bayesian Nash equilibri{plural} found so far (INCOMPLETE, exact):")
    elif result.scope == "all":
        lines.append("1 Bayesian Nash equilibrium (the only one, exact):" if count == 1 and not result.degenerate else
                     f"{count} Bayesian Nash equilibri{plural} (all of them, pure and mixed; exact):"
                     if not result.degenerate else
                     f"{count} Bayesian Nash equilibri{plural} from the extreme equilibria of the ex-ante form "
                     "(exact; mixtures of them may also be equilibria):")
    else:
        lines.append(f"{count} pure Bayesian Nash equilibri{plural} (exact):")
    for k, eq in enumerate(result.equilibria, start=1):
        lines.extend(equilibrium_lines(game, eq, k))
    lines += ["", "Each type's strategy is a best response given its beliefs about the other types (checked exactly).",
              f"Method: {result.method}."]
    lines += [f"Note: {n}." for n in result.notes]
    return "\n".join(lines)


def json_report(result: BayesianSolveResult) -> dict[str, Any]:
    """The JSON contract of ``negsolve solve --format json`` for a game with types (schema negsolve.bayesian/1)."""
    game, values = result.game, result.values
    names = [p.name for p in game.players]
    return {
        "schema": JSON_SCHEMA,
        "game": game.title,
        "players": names,
        "types": {p.name: list(p.types) for p in game.players},
        "strategies": {p.name: list(p.strategies) for p in game.players},
        "parameters": {p.name: fmt(result.parameter_values[p.name]) for p in game.parameters},
        "prior": [
            {"types": {p.name: p.types[t] for p, t in zip(game.players, types, strict=True)},
             "probability": fmt(q)}
            for types, q in zip(game.type_profiles(), values.prior, strict=True)
        ],
        "equilibria": [
            {
                "profile": {p.name: {p.types[t]: {s: fmt(x) for s, x in zip(p.strategies, dist, strict=True)}
                                     for t, dist in enumerate(eq.strategies[i])}
                            for i, p in enumerate(game.players)},
                "payoffs": {p.name: fmt(v) for p, v in zip(game.players, eq.payoffs, strict=True)},
                "interim_payoffs": {p.name: {t: fmt(v) for t, v in zip(p.types, eq.interim[i], strict=True)}
                                    for i, p in enumerate(game.players)},
                "pure": eq.pure,
                "verified": result.verified,
            }
            for eq in result.equilibria
        ],
        "scope": result.scope,
        "complete": result.complete,
        "stopped": result.stopped,
        "degenerate": result.degenerate,
        "verified": result.verified,
        "method": result.method,
        "notes": list(result.notes),
    }

