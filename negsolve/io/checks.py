"""What ``negsolve validate`` says about a game that was read: a one-line summary, or the
problems that make it unusable although it parsed (a tree without perfect recall)."""

from __future__ import annotations

from collections import Counter
from typing import Any


def game_summary(game: Any) -> tuple[str, list[str]]:
    """``("'Title' (2 players, 2x2, parameters: s)", [])``, or the problems no solver would accept.

    Parameters
    ----------
    game : StrategicGame or GameTree
        A game as read by :func:`negsolve.load_game`.

    Returns
    -------
    tuple of (str, list of str)
        The summary, and the messages of the problems (empty when the game can be solved).
    """
    params = f", parameters: {', '.join(p.name for p in game.parameters)}" if game.parameters else ""
    if not hasattr(game, "nodes"):
        from negsolve.model.bayesian import is_bayesian

        shape = "x".join(str(k) for k in game.shape) + (" with types" if is_bayesian(game) else "")
        return f"{game.title!r} ({len(game.players)} players, {shape}{params})", []
    from negsolve.model.recall import recall_problems

    recall = recall_problems(game)
    if recall:
        return "", [message for _, message in recall]
    groups = Counter((n.kind, n.player, n.infoset) for n in game.nodes
                     if n.infoset is not None and n.kind == "decision")
    info = sum(1 for size in groups.values() if size > 1)
    kind = f"game tree, {len(game.nodes)} nodes" + (", information sets" if info else "")
    return f"{game.title!r} ({len(game.players)} players, {kind}{params})", []
