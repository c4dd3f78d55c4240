"""Concessions (issue 8, items 1 and 2): side payments as exact intervals, penalties per player,
parameter changes inside the domain; checked against brute-force definitions on random games."""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest
from click.testing import CliRunner
from conftest import linear_payoff
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negsolve.analysis.concessions import concessions
from negsolve.cli.main import cli
from negsolve.model import Parameter, Player, StrategicGame, payoff_table
from negsolve.model.strategic import PayoffTable


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("name", ["freeze-for-freeze", "beijing"])
def test_the_only_side_payment_that_works_is_exactly_one(name: str) -> None:
    text = run("concessions", name).stdout
    assert "of exactly 1" in text and ">= 1" not in text
    data = json.loads(run("concessions", name, "--format", "json").stdout)
    first = data["outcomes"][1]
    assert [(s["at_least"], s["at_most"]) for s in first["side_payments"]] == [("1", "1")]
    explained = run("explain", name).stdout
    assert "exactly" in explained and "side payment of at least" not in explained


def test_six_party_lists_an_interval_and_each_penalty() -> None:
    data = json.loads(run("concessions", "six-party", "--format", "json").stdout)
    pay = {(s["from"], s["at_least"], s["at_most"]) for o in data["outcomes"] for s in o["side_payments"]}
    assert ("North Korea", "1", "2") in pay
    assert "between 1 and 2" in run("concessions", "six-party").stdout
    for o in data["outcomes"]:
        assert [p["at_least"] for p in o["penalties"]] == [t["gain"] for t in o["temptations"]]
        for s in o["side_payments"]:
            assert F(s["at_least"]) <= F(s["at_most"])


def test_payer_who_would_walk_away_is_said() -> None:
    text = run("concessions", "freeze-for-freeze").stdout
    # (Suspend, Keep testing): the US gains 3 by holding; the North loses only 1 by freezing
    assert "no side payment works: the payer would walk away" in text


def test_fixes_stay_inside_the_domain() -> None:
    text = run("concessions", "freeze-for-freeze").stdout
    assert "lower c" not in text  # c is a cost, c >= 0: "lower c to at most -1" is no fix
    data = json.loads(run("concessions", "freeze-for-freeze", "--format", "json").stdout)
    for o in data["outcomes"]:
        for c in o["parameter_changes"]:
            assert c["target"] is None or F(c["target"]) >= 0


# ---------------------------------------------------------------- brute force on random games



@st.composite
def games(draw):  # type: ignore[no-untyped-def]
    size = draw(st.sampled_from([2, 3]))
    names = ("a", "b", "c")[:draw(st.integers(1, 3))]
    cells = tuple(tuple(linear_payoff(draw(st.integers(-2, 2)), [draw(st.integers(-1, 1)) for _ in names], names)
                        for _ in range(2)) for _ in range(size * size))
    players = (Player("Row", tuple(f"r{k}" for k in range(size))), Player("Col", tuple(f"c{k}" for k in range(size))))
    params = []
    for n in names:
        value = F(draw(st.integers(-2, 2)))
        low = draw(st.sampled_from([None, value - 1, value]))
        high = draw(st.sampled_from([None, value, value + 2]))
        params.append(Parameter(n, value, "", low, high))
    return StrategicGame("random", players, cells, tuple(params))


def is_equilibrium(table: PayoffTable, profile: tuple[int, ...], bonus: dict[tuple[int, ...], tuple[F, ...]]) -> bool:
    """Whether ``profile`` is a Nash equilibrium once ``bonus[profile]`` is added to the payoffs there."""
    def pay(p: tuple[int, ...]) -> tuple[F, ...]:
        extra = bonus.get(p, (F(0),) * len(p))
        return tuple(a + b for a, b in zip(table.at(p), extra, strict=False))

    return all(pay(profile)[i] >= pay(profile[:i] + (t,) + profile[i + 1:])[i]
               for i in range(2) for t in range(table.shape[i]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games())
def test_side_payments_and_penalties_equal_their_definitions(game) -> None:  # type: ignore[no-untyped-def]
    report = concessions(game, detail_limit=1)
    table = payoff_table(game)
    for row in report.outcomes:
        o = row.profile
        gains = []
        for i in range(2):
            best = max((table.at(o[:i] + (t,) + o[i + 1:])[i] - table.at(o)[i] for t in range(table.shape[i])
                        if t != o[i]), default=F(0))
            gains.append(best)
        # penalties: one per tempted player, exactly its gain, and a penalty of that size (not less) works
        assert {t.player: t.gain for t in row.temptations} == {i: g for i, g in enumerate(gains) if g > 0}
        for t in row.temptations:
            assert t.gain == gains[t.player]
        # side payments: every transfer x from j to i with o an equilibrium lies in [at_least, at_most]
        listed = {(s.payer, s.receiver): (s.amount, s.most) for s in row.side_payments}
        tempted = [i for i in range(2) if gains[i] > 0]
        for payer, receiver in ((0, 1), (1, 0)):
            works = []
            for x in [F(k, 2) for k in range(-4, 81)]:
                bonus = {o: tuple(x if k == receiver else -x if k == payer else F(0) for k in range(2))}
                if is_equilibrium(table, o, bonus):
                    works.append(x)
            if len(tempted) == 1 and tempted[0] == receiver and works:
                low, high = listed[(payer, receiver)]
                assert low == min(works)
                assert high == max(works)
                assert all(low <= x <= high for x in works if high is not None)
            else:
                assert (payer, receiver) not in listed
        for change in row.parameter_changes:
            parameter = next(p for p in game.parameters if p.name == change.parameter)
            if change.target is not None:
                assert parameter.contains(change.target)


JORDAN = """[game]
title = "Jordan's three-player matching pennies"
[[players]]
name = "A"
strategies = ["H", "T"]
[[players]]
name = "B"
strategies = ["H", "T"]
[[players]]
name = "C"
strategies = ["H", "T"]
[payoffs.H]
H = [[1, 1, 0], [0, 0, 0]]
T = [[0, 1, 1], [1, 0, 1]]
[payoffs.T]
H = [[1, 0, 1], [0, 1, 1]]
T = [[0, 0, 0], [1, 1, 0]]
"""


def test_three_players_without_a_pure_equilibrium_start_from_the_mixed_one() -> None:
    from negsolve.io.loader import loads_game

    # A wants to match B, B to match C, C to mismatch A (1 for success, 0 otherwise): every pure profile has
    # someone who gains by switching, and the only equilibrium has everyone mixing 1/2 (Jordan 1993), each
    # then succeeding with probability 1/2
    game = loads_game(JORDAN, "jordan.toml", "toml")
    report = concessions(game)
    assert report.status_quo is None
    assert report.status_quo_label == "its mixed equilibrium"
    assert report.status_quo_payoffs == (F(1, 2), F(1, 2), F(1, 2))
    assert len(report.outcomes) == 8


def test_a_non_linear_condition_gets_its_nearest_fix_and_a_hopeless_parameter_its_never() -> None:
    # (Keep, Keep) pays Row x*x and Col y; Row gets 1 by breaking, Col 0.  Row keeps iff x*x >= 1 (x <= -1 or
    # x >= 1: not linear, so the general sympy path), Col iff y >= 0.  At x = 1/2, y = 1 only Row is tempted:
    # moving x alone, the nearest value that works is 1 (distance 1/2; -1 is 3/2 away), itself included;
    # moving y alone nothing works, since Row's condition does not involve y and fails at x = 1/2
    from negsolve.analysis.concessions import ParameterChange
    from negsolve.io import loads_game

    game = loads_game('[game]\ntitle = "squares"\n[parameters]\nx = "1/2"\ny = { value = 1, min = 0 }\n'
                      '[[players]]\nname = "Row"\nstrategies = ["Keep", "Break"]\n'
                      '[[players]]\nname = "Col"\nstrategies = ["Keep", "Break"]\n[payoffs]\n'
                      '"Keep" = [["x*x", "y"], [0, 0]]\n"Break" = [[1, 0], [0, 1]]\n', "squares.toml", "toml")
    row = next(r for r in concessions(game).outcomes if r.profile == (0, 0))
    assert not row.self_enforcing
    assert row.parameter_changes == (
        ParameterChange("x", F(1, 2), F(1), True, "x <= -1 or x >= 1"),
        ParameterChange("y", F(1), None, False, "never within its domain (y >= 0)"))
