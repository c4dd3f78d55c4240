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

import difflib
import re
import tomllib
from collections import Counter
from decimal import Decimal
from fractions import Fraction
from math import prod
from typing import Any

from negsolve.errors import InputError, Problem
from negsolve.expr import ExpressionError, format_number, parse_expression
from negsolve.io.locate import LineIndex
from negsolve.limits import (
    MAX_DIGITS,
    MAX_PLAYERS,
    MAX_PROFILES,
    LimitError,
    character_problem,
    decimal_value,
    integer_value,
    out_of_range,
)
from negsolve.model.expression import Expr, Number
from negsolve.model.strategic import Parameter, Player, StrategicGame

TOP_LEVEL_KEYS = ("game", "parameters", "players", "payoffs")
GAME_KEYS = ("title", "summary", "form", "source")
PLAYER_KEYS = ("name", "strategies", "about")
PARAMETER_KEYS = ("value", "min", "max", "about")


MAX_PROBLEMS = 100  # per file: the rest are counted, not listed (and not located: that costs a scan)


class _Collector:
    def __init__(self, text: str, filename: str):
        self.text = text
        self.filename = filename
        self.problems: list[Problem] = []
        self._index: LineIndex | None = None

    def add(self, path: list[str | int], message: str, hint: str | None = None, column: int | None = None,
            snippet: str | None = None) -> None:
        """Record a problem at ``path``; ``snippet`` (a string value) and ``column`` (within it) give a column."""
        if len(self.problems) >= MAX_PROBLEMS:
            if len(self.problems) == MAX_PROBLEMS:
                self.problems.append(Problem(f"more problems follow; only the first {MAX_PROBLEMS} are listed",
                                             file=self.filename))
            return
        key = _dotted(path) if path else None
        if path and self._index is None:
            self._index = LineIndex(self.text)
        line = self._index.line(path) if path and self._index else None
        col = None
        if line is not None and snippet is not None:
            text = self.text.splitlines()[line - 1]
            for quoted in (f'"{snippet}"', f"'{snippet}'"):
                at = text.find(quoted)
                if at >= 0:
                    col = at + 2 + ((column or 1) - 1)
                    break
        self.problems.append(Problem(message, file=self.filename, line=line, column=col, key=key, hint=hint))

    def text_ok(self, path: list[str | int], value: str, what: str, free_text: bool = False) -> bool:
        """False (and a problem recorded) when ``value`` holds a control or bidirectional character."""
        problem = character_problem(value, free_text)
        if problem:
            self.add(path, f"{what} {_brief(value)}: {problem}")
        return problem is None


def _dotted(path: list[str | int]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            name = part if re.fullmatch(r"[A-Za-z0-9_-]+", part) else f'"{part}"'
            out += ("." if out else "") + name
    return out


def _suggest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"did you mean {close[0]!r}?" if close else None


def toml_position(error: tomllib.TOMLDecodeError) -> tuple[int | None, int | None]:
    """tomllib reports its position only inside the message: '(at line 3, column 23)'."""
    match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
    if match:
        return int(match.group(1)), int(match.group(2))
    match = re.search(r"\(at end of document\)", str(error))
    return (None, None) if not match else (None, None)


def parse_toml_text(text: str, filename: str) -> dict[str, Any]:
    """TOML text -> data (decimals kept exact), or an InputError at the syntax error's position."""
    if not text.strip():
        raise InputError([Problem("the file is empty", file=filename, hint="see docs/game-format.md for an example")])
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except RecursionError:
        raise InputError([Problem("arrays or inline tables are nested too deeply to read", file=filename,
                                  hint="a game file needs a few levels")]) from None
    except ValueError as exc:  # not a TOMLDecodeError: an integer beyond Python's 4,300-digit limit
        if isinstance(exc, tomllib.TOMLDecodeError):
            raise _syntax_error(exc, filename) from None
        long_number = re.search(rf"\d{{{MAX_DIGITS + 1},}}", text, re.ASCII)
        line = text.count("\n", 0, long_number.start()) + 1 if long_number else None
        raise InputError([Problem(f"a number is out of range: it has more than {MAX_DIGITS} digits",
                                  file=filename, line=line)]) from None


def _syntax_error(exc: tomllib.TOMLDecodeError, filename: str) -> InputError:
    line, column = toml_position(exc)
    message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
    return InputError([Problem(f"TOML syntax error: {message}", file=filename, line=line, column=column)])


def loads_toml(text: str, filename: str = "<string>") -> StrategicGame:
    """Parse a strategic game from TOML text; raise :class:`InputError` listing every problem."""
    return game_from_data(parse_toml_text(text, filename), text, filename)


def game_from_data(data: dict[str, Any], text: str, filename: str) -> StrategicGame:
    out = _Collector(text, filename)
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            out.add([key], "unknown table or key", _suggest(key, TOP_LEVEL_KEYS) or
                    "a strategic game has [game], [parameters], [[players]] and [payoffs]")

    game_table = data.get("game", {})
    title = ""
    summary = ""
    if not isinstance(game_table, dict):
        out.add(["game"], "must be a table: [game]")
        game_table = {}
    for key, value in game_table.items():
        if key not in GAME_KEYS:
            out.add(["game", key], "unknown key", _suggest(key, GAME_KEYS))
        elif not isinstance(value, str):
            out.add(["game", key], f"must be a string, not {_kind(value)}")
        else:
            out.text_ok(["game", key], value, f"the {key}", free_text=key == "summary")
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


def _brief(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _kind(value: Any) -> str:
    return {
        bool: "a boolean",
        int: "an integer",
        Decimal: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def _exact(value: Any) -> Fraction | None:
    """The exact value of a TOML number (None for anything else); ExpressionError beyond the limits."""
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, int):
            return integer_value(value)
        if isinstance(value, Decimal):
            return decimal_value(value)
    except LimitError as exc:
        raise ExpressionError(out_of_range(str(value), exc)) from None
    return None


def _number(raw: Any) -> Fraction | None:
    """An exact number from TOML: an integer, a decimal or a fraction string ("2/3"); None otherwise."""
    value = _exact(raw)
    if value is None and isinstance(raw, str):
        try:
            from negsolve.model.expression import evaluate

            value = evaluate(parse_expression(raw, names=()), {})
        except (ExpressionError, ArithmeticError):
            return None
    return value


def _read_parameters(table: Any, out: _Collector) -> list[Parameter]:
    params: list[Parameter] = []
    if not isinstance(table, dict):
        out.add(["parameters"], "must be a table: [parameters]")
        return params
    for name, spec in table.items():
        path: list[str | int] = ["parameters", name]
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            out.add(path, "a parameter name must be a letter or '_' followed by letters, digits or '_'")
            continue
        about = ""
        raw = spec
        bounds: dict[str, Fraction | None] = {"min": None, "max": None}
        if isinstance(spec, dict):
            for key in spec:
                if key not in PARAMETER_KEYS:
                    out.add(path + [key], "unknown key", _suggest(key, PARAMETER_KEYS)
                            or "use 'value', 'min', 'max' and 'about'")
            if "value" not in spec:
                out.add(path, "missing key 'value'")
                continue
            raw = spec["value"]
            about = spec.get("about", "")
            if not isinstance(about, str):
                out.add(path + ["about"], "must be a string")
                about = ""
            elif not out.text_ok(path + ["about"], about, "the description", free_text=True):
                continue
            bounds_ok = True
            for key in ("min", "max"):
                if key in spec:
                    try:
                        bounds[key] = _number(spec[key])
                    except ExpressionError as exc:
                        out.add(path + [key], exc.message)
                        bounds_ok = False
                        continue
                    if bounds[key] is None:
                        out.add(path + [key], f"{key} must be an exact number such as 0, 0.5 or \"2/3\", "
                                f"not {_brief(spec[key])}")
                        bounds_ok = False
            low, high = bounds["min"], bounds["max"]
            if bounds_ok and low is not None and high is not None and low > high:
                out.add(path + ["min"], f"min {format_number(low)} is above max {format_number(high)}: "
                        "the domain is empty")
                bounds = {"min": None, "max": None}  # still declared, so its uses are not reported too
        try:
            value = _exact(raw)
        except ExpressionError as exc:
            out.add(path, exc.message)
            continue
        if value is None and isinstance(raw, str):
            try:
                expr = parse_expression(raw, names=())
                from negsolve.model.expression import evaluate

                value = evaluate(expr, {})
            except (ExpressionError, ArithmeticError) as exc:
                why = f" ({exc.message})" if isinstance(exc, ExpressionError) and "out of range" in exc.message else (
                    " (numbers are written with the ASCII digits 0-9)" if any(c.isdigit() and not c.isascii()
                                                                              for c in raw) else "")
                out.add(path, f"value must be an exact number such as 2, 0.5 or \"2/3\", not {_brief(raw)}{why}")
                continue
        if value is None:
            if isinstance(raw, str):
                out.add(path, f"value must be an exact number such as 2, 0.5 or \"2/3\", not {raw!r}")
            else:
                out.add(path, f"value must be a number, not {_kind(raw)}")
            continue
        parameter = Parameter(name, value, about.strip(), bounds["min"], bounds["max"])
        if not parameter.contains(value):
            out.add(path + ["value"], f"value {format_number(value)} is outside the domain "
                    f"{parameter.domain_words()}", "change the value or widen min/max")
        params.append(parameter)
    return params


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

    walk(table, 2, (), ["payoffs"])
    if not good:
        return ()
    shape = tuple(len(p.strategies) for p in players)
    import itertools

    return tuple(cells[profile] for profile in itertools.product(*(range(k) for k in shape)))


# -- writing -------------------------------------------------------------------------------------

def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def _text_block(text: str) -> str:
    """A multi-line TOML string when the text has line breaks and can be written literally."""
    if "\n" in text and '"""' not in text and "\\" not in text and not text.endswith('"'):
        return '"""\n' + text + '\n"""'
    return _quote(text)


def _key(text: str) -> str:
    return text if re.fullmatch(r"[A-Za-z0-9_-]+", text) else _quote(text)


def _payoff_text(expr: Expr) -> str:
    if isinstance(expr, Number) and expr.value.denominator == 1:
        return str(expr.value.numerator)
    if isinstance(expr, Number):
        return _quote(format_number(expr.value))
    return _quote(str(expr))


def _number_text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else _quote(format_number(value))


def header_lines(title: str, summary: str, reference: str, parameters: tuple[Parameter, ...]) -> list[str]:
    """The [game] and [parameters] tables, shared by the strategic and the tree format."""
    lines = ["[game]", f"title = {_quote(title)}"]
    if summary:
        lines.append(f"summary = {_text_block(summary)}")
    if reference:
        lines.append(f"source = {_quote(reference)}")
    if parameters:
        lines += ["", "[parameters]"]
        for p in parameters:
            about = f", about = {_quote(p.about)}" if p.about else ""
            bounds = "".join(f", {key} = {_number_text(bound)}"
                             for key, bound in (("min", p.minimum), ("max", p.maximum)) if bound is not None)
            lines.append(f"{_key(p.name)} = {{ value = {_number_text(p.value)}{bounds}{about} }}")
    return lines


def dumps_toml(game: StrategicGame) -> str:
    """The TOML text of ``game``; reading it back gives an equal game."""
    lines = header_lines(game.title, game.summary, game.reference, game.parameters)
    for player in game.players:
        lines += ["", "[[players]]", f"name = {_quote(player.name)}"]
        lines.append("strategies = [" + ", ".join(_quote(s) for s in player.strategies) + "]")
        if player.about:
            lines.append(f"about = {_quote(player.about)}")
    shape = game.shape
    import itertools

    outer = list(itertools.product(*(range(k) for k in shape[2:])))
    for rest in outer:
        header = ".".join(["payoffs"] + [_key(game.players[2 + d].strategies[s]) for d, s in enumerate(rest)])
        lines += ["", f"[{header}]"]
        for i, row in enumerate(game.players[0].strategies):
            cells = []
            for j in range(shape[1]):
                cell = game.payoffs[game.index((i, j) + rest)]
                cells.append("[" + ", ".join(_payoff_text(e) for e in cell) + "]")
            lines.append(f"{_key(row)} = [" + ", ".join(cells) + "]")
    return "\n".join(lines) + "\n"
