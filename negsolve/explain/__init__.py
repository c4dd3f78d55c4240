"""Teaching mode: a game's solution explained step by step, in plain text, Markdown or LaTeX.

:func:`explain` turns a game into an :class:`~negsolve.explain.document.Explanation` (numbered
steps of paragraphs, payoff tables, equations and trees, as plain data); :func:`render` writes
it in one of :data:`FORMATS`.  Every number comes from the exact solvers.

Example
-------
>>> from negsolve.io import load_game
>>> from negsolve.explain import explain, render
>>> text = render(explain(load_game("prisoners-dilemma")), "text")
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from negsolve.explain.document import Explanation, Step

FORMATS = ("text", "markdown", "latex")


def explain(game: Any, overrides: Mapping[str, Fraction] | None = None) -> Explanation:
    """The explanation of a strategic game or a game tree at its parameter values (defaults or ``overrides``)."""
    from negsolve.model.bayesian import is_bayesian

    if is_bayesian(game):
        from negsolve.explain.bayesian import explain_bayesian

        return explain_bayesian(game, overrides)
    if hasattr(game, "nodes"):
        from negsolve.explain.tree import explain_tree

        return explain_tree(game, overrides)
    from negsolve.explain.strategic import explain_strategic

    return explain_strategic(game, overrides)


def render(explanation: Explanation, fmt: str = "text", standalone: bool = False) -> str:
    """``explanation`` as ``"text"``, ``"markdown"`` or ``"latex"`` (``standalone``: a whole LaTeX document)."""
    if fmt == "text":
        from negsolve.explain.text import render_text

        return render_text(explanation)
    if fmt == "markdown":
        from negsolve.explain.markdown import render_markdown

        return render_markdown(explanation)
    if fmt == "latex":
        from negsolve.explain.latex import render_latex

        return render_latex(explanation, standalone)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


__all__ = ["FORMATS", "Explanation", "Step", "explain", "render"]
