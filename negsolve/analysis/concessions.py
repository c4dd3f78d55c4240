r"""Which concessions make talks stable: compare every outcome with the status quo.

For each pure outcome :math:`o`, against the status-quo equilibrium :math:`e`:

- who gains and who loses (:math:`u_i(o) - u_i(e)`), and whether :math:`o` is a Pareto
  improvement;
- whether :math:`o` is self-enforcing (a Nash equilibrium at the current parameter values);
- if not, the smallest **stabilising change**, three ways:

  * a **penalty** on deviation (say sanctions a third party enforces): each tempted player
    :math:`i` must lose at least its best gain :math:`\max_t u_i(t, o_{-i}) - u_i(o)`;
  * a **side payment** :math:`x` from player :math:`j` to player :math:`i`, paid only if
    :math:`o` is played.  :math:`o` is then an equilibrium iff
    :math:`u_i(o) + x \ge u_i(t, o_{-i})` for every :math:`t` (:math:`x` at least :math:`i`'s
    best gain) and :math:`u_j(o) - x \ge u_j(t, o_{-j})` for every :math:`t` (:math:`x` at most
    :math:`j`'s smallest loss from deviating): the interval
    :math:`[g_i, \min_t (u_j(o) - u_j(t, o_{-j}))]`, possibly one point ("exactly 1") or empty
    (the payer would rather walk away).  One transfer can fix one tempted player only;
  * a **parameter** alone (the others at their current values): the nearest value *inside
    the parameter's domain* at which the stability conditions of
    :mod:`negsolve.analysis.stability` hold.

Outcomes are ranked: self-enforcing Pareto improvements first, then by the total penalty
needed, smallest first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.model.frozen import freeze_fields
from negsolve.model.strategic import PayoffTable, StrategicGame, payoff_table
from negsolve.solvers.results import SolveResult


@dataclass(frozen=True)
class Temptation:
    player: int
    to: int           # the most profitable deviation
    gain: Fraction    # > 0


@dataclass(frozen=True)
class SidePayment:
    """A transfer that makes the outcome an equilibrium for any amount in ``[amount, most]``."""

    payer: int
    receiver: int
    amount: Fraction           # the least that works (the receiver's best gain)
    most: Fraction | None      # the most the payer can give and still not deviate (None: no limit)

    @property
    def exact(self) -> bool:
        return self.most is not None and self.most == self.amount


@dataclass(frozen=True)
class ParameterChange:
    parameter: str
    current: Fraction
    target: Fraction | None       # the nearest value that works (None: no value works)
    included: bool                # whether target itself works (False: strictly beyond it)
    region: str                   # the values that work, in words


@dataclass(frozen=True)
class OutcomeAssessment:
    profile: tuple[int, ...]
    payoffs: tuple[Fraction, ...]
    change: tuple[Fraction, ...]  # vs the status quo
    # comparison is one of: "status quo", "Pareto improvement", "Pareto worse", "winners and losers", "same payoffs"
    comparison: str
    self_enforcing: bool
    temptations: tuple[Temptation, ...]
    penalty: Fraction             # total penalty needed (sum over tempted players)
    side_payments: tuple[SidePayment, ...]   # only those with a non-empty interval
    parameter_changes: tuple[ParameterChange, ...]
    side_payment_note: str = ""   # why no side payment is listed, when one was looked for


@dataclass(frozen=True)
class ConcessionsReport:
    game: StrategicGame
    values: dict[str, Fraction]
    status_quo: tuple[int, ...] | None      # a pure profile, or None when the status quo is mixed
    status_quo_payoffs: tuple[Fraction, ...]
    status_quo_label: str
    outcomes: tuple[OutcomeAssessment, ...]  # ranked

    def __post_init__(self) -> None:
        freeze_fields(self, "values")


def compare_payoffs(change: tuple[Fraction, ...]) -> str:
    """How an outcome compares with the status quo, from each player's payoff change."""
    if all(c == 0 for c in change):
        return "same payoffs"
    if all(c >= 0 for c in change):
        return "Pareto improvement"
    if all(c <= 0 for c in change):
        return "Pareto worse"
    return "winners and losers"


def _parameter_changes(
    game: StrategicGame, profile: tuple[int, ...], values: dict[str, Fraction]
) -> list[ParameterChange]:
    import sympy

    from negsolve.analysis.stability import domain_set, stability

    report = stability(game, profile, values)
    out = []
    if all(d.keeps.linear is not None for d in report.deviations):
        return _linear_parameter_changes(game, report, values)
    for p in game.parameters:
        x = sympy.Symbol(p.name, real=True)
        others = {sympy.Symbol(k, real=True): sympy.Rational(v.numerator, v.denominator)
                  for k, v in values.items() if k != p.name}
        domain = domain_set(p)
        region = domain
        for d in report.deviations:
            expr = sympy.cancel(d.keeps.expr.subs(others))
            if expr.free_symbols - {x}:
                continue
            if not expr.free_symbols:
                if expr < 0:
                    region = sympy.S.EmptySet
                continue
            try:
                region = region.intersect(sympy.solve_univariate_inequality(expr >= 0, x, relational=False))
            except (NotImplementedError, ValueError, TypeError):  # pragma: no cover
                continue
        current = sympy.Rational(values[p.name].numerator, values[p.name].denominator)
        from negsolve.analysis.symbolic import _set_words

        words = _set_words(region, p.name)
        if region == sympy.S.EmptySet:
            if domain != sympy.S.Reals:
                words = f"never within its domain ({p.domain_words()})"
            out.append(ParameterChange(p.name, values[p.name], None, False, words))
            continue
        if region.contains(current) == sympy.true:
            continue  # this parameter needs no change
        candidates = [b for b in region.boundary if b.is_finite]
        if not candidates:
            continue
        best = min(candidates, key=lambda b: abs(b - current))
        out.append(ParameterChange(p.name, values[p.name],
                                   Fraction(int(sympy.Rational(best).p), int(sympy.Rational(best).q)),
                                   bool(region.contains(best) == sympy.true), words))
    return out


def _linear_parameter_changes(game: StrategicGame, report: Any, values: dict[str, Fraction]) -> list[ParameterChange]:
    """The same as the general path, exactly and fast, when every condition is linear."""
    from negsolve.analysis.linear import Linear, interval

    out = []
    for p in game.parameters:
        one = []
        for d in report.deviations:
            lin = d.keeps.linear
            coeff = dict(lin.coeffs).get(p.name, Fraction(0))
            const = lin.const + sum((a * values[v] for v, a in lin.coeffs if v != p.name), Fraction(0))
            one.append(Linear.make({p.name: coeff}, const, False))
        if p.minimum is not None:
            one.append(Linear.make({p.name: Fraction(1)}, -p.minimum, False))
        if p.maximum is not None:
            one.append(Linear.make({p.name: Fraction(-1)}, p.maximum, False))
        low, low_strict, high, high_strict, empty = interval(one, p.name)
        now = values[p.name]
        if empty:
            words = "never" if p.minimum is None and p.maximum is None else \
                f"never within its domain ({p.domain_words()})"
            out.append(ParameterChange(p.name, now, None, False, words))
            continue
        if _inside(now, low, low_strict, high, high_strict):
            continue
        below = low is not None and (now < low or (now == low and low_strict))
        target = low if below else high
        included = not (low_strict if below else high_strict)
        out.append(ParameterChange(p.name, now, target, included, _interval_text(p.name, low, low_strict,
                                                                                   high, high_strict)))
    return out


def _inside(now: Fraction, low: Fraction | None, low_strict: bool, high: Fraction | None, high_strict: bool) -> bool:
    above_low = low is None or now > low or (now == low and not low_strict)
    below_high = high is None or now < high or (now == high and not high_strict)
    return above_low and below_high


def _interval_text(name: str, low: Fraction | None, low_strict: bool, high: Fraction | None,
                   high_strict: bool) -> str:
    from negsolve.expr import format_number as fmt

    if low is not None and high is not None and low == high:
        return f"{name} = {fmt(low)}"
    parts = []
    if low is not None:
        parts.append(f"{fmt(low)} {'<' if low_strict else '<='} ")
    parts.append(name)
    if high is not None:
        parts.append(f" {'<' if high_strict else '<='} {fmt(high)}")
    if low is not None and high is None:
        return f"{name} {'>' if low_strict else '>='} {fmt(low)}"
    return "".join(parts)


def side_payments(table: Any, profile: tuple[int, ...],
                  temptations: list[Temptation]) -> tuple[tuple[SidePayment, ...], str]:
    """The transfers that make ``profile`` an equilibrium, each with its interval (see the module docstring),
    and, when there is none, why."""
    if not temptations:
        return (), ""
    if len(temptations) > 1:
        return (), "no single side payment works: more than one player is tempted"
    receiver, gain = temptations[0].player, temptations[0].gain
    here = table.at(profile)
    payments, walk = [], []
    for payer in range(len(profile)):
        if payer == receiver:
            continue
        losses = [here[payer] - table.at(profile[:payer] + (t,) + profile[payer + 1:])[payer]
                  for t in range(table.shape[payer]) if t != profile[payer]]
        most = min(losses) if losses else None
        if most is None or most >= gain:
            payments.append(SidePayment(payer, receiver, gain, most))
        else:
            walk.append(payer)
    note = "" if payments else "no side payment works: the payer would walk away"
    return tuple(payments), note


def concessions(game: StrategicGame, overrides: Mapping[str, Fraction] | None = None,
                status_quo: tuple[int, ...] | None = None, detail_limit: int = 12,
                status_quo_label: str = "the chosen status quo") -> ConcessionsReport:
    """Assess every pure outcome of ``game`` against the status quo (see the module docstring).

    Parameter changes are worked out (symbolically) for the ``detail_limit`` best-ranked outcomes
    that are not self-enforcing; penalties and side payments for all.
    """
    values = game.parameter_values(overrides)
    table = payoff_table(game, overrides)
    status_quo, sq_payoffs, label = _status_quo(table, status_quo, status_quo_label)
    rows = []
    n = len(game.players)
    for profile in table.profiles():
        here = table.at(profile)
        change = tuple(a - b for a, b in zip(here, sq_payoffs, strict=False))
        temptations = _temptations(table, profile, here, n)
        payments, note = side_payments(table, profile, temptations)
        comparison = "status quo" if profile == status_quo else compare_payoffs(change)
        rows.append(OutcomeAssessment(profile, here, change, comparison, not temptations, tuple(temptations),
                                      sum((t.gain for t in temptations), Fraction(0)), payments, (), note))

    def rank(row: OutcomeAssessment) -> tuple:
        return (row.comparison != "status quo",
                not (row.self_enforcing and row.comparison == "Pareto improvement"),
                not row.self_enforcing, row.penalty, -sum(row.change))

    rows.sort(key=rank)
    if game.parameters:
        import dataclasses

        detailed = 0
        for k, row in enumerate(rows):
            if row.self_enforcing or detailed >= detail_limit:
                continue
            detailed += 1
            rows[k] = dataclasses.replace(row, parameter_changes=tuple(_parameter_changes(game, row.profile, values)))
    return ConcessionsReport(game, values, status_quo, sq_payoffs, label, tuple(rows))


def _status_quo(table: PayoffTable, status_quo: tuple[int, ...] | None,
                status_quo_label: str) -> tuple[tuple[int, ...] | None, tuple, str]:
    """The status quo profile (None for a mixed equilibrium), its payoffs and its label."""
    from negsolve.solvers import solve_table

    if status_quo is None:
        result = solve_table(table) if table.n_players == 2 else _pure_first(table)
        first = result.equilibria[0]
        if first.pure:
            status_quo = tuple(s.index(Fraction(1)) for s in first.profile)
            sq_payoffs = table.at(status_quo)
            label = "the game's equilibrium" if len(result.equilibria) == 1 else "the first of its equilibria"
        else:
            sq_payoffs = first.payoffs
            label = "its mixed equilibrium"
    else:
        sq_payoffs = table.at(status_quo)
        label = status_quo_label
    return status_quo, sq_payoffs, label


def _temptations(table: PayoffTable, profile: tuple[int, ...], here: tuple, n: int) -> list[Temptation]:
    """Each player's most profitable unilateral deviation from ``profile``, when one gains anything."""
    temptations = []
    for i in range(n):
        best_gain, best_to = Fraction(0), -1
        for t in range(table.shape[i]):
            if t == profile[i]:
                continue
            gain = table.at(profile[:i] + (t,) + profile[i + 1:])[i] - here[i]
            if gain > best_gain:
                best_gain, best_to = gain, t
        if best_to >= 0:
            temptations.append(Temptation(i, best_to, best_gain))
    return temptations


def _pure_first(table: PayoffTable) -> SolveResult:
    """n players: the pure equilibria when there are any (no mixed enumeration needed), else the full solve."""
    from negsolve.solvers import solve_table
    from negsolve.solvers.pure import pure_equilibria

    pure = tuple(pure_equilibria(table))
    if pure:
        return SolveResult(pure, "pure", None, "exact best-response check of every pure profile")
    return solve_table(table)


__all__ = ["ConcessionsReport", "SidePayment", "concessions", "side_payments"]
