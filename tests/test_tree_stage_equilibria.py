"""Stage equilibria of a tree for repeated play (issue 16): the tree's subgame-perfect equilibria,
numbered, as pure profiles of the reduced form where they are pure, at the parameter values asked
for, at most ``limit`` of them (200 by default)."""

from __future__ import annotations

from fractions import Fraction as F

from negsolve.analysis.repeated_tree import tree_stage_equilibria
from negsolve.io import load_game
from negsolve.io.loader import loads_game
from negsolve.model import Number
from negsolve.model.tree import DECISION, TERMINAL, GameTree, Node, Outcome
from negsolve.solvers.tree_strategic import symbolic_reduced_form

# Row may stay out (0, 0) or play matching pennies, whose only equilibrium mixes and is worth 0 to
# Row: two subgame-perfect equilibria (Out and In), both mixing in the pennies.
OUT_OR_PENNIES = """
[game]
title = "Out or pennies"

[[players]]
name = "Row"

[[players]]
name = "Col"

[[nodes]]
id = "start"
player = "Row"
moves = { "Out" = "out", "In" = "row-guess" }

[[nodes]]
id = "out"
payoffs = [0, 0]

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


def one_hot(game, player: int, label: str) -> tuple[F, ...]:  # type: ignore[no-untyped-def]
    labels = game.players[player].strategies
    assert label in labels
    return tuple(F(int(s == label)) for s in labels)


def test_who_suspends_first_at_default_and_overridden_patience() -> None:
    tree = load_game("who-suspends-first")
    game = symbolic_reduced_form(tree).game
    nk_accepts_all = ("Accept US first@nk-answers-us-first, Accept both@nk-answers-both, "
                      "Accept North first@nk-answers-north-first")
    # d2 = 2/5: Pyongyang accepts any order worth at least 4 d2 = 8/5, so "North first" (4, 2)
    (stage,) = tree_stage_equilibria(tree, game)
    assert stage.payoffs == (F(4), F(2)) and stage.label == "subgame-perfect equilibrium 1"
    assert stage.profile == (
        one_hot(game, 0, "North first@us-proposes, Yield (after North first)@demand-after-north-first"),
        one_hot(game, 1, nk_accepts_all))
    # d2 = 7/10: 2 < 14/5 <= 3, so Washington offers the simultaneous suspension (3, 3)
    (stage,) = tree_stage_equilibria(tree, game, {"d2": F(7, 10)})
    assert stage.payoffs == (F(3), F(3))
    assert stage.profile is not None and stage.profile[0] == one_hot(
        game, 0, "Both at once@us-proposes, Yield (after both)@demand-after-both")


def test_mixing_equilibria_are_numbered_and_have_no_profile() -> None:
    tree = loads_game(OUT_OR_PENNIES, "pennies.toml")
    stages = tree_stage_equilibria(tree, symbolic_reduced_form(tree).game)
    assert [(s.profile, s.payoffs, s.label) for s in stages] == [
        (None, (F(0), F(0)), "subgame-perfect equilibrium 1 (it mixes)"),
        (None, (F(0), F(0)), "subgame-perfect equilibrium 2 (it mixes)"),
    ]


def test_at_most_limit_equilibria_and_200_by_default() -> None:
    # one mover indifferent among 202 moves: 202 subgame-perfect equilibria, one per move
    leaves = tuple(Node(f"t{k}", TERMINAL, outcome=Outcome((Number(F(1)), Number(F(0))))) for k in range(202))
    root = Node("r", DECISION, tuple(leaf.id for leaf in leaves), tuple(f"m{k}" for k in range(202)), player=0)
    tree = GameTree("flat", ("A", "B"), (root, *leaves))
    game = symbolic_reduced_form(tree).game
    stages = tree_stage_equilibria(tree, game)
    assert len(stages) == 200
    assert len(tree_stage_equilibria(tree, game, limit=201)) == 201
    assert len(tree_stage_equilibria(tree, game, limit=3)) == 3
    # each is pure: a different move of A, the only (empty) strategy of B
    assert len({s.profile[0].index(F(1)) for s in stages if s.profile is not None}) == 200
    assert all(s.profile is not None and s.profile[1] == (F(1),) for s in stages)
    assert stages[199].label == "subgame-perfect equilibrium 200"
