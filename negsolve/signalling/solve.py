"""Every perfect Bayesian equilibrium of a signalling game, each with its Intuitive Criterion verdict.

The enumeration's machinery lives in :mod:`negsolve.signalling.equilibria`, the test in
:mod:`negsolve.signalling.intuitive`; this module puts the two together (so neither imports the other's
caller).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping
from fractions import Fraction

from negsolve.errors import InputError, Problem
from negsolve.signalling.equilibria import (
    MAX_PATTERNS,
    Continuum,
    Equilibrium,
    SignallingResult,
    _pattern,
    _subsets,
    numbers,
)
from negsolve.signalling.intuitive import intuitive_check
from negsolve.signalling.structure import SignallingGame

__all__ = ["signalling_equilibria"]


def signalling_equilibria(game: SignallingGame, values: Mapping[str, Fraction]) -> SignallingResult:
    """Every perfect Bayesian equilibrium of ``game`` at ``values`` (exact), with the Intuitive Criterion."""
    num = numbers(game, values)
    found: list[Equilibrium] = []
    continua: list[Continuum] = []
    patterns = 0
    for supports in itertools.product(*(_subsets(game.messages) for _ in game.types)):
        S = dict(zip(game.types, supports, strict=True))
        on = [info for info in game.infosets if any(info.message in S[t] for t in info.types)]
        off = [info for info in game.infosets if info not in on]
        choices = [_subsets(info.actions) for info in on] + [[(a,) for a in info.actions] for info in off]
        for picked in itertools.product(*choices):
            patterns += 1
            if patterns > MAX_PATTERNS:
                raise InputError([Problem(f"more than {MAX_PATTERNS} support patterns: this signalling game is too "
                                          "large for exact enumeration")])
            A = {info.name: acts for info, acts in zip(on + off, picked, strict=True)}
            outcome = _pattern(num, S, A, on, off)
            if isinstance(outcome, Continuum):
                continua.append(outcome)
            elif outcome is not None:
                found.append(outcome)
    found = [dataclasses.replace(e, intuitive=intuitive_check(num, e)) for e in found]
    return SignallingResult(game, dict(values), tuple(found), tuple(continua), patterns)
