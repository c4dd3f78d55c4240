r"""Bayesian Nash equilibria of games with types, exactly, through the ex-ante strategic form.

Method (Harsanyi 1967-68; Fudenberg and Tirole 1991, section 6.2):

1. A *plan* of player :math:`i` names an action for each of its types; the ex-ante strategic
   form has the plans as strategies and pays the prior expectation
   :math:`U_i(\pi) = \sum_t \pi(t)\, u_i(t, \pi_1(t_1), \dots, \pi_n(t_n))`.
2. Two players: every extreme Nash equilibrium of the ex-ante form, by the exact engine
   (:func:`negsolve.solvers.solve_table`).  Three or more: its pure equilibria.
3. A mixed plan :math:`x_i` induces the behavioural strategy
   :math:`\sigma_i(a \mid t_i) = \sum_{\pi_i(t_i) = a} x_i(\pi_i)`; ex-ante payoffs depend on
   :math:`x_i` only through :math:`\sigma_i` (Kuhn), so these are the Bayesian Nash equilibria.
   Equal behavioural profiles are listed once.
4. Each profile is verified in exact arithmetic at the *interim* stage: every type with positive
   prior probability plays only actions that maximise its expected payoff under its beliefs
   :math:`\pi(t_{-i} \mid t_i)` (Bayes' rule on the prior).

Every type has positive prior probability (checked when the values are fixed), so ex-ante and
interim optimality coincide.  The ex-ante form repeats each behavioural strategy of a player
with two or more types through several plan mixtures, so it is degenerate as soon as such a
type mixes; ``degenerate`` reports the ex-ante form's flag.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from math import prod

from negsolve.errors import SolverError
from negsolve.model.bayesian import BayesianGame, BayesianValues, TypedPlayer, bayesian_values
from negsolve.model.expression import Binary, Expr, Number
from negsolve.model.frozen import freeze_fields
from negsolve.model.strategic import Player, StrategicGame
from negsolve.progress import Budget
from negsolve.solvers.results import SolveResult

MAX_PLANS = 200_000  # plan profiles of the ex-ante form

Behaviour = tuple[tuple[tuple[Fraction, ...], ...], ...]  # [player][type][action]


@dataclass(frozen=True)
class ExAnteForm:
    """The ex-ante strategic form: ``plans[i][k]`` is player ``i``'s ``k``-th plan (one action per type)."""

    game: StrategicGame
    plans: tuple[tuple[tuple[int, ...], ...], ...]


@dataclass(frozen=True)
class BayesianEquilibrium:
    """A Bayesian Nash equilibrium: per player, per type, a probability per action; payoffs exact.

    ``payoffs``: ex-ante expected payoff of each player; ``interim[i][t]``: expected payoff of
    player ``i`` of type ``t`` given its beliefs.
    """

    strategies: Behaviour
    payoffs: tuple[Fraction, ...]
    interim: tuple[tuple[Fraction, ...], ...]

    @property
    def pure(self) -> bool:
        return all(max(dist) == 1 for player in self.strategies for dist in player)


@dataclass(frozen=True)
class BayesianSolveResult:
    """Every Bayesian Nash equilibrium found, with how it was obtained."""

    game: BayesianGame
    values: BayesianValues
    equilibria: tuple[BayesianEquilibrium, ...]
    scope: str  # "all" (two players) or "pure"
    degenerate: bool | None
    method: str
    exante: SolveResult
    verified: bool
    notes: tuple[str, ...] = field(default_factory=tuple)
    parameter_values: dict[str, Fraction] = field(default_factory=dict)

    def __post_init__(self) -> None:
        freeze_fields(self, "parameter_values")

    @property
    def complete(self) -> bool:
        return self.exante.complete

    @property
    def stopped(self) -> str | None:
        return self.exante.stopped


def plan_label(player: TypedPlayer, plan: tuple[int, ...]) -> str:
    """``"Build"`` for a player without types; ``"Don't build if High cost, Build if Low cost"`` otherwise."""
    if not player.has_types:
        return player.strategies[plan[0]]
    return ", ".join(f"{player.strategies[a]} if {t}" for t, a in zip(player.types, plan, strict=True))


def plans_of(player: TypedPlayer) -> tuple[tuple[int, ...], ...]:
    return tuple(itertools.product(range(len(player.strategies)), repeat=len(player.types)))


def _check_size(game: BayesianGame) -> None:
    count = prod(len(p.strategies) ** len(p.types) for p in game.players)
    if count > MAX_PLANS:
        raise SolverError(f"the ex-ante form has {count} plan profiles, more than {MAX_PLANS}: "
                          "too large to solve exactly")


def _plus(a: Expr, b: Expr) -> Expr:
    if isinstance(a, Number) and a.value == 0:
        return b
    if isinstance(a, Number) and isinstance(b, Number):
        return Number(a.value + b.value)
    return Binary("+", a, b)


def _times(a: Expr, b: Expr) -> Expr:
    if isinstance(a, Number) and isinstance(b, Number):
        return Number(a.value * b.value)
    if isinstance(a, Number) and a.value == 1:
        return b
    if isinstance(b, Number) and b.value == 1:
        return a
    return Binary("*", a, b)


def exante_form(game: BayesianGame) -> ExAnteForm:
    """The ex-ante strategic form with payoffs as expressions over the game's parameters."""
    _check_size(game)
    plans = tuple(plans_of(p) for p in game.players)
    n = len(game.players)
    types = list(game.type_profiles())
    payoffs = []
    for profile in itertools.product(*plans):
        cell: list[Expr] = [Number(Fraction(0))] * n
        for k, t in enumerate(types):
            q = game.prior[k]
            if isinstance(q, Number) and q.value == 0:
                continue
            actions = tuple(profile[i][t[i]] for i in range(n))
            u = game.payoffs[k][game.index(actions)]
            cell = [_plus(c, _times(q, x)) for c, x in zip(cell, u, strict=True)]
        payoffs.append(tuple(cell))
    players = tuple(Player(p.name, tuple(plan_label(p, plan) for plan in plans[i]), p.about)
                    for i, p in enumerate(game.players))
    strategic = StrategicGame(f"{game.title} (ex-ante form)", players, tuple(payoffs), game.parameters,
                              game.summary, game.reference, game.source)
    return ExAnteForm(strategic, plans)


def exante_table(values: BayesianValues):  # type: ignore[no-untyped-def]
    """The ex-ante payoff table at fixed values (exact), computed directly from the numbers."""
    from negsolve.model.strategic import PayoffTable

    game = values.game
    _check_size(game)
    plans = [plans_of(p) for p in game.players]
    n = len(game.players)
    types = list(game.type_profiles())
    rows = []
    for profile in itertools.product(*plans):
        cell = [Fraction(0)] * n
        for k, t in enumerate(types):
            q = values.prior[k]
            if q:
                u = values.payoffs[k][game.index(tuple(profile[i][t[i]] for i in range(n)))]
                cell = [c + q * x for c, x in zip(cell, u, strict=True)]
        rows.append(tuple(cell))
    return PayoffTable(tuple(len(p) for p in plans), tuple(rows)), plans


def behaviour_of(game: BayesianGame, plans: list[tuple[tuple[int, ...], ...]],
                 mixed: tuple[tuple[Fraction, ...], ...]) -> Behaviour:
    """Per player, per type, the probability of each action induced by mixed plans."""
    out = []
    for i, player in enumerate(game.players):
        per_type = []
        for t in range(len(player.types)):
            dist = [Fraction(0)] * len(player.strategies)
            for plan, x in zip(plans[i], mixed[i], strict=True):
                dist[plan[t]] += x
            per_type.append(tuple(dist))
        out.append(tuple(per_type))
    return tuple(out)


def action_terms(values: BayesianValues, strategies: Behaviour, player: int, type_: int,
                 action: int) -> list[tuple[Fraction, Fraction]]:
    """``(belief, expected payoff)`` per type profile ``player`` of type ``type_`` thinks possible, for ``action``."""
    game = values.game
    n = len(game.players)
    terms = []
    for types, belief in values.belief(player, type_):
        k = game.type_index(types)
        ranges = [range(len(p.strategies)) if j != player else (action,) for j, p in enumerate(game.players)]
        total = Fraction(0)
        for actions in itertools.product(*ranges):
            weight = prod((strategies[j][types[j]][actions[j]] for j in range(n) if j != player), start=Fraction(1))
            if weight:
                total += weight * values.payoffs[k][game.index(actions)][player]
        terms.append((belief, total))
    return terms


def action_values(values: BayesianValues, strategies: Behaviour, player: int, type_: int) -> tuple[Fraction, ...]:
    """Interim expected payoff of each action of ``player`` of type ``type_`` against ``strategies``."""
    return tuple(sum((b * v for b, v in action_terms(values, strategies, player, type_, a)), Fraction(0))
                 for a in range(len(values.game.players[player].strategies)))


def interim_best(values: BayesianValues, strategies: Behaviour) -> bool:
    """Whether every type of every player plays only interim best responses (exact)."""
    for i, player in enumerate(values.game.players):
        for t in range(len(player.types)):
            vals = action_values(values, strategies, i, t)
            best = max(vals)
            if any(p and v != best for p, v in zip(strategies[i][t], vals, strict=True)):
                return False
    return True


def _equilibrium(values: BayesianValues, strategies: Behaviour) -> BayesianEquilibrium:
    interim = []
    exante = []
    for i, player in enumerate(values.game.players):
        mine = []
        for t in range(len(player.types)):
            vals = action_values(values, strategies, i, t)
            mine.append(sum((p * v for p, v in zip(strategies[i][t], vals, strict=True)), Fraction(0)))
        interim.append(tuple(mine))
        exante.append(sum((values.marginal(i, t) * v for t, v in enumerate(mine)), Fraction(0)))
    return BayesianEquilibrium(strategies, tuple(exante), tuple(interim))


def solve_bayesian(game: BayesianGame, overrides: dict[str, Fraction] | None = None, engine: str = "exact",
                   budget: Budget | None = None) -> BayesianSolveResult:
    """Every Bayesian Nash equilibrium (two players; pure ones for more), exact and verified."""
    from negsolve.solvers import solve_table
    from negsolve.solvers.pure import pure_equilibria

    values = bayesian_values(game, overrides)
    table, plans = exante_table(values)
    if len(game.players) == 2:
        exante = solve_table(table, engine, budget)
        scope = "all"
    else:
        found = pure_equilibria(table)
        exante = SolveResult(tuple(found), "pure", None, "pure profiles of the ex-ante form, checked exhaustively")
        scope = "pure"
    seen: dict[Behaviour, BayesianEquilibrium] = {}
    for eq in exante.equilibria:
        strategies = behaviour_of(game, plans, eq.profile)
        if strategies not in seen:
            seen[strategies] = _equilibrium(values, strategies)
    equilibria = tuple(seen.values())
    verified = all(interim_best(values, e.strategies) for e in equilibria)
    if not verified:  # never expected: the ex-ante and interim conditions are equivalent
        raise SolverError("an equilibrium of the ex-ante form failed the interim best-response check")
    notes = []
    if len(exante.equilibria) > len(equilibria):
        notes.append(f"the ex-ante form has {len(exante.equilibria)} extreme equilibria; several mix plans "
                     "that induce the same per-type strategies, so they are listed once")
    method = (f"ex-ante strategic form ({'x'.join(str(k) for k in table.shape)} plans) solved by: {exante.method}; "
              "each equilibrium mapped to per-type strategies and verified type by type (interim best responses)")
    return BayesianSolveResult(game, values, equilibria, scope, exante.degenerate, method, exante, verified,
                               tuple(notes) + tuple(exante.notes), game.parameter_values(overrides))
