"""Repeated play (issue 8, items 3-6 and 15): Nash reversion per deviator, the minmax bound, piecewise
thresholds, the finite horizon against brute-force subgame-perfect equilibria of the repeated game."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction as F

import pytest
from click.testing import CliRunner
from conftest import linear_payoff
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negsolve.analysis.repeated import StageEquilibrium, finite_horizon, repeated
from negsolve.cli.main import cli
from negsolve.io import load_game
from negsolve.io.registry import bundled_names
from negsolve.model import Parameter, Player, StrategicGame, payoff_table
from negsolve.model.strategic import PayoffTable
from negsolve.solvers import solve_table


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


# ---------------------------------------------------------------- regressions of the findings

def test_head_on_collision_punishes_each_deviator_with_its_own_worst_equilibrium() -> None:
    game = load_game("head-on-collision")
    report = repeated(game, (1, 1))
    # (Slow, Slow) pays 0; Escalate pays 2; the worst stage equilibrium for the US is (Slow, Escalate): -1
    assert [p.punishment.pure for p in report.players] == [(1, 0), (0, 1)]
    assert [p.nash_delta for p in report.players] == [F(2, 3), F(2, 3)]
    assert report.delta_star == F(2, 3)
    result = run("repeated", "head-on-collision", "--outcome", "Slow down,Slow down")
    assert result.exit_code == 0
    assert "not sustainable" not in result.stdout and "=> sustainable iff delta >= 2/3" in result.stdout


def test_reverting_to_the_mixed_equilibrium_needs_ten_elevenths() -> None:
    game = load_game("head-on-collision")
    mixed = [e for e in solve_table(payoff_table(game)).equilibria if not e.pure]
    assert len(mixed) == 1
    stage = [StageEquilibrium(mixed[0].profile, mixed[0].payoffs)]
    report = repeated(game, (1, 1), stage=stage)
    assert report.delta_star == F(10, 11)


def test_a_mixed_stage_equilibrium_is_a_punishment_too() -> None:
    # matching pennies: the only stage equilibrium is mixed (payoff 0 each)
    game = load_game("matching-pennies")
    report = repeated(game, (0, 0))
    assert all(p.punishment is not None and p.punishment.pure is None for p in report.players)


def test_finite_horizon_with_several_stage_equilibria_stops_before_the_last_round() -> None:
    result = run("repeated", "head-on-collision", "--outcome", "Slow down,Slow down", "--rounds", "3",
                 "--format", "json")
    data = json.loads(result.stdout)
    assert data["finite"]["rounds"] == 3
    assert data["finite"]["last_round_kept"] == 1
    text = run("repeated", "head-on-collision", "--outcome", "Slow down,Slow down", "--rounds", "3").stdout
    assert "until the end" not in text and "cannot hold to the end" in text


def test_matching_pennies_unravels() -> None:
    result = run("repeated", "matching-pennies", "--outcome", "Heads,Heads", "--rounds", "3", "--format", "json")
    assert json.loads(result.stdout)["finite"]["last_round_kept"] == 0
    text = run("repeated", "matching-pennies", "--outcome", "Heads,Heads", "--rounds", "3").stdout
    assert "unravels" in text and "can hold" not in text


def test_freeze_for_freeze_threshold_comes_with_its_domain() -> None:
    text = run("repeated", "freeze-for-freeze", "--outcome", "Suspend exercises,Freeze tests").stdout
    # North Korea: c = 2, d = 4 - s, e = 1, so (d - c)/(d - e) = (2 - s)/(3 - s) while s < 2 (else no temptation)
    assert "if s < 2: delta >= (s - 2)/(s - 3); if s >= 2: any delta" in text
    data = json.loads(run("repeated", "freeze-for-freeze", "--outcome", "Suspend exercises,Freeze tests",
                          "--set", "s=4", "--format", "json").stdout)
    assert data["schema"] == "negsolve.repeated/2"
    north = data["players"][1]
    assert north["deviation_gain"] == "0" and north["nash_reversion"]["delta_at_least"] == "0"
    assert data["delta_star"] == "0"


def test_punish_must_be_a_stage_equilibrium() -> None:
    result = run("repeated", "freeze-for-freeze", "--outcome", "Suspend exercises,Freeze tests",
                 "--punish", "Suspend exercises,Keep testing")
    assert result.exit_code == 2
    assert "--punish (Suspend exercises, Keep testing) is not a stage equilibrium" in result.stderr
    ok = run("repeated", "freeze-for-freeze", "--outcome", "Suspend exercises,Freeze tests",
             "--punish", "Hold exercises,Keep testing")
    assert ok.exit_code == 0


def test_no_sympy_max_in_any_output() -> None:
    for name in bundled_names():
        game = load_game(name)
        if hasattr(game, "nodes") or hasattr(game, "prior"):  # a game with types is not repeated
            continue
        for profile in itertools.islice(game.profiles(), 4):
            outcome = ",".join(p.strategies[k] for p, k in zip(game.players, profile, strict=False))
            result = run("repeated", name, "--outcome", outcome, "--rounds", "2")
            assert result.exit_code == 0, result.stderr
            assert "Max(" not in result.stdout and "Min(" not in result.stdout


def test_trees_punish_with_subgame_perfect_equilibria_only() -> None:
    # (Stay out, Fight) is a Nash equilibrium of the reduced form but not subgame perfect
    result = run("repeated", "entry-deterrence", "--outcome", "Stay out,Accommodate", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["stage_equilibria"] == "subgame perfect"
    for player in data["players"]:
        punishment = player["nash_reversion"]["punishment"]
        if punishment is not None:
            assert punishment == {"Entrant": {"Enter": "1"}, "Incumbent": {"Accommodate": "1"}}


def test_below_the_minmax_value_is_never_sustainable() -> None:
    # matching pennies: the Mismatcher gets -1 at (Heads, Heads) and can secure 0
    data = json.loads(run("repeated", "matching-pennies", "--outcome", "Heads,Heads", "--format", "json").stdout)
    mismatcher = data["players"][1]
    assert mismatcher["minmax"] == {"value": "0", "delta_at_least": "never"}
    assert data["delta_lower_bound"] == "never"


# ---------------------------------------------------------------- independent oracles

def brute_minmax(table: PayoffTable, i: int) -> F:
    """min over the opponent's mixes of i's best-response payoff, from every vertex of the upper envelope
    (two players; exact): candidate mixes solve k equations chosen among q_s = 0 and ties between i's strategies."""
    j = 1 - i
    k = table.shape[j]

    def u(t: int, s: int) -> F:
        profile = (t, s) if i == 0 else (s, t)
        return table.at(profile)[i]

    rows = [[F(int(s == r)) for s in range(k)] for r in range(k)]
    ties = [[u(a, s) - u(b, s) for s in range(k)] for a, b in itertools.combinations(range(table.shape[i]), 2)]
    best = None
    for chosen in itertools.combinations(rows + ties, k - 1):
        q = solve_exact([list(r) for r in chosen] + [[F(1)] * k], [F(0)] * (k - 1) + [F(1)])
        if q is None or min(q) < 0:
            continue
        value = max(sum(u(t, s) * q[s] for s in range(k)) for t in range(table.shape[i]))
        best = value if best is None else min(best, value)
    assert best is not None
    return best


def solve_exact(a: list[list[F]], b: list[F]) -> list[F] | None:
    n = len(b)
    m = [row[:] + [v] for row, v in zip(a, b, strict=False)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if m[r][col] != 0), None)
        if pivot is None:
            return None
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col and m[r][col] != 0:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=False)]
    return [m[r][n] / m[r][r] for r in range(n)]




@st.composite
def games_and_points(draw):  # type: ignore[no-untyped-def]
    size = draw(st.sampled_from([2, 3]))
    names = ("a", "b", "c")[:draw(st.integers(1, 3))]
    cells = tuple(tuple(linear_payoff(draw(st.integers(-2, 2)), [draw(st.integers(-1, 1)) for _ in names], names)
                        for _ in range(2)) for _ in range(size * size))
    players = (Player("Row", tuple(f"r{k}" for k in range(size))), Player("Col", tuple(f"c{k}" for k in range(size))))
    game = StrategicGame("random", players, cells, tuple(Parameter(n, F(0)) for n in names))
    # small integers make ties (boundary points) frequent
    point = {n: F(draw(st.integers(-2, 2)), draw(st.sampled_from([1, 1, 2]))) for n in names}
    outcome = (draw(st.integers(0, size - 1)), draw(st.integers(0, size - 1)))
    return game, point, outcome


def keeps(c: F, d: F, e: F, delta: F) -> bool:
    """The definition: keeping forever beats deviating once and then being held to e forever."""
    return c / (1 - delta) >= d + delta * e / (1 - delta)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games_and_points())
def test_thresholds_equal_their_definitions(case) -> None:  # type: ignore[no-untyped-def]
    game, point, outcome = case
    report = repeated(game, outcome, point)
    table = payoff_table(game, point)
    stage = solve_table(table).equilibria
    for i, p in enumerate(report.players):
        c = table.at(outcome)[i]
        d = max(table.at(outcome[:i] + (t,) + outcome[i + 1:])[i] for t in range(table.shape[i]) if t != outcome[i])
        e = min(eq.payoffs[i] for eq in stage)
        m = brute_minmax(table, i)
        assert p.minmax == m
        assert p.gain == d - c
        if d <= c:
            # not tempted: its deviations lose now and are simply ignored afterwards
            assert p.nash_delta == 0 and p.minmax_delta == 0
            continue
        for value, punish in ((p.nash_delta, e), (p.minmax_delta, m)):
            grid = [F(k, 60) for k in range(60)]  # every delta in [0, 1) on a grid, and the threshold itself
            if value is None:
                assert not any(keeps(c, d, punish, x) for x in grid)
            else:
                assert 0 <= value < 1
                assert keeps(c, d, punish, value)
                assert all(keeps(c, d, punish, x) == (x >= value) for x in grid)
        if c < m:
            assert p.minmax_delta is None


def test_piecewise_threshold_matches_the_numbers() -> None:
    game = load_game("freeze-for-freeze")
    for s in (F(0), F(1), F(3, 2), F(2), F(5, 2), F(4)):
        report = repeated(game, (1, 1), {"s": s})
        north = report.players[1]
        if not north.pieces:  # at s = 4 the worst punishment is the mixed equilibrium; nothing tempts the North
            assert north.gain <= 0 and north.nash_delta == 0
            continue
        piece = next(pc for pc in north.pieces if all(
            cnd.status({"s": s, "c": F(2), "r": F(1)}) != "fails" and
            not (cnd.strict and cnd.status({"s": s, "c": F(2), "r": F(1)}) == "boundary") for cnd in pc.conditions))
        if piece.delta == "any":
            assert north.nash_delta == 0
        else:
            import sympy

            assert piece.delta.subs(sympy.Symbol("s", real=True), sympy.Rational(s.numerator, s.denominator)) == \
                sympy.Rational(north.nash_delta.numerator, north.nash_delta.denominator)


# ---------------------------------------------------------------- finite horizon against brute force

def pure_spe_paths(table: PayoffTable, rounds: int, delta: F) -> set:
    """Every pure subgame-perfect path of the ``rounds``-times repeated game with its values.  The game after any
    history is the same game with fewer rounds, so a path is subgame perfect iff its tail is and no one-shot
    deviation in its first round pays against the worst subgame-perfect continuation for the deviator."""
    level = {((), (F(0), F(0)))}
    for _ in range(rounds):
        if not level:
            return set()
        worst = [min(v[i] for _, v in level) for i in range(2)]
        new = set()
        for a in table.profiles():
            u = table.at(a)
            for rest, v in level:
                if all(table.at(a[:i] + (t,) + a[i + 1:])[i] + delta * worst[i] <= u[i] + delta * v[i]
                       for i in range(2) for t in range(2)):
                    new.add(((a,) + rest, (u[0] + delta * v[0], u[1] + delta * v[1])))
        level = new
    return level


def stage_path_oracle(table: PayoffTable, outcome: tuple[int, int], rounds: int, delta: F, eqs: list) -> int:
    """Largest k such that: outcome in rounds 1..k, then some sequence of the pure stage equilibria, and no
    deviation in any round 1..k pays when the deviator is held to its worst stage equilibrium afterwards."""
    if outcome in eqs:
        return rounds
    worst = [min(table.at(e)[i] for e in eqs) for i in range(2)]
    for k in range(rounds - 1, 0, -1):
        for rewards in itertools.product(eqs, repeat=rounds - k):
            path = [outcome] * k + list(rewards)
            ok = True
            for t in range(k):
                for i in range(2):
                    stay = sum(delta ** (s - t) * table.at(path[s])[i] for s in range(t, rounds))
                    for x in range(2):
                        dev = outcome[:i] + (x,) + outcome[i + 1:]
                        punished = sum(delta ** (s - t) * worst[i] for s in range(t + 1, rounds))
                        ignored = sum(delta ** (s - t) * table.at(path[s])[i] for s in range(t + 1, rounds))
                        ok = ok and stay >= table.at(dev)[i] + min(punished, ignored)
            if ok:
                return k
    return 0


def pure_stage(table: PayoffTable) -> list:
    return [p for p in table.profiles()
            if all(table.at(p)[i] >= table.at(p[:i] + (t,) + p[i + 1:])[i] for i in range(2) for t in range(2))]


def as_stage(table: PayoffTable, eqs: list) -> list:
    return [StageEquilibrium(tuple(tuple(F(int(s == c)) for s in range(2)) for c in p), table.at(p)) for p in eqs]


small = st.integers(-3, 3)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(small, small), min_size=4, max_size=4), st.tuples(st.integers(0, 1), st.integers(0, 1)),
       st.integers(1, 3), st.sampled_from([F(1), F(1, 2), F(3, 4)]))
def test_finite_horizon_against_brute_force(cells, outcome, rounds, delta) -> None:  # type: ignore[no-untyped-def]
    table = PayoffTable((2, 2), tuple((F(a), F(b)) for a, b in cells))
    eqs = pure_stage(table)
    stage = as_stage(table, eqs)
    answer = finite_horizon(table, outcome, stage, rounds, delta, rewards=stage).last_round_kept
    paths = pure_spe_paths(table, rounds, delta)
    best = max((next((k for k, a in enumerate(path) if a != outcome), rounds) for path, _ in paths), default=0)
    if eqs:
        assert answer == stage_path_oracle(table, outcome, rounds, delta, eqs)
    # the construction is a subgame-perfect equilibrium: never later than the full pure-SPE brute force,
    # and equal to it when the punishment after round 1 is a single round (T <= 2)
    assert answer <= best
    if rounds <= 2:
        assert answer == best


def test_finite_horizon_a_known_case() -> None:
    # prisoner's dilemma: a unique stage equilibrium, so cooperation unravels whatever T
    game = load_game("prisoners-dilemma")
    assert repeated(game, (0, 0), rounds=10).finite.last_round_kept == 0
    # an agreement that is itself a stage equilibrium holds in every round
    assert repeated(game, (1, 1), rounds=10).finite.last_round_kept == 10


@pytest.mark.parametrize("bad", ["0", "3/2", "x"])
def test_discount_must_be_in_0_1(bad: str) -> None:
    result = run("repeated", "prisoners-dilemma", "--outcome", "Cooperate,Cooperate", "--rounds", "3",
                 "--discount", bad)
    assert result.exit_code == 2 and "--discount" in result.stderr


# ---------------------------------------------------------------- hand-derived records (issue 16: repeated survivors)

KEEP_OR_BREAK = '''
[game]
title = "Keep or break"
[parameters]
x = {{ value = {value}, min = {low}, max = {high} }}
[[players]]
name = "Row"
strategies = ["Keep", "Break"]
[[players]]
name = "Col"
strategies = ["Keep", "Break"]
[payoffs]
"Keep" = [["x", "x"], [0, 2]]
"Break" = [[2, 0], [1, 1]]
'''


@pytest.mark.parametrize("low,high,value,expected", [
    # Row keeps (Keep, Keep) for x, leaves for 2 (gain 2 - x) and is punished by (Break, Break) = 1 (margin x - 1):
    # delta >= (2 - x)/((2 - x) + (x - 1)) = 2 - x when 1 < x < 2; any delta when x >= 2; never when x <= 1
    ("0", "3", "3/2", [(["x < 2", "x > 1"], "2 - x"), (["x >= 2"], "any"), (["x < 2", "x <= 1"], "never")]),
    # x >= 3/2 in the domain: the 'never' piece (x <= 1) cannot occur
    ("3/2", "3", "7/4", [(["x < 2", "x > 1"], "2 - x"), (["x >= 2"], "any")]),
    # x <= 3/2 in the domain: the 'any' piece (x >= 2) cannot occur
    ("0", "3/2", "1/2", [(["x < 2", "x > 1"], "2 - x"), (["x < 2", "x <= 1"], "never")]),
], ids=["whole", "above-3/2", "below-3/2"])
def test_threshold_pieces_that_the_domain_excludes_are_dropped(low, high, value, expected) -> None:  # type: ignore[no-untyped-def]
    from negsolve.io import loads_game

    game = loads_game(KEEP_OR_BREAK.format(low=f'"{low}"', high=f'"{high}"', value=f'"{value}"'), "k.toml", "toml")
    row = repeated(game, (0, 0)).players[0]
    assert (row.deviation, row.gain) == (1, 2 - F(value))
    assert [([c.words() for c in piece.conditions], str(piece.delta)) for piece in row.pieces] == expected


def test_a_player_with_one_strategy_is_never_tempted() -> None:
    from negsolve.io import loads_game

    game = loads_game('[game]\ntitle = "Take it or leave it"\n[[players]]\nname = "Seller"\nstrategies = ["Offer"]\n'
                      '[[players]]\nname = "Buyer"\nstrategies = ["Buy", "Walk"]\n'
                      '[payoffs]\n"Offer" = [[2, 1], [0, 3]]\n', "t.toml", "toml")
    seller = repeated(game, (0, 0)).players[0]
    # no other strategy: no deviation, nothing to gain, any delta (both bounds 0), although the agreement pays the
    # Seller 2 > 0, its payoff in the one stage equilibrium (Offer, Walk) and its minmax value
    assert (seller.deviation, seller.gain, seller.nash_delta, seller.minmax, seller.minmax_delta) == \
        (None, 0, 0, 0, 0)


def test_the_minmax_mix_is_the_punishers_not_the_punished_players() -> None:
    from negsolve.analysis.repeated import minmax

    # the row player's payoffs; the column player punishes.  Mixing q1, q2, q3 leaves the row player
    # max(3 q1 + q3, 3 q2 + q3) >= (3 - q3)/2 >= 1, with equality only for q3 = 1: the minmax value is 1, held
    # by the third column alone (the row player's own best reply is any mix, two strategies long)
    table = PayoffTable((2, 3), tuple((F(a), F(-a)) for a in [3, 0, 1, 0, 3, 1]))
    assert minmax(table, 0) == (1, (((2,), 1),))


def test_the_report_records_the_values_it_was_computed_at() -> None:
    game = load_game("freeze-for-freeze")  # defaults s = 1, c = 2, r = 1
    assert repeated(game, (1, 1), {"s": F(4)}).values == {"s": 4, "c": 2, "r": 1}
    text = run("repeated", "freeze-for-freeze", "--outcome", "Suspend exercises,Freeze tests", "--set", "s=4").stdout
    assert "Parameters now: s = 4, c = 2, r = 1" in text


def test_three_players_punish_with_pure_stage_equilibria_only() -> None:
    game = load_game("three-party")
    report = repeated(game, (1, 0, 1))
    table = payoff_table(game)
    pure = [p for p in table.profiles() if all(table.at(p)[i] >= table.at(p[:i] + (t,) + p[i + 1:])[i]
                                               for i in range(3) for t in range(table.shape[i]))]
    assert report.stage_scope == "pure"
    assert sorted(e.pure for e in report.stage_equilibria) == pure
    text = run("repeated", "three-party", "--outcome", "Talks,Enforce,Freeze").stdout
    assert "(pure stage equilibria only: mixed ones of games with three or more players" in text


@pytest.mark.parametrize("cells,rows", [
    # (Keep, Keep) against (Break, Break).  Row: T = 5, R = 3, S = 0, P = 1: delta >= max(2/3, 2/4) = 2/3.
    # Col: leaving pays 2 < 3, no temptation
    ([(3, 3), (0, 2), (5, 0), (1, 1)], [(True, ("2/3", "1/2"), F(2, 3), "tit-for-tat"),
                                         (False, (), 0, "no temptation")]),
    # Row: T = 10, R = 3, S = 0, P = 1: (T - R)/(R - S) = 7/3 >= 1, so no delta < 1 deters it
    ([(3, 3), (0, 2), (10, 0), (1, 1)], [(True, ("7/3", "7/9"), None, "tit-for-tat would need delta >= 1"),
                                          (False, (), 0, "no temptation")]),
    # Row: T = 5, R = 1, S = 2, P = 3: R <= S, being copied a round later does not hurt it
    ([(1, 3), (2, 2), (5, 0), (3, 1)], [(True, (), None, "tit-for-tat cannot deter this deviation"),
                                         (False, (), 0, "no temptation")]),
], ids=["deters", "needs-delta-1", "cannot-deter"])
def test_tit_for_tat_records(cells, rows) -> None:  # type: ignore[no-untyped-def]
    from negsolve.io import loads_game

    block = [f"[{a}, {b}]" for a, b in cells]
    game = loads_game('[game]\ntitle = "t"\n[[players]]\nname = "Row"\nstrategies = ["Keep", "Break"]\n'
                      '[[players]]\nname = "Col"\nstrategies = ["Keep", "Break"]\n[payoffs]\n'
                      f'"Keep" = [{block[0]}, {block[1]}]\n"Break" = [{block[2]}, {block[3]}]\n', "t.toml", "toml")
    found = repeated(game, (0, 0)).tit_for_tat
    assert found is not None
    assert [(t.tempted, tuple(str(x) for x in t.thresholds), t.value, t.reason) for t in found] == rows


def test_punish_refused_in_full() -> None:
    result = run("repeated", "freeze-for-freeze", "--outcome", "Suspend exercises,Freeze tests",
                 "--punish", "Suspend exercises,Keep testing")
    # at the defaults (Hold exercises, Keep testing) is the one stage equilibrium (the game's summary)
    assert result.stderr == ("Error: --punish (Suspend exercises, Keep testing) is not a stage equilibrium, so the "
                             "threat to play it after a breach would not be credible (hint: pure stage equilibria: "
                             "(Hold exercises, Keep testing))\n")
    pennies = run("repeated", "matching-pennies", "--outcome", "Heads,Heads", "--punish", "Heads,Tails")
    assert pennies.stderr == ("Error: --punish (Heads, Tails) is not a stage equilibrium, so the threat to play it "
                              "after a breach would not be credible (hint: the stage game has no pure equilibrium; "
                              "leave out --punish)\n")
