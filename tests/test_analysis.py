"""Stability conditions, concessions, repeated play and sweeps: properties and hand-derived facts."""

from __future__ import annotations

import json
import random
from fractions import Fraction as F

import pytest
from click.testing import CliRunner
from conftest import examples, linear_payoff
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negsolve.analysis.concessions import concessions
from negsolve.analysis.repeated import repeated
from negsolve.analysis.stability import parse_outcome, stability
from negsolve.analysis.sweep import evaluate_point, grid, parse_axis
from negsolve.cli.main import cli
from negsolve.errors import InputError
from negsolve.io import load_game
from negsolve.model import Parameter, Player, StrategicGame, payoff_table
from negsolve.solvers import solve_table

NAMES = ("a", "b", "c")




@st.composite
def parametric_games(draw):  # type: ignore[no-untyped-def]
    size = draw(st.sampled_from([2, 3]))
    k = draw(st.integers(1, 3))
    names = NAMES[:k]
    small = st.integers(-3, 3)
    cells = []
    for _ in range(size * size):
        cells.append(tuple(linear_payoff(draw(small), [draw(st.integers(-2, 2)) for _ in names], names)
                           for _ in range(2)))
    players = (Player("Row", tuple(f"r{i}" for i in range(size))), Player("Col", tuple(f"c{j}" for j in range(size))))
    params = tuple(Parameter(n, F(0)) for n in names)
    return StrategicGame("random", players, tuple(cells), params)


def numeric_status(game: StrategicGame, profile: tuple[int, ...], point: dict) -> tuple[bool, bool, bool]:
    """(equilibrium, strict, some tie) by direct comparison of payoffs at the point."""
    table = payoff_table(game, point)
    here = table.at(profile)
    eq, strict, tie = True, True, False
    for i in range(2):
        for t in range(table.shape[i]):
            if t == profile[i]:
                continue
            alt = table.at(profile[:i] + (t,) + profile[i + 1:])[i]
            if alt > here[i]:
                eq = strict = False
            elif alt == here[i]:
                strict = False
                tie = True
    return eq, strict, tie


def region_holds(report, point: dict) -> bool:  # type: ignore[no-untyped-def]
    import sympy

    for c in report.region.conditions:
        value = c.expr.subs({sympy.Symbol(k, real=True): sympy.Rational(v.numerator, v.denominator)
                             for k, v in point.items()})
        if (value <= 0) if c.strict else (value < 0):
            return False
    return report.region.feasible


def boundary_points(game: StrategicGame, profile: tuple[int, ...], rng: random.Random) -> list[dict]:
    """Points on a deviation boundary of `profile`, and just either side of it."""
    base = stability(game, profile, {n.name: F(0) for n in game.parameters})
    points = []
    for d in base.deviations:
        lin = d.keeps.linear
        if lin is None or not lin.coeffs:
            continue
        var, coeff = lin.coeffs[0]
        point = {p.name: F(rng.randint(-4, 4), rng.randint(1, 3)) for p in game.parameters}
        rest = sum((a * point[v] for v, a in lin.coeffs if v != var), lin.const)
        point[var] = -rest / coeff  # exactly on the boundary
        points.append(point)
        points.append({**point, var: point[var] + F(1, 997)})
        points.append({**point, var: point[var] - F(1, 997)})
    return points


@settings(max_examples=examples(20), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parametric_games(), st.integers(0, 10**6))
def test_conditions_hold_exactly_when_the_outcome_is_an_equilibrium(game, seed) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    size = game.shape[0]
    profile = (rng.randrange(size), rng.randrange(size))
    points = [{p.name: F(rng.randint(-6, 6), rng.randint(1, 4)) for p in game.parameters} for _ in range(3)]
    points += boundary_points(game, profile, rng)
    for point in points:
        report = stability(game, profile, point)
        eq, strict, tie = numeric_status(game, profile, point)
        assert report.equilibrium_now == eq
        assert report.strict_now == strict
        assert bool(report.ties_now) == tie  # a tie on the boundary is reported, not hidden
        assert region_holds(report, point) == eq      # the simplified region says the same
        # and the full solver agrees at that point
        pure = {tuple(s.index(F(1)) for s in e.profile)
                for e in solve_table(payoff_table(game, point)).equilibria if e.pure}
        assert (profile in pure) == eq


def test_freeze_for_freeze_in_plain_words() -> None:
    game = load_game("freeze-for-freeze")
    report = stability(game, parse_outcome(game, "Suspend exercises,Freeze tests"))
    words = {(game.players[d.player].name, d.keeps.words(), d.status) for d in report.deviations}
    assert words == {("United States", "c - r <= 2", "holds"), ("North Korea", "s >= 2", "fails")}
    assert [c.words() for c in report.strict_region.conditions] == ["c - r < 2", "s > 2"]
    on_boundary = stability(game, parse_outcome(game, "Suspend exercises,Freeze tests"), {"s": F(2)})
    assert on_boundary.equilibrium_now and not on_boundary.strict_now
    assert [game.players[d.player].name for d in on_boundary.ties_now] == ["North Korea"]


def test_two_by_two_mixed_closed_form() -> None:
    game = load_game("freeze-for-freeze")
    mixed = stability(game, (0, 0), {"s": F(3)}).mixed
    assert str(mixed.row_mix) == "(s - 2)/(s + 1)"
    assert mixed.at_values == (F(1, 4), F(1, 4))


def test_outcome_names_suggest_the_nearest() -> None:
    game = load_game("freeze-for-freeze")
    with pytest.raises(InputError) as info:
        parse_outcome(game, "Suspend exercise,Freeze test")
    hints = [p.hint for p in info.value.problems]
    assert hints == ["did you mean 'Suspend exercises'?", "did you mean 'Freeze tests'?"]
    with pytest.raises(InputError) as info:
        parse_outcome(game, "Suspend exercises")
    assert "names 1 strategies; this game has 2 players" in info.value.problems[0].message


def test_concessions_freeze_for_freeze() -> None:
    report = concessions(load_game("freeze-for-freeze"))
    assert report.status_quo == (0, 0)
    first = report.outcomes[1]
    assert first.profile == (1, 1) and first.comparison == "Pareto improvement" and not first.self_enforcing
    assert [(t.player, t.gain) for t in first.temptations] == [(1, F(1))]
    assert [(s.payer, s.receiver, s.amount) for s in first.side_payments] == [(0, 1, F(1))]
    changes = {c.parameter: (c.target, c.included) for c in first.parameter_changes}
    assert changes["s"] == (F(2), True)
    assert changes["c"] == (None, False)  # no value of c alone can stop the North testing


@settings(max_examples=examples(20), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parametric_games())
def test_every_stabilising_fix_really_stabilises(game) -> None:  # type: ignore[no-untyped-def]
    report = concessions(game)
    table = payoff_table(game)
    pure = {tuple(s.index(F(1)) for s in e.profile) for e in solve_table(table).equilibria if e.pure}
    for row in report.outcomes:
        assert row.self_enforcing == (row.profile in pure)
        for pay in row.side_payments:
            # the transfer, paid only when the outcome is played, removes every incentive to deviate
            cells = list(table.payoffs)
            k = table.index(row.profile)
            cell = list(cells[k])
            cell[pay.receiver] += pay.amount
            cell[pay.payer] -= pay.amount
            cells[k] = tuple(cell)
            changed = type(table)(table.shape, tuple(cells))
            assert row.profile in {tuple(s.index(F(1)) for s in e.profile)
                                   for e in solve_table(changed).equilibria if e.pure}
        for change in row.parameter_changes:
            if change.target is not None and change.included:
                point = dict(report.values)
                point[change.parameter] = change.target
                assert stability(game, row.profile, point).equilibrium_now


def test_repeated_prisoners_dilemma() -> None:
    game = load_game("prisoners-dilemma")
    report = repeated(game, (0, 0))
    # textbook T=5, R=3, P=1, S=0: grim needs (T-R)/(T-P) = 1/2; tit-for-tat max(2/3, 1/2)
    assert report.delta_star == F(1, 2)
    assert report.tit_for_tat is not None and max(t.value for t in report.tit_for_tat) == F(2, 3)
    assert {p.punishment.pure for p in report.players} == {(1, 1)}


def test_repeated_threshold_is_a_function_of_the_parameters() -> None:
    game = load_game("freeze-for-freeze")
    report = repeated(game, parse_outcome(game, "Suspend exercises,Freeze tests"), rounds=3)
    north = report.players[1]
    assert str(north.pieces[0].delta) == "(s - 2)/(s - 3)"
    assert north.nash_delta == F(1, 2)
    assert report.finite is not None and report.finite.unique_stage_equilibrium
    for s in (F(0), F(1, 2), F(3, 2)):
        # check the threshold against the definition: value of keeping vs deviating once then punishment
        r = repeated(game, (1, 1), {"s": s})
        delta = r.players[1].nash_delta
        table = payoff_table(game, {"s": s})
        c, d, e = table.at((1, 1))[1], table.at((1, 0))[1], table.at((0, 0))[1]
        for eps, ok in ((F(1, 1000), True), (F(-1, 1000), False)):
            dd = delta + eps
            assert (c / (1 - dd) >= d + dd * e / (1 - dd)) == ok


def test_sweep_axis_parsing_and_points() -> None:
    game = load_game("freeze-for-freeze")
    axis = parse_axis("s=0:4:5", game)
    assert axis.values == (0, 1, 2, 3, 4)
    assert parse_axis("s=1,5/2", game).values == (1, F(5, 2))
    points = grid([axis, parse_axis("c=1:2:2", game)])
    assert len(points) == 10
    at_three = evaluate_point(game, (("s", F(3)),))
    assert at_three.pure == ((0, 0), (1, 1)) and at_three.mixed == 1
    at_two = evaluate_point(game, (("s", F(2)),))
    assert at_two.degenerate


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("s=4:0:3", "STOP is below START: the range is empty", id="empty-range"),
        pytest.param("s=0:1", "give START:STOP:COUNT", id="malformed"),
        pytest.param("s=0:1:0", "COUNT must be at least 1", id="zero-count"),
        pytest.param("x=0:1:3", "'x' is not a parameter of this game", id="unknown-parameter"),
        pytest.param("s", "expected NAME=START:STOP:COUNT", id="no-equals"),
    ],
)
def test_sweep_bad_input(text: str, message: str) -> None:
    result = CliRunner().invoke(cli, ["sweep", "freeze-for-freeze", "--param", text])
    assert result.exit_code == 2
    assert message in result.stderr


def test_cli_json_conditions_parse_back_with_sympy() -> None:
    import sympy

    out = CliRunner().invoke(cli, ["stability", "freeze-for-freeze", "--outcome", "Suspend exercises,Freeze tests",
                                   "--format", "json"])
    data = json.loads(out.stdout)
    assert data["equilibrium_now"] is False
    for item in data["nash"]["conditions"]:
        relation = sympy.parse_expr(item["condition"])  # our own output, in a test
        assert relation.free_symbols <= {sympy.Symbol("s"), sympy.Symbol("c"), sympy.Symbol("r")}
    assert data["each_parameter_alone"]["s"] == "s >= 2"


def test_cli_analyses_on_every_bundled_strategic_game() -> None:
    from negsolve.io.registry import bundled_names

    runner = CliRunner()
    for name in bundled_names():
        game = load_game(name)
        if hasattr(game, "nodes") or hasattr(game, "prior"):  # trees and games with types: own tests
            continue
        first = ",".join(p.strategies[0] for p in game.players)
        for args in (["stability", name, "--outcome", first], ["concessions", name],
                     ["repeated", name, "--outcome", first, "--rounds", "3"]):
            result = runner.invoke(cli, args)
            assert result.exit_code == 0, (args, result.stderr)


def test_cli_analyses_on_talks_about_talks() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["stability", "talks-about-talks", "--outcome", "Unconditional talks", "--plan",
                                 "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["subgame_perfect_now"] is True
    # the plan waits after a refused pledge: a best reply iff mu(serious) = p >= 2(2 - c)/5 = 2/5
    assert data["each_parameter_alone"]["p"] == "2/5 <= p <= 1"
    low = json.loads(runner.invoke(cli, ["stability", "talks-about-talks", "--outcome", "Unconditional talks",
                                         "--plan", "--set", "p=1/5", "--format", "json"]).stdout)
    assert low["subgame_perfect_now"] is False
    conc = runner.invoke(cli, ["concessions", "talks-about-talks", "--format", "json"])
    assert conc.exit_code == 0, conc.stderr
    data = json.loads(conc.stdout)
    assert data["status_quo"]["play"].startswith("Unconditional talks")  # trees: plays, not reduced-form profiles
    assert data["status_quo"]["payoffs"] == {"United States": "-1/2", "North Korea": "1"}
    from negsolve.solvers.backward import solve_tree
    from negsolve.solvers.tree_strategic import reduced_profile_of_plan, symbolic_reduced_form

    tree = load_game("talks-about-talks")
    form = symbolic_reduced_form(tree)
    profile = reduced_profile_of_plan(tree, form, solve_tree(tree).equilibria[0].plan)
    first = ",".join(p.strategies[k] for p, k in zip(form.game.players, profile, strict=False))
    rep = runner.invoke(cli, ["repeated", "talks-about-talks", "--outcome", first, "--format", "json"])
    assert rep.exit_code == 0, rep.stderr


def test_plot_needs_matplotlib_or_writes_a_png(tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "regions.png"
    result = CliRunner().invoke(cli, ["sweep", "freeze-for-freeze", "--param", "s=0:4:5", "--plot", str(target)])
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        assert result.exit_code == 2
        assert "--plot needs matplotlib (hint: pip install 'negsolve[plot]')" in result.stderr
    else:
        assert result.exit_code == 0
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_json_merged_one_parameter_condition_is_the_interval() -> None:
    import sympy

    # alliance-assurance: Seoul is indifferent when 4p = (e + 1)p + e(1 - p), so Washington reassures with
    # p = e/3, a proper mixture iff 0 < e < 3; the two conditions on e are merged into one set
    out = CliRunner().invoke(cli, ["stability", "alliance-assurance", "--outcome", "Reassure,Align",
                                   "--format", "json"])
    mixed = json.loads(out.stdout)["mixed_2x2"]
    assert mixed["row_first_strategy_probability"] == "e/3"
    [valid] = mixed["valid_when"]
    assert valid["words"] == "0 < e < 3"
    relation = sympy.parse_expr(valid["condition"])  # our own output, in a test
    e = sympy.Symbol("e")
    assert [bool(relation.subs(e, v)) for v in (-1, 0, sympy.Rational(1, 2), 2, 3, 4)] == [
        False, False, True, True, False, False]


def test_outcome_hints_follow_the_similarity_cutoff() -> None:
    # difflib's ratio is 2M/T (M matched characters, T both lengths): 'Suspend' against 'Suspend exercises' is
    # 14/24 and 'Freez' against 'Freeze tests' 10/17, both above parse_outcome's 0.4 (and under difflib's
    # default 0.6), so each gets its suggestion; 'Susp' (8/21 < 0.4) is too far: the strategies are listed
    game = load_game("freeze-for-freeze")
    with pytest.raises(InputError) as info:
        parse_outcome(game, "Suspend,Freez")
    assert [p.hint for p in info.value.problems] == ["did you mean 'Suspend exercises'?",
                                                     "did you mean 'Freeze tests'?"]
    with pytest.raises(InputError) as info:
        parse_outcome(game, "Susp,Freeze tests", option="--from")
    assert [(p.message, p.hint) for p in info.value.problems] == [
        ("--from: 'Susp' is not a strategy of United States", "strategies: Hold exercises, Suspend exercises")]


def test_an_outcome_with_a_strategy_left_over_is_refused() -> None:
    # every player's strategy is matched from the left, but text remains: three names for two players
    game = load_game("freeze-for-freeze")
    text = "Suspend exercises,Freeze tests,Freeze tests"
    with pytest.raises(InputError) as info:
        parse_outcome(game, text)
    assert [p.message for p in info.value.problems] == [
        f"--outcome {text!r} names 3 strategies; this game has 2 players (United States, North Korea): "
        "give one strategy each, separated by commas"]
    assert parse_outcome(game, " Suspend exercises , Freeze tests ") == (1, 1)


def test_outcome_names_match_without_regard_to_case() -> None:
    # no strategy name starts the text as typed, so the names are compared case-blind, one per player
    game = load_game("freeze-for-freeze")
    assert parse_outcome(game, "suspend EXERCISES,Freeze Tests") == (1, 1)
    assert parse_outcome(game, "hold exercises, keep testing") == (0, 0)


SWEEP_GAME = '''
[game]
title = "Two levers"
[parameters]
penalty = { value = 1, min = 0, max = 5 }
cost = { value = 2, min = 0 }
[[players]]
name = "Row"
strategies = ["Keep", "Break"]
[[players]]
name = "Col"
strategies = ["Keep", "Break"]
[payoffs]
"Keep" = [[3, 3], [0, "4 - penalty"]]
"Break" = [["4 - penalty", 0], ["1 - cost", "1 - cost"]]
'''


@pytest.mark.parametrize(("text", "message", "hint"), [
    pytest.param("penalt=0:1:3", "'penalt' is not a parameter of this game", "did you mean 'penalty'?",
                 id="near-miss"),
    pytest.param("x=0:1:3", "'x' is not a parameter of this game", "parameters: penalty, cost", id="unknown"),
    pytest.param("penalty=0:1:x", "COUNT must be a whole number such as 21",
                 "e.g. --param s=0:10:21 (21 values from 0 to 10)", id="bad-count"),
    # 0, 4, 8, 12: two values above the maximum 5
    pytest.param("penalty=0:12:4", "2 value(s) outside the domain of 'penalty' (0 <= penalty <= 5)",
                 "keep the range inside the domain declared in the game file", id="outside"),
])
def test_sweep_axis_refusals_in_full(text: str, message: str, hint: str) -> None:
    from negsolve.io import loads_game

    game = loads_game(SWEEP_GAME, "two.toml", "toml")
    with pytest.raises(InputError) as info:
        parse_axis(text, game)
    assert [(p.message, p.hint) for p in info.value.problems] == [(f"--param {text!r}: {message}", hint)]


def test_sweep_grid_checks_and_sizes() -> None:
    from negsolve.analysis.sweep import MAX_POINTS, Axis, check_grid
    from negsolve.io import loads_game

    game = loads_game(SWEEP_GAME, "two.toml", "toml")
    # START = STOP: COUNT copies of the one value (start + 0 * k / (count - 1)), not an empty range
    assert parse_axis("penalty=2:2:3", game).values == (2, 2, 2)
    three, four = Axis("penalty", (F(0), F(1), F(2))), Axis("cost", (F(0), F(1), F(2), F(3)))
    with pytest.raises(InputError) as info:
        check_grid([four, Axis("cost", (F(5),))])
    assert [(p.message, p.hint) for p in info.value.problems] == [("--param: the same parameter is given twice", None)]
    with pytest.raises(InputError) as info:
        check_grid([three, four], max_points=11)
    assert [(p.message, p.hint) for p in info.value.problems] == [
        ("--param: the grid has 12 points (3 x 4), more than the limit of 11",
         "use fewer values, or raise the limit with --max-points")]
    assert check_grid([three, four], max_points=12) == 12
    # grid() itself has no ceiling (the caller checks its own --max-points first): 1,001 x 101 > MAX_POINTS
    assert MAX_POINTS == 100_000
    wide = grid([Axis("penalty", tuple(F(k) for k in range(1001))), Axis("cost", tuple(F(k) for k in range(101)))])
    assert len(wide) == 101_101
    assert (wide[0], wide[101], wide[-1]) == ((("penalty", 0), ("cost", 0)), (("penalty", 1), ("cost", 0)),
                                              (("penalty", 1000), ("cost", 100)))
