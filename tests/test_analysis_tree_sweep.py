"""Sweeps over a tree's parameters (:func:`negsolve.analysis.tree_sweep.tree_sweep`): the parameters held fixed
reach every point, and a point where the chance probabilities are no distribution has no equilibria."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from negsolve.analysis.sweep import Axis
from negsolve.analysis.tree_sweep import TreePointResult, tree_sweep
from negsolve.io.loader import loads_game
from negsolve.model.tree import GameTree

# X stops (0, 0) or goes to a lottery that pays it c either way and Y 1 (heads, probability q) or 2 (tails)
LOTTERY = """[game]
title = "lottery"
[parameters]
q = "1/2"
c = 1
[[players]]
name = "X"
[[players]]
name = "Y"
[[nodes]]
id = "root"
player = "X"
moves = { "Go" = "lottery", "Stop" = "stopped" }
[[nodes]]
id = "stopped"
outcome = "stopped"
payoffs = [0, 0]
[[nodes]]
id = "lottery"
player = "chance"
moves = { "Heads" = "heads", "Tails" = "tails" }
probabilities = { "Heads" = "q", "Tails" = "1 - q" }
[[nodes]]
id = "heads"
outcome = "heads"
payoffs = ["c", 1]
[[nodes]]
id = "tails"
outcome = "tails"
payoffs = ["c", 2]
"""
GO = "Go → [Heads | Tails]"


@pytest.mark.parametrize("fixed,plays", [
    (None, (GO,)),                 # the default c = 1: going pays X 1 > 0
    ({"c": F(-1)}, ("Stop",)),     # going would cost X 1
    ({"c": F(0)}, (GO, "Stop")),   # X is indifferent: two subgame-perfect equilibria, Go's better for Y first
])
def test_the_fixed_parameters_reach_every_point(fixed: dict | None, plays: tuple[str, ...]) -> None:
    tree = loads_game(LOTTERY, "lottery.toml", "toml")
    assert isinstance(tree, GameTree)
    found = tree_sweep(tree, [Axis("q", (F(-1), F(1, 2), F(2)))], fixed=fixed)
    # q = -1 and q = 2 give a negative probability: no distribution, so no subgame-perfect equilibrium there
    assert found == [TreePointResult((("q", F(-1)),), (), 0, False),
                     TreePointResult((("q", F(1, 2)),), plays, len(plays), True),
                     TreePointResult((("q", F(2)),), (), 0, False)]


# Row takes v and leaves, or plays matching pennies against Col (who does not see Row's guess): the only
# equilibrium of the guessing subgame mixes half and half and is worth 0 to Row
GUESS = """[game]
title = "guess or leave"
[parameters]
v = 0
[[players]]
name = "Row"
[[players]]
name = "Col"
[[nodes]]
id = "root"
player = "Row"
moves = { "Out" = "out", "In" = "row-guess" }
[[nodes]]
id = "out"
payoffs = ["v", 0]
[[nodes]]
id = "row-guess"
player = "Row"
moves = { "H" = "col-after-h", "T" = "col-after-t" }
[[nodes]]
id = "col-after-h"
player = "Col"
infoset = "col-guess"
moves = { "h" = "hh", "t" = "ht" }
[[nodes]]
id = "hh"
payoffs = [1, -1]
[[nodes]]
id = "ht"
payoffs = [-1, 1]
[[nodes]]
id = "col-after-t"
player = "Col"
infoset = "col-guess"
moves = { "h" = "th", "t" = "tt" }
[[nodes]]
id = "th"
payoffs = [-1, 1]
[[nodes]]
id = "tt"
payoffs = [1, -1]
"""


def test_a_play_that_mixes_is_named_by_its_path() -> None:
    tree = loads_game(GUESS, "guess.toml", "toml")
    assert isinstance(tree, GameTree)
    found = tree_sweep(tree, [Axis("v", (F(-1), F(0), F(1)))])
    # v < 0: Row goes in and the play mixes; v = 0: indifferent, both; v > 0: Row leaves
    assert found == [TreePointResult((("v", F(-1)),), ("a play that mixes: In",), 1, True),
                     TreePointResult((("v", F(0)),), ("Out", "a play that mixes: In"), 2, True),
                     TreePointResult((("v", F(1)),), ("Out",), 1, True)]
