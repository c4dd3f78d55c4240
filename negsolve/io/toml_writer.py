"""Writing games as TOML: the strategic format (:func:`dumps_toml`) and the ``[game]`` and
``[parameters]`` tables every format shares (:func:`header_lines`, also used for trees)."""

from __future__ import annotations

import re
from fractions import Fraction

from negsolve.expr import format_number
from negsolve.model.expression import Expr, Number
from negsolve.model.strategic import Parameter, StrategicGame


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
