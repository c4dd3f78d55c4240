"""n-player pure equilibria, dominance, iterated elimination, security levels, Pareto efficiency."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
from conftest import SOURCES, bimatrix, corpus_key, corpus_params, oracle_answer
from oracle import frozen, gambit
from oracle.corpus import content_hash

from negsolve.io import load_game
from negsolve.model import payoff_table
from negsolve.model.strategic import PayoffTable
from negsolve.solvers import solve_table
from negsolve.solvers.dominance import iterated_elimination, pareto_efficient, pure_dominations, security_levels
from negsolve.solvers.pure import pure_equilibria


def _table(shape: tuple[int, ...], payoff) -> PayoffTable:  # type: ignore[no-untyped-def]
    profiles = list(itertools.product(*(range(k) for k in shape)))
    return PayoffTable(shape, tuple(tuple(F(v) for v in payoff(p)) for p in profiles))


def test_three_player_coordination_hand_derived() -> None:
    # everyone gets 1 if all three match, else 0.  In any mismatched profile exactly one player is the
    # odd one out, and switching creates a match: so only the two matching profiles are equilibria.
    table = _table((2, 2, 2), lambda p: (1, 1, 1) if len(set(p)) == 1 else (0, 0, 0))
    result = solve_table(table)
    assert result.scope == "all"
    found = {tuple(s.index(F(1)) for s in eq.profile) for eq in result.equilibria if eq.pure}
    expected = {(0, 0, 0), (1, 1, 1)}
    assert found == expected
    # mixed: player 1 is indifferent iff q r = (1 - q)(1 - r); all mixing 1/2 solves every player's equation
    half = (F(1, 2), F(1, 2))
    assert (half, half, half) in {eq.profile for eq in result.equilibria}


def test_three_player_prisoners_dilemma() -> None:
    # defecting (1) gains the defector 1 and costs each other player 2: defection strictly dominant
    def pay(p):  # type: ignore[no-untyped-def]
        return tuple(p[i] - 2 * sum(p[j] for j in range(3) if j != i) for i in range(3))
    table = _table((2, 2, 2), pay)
    result = solve_table(table)
    assert [tuple(s.index(F(1)) for s in eq.profile) for eq in result.equilibria] == [(1, 1, 1)]
    assert result.equilibria[0].payoffs == (F(-3), F(-3), F(-3))
    elimination = iterated_elimination(table)
    assert elimination.surviving == ((1,), (1,), (1,))
    assert not pareto_efficient(table, result.equilibria[0].payoffs)  # all cooperating pays (0, 0, 0)


NPLAYER_CORPUS = corpus_params(".nfg", lambda path: len(load_game(str(path)).shape) >= 3)


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("path", NPLAYER_CORPUS)
def test_corpus_pure_equilibria_agree_with_gambit(path, source, corpus) -> None:  # type: ignore[no-untyped-def]
    answer = frozen.corpus_entry("corpus_nfg", corpus_key(path), content_hash(path))
    expected = oracle_answer(source, frozen.profiles_from_json(answer["pure_equilibria"]),
                             lambda: gambit.nfg_pure_equilibria(path))
    game = load_game(str(path))
    # the pure solver directly: the full n-player enumeration is unbounded on the 5-player corpus game
    found = {tuple(tuple(s) for s in eq.profile) for eq in pure_equilibria(payoff_table(game))}
    assert found == expected


def test_strict_and_weak_domination() -> None:
    # row: Top strictly dominates Bottom; column: Left weakly dominates Right
    table = bimatrix([[3, 2], [1, 0]], [[1, 1], [2, 1]])
    found = {(d.player, d.dominated, d.by, d.strict) for d in pure_dominations(table)}
    assert found == {(0, 1, (F(1), F(0)), True), (1, 1, (F(1), F(0)), False)}


def test_domination_by_a_mixed_strategy_only() -> None:
    # Bottom (1, 1) is beaten by 1/2 Top + 1/2 Middle = (1.5, 1.5) but by neither pure strategy
    table = bimatrix([[3, 0], [0, 3], [1, 1]], [[0, 0], [0, 0], [0, 0]])
    assert pure_dominations(table) == []
    elimination = iterated_elimination(table)
    assert len(elimination.steps) == 1
    (d,) = elimination.steps[0].removed
    assert (d.player, d.dominated, d.strict) == (0, 2, True)
    assert d.by[2] == 0 and sum(d.by) == 1
    assert 3 * d.by[0] > 1 and 3 * d.by[1] > 1  # the mixture really beats (1, 1) in both columns
    assert elimination.surviving == ((0, 1), (0, 1))


def test_gambit_mixdom_game_needs_mixed_domination(corpus) -> None:  # type: ignore[no-untyped-def]
    (path,) = corpus.rglob("mixdom.nfg")
    table = payoff_table(load_game(str(path)))
    with_mixed = iterated_elimination(table, mixed=True)
    pure_only = iterated_elimination(table, mixed=False)
    removed_mixed = sum(len(s.removed) for s in with_mixed.steps)
    removed_pure = sum(len(s.removed) for s in pure_only.steps)
    assert removed_mixed > removed_pure


def test_iterated_elimination_order_prisoners_dilemma_variant() -> None:
    # round 1 removes only the column player's Right; then Bottom becomes dominated for the row player
    table = bimatrix([[1, 0], [0, 2]], [[2, 1], [2, 1]])
    steps = iterated_elimination(table).steps
    assert [[(d.player, d.dominated) for d in s.removed] for s in steps] == [[(1, 1)], [(0, 1)]]


def test_security_levels_matching_pennies() -> None:
    table = bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    row, col = security_levels(table)
    assert (row.pure_value, row.mixed_value) == (F(-1), F(0))
    assert row.mixed_strategy == (F(1, 2), F(1, 2))
    assert (col.pure_value, col.mixed_value) == (F(-1), F(0))


def test_security_level_three_players() -> None:
    table = _table((2, 2, 2), lambda p: (p[0] - p[1] * p[2] * 3, 0, 0))
    level = security_levels(table)[0]
    # own strategy 1 pays 1 or -2; strategy 0 pays 0 or -3: pure maximin -2 with strategy 1
    assert (level.pure_value, level.pure_strategies) == (F(-2), (1,))
    assert level.mixed_value == F(-2)


def test_pareto() -> None:
    pd = bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert not pareto_efficient(pd, (F(1), F(1)))
    assert pareto_efficient(pd, (F(3), F(3)))
    assert pareto_efficient(pd, (F(5), F(0)))
