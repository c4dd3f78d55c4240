"""Parameter domains (issue 8): min/max in files, --set, trees' chance probabilities, round trips."""

from __future__ import annotations

import json
from fractions import Fraction as F
from pathlib import Path

import pytest
from click.testing import CliRunner

from negsolve.cli.main import cli
from negsolve.errors import InputError
from negsolve.io import load_game
from negsolve.io.loader import loads_game
from negsolve.io.registry import bundled_names
from negsolve.io.toml_format import dumps_toml, loads_toml
from negsolve.io.tree_toml import dumps_tree_toml

GAME = """[game]
title = "Domains"

[parameters]
c = { value = 1, min = 0, about = "a cost" }
p = { value = "1/2", min = 0, max = 1 }
x = { value = -3, max = "-1/2" }
y = 2

[[players]]
name = "A"
strategies = ["X", "Y"]

[[players]]
name = "B"
strategies = ["L", "R"]

[payoffs]
X = [["c", "p"], ["x", "y"]]
Y = [[0, 0], [1, 1]]
"""

TREE = """[game]
title = "Coin"

[parameters]
q = { value = "1/3" }
w = { value = 2, min = 1 }

[[players]]
name = "A"

[[nodes]]
id = "c"
player = "chance"
moves = { "h" = "x", "t" = "y" }
probabilities = { "h" = "q", "t" = "1 - q" }

[[nodes]]
id = "x"
payoffs = ["w"]

[[nodes]]
id = "y"
payoffs = [0]
"""


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def test_bounds_are_read_and_optional() -> None:
    game = loads_toml(GAME)
    bounds = {p.name: (p.minimum, p.maximum) for p in game.parameters}
    assert bounds == {"c": (F(0), None), "p": (F(0), F(1)), "x": (None, F(-1, 2)), "y": (None, None)}


def test_the_toml_writer_round_trips_the_bounds() -> None:
    game = loads_toml(GAME)
    text = dumps_toml(game)
    assert 'p = { value = "1/2", min = 0, max = 1 }' in text
    assert loads_toml(text) == game


def test_a_chance_probability_parameter_lies_in_0_1() -> None:
    tree = loads_game(TREE, "t.toml", "toml")
    bounds = {p.name: (p.minimum, p.maximum) for p in tree.parameters}
    assert bounds == {"q": (F(0), F(1)), "w": (F(1), None)}
    assert loads_game(dumps_tree_toml(tree), "t.toml", "toml") == tree


def test_set_outside_the_domain_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "d.toml"
    path.write_text(GAME)
    result = run("solve", str(path), "--set", "c=-1")
    assert result.exit_code == 2
    assert "--set c=-1: outside the domain of 'c' (c >= 0)" in result.stderr
    assert run("solve", str(path), "--set", "c=0").exit_code == 0
    tree = tmp_path / "t.toml"
    tree.write_text(TREE)
    result = run("solve", str(tree), "--set", "q=3/2")
    assert result.exit_code == 2 and "outside the domain of 'q' (0 <= q <= 1)" in result.stderr


def test_bundled_costs_and_probabilities_have_domains() -> None:
    result = run("solve", "freeze-for-freeze", "--set", "c=-1")
    assert result.exit_code == 2 and "(c >= 0)" in result.stderr
    talks = load_game("talks-about-talks")
    p = next(x for x in talks.parameters if x.name == "p")
    assert (p.minimum, p.maximum) == (F(0), F(1))
    for name in bundled_names():
        for parameter in load_game(name).parameters:
            assert parameter.minimum is not None, f"{name}: {parameter.name} has no domain"


def test_sweep_values_outside_the_domain_are_refused() -> None:
    result = run("sweep", "freeze-for-freeze", "--param", "s=-1:4:6")
    assert result.exit_code == 2 and "outside the domain of 's' (s >= 0)" in result.stderr


def test_each_parameter_alone_stays_in_the_domain() -> None:
    # (Suspend exercises, Keep testing): lowering c to -1 would be needed, but c is a cost (c >= 0)
    data = json.loads(run("stability", "freeze-for-freeze", "--outcome", "Suspend exercises,Keep testing",
                          "--format", "json").stdout)
    assert data["each_parameter_alone"]["c"] == "never"
    assert data["each_parameter_alone"]["r"] == "r >= 4"


def test_a_nonlinear_condition_is_never_dropped_from_the_region(tmp_path: Path) -> None:
    path = tmp_path / "nl.toml"
    path.write_text(GAME.replace('X = [["c", "p"], ["x", "y"]]', 'X = [["1/y", "y + 1"], [0, 0]]')
                    .replace('Y = [[0, 0], [1, 1]]', 'Y = [[1, 0], [0, 0]]').replace("y = 2", 'y = "1/2"'))
    text = run("stability", str(path), "--outcome", "X,L").stdout
    assert "It is a Nash equilibrium iff y >= -1 and 0 < y <= 1." in text
    assert "Region: y >= -1" not in text


def test_no_condition_is_printed_twice() -> None:
    text = run("stability", "alliance-assurance", "--outcome", "Reassure,Align").stdout
    assert "It is a Nash equilibrium iff e <= 3." in text
    assert "Region: e <= 3" not in text


def test_no_impossible_mixture_in_words_on_the_prisoners_dilemma() -> None:
    text = run("stability", "prisoners-dilemma", "--outcome", "Cooperate,Cooperate").stdout
    assert "never and never" not in text and "plays 'Cooperate' with probability -1" not in text
    assert "no equilibrium has both players mixing" in text


@pytest.mark.parametrize("name", ["mixed strategies", "Nash equilibria", "best responses", "Mixed Strategy"])
def test_concepts_accept_plurals(name: str) -> None:
    result = run("concepts", name)
    assert result.exit_code == 0, result.stderr


def test_value_outside_its_own_domain_names_file_line_and_key() -> None:
    with pytest.raises(InputError) as info:
        loads_toml(GAME.replace('c = { value = 1, min = 0', 'c = { value = -1, min = 0'), "g.toml")
    problem = info.value.problems[0]
    assert (problem.file, problem.line, problem.key) == ("g.toml", 5, "parameters.c.value")
