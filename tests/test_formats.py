"""TOML and Gambit .nfg: reading, writing, round trips, and the Gambit corpus."""

from __future__ import annotations

import itertools
from fractions import Fraction as F
from pathlib import Path

import pytest
from conftest import SOURCES, corpus_key, corpus_params, examples, oracle_answer
from hypothesis import given, settings
from hypothesis import strategies as st
from oracle import frozen, gambit
from oracle.corpus import content_hash
from oracle.views import cell_digests

from negsolve.io import load_game, loads_game
from negsolve.io.nfg import dumps_nfg, loads_nfg
from negsolve.io.registry import bundled_names
from negsolve.io.toml_format import dumps_toml
from negsolve.model import Number, Player, StrategicGame, payoff_table

SELTEN_PAYOFF = ('NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"\n{ "Player 1" "Player 2" } { 3 2 }\n\n'
                 '1 1 0 2 0 2 1 1 0 3 2 0\n')
SELTEN_OUTCOME = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form" { "Player 1" "Player 2" }

{
{ "1" "2" "3" }
{ "1" "2" }
}
""

{
{ "" 1, 1 }
{ "" 0, 2 }
{ "" 0, 2 }
{ "" 1, 1 }
{ "" 0, 3 }
{ "" 2, 0 }
}
1 2 3 4 5 6
"""


def test_payoff_and_outcome_versions_give_the_same_game() -> None:
    # Gambit's documentation says these two files define the same game.
    a = payoff_table(loads_nfg(SELTEN_PAYOFF))
    b = payoff_table(loads_nfg(SELTEN_OUTCOME))
    assert a == b
    # first player's strategy changes fastest in .nfg: profile (row 2, column 1) is the 2nd entry "0 2"
    assert a.shape == (3, 2)
    assert a.at((1, 0)) == (0, 2)
    assert a.at((0, 1)) == (1, 1)
    assert a.at((2, 1)) == (2, 0)


def test_null_outcome_pays_zero_and_rationals_are_exact() -> None:
    text = 'NFG 1 R "t" { "A" "B" }\n{ { "x" "y" } { "z" } }\n{ { "o" 5/2, -0.125 } }\n0 1\n'
    table = payoff_table(loads_nfg(text))
    assert table.at((0, 0)) == (0, 0)
    assert table.at((1, 0)) == (F(5, 2), F(-1, 8))


def test_duplicate_and_empty_names_are_made_unique() -> None:
    text = 'NFG 1 R "" { "" "" }\n{ { "a" "a" } { "" "" } }\n""\n1 1 2 2 3 3 4 4\n'
    game = loads_nfg(text, "dup.nfg")
    assert [p.name for p in game.players] == ["Player 1", "Player 2"]
    assert game.players[0].strategies == ("a", "a (2)")
    assert game.players[1].strategies == ("1", "2")


def _example_game() -> StrategicGame:
    return loads_game(
        """
[game]
title = "Freeze \\"for\\" freeze"
summary = "Line one.\\nLine two."

[parameters]
s = { value = "5/2", about = "sanctions" }
c = { value = -1 }

[[players]]
name = "United States"
strategies = ["Hold exercises", "Suspend exercises"]

[[players]]
name = "North Korea"
strategies = ["Keep testing", "Freeze tests"]

[payoffs]
"Hold exercises"    = [[0, 0.5], [3, -2]]
"Suspend exercises" = [["-2 + c", "3 - s"], ["2/3", "s * (1 - c) / 2"]]
""",
        "example.toml",
    )


def test_toml_round_trip_keeps_expressions() -> None:
    game = _example_game()
    again = loads_game(dumps_toml(game), "again.toml")
    assert again == game
    assert payoff_table(again) == payoff_table(game)


def test_toml_values() -> None:
    table = payoff_table(_example_game())
    assert table.at((0, 0)) == (0, F(1, 2))
    assert table.at((1, 0)) == (-3, F(1, 2))
    assert table.at((1, 1)) == (F(2, 3), F(5, 2))
    assert payoff_table(_example_game(), {"s": F(4)}).at((1, 0)) == (-3, -1)


def test_nfg_round_trip_fixes_parameters() -> None:
    game = _example_game()
    back = loads_nfg(dumps_nfg(game), "x.nfg")
    assert payoff_table(back) == payoff_table(game)
    assert back.parameters == ()
    assert [p.strategies for p in back.players] == [p.strategies for p in game.players]


def test_three_player_toml_round_trip() -> None:
    players = (Player("A", ("a1", "a2")), Player("B", ("b1", "b2", "b3")), Player("C", ("c 1", "c.2")))
    payoffs = tuple((Number(F(k)), Number(F(-k, 3)), Number(F(k % 4))) for k in range(12))
    game = StrategicGame("Three", players, payoffs)
    assert loads_game(dumps_toml(game), "t.toml") == game
    assert payoff_table(loads_nfg(dumps_nfg(game))) == payoff_table(game)


@settings(max_examples=examples(40), deadline=None)
@given(
    st.lists(st.integers(1, 3), min_size=2, max_size=4),
    st.data(),
)
def test_property_nfg_and_toml_round_trips(shape, data) -> None:  # type: ignore[no-untyped-def]
    players = tuple(Player(f"P{i}", tuple(f"s{i}{k}" for k in range(size))) for i, size in enumerate(shape))
    cells = 1
    for size in shape:
        cells *= size
    values = st.fractions(min_value=-100, max_value=100, max_denominator=12)
    payoffs = tuple(
        tuple(Number(v) for v in data.draw(st.lists(values, min_size=len(shape), max_size=len(shape))))
        for _ in range(cells)
    )
    game = StrategicGame("g", players, payoffs)
    assert loads_game(dumps_toml(game), "g.toml") == game
    assert payoff_table(loads_nfg(dumps_nfg(game))) == payoff_table(game)


CORPUS_NFG = corpus_params(".nfg")


def _gambit_cells(path: Path) -> tuple[tuple[int, ...], list[str]]:
    shape, cells = gambit.nfg_cells(path)
    return shape, cell_digests(cells)


def test_corpus_has_every_nfg(corpus) -> None:  # type: ignore[no-untyped-def]
    assert len(list(corpus.rglob("*.nfg"))) == 60
    assert {corpus_key(p) for p in corpus.rglob("*.nfg")} == set(frozen.load("corpus_nfg")["entries"])


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("path", CORPUS_NFG)
def test_corpus_nfg_reads_like_pygambit_and_round_trips(path: Path, source: str, corpus) -> None:  # type: ignore[no-untyped-def]
    answer = frozen.corpus_entry("corpus_nfg", corpus_key(path), content_hash(path))
    shape, cells = oracle_answer(source, (tuple(answer["shape"]), answer["cells"]), lambda: _gambit_cells(path))
    game = load_game(str(path))
    assert game.shape == shape
    table = payoff_table(game)
    profiles = list(itertools.product(*(range(k) for k in shape)))
    ours = cell_digests([table.at(profile) for profile in profiles])
    for profile, a, b in zip(profiles, ours, cells, strict=True):
        assert a == b, f"cell {profile}: our {table.at(profile)} differs from pygambit's reading"
    assert payoff_table(loads_nfg(dumps_nfg(game))) == table
    assert payoff_table(loads_game(dumps_toml(game), "x.toml")) == table


def test_bundled_games_ship_and_load() -> None:
    names = bundled_names()
    assert "freeze-for-freeze" in names
    for name in names:
        game = load_game(name)
        assert game.title and game.summary
        if hasattr(game, "nodes"):
            from negsolve.solvers.backward import solve_tree

            assert solve_tree(game).count >= 1
        elif hasattr(game, "prior"):  # a game with types
            from negsolve.model.bayesian import bayesian_values

            bayesian_values(game)
        else:
            payoff_table(game)
