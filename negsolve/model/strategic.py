r"""Strategic-form (normal-form) games with exact payoffs.

An :math:`n`-player strategic game has players :math:`i = 1, \dots, n`, each with a finite
list of named strategies :math:`S_i`, and for every profile
:math:`s = (s_1, \dots, s_n) \in S_1 \times \dots \times S_n` a payoff :math:`u_i(s)` to
each player.  Payoffs are expressions over declared parameters; :func:`payoff_table`
fixes the parameter values and returns exact rationals.

Profiles are stored flat in row-major order: the *first* player's strategy changes
slowest (this is the order of a printed table, and the opposite of Gambit's ``.nfg``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from math import prod

from negsolve.errors import InputError, Problem
from negsolve.model.expression import EvaluationError, Expr, evaluate, variables


@dataclass(frozen=True)
class Parameter:
    """A named lever of the game, with its default value, a one-line meaning and its domain.

    The domain is ``minimum <= value <= maximum``; either bound may be absent (``None``).
    """

    name: str
    value: Fraction
    about: str = ""
    minimum: Fraction | None = None
    maximum: Fraction | None = None

    def contains(self, value: Fraction) -> bool:
        """Whether ``value`` lies in this parameter's domain."""
        return (self.minimum is None or value >= self.minimum) and (self.maximum is None or value <= self.maximum)

    def domain_words(self) -> str:
        """The domain in words: ``0 <= c``, ``0 <= p <= 1``, ``any real value``."""
        return domain_words(self.name, self.minimum, self.maximum)


def fmt(value: Fraction) -> str:
    """Exact text of a rational: ``"3"``, ``"-1/3"``."""
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def domain_words(name: str, minimum: Fraction | None, maximum: Fraction | None) -> str:
    """``0 <= p <= 1``, ``c >= 0``, ``s <= 10`` or ``any value of s``."""
    if minimum is None and maximum is None:
        return f"any value of {name}"
    if maximum is None:
        return f"{name} >= {fmt(minimum)}" if minimum is not None else f"any value of {name}"
    if minimum is None:
        return f"{name} <= {fmt(maximum)}"
    return f"{fmt(minimum)} <= {name} <= {fmt(maximum)}"


def domain_problems(parameters: tuple[Parameter, ...], values: Mapping[str, Fraction],
                    option: str = "--set") -> list[str]:
    """One message per value in ``values`` that lies outside its parameter's domain."""
    out = []
    for p in parameters:
        if p.name in values and not p.contains(values[p.name]):
            out.append(f"{option} {p.name}={fmt(values[p.name])}: outside the domain of {p.name!r} "
                       f"({p.domain_words()})")
    return out


@dataclass(frozen=True)
class Player:
    name: str
    strategies: tuple[str, ...]
    about: str = ""


@dataclass(frozen=True)
class StrategicGame:
    """A strategic-form game: plain data, no solver methods.

    ``payoffs[k]`` is the tuple of payoff expressions (one per player) of the ``k``-th
    profile in row-major order, see :meth:`profiles`.
    """

    title: str
    players: tuple[Player, ...]
    payoffs: tuple[tuple[Expr, ...], ...]
    parameters: tuple[Parameter, ...] = ()
    summary: str = ""
    reference: str = ""
    source: str = field(default="", compare=False)

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(p.strategies) for p in self.players)

    def profiles(self) -> Iterator[tuple[int, ...]]:
        """Strategy-index profiles in storage order."""
        return itertools.product(*(range(k) for k in self.shape))

    def index(self, profile: tuple[int, ...]) -> int:
        k = 0
        for size, s in zip(self.shape, profile, strict=False):
            k = k * size + s
        return k

    def parameter_values(self, overrides: Mapping[str, Fraction] | None = None) -> dict[str, Fraction]:
        values = {p.name: p.value for p in self.parameters}
        values.update(overrides or {})
        return values

    def _repr_svg_(self) -> str | None:
        """Jupyter (and marimo): the payoff table as SVG, through the picture hook (:mod:`negsolve.pictures`)."""
        from negsolve.pictures import game_svg

        return game_svg(self)

    def _mime_(self) -> tuple[str, str]:
        """marimo: the same picture."""
        return "image/svg+xml", self._repr_svg_() or ""


@dataclass(frozen=True)
class PayoffTable:
    """Exact payoffs of a strategic game at fixed parameter values."""

    shape: tuple[int, ...]
    payoffs: tuple[tuple[Fraction, ...], ...]

    @property
    def n_players(self) -> int:
        return len(self.shape)

    def index(self, profile: tuple[int, ...]) -> int:
        k = 0
        for size, s in zip(self.shape, profile, strict=False):
            k = k * size + s
        return k

    def at(self, profile: tuple[int, ...]) -> tuple[Fraction, ...]:
        return self.payoffs[self.index(profile)]

    def profiles(self) -> Iterator[tuple[int, ...]]:
        return itertools.product(*(range(k) for k in self.shape))

    def matrix(self, player: int) -> list[list[Fraction]]:
        """Two players only: ``player``'s payoffs as a row-player × column-player matrix."""
        if self.n_players != 2:
            raise InputError.single("matrix() is for two-player games")
        m, n = self.shape
        return [[self.payoffs[i * n + j][player] for j in range(n)] for i in range(m)]

    def __len__(self) -> int:
        return prod(self.shape)


def payoff_table(game: StrategicGame, overrides: Mapping[str, Fraction] | None = None) -> PayoffTable:
    """Evaluate every payoff of ``game`` exactly, parameters set to their defaults or ``overrides``."""
    values = game.parameter_values(overrides)
    rows = []
    for profile, cell in zip(game.profiles(), game.payoffs, strict=False):
        row = []
        for player, expr in zip(game.players, cell, strict=False):
            try:
                row.append(evaluate(expr, values))
            except EvaluationError as exc:
                names = ", ".join(p.strategies[k] for p, k in zip(game.players, profile, strict=False))
                used = ", ".join(f"{n} = {values[n]}" for n in sorted(variables(expr)) if n in values)
                raise InputError([Problem(
                    f"the payoff of {player.name} at ({names}) cannot be computed: {exc}"
                    + (f" with {used}" if used else ""),
                    file=game.source or None, key="payoffs",
                    hint="choose other parameter values with --set",
                )]) from None
        rows.append(tuple(row))
    return PayoffTable(shape=game.shape, payoffs=tuple(rows))
