"""The TOML format of Bayesian games (games with types): read.

See ``docs/game-format.md`` ("Games with types").  In short::

    [game]        title, summary, source; form = "bayesian" (optional: types make it one)
    [parameters]  as in strategic games; a prior may use them (p = { value = "1/3", min = 0, max = 1 })
    [[players]]   name, strategies, about; a player with private information adds
                  types = ["Serious", "Stalling"] and, when types are independent,
                  prior = { Serious = "p", Stalling = "1 - p" }
    [prior]       instead of per-player priors: a joint prior, one entry per type profile,
                  nested in player order over the players with types ([prior.Serious] Hawk = "1/4")
    [payoffs."<type>"...]  one strategic-form payoff block per type profile (keys: the types of
                  the players with types, in player order), written like a strategic game's [payoffs]

The prior must sum to 1, checked exactly; with parameters, as a polynomial identity in them
(``p + (1 - p) = 1`` whatever ``p``), so a file cannot depend on the default values to be a
distribution.  Problems are collected and reported with file, line and key, like every format.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from math import prod
from typing import Any

from negsolve.errors import InputError
from negsolve.expr import ExpressionError, parse_expression
from negsolve.io.toml_common import read_game_table
from negsolve.io.toml_format import (
    PLAYER_KEYS,
    _Collector,
    _dotted,
    _exact,
    _kind,
    _read_parameters,
    _suggest,
    read_strategic_cells,
)
from negsolve.limits import MAX_PLAYERS, MAX_PROFILES
from negsolve.model.bayesian import BayesianGame, TypedPlayer, prior_problems
from negsolve.model.expression import Binary, Expr, Number
from negsolve.model.identity import sum_is_one
from negsolve.model.strategic import Player

TOP_LEVEL_KEYS = ("game", "parameters", "players", "prior", "payoffs")
BAYESIAN_PLAYER_KEYS = (*PLAYER_KEYS, "types", "prior")


def is_bayesian_data(data: dict[str, Any]) -> bool:
    """Whether parsed TOML describes a game with types (form = "bayesian", a player's types, or [prior])."""
    game = data.get("game")
    if isinstance(game, dict) and game.get("form") == "bayesian":
        return True
    players = data.get("players")
    typed = isinstance(players, list) and any(isinstance(p, dict) and ("types" in p or "prior" in p)
                                              for p in players)
    return typed or ("prior" in data and "nodes" not in data)


def bayesian_from_data(data: dict[str, Any], text: str, filename: str) -> BayesianGame:
    """A :class:`BayesianGame` from parsed TOML; InputError listing every problem."""
    out = _Collector(text, filename)
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            out.add([key], "unknown table or key", _suggest(key, TOP_LEVEL_KEYS) or
                    "a game with types has [game], [parameters], [[players]], [prior] and [payoffs]")
    title, summary, reference = _read_header(data, out)
    parameters = _read_parameters(data.get("parameters", {}), out)
    names = {p.name for p in parameters}
    players = _read_players(data.get("players"), out)
    prior: tuple[Expr, ...] = ()
    payoffs: tuple[tuple[tuple[Expr, ...], ...], ...] = ()
    if players is not None:
        size = prod(len(p.types) for p in players) * prod(len(p.strategies) for p in players)
        if size > MAX_PROFILES:
            out.add(["players"], f"the game has {size} (type profile, strategy profile) pairs, "
                    f"the limit is {MAX_PROFILES}", "see docs/limits.md")
        else:
            prior = _read_prior(data, players, names, out)
            payoffs = _read_payoffs(data.get("payoffs"), players, names, out)
    if out.problems:
        raise InputError(sorted(out.problems, key=lambda p: (p.line is None, p.line or 0)))
    assert players is not None
    game = BayesianGame(title, tuple(players), prior, payoffs, tuple(parameters), summary, reference, filename)
    _check_prior_values(game, data, out)
    if out.problems:
        raise InputError(out.problems)
    return game


def _read_header(data: dict[str, Any], out: _Collector) -> tuple[str, str, str]:
    table = read_game_table(data, out)
    if table.get("form", "bayesian") != "bayesian":
        out.add(["game", "form"], f"a game with types has form = \"bayesian\", not {table.get('form')!r}")
    texts = [table.get(k, "") if isinstance(table.get(k, ""), str) else "" for k in ("title", "summary", "source")]
    if "game" not in data:
        out.add([], "missing the [game] table with a title")
    elif not texts[0].strip():
        out.add(["game"], "missing key 'title'")
    return texts[0].strip(), texts[1].strip(), texts[2].strip()


def _names(value: Any, path: list[str | int], what: str, out: _Collector) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not value or not all(isinstance(s, str) and s.strip() for s in value):
        out.add(path, f"'{path[-1]}' must be a non-empty list of non-empty names")
        return None
    repeated = sorted({s for s in value if value.count(s) > 1})
    if repeated:
        out.add(path, f"{what} names repeated: {', '.join(repeated)}")
        return None
    if not all([out.text_ok(path, s, what) for s in value]):
        return None
    return tuple(value)


def _read_players(value: Any, out: _Collector) -> list[TypedPlayer] | None:
    if not isinstance(value, list) or not all(isinstance(p, dict) for p in value):
        out.add(["players"] if value is not None else [], "missing the players: one [[players]] table per player")
        return None
    if not 2 <= len(value) <= MAX_PLAYERS:
        out.add(["players"], f"a game needs 2 to {MAX_PLAYERS} players, found {len(value)}")
        return None
    players: list[TypedPlayer] = []
    seen: set[str] = set()
    for k, spec in enumerate(value):
        path: list[str | int] = ["players", k]
        for key in spec:
            if key not in BAYESIAN_PLAYER_KEYS:
                out.add(path + [key], "unknown key", _suggest(key, BAYESIAN_PLAYER_KEYS))
        name = spec.get("name")
        if not isinstance(name, str) or not name.strip():
            out.add(path, "missing key 'name' (a non-empty string)")
            name = f"Player {k + 1}"
        elif name in seen:
            out.add(path + ["name"], f"player name {name!r} is used twice")
        else:
            out.text_ok(path + ["name"], name, "player name")
        seen.add(name)
        strategies = _names(spec.get("strategies"), path + ["strategies"], "strategy", out)
        types = _names(spec["types"], path + ["types"], "type", out) if "types" in spec else (name,)
        about = spec.get("about", "")
        if not isinstance(about, str):
            out.add(path + ["about"], "must be a string")
            about = ""
        if strategies is not None and types is not None:
            players.append(TypedPlayer(name, types, strategies, about.strip()))
    return players if len(players) == len(value) and not out.problems else None


def _read_expr(raw: Any, path: list[str | int], names: set[str], out: _Collector, what: str) -> Expr | None:
    try:
        exact = _exact(raw)
    except ExpressionError as exc:
        out.add(path, f"{what}: {exc.message}")
        return None
    if exact is not None:
        return Number(exact)
    if isinstance(raw, str):
        try:
            return parse_expression(raw, names)
        except ExpressionError as exc:
            out.add(path, f"{what}: {exc.message}", exc.hint, column=exc.column, snippet=raw)
            return None
    out.add(path, f"{what} must be a number or a string expression, not {_kind(raw)}")
    return None


def _read_prior(data: dict[str, Any], players: list[TypedPlayer], names: set[str],
                out: _Collector) -> tuple[Expr, ...]:
    """One expression per type profile: the product of per-player priors, or the joint [prior] table."""
    typed = [i for i, p in enumerate(players) if p.has_types]
    per_player = [i for i in typed if "prior" in data["players"][i]]
    if "prior" in data and per_player:
        out.add(["prior"], "give either a joint [prior] table or one prior per player, not both")
        return ()
    shape = tuple(len(p.types) for p in players)
    if "prior" in data:
        return _read_joint_prior(data["prior"], players, typed, names, out)
    for i, spec in enumerate(data["players"]):
        if "prior" in spec and i not in typed:
            out.add(["players", i, "prior"], f"{players[i].name} has no types: give it 'types' first")
    missing = [i for i in typed if i not in per_player]
    for i in missing:
        out.add(["players", i], f"no prior for the types of {players[i].name}",
                "add prior = { TYPE = PROBABILITY, ... } to the player, or a joint [prior] table")
    if missing:
        return ()
    marginals: dict[int, tuple[Expr, ...]] = {}
    for i in typed:
        path: list[str | int] = ["players", i, "prior"]
        table = data["players"][i]["prior"]
        got = _read_distribution(table, path, players[i].types, names, out, f"the types of {players[i].name}")
        if got is not None:
            marginals[i] = got
    if len(marginals) != len(typed):
        return ()
    result = []
    for types in itertools.product(*(range(k) for k in shape)):
        term: Expr = Number(Fraction(1))
        for i in typed:
            factor = marginals[i][types[i]]
            term = factor if isinstance(term, Number) and term.value == 1 else Binary("*", term, factor)
        result.append(term)
    return tuple(result)


def _read_distribution(table: Any, path: list[str | int], keys: tuple[str, ...], names: set[str], out: _Collector,
                       what: str) -> tuple[Expr, ...] | None:
    if not isinstance(table, dict):
        out.add(path, f"must be a table with one probability per type ({', '.join(keys)})")
        return None
    good = True
    for key in table:
        if key not in keys:
            out.add(path + [key], f"{key!r} is not a type", _suggest(key, keys) or "types: " + ", ".join(keys))
            good = False
    values = []
    for key in keys:
        if key not in table:
            out.add(path, f"missing the probability of type {key!r}")
            good = False
            continue
        expr = _read_expr(table[key], path + [key], names, out, f"the probability of {key!r}")
        good = good and expr is not None
        values.append(expr)
    if not good:
        return None
    exprs = tuple(e for e in values if e is not None)
    if sum_is_one(exprs) is False:
        out.add(path, f"the probabilities of {what} do not sum to 1 ({' + '.join(str(e) for e in exprs)})")
        return None
    return exprs


def _read_joint_prior(table: Any, players: list[TypedPlayer], typed: list[int], names: set[str],
                      out: _Collector) -> tuple[Expr, ...]:
    if not typed:
        out.add(["prior"], "no player has types: add types = [...] to the players with private information")
        return ()
    found: dict[tuple[int, ...], Expr] = {}

    def walk(node: Any, depth: int, prefix: tuple[int, ...], path: list[str | int]) -> None:
        player = players[typed[depth]]
        if not isinstance(node, dict):
            out.add(path, f"must hold one entry per type of {player.name}")
            return
        for key in node:
            if key not in player.types:
                out.add(path + [key], f"{key!r} is not a type of {player.name}",
                        _suggest(key, player.types) or "types: " + ", ".join(player.types))
        for k, name in enumerate(player.types):
            if name not in node:
                out.add(path, f"missing the prior of {player.name}'s type {name!r}")
            elif depth + 1 < len(typed):
                walk(node[name], depth + 1, prefix + (k,), path + [name])
            else:
                expr = _read_expr(node[name], path + [name], names, out, "the prior probability")
                if expr is not None:
                    found[prefix + (k,)] = expr

    walk(table, 0, (), ["prior"])
    total = prod(len(players[i].types) for i in typed)
    if len(found) != total:
        return ()
    if sum_is_one(tuple(found.values())) is False:
        out.add(["prior"], "the prior probabilities do not sum to 1")
        return ()
    shape = tuple(len(p.types) for p in players)
    return tuple(found[tuple(t[i] for i in typed)] for t in itertools.product(*(range(k) for k in shape)))


def _read_payoffs(table: Any, players: list[TypedPlayer], names: set[str],
                  out: _Collector) -> tuple[tuple[tuple[Expr, ...], ...], ...]:
    """One strategic payoff block per type profile, keyed by the types of the players with types."""
    if table is None:
        out.add([], "missing the [payoffs] tables: one per type profile, e.g. [payoffs.\"Serious\"]")
        return ()
    typed = [i for i, p in enumerate(players) if p.has_types]
    plain = [Player(p.name, p.strategies) for p in players]
    blocks: dict[tuple[int, ...], tuple[tuple[Expr, ...], ...]] = {}

    def walk(node: Any, depth: int, prefix: tuple[int, ...], path: list[str | int]) -> None:
        if depth == len(typed):
            block = read_strategic_cells(node, plain, names, path, out)
            if block is not None:
                blocks[prefix] = block
            return
        player = players[typed[depth]]
        if not isinstance(node, dict):
            out.add(path, f"must hold one table per type of {player.name}")
            return
        for key in node:
            if key not in player.types:
                out.add(path + [key], f"{key!r} is not a type of {player.name}",
                        _suggest(key, player.types) or "types: " + ", ".join(player.types))
        for k, name in enumerate(player.types):
            if name not in node:
                out.add(path, f"missing the payoffs when {player.name} is {name!r}: "
                        f"add [{_dotted(path + [name])}]")
            else:
                walk(node[name], depth + 1, prefix + (k,), path + [name])

    walk(table, 0, (), ["payoffs"])
    if len(blocks) != prod(len(players[i].types) for i in typed):
        return ()
    shape = tuple(len(p.types) for p in players)
    return tuple(blocks[tuple(t[i] for i in typed)] for t in itertools.product(*(range(k) for k in shape)))


def _check_prior_values(game: BayesianGame, data: dict[str, Any], out: _Collector) -> None:
    """At the default parameter values the prior must be a distribution with every type possible."""
    for message in prior_problems(game, game.parameter_values()):
        out.add(["prior"] if "prior" in data else ["players"], message + " at the default parameter values",
                "change the prior or the parameters' values")
