"""Path regions across an irrational breakpoint (issue 16, late survivors; the answer is derived by hand)."""

from __future__ import annotations

from fractions import Fraction as F

from negsolve.analysis.tree_paths import path_region
from negsolve.analysis.univariate import Interval
from negsolve.io.loader import loads_game
from negsolve.model.tree import GameTree

# A takes Out (2) or lets B choose; after In, A gets 1 whatever B does.  B's choice flips at p*p = 2.
TREE = """[game]
title = "t"
[parameters]
p = { value = 1, min = 0, max = 3 }
[[players]]
name = "A"
[[players]]
name = "B"
[[nodes]]
id = "root"
player = "A"
moves = { "In" = "b", "Out" = "out" }
[[nodes]]
id = "out"
outcome = "out"
payoffs = [2, 0]
[[nodes]]
id = "b"
player = "B"
moves = { "X" = "bx", "Y" = "by" }
[[nodes]]
id = "bx"
outcome = "x"
payoffs = [1, "p*p"]
[[nodes]]
id = "by"
outcome = "y"
payoffs = [1, 2]
"""


def test_an_off_path_flip_at_an_irrational_point_does_not_break_the_every_set() -> None:
    """Out pays A 2 > 1 at every p: every subgame-perfect equilibrium takes Out on all of [0, 3], including
    p = sqrt 2, where B (off the path) is indifferent."""
    tree = loads_game(TREE, "t.toml")
    assert isinstance(tree, GameTree)
    (region,) = path_region(tree, "Out").parameters
    whole = (Interval(F(0), F(3), True, True),)
    # sqrt 2 is a breakpoint (B's flip) but bounds nothing, so the report does not flag an irrational bound
    assert not region.irrational
    assert region.domain == whole and region.some == whole and region.every == whole
