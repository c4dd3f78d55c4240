r"""Where a pooling or separating equilibrium exists: exact conditions on the prior and the payoffs.

A pure sender strategy :math:`s` (one message per type) and a pure receiver strategy :math:`r` form a
perfect Bayesian equilibrium exactly when

1. every type's prior is positive (:math:`\pi(t) > 0`, so Bayes' rule applies);
2. on the path, at each information set :math:`I` reached after :math:`m`, the receiver's action beats every
   other :math:`a'` against the Bayes belief; multiplied by its positive denominator:
   :math:`\sum_{t \in I, s(t)=m} \pi(t)\,[u_R(t,m,r_I) - u_R(t,m,a')] \ge 0`;
3. no type gains by sending another message: :math:`u_S(t, s(t), r) \ge u_S(t, m', r)`;
4. off the path some belief makes :math:`r_I` a best reply.  With two actions the set of such beliefs is
   a half of the simplex, so it is non-empty iff :math:`r_I` is a best reply to the belief concentrated
   on one of the types: a disjunction over the types.  With three or more actions the same test is
   sufficient but not necessary (a reply best only against mixed beliefs is missed); the report says so.

Each combination gives a conjunction of conditions (sympy expressions built from the payoff expression
trees, within the parameters' declared domains, simplified with
:func:`negsolve.analysis.stability.region_of`); the region is their union.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.analysis.stability import Region, region_of
from negsolve.analysis.symbolic import Condition, linear_form, symbols_for, to_sympy
from negsolve.model.frozen import freeze_fields
from negsolve.signalling.structure import SignallingGame

KINDS = ("pooling", "separating")


@dataclass(frozen=True)
class Case:
    sender: dict[str, str]          # type -> message
    receiver: dict[str, str]        # infoset -> action
    off_path_types: dict[str, str]  # off-path infoset -> the type whose belief supports the action
    region: Region
    holds_now: bool

    def __post_init__(self) -> None:
        freeze_fields(self, "sender", "receiver", "off_path_types")


@dataclass(frozen=True)
class KindRegion:
    game: SignallingGame
    kind: str
    cases: tuple[Case, ...]
    values: dict[str, Fraction]
    exact: bool                     # False when an off-path set has 3+ actions (vertex test only sufficient)

    def __post_init__(self) -> None:
        freeze_fields(self, "values")

    @property
    def exists_now(self) -> bool:
        return any(c.holds_now for c in self.cases)


def _condition(expr: Any, strict: bool) -> Condition:
    import sympy

    expr = sympy.cancel(expr)
    return Condition(expr, strict, linear_form(expr, strict))


def kind_region(game: SignallingGame, kind: str, parameters: tuple, values: Mapping[str, Fraction]) -> KindRegion:
    """The exact region (a union of cases) where an equilibrium of ``kind`` (pooling or separating) exists."""
    sym = symbols_for([p.name for p in parameters])
    prior = {t: to_sympy(e, sym) for t, e in zip(game.types, game.prior, strict=True)}
    uS = {k: to_sympy(v[0], sym) for k, v in game.payoffs.items()}
    uR = {k: to_sympy(v[1], sym) for k, v in game.payoffs.items()}
    base = [_condition(p, True) for p in prior.values()]
    domain = _domain(parameters, sym)
    cases = []
    exact = True
    for sent in itertools.product(game.messages, repeat=len(game.types)):
        if (kind == "pooling") != (len(set(sent)) == 1) or (kind == "separating" and len(set(sent)) < len(sent)):
            continue
        s = dict(zip(game.types, sent, strict=True))
        on = [info for info in game.infosets if any(s[t] == info.message for t in info.types)]
        off = [info for info in game.infosets if info not in on]
        exact = exact and all(len(info.actions) <= 2 for info in off)
        for acts in itertools.product(*(info.actions for info in game.infosets)):
            r = {info.name: a for info, a in zip(game.infosets, acts, strict=True)}
            conds = list(base)
            for info in on:
                reached = [t for t in info.types if s[t] == info.message]
                for other in info.actions:
                    if other != r[info.name]:
                        m = info.message
                        conds.append(_condition(sum(prior[t] * (uR[(t, m, r[info.name])] - uR[(t, m, other)])
                                                    for t in reached), False))
            for t in game.types:
                mine = _value(game, uS, r, t, s[t])
                conds += [_condition(mine - _value(game, uS, r, t, m), False) for m in game.messages if m != s[t]]
            for vertex in itertools.product(*(info.types for info in off)):
                extra = [_condition(uR[(t, info.message, r[info.name])] - uR[(t, info.message, o)], False)
                         for info, t in zip(off, vertex, strict=True) for o in info.actions if o != r[info.name]]
                region = region_of(conds + extra + domain)
                if not region.feasible or any(_never(c) for c in region.conditions):
                    continue
                bounds = {d.linear.normalized() for d in domain if d.linear is not None}
                region = Region(tuple(c for c in region.conditions
                                      if c.linear is None or c.linear.normalized() not in bounds),
                                region.feasible, region.intervals)
                now = all(c.status(dict(values)) != "fails" for c in region.conditions)
                cases.append(Case(s, {info.name: r[info.name] for info in game.infosets},
                                  {info.name: t for info, t in zip(off, vertex, strict=True)}, region, now))
    return KindRegion(game, kind, tuple(_distinct(cases)), dict(values), exact)


def _domain(parameters: tuple, sym: dict) -> list[Condition]:
    """The parameters' declared bounds (min/max in the game file), as conditions."""
    import sympy

    out = []
    for p in parameters:
        x = sym[p.name]
        if p.minimum is not None:
            out.append(_condition(x - sympy.Rational(p.minimum.numerator, p.minimum.denominator), False))
        if p.maximum is not None:
            out.append(_condition(sympy.Rational(p.maximum.numerator, p.maximum.denominator) - x, False))
    return out


def _never(c: Condition) -> bool:
    return not c.expr.free_symbols and not ((c.expr > 0) if c.strict else (c.expr >= 0))


def _distinct(cases: list[Case]) -> list[Case]:
    """One case per (strategies, conditions): other supporting beliefs with the same conditions add nothing."""
    seen = set()
    out = []
    for c in cases:
        key = (tuple(c.sender.items()), tuple(c.receiver.items()), tuple(x.sympy_text() for x in c.region.conditions))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _value(game: SignallingGame, uS: dict, r: dict[str, str], t: str, m: str) -> Any:
    if (t, m, "") in uS:
        return uS[(t, m, "")]
    info = game.infoset_of(t, m)
    assert info is not None
    return uS[(t, m, r[info.name])]
