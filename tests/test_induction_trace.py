"""Backward induction is written once: the solver records a trace, the explanation narrates it.

The trace's facts are checked against the definition (every maximising move kept, the exact
expectation at chance nodes) on random trees; the narrator is shown to tell the trace rather
than decide for itself (a doctored trace changes the story), and to find every entry it needs
on the bundled trees.
"""

from __future__ import annotations

import dataclasses
import random
from fractions import Fraction as F

import pytest
from test_backward import random_tree

from negsolve.explain.document import Bullets
from negsolve.explain.tree import _Context
from negsolve.explain.tree_induction import _Narrator
from negsolve.io import load_game
from negsolve.io.registry import bundled_names
from negsolve.model.expression import evaluate
from negsolve.model.tree import CHANCE, GameTree
from negsolve.solvers.backward import solve_tree


@pytest.mark.parametrize("seed", range(20))
def test_trace_entries_follow_the_definition(seed: int) -> None:
    rng = random.Random(seed)
    tree = random_tree(rng, players=rng.randint(1, 3), depth=rng.randint(1, 4))
    index = {node.id: node for node in tree.nodes}
    result = solve_tree(tree, trace=True)
    assert result.trace or all(node.kind == "terminal" for node in tree.nodes[1:]) or len(tree.nodes) == 1
    for step in result.trace:
        node = index[step.node]
        assert len(step.values) == len(node.moves)
        if node.kind == CHANCE:
            probs = [evaluate(p, {}) for p in node.probabilities]
            expected = tuple(sum(p * F(v[i]) for p, v in zip(probs, step.values, strict=True))
                             for i in range(len(tree.players)))
            assert step.mover is None and step.chosen == () and step.value == expected
        else:
            gets = [v[step.mover] for v in step.values]
            assert step.chosen == tuple(m for m, g in enumerate(gets) if all(g >= h for h in gets))
            assert step.ties == (len(step.chosen) > 1)


def test_trace_is_recorded_only_on_request() -> None:
    tree = load_game("entry-deterrence")
    assert solve_tree(tree).trace == ()
    assert solve_tree(tree, trace=True).trace != ()
    assert solve_tree(tree) == solve_tree(tree, trace=True)  # the trace does not change the answer


def _story(narrator: _Narrator) -> str:
    return " ".join(str(item) for block in narrator.blocks if isinstance(block, Bullets) for item in block.items)


def test_narrator_tells_the_trace_not_its_own_solution() -> None:
    tree = load_game("entry-deterrence")
    assert isinstance(tree, GameTree)
    ctx = _Context(tree, None)
    trace = solve_tree(tree, trace=True).trace
    honest = _Narrator(ctx, trace)
    honest.run()
    decision = next(s for s in trace if s.mover is not None and len(s.chosen) == 1)
    node = next(n for n in tree.nodes if n.id == decision.node)
    other = next(m for m in range(len(node.moves)) if m not in decision.chosen)
    doctored = [dataclasses.replace(s, chosen=(other,)) if s is decision else s for s in trace]
    liar = _Narrator(ctx, doctored)
    liar.run()
    assert honest.untraced == 0  # (above the doctored node the liar has no entry: its values changed)
    assert f"picks ', Em(text='{node.moves[other]}')" in repr(liar.blocks)
    assert f"picks ', Em(text='{node.moves[other]}')" not in repr(honest.blocks)


@pytest.mark.parametrize("name", sorted(n for n in bundled_names() if isinstance(load_game(n), GameTree)))
def test_every_bundled_tree_is_narrated_from_the_trace(name: str) -> None:
    tree = load_game(name)
    result = solve_tree(tree, trace=True)
    narrator = _Narrator(_Context(tree, None), result.trace, result.subgames)
    narrator.run()
    assert narrator.untraced == 0
