"""The deals, correlated and bargain commands: JSON contracts, exact values, errors, start-up cost."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from negsolve.cli.main import cli


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def test_deals_json_contract_on_battle_of_the_sexes() -> None:
    result = run("deals", "battle-of-the-sexes", "--format", "json", "--disagreement", "values 0,0")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema"] == "negsolve.deals/1"
    assert data["minmax"] == {"Ann": {"pure": "1", "mixed": "2/3", "mixed_correlated": False},
                              "Ben": {"pure": "1", "mixed": "2/3", "mixed_correlated": False}}
    assert sorted(map(tuple, data["hull"])) == [("0", "0"), ("1", "2"), ("2", "1")]
    assert sorted(map(tuple, data["pareto"])) == [("1", "2"), ("2", "1")]
    nash = data["bargaining"]["nash"]
    assert nash["payoffs"] == {"Ann": "3/2", "Ben": "3/2"}
    assert sorted((d["outcome"]["Ann"], d["outcome"]["Ben"], d["probability"]) for d in nash["lottery"]) == [
        ("Concert", "Concert", "1/2"), ("Football", "Football", "1/2")]
    assert set(data["bargaining"]) == {"nash", "kalai_smorodinsky", "egalitarian", "utilitarian"}
    assert data["disagreement"]["payoffs"] == {"Ann": "0", "Ben": "0"}


def test_deals_default_disagreement_is_the_least_favourable_equilibrium() -> None:
    data = json.loads(run("deals", "head-on-collision", "--format", "json").output)
    # equilibria (2,-1), (-1,2) and the mixed one (-1/5,-1/5): the last has the smallest total
    assert data["disagreement"]["payoffs"] == {"United States": "-1/5", "North Korea": "-1/5"}
    assert data["bargaining"]["nash"]["payoffs"] == {"United States": "1/2", "North Korea": "1/2"}


def test_deals_text_names_frontier_outcomes_and_dominated_ones() -> None:
    result = run("deals", "prisoners-dilemma")
    assert result.exit_code == 0
    assert "Pareto frontier" in result.output and "Minmax values" in result.output
    assert "Pareto-dominated outcomes:" in result.output


def test_deals_on_a_tree_and_a_three_player_game() -> None:
    tree = run("deals", "entry-deterrence", "--format", "json")
    assert tree.exit_code == 0
    assert json.loads(tree.stdout)["disagreement"]["kind"] == "subgame-perfect"
    three = json.loads(run("deals", "six-party", "--format", "json").output)
    assert "bargaining" not in three and three["minmax"]["China"]["mixed_correlated"] is True


def test_bad_disagreement_is_an_input_error() -> None:
    result = run("deals", "stag-hunt", "--disagreement", "values 1")
    assert result.exit_code == 2
    assert "expected 2 numbers" in result.stderr
    other = run("deals", "stag-hunt", "--disagreement", "middle")
    assert other.exit_code == 2 and "expected 'minmax'" in other.stderr


def test_correlated_json_contract_and_mediator_words() -> None:
    data = json.loads(run("correlated", "brokered-collision", "--format", "json").output)
    assert data["schema"] == "negsolve.correlated/1"
    assert data["max_welfare"]["payoffs"] == {"United States": "11/4", "North Korea": "11/4"}
    assert {d["probability"] for d in data["max_welfare"]["distribution"]} == {"1/4", "1/2"}
    assert set(data["best_for"]) == {"United States", "North Korea"} and "vertices" in data
    text = run("correlated", "brokered-collision", "--mediator", "Beijing").output
    assert "Beijing draws one outcome" in text and "nobody gains by disobeying" in text


def test_bargain_closed_form_and_finite_horizon() -> None:
    data = json.loads(run("bargain", "--delta1", "9/10", "--delta2", "4/5", "--rounds", "3", "--format", "json").output)
    assert data["infinite_horizon"]["shares"] == {"Player 1": "5/7", "Player 2": "2/7"}
    # round 3: 1 keeps all; round 2: 2 offers 9/10, keeps 1/10; round 1: 1 offers 4/5 * 1/10 = 2/25
    assert data["finite_horizon"]["shares"] == {"Player 1": "23/25", "Player 2": "2/25"}
    bad = run("bargain", "--delta1", "1", "--delta2", "1/2")
    assert bad.exit_code == 2 and "discount factor" in bad.stderr


def test_deals_command_imports_no_heavy_library() -> None:
    code = ("import sys; from click.testing import CliRunner; from negsolve.cli.main import cli; "
            "r = CliRunner().invoke(cli, ['deals', 'head-on-collision']); assert r.exit_code == 0, r.output; "
            "print(sorted(m for m in ('numpy', 'scipy', 'sympy', 'nashpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_correlated_command_needs_no_float_lp() -> None:
    code = ("import sys; from click.testing import CliRunner; from negsolve.cli.main import cli; "
            "r = CliRunner().invoke(cli, ['correlated', 'brokered-collision', '--no-vertices']); "
            "assert r.exit_code == 0, r.output; "
            "print(sorted(m for m in ('numpy', 'scipy', 'sympy', 'nashpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
