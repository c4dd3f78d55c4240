"""Gambit's strategic-game ``.nfg`` format, both versions: read and write.

Payoff version::

    NFG 1 R "title" { "Player 1" "Player 2" } { 3 2 }
    "optional comment"
    1 1 0 2 0 2 1 1 0 3 2 0

Outcome version: the strategy counts are replaced by nested lists of strategy names, the
comment is followed by a list of outcomes ``{ "name" u1, u2 }`` and the body lists one
outcome number per profile (0 is the null outcome, paying 0 to all).  Some files have named
strategies with a flat payoff body; both bodies are accepted after either header.

In both versions the *first* player's strategy changes fastest.  Numbers are integers,
decimals or rationals (``5/2``), all read exactly.  Reference: Gambit's documentation,
``doc/formats.nfgpay.rst`` and ``doc/formats.nfgout.rst``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from fractions import Fraction
from math import prod

from negsolve.errors import InputError, Problem
from negsolve.expr import format_number
from negsolve.limits import (
    MAX_PLAYERS,
    MAX_PROFILES,
    LimitError,
    character_problem,
    out_of_range,
    parse_literal,
    short,
)
from negsolve.model.expression import Number
from negsolve.model.strategic import Player, StrategicGame, payoff_table

_TOKEN = re.compile(r'\s*(?:(?P<string>"(?:[^"\\]|\\.)*")|(?P<brace>[{}])|(?P<comma>,)|(?P<word>[^\s{}",]+))', re.S)


@dataclass
class _Tok:
    kind: str
    text: str
    line: int


class _NfgError(Exception):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message = message
        self.line = line


def _tokenize(text: str) -> list[_Tok]:
    tokens = []
    pos = 0
    line = 1
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            rest = text[pos:]
            if rest.strip() == "":
                break
            line += text.count("\n", pos, pos + len(rest) - len(rest.lstrip()))
            raise _NfgError(f"unterminated string or unreadable text near {rest.strip()[:20]!r}", line)
        kind = match.lastgroup or ""
        line += text.count("\n", pos, match.start(kind))
        value = match.group(kind)
        if kind != "comma":
            if kind == "string":
                value = re.sub(r"\\(.)", r"\1", value[1:-1])
            tokens.append(_Tok(kind, value, line))
        line += value.count("\n") if kind == "string" else 0
        pos = match.end()
    return tokens


class _Reader:
    def __init__(self, tokens: list[_Tok]):
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> _Tok | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, kind: str | None = None, what: str = "") -> _Tok:
        tok = self.peek()
        if tok is None:
            last = self.tokens[-1].line if self.tokens else 1
            raise _NfgError(f"the file ends early: expected {what or kind}", last)
        if kind and (tok.kind != kind if kind != "{" and kind != "}" else tok.text != kind):
            raise _NfgError(f"expected {what or kind}, found {tok.text!r}", tok.line)
        self.pos += 1
        return tok

    def strings(self, what: str) -> list[str]:
        self.take("{", f"'{{' opening {what}")
        out = []
        while (tok := self.peek()) is not None and tok.text != "}":
            out.append(self.take("string", f"a quoted name in {what}").text)
        self.take("}", f"'}}' closing {what}")
        return out


def _number(tok: _Tok) -> Fraction:
    try:
        value = parse_literal(tok.text)
    except LimitError as exc:
        raise _NfgError(out_of_range(tok.text, exc), tok.line) from None
    except ZeroDivisionError:
        value = None
    if value is None:
        ascii_only = " (numbers are written with the ASCII digits 0-9)" if any(
            c.isdigit() and not c.isascii() for c in tok.text) else ""
        raise _NfgError(f"expected a number, found {short(tok.text)!r}{ascii_only}", tok.line)
    return value


def _check_name(text: str, what: str, line: int) -> None:
    problem = character_problem(text)
    if problem:
        raise _NfgError(f"{what} {short(text)!r}: {problem}", line)


def loads_nfg(text: str, filename: str = "<string>") -> StrategicGame:
    """Read a Gambit ``.nfg`` game (payoff or outcome version)."""
    try:
        return _parse(text, filename)
    except _NfgError as exc:
        raise InputError([Problem(exc.message, file=filename, line=exc.line)]) from None


def unique_names(names: list[str], fallback: str) -> tuple[str, ...]:
    out: list[str] = []
    used: set[str] = set()  # a set and a counter per name: thousands of equal names stay linear
    next_number: dict[str, int] = {}
    for k, name in enumerate(names):
        name = name.strip() or f"{fallback}{k + 1}"
        base = name
        while name in used:
            n = next_number.get(base, 2)
            name = f"{base} ({n})"
            next_number[base] = n + 1
        out.append(name)
        used.add(name)
    return tuple(out)


def _check_profiles(counts: list[int], line: int) -> None:
    """Refuse a declared size beyond :data:`~negsolve.limits.MAX_PROFILES` before anything is allocated."""
    size = 1
    for count in counts:
        size *= count
        if size > MAX_PROFILES:
            break
    if size > MAX_PROFILES:
        raise _NfgError(f"the header declares {' x '.join(map(str, counts))} strategies: more than "
                        f"{MAX_PROFILES} strategy profiles, the limit (see docs/limits.md)", line)


def _parse(text: str, filename: str) -> StrategicGame:
    if not text.strip():
        raise _NfgError("the file is empty", None)
    r = _Reader(_tokenize(text))
    head, title, player_names = _header(r)
    strategy_names = _strategy_lists(r, player_names, head.line)
    comment = ""
    if (tok := r.peek()) is not None and tok.kind == "string":
        comment = r.take().text
    shape = tuple(len(s) for s in strategy_names)
    cells = _payoff_body(r, shape, len(player_names))
    if (extra := r.peek()) is not None:
        raise _NfgError(f"unexpected text after the payoffs: {short(extra.text)!r}", extra.line)
    players = tuple(
        Player(name, unique_names(strategy_names[p], ""))
        for p, name in enumerate(unique_names(player_names, "Player "))
    )
    return StrategicGame(
        title=title.strip() or filename,
        players=players,
        payoffs=tuple(tuple(Number(v) for v in cells[profile])
                      for profile in itertools.product(*(range(k) for k in shape))),
        summary=comment.strip(),
        source=filename,
    )


def _header(r: _Reader) -> tuple[_Tok, str, list[str]]:
    """``NFG 1 R "title" { players }``: the first token (for its line), the title and the player names."""
    head = r.take("word", "'NFG'")
    if head.text != "NFG":
        raise _NfgError(f"not a Gambit strategic game: expected 'NFG', found {head.text!r}", head.line)
    version = r.take("word", "the version number 1")
    if version.text != "1":
        raise _NfgError(f"unsupported .nfg version {version.text!r}", version.line)
    kind = r.take("word", "'R' or 'D'")
    if kind.text not in ("R", "D"):
        raise _NfgError(f"expected 'R' or 'D', found {kind.text!r}", kind.line)
    title_tok = r.take("string", "the quoted title")
    title = title_tok.text
    _check_name(title, "the title", title_tok.line)
    player_names = r.strings("the player list")
    if len(player_names) < 2:
        raise _NfgError(f"a game needs at least 2 players, found {len(player_names)}", head.line)
    if len(player_names) > MAX_PLAYERS:
        raise _NfgError(f"a game may have at most {MAX_PLAYERS} players, found {len(player_names)}", head.line)
    for k, name in enumerate(player_names):
        _check_name(name, f"player {k + 1}", head.line)
    return head, title, player_names


def _strategy_lists(r: _Reader, player_names: list[str], line: int) -> list[list[str]]:
    """The strategies: named lists ``{ { "a" "b" } ... }`` or counts ``{ 2 3 }`` (named 1, 2, ...)."""
    r.take("{", "the strategy list")
    strategy_names: list[list[str]] = []
    if (tok := r.peek()) is not None and tok.text == "{":
        for p in range(len(player_names)):
            strategy_names.append(r.strings(f"the strategies of player {p + 1}"))
        r.take("}", "'}' closing the strategy lists")
    else:
        counts = []
        while (tok := r.peek()) is not None and tok.text != "}":
            t = r.take("word", "a strategy count")
            if not (t.text.isdigit() and t.text.isascii()) or len(t.text) > 9 or int(t.text) < 1:
                raise _NfgError(f"a strategy count must be a positive integer, found {short(t.text)!r}", t.line)
            counts.append(int(t.text))
        r.take("}", "'}' closing the strategy counts")
        if len(counts) != len(player_names):
            raise _NfgError(f"{len(player_names)} players but {len(counts)} strategy counts", line)
        _check_profiles(counts, line)
        strategy_names = [[str(k + 1) for k in range(c)] for c in counts]
    if len(strategy_names) != len(player_names):
        raise _NfgError(f"{len(player_names)} players but {len(strategy_names)} strategy lists", line)
    for p, names in enumerate(strategy_names):
        if not names:
            raise _NfgError(f"player {p + 1} has no strategies", line)
        for name in names:
            _check_name(name, f"a strategy of player {p + 1}", line)
    _check_profiles([len(names) for names in strategy_names], line)
    return strategy_names


def _payoff_body(r: _Reader, shape: tuple[int, ...], n: int) -> dict[tuple[int, ...], tuple[Fraction, ...]]:
    """The payoffs of every profile: the outcome version (outcomes, then an outcome number per profile)
    or the payoff version (``n`` numbers per profile), in Gambit's order (first player fastest)."""
    size = prod(shape)
    gambit_order = (tuple(reversed(p)) for p in itertools.product(*(range(k) for k in reversed(shape))))
    cells: dict[tuple[int, ...], tuple[Fraction, ...]] = {}
    outcome_version = (tok := r.peek()) is not None and tok.text == "{"
    left = len(r.tokens) - r.pos  # the body is checked against the declared sizes before it is read
    last = r.tokens[-1].line
    declared = f"the header declares {' x '.join(map(str, shape))} strategies"
    if not outcome_version and left < size * n:
        raise _NfgError(f"the file ends early: {declared}, so {size * n} payoffs are needed ({size} profiles x "
                        f"{n} players); the file has {left}", last)
    if outcome_version and left < size:
        raise _NfgError(f"the file ends early: {declared}, so {size} outcome numbers are needed (one per "
                        "profile) after the outcomes; the file has fewer", last)
    if outcome_version:
        outcomes = _outcomes(r, n)
        for profile in gambit_order:
            t = r.take("word", f"an outcome number ({size} are needed, one per profile)")
            if not (t.text.isdigit() and t.text.isascii()) or len(t.text) > 9 or int(t.text) > len(outcomes):
                raise _NfgError(f"outcome number must be 0..{len(outcomes)}, found {short(t.text)!r}", t.line)
            k = int(t.text)
            cells[profile] = outcomes[k - 1] if k else tuple(Fraction(0) for _ in range(n))
    else:
        for profile in gambit_order:
            values = []
            for _ in range(n):
                values.append(_number(r.take("word", f"a payoff ({size * n} numbers are needed)")))
            cells[profile] = tuple(values)
    return cells


def _outcomes(r: _Reader, n: int) -> list[tuple[Fraction, ...]]:
    """The outcome list ``{ { "label" payoffs } ... }`` of the outcome version."""
    r.take("{")
    outcomes: list[tuple[Fraction, ...]] = []
    while (tok := r.peek()) is not None and tok.text != "}":
        r.take("{", "'{' opening an outcome")
        if (label := r.peek()) is not None and label.kind == "string":
            r.take()
        values = []
        while (nxt := r.peek()) is not None and nxt.text != "}":
            values.append(_number(r.take("word", "a payoff")))
        close = r.take("}", "'}' closing an outcome")
        if len(values) != n:
            raise _NfgError(f"outcome {len(outcomes) + 1} has {len(values)} payoffs, expected {n}", close.line)
        outcomes.append(tuple(values))
    r.take("}", "'}' closing the outcome list")
    return outcomes


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dumps_nfg(game: StrategicGame) -> str:
    """Gambit ``.nfg`` text of ``game`` (outcome version, with strategy names).

    Parameters are fixed at their current values: ``.nfg`` has no symbolic payoffs.
    """
    table = payoff_table(game)
    shape = game.shape
    lines = [f"NFG 1 R {_q(game.title)} {{ " + " ".join(_q(p.name) for p in game.players) + " }", "", "{"]
    for player in game.players:
        lines.append("{ " + " ".join(_q(s) for s in player.strategies) + " }")
    lines += ["}", _q(game.summary), "", "{"]
    order = [tuple(reversed(p)) for p in itertools.product(*(range(k) for k in reversed(shape)))]
    for profile in order:
        values = table.at(profile)
        lines.append('{ "" ' + ", ".join(format_number(v) for v in values) + " }")
    lines.append("}")
    lines.append(" ".join(str(k + 1) for k in range(len(order))))
    return "\n".join(lines) + "\n"
