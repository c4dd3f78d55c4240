r"""When is an outcome stable?  Exact conditions on the parameters, with sympy.

A pure profile :math:`s` is a Nash equilibrium when no player gains by a unilateral
deviation: :math:`u_i(s) - u_i(t, s_{-i}) \ge 0` for every player :math:`i` and strategy
:math:`t`; a *strict* one when every such difference is :math:`> 0`.  Each difference is a
sympy expression in the game's parameters (built from the payoff expression trees, never
from text).  Linear conditions are simplified exactly: each is solved for a lone parameter
(``s > 2``), redundant ones are removed by Fourier–Motzkin elimination, and with one free
parameter the region is an interval.  Each condition is also evaluated at the current
parameter values: it holds, fails, or sits exactly on the boundary (a tie: the outcome is
then an equilibrium, but not a strict one).

For 2x2 games the mixed equilibrium is given in closed form: the probability that makes
the other player indifferent, e.g. :math:`q = (a_{22} - a_{12}) / (a_{11} - a_{12} - a_{21} + a_{22})`,
with the region where it is a proper mixture, and a note when a denominator vanishes.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.analysis.linear import feasible, interval, remove_redundant
from negsolve.analysis.symbolic import Condition, linear_form, linear_words, symbols_for, to_sympy
from negsolve.errors import InputError, Problem
from negsolve.model.frozen import freeze_fields
from negsolve.model.strategic import Parameter, StrategicGame


@dataclass(frozen=True)
class Deviation:
    player: int
    to: int
    keeps: Condition        # u_i(s) - u_i(t, s_-i) >= 0
    keeps_strictly: Condition
    status: str             # at the current values: holds / boundary / fails


@dataclass(frozen=True)
class Region:
    """A conjunction of conditions, redundant linear ones removed; intervals when one parameter is involved."""

    conditions: tuple[Condition, ...]
    feasible: bool
    intervals: dict  # name -> (low, low_strict, high, high_strict)

    def __post_init__(self) -> None:
        freeze_fields(self, "intervals")


@dataclass(frozen=True)
class MixedClosedForm:
    row_mix: Any            # probability of the row player's first strategy (sympy)
    column_mix: Any         # probability of the column player's first strategy (sympy)
    valid: tuple[Condition, ...]  # 0 < p < 1 and 0 < q < 1
    row_denominator: Any
    column_denominator: Any
    notes: tuple[str, ...]
    at_values: tuple[Fraction | None, Fraction | None]


@dataclass(frozen=True)
class StabilityReport:
    game: StrategicGame
    profile: tuple[int, ...]
    values: dict[str, Fraction]
    deviations: tuple[Deviation, ...]
    per_player: tuple[Region, ...]
    region: Region            # Nash equilibrium
    strict_region: Region     # strict Nash equilibrium
    equilibrium_now: bool
    strict_now: bool
    ties_now: tuple[Deviation, ...]
    mixed: MixedClosedForm | None

    def __post_init__(self) -> None:
        freeze_fields(self, "values")

    def parameter_ranges(self) -> dict[str, str]:
        """Each parameter alone, the others at their current values: where the outcome is an equilibrium
        (:func:`lever_ranges`, within declared domains); computed on request by the caller, which passes
        it to the renderer."""
        return lever_ranges([d.keeps for d in self.deviations], self.values, self.game.parameters)


def parse_outcome(game: StrategicGame, text: str, option: str = "--outcome") -> tuple[int, ...]:
    """``"Suspend exercises,Freeze tests"`` -> strategy indices (player order); errors suggest the nearest.

    Strategy names may themselves hold commas (a tree's reduced strategies do): names are matched
    greedily, longest first, before the text is simply split at commas.  ``option`` names the
    command-line option in messages (``--outcome``, ``--from``, ``--punish``).
    """
    greedy = _match_greedily(game, text)
    if greedy is not None:
        return greedy
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != len(game.players):
        raise InputError([Problem(
            f"{option} {text!r} names {len(parts)} strategies; this game has {len(game.players)} players "
            f"({', '.join(p.name for p in game.players)}): give one strategy each, separated by commas")])
    profile = []
    problems = []
    for player, name in zip(game.players, parts, strict=False):
        if name in player.strategies:
            profile.append(player.strategies.index(name))
            continue
        lower = {s.lower(): s for s in player.strategies}
        if name.lower() in lower:
            profile.append(player.strategies.index(lower[name.lower()]))
            continue
        close = difflib.get_close_matches(name, list(player.strategies), n=1, cutoff=0.4)
        problems.append(Problem(f"{option}: {name!r} is not a strategy of {player.name}",
                                hint=f"did you mean {close[0]!r}?" if close
                                else "strategies: " + ", ".join(player.strategies)))
    if problems:
        raise InputError(problems)
    return tuple(profile)


def domain_set(parameter: Parameter | None) -> Any:
    """A parameter's domain as a sympy interval (the reals when it has no bounds)."""
    import sympy

    if parameter is None:
        return sympy.S.Reals
    low = -sympy.oo if parameter.minimum is None else sympy.Rational(parameter.minimum.numerator,
                                                                      parameter.minimum.denominator)
    high = sympy.oo if parameter.maximum is None else sympy.Rational(parameter.maximum.numerator,
                                                                      parameter.maximum.denominator)
    return sympy.Interval(low, high)


def lever_ranges(conditions: list[Condition], values: Mapping[str, Fraction],
                 parameters: tuple[Parameter, ...] = ()) -> dict[str, str]:
    """For each parameter alone (the others at their current values): the values that satisfy every condition,
    within the parameter's domain when ``parameters`` declares one."""
    import sympy

    from negsolve.analysis.symbolic import _set_words

    names = sorted({str(x) for c in conditions for x in c.expr.free_symbols})
    declared = {p.name: p for p in parameters}
    out = {}
    for name in names:
        x = sympy.Symbol(name, real=True)
        others = {sympy.Symbol(k, real=True): sympy.Rational(v.numerator, v.denominator)
                  for k, v in values.items() if k != name}
        region = domain_set(declared.get(name))
        for c in conditions:
            if isinstance(c, SetCondition):  # already a set of values of its one parameter
                if c.symbol == x:
                    region = region.intersect(c.region)
                continue
            expr = sympy.cancel(c.expr.subs(others))
            if not expr.free_symbols:
                if (expr <= 0) if c.strict else (expr < 0):
                    region = sympy.S.EmptySet
                continue
            try:
                rel = expr > 0 if c.strict else expr >= 0
                region = region.intersect(sympy.solve_univariate_inequality(rel, x, relational=False))
            except (NotImplementedError, ValueError, TypeError):  # pragma: no cover
                continue
        out[name] = "always" if region == domain_set(declared.get(name)) else _set_words(region, name)
    return out


def _match_greedily(game: StrategicGame, text: str) -> tuple[int, ...] | None:
    rest = text.strip()
    profile = []
    for player in game.players:
        found = None
        for k, name in sorted(enumerate(player.strategies), key=lambda item: -len(item[1])):
            if rest.startswith(name) and (len(rest) == len(name) or rest[len(name):].lstrip().startswith(",")):
                found = k
                rest = rest[len(name):].lstrip()
                rest = rest[1:].lstrip() if rest.startswith(",") else rest
                break
        if found is None:
            return None
        profile.append(found)
    return tuple(profile) if not rest else None


def region_of(conditions: list[Condition]) -> Region:
    linear = [c.linear for c in conditions if c.linear is not None]
    other: list[Condition] = []
    for c in conditions:
        if c.linear is None and all(c.expr != o.expr or c.strict != o.strict for o in other):
            other.append(c)
    ok = feasible(linear) if linear else True
    kept = remove_redundant(linear) if ok else linear
    kept_conditions = []
    import sympy

    for lin in kept:
        expr = sum((sympy.Rational(a.numerator, a.denominator) * sympy.Symbol(v, real=True) for v, a in lin.coeffs),
                   sympy.Rational(lin.const.numerator, lin.const.denominator))
        kept_conditions.append(Condition(expr, lin.strict, lin))
    names = sorted({v for lin in kept for v in lin.variables})
    intervals = {}
    # intervals only when they say everything: a non-linear condition would be dropped from them
    if ok and not other and all(len(lin.variables) <= 1 for lin in kept):
        for name in names:
            low, ls, high, hs, _ = interval([lin for lin in kept if lin.variables == (name,)], name)
            intervals[name] = (low, ls, high, hs)
    return Region(tuple(kept_conditions + other), ok, intervals)


def stability(
    game: StrategicGame, profile: tuple[int, ...], overrides: Mapping[str, Fraction] | None = None,
    mixed: bool = True,
) -> StabilityReport:
    """Exact conditions under which pure ``profile`` is a (strict) Nash equilibrium of ``game``.

    ``mixed=False`` leaves out the 2x2 mixed equilibrium's closed form (``report.mixed`` is then None):
    pictures of regions need only the conditions, and the closed form's tidying costs most of the time."""
    values = game.parameter_values(overrides)
    symbols = symbols_for([p.name for p in game.parameters])
    payoff = {}

    def u(prof: tuple[int, ...], i: int) -> Any:
        key = (prof, i)
        if key not in payoff:
            payoff[key] = to_sympy(game.payoffs[game.index(prof)][i], symbols)
        return payoff[key]

    deviations = []
    per_player = []
    for i, player in enumerate(game.players):
        mine = []
        for t in range(len(player.strategies)):
            if t == profile[i]:
                continue
            alt = profile[:i] + (t,) + profile[i + 1:]
            diff = u(profile, i) - u(alt, i)
            import sympy

            diff = sympy.cancel(diff)
            keeps = Condition(diff, False, linear_form(diff, False))
            strict = Condition(diff, True, linear_form(diff, True))
            status = keeps.status(values)
            deviations.append(Deviation(i, t, keeps, strict, status))
            mine.append(keeps)
        per_player.append(region_of(mine))
    region = region_of([d.keeps for d in deviations])
    strict_region = region_of([d.keeps_strictly for d in deviations])
    equilibrium_now = all(d.status != "fails" for d in deviations)
    ties = tuple(d for d in deviations if d.status == "boundary")
    closed = mixed_closed_form(game, values) if mixed and game.shape == (2, 2) else None
    return StabilityReport(game, profile, values, tuple(deviations), tuple(per_player), region, strict_region,
                           equilibrium_now, equilibrium_now and not ties, ties, closed)


def mixed_closed_form(game: StrategicGame, values: Mapping[str, Fraction]) -> MixedClosedForm:
    """The 2x2 mixed equilibrium as functions of the parameters, with its validity region."""
    import sympy

    symbols = symbols_for([p.name for p in game.parameters])
    A = [[to_sympy(game.payoffs[game.index((i, j))][0], symbols) for j in range(2)] for i in range(2)]
    B = [[to_sympy(game.payoffs[game.index((i, j))][1], symbols) for j in range(2)] for i in range(2)]
    # q: column's probability of its first strategy making the row player indifferent
    q_den = sympy.cancel(A[0][0] - A[0][1] - A[1][0] + A[1][1])
    q_num = sympy.cancel(A[1][1] - A[0][1])
    p_den = sympy.cancel(B[0][0] - B[0][1] - B[1][0] + B[1][1])
    p_num = sympy.cancel(B[1][1] - B[1][0])
    notes = []
    subs = {symbols[k]: sympy.Rational(v.numerator, v.denominator) for k, v in values.items() if k in symbols}
    p = q = None
    valid: list[Condition] = []
    at: list[Fraction | None] = [None, None]
    for name, num, den, slot in (("row", p_num, p_den, 0), ("column", q_num, q_den, 1)):
        if den == 0:
            notes.append(f"the {'column' if name == 'row' else 'row'} player's payoff differences never change "
                         f"with the {name} player's mix: no equilibrium has the {name} player mixing to make it "
                         "indifferent, except where it is indifferent throughout")
            continue
        mix = sympy.cancel(num / den)
        if slot == 0:
            p = mix
        else:
            q = mix
        for expr in (mix, 1 - mix):
            expr = sympy.cancel(expr)
            valid.append(Condition(expr, True, linear_form(expr, True)))
        d_now = den.subs(subs)
        if d_now == 0:
            notes.append(f"at the current values the denominator {den} of the {name} player's mix is zero")
        else:
            value = sympy.Rational(mix.subs(subs))
            at[slot] = Fraction(int(value.p), int(value.q))
    return MixedClosedForm(p, q, tuple(_tidy(valid)), p_den, q_den, tuple(notes), (at[0], at[1]))


def _tidy(conditions: list[Condition]) -> list[Condition]:
    """Drop conditions that always hold; merge the one-parameter ones on the same parameter into one."""
    import sympy

    kept: list[Condition] = []
    by_symbol: dict[Any, list[Condition]] = {}
    for c in conditions:
        free = c.expr.free_symbols
        if not free:
            if (c.expr > 0) if c.strict else (c.expr >= 0):
                continue
            kept.append(c)
        elif len(free) == 1:
            by_symbol.setdefault(next(iter(free)), []).append(c)
        else:
            kept.append(c)
    merged: list[Condition] = []
    for x, group in by_symbol.items():
        if len(group) == 1:
            merged.append(group[0])
            continue
        try:
            region = sympy.S.Reals
            for c in group:
                region = region.intersect(sympy.solve_univariate_inequality(
                    c.expr > 0 if c.strict else c.expr >= 0, x, relational=False))
        except (NotImplementedError, ValueError, TypeError):  # pragma: no cover
            merged.extend(group)
            continue
        merged.append(SetCondition(group[0].expr, True, None, region, x))
    return merged + kept


class SetCondition(Condition):
    """Several one-parameter conditions merged into one set of values (e.g. ``0 < e < 3``)."""

    region: Any
    symbol: Any

    def __init__(self, expr: Any, strict: bool, linear: Any, region: Any, symbol: Any):
        object.__setattr__(self, "expr", expr)
        object.__setattr__(self, "strict", strict)
        object.__setattr__(self, "linear", linear)
        object.__setattr__(self, "region", region)
        object.__setattr__(self, "symbol", symbol)

    def words(self) -> str:
        from negsolve.analysis.symbolic import _set_words

        return _set_words(self.region, str(self.symbol))

    def sympy_text(self) -> str:
        return str(self.region.as_relational(self.symbol))


__all__ = ["StabilityReport", "parse_outcome", "stability", "linear_words"]
