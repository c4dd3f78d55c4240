"""The TOML game format (strategic form): read and write.

See ``docs/game-format.md`` for the documented schema.  In short::

    [game]        title, summary
    [parameters]  name = { value = 2, about = "..." }   (or name = 2)
    [[players]]   name, strategies, about
    [payoffs]     two players: "<row strategy>" = [[u1, u2], ...] one cell per column strategy
                  n players: nested tables keyed by the strategies of players 3..n
                  ([payoffs."<p3 strategy>"]), each holding a two-player block.

Payoffs are integers, decimals (read exactly) or strings holding an exact number
("2/3") or an expression over declared parameters ("3 - s"), parsed by
:mod:`negsolve.expr`.  All problems in a file are collected and raised together.
"""

from __future__ import annotations

from collections import Counter
from math import prod
from typing import Any

from negsolve.errors import InputError
from negsolve.expr import ExpressionError, parse_expression

# The shared reader parts (toml_common), the parameter reader (toml_parameters) and the writer
# (toml_writer) live in their own modules; their names stay importable from here.
from negsolve.io.toml_common import (  # noqa: F401
    GAME_KEYS,
    MAX_PROBLEMS,
    _brief,
    _Collector,
    _dotted,
    _exact,
    _kind,
    _number,
    _suggest,
    parse_toml_text,
    read_game_table,
    toml_position,
)
from negsolve.io.toml_parameters import PARAMETER_KEYS, _read_parameters  # noqa: F401
from negsolve.io.toml_writer import (  # noqa: F401
    _key,
    _payoff_text,
    _quote,
    dumps_toml,
    header_lines,
)
from negsolve.limits import MAX_PLAYERS, MAX_PROFILES
from negsolve.model.expression import Expr, Number
from negsolve.model.strategic import Player, StrategicGame

TOP_LEVEL_KEYS = ("game", "parameters", "players", "payoffs")
PLAYER_KEYS = ("name", "strategies", "about")


def loads_toml(text: str, filename: str = "<string>") -> StrategicGame:
    """Parse a strategic game from TOML text; raise :class:`InputError` listing every problem."""
    return game_from_data(parse_toml_text(text, filename), text, filename)


def game_from_data(data: dict[str, Any], text: str, filename: str) -> StrategicGame:
    out = _Collector(text, filename)
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            out.add([key], "unknown table or key", _suggest(key, TOP_LEVEL_KEYS) or
                    "a strategic game has [game], [parameters], [[players]] and [payoffs]")

    game_table = read_game_table(data, out)
    title = game_table.get("title", "") if isinstance(game_table.get("title", ""), str) else ""
    summary = game_table.get("summary", "") if isinstance(game_table.get("summary", ""), str) else ""
    reference = game_table.get("source", "") if isinstance(game_table.get("source", ""), str) else ""
    form = game_table.get("form", "strategic")
    if form != "strategic":
        out.add(["game", "form"], f"unsupported form {form!r}", "this version reads strategic games")
    if "game" not in data:
        out.add([], "missing the [game] table with a title")
    elif not title.strip():
        out.add(["game"], "missing key 'title'")

    parameters = _read_parameters(data.get("parameters", {}), out)
    names = {p.name for p in parameters}
    players = _read_players(data.get("players"), out)
    payoffs: tuple[tuple[Expr, ...], ...] = ()
    if players is not None and prod(len(p.strategies) for p in players) > MAX_PROFILES:
        out.add(["players"], f"the game has {prod(len(p.strategies) for p in players)} strategy profiles, "
                f"the limit is {MAX_PROFILES}", "see docs/limits.md")
    elif players is not None:
        payoffs = _read_payoffs(data.get("payoffs"), players, names, out)

    if out.problems:
        raise InputError(sorted(out.problems, key=lambda p: (p.line is None, p.line or 0)))
    assert players is not None  # no problems means players were read
    return StrategicGame(
        title=title.strip(),
        players=tuple(players),
        payoffs=payoffs,
        parameters=tuple(parameters),
        summary=summary.strip(),
        reference=reference.strip(),
        source=filename,
    )


def _read_players(value: Any, out: _Collector) -> list[Player] | None:
    if value is None:
        out.add([], "missing the players: add one [[players]] table per player")
        return None
    if not isinstance(value, list) or not all(isinstance(p, dict) for p in value):
        out.add(["players"], "must be an array of tables: one [[players]] per player")
        return None
    players: list[Player] = []
    ok = True
    if len(value) < 2:
        out.add(["players"], f"a game needs at least 2 players, found {len(value)}")
        ok = False
    if len(value) > MAX_PLAYERS:
        out.add(["players"], f"a game may have at most {MAX_PLAYERS} players, found {len(value)}")
        return None
    seen: set[str] = set()
    for k, spec in enumerate(value):
        path: list[str | int] = ["players", k]
        for key in spec:
            if key not in PLAYER_KEYS:
                out.add(path + [key], "unknown key", _suggest(key, PLAYER_KEYS))
        name = spec.get("name")
        if not isinstance(name, str) or not name.strip():
            out.add(path, "missing key 'name' (a non-empty string)")
            ok = False
            name = f"Player {k + 1}"
        elif name in seen:
            out.add(path + ["name"], f"player name {name!r} is used twice")
            ok = False
        elif not out.text_ok(path + ["name"], name, "player name"):
            ok = False
        seen.add(name)
        strategies = spec.get("strategies")
        if not isinstance(strategies, list) or not strategies:
            out.add(path + (["strategies"] if "strategies" in spec else []),
                    "missing or empty 'strategies' (a list of names)")
            ok = False
            continue
        if not all(isinstance(s, str) and s.strip() for s in strategies):
            out.add(path + ["strategies"], "every strategy must be a non-empty string")
            ok = False
            continue
        dupes = sorted(s for s, count in Counter(strategies).items() if count > 1)
        if dupes:
            out.add(path + ["strategies"], f"strategy names repeated: {', '.join(dupes)}")
            ok = False
        if not all([out.text_ok(path + ["strategies"], s, f"strategy {k + 1}") for k, s in enumerate(strategies)]):
            ok = False
        about = spec.get("about", "")
        if isinstance(about, str) and not out.text_ok(path + ["about"], about, "the description", free_text=True):
            ok = False
        players.append(Player(name, tuple(strategies), about if isinstance(about, str) else ""))
    return players if ok else None


def _read_cell(value: Any, path: list[str | int], n: int, names: set[str], out: _Collector) -> tuple[Expr, ...] | None:
    if not isinstance(value, list):
        out.add(path, f"a cell must be a list of {n} payoffs, one per player, not {_kind(value)}")
        return None
    if len(value) != n:
        out.add(path, f"expected {n} payoffs (one per player), got {len(value)}")
        return None
    cell: list[Expr] = []
    good = True
    for k, raw in enumerate(value):
        try:
            exact = _exact(raw)
        except ExpressionError as exc:
            out.add(path, f"payoff {k + 1}: {exc.message}")
            good = False
            continue
        if exact is not None:
            cell.append(Number(exact))
        elif isinstance(raw, str):
            try:
                cell.append(parse_expression(raw, names))
            except ExpressionError as exc:
                out.add(path, f"payoff {k + 1}: {exc.message}", exc.hint, column=exc.column, snippet=raw)
                good = False
        else:
            out.add(path, f"payoff {k + 1} must be a number or a string expression, not {_kind(raw)}")
            good = False
    return tuple(cell) if good else None


def _read_block(table: Any, path: list[str | int], players: list[Player], names: set[str],
                out: _Collector) -> dict[tuple[int, int], tuple[Expr, ...]] | None:
    """A two-player block: row strategy of player 1 -> list of cells over player 2's strategies."""
    rows, cols = players[0].strategies, players[1].strategies
    n = len(players)
    if not isinstance(table, dict):
        out.add(path, f"must be a table with one key per strategy of {players[0].name}")
        return None
    block: dict[tuple[int, int], tuple[Expr, ...]] = {}
    good = True
    for key in table:
        if key not in rows:
            out.add(path + [key], f"{key!r} is not a strategy of {players[0].name}",
                    _suggest(key, rows) or "strategies: " + ", ".join(rows))
            good = False
            if isinstance(table[key], list):  # still check its cells, so every problem shows at once
                for raw in table[key]:
                    _read_cell(raw, path + [key], n, names, out)
    for i, row in enumerate(rows):
        if row not in table:
            out.add(path, f"missing the row for {players[0].name}'s strategy {row!r}")
            good = False
            continue
        cells = table[row]
        if not isinstance(cells, list):
            out.add(path + [row], f"must be a list of {len(cols)} cells, one per strategy of {players[1].name}")
            good = False
            continue
        if len(cells) != len(cols):
            out.add(path + [row], f"expected {len(cols)} cells (one per strategy of {players[1].name}: "
                    f"{', '.join(cols)}), got {len(cells)}")
            good = False
            continue
        for j, raw in enumerate(cells):
            cell = _read_cell(raw, path + [row], n, names, out)
            if cell is None:
                good = False
            else:
                block[(i, j)] = cell
    return block if good else None


def _read_payoffs(table: Any, players: list[Player], names: set[str], out: _Collector) -> tuple[tuple[Expr, ...], ...]:
    if table is None:
        out.add([], "missing the [payoffs] table")
        return ()
    return read_strategic_cells(table, players, names, ["payoffs"], out) or ()


def read_strategic_cells(node: Any, players: list[Player], names: set[str], path: list[str | int],
                         out: _Collector) -> tuple[tuple[Expr, ...], ...] | None:
    """The cells of a strategic-form payoff table at ``path`` (two players: rows; more: nested tables by
    the strategies of players 3..n), in profile order; None (problems reported) when it is unusable."""
    import itertools

    cells: dict[tuple[int, ...], tuple[Expr, ...]] = {}
    good = True

    def walk(node: Any, depth: int, prefix: tuple[int, ...], path: list[str | int]) -> None:
        nonlocal good
        if depth == len(players):
            block = _read_block(node, path, players, names, out)
            if block is None:
                good = False
                return
            for (i, j), cell in block.items():
                cells[(i, j) + prefix] = cell
            return
        player = players[depth]
        if not isinstance(node, dict):
            out.add(path, f"must hold one table per strategy of {player.name}")
            good = False
            return
        for key in node:
            if key not in player.strategies:
                out.add(path + [key], f"{key!r} is not a strategy of {player.name}",
                        _suggest(key, player.strategies) or "strategies: " + ", ".join(player.strategies))
                good = False
        for k, strategy in enumerate(player.strategies):
            if strategy not in node:
                out.add(path, f"missing the table [{_dotted(path + [strategy])}] for {player.name}")
                good = False
                continue
            walk(node[strategy], depth + 1, prefix + (k,), path + [strategy])

    walk(node, 2, (), path)
    if not good:
        return None
    shape = tuple(len(p.strategies) for p in players)
    return tuple(cells[profile] for profile in itertools.product(*(range(k) for k in shape)))


