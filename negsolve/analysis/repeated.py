r"""Repeated play: when can an agreement be sustained because breaking it forfeits the future?

The stage game is played again and again; payoffs are discounted by :math:`\delta` per round.
The agreement is a pure outcome :math:`o`.  For each player :math:`i` write
:math:`c_i = u_i(o)`, :math:`d_i = \max_{t \ne o_i} u_i(t, o_{-i})` (the best one-shot
deviation) and :math:`g_i = d_i - c_i` (the deviation gain; nobody is tempted when
:math:`g_i \le 0`).

**Nash reversion per deviator** (Friedman 1971).  Keep to :math:`o` while everyone has; if
player :math:`i` breaks it, play for ever the stage equilibrium :math:`e^i` (pure or mixed) that
is worst for :math:`i`, with payoff :math:`e_i`.  Each reversion is a subgame-perfect equilibrium
of the continuation, so this is subgame perfect iff for every :math:`i`
:math:`c_i/(1-\delta) \ge d_i + \delta e_i/(1-\delta)`, i.e.

.. math:: \delta \ge \delta_i^{N} = \frac{d_i - c_i}{d_i - e_i} \qquad (d_i > c_i > e_i),

any :math:`\delta` when :math:`g_i \le 0` (such a player's deviations lose now and are simply
ignored afterwards), and no :math:`\delta < 1` when :math:`c_i \le e_i < d_i`.
:math:`\delta^* = \max_i \delta_i^{N}`.

**The minmax bound.**  Whatever the others do, :math:`i` can secure its minmax value
:math:`m_i = \min_{\sigma_{-i}} \max_{t} u_i(t, \sigma_{-i})` each round (computed exactly as the
value of the zero-sum game of :math:`i` against the others; with three or more players the
others may correlate, which gives a lower bound on the independent minmax and so a valid
bound).  No punishment is harsher, so no subgame-perfect (indeed no Nash) equilibrium of the
repeated game sustains :math:`o` when :math:`\delta < (d_i - c_i)/(d_i - m_i)`; an outcome with
:math:`c_i < m_i` is never sustained (Fudenberg and Maskin 1986).

**Symbolic thresholds.**  With parameters, :math:`\delta_i^{N}` is given as an expression valid
where its assumptions hold: "if :math:`g_i > 0` and :math:`c_i > e_i`: :math:`\delta \ge \ldots`;
if :math:`g_i \le 0`: any :math:`\delta`" (the best deviation and the punishing equilibrium
being those at the current values; only for a pure punishing equilibrium).

**Finitely many rounds** :math:`T`, discount :math:`\delta` (default 1).  The agreement is
played in rounds :math:`1..k`, then :math:`L = T-k` rounds of stage equilibria (the
"rewards", any sequence :math:`r(1), \dots, r(L)`); a deviation by :math:`i` in round
:math:`t \le k` is punished by :math:`e^i` in every later round (Benoit and Krishna 1985).
Every continuation plays a stage equilibrium each round independently of the history, so
the profile is subgame perfect iff for every :math:`i`, every :math:`t \le k`:

.. math:: c_i - d_i + \sum_{j=1}^{k-t} \delta^j (c_i - e_i) + \delta^{k-t} X_i \ge 0, \qquad
          X_i = \sum_{s=1}^{L} \delta^s (r_i(s) - e_i).

The left side is monotone in :math:`k - t`, so only :math:`t = k` and :math:`t = 1` need
checking; the achievable vectors :math:`X` are built round by round keeping only the
Pareto-maximal ones (the conditions are monotone in :math:`X`); when more than
``FRONTIER_LIMIT`` remain (long horizons with discounting) evenly spread ones are kept, so the
answer is still a subgame-perfect equilibrium but may be a little early (``trimmed``).  The answer is the largest
:math:`k` that works: :math:`T` when :math:`o` is itself a stage equilibrium, otherwise at most
:math:`T - 1` (the last round must be a stage equilibrium); with a unique stage equilibrium
rewards equal punishments and a tempting agreement unravels (:math:`k = 0`; Luce and Raiffa
1957, Selten's chain store).  This construction is sufficient: harsher punishments built
from non-equilibrium rounds can occasionally sustain the agreement longer when
:math:`T \ge 3`.

For 2x2 games, **tit-for-tat** (copy the other's last move) is also reported:
:math:`\delta \ge (T-R)/(R-S)` and :math:`\delta \ge (T-R)/(T-P)` (Axelrod 1984).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.errors import InputError, Problem
from negsolve.model.frozen import freeze_fields
from negsolve.model.strategic import PayoffTable, StrategicGame, payoff_table

FRONTIER_LIMIT = 64


@dataclass(frozen=True)
class StageEquilibrium:
    """A stage equilibrium usable as a punishment or reward: its mixed profile (None when it cannot be
    written over the game's strategies, e.g. a tree's mixing subgame-perfect equilibrium) and payoffs."""

    profile: tuple[tuple[Fraction, ...], ...] | None
    payoffs: tuple[Fraction, ...]
    label: str = ""

    @property
    def pure(self) -> tuple[int, ...] | None:
        if self.profile is None or not all(max(s) == 1 for s in self.profile):
            return None
        return tuple(s.index(Fraction(1)) for s in self.profile)


@dataclass(frozen=True)
class Piece:
    """One piece of a piecewise threshold: where ``conditions`` hold, ``delta`` applies
    (a sympy expression, ``"any"`` or ``"never"``)."""

    conditions: tuple[Any, ...]   # negsolve.analysis.symbolic.Condition
    delta: Any


@dataclass(frozen=True)
class PlayerRepeated:
    player: int
    deviation: int | None          # best deviation now (None: no other strategy)
    gain: Fraction                 # d_i - c_i (<= 0: not tempted)
    punishment: StageEquilibrium | None   # the stage equilibrium worst for this player (or --punish)
    nash_delta: Fraction | None    # delta_i^N (0 when not tempted; None: no delta < 1 works)
    minmax: Fraction
    minmax_strategy: tuple[tuple[tuple[int, ...], Fraction], ...]   # the others' punishing mix: (profile, prob)
    minmax_delta: Fraction | None  # the bound (None: never)
    pieces: tuple[Piece, ...]      # symbolic Nash-reversion threshold (empty: none)


@dataclass(frozen=True)
class TitForTat:
    player: int
    tempted: bool
    thresholds: tuple[Any, ...]    # sympy expressions: delta >= each
    value: Fraction | None         # None: tit-for-tat cannot deter
    reason: str


@dataclass(frozen=True)
class FiniteHorizon:
    rounds: int
    discount: Fraction
    last_round_kept: int           # 0: never played
    rewards: tuple[StageEquilibrium, ...]   # the stage equilibria played after round last_round_kept
    unique_stage_equilibrium: bool
    trimmed: bool = False          # the reward search kept only part of a large frontier (a valid, maybe early, k)


@dataclass(frozen=True)
class RepeatedReport:
    game: StrategicGame
    outcome: tuple[int, ...]
    values: dict[str, Fraction]
    stage_equilibria: tuple[StageEquilibrium, ...]
    stage_scope: str               # "all" (extreme equilibria), "pure", "subgame perfect"
    chosen_punishment: StageEquilibrium | None   # --punish
    players: tuple[PlayerRepeated, ...]
    delta_star: Fraction | None    # max of the Nash-reversion thresholds (None: never)
    delta_lower_bound: Fraction | None   # max of the minmax bounds (None: never)
    tit_for_tat: tuple[TitForTat, ...] | None
    finite: FiniteHorizon | None

    def __post_init__(self) -> None:
        freeze_fields(self, "values")


def stage_equilibria_of(table: PayoffTable) -> tuple[tuple[StageEquilibrium, ...], str]:
    """Every extreme stage equilibrium (two players) or every pure one (three or more), and that scope."""
    from negsolve.solvers import solve_table

    if table.n_players > 2:  # pure stage equilibria only: no unbounded n-player mixed enumeration
        from negsolve.solvers.pure import pure_equilibria

        return tuple(StageEquilibrium(e.profile, e.payoffs) for e in pure_equilibria(table)), "pure"
    result = solve_table(table)
    return tuple(StageEquilibrium(e.profile, e.payoffs) for e in result.equilibria), result.scope


def minmax(table: PayoffTable, player: int) -> tuple[Fraction, tuple[tuple[tuple[int, ...], Fraction], ...]]:
    """``player``'s minmax value and the others' (joint) punishing mix, exactly, from the zero-sum game."""
    import itertools

    from negsolve.model.strategic import PayoffTable as Table
    from negsolve.solvers.bimatrix import solve_two_player

    others = [range(k) for i, k in enumerate(table.shape) if i != player]
    columns = list(itertools.product(*others))
    own = table.shape[player]

    def u(t: int, rest: tuple[int, ...]) -> Fraction:
        return table.at(rest[:player] + (t,) + rest[player:])[player]

    # the punishers choose a row (a joint profile) to minimise; player chooses a column to maximise
    cells = tuple((-u(t, rest), u(t, rest)) for rest in columns for t in range(own))
    result = solve_two_player(Table((len(columns), own), cells))
    best = result.equilibria[0]
    mix = tuple((rest, p) for rest, p in zip(columns, best.profile[0], strict=False) if p)
    return best.payoffs[1], mix


def _best_deviation(table: PayoffTable, outcome: tuple[int, ...], i: int) -> tuple[int | None, Fraction]:
    here = table.at(outcome)[i]
    best_t, best_gain = None, Fraction(0)
    for t in range(table.shape[i]):
        if t == outcome[i]:
            continue
        gain = table.at(outcome[:i] + (t,) + outcome[i + 1:])[i] - here
        if best_t is None or gain > best_gain:
            best_t, best_gain = t, gain
    return best_t, (best_gain if best_t is not None else Fraction(0))


def _threshold(gain: Fraction, c: Fraction, e: Fraction) -> Fraction | None:
    """(d - c)/(d - e) with d = c + gain: 0 when not tempted, None when no delta < 1 works."""
    if gain <= 0:
        return Fraction(0)
    if c <= e:
        return None
    return gain / (gain + c - e)


def repeated(game: StrategicGame, outcome: tuple[int, ...], overrides: Mapping[str, Fraction] | None = None,
             punishment: tuple[int, ...] | None = None, rounds: int | None = None,
             discount: Fraction = Fraction(1), stage: Sequence[StageEquilibrium] | None = None,
             stage_scope: str | None = None) -> RepeatedReport:
    """Repeated-play analysis of keeping to pure ``outcome`` (see the module docstring).

    ``stage`` replaces the stage equilibria used for punishments and rewards (a tree passes its
    subgame-perfect equilibria); ``punishment`` (``--punish``) must be one of them and is then used
    against every deviator.
    """
    values = game.parameter_values(overrides)
    table = payoff_table(game, overrides)
    if stage is None:
        found, scope = stage_equilibria_of(table)
    else:
        found, scope = tuple(stage), stage_scope or "given"
    chosen = _chosen_punishment(game, found, punishment)
    players = []
    for i in range(len(game.players)):
        players.append(_player(game, table, outcome, i, found, chosen, values))
    deltas = [p.nash_delta for p in players]
    bounds = [p.minmax_delta for p in players]
    finite = None
    if rounds is not None:
        finite = finite_horizon(table, outcome, found if chosen is None else (chosen,), rounds, discount,
                                rewards=found)
    return RepeatedReport(game, outcome, values, found, scope, chosen, tuple(players),
                          None if None in deltas else max(d for d in deltas if d is not None),
                          None if None in bounds else max(b for b in bounds if b is not None),
                          _tit_for_tat(game, table, outcome, found), finite)


def _chosen_punishment(game: StrategicGame, found: Sequence[StageEquilibrium],
                       punishment: tuple[int, ...] | None) -> StageEquilibrium | None:
    if punishment is None:
        return None
    for e in found:
        if e.pure == punishment:
            return e
    names = ", ".join(p.strategies[k] for p, k in zip(game.players, punishment, strict=False))
    listed = "; ".join(f"({', '.join(p.strategies[k] for p, k in zip(game.players, e.pure, strict=False))})"
                       for e in found if e.pure is not None)
    raise InputError([Problem(f"--punish ({names}) is not a stage equilibrium, so the threat to play it after a "
                              "breach would not be credible",
                              hint=f"pure stage equilibria: {listed}" if listed else
                              "the stage game has no pure equilibrium; leave out --punish")])


def _player(game: StrategicGame, table: PayoffTable, outcome: tuple[int, ...], i: int,
            found: Sequence[StageEquilibrium], chosen: StageEquilibrium | None,
            values: Mapping[str, Fraction]) -> PlayerRepeated:
    c = table.at(outcome)[i]
    deviation, gain = _best_deviation(table, outcome, i)
    if chosen is not None:
        worst: StageEquilibrium | None = chosen
    else:
        worst = min(found, key=lambda e: e.payoffs[i]) if found else None
    nash = None if worst is None else _threshold(gain, c, worst.payoffs[i])
    if worst is None and gain <= 0:
        nash = Fraction(0)
    m, mix = minmax(table, i)
    if c < m:
        bound = None
    else:
        bound = _threshold(gain, c, m)
    pieces: tuple[Piece, ...] = ()
    if game.parameters and worst is not None and worst.pure is not None and deviation is not None:
        pieces = _pieces(game, outcome, i, deviation, worst.pure, values)
    return PlayerRepeated(i, deviation, gain, worst, nash, m, mix, bound, pieces)


def _pieces(game: StrategicGame, outcome: tuple[int, ...], i: int, deviation: int, punish: tuple[int, ...],
            values: Mapping[str, Fraction]) -> tuple[Piece, ...]:
    """delta_i^N as a piecewise function of the parameters, pieces that cannot occur in the domain dropped."""
    import sympy

    from negsolve.analysis.symbolic import Condition, linear_form, symbols_for, to_sympy

    symbols = symbols_for([p.name for p in game.parameters])

    def u(profile: tuple[int, ...]) -> Any:
        return to_sympy(game.payoffs[game.index(profile)][i], symbols)

    c, e = u(outcome), u(punish)
    d = u(outcome[:i] + (deviation,) + outcome[i + 1:])
    gain, margin = sympy.cancel(d - c), sympy.cancel(c - e)

    def cond(expr: Any, strict: bool) -> Condition:
        return Condition(expr, strict, linear_form(expr, strict))

    tempted, not_tempted = cond(gain, True), cond(-gain, False)
    above, not_above = cond(margin, True), cond(-margin, False)
    candidates = [((tempted, above), sympy.cancel(gain / (gain + margin))),
                  ((not_tempted,), "any"), ((tempted, not_above), "never")]
    out = []
    for conditions, delta in candidates:
        if _possible(game, conditions):
            out.append(Piece(tuple(c for c in conditions if c.words() != "always"), delta))
    return tuple(out)


def _possible(game: StrategicGame, conditions: Sequence[Any]) -> bool:
    """Whether the conditions can hold together inside the parameters' domains (exact for linear ones)."""
    from negsolve.analysis.linear import Linear, feasible

    system = []
    for c in conditions:
        if c.words() == "never":
            return False
        if c.linear is not None:
            system.append(c.linear)
    for p in game.parameters:
        if p.minimum is not None:
            system.append(Linear.make({p.name: Fraction(1)}, -p.minimum, False))
        if p.maximum is not None:
            system.append(Linear.make({p.name: Fraction(-1)}, p.maximum, False))
    return feasible(system)


def _tit_for_tat(game: StrategicGame, table: PayoffTable, outcome: tuple[int, ...],
                 found: Sequence[StageEquilibrium]) -> tuple[TitForTat, ...] | None:
    """Axelrod's conditions in a 2x2 game whose pure stage equilibrium differs from the agreement in both moves."""
    import sympy

    from negsolve.analysis.symbolic import symbols_for, to_sympy

    pure = [e.pure for e in found if e.pure is not None]
    punish = next((p for p in sorted(pure, key=lambda p: sum(table.at(p)))
                   if all(outcome[k] != p[k] for k in range(2))), None) if game.shape == (2, 2) else None
    if punish is None:
        return None
    symbols = symbols_for([p.name for p in game.parameters])
    rows = []
    for i in range(2):
        dev = tuple(punish[j] if j == i else outcome[j] for j in range(2))
        sucker = tuple(outcome[j] if j == i else punish[j] for j in range(2))
        t_now, r_now, s_now, p_now = (table.at(x)[i] for x in (dev, outcome, sucker, punish))
        if t_now <= r_now:
            rows.append(TitForTat(i, False, (), Fraction(0), "no temptation"))
            continue
        if r_now <= s_now or t_now <= p_now:
            rows.append(TitForTat(i, True, (), None, "tit-for-tat cannot deter this deviation"))
            continue
        T, R, S, P = (to_sympy(game.payoffs[game.index(x)][i], symbols) for x in (dev, outcome, sucker, punish))
        exprs = (sympy.cancel((T - R) / (R - S)), sympy.cancel((T - R) / (T - P)))
        value = max((t_now - r_now) / (r_now - s_now), (t_now - r_now) / (t_now - p_now))
        rows.append(TitForTat(i, True, exprs, value if value < 1 else None,
                              "tit-for-tat" if value < 1 else "tit-for-tat would need delta >= 1"))
    return tuple(rows)


def finite_horizon(table: PayoffTable, outcome: tuple[int, ...], punishments: Sequence[StageEquilibrium],
                   rounds: int, discount: Fraction = Fraction(1),
                   rewards: Sequence[StageEquilibrium] | None = None) -> FiniteHorizon:
    """The last round in which ``outcome`` can be played in a subgame-perfect equilibrium of the ``rounds``-round
    game with stage-equilibrium rewards and punishments (see the module docstring)."""
    rewards = list(punishments if rewards is None else rewards)
    n = table.n_players
    unique = len(rewards) == 1
    if not rewards or not punishments:
        return FiniteHorizon(rounds, discount, 0, (), unique)
    if any(e.pure == outcome for e in rewards):
        return FiniteHorizon(rounds, discount, rounds, (), unique)
    c = table.at(outcome)
    worst = [min(e.payoffs[i] for e in punishments) for i in range(n)]
    gains = [_best_deviation(table, outcome, i) for i in range(n)]
    for i in range(n):
        # the largest reward any number of rounds can give: the agreement is lost if it is too small
        top = max(e.payoffs[i] for e in rewards) - worst[i]
        ceiling = None if discount == 1 and top > 0 else top * discount / (1 - discount) if discount < 1 else top
        if gains[i][0] is not None and gains[i][1] > 0 and ceiling is not None and ceiling < gains[i][1]:
            return FiniteHorizon(rounds, discount, 0, (), unique)
    trimmed = False
    frontier: list[Scored] = [(tuple(Fraction(0) for _ in range(n)), ())]
    for length in range(1, rounds):
        grown = []
        for x, seq in frontier:
            for k, e in enumerate(rewards):
                grown.append((tuple(discount * (e.payoffs[i] - worst[i] + x[i]) for i in range(n)), (k,) + seq))
        frontier = _pareto(grown)
        if len(frontier) > FRONTIER_LIMIT:  # keep the search polynomial: evenly spread points of the frontier
            step = len(frontier) / FRONTIER_LIMIT
            frontier = [frontier[int(k * step)] for k in range(FRONTIER_LIMIT)]
            trimmed = True
        kept = rounds - length
        for x, seq in frontier:
            if all(_keeps(gains[i], c[i] - worst[i], x[i], kept, discount) for i in range(n)):
                return FiniteHorizon(rounds, discount, kept, tuple(rewards[k] for k in seq), unique, trimmed)
    return FiniteHorizon(rounds, discount, 0, (), unique, trimmed)


def _keeps(deviation: tuple[int | None, Fraction], margin: Fraction, reward: Fraction, kept: int,
           discount: Fraction) -> bool:
    """Whether the player keeps to the agreement in round kept (m = 0) and in round 1 (m = kept - 1)."""
    to, gain = deviation
    if to is None or gain <= 0:
        return True  # nothing to gain now: a deviation is simply ignored
    for m in {0, kept - 1}:
        weight = Fraction(m) if discount == 1 else discount * (1 - discount ** m) / (1 - discount)
        future = weight * margin + discount ** m * reward
        if future < gain:
            return False
    return True


Scored = tuple[tuple[Fraction, ...], tuple[int, ...]]  # a reward vector X and the sequence giving it


def _pareto(items: list[Scored]) -> list[Scored]:
    """The Pareto-maximal vectors (first sequence kept for each)."""
    items = sorted(items, key=lambda item: tuple(-v for v in item[0]))
    kept: list[Scored] = []
    if items and len(items[0][0]) == 2:  # two players: one sweep, by the first coordinate falling
        for x, seq in items:
            if not kept or x[1] > kept[-1][0][1]:
                kept.append((x, seq))
        return kept
    for x, seq in items:
        if any(all(a >= b for a, b in zip(y, x, strict=False)) for y, _ in kept):
            continue
        kept.append((x, seq))
    return kept


__all__ = ["RepeatedReport", "StageEquilibrium", "finite_horizon", "minmax", "repeated"]
