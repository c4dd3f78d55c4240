"""The credibility check of a tree's Nash equilibria (solvers/tree_strategic.py) through a chance node:
a threat is judged by its expected payoff over chance's moves.  The answers are derived by hand below."""

from __future__ import annotations

from fractions import Fraction as F

from negsolve.io.loader import loads_game
from negsolve.model.tree import GameTree
from negsolve.solvers.backward import solve_tree
from negsolve.solvers.tree_strategic import NonCredible, nash_of_tree

# The Entrant stays Out (1, 2) or goes In; the Incumbent then Accepts (2, 1) or Fights, which is a
# gamble: with probability 1/4 it wins (-1, 2), with 3/4 it loses (-1, 0).  Fighting is worth
# 1/4 * 2 + 3/4 * 0 = 1/2 to the Incumbent, less than the 1 of accepting.
GAMBLE = """
[game]
title = "Entry with a gamble"

[[players]]
name = "Entrant"

[[players]]
name = "Incumbent"

[[nodes]]
id = "entry"
player = "Entrant"
moves = { "Out" = "out", "In" = "respond" }

[[nodes]]
id = "out"
payoffs = [1, 2]

[[nodes]]
id = "respond"
player = "Incumbent"
moves = { "Fight" = "gamble", "Accept" = "accepted" }

[[nodes]]
id = "accepted"
payoffs = [2, 1]

[[nodes]]
id = "gamble"
player = "chance"
moves = { "Win" = "won", "Lose" = "lost" }
probabilities = { "Win" = "1/4", "Lose" = "3/4" }

[[nodes]]
id = "won"
payoffs = [-1, 2]

[[nodes]]
id = "lost"
payoffs = [-1, 0]
"""


def test_a_threat_through_a_chance_node_is_judged_by_its_expected_payoff() -> None:
    # reduced form: Out gives (1, 2) whatever the Incumbent plans; (In, Fight) gives (-1, 1/2) and
    # (In, Accept) gives (2, 1).  Out is a best reply iff the Incumbent fights with probability
    # q >= 1/3 (2 - 3q <= 1), so the extreme equilibria are (Out, Fight), (Out, q = 1/3), (In, Accept).
    tree = loads_game(GAMBLE, "gamble.toml", "toml")
    assert isinstance(tree, GameTree)
    spe = solve_tree(tree)
    assert [dict(e.plan) for e in spe.equilibria] == [{"entry": "In", "respond": "Accept"}]
    marked = nash_of_tree(tree, spe).marked
    threat = NonCredible("respond", "Incumbent", "Fight", "Accept", F(1, 2), F(1))
    expected = [
        ({"entry": "Out", "respond": "Fight"}, (F(1), F(2)), False, (threat,)),
        ({"entry": "Out", "respond": {"Fight": F(1, 3), "Accept": F(2, 3)}}, (F(1), F(2)), False, (threat,)),
        ({"entry": "In", "respond": "Accept"}, (F(2), F(1)), True, ()),
    ]
    assert len(marked) == len(expected)
    for behaviour, payoffs, perfect, threats in expected:
        found = [m for m in marked if m.behaviour == behaviour]
        assert [(m.payoffs, m.subgame_perfect, m.non_credible) for m in found] == [(payoffs, perfect, threats)]
