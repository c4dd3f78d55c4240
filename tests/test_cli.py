"""The command line, through Click's CliRunner (and a few real subprocesses for start-up facts)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from negsolve.cli.main import cli
from negsolve.io.registry import bundled_names

VALID = Path(__file__).parent / "data" / "valid"
TINY = str(VALID / "tiny.toml")


def run(*args: str) -> CliRunner.invoke:  # type: ignore[valid-type]
    result = CliRunner().invoke(cli, list(args))
    return result


def test_list_shows_every_bundled_game() -> None:
    result = run("list")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines()]
    assert listed == bundled_names()
    assert len(listed) >= 10


def test_show_marks_best_responses() -> None:
    result = run("show", TINY)
    assert result.exit_code == 0, result.stderr
    table = result.stdout.split("* marks a best response")[1]
    assert table.strip().splitlines() == [
        "US \\ NK | Test   | Freeze",
        "--------+--------+-------",
        "Hold    | 0*, 0* | 3*, -2",
        "Suspend | -2, 1  | 2, 2*",
    ]
    assert "s = 2  (penalty for testing during a suspension)" in result.stdout


def test_show_with_set_changes_the_table() -> None:
    result = run("show", TINY, "--set", "s=-1/2")
    assert "Suspend | -2, 7/2* | 2, 2" in result.stdout


def test_solve_text() -> None:
    result = run("solve", TINY)
    assert result.exit_code == 0
    assert "1 Nash equilibrium" in result.stdout
    assert "US: Hold" in result.stdout and "NK: Test" in result.stdout
    assert "[Pareto-dominated]" in result.stdout


def test_solve_json_contract() -> None:
    result = run("solve", TINY, "--set", "s=4", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema"] == "negsolve.solve/1"
    assert data["players"] == ["US", "NK"]
    assert data["strategies"] == {"US": ["Hold", "Suspend"], "NK": ["Test", "Freeze"]}
    assert data["parameters"] == {"s": "4"}
    assert data["degenerate"] is False
    assert data["scope"] == "all"
    # with s = 4 the North prefers to freeze when the US suspends: Hold/Test stays the only equilibrium,
    # because the US still gains by holding.
    assert data["equilibria"] == [
        {
            "profile": {"US": {"Hold": "1", "Suspend": "0"}, "NK": {"Test": "1", "Freeze": "0"}},
            "payoffs": {"US": "0", "NK": "0"},
            "pure": True,
            "pareto_efficient": False,
        }
    ]
    assert data["security"]["US"]["pure"] == "0"


def test_solve_json_mixed_probabilities_are_exact_strings(tmp_path: Path) -> None:
    game = tmp_path / "bos.toml"
    game.write_text(
        '[game]\ntitle = "BoS"\n[[players]]\nname = "A"\nstrategies = ["X", "Y"]\n'
        '[[players]]\nname = "B"\nstrategies = ["X", "Y"]\n[payoffs]\nX = [[2, 1], [0, 0]]\nY = [[0, 0], [1, 2]]\n'
    )
    data = json.loads(run("solve", str(game), "--format", "json").stdout)
    mixed = [e for e in data["equilibria"] if not e["pure"]]
    assert mixed == [{
        "profile": {"A": {"X": "2/3", "Y": "1/3"}, "B": {"X": "1/3", "Y": "2/3"}},
        "payoffs": {"A": "2/3", "B": "2/3"},
        "pure": False,
        "pareto_efficient": False,
    }]


def test_three_players_all_equilibria() -> None:
    data = json.loads(run("solve", str(VALID / "three.toml"), "--format", "json").stdout)
    assert data["scope"] == "all" and data["complete"] is True
    pure = [e for e in data["equilibria"] if e["pure"]]
    profiles = [{p: [s for s, v in d.items() if v == "1"][0] for p, d in e["profile"].items()} for e in pure]
    assert profiles == [{"A": "a1", "B": "b1", "C": "c1"}, {"A": "a2", "B": "b2", "C": "c2"}]
    assert [e["pareto_efficient"] for e in pure] == [False, True]
    # by hand: a symmetric mix p of the first strategies needs p^2 = 2(1 - p)^2, so p = 2 - sqrt 2,
    # the root of x^2 - 4x + 2 near 0.586
    mixed = [e for e in data["equilibria"] if not e["pure"]]
    assert [m["profile"]["A"]["a1"]["root_of"] for m in mixed] == ["x**2 - 4*x + 2"]
    assert mixed[0]["profile"]["C"]["c1"]["decimal"] == "0.585786" and mixed[0]["irrational"]


def test_show_three_players_has_one_table_per_strategy_of_the_third() -> None:
    out = run("show", str(VALID / "three.toml")).stdout
    assert "When C plays 'c1':" in out and "When C plays 'c2':" in out


def test_validate_ok() -> None:
    result = run("validate", TINY)
    assert result.exit_code == 0
    assert result.stdout.endswith("OK: 'Tiny freeze' (2 players, 2x2, parameters: s)\n")


def test_convert_round_trip(tmp_path: Path) -> None:
    nfg = tmp_path / "tiny.nfg"
    result = run("convert", TINY, "--to", "nfg", "-o", str(nfg), "--set", "s=5")
    assert result.exit_code == 0
    assert "payoffs are written at s = 5" in result.stderr
    back = run("convert", str(nfg), "--to", "toml")
    assert back.exit_code == 0
    assert 'Suspend = [[-2, -2], [2, 2]]' in back.stdout
    toml_path = tmp_path / "back.toml"
    toml_path.write_text(back.stdout)
    original = json.loads(run("solve", TINY, "--set", "s=5", "--format", "json").stdout)
    again = json.loads(run("solve", str(toml_path), "--format", "json").stdout)
    assert again["equilibria"] == original["equilibria"]


@pytest.mark.parametrize("command", ["list", "show", "solve", "validate", "convert"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_engines_agree_on_a_small_game() -> None:
    exact = json.loads(run("solve", TINY, "--format", "json").stdout)["equilibria"]
    for engine in ("nashpy-vertex", "nashpy-support"):
        other = json.loads(run("solve", TINY, "--format", "json", "--engine", engine).stdout)["equilibria"]
        assert other == exact


def test_python_dash_m() -> None:
    out = subprocess.run([sys.executable, "-m", "negsolve", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("negsolve, version")


HEAVY = ("numpy", "scipy", "sympy", "nashpy")


@pytest.mark.parametrize(
    "args",
    [["--help"], ["list"], ["show", TINY], ["validate", TINY], ["solve", TINY]],
    ids=["help", "list", "show", "validate", "solve"],
)
def test_commands_do_not_import_heavy_libraries(args: list[str]) -> None:
    code = (
        "import sys\nfrom negsolve.cli.main import cli\n"
        "try:\n    cli(args=sys.argv[1:], prog_name='negsolve')\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    assert out.stderr.strip().splitlines()[-1] == "[]"


def test_shell_completion_offers_bundled_names() -> None:
    import os

    env = dict(os.environ, _NEGSOLVE_COMPLETE="bash_complete", COMP_WORDS="negsolve solve free", COMP_CWORD="2")
    code = "from negsolve.cli import main; main()"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert "plain,freeze-for-freeze" in out.stdout


def test_stability_says_never_and_always_plainly() -> None:
    # the prisoners' dilemma has no parameters: defecting pays each prisoner more whatever the other
    # does, so keeping to Cooperate never holds and keeping to Defect always does (issue 8, item 14)
    runner = CliRunner()
    cooperate = runner.invoke(cli, ["stability", "prisoners-dilemma", "--outcome", "Cooperate,Cooperate"]).output
    assert "Prisoner 1 never keeps to 'Cooperate' rather than 'Defect', whatever the parameters" in cooperate
    defect = runner.invoke(cli, ["stability", "prisoners-dilemma", "--outcome", "Defect,Defect"]).output
    assert "Prisoner 2 always keeps to 'Defect' rather than 'Cooperate', whatever the parameters" in defect
    assert "iff never" not in cooperate and "iff always" not in defect
