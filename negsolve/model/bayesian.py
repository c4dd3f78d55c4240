r"""Bayesian games (games with types, Harsanyi 1967-68) as plain data.

Each player :math:`i` has a finite set of *types* :math:`T_i` (what it privately knows about
itself) and a finite set of *strategies* (actions) :math:`A_i`.  A *common prior*
:math:`\pi` on :math:`T = T_1 \times \dots \times T_n` says how likely each type profile is;
every player knows the prior and its own type.  For each type profile :math:`t` and action
profile :math:`a` each player receives :math:`u_i(t, a)`.

A player without uncertainty has one type (named after the player).  Type profiles and
action profiles are stored flat in row-major order (the first player's type or action
changes slowest), as in :mod:`negsolve.model.strategic`.

A (behavioural) strategy of player :math:`i` gives, for each of its types, a probability
distribution over :math:`A_i`; a Bayesian Nash equilibrium is a profile in which each type
of each player (with positive prior probability) plays only actions that maximise its
*interim* expected payoff, the expectation over the others' types taken with the beliefs
:math:`\pi(t_{-i} \mid t_i)`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from negsolve.errors import InputError, Problem
from negsolve.model.expression import EvaluationError, Expr, evaluate
from negsolve.model.strategic import Parameter


@dataclass(frozen=True)
class TypedPlayer:
    """A player of a Bayesian game: its types (at least one) and its strategies (actions)."""

    name: str
    types: tuple[str, ...]
    strategies: tuple[str, ...]
    about: str = ""

    @property
    def has_types(self) -> bool:
        """Whether the player has private information (two or more types)."""
        return len(self.types) > 1


@dataclass(frozen=True)
class BayesianGame:
    """A Bayesian game: plain data, no solver methods.

    ``prior[k]`` is the prior probability (an expression) of the ``k``-th type profile;
    ``payoffs[k][m]`` the payoff expressions (one per player) at type profile ``k`` and
    action profile ``m``, both in row-major order.
    """

    title: str
    players: tuple[TypedPlayer, ...]
    prior: tuple[Expr, ...]
    payoffs: tuple[tuple[tuple[Expr, ...], ...], ...]
    parameters: tuple[Parameter, ...] = ()
    summary: str = ""
    reference: str = ""
    source: str = field(default="", compare=False)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies (actions) of each player."""
        return tuple(len(p.strategies) for p in self.players)

    @property
    def type_shape(self) -> tuple[int, ...]:
        return tuple(len(p.types) for p in self.players)

    def type_profiles(self) -> Iterator[tuple[int, ...]]:
        """Type-index profiles in storage order."""
        return itertools.product(*(range(k) for k in self.type_shape))

    def profiles(self) -> Iterator[tuple[int, ...]]:
        """Action-index profiles in storage order."""
        return itertools.product(*(range(k) for k in self.shape))

    def index(self, profile: tuple[int, ...]) -> int:
        return _flat(profile, self.shape)

    def type_index(self, types: tuple[int, ...]) -> int:
        return _flat(types, self.type_shape)

    def type_profile_name(self, types: tuple[int, ...]) -> str:
        """``"North Korea is Serious"``, ``"A is High, B is Low"``: only players with types are named."""
        named = [f"{p.name} is {p.types[t]}" for p, t in zip(self.players, types, strict=True) if p.has_types]
        return ", ".join(named) if named else "the only type profile"

    def parameter_values(self, overrides: Mapping[str, Fraction] | None = None) -> dict[str, Fraction]:
        values = {p.name: p.value for p in self.parameters}
        values.update(overrides or {})
        return values


def is_bayesian(game: object) -> bool:
    """Whether ``game`` is a :class:`BayesianGame`."""
    return isinstance(game, BayesianGame)


def _flat(profile: tuple[int, ...], shape: tuple[int, ...]) -> int:
    k = 0
    for size, s in zip(shape, profile, strict=True):
        k = k * size + s
    return k


@dataclass(frozen=True)
class BayesianValues:
    """A Bayesian game at fixed parameter values: exact prior and payoffs.

    ``payoffs[k][m][i]``: type profile ``k``, action profile ``m``, player ``i``.
    """

    game: BayesianGame
    prior: tuple[Fraction, ...]
    payoffs: tuple[tuple[tuple[Fraction, ...], ...], ...]

    def marginal(self, player: int, type_: int) -> Fraction:
        """Prior probability that ``player`` has type ``type_``."""
        return sum((q for t, q in zip(self.game.type_profiles(), self.prior, strict=True) if t[player] == type_),
                   Fraction(0))

    def belief(self, player: int, type_: int) -> list[tuple[tuple[int, ...], Fraction]]:
        """``(type profile, probability)`` pairs of what ``player`` of type ``type_`` believes (Bayes' rule)."""
        total = self.marginal(player, type_)
        return [(t, q / total) for t, q in zip(self.game.type_profiles(), self.prior, strict=True)
                if t[player] == type_ and q]


def prior_problems(game: BayesianGame, values: Mapping[str, Fraction]) -> list[str]:
    """What is wrong with the prior at ``values``: a negative entry, a sum other than 1, a type never drawn."""
    try:
        prior = [evaluate(e, values) for e in game.prior]
    except EvaluationError as exc:
        return [f"the prior cannot be computed: {exc}"]
    out = []
    for t, q in zip(game.type_profiles(), prior, strict=True):
        if q < 0:
            out.append(f"the prior probability of ({game.type_profile_name(t)}) is {q}, below 0")
    if sum(prior, Fraction(0)) != 1:
        out.append(f"the prior probabilities sum to {sum(prior, Fraction(0))}, not 1")
    for i, player in enumerate(game.players):
        for k, name in enumerate(player.types):
            if not any(q for t, q in zip(game.type_profiles(), prior, strict=True) if t[i] == k):
                out.append(f"type {name!r} of {player.name} has prior probability 0: its beliefs are undefined")
    return out


def bayesian_values(game: BayesianGame, overrides: Mapping[str, Fraction] | None = None) -> BayesianValues:
    """The exact prior and payoffs at the parameter defaults or ``overrides``; InputError if unusable."""
    values = game.parameter_values(overrides)
    problems = prior_problems(game, values)
    if problems:
        where = " at the chosen parameter values" if overrides else ""
        raise InputError([Problem(m + where, file=game.source or None, key="prior",
                                  hint="choose other parameter values with --set") for m in problems])
    prior = tuple(evaluate(e, values) for e in game.prior)
    try:
        payoffs = tuple(tuple(tuple(evaluate(e, values) for e in cell) for cell in block) for block in game.payoffs)
    except EvaluationError as exc:
        raise InputError([Problem(f"a payoff cannot be computed: {exc}", file=game.source or None, key="payoffs",
                                  hint="choose other parameter values with --set")]) from None
    return BayesianValues(game, prior, payoffs)
