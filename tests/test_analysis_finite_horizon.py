"""Finitely repeated games (:func:`negsolve.analysis.repeated.finite_horizon`) on cases with longer horizons,
discounting and three players, against a brute force of the construction in the module docstring.

The oracle tries every k from T - 1 down and every sequence of pure stage equilibria as the rewards after
round k, and checks every one-shot deviation in rounds 1..k, the deviator then held to its worst stage
equilibrium (or left alone, if that is better for it).  The cases were picked from random small games as
ones where the horizon, the discount and the third player matter.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest

from negsolve.analysis.repeated import FRONTIER_LIMIT, FiniteHorizon, StageEquilibrium, finite_horizon
from negsolve.model.strategic import PayoffTable


def _pure_stage_equilibria(table: PayoffTable) -> list[tuple[int, ...]]:
    n = table.n_players
    return [p for p in table.profiles()
            if all(table.at(p)[i] >= table.at(p[:i] + (t,) + p[i + 1:])[i]
                   for i in range(n) for t in range(table.shape[i]))]


def _no_deviation_pays(table: PayoffTable, outcome: tuple[int, ...], path: list, delta: F, worst: list,
                       t: int, i: int) -> bool:
    """No change of player i's move in round t (0-based) of ``path`` pays, i then held to min(worst, path)."""
    rounds = len(path)
    stay = sum(delta ** (s - t) * table.at(path[s])[i] for s in range(t, rounds))
    ignored = sum(delta ** (s - t) * table.at(path[s])[i] for s in range(t + 1, rounds))
    punished = sum(delta ** (s - t) * worst[i] for s in range(t + 1, rounds))
    return all(stay >= table.at(outcome[:i] + (x,) + outcome[i + 1:])[i] + min(punished, ignored)
               for x in range(table.shape[i]))


def oracle(table: PayoffTable, outcome: tuple[int, ...], rounds: int, delta: F, eqs: list,
           punishments: list | None = None) -> int:
    """The largest k, rewards drawn from ``eqs`` and punishments from ``punishments`` (default: ``eqs``)."""
    n = table.n_players
    if outcome in eqs:
        return rounds
    worst = [min(table.at(e)[i] for e in (eqs if punishments is None else punishments)) for i in range(n)]
    for k in range(rounds - 1, 0, -1):
        for rewards in itertools.product(eqs, repeat=rounds - k):
            path = [outcome] * k + list(rewards)
            if all(_no_deviation_pays(table, outcome, path, delta, worst, t, i) for t in range(k) for i in range(n)):
                return k
    return 0


CASES = [  # (shape, payoffs per profile in table order, outcome, rounds T, discount, k by the oracle)
    ((2, 2), [(-3, 2), (-1, 2), (2, 1), (0, 1)], (0, 1), 3, F(2, 3), 1),
    ((2, 2), [(0, -2), (1, -3), (-1, 2), (1, 2)], (0, 1), 4, F(2, 3), 2),
    ((2, 2), [(-2, -2), (2, -1), (-2, -3), (2, 1)], (0, 0), 4, F(1), 2),
    ((2, 2), [(3, 0), (-3, 0), (3, -2), (-1, 1)], (0, 1), 3, F(3, 4), 1),
    ((2, 2), [(-1, 2), (-3, 2), (2, 0), (-3, -1)], (0, 0), 4, F(3, 4), 3),
    ((2, 2), [(-1, 2), (0, 1), (-1, -2), (0, -3)], (1, 1), 4, F(1, 2), 2),
    ((2, 2, 2), [(-1, -3, -1), (2, -1, 1), (2, 1, 0), (1, 3, -1), (2, -2, -3), (3, 2, -2), (-1, 1, 0), (-1, 1, 0)],
     (0, 1, 1), 3, F(1), 2),
    ((2, 2), [(2, 2), (-1, 2), (-2, 0), (1, 2)], (0, 1), 4, F(1), 1),
    ((2, 2, 2), [(-3, 1, 2), (-3, -1, 1), (-2, 2, -3), (3, 1, -2), (3, -1, -2), (3, -2, -3), (0, 2, 3), (-3, -3, -1)],
     (1, 0, 0), 4, F(1), 1),
]


@pytest.mark.parametrize("shape,cells,outcome,rounds,delta,expected", CASES,
                         ids=[f"{'x'.join(map(str, c[0]))}-T{c[3]}-d{c[4]}-{k}" for k, c in enumerate(CASES)])
def test_last_round_kept_equals_the_brute_force(shape, cells, outcome, rounds, delta, expected) -> None:  # type: ignore[no-untyped-def]
    table = PayoffTable(shape, tuple(tuple(F(v) for v in cell) for cell in cells))
    eqs = _pure_stage_equilibria(table)
    assert oracle(table, outcome, rounds, delta, eqs) == expected
    stage = [StageEquilibrium(tuple(tuple(F(int(s == c)) for s in range(shape[j])) for j, c in enumerate(p)),
                              table.at(p)) for p in eqs]
    found = finite_horizon(table, outcome, stage, rounds, delta, rewards=stage)
    assert found.last_round_kept == expected
    assert finite_horizon(table, outcome, stage, rounds, delta) == found  # rewards default to the punishments
    if 0 < expected < rounds:  # the rewards reported are a sequence that works
        assert len(found.rewards) == rounds - expected and all(r in stage for r in found.rewards)


def _stage(table: PayoffTable, eqs: list) -> list[StageEquilibrium]:
    return [StageEquilibrium(tuple(tuple(F(int(s == c)) for s in range(table.shape[j])) for j, c in enumerate(p)),
                             table.at(p)) for p in eqs]


@pytest.mark.parametrize("shape,cells,outcome,rounds,delta,expected", [c for c in CASES if len(c[0]) == 2])
def test_rewards_other_than_the_punishments(shape, cells, outcome, rounds, delta, expected) -> None:  # type: ignore[no-untyped-def]
    table = PayoffTable(shape, tuple(tuple(F(v) for v in cell) for cell in cells))
    eqs = _pure_stage_equilibria(table)
    for size in range(1, len(eqs) + 1):
        for chosen in itertools.combinations(eqs, size):
            rewards = _stage(table, list(chosen))
            found = finite_horizon(table, outcome, _stage(table, eqs), rounds, delta, rewards=rewards)
            assert found.last_round_kept == oracle(table, outcome, rounds, delta, list(chosen), eqs), chosen
            assert found.unique_stage_equilibrium == (size == 1)


def test_the_records_of_the_cases_decided_at_once() -> None:
    # prisoner's dilemma (C, D order): the one stage equilibrium is (D, D)
    table = PayoffTable((2, 2), tuple((F(a), F(b)) for a, b in [(3, 3), (0, 5), (5, 0), (1, 1)]))
    stage = _stage(table, [(1, 1)])
    # no reward to offer (or no punishment): the agreement is never played
    assert finite_horizon(table, (0, 0), stage, 3, F(1, 2), rewards=[]) == FiniteHorizon(3, F(1, 2), 0, (), False)
    assert finite_horizon(table, (0, 0), [], 3, F(1, 2), rewards=stage) == FiniteHorizon(3, F(1, 2), 0, (), True)
    # the agreement is the stage equilibrium itself: played in every round, nothing after it
    assert finite_horizon(table, (1, 1), stage, 5, F(3, 4)) == FiniteHorizon(5, F(3, 4), 5, (), True)
    # cooperation unravels: the unique stage equilibrium is both reward and punishment
    assert finite_horizon(table, (0, 0), stage, 5, F(1)) == FiniteHorizon(5, F(1), 0, (), True)


def test_an_agreement_no_reward_can_save_is_never_played_exactly() -> None:
    # stage equilibria (A, A) = (2, 1) and (B, B) = (1, 2); worst (1, 1).  Leaving (A, B) gains player 1
    # 1 - (-5) = 6 now, while any rewards are worth at most sum_s (1/2)^s (2 - 1) < 1 to it: k = 0 for every
    # horizon, an exact answer (not one from a trimmed search, although the 2^L reward sequences of 9 rounds
    # are all Pareto-optimal and would be more than the search keeps)
    table = PayoffTable((2, 2), tuple((F(a), F(b)) for a, b in [(2, 1), (-5, 0), (0, 0), (1, 2)]))
    eqs = _pure_stage_equilibria(table)
    assert eqs == [(0, 0), (1, 1)]
    assert oracle(table, (0, 1), 9, F(1, 2), eqs) == 0
    found = finite_horizon(table, (0, 1), _stage(table, eqs), 9, F(1, 2))
    assert found == FiniteHorizon(9, F(1, 2), 0, (), False, trimmed=False)


def test_a_frontier_larger_than_the_limit_is_trimmed_and_still_answers() -> None:
    # stage equilibria A = (0, 0) paying (2, 1) and B = (1, 1) paying (1, 2); worst (1, 1).  The agreement (0, 1)
    # pays (65/128, 1/2) and leaving it pays 1 each (to B and to A): gains 63/128 and 1/2, and c_i < worst_i,
    # so only k = 1 can work, with rewards X_1 >= 63/128 and X_2 >= 1/2.  With discount 1/2 a round gives
    # 2^-s to one player only, X_1 + X_2 = 1 - 2^-L: first possible for L = 7 (the oracle agrees), X_1 = 63/128
    # exactly (B then A six times).  All 2^7 = 128 reward vectors of 7 rounds are Pareto-optimal (their sum is
    # fixed), more than FRONTIER_LIMIT = 64: the search is trimmed, and the evenly spread half it keeps
    # (every second vector by falling X_1, 127/128 down) still holds X_1 = 63/128
    assert FRONTIER_LIMIT == 64
    table = PayoffTable((2, 2), ((F(2), F(1)), (F(65, 128), F(1, 2)), (F(0), F(0)), (F(1), F(2))))
    eqs = _pure_stage_equilibria(table)
    assert eqs == [(0, 0), (1, 1)]
    assert oracle(table, (0, 1), 8, F(1, 2), eqs) == 1
    a, b = _stage(table, eqs)
    found = finite_horizon(table, (0, 1), [a, b], 8, F(1, 2))
    assert found == FiniteHorizon(8, F(1, 2), 1, (b, a, a, a, a, a, a), False, trimmed=True)


def test_three_players_equal_reward_vectors_count_once() -> None:
    # three players, stage equilibria A = (0, 0, 0) paying (2, 1, 0) and B = (1, 1, 0) paying (1, 2, 0); the
    # third player loses 1 by leaving layer 0 and is never tempted.  The agreement (0, 1, 0) pays (-3, -2, 0),
    # under the worst (1, 1, 0), with gains 4 and 3: only k = 1 works, after L = 7 undiscounted rounds with
    # exactly four A's.  The reward vectors of 7 rounds are (a, 7 - a, 0): 8 Pareto-optimal ones, however many
    # of the 128 sequences give each, so the search is exact, not trimmed
    cells = [(2, 1, 0), (-9, -9, -1), (-3, -2, 0), (-9, -9, -1), (0, 0, 0), (-9, -9, -1), (1, 2, 0), (-9, -9, -1)]
    table = PayoffTable((2, 2, 2), tuple(tuple(F(v) for v in cell) for cell in cells))
    eqs = _pure_stage_equilibria(table)
    assert eqs == [(0, 0, 0), (1, 1, 0)]
    assert oracle(table, (0, 1, 0), 8, F(1), eqs) == 1
    a, b = _stage(table, eqs)
    found = finite_horizon(table, (0, 1, 0), [a, b], 8, F(1))
    assert (found.last_round_kept, found.trimmed) == (1, False)
    assert len(found.rewards) == 7 and found.rewards.count(a) == 4 and found.rewards.count(b) == 3


def test_a_player_who_gains_nothing_by_leaving_keeps_to_it_whatever_the_rewards() -> None:
    # stage equilibria (0, 0) = (2, -2), (0, 1) = (-2, -2), (1, 1) = (-2, -1).  The agreement (1, 0) pays (2, -2):
    # the row player gains 0 by leaving it (to (0, 0), 2 again), the column player 1 (to (1, 1), -1).  Punished by
    # (0, 0), rewarded by (0, 1) or (1, 1): every reward pays the row player 4 less than the punishment, which does
    # not matter, since it never gains by leaving; the column player needs X_2 >= 1, which one round of (1, 1)
    # gives (-1 - (-2)): k = T - 1 = 2 (the oracle agrees)
    table = PayoffTable((2, 2), tuple((F(a), F(b)) for a, b in [(2, -2), (-2, -2), (2, -2), (-2, -1)]))
    assert _pure_stage_equilibria(table) == [(0, 0), (0, 1), (1, 1)]
    assert oracle(table, (1, 0), 3, F(1), [(0, 1), (1, 1)], [(0, 0)]) == 2
    rewards = _stage(table, [(0, 1), (1, 1)])
    found = finite_horizon(table, (1, 0), _stage(table, [(0, 0)]), 3, F(1), rewards=rewards)
    assert found == FiniteHorizon(3, F(1), 2, (rewards[1],), False)
