"""Tests that say no: one named test per mutant class that survived the hand mutation test of issue 16.

Each test was run against its mutant applied by hand and failed (see notes/w2-mutants.md):

(a) verify.py, a sign flip in the regret (``current - max(values)``) that accepts non-equilibria;
(b) dominance.py, a mixture that only ties counted as strictly dominating (``value < 0``);
(c) linear.py, Fourier–Motzkin losing strictness (``s1 and s2``, or ``>=`` for a strict constant);
(d) repeated.py, grim trigger punishing with the mildest stage equilibrium (``max`` for ``min``);
(e) concessions.py / repeated.py, a zero-gain deviation counted as a temptation (``>=`` / ``< 0``).

Expected values come from hand derivations in the comments or from brute force inside the test.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.analysis.concessions import concessions
from negsolve.analysis.linear import Linear, feasible, interval, remove_redundant
from negsolve.analysis.repeated import repeated
from negsolve.io import load_game
from negsolve.model import Number, Player, StrategicGame, payoff_table
from negsolve.model.strategic import PayoffTable
from negsolve.solvers.dominance import (
    iterated_elimination,
    mixed_domination,
    pareto_efficient,
    pure_dominations,
    security_levels,
)
from negsolve.solvers.verify import deviation_payoffs, is_equilibrium, regret


def strategic(name: str) -> StrategicGame:
    game = load_game(name)
    assert isinstance(game, StrategicGame)
    return game


def table2(rows: list[list[tuple[int, int]]]) -> PayoffTable:
    return PayoffTable((len(rows), len(rows[0])), tuple((F(a), F(b)) for row in rows for a, b in row))


def game2(rows: list[list[tuple[int, int]]]) -> StrategicGame:
    players = (Player("Row", tuple(f"r{k}" for k in range(len(rows)))),
               Player("Col", tuple(f"c{k}" for k in range(len(rows[0])))))
    cells = tuple((Number(F(a)), Number(F(b))) for row in rows for a, b in row)
    return StrategicGame("hand-made", players, cells)


PD = table2([[(3, 3), (0, 5)], [(5, 0), (1, 1)]])            # Cooperate, Defect
PENNIES = table2([[(1, -1), (-1, 1)], [(-1, 1), (1, -1)]])
ONE, ZERO = F(1), F(0)


# ---------------------------------------------------------------- (a) verification rejects non-equilibria

def test_verification_rejects_known_non_equilibria() -> None:
    # PD (Cooperate, Cooperate): each prisoner gains 5 - 3 = 2 by defecting.
    cc = ((ONE, ZERO), (ONE, ZERO))
    assert regret(PD, cc) == 2 and not is_equilibrium(PD, cc)
    # PD (Cooperate, Defect): the first prisoner gains 1 - 0 = 1 by defecting.
    assert regret(PD, ((ONE, ZERO), (ZERO, ONE))) == 1
    assert is_equilibrium(PD, ((ZERO, ONE), (ZERO, ONE)))
    # Matching pennies: every pure profile has a player who gains 1 - (-1) = 2 by switching.
    for r, c in itertools.product(range(2), repeat=2):
        profile = (tuple(F(int(k == r)) for k in range(2)), tuple(F(int(k == c)) for k in range(2)))
        assert regret(PENNIES, profile) == 2 and not is_equilibrium(PENNIES, profile)
    # (1/2,1/2) vs (1/3,2/3): the row player gets 1/3 - 2/3 = -1/3 from row 0 and +1/3 from row 1,
    # so mixing pays 0 and row 1 gains 1/3.
    half, third = (F(1, 2), F(1, 2)), (F(1, 3), F(2, 3))
    assert regret(PENNIES, (half, third)) == F(1, 3) and not is_equilibrium(PENNIES, (half, third))
    assert is_equilibrium(PENNIES, (half, half))
    # not probability profiles
    assert not is_equilibrium(PENNIES, ((F(2), F(-1)), half))
    assert not is_equilibrium(PENNIES, ((F(1, 2), F(1, 4)), half))
    # In a game where every payoff is 0 every vector has zero regret; only the probability check
    # can reject (2, -1), which sums to 1 but is no distribution.
    flat = table2([[(0, 0), (0, 0)], [(0, 0), (0, 0)]])
    assert regret(flat, ((F(2), F(-1)), half)) == 0
    assert not is_equilibrium(flat, ((F(2), F(-1)), half)) and is_equilibrium(flat, (half, third))


@settings(max_examples=60)
@given(st.lists(st.integers(-3, 3), min_size=18, max_size=18), st.integers(0, 2), st.integers(0, 2))
def test_verification_agrees_with_brute_force_on_pure_profiles(values: list[int], r: int, c: int) -> None:
    table = PayoffTable((3, 3), tuple((F(values[2 * k]), F(values[2 * k + 1])) for k in range(9)))
    here = table.at((r, c))
    gain = max(max(table.at((t, c))[0] for t in range(3)) - here[0],
               max(table.at((r, t))[1] for t in range(3)) - here[1])
    profile = (tuple(F(int(k == r)) for k in range(3)), tuple(F(int(k == c)) for k in range(3)))
    assert regret(table, profile) == gain
    assert is_equilibrium(table, profile) == (gain == 0)


# ---------------------------------------------------------------- (b) a tying mixture does not dominate

def test_a_mixture_that_only_ties_does_not_strictly_dominate() -> None:
    # Row payoffs: r0 = (3, 0), r1 = (0, 3), r2 = (3/2, 3/2) -> doubled to stay integer: (6,0), (0,6), (3,3).
    # A mixture p r0 + (1-p) r1 pays (6p, 6 - 6p); beating r2 needs 6p > 3 and 6 - 6p > 3, i.e. p > 1/2
    # and p < 1/2: impossible.  p = 1/2 only ties, so r2 is NOT strictly dominated.
    tie = table2([[(6, 0), (0, 0)], [(0, 0), (6, 0)], [(3, 0), (3, 0)]])
    alive = [[0, 1, 2], [0, 1]]
    assert mixed_domination(tie, 0, 2, alive) is None
    assert iterated_elimination(tie).surviving[0] == (0, 1, 2)
    # With r2 = (2, 2) the same p = 1/2 pays (3, 3) > (2, 2): strictly dominated by (1/2, 1/2, 0).
    beaten = table2([[(6, 0), (0, 0)], [(0, 0), (6, 0)], [(2, 0), (2, 0)]])
    found = mixed_domination(beaten, 0, 2, alive)
    assert found is not None and found.strict and found.by[2] == 0
    assert all(sum(found.by[k] * beaten.at((k, c))[0] for k in range(2)) > 2 for c in range(2))
    assert iterated_elimination(beaten).surviving[0] == (0, 1)


# ---------------------------------------------------------------- (c) Fourier–Motzkin keeps strictness

def lin(coeffs: dict[str, int], const: int, strict: bool) -> Linear:
    return Linear.make({k: F(v) for k, v in coeffs.items()}, F(const), strict)


def test_fourier_motzkin_keeps_strictness_at_the_boundary() -> None:
    # x > 0 and x <= 0: infeasible; x >= 0 and x <= 0: x = 0 works.
    assert not feasible([lin({"x": 1}, 0, True), lin({"x": -1}, 0, False)])
    assert not feasible([lin({"x": 1}, 0, False), lin({"x": -1}, 0, True)])
    assert feasible([lin({"x": 1}, 0, False), lin({"x": -1}, 0, False)])
    # x > 1 and x < 1 (written 1 - x > 0): infeasible, both strict.
    assert not feasible([lin({"x": 1}, -1, True), lin({"x": -1}, 1, True)])
    # two variables: x + y > 0, x <= 0, y <= 0: adding gives 0 > 0 -> infeasible; with >= it is (0, 0).
    assert not feasible([lin({"x": 1, "y": 1}, 0, True), lin({"x": -1}, 0, False), lin({"y": -1}, 0, False)])
    assert feasible([lin({"x": 1, "y": 1}, 0, False), lin({"x": -1}, 0, False), lin({"y": -1}, 0, False)])
    # x - y > 0 and y - x >= 0 cannot both hold; x - y >= 0 and y - x >= 0 hold on x = y.
    assert not feasible([lin({"x": 1, "y": -1}, 0, True), lin({"x": -1, "y": 1}, 0, False)])
    # a constant condition: 0 > 0 is false, 0 >= 0 true
    assert not feasible([lin({}, 0, True)]) and feasible([lin({}, 0, False)])


def test_holds_and_interval_keep_strictness_at_the_boundary() -> None:
    # 2x - 2 > 0 is x > 1: false at x = 1; 2x - 2 >= 0 holds there.
    assert not lin({"x": 2}, -2, True).holds({"x": F(1)}) and lin({"x": 2}, -2, False).holds({"x": F(1)})
    # x > 1 and x <= 3 (3 - x >= 0): the interval (1, 3]; x >= 3 and x <= 3: the point 3; x > 3, x <= 3: empty
    assert interval([lin({"x": 1}, -1, True), lin({"x": -1}, 3, False)], "x") == (1, True, 3, False, False)
    assert interval([lin({"x": 1}, -3, False), lin({"x": -1}, 3, False)], "x") == (3, False, 3, False, False)
    assert interval([lin({"x": 1}, -3, True), lin({"x": -1}, 3, False)], "x")[4] is True
    # x >= 1 and x > 1 together: the strict one wins
    assert interval([lin({"x": 1}, -1, False), lin({"x": 1}, -1, True)], "x")[:2] == (1, True)
    # constant conditions: 0 > 0 makes it empty, 0 >= 0 does not
    assert interval([lin({}, 0, True)], "x")[4] is True and interval([lin({}, 0, False)], "x")[4] is False


def test_redundancy_respects_strictness() -> None:
    # x > 0 implies x >= 0, not the other way round: only x > 0 is kept.
    strict, weak = lin({"x": 1}, 0, True), lin({"x": 1}, 0, False)
    assert remove_redundant([weak, strict]) == [strict]
    assert remove_redundant([strict, weak]) == [strict]


@settings(max_examples=80)
@given(st.lists(st.tuples(st.sampled_from([-2, -1, 1, 2]), st.integers(-3, 3), st.booleans()), min_size=1, max_size=4))
def test_one_variable_feasibility_agrees_with_brute_force(rows: list[tuple[int, int, bool]]) -> None:
    # The solution set of one-variable conditions is an interval with ends among the bounds -c/a, so it
    # is non-empty iff it contains a bound, a midpoint of two bounds, or a point past all of them.
    system = [lin({"x": a}, c, s) for a, c, s in rows]
    bounds = sorted({F(-c, a) for a, c, _ in rows})
    middles = [(p + q) / 2 for p, q in zip(bounds, bounds[1:], strict=False)]
    candidates = bounds + middles + [bounds[0] - 1, bounds[-1] + 1]
    expected = any(all(cond.holds({"x": x}) for cond in system) for x in candidates)
    assert feasible(system) == expected


# ---------------------------------------------------------------- (d) grim trigger uses the worst equilibrium

def test_grim_trigger_punishes_with_the_worst_equilibrium_for_the_deviator() -> None:
    # Head-on collision (d = 9), keep (Slow down, Slow down) = (0, 0).  Escalating pays 2 now.  Stage
    # equilibria: (E, S) = (2, -1), (S, E) = (-1, 2), mixed 1/5 pays -1/5 each.  The worst for the US is
    # (S, E): -1.  Grim trigger holds iff 0/(1-delta) >= 2 + delta(-1)/(1-delta), i.e. delta >= 2/3.
    # With the mildest one, (E, S) paying the US 2 > 0, no delta < 1 would do.
    report = repeated(strategic("head-on-collision"), (1, 1))
    assert [p.punishment.payoffs[p.player] for p in report.players if p.punishment] == [-1, -1]
    assert [p.nash_delta for p in report.players] == [F(2, 3), F(2, 3)]
    assert report.delta_star == F(2, 3)


def test_grim_trigger_three_party_values() -> None:
    # Three at the table (b = 2), keep (Pressure, Enforce, Freeze) = (2, -1, -1).  Pure stage equilibria
    # (found by brute force below): (Pressure, Shield, Test) = (-2, -1, 2) and (Talks, Enforce, Freeze)
    # = (3, 2, 1).  The US gains 3 - 2 = 1 by Talks; its worst equilibrium pays -2, so
    # delta >= (3 - 2)/(3 + 2) = 1/5.  China and North Korea lose 1 by deviating: delta >= 0.
    # The mildest equilibrium for the US pays 3 > 2: never.
    game = strategic("three-party")
    report = repeated(game, (0, 0, 1))
    assert [p.gain for p in report.players] == [1, -1, -1]
    assert [p.nash_delta for p in report.players] == [F(1, 5), 0, 0]
    assert report.delta_star == F(1, 5)
    # every outcome against a brute force of the definition
    table = payoff_table(game)
    stage = [o for o in table.profiles() if all(
        table.at(o)[i] >= table.at(o[:i] + (t,) + o[i + 1:])[i] for i in range(3) for t in range(2))]
    assert stage == [(0, 1, 0), (1, 0, 1)]
    for outcome in table.profiles():
        got = repeated(game, outcome)
        for i, player in enumerate(got.players):
            c = table.at(outcome)[i]
            d = table.at(outcome[:i] + (1 - outcome[i],) + outcome[i + 1:])[i]
            e = min(table.at(s)[i] for s in stage)
            expected = F(0) if d <= c else None if c <= e else (d - c) / (d - e)
            assert player.nash_delta == expected, (outcome, i)


# ---------------------------------------------------------------- (e) a zero gain is no temptation

# (r0, c0) = (1, 1) ties every deviation: r1 against c0 pays the row 1, c1 against r0 pays the column 1.
# (r1, c1) = (2, 2) is a strict equilibrium.  Row's payoffs against q on c0: r0 -> q, r1 -> 2 - q >= q,
# so the only equilibria are (r0, c0) and (r1, c1): each player's worst stage equilibrium pays 1.
TIES = [[(1, 1), (0, 1)], [(1, 0), (2, 2)]]


def test_a_zero_gain_deviation_is_not_a_temptation_in_concessions() -> None:
    report = concessions(game2(TIES), status_quo=(1, 1))
    row = next(r for r in report.outcomes if r.profile == (0, 0))
    assert row.self_enforcing and row.temptations == () and row.penalty == 0
    # a real temptation still counts: at (r0, c1) = (0, 1) the row gains 2 - 0 = 2 by r1
    other = next(r for r in report.outcomes if r.profile == (0, 1))
    assert [(t.player, t.gain) for t in other.temptations] == [(0, 2)]


def test_a_zero_gain_deviation_needs_no_patience_in_repeated_play() -> None:
    # Nobody gains by leaving (r0, c0), so keeping it needs no threat: delta >= 0 for both, even though
    # the worst punishment (the outcome itself, payoff 1) is no worse than keeping (c <= e).
    report = repeated(game2(TIES), (0, 0))
    assert [p.gain for p in report.players] == [0, 0]
    assert [p.nash_delta for p in report.players] == [0, 0]
    assert report.delta_star == 0
    assert report.tit_for_tat is not None and all(not t.tempted for t in report.tit_for_tat)


# ---------------------------------------------------------------- survivors of a mutmut run (docs/testing.md)

def test_pure_dominance_with_fractional_payoffs() -> None:
    # r0 pays 1/2 against both columns, r1 pays 1/3: r0 strictly dominates r1 (payoffs are compared
    # after scaling to integers; truncating 1/2 and 1/3 would tie them at 0).
    t = PayoffTable((2, 2), ((F(1, 2), F(0)), (F(1, 2), F(0)), (F(1, 3), F(0)), (F(1, 3), F(0))))
    found = [(d.player, d.dominated, d.by, d.strict) for d in pure_dominations(t)]
    assert (0, 1, (ONE, ZERO), True) in found
    assert all(d[0] != 0 or d[1] != 0 for d in found)


def test_deviation_payoffs_with_two_mixing_opponents() -> None:
    # three players, two strategies each; brute force over the opponents' profiles
    cells = tuple((F(a), F(b), F(c)) for a, b, c in
                  [(3, 1, 0), (-1, 2, 2), (0, 0, 1), (2, -2, 3), (1, 1, 1), (4, 0, -1), (-3, 2, 0), (0, 1, 2)])
    t = PayoffTable((2, 2, 2), cells)
    profile = ((F(1, 3), F(2, 3)), (F(1, 4), F(3, 4)), (F(1, 2), F(1, 2)))
    for player in range(3):
        expected = []
        for own in range(2):
            total = F(0)
            for pure in itertools.product(range(2), repeat=3):
                if pure[player] != own:
                    continue
                weight = F(1)
                for i in range(3):
                    if i != player:
                        weight *= profile[i][pure[i]]
                total += weight * t.at(pure)[player]
            expected.append(total)
        assert deviation_payoffs(t, profile, player) == expected


def test_verification_rejects_profiles_of_the_wrong_shape() -> None:
    d = (ZERO, ONE)
    assert is_equilibrium(PD, (d, d))
    assert not is_equilibrium(PD, (d,))                 # one strategy vector for two players
    assert not is_equilibrium(PD, (d, d, d))
    assert not is_equilibrium(PD, ((ZERO, ONE, ZERO), d))


def test_one_round_removes_pure_and_mixed_dominated_strategies_together() -> None:
    # Row: r0 = (6, 0), r1 = (0, 6), r2 = (-1, -1) (strictly below r0), r3 = (2, 2) (below the mixture
    # (1/2, 1/2) of r0 and r1, which pays (3, 3), but below neither alone).  The column is indifferent.
    # Both r2 and r3 are strictly dominated among all four, so the first round removes both.
    t = table2([[(6, 0), (0, 0)], [(0, 0), (6, 0)], [(-1, 0), (-1, 0)], [(2, 0), (2, 0)]])
    result = iterated_elimination(t)
    assert len(result.steps) == 1
    assert sorted(d.dominated for d in result.steps[0].removed) == [2, 3]
    assert result.surviving == ((0, 1), (0, 1))


def test_security_levels_of_the_prisoners_dilemma() -> None:
    # Defect guarantees 1 (its worst case) and Cooperate only 0; no mixture does better than 1.
    levels = security_levels(PD)
    assert [(lv.player, lv.pure_value, lv.pure_strategies, lv.mixed_value) for lv in levels] == \
        [(0, 1, (1,), 1), (1, 1, (1,), 1)]


def test_a_weak_pareto_improvement_counts() -> None:
    # (1, 2) gives the row as much as (1, 1) and the column more: (1, 1) is not Pareto efficient.
    t = table2([[(1, 1), (1, 2)], [(0, 0), (0, 0)]])
    assert not pareto_efficient(t, (F(1), F(1)))
    assert pareto_efficient(t, (F(1), F(2)))
