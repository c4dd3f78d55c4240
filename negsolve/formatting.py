r"""Text formatting helpers below both explanations and renderers: exact numbers, polynomials, strategies.

The one floor that :mod:`negsolve.explain` and :mod:`negsolve.render` share for wording numbers,
so that explanations never import a renderer.  A rational prints as ``"p/q"``
(:func:`fmt`); a real algebraic number as ``"≈0.276393"`` in text and, in JSON, as the only root
of its minimal polynomial in an isolating interval; a mixed strategy as
``"1/3 Hold exercises + 2/3 Suspend exercises"``.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from negsolve.expr import format_number as fmt
from negsolve.model.strategic import StrategicGame

__all__ = ["DEFAULT_DIGITS", "amount_words", "change_words", "describe_strategy", "fmt", "number_json",
           "number_text", "polynomial_text", "strategy_text"]

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


def describe_strategy(game: StrategicGame, player: int, mixed: tuple[Fraction, ...]) -> str:
    """``'Hold exercises'`` for a pure strategy, ``'1/3 Hold exercises + 2/3 Suspend exercises'`` for a mixed one."""
    names = game.players[player].strategies
    support = [(names[k], p) for k, p in enumerate(mixed) if p]
    if len(support) == 1:
        return support[0][0]
    return " + ".join(f"{fmt(p)} [{name}]" if ", " in name else f"{fmt(p)} {name}" for name, p in support)


def describe_mixture(names: tuple[str, ...], dist: tuple[Fraction, ...]) -> str:
    """``"Build"`` or ``"3/4 Build + 1/4 Don't build"``: a distribution over named choices."""
    support = [(names[k], p) for k, p in enumerate(dist) if p]
    if len(support) == 1:
        return support[0][0]
    return " + ".join(f"{fmt(p)} {name}" for name, p in support)


def amount_words(least: Fraction, most: Fraction | None) -> str:
    """An amount that works anywhere in ``[least, most]``: ``"exactly 1"`` (``least == most``),
    ``"between 1 and 3"``, or ``"at least 1"`` (``most`` None: no upper limit)."""
    if most is None:
        return f"at least {fmt(least)}"
    if most == least:
        return f"exactly {fmt(least)}"
    return f"between {fmt(least)} and {fmt(most)}"


def change_words(parameter: str, current: Fraction, target: Fraction, included: bool, region: str) -> str:
    """Moving ``parameter`` from ``current`` to the nearest value ``target`` of the values that work
    (``region``, in words; ``included``: whether ``target`` itself works): ``"raise s to at least 2"``,
    ``"lower c to at most 1"``, ``"raise p above 1/2"``, or ``"set e to exactly 3"`` when ``region``
    is that single value."""
    if region == f"{parameter} = {fmt(target)}":
        return f"set {parameter} to exactly {fmt(target)}"
    if target > current:
        return f"raise {parameter} to {'at least' if included else 'above'} {fmt(target)}"
    return f"lower {parameter} to {'at most' if included else 'below'} {fmt(target)}"
