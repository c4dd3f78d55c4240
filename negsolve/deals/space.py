r"""The deal space of a strategic game, gathered once for ``negsolve deals``.

:func:`deal_space` computes, exactly: the feasible set and its Pareto frontier
(:mod:`negsolve.deals.hull`), each player's minmax values and the individually rational region
(:mod:`negsolve.deals.minmax`), where each Nash equilibrium lies in that picture, and for two
players the bargaining solutions (:mod:`negsolve.deals.bargaining`) from a disagreement point.

The disagreement point (what each side gets if talks fail) is, by default, the *status-quo
equilibrium*: for a game tree, its first subgame-perfect equilibrium; for a strategic game, the
Nash equilibrium with the smallest total payoff (ties: the first listed by ``negsolve solve``).
Without an agreement nothing coordinates the players on a better equilibrium, so the
least favourable one is the cautious reading of "no deal"; in Chicken it is the symmetric mixed
equilibrium, so neither side's preferred outcome is assumed.  Other choices: ``minmax`` (each
side's mixed minmax value: the worst the other can inflict), an outcome, or explicit values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from negsolve.deals.bargaining import BargainingResult, bargain
from negsolve.deals.hull import PayoffSpace, dominates, efficient_in_plane, payoff_space
from negsolve.deals.minmax import Minmax, individually_rational_region, minmax_values
from negsolve.errors import InputError, Problem
from negsolve.model.frozen import freeze_fields
from negsolve.model.strategic import PayoffTable, StrategicGame, payoff_table
from negsolve.solvers.results import Equilibrium, SolveResult

Vector = tuple[Fraction, ...]


@dataclass(frozen=True)
class Disagreement:
    """The disagreement point: ``kind`` is "equilibrium", "subgame-perfect", "minmax", "outcome" or "values"."""

    kind: str
    payoffs: Vector
    description: str
    profile: tuple[tuple[Fraction, ...], ...] | None = None


@dataclass(frozen=True)
class EquilibriumPlace:
    """Where a Nash equilibrium lies: efficient or not, the pure outcomes that dominate it, a feasible
    point that dominates it (when only a lottery does), and whether it is strictly above every
    player's minmax value (inside the folk-theorem region)."""

    equilibrium: Equilibrium
    efficient: bool
    dominated_by: tuple[tuple[int, ...], ...]
    dominating_point: Vector | None
    above_minmax: bool


@dataclass(frozen=True)
class DealSpace:
    game: StrategicGame
    values: dict[str, Fraction]
    table: PayoffTable
    space: PayoffSpace
    minmax: tuple[Minmax, ...]
    rational_region: tuple[Vector, ...]
    equilibria: SolveResult
    places: tuple[EquilibriumPlace, ...]
    disagreement: Disagreement | None
    bargaining: BargainingResult | None
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        freeze_fields(self, "values")


def deal_space(game: StrategicGame, overrides: Mapping[str, Fraction] | None = None,
               disagreement: str | None = None, status_quo: tuple[int, ...] | None = None) -> DealSpace:
    """Everything ``negsolve deals`` shows (see the module docstring).

    ``disagreement``: None (the status quo), ``"minmax"``, ``"outcome S1,S2"`` or ``"values v1,v2"``.
    ``status_quo``: a pure profile to use as the default disagreement (a tree's subgame-perfect play).
    """
    from negsolve.solvers import solve_table

    table = payoff_table(game, overrides)
    space = payoff_space(table)
    minmax = minmax_values(table)
    result = solve_table(table)
    places = tuple(_place(space, minmax, eq) for eq in result.equilibria)
    notes = []
    region: tuple[Vector, ...] = ()
    point = bargaining = None
    if table.n_players == 2:
        region = individually_rational_region(space.vertices, minmax)
        point = parse_disagreement(game, table, minmax, result, disagreement, status_quo)
        bargaining = bargain([(v[0], v[1]) for v in space.vertices], (point.payoffs[0], point.payoffs[1]))
    else:
        notes.append("bargaining solutions and the individually rational region are computed for two players")
        notes.append("with three or more players the mixed minmax value lets the others correlate their punishment "
                     "(a lower bound on the value with independent mixing)")
    return DealSpace(game, game.parameter_values(overrides), table, space, minmax, region, result, places,
                     point, bargaining, tuple(notes))


def _place(space: PayoffSpace, minmax: tuple[Minmax, ...], eq: Equilibrium) -> EquilibriumPlace:
    table = space.table
    u = eq.payoffs
    better = tuple(q for q in table.profiles() if dominates(table.at(q), u))
    point = None
    if table.n_players == 2:
        efficient = efficient_in_plane([(v[0], v[1]) for v in space.vertices], u)
        if not efficient and not better:
            from negsolve.deals.hull import dominating_point

            point = dominating_point([(v[0], v[1]) for v in space.vertices], (u[0], u[1]))
    else:
        from negsolve.deals.hull import improvement

        point = improvement(u, list(space.vertices))
        efficient = point is None and not better
    above = all(v > m.mixed for v, m in zip(u, minmax, strict=True))
    return EquilibriumPlace(eq, efficient, better, point, above)


def status_quo_equilibrium(result: SolveResult) -> Equilibrium:
    """The least favourable equilibrium: smallest total payoff, ties to the first listed."""
    return min(result.equilibria, key=lambda e: sum(e.payoffs))


def parse_disagreement(game: StrategicGame, table: PayoffTable, minmax: tuple[Minmax, ...], result: SolveResult,
                       text: str | None, status_quo: tuple[int, ...] | None = None) -> Disagreement:
    """Read ``--disagreement``: None, ``minmax``, ``outcome S1,S2`` or ``values v1,v2``."""
    if text is None:
        if status_quo is not None:
            names = ", ".join(p.strategies[k] for p, k in zip(game.players, status_quo, strict=True))
            profile = _pure_profile(status_quo, table.shape)
            return Disagreement("subgame-perfect", table.at(status_quo),
                                f"the subgame-perfect equilibrium ({names})", profile)
        eq = status_quo_equilibrium(result)
        which = "the only equilibrium" if len(result.equilibria) == 1 else \
            "the status-quo equilibrium (the one with the smallest total payoff)"
        return Disagreement("equilibrium", eq.payoffs, which, eq.profile)
    kind, _, rest = text.strip().replace(":", " ", 1).replace("=", " ", 1).partition(" ")
    kind, rest = kind.lower(), rest.strip()
    if kind == "minmax" and not rest:
        return Disagreement("minmax", tuple(m.mixed for m in minmax), "each player's mixed minmax value")
    if kind == "outcome" and rest:
        from negsolve.analysis.stability import parse_outcome

        profile_ix = parse_outcome(game, rest)
        names = ", ".join(p.strategies[k] for p, k in zip(game.players, profile_ix, strict=True))
        profile = _pure_profile(profile_ix, table.shape)
        return Disagreement("outcome", table.at(profile_ix), f"the outcome ({names})", profile)
    if kind == "values" and rest:
        return Disagreement("values", _parse_values(rest, len(game.players)), "the values given")
    raise InputError([Problem(f"--disagreement {text!r}: expected 'minmax', 'outcome S1,S2' or 'values v1,v2'",
                              hint="e.g. --disagreement minmax, --disagreement 'values 0,1/2'")])


def _pure_profile(profile: tuple[int, ...], shape: tuple[int, ...]) -> tuple[tuple[Fraction, ...], ...]:
    return tuple(tuple(Fraction(int(k == s)) for k in range(n)) for s, n in zip(profile, shape, strict=True))


def _parse_values(text: str, n: int) -> Vector:
    from negsolve.expr import ExpressionError, parse_number

    parts = [p.strip() for p in text.split(",")]
    if len(parts) != n:
        raise InputError([Problem(f"--disagreement values: expected {n} numbers separated by commas, "
                                  f"got {len(parts)}")])
    try:
        return tuple(parse_number(p) for p in parts)
    except (ExpressionError, ArithmeticError) as exc:
        raise InputError([Problem(f"--disagreement values {text!r}: each value must be an exact number such as 1, "
                                  f"-0.5 or 2/3 ({getattr(exc, 'message', exc)})")]) from None
