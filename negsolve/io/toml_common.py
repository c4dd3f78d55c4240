"""What the TOML readers share: the problem collector that locates every problem by its
dotted key path, TOML syntax errors with their position, and exact numbers from TOML values.

Used by :mod:`negsolve.io.toml_format` (strategic games) and :mod:`negsolve.io.tree_toml`
(game trees).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from decimal import Decimal
from fractions import Fraction
from typing import Any

from negsolve.errors import InputError, Problem
from negsolve.expr import ExpressionError, parse_expression
from negsolve.io.locate import LineIndex
from negsolve.limits import MAX_DIGITS, LimitError, character_problem, decimal_value, integer_value, out_of_range

MAX_PROBLEMS = 100  # per file: the rest are counted, not listed (and not located: that costs a scan)
GAME_KEYS = ("title", "summary", "form", "source")


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


def read_game_table(data: dict[str, Any], out: _Collector) -> dict[str, Any]:
    """The ``[game]`` table with its keys checked (unknown keys, non-strings, text limits); empty when
    it is not a table.  Each reader checks ``form`` itself."""
    table = data.get("game", {})
    if not isinstance(table, dict):
        out.add(["game"], "must be a table: [game]")
        return {}
    for key, value in table.items():
        if key not in GAME_KEYS:
            out.add(["game", key], "unknown key", _suggest(key, GAME_KEYS))
        elif not isinstance(value, str):
            out.add(["game", key], f"must be a string, not {_kind(value)}")
        else:
            out.text_ok(["game", key], value, f"the {key}", free_text=key == "summary")
    return table


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
