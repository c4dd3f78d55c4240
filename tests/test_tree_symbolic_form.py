"""The symbolic reduced strategic form of a tree (issue 16): every cell, evaluated at parameter
values, equals the expected payoff of that reduced profile computed by a separate walk of the tree
written here from the definition; parameters behind a zero payoff do not appear in a cell."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest

from negsolve.io.efg import loads_efg
from negsolve.io.loader import loads_game
from negsolve.model.expression import evaluate, variables
from negsolve.model.tree import CHANCE, DECISION, TERMINAL
from negsolve.solvers.backward import infoset_key
from negsolve.solvers.tree_strategic import symbolic_reduced_form

# Chance with parameter probabilities p, 1 - p, then the Row player (who moves after "up" only)
# and chance with 1/2, 1/2 after "down".  Leaves mix numbers 0, 1, 2, 3 with the parameter x, so
# the form's sums and products meet every case: number + number, 0 + expression, 1 + expression,
# expression + 1, number * expression, expression * 0, expression * 1, expression * 3.
TREE = """
[game]
title = "Symbolic cells"
summary = "a test tree"

[parameters]
p = { value = "1/3", min = 0, max = 1 }
x = { value = "5", min = -10, max = 10 }

[[players]]
name = "Row"

[[players]]
name = "Col"

[[nodes]]
id = "nature"
player = "chance"
moves = { "up" = "row", "down" = "coin" }
probabilities = { "up" = "p", "down" = "1 - p" }

[[nodes]]
id = "row"
player = "Row"
moves = { "L" = "col", "R" = "leaf-r" }

[[nodes]]
id = "col"
player = "Col"
moves = { "a" = "leaf-a", "b" = "leaf-b" }

[[nodes]]
id = "leaf-a"
payoffs = [0, 1]

[[nodes]]
id = "leaf-b"
payoffs = ["x", 3]

[[nodes]]
id = "leaf-r"
payoffs = [1, 0]

[[nodes]]
id = "coin"
player = "chance"
moves = { "heads" = "leaf-h", "tails" = "leaf-t" }
probabilities = { "heads" = "1/2", "tails" = "1/2" }

[[nodes]]
id = "leaf-h"
payoffs = [2, "x"]

[[nodes]]
id = "leaf-t"
payoffs = ["x", 2]
"""

# Outcomes on decision nodes add to what follows (Gambit's convention).
INNER = """EFG 2 R "inner outcomes" { "A" "B" }
""

p "" 1 1 "" { "l" "r" } 1 "toll" { 5 -1 }
p "" 2 1 "" { "x" "y" } 2 "fee" { 1 2 }
t "" 3 "" { 1 0 }
t "" 4 "" { 0 1 }
t "" 5 "" { 2 2 }
"""


def walk(tree, choice, values) -> tuple[F, ...]:  # type: ignore[no-untyped-def]
    """Expected payoffs from the root when decision node ``n`` plays child ``choice(n)``."""
    index = {n.id: n for n in tree.nodes}
    width = len(tree.players)

    def value(node_id: str) -> tuple[F, ...]:
        node = index[node_id]
        own = [evaluate(e, values) for e in node.outcome.payoffs] if node.outcome else [F(0)] * width
        if node.kind == TERMINAL:
            return tuple(own)
        if node.kind == DECISION:
            below = value(node.children[choice(node)])
        else:
            assert node.kind == CHANCE
            below = tuple(F(0) for _ in range(width))
            for prob, child in zip(node.probabilities, node.children, strict=True):
                below = tuple(b + evaluate(prob, values) * v for b, v in zip(below, value(child), strict=True))
        return tuple(a + b for a, b in zip(own, below, strict=True))

    return value(tree.nodes[0].id)


def check_every_cell(tree, values) -> int:  # type: ignore[no-untyped-def]
    form = symbolic_reduced_form(tree)
    profiles = list(itertools.product(*form.assignments))
    assert len(profiles) == len(form.game.payoffs)
    for profile, cell in zip(profiles, form.game.payoffs, strict=True):
        def choice(node, profile=profile):  # type: ignore[no-untyped-def]
            return profile[node.player][infoset_key(node)]

        assert tuple(evaluate(e, values) for e in cell) == walk(tree, choice, values), profile
    return len(profiles)


@pytest.mark.parametrize("p,x", [(F(1, 3), F(5)), (F(0), F(-7, 2)), (F(3, 4), F(0)), (F(1), F(1))])
def test_every_cell_is_the_expected_payoff_of_its_profile(p: F, x: F) -> None:
    tree = loads_game(TREE, "cells.toml")
    assert check_every_cell(tree, {"p": p, "x": x}) == 4  # Row: L, R; Col: a, b


def test_the_cells_by_hand() -> None:
    tree = loads_game(TREE, "cells.toml")
    cells = dict(zip(itertools.product(range(2), range(2)), symbolic_reduced_form(tree).game.payoffs, strict=True))
    values = {"p": F(1, 3), "x": F(5)}
    # (L, b): Row p x + (1 - p)(2 + x)/2 = 5/3 + 7/3; Col 3 p + (1 - p)(x + 2)/2 = 1 + 7/3
    assert tuple(evaluate(e, values) for e in cells[(0, 1)]) == (F(4), F(10, 3))
    # (R, a): Row p + (1 - p)(2 + x)/2 = 1/3 + 7/3; Col (1 - p)(x + 2)/2 = 7/3
    assert tuple(evaluate(e, values) for e in cells[(1, 0)]) == (F(8, 3), F(7, 3))
    # (L, a): Row p * 0 + (1 - p)(2 + x)/2 depends on both parameters
    assert variables(cells[(0, 0)][0]) == {"p", "x"}


def test_a_parameter_behind_a_zero_payoff_leaves_the_cell() -> None:
    text = TREE.replace('payoffs = ["x", 2]', "payoffs = [0, 2]").replace('payoffs = [2, "x"]', "payoffs = [0, 2]")
    tree = loads_game(text, "zero.toml")
    cells = dict(zip(itertools.product(range(2), range(2)), symbolic_reduced_form(tree).game.payoffs, strict=True))
    # (L, a): Row gets 0 everywhere, whatever p is: p * 0 + (1 - p) * (0 * 1/2 + 0 * 1/2)
    assert variables(cells[(0, 0)][0]) == set()
    assert evaluate(cells[(0, 0)][0], {}) == 0
    # (R, a): Row gets p * 1 + (1 - p) * 0 = p
    assert variables(cells[(1, 0)][0]) == {"p"}


def test_outcomes_on_decision_nodes_are_added() -> None:
    tree = loads_efg(INNER)
    assert check_every_cell(tree, {}) == 4
    cells = symbolic_reduced_form(tree).game.payoffs
    # A plays l then B plays y: toll (5, -1) + fee (1, 2) + leaf (0, 1)
    assert tuple(evaluate(e, {}) for e in cells[1]) == (F(6), F(2))


def test_the_form_keeps_the_trees_description() -> None:
    tree = loads_game(TREE, "cells.toml")
    game = symbolic_reduced_form(tree).game
    assert game.title == "Symbolic cells (reduced strategic form)"
    assert game.summary == "a test tree"
    assert game.source == tree.source and tree.source
    assert game.parameters == tree.parameters and len(game.parameters) == 2


SURE = """
[game]
title = "Sure and never"

[parameters]
x = { value = "5", min = -10, max = 10 }

[[players]]
name = "Row"

[[players]]
name = "Col"

[[nodes]]
id = "row"
player = "Row"
moves = { "L" = "nature", "R" = "leaf-r" }

[[nodes]]
id = "nature"
player = "chance"
moves = { "sure" = "leaf-s", "never" = "leaf-n" }
probabilities = { "sure" = "1", "never" = "0" }

[[nodes]]
id = "leaf-s"
payoffs = ["x", 1]

[[nodes]]
id = "leaf-n"
payoffs = [0, "x"]

[[nodes]]
id = "leaf-r"
payoffs = [1, 0]
"""


def test_a_sure_chance_move_keeps_its_payoff_and_an_impossible_one_drops_out() -> None:
    tree = loads_game(SURE, "sure.toml")
    assert check_every_cell(tree, {"x": F(-3)}) == 2
    left = symbolic_reduced_form(tree).game.payoffs[0]
    # Row: 1 * x + 0 * 0 is x; Col: 1 * 1 + 0 * x is 1, free of x
    assert [str(e) for e in left] == ["x", "1"]
    assert variables(left[1]) == set()
