"""Tree stability (issue 16, late survivors): the --outcome path's error messages, the whole-plan
comparisons of an imperfect-information tree, and the cap on the pure strategies checked exactly."""

from __future__ import annotations

import pytest

from negsolve.analysis.tree_stability import MAX_STRATEGIES, tree_stability
from negsolve.errors import InputError, Problem
from negsolve.io.loader import load_game, loads_game
from negsolve.model.tree import GameTree


def _talks() -> GameTree:
    tree = load_game("talks-about-talks")
    assert isinstance(tree, GameTree)
    return tree


def _problem(tree: GameTree, path: str) -> Problem:
    with pytest.raises(InputError) as caught:
        tree_stability(tree, path)
    (problem,) = caught.value.problems
    return problem


def test_a_move_that_is_not_there_is_named_with_the_moves_at_that_node() -> None:
    tree = _talks()
    far = _problem(tree, "zzzzqqq")  # nothing close: the hint lists the root's moves, in file order
    assert far.message == "--outcome: 'zzzzqqq' is not a move at 'opening' (United States)"
    assert far.hint == "moves: Preconditions, Unconditional talks"
    near = _problem(tree, "Unconditional talks, Engage, Pressure, Formal negotiations")
    # the second move of the path is at the chance node: a path lists decision moves only
    assert "reaches a chance node ('uc-nature') before 'Engage'" in near.message
    typo = _problem(tree, "Unconditional tlks")
    assert typo.message == "--outcome: 'Unconditional tlks' is not a move at 'opening' (United States)"
    assert typo.hint == "did you mean 'Unconditional talks'?"


def test_imperfect_information_compares_whole_plans_in_each_subgame() -> None:
    """At pc-stalling-talks Washington presses (-c) or waits (-2): pressing stays in the plan iff c <= 2."""
    report = tree_stability(_talks(), "Unconditional talks")
    at_node = [c for c in report.conditions if c.node == "pc-stalling-talks"]
    assert [(c.move, c.alternative, c.keeps.words(), c.status) for c in at_node] == [
        ("the plan", "pc-stalling-talks:Wait", "c <= 2", "holds")]
    assert all(c.move == "the plan" for c in report.conditions)


def _chain_tree(n: int) -> str:
    """Player A decides ``n`` times in a row (go on or stop); then B moves without seeing A's last move.

    A has 2**n pure strategies in the whole game (one binary choice per node, each its own set)."""
    lines = ['[game]\ntitle = "chain"\n', '[[players]]\nname = "A"\n', '[[players]]\nname = "B"\n']
    for i in range(n):
        nxt = f"a{i + 1}" if i + 1 < n else "b0"
        last = "b1" if i + 1 == n else f"stop{i}"
        lines.append(f'[[nodes]]\nid = "a{i}"\nplayer = "A"\nmoves = {{ "Go" = "{nxt}", "Stop" = "{last}" }}\n')
        if i + 1 < n:
            lines.append(f'[[nodes]]\nid = "stop{i}"\noutcome = "stop"\npayoffs = [{i}, 0]\n')
    for b in ("b0", "b1"):
        lines.append(f'[[nodes]]\nid = "{b}"\nplayer = "B"\ninfoset = "blind"\n'
                     f'moves = {{ "L" = "{b}L", "R" = "{b}R" }}\n')
        for m, pay in (("L", 1), ("R", 2)):
            lines.append(f'[[nodes]]\nid = "{b}{m}"\noutcome = "end"\npayoffs = [{pay + n}, {pay}]\n')
    return "\n".join(lines)


def test_too_many_pure_strategies_is_an_input_error_naming_the_file() -> None:
    n = 13
    assert 2 ** (n - 1) <= MAX_STRATEGIES < 2 ** n
    tree = loads_game(_chain_tree(n), "chain.toml")
    assert isinstance(tree, GameTree)
    problem = _problem(tree, "")
    assert problem.message == (f"stability: A has {2 ** n} pure strategies in the subgame at 'a0', "
                               "too many to check exactly")
    assert problem.file == "chain.toml"
