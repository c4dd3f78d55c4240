r"""Every perfect Bayesian equilibrium of a signalling game, exact.

A *perfect Bayesian equilibrium* (PBE) of a signalling game is a sender strategy
:math:`\sigma(m \mid t)`, a receiver strategy :math:`\rho_I(a)` at each of its information sets
:math:`I` and beliefs :math:`\mu_I(t)` such that

1. each type's messages are best replies to :math:`\rho` (every message it sends gives it its
   highest payoff);
2. at each :math:`I`, every action the receiver uses is a best reply to :math:`\mu_I`;
3. on the path (:math:`\sum_{t \in I} \pi(t)\sigma(m_I \mid t) > 0`) the beliefs follow Bayes' rule,
   :math:`\mu_I(t) = \pi(t)\sigma(m_I \mid t) / \sum_{t'} \pi(t')\sigma(m_I \mid t')`; off the path
   any belief will do, and we report the exact set of beliefs that supports the prescribed action.

Method (steps).  For every *support pattern* — the messages each type sends, and at each information
set on the path the actions the receiver uses, off the path one action — the conditions split in two
linear systems: the receiver's indifference among its used actions is linear in :math:`\sigma` (multiply
Bayes' rule by its positive denominator), each mixing type's indifference among its messages is linear
in :math:`\rho`.  Each is solved exactly (:mod:`negsolve.signalling.linear_system`); a unique solution
with positive probabilities that passes every best-reply inequality is an equilibrium.  A system that
leaves unknowns free and is feasible is a continuum of equilibria (degenerate payoffs): it is reported as
a :class:`Continuum` diagnostic, not listed point by point.  Off the path the receiver's reply is listed
pure: a mixed reply deters a deviation only if some pure action it uses does.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from negsolve.analysis.linear import Linear, feasible
from negsolve.errors import InputError, Problem
from negsolve.model.expression import evaluate
from negsolve.model.frozen import freeze_fields
from negsolve.signalling.linear_system import CONTINUUM, solve
from negsolve.signalling.structure import ReceiverInfoset, SignallingGame

MAX_PATTERNS = 200_000


@dataclass(frozen=True)
class OffPath:
    """An information set no type reaches: the action and the beliefs that make it a best reply."""

    action: str
    conditions: tuple[str, ...]   # in words, e.g. "μ(Strong | Quiche) <= 1/2"; empty: any belief
    variable_types: tuple[str, ...]


@dataclass(frozen=True)
class Equilibrium:
    kind: str                                        # pooling, separating, semi-separating, partially pooling
    sender: dict[str, dict[str, Fraction]]           # type -> message -> probability (positive ones)
    receiver: dict[str, dict[str, Fraction]]         # infoset -> action -> probability
    beliefs: dict[str, dict[str, Fraction]]          # on-path infoset -> type -> probability (Bayes)
    off_path: dict[str, OffPath]
    type_payoffs: dict[str, Fraction]
    receiver_payoff: Fraction
    intuitive: object = None                         # IntuitiveCheck, filled by the solver

    def __post_init__(self) -> None:
        freeze_fields(self, "sender", "receiver", "beliefs", "off_path", "type_payoffs")


@dataclass(frozen=True)
class Continuum:
    """Support patterns where the indifference equations leave unknowns free: infinitely many equilibria."""

    sender_supports: dict[str, tuple[str, ...]]
    receiver_supports: dict[str, tuple[str, ...]]

    def __post_init__(self) -> None:
        freeze_fields(self, "sender_supports", "receiver_supports")


@dataclass(frozen=True)
class Numbers:
    """The stage at given parameter values: exact prior and payoffs."""

    game: SignallingGame
    prior: dict[str, Fraction]
    sender: dict[tuple[str, str, str], Fraction]
    receiver: dict[tuple[str, str, str], Fraction]

    def __post_init__(self) -> None:
        freeze_fields(self, "prior", "sender", "receiver")


@dataclass(frozen=True)
class SignallingResult:
    game: SignallingGame
    values: dict[str, Fraction]
    equilibria: tuple[Equilibrium, ...]
    continua: tuple[Continuum, ...]
    patterns: int
    method: str = "support patterns, exact (negsolve.signalling.equilibria)"
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        freeze_fields(self, "values")


def numbers(game: SignallingGame, values: Mapping[str, Fraction]) -> Numbers:
    prior = {t: evaluate(e, values) for t, e in zip(game.types, game.prior, strict=True)}
    bad = [t for t, p in prior.items() if p <= 0]
    if bad:
        raise InputError([Problem(f"the prior probability of type {t!r} is {prior[t]} at these values; a signalling "
                                  "game needs every type possible (Bayes' rule)", hint="set the prior strictly "
                                  "between 0 and 1 with --set") for t in bad])
    sender = {k: evaluate(v[0], values) for k, v in game.payoffs.items()}
    receiver = {k: evaluate(v[1], values) for k, v in game.payoffs.items()}
    return Numbers(game, prior, sender, receiver)


def _subsets(items: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [c for k in range(1, len(items) + 1) for c in itertools.combinations(items, k)]


def _sigma(num: Numbers, S: dict[str, tuple[str, ...]], A: dict[str, tuple[str, ...]],
           on: list[ReceiverInfoset]) -> dict[str, Fraction] | str | None:
    """The sender's mixing probabilities making the receiver indifferent where it mixes."""
    unknowns = [f"{t}\x00{m}" for t in num.game.types if len(S[t]) > 1 for m in S[t]]

    def term(t: str, m: str) -> tuple[str | None, Fraction]:
        if m not in S[t]:
            return None, Fraction(0)
        return (f"{t}\x00{m}", Fraction(1)) if len(S[t]) > 1 else (None, Fraction(1))

    def gain(info: ReceiverInfoset, a0: str, a: str) -> tuple[dict[str, Fraction], Fraction]:
        coeffs: dict[str, Fraction] = {}
        const = Fraction(0)
        for t in info.types:
            var, w = term(t, info.message)
            d = num.prior[t] * (num.receiver[(t, info.message, a0)] - num.receiver[(t, info.message, a)]) * w
            if var is None:
                const += d
            else:
                coeffs[var] = coeffs.get(var, Fraction(0)) + d
        return coeffs, const

    eqs = [({f"{t}\x00{m}": Fraction(1) for m in S[t]}, Fraction(1)) for t in num.game.types if len(S[t]) > 1]
    ineqs = []
    for info in on:
        used = A[info.name]
        for a in used[1:]:
            c, k = gain(info, used[0], a)
            eqs.append((c, -k))
        for a in info.actions:
            if a not in used:
                c, k = gain(info, used[0], a)
                ineqs.append(Linear.make(c, k, False))
    return _finish(unknowns, eqs, ineqs)


def _finish(unknowns: list[str], eqs: list, ineqs: list[Linear]):  # type: ignore[no-untyped-def]
    sol = solve(unknowns, eqs)
    if sol is None:
        return None
    if sol == CONTINUUM:
        system = list(ineqs) + [Linear.make({x: Fraction(1)}, Fraction(0), True) for x in unknowns]
        for c, k in eqs:
            system += [Linear.make(c, -k, False), Linear.make({x: -v for x, v in c.items()}, k, False)]
        return CONTINUUM if feasible(system) else None
    assert isinstance(sol, dict)
    if any(v <= 0 for v in sol.values()) or not all(c.holds(sol) for c in ineqs):
        return None
    return sol


def _rho(num: Numbers, S: dict[str, tuple[str, ...]], A: dict[str, tuple[str, ...]],
         game: SignallingGame):  # type: ignore[no-untyped-def]
    """The receiver's mixing probabilities making each mixing type indifferent among its messages."""
    unknowns = [f"{name}\x00{a}" for name, acts in A.items() if len(acts) > 1 for a in acts]

    def value(t: str, m: str) -> tuple[dict[str, Fraction], Fraction]:
        if (t, m, "") in num.sender:
            return {}, num.sender[(t, m, "")]
        info = game.infoset_of(t, m)
        assert info is not None
        acts = A[info.name]
        if len(acts) == 1:
            return {}, num.sender[(t, m, acts[0])]
        return {f"{info.name}\x00{a}": num.sender[(t, m, a)] for a in acts}, Fraction(0)

    eqs = [({f"{name}\x00{a}": Fraction(1) for a in acts}, Fraction(1)) for name, acts in A.items() if len(acts) > 1]
    ineqs = []
    for t in game.types:
        c0, k0 = value(t, S[t][0])
        for m in game.messages:
            if m == S[t][0]:
                continue
            c, k = value(t, m)
            diff = {x: c0.get(x, Fraction(0)) - c.get(x, Fraction(0)) for x in set(c0) | set(c)}
            if m in S[t]:
                eqs.append((diff, k - k0))
            else:
                ineqs.append(Linear.make(diff, k0 - k, False))
    return _finish(unknowns, eqs, ineqs)


def _pattern(num: Numbers, S: dict[str, tuple[str, ...]], A: dict[str, tuple[str, ...]],
             on: list[ReceiverInfoset], off: list[ReceiverInfoset]) -> Equilibrium | Continuum | None:
    game = num.game
    sig = _sigma(num, S, A, on)
    if sig is None:
        return None
    rho = _rho(num, S, A, game)
    if rho is None:
        return None
    supports = {info.name: _belief_support(num, info, A[info.name][0]) for info in off}
    if any(s is None for s in supports.values()):
        return None
    if sig == CONTINUUM or rho == CONTINUUM:
        return Continuum(dict(S), {info.name: A[info.name] for info in on})
    assert isinstance(sig, dict) and isinstance(rho, dict)
    sender = {t: ({m: sig[f"{t}\x00{m}"] for m in S[t]} if len(S[t]) > 1 else {S[t][0]: Fraction(1)})
              for t in game.types}
    receiver = {name: ({a: rho[f"{name}\x00{a}"] for a in acts} if len(acts) > 1 else {acts[0]: Fraction(1)})
                for name, acts in A.items()}
    beliefs = {}
    for info in on:
        weights = {t: num.prior[t] * sender[t].get(info.message, Fraction(0)) for t in info.types}
        total = sum(weights.values())
        beliefs[info.name] = {t: w / total for t, w in weights.items()}
    off_path = {info.name: supports[info.name] for info in off}
    payoffs = {t: sum((p * expected(num, receiver, t, m) for m, p in sender[t].items()), Fraction(0))
               for t in game.types}
    r_pay = sum((num.prior[t] * p * q * num.receiver[(t, m, a)]
                 for t in game.types for m, p in sender[t].items()
                 for a, q in _reply(num, receiver, t, m).items()), Fraction(0))
    return Equilibrium(_kind(sender), sender, receiver, beliefs, off_path, payoffs, r_pay)  # type: ignore[arg-type]


def _reply(num: Numbers, receiver: dict[str, dict[str, Fraction]], t: str, m: str) -> dict[str, Fraction]:
    if (t, m, "") in num.sender:
        return {"": Fraction(1)}
    info = num.game.infoset_of(t, m)
    assert info is not None
    return receiver[info.name]


def expected(num: Numbers, receiver: dict[str, dict[str, Fraction]], t: str, m: str) -> Fraction:
    """Type ``t``'s expected payoff from message ``m`` against the receiver's strategy."""
    return sum((q * num.sender[(t, m, a)] for a, q in _reply(num, receiver, t, m).items()), Fraction(0))


def _kind(sender: dict[str, dict[str, Fraction]]) -> str:
    if any(len(s) > 1 for s in sender.values()):
        return "semi-separating"
    sent = [next(iter(s)) for s in sender.values()]
    if len(set(sent)) == 1:
        return "pooling"
    if len(set(sent)) == len(sent):
        return "separating"
    return "partially pooling"


def belief_name(t: str, message: str) -> str:
    return f"μ({t} | {message})"


def best_reply_system(num: Numbers, info: ReceiverInfoset, action: str,
                      types: tuple[str, ...] | None = None) -> tuple[list[Linear], list[Linear], list[str]]:
    """Beliefs on ``types`` (default: the infoset's) making ``action`` a best reply: (best-reply conditions,
    simplex conditions, variables).  The last type's belief is 1 minus the others'."""
    types = types or info.types
    names = [belief_name(t, info.message) for t in types[:-1]]
    last = types[-1]
    br = []
    for other in info.actions:
        if other == action:
            continue
        d = {t: num.receiver[(t, info.message, action)] - num.receiver[(t, info.message, other)] for t in types}
        br.append(Linear.make({n: d[t] - d[last] for n, t in zip(names, types, strict=False)}, d[last], False))
    simplex = [Linear.make({n: Fraction(1)}, Fraction(0), False) for n in names]
    simplex.append(Linear.make({n: Fraction(-1) for n in names}, Fraction(1), False))
    return br, simplex, names


def _belief_support(num: Numbers, info: ReceiverInfoset, action: str) -> OffPath | None:
    """The beliefs at off-path ``I`` for which ``action`` is a best reply, or None when there are none."""
    from negsolve.analysis.symbolic import linear_words

    br, simplex, names = best_reply_system(num, info, action)
    if not feasible(br + simplex):
        return None
    kept = list(br)
    k = 0
    while k < len(kept):
        others = kept[:k] + kept[k + 1:]
        if not feasible(simplex + others + [kept[k].negation()]):
            kept = others
        else:
            k += 1
    return OffPath(action, tuple(linear_words(c) for c in kept), info.types)
