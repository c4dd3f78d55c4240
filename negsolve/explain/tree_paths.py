"""Explanation blocks: where the subgame-perfect path stays the outcome, parameter by parameter.

A plan's stability conditions include comparisons off the path; when one of those flips,
another plan can still follow the same path.  The path's own region
(:mod:`negsolve.analysis.tree_paths`) is what an outcome needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from negsolve.explain.document import Em
from negsolve.explain.wording import condition_math, join_parts, para
from negsolve.model.tree import GameTree


def _answers(report: Any, which: str) -> Any:
    parts: list[tuple[Any, ...]] = []
    for region in report.parameters:
        words = region.words(which)
        if words == "always":
            parts.append((f"any value of {region.name}",))
        elif words == "never":
            parts.append((f"no value of {region.name}",))
        else:
            parts.append((condition_math(words),))
    return join_parts(parts, ";")


def path_blocks(tree: GameTree, path: tuple[str, ...], overrides: Mapping[str, Fraction] | None) -> list:
    """Two paragraphs: where some / every subgame-perfect equilibrium follows ``path``."""
    from negsolve.analysis.tree_paths import path_region

    if not path:  # the tree opens with chance (a signalling game): no move of a player to name first
        return []
    report = path_region(tree, ",".join(path), overrides)
    moves: list[Any] = []
    for k, move in enumerate(path):
        moves.extend([" → ", Em(move)] if k else [Em(move)])
    rough = [region.name for region in report.parameters if not region.exact]
    caveat = ([para("For ", ", ".join(rough), " these bounds are not exact: a mixed equilibrium of a subgame "
                    "could not be followed as the parameter moves, so they come from solving on a finer grid.")]
              if rough else [])
    return [
        para("What matters for the outcome is the path, not the whole plan: when a mover off the path switches, "
             "another plan can still follow the same path. Each parameter on its own (the others kept as they "
             "are), some subgame-perfect equilibrium follows ", moves, " exactly when: ",
             _answers(report, "some"), "."),
        para("Every subgame-perfect equilibrium follows it exactly when: ", _answers(report, "every"),
             ". (Where a mover is indifferent, an equilibrium that leaves the path can appear.)"),
        *caveat,
    ]
