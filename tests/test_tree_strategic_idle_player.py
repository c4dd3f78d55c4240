"""The reduced strategic form of a tree in which one player never moves (issue 16, late survivors)."""

from __future__ import annotations

from fractions import Fraction as F

from negsolve.io.loader import loads_game
from negsolve.model import payoff_table
from negsolve.model.tree import GameTree
from negsolve.solvers.tree_strategic import reduced_form

SOLO = """[game]
title = "solo"
[[players]]
name = "A"
[[players]]
name = "B"
[[nodes]]
id = "root"
player = "A"
moves = { "Up" = "u", "Down" = "d" }
[[nodes]]
id = "u"
outcome = "up"
payoffs = [1, 5]
[[nodes]]
id = "d"
outcome = "down"
payoffs = [2, 7]
"""


def test_a_player_without_a_decision_node_has_one_empty_strategy_named_no_move() -> None:
    tree = loads_game(SOLO, "solo.toml")
    assert isinstance(tree, GameTree)
    form = reduced_form(tree)
    assert [p.strategies for p in form.game.players] == [("Up", "Down"), ("(no move)",)]
    assert form.assignments[1] == ({},)
    assert payoff_table(form.game).payoffs == ((F(1), F(5)), (F(2), F(7)))
