"""Checks of option values against the game they apply to: every error names its option.

Click checks each option alone (choices, ranges); whether an option makes sense depends on
the game loaded, so that is checked here, after loading, and reported as Click's own
"Invalid value for '--option'" (exit 2) rather than silently ignored.
"""

from __future__ import annotations

from typing import Any

import click


def check_engine(game: Any, engine: str | None, nash: bool) -> str:
    """The engine to use (``"exact"`` when none was given); an explicit ``--engine`` that the
    game cannot use is a usage error naming ``--engine``."""
    if engine is None:
        return "exact"
    players = len(game.players)
    if hasattr(game, "nodes") and not nash:
        raise click.BadParameter(
            "a game tree is solved by backward induction, which has no engine to choose; --engine applies to "
            "two-player strategic games, and to a two-player tree's reduced strategic form with --nash",
            param_hint="'--engine'")
    if players != 2:
        raise click.BadParameter(
            f"this game has {players} players; --engine chooses between two-player solvers (with three or more "
            "players negsolve uses its polynomial support enumeration)", param_hint="'--engine'")
    return engine


def check_engine_for_file(spec: str, engine: str | None, nash: bool) -> None:
    """The same check before loading, for a ``.efg`` file (always a tree)."""
    if engine is not None and not nash and spec.lower().endswith(".efg"):
        check_engine(_Tree(), engine, nash)


class _Tree:
    nodes = ()
    players = ()
