"""Stability of a Bayesian equilibrium: the exact region of prior and payoff parameters where it holds.

A pure profile of per-type strategies is a Bayesian Nash equilibrium exactly when its plan
profile is a Nash equilibrium of the ex-ante strategic form (every type has positive prior
probability), so :func:`negsolve.analysis.stability.stability` on the symbolic ex-ante form
gives the conditions, in the prior's parameters too: a type's deviation changes only its own
term of the expectation, so its condition reads ``prior(type) * (interim difference) >= 0``,
and an uninformed player's condition weighs the types by the prior (``1 - 2*p >= 0``).

Outcome syntax (``--outcome``): one entry per player, separated by commas; a player with types
gives one action per type separated by ``/`` in the order of its types (``Don't build/Build``),
or ``Type=Action`` pairs (``Low cost=Build/High cost=Don't build``), or one action for every type.
A full plan label as ``negsolve stability`` prints it is accepted too.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from fractions import Fraction

from negsolve.errors import InputError, Problem
from negsolve.model.bayesian import BayesianGame, TypedPlayer, bayesian_values
from negsolve.solvers.bayesian import ExAnteForm, exante_form


def _action(player: TypedPlayer, text: str, problems: list[Problem]) -> int | None:
    lower = {s.lower(): k for k, s in enumerate(player.strategies)}
    if text.strip().lower() in lower:
        return lower[text.strip().lower()]
    close = difflib.get_close_matches(text.strip(), list(player.strategies), n=1, cutoff=0.4)
    hint = f"did you mean {close[0]!r}?" if close else "strategies: " + ", ".join(player.strategies)
    problems.append(Problem(f"--outcome: {text.strip()!r} is not a strategy of {player.name}", hint=hint))
    return None


def _plan(player: TypedPlayer, text: str, problems: list[Problem]) -> tuple[int, ...] | None:
    items = [x for x in text.split("/")]
    named = [x.partition("=") for x in items]
    if all(sep for _, sep, _ in named):
        chosen: dict[int, int | None] = {}
        for name, _, wanted in named:
            types = {t.lower(): k for k, t in enumerate(player.types)}
            if name.strip().lower() not in types:
                problems.append(Problem(f"--outcome: {name.strip()!r} is not a type of {player.name}",
                                        hint="types: " + ", ".join(player.types)))
                return None
            chosen[types[name.strip().lower()]] = _action(player, wanted, problems)
        if len(chosen) != len(player.types):
            problems.append(Problem(f"--outcome: give an action for every type of {player.name} "
                                    f"({', '.join(player.types)})"))
            return None
        plan = tuple(chosen[k] for k in range(len(player.types)))
    elif len(items) == 1:
        only = _action(player, items[0], problems)
        plan = tuple(only for _ in player.types)
    elif len(items) == len(player.types):
        plan = tuple(_action(player, x, problems) for x in items)
    else:
        problems.append(Problem(f"--outcome: {text.strip()!r} gives {len(items)} actions; {player.name} has "
                                f"{len(player.types)} types ({', '.join(player.types)}): one action per type, "
                                "separated by '/'"))
        return None
    return None if any(a is None for a in plan) else tuple(a for a in plan if a is not None)


def parse_bayesian_outcome(game: BayesianGame, form: ExAnteForm, text: str) -> tuple[int, ...]:
    """Per-type strategies as text -> the plan profile of the ex-ante form (see the module docstring)."""
    parts = text.split(",")
    if len(parts) != len(game.players):
        from negsolve.analysis.stability import parse_outcome

        try:  # the plan labels themselves ("Stay out if High cost, Build if Low cost") hold commas
            return parse_outcome(form.game, text)
        except InputError:
            raise InputError([Problem(
                f"--outcome {text!r}: give one entry per player ({', '.join(p.name for p in game.players)}), "
                "separated by commas; a player with types gives one action per type separated by '/', "
                "e.g. \"Don't build/Build,Stay out\"")]) from None
    problems: list[Problem] = []
    profile = []
    for i, (player, part) in enumerate(zip(game.players, parts, strict=True)):
        plan = _plan(player, part, problems)
        if plan is not None:
            profile.append(form.plans[i].index(plan))
    if problems:
        raise InputError(problems)
    return tuple(profile)


def bayesian_stability(game: BayesianGame, outcome: str, overrides: Mapping[str, Fraction] | None = None):  # type: ignore[no-untyped-def]
    """The stability report of pure per-type strategies (``outcome``) on the symbolic ex-ante form."""
    from negsolve.analysis.stability import stability

    bayesian_values(game, overrides)  # the prior must be a distribution at the values used
    form = exante_form(game)
    return stability(form.game, parse_bayesian_outcome(game, form, outcome), overrides)
