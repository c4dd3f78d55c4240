"""Game trees through the command line and the TOML tree format."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from negsolve.cli.main import cli
from negsolve.io import load_game, loads_game
from negsolve.io.tree_toml import dumps_tree_toml

VALID = Path(__file__).parent / "data" / "valid"
ENTRY = str(VALID / "entry.toml")


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def test_show_draws_the_tree_with_the_equilibrium_marked() -> None:
    out = run("show", ENTRY).stdout
    assert out.splitlines()[3:9] == [
        "Payoffs in order: Entrant, Incumbent; * marks the equilibrium's moves",
        "Entrant [start]",
        "├─ Stay out → (0, 2)",
        "└─ Enter * → Incumbent [respond]",
        "   ├─ Fight → (-1, -1)",
        "   └─ Accommodate * → (1, 1)",
    ]


def test_solve_json_contract_for_trees() -> None:
    data = json.loads(run("solve", ENTRY, "--format", "json", "--nash").stdout)
    assert data["schema"] == "negsolve.tree/1"
    assert data["subgame_perfect"] == [
        {"path": ["Enter", "Accommodate"], "plan": {"start": "Enter", "respond": "Accommodate"},
         "payoffs": {"Entrant": "1", "Incumbent": "1"},
         "sequentially_rational": True, "not_sequentially_rational_at": []}
    ]
    assert data["subgame_perfect_count"] == 1
    by_status = {(tuple(k for k, v in e["profile"]["Entrant"].items() if v == "1"),
                  tuple(sorted(e["profile"]["Incumbent"].items()))): e["subgame_perfect"] for e in data["equilibria"]}
    assert by_status == {
        (("Stay out",), (("Accommodate", "0"), ("Fight", "1"))): False,
        (("Enter",), (("Accommodate", "1"), ("Fight", "0"))): True,
        (("Stay out",), (("Accommodate", "1/2"), ("Fight", "1/2"))): False,
    }
    threats = [e["non_credible"] for e in data["equilibria"] if not e["subgame_perfect"]]
    assert threats[0] == [{"node": "respond", "player": "Incumbent", "move": "Fight", "better": "Accommodate",
                           "move_payoff": "-1", "better_payoff": "1"}]


def test_solve_text_names_the_non_credible_threat() -> None:
    out = run("solve", ENTRY, "--nash").stdout
    assert ("non-credible: at respond, Incumbent's 'Fight' — once there, "
            "'Accommodate' pays Incumbent 1 instead of -1") in out


def test_export_dot_highlights_the_equilibrium() -> None:
    out = run("export", ENTRY, "--to", "dot").stdout
    assert out.startswith('digraph "Entry deterrence" {')
    assert '"respond" -> "peace" [label="Accommodate", color=red, penwidth=2.5, fontcolor=red];' in out
    assert '"respond" -> "war" [label="Fight"];' in out


def test_export_refuses_a_strategic_game() -> None:
    result = run("export", str(VALID / "tiny.toml"))
    assert result.exit_code == 2
    assert "DOT export draws game trees" in result.stderr


def test_tree_toml_round_trip() -> None:
    tree = load_game(ENTRY)
    assert loads_game(dumps_tree_toml(tree), "again.toml") == tree


def test_reduced_strategic_form_as_nfg() -> None:
    out = run("convert", ENTRY, "--to", "nfg").stdout
    assert out.splitlines()[0] == 'NFG 1 R "Entry deterrence (reduced strategic form)" { "Entrant" "Incumbent" }'
    assert '{ "Stay out" "Enter" }' in out and '{ "Fight" "Accommodate" }' in out


def test_invalid_probability_after_set(tmp_path: Path) -> None:
    text = (
        '[game]\ntitle = "Coin"\n[parameters]\np = { value = "1/2" }\n[[players]]\nname = "A"\n'
        '[[nodes]]\nid = "c"\nplayer = "chance"\nmoves = { "h" = "x", "t" = "y" }\n'
        'probabilities = { "h" = "p / 2", "t" = "1 - p / 2" }\n[[nodes]]\nid = "x"\npayoffs = [1]\n'
        '[[nodes]]\nid = "y"\npayoffs = [0]\n'
    )
    path = tmp_path / "coin.toml"
    path.write_text(text)
    assert run("solve", str(path)).exit_code == 0
    result = run("solve", str(path), "--set", "p=4")
    assert result.exit_code == 2
    assert "node 'c': the probability of 't' is negative (-1), at the chosen parameter values" in result.stderr
