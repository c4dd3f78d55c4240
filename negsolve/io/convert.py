"""A game as the text of another format: ``toml``, Gambit ``nfg`` or Gambit ``efg``.

Strategic games: toml, nfg.  Trees: toml, efg (for a tree's ``nfg``, write its reduced strategic
form: ``dumps_game(reduced_form(tree).game, "nfg")``, :mod:`negsolve.solvers.tree_strategic`).
Gambit formats have no parameters: payoffs are written at the parameters' current values.
"""

from __future__ import annotations

from typing import Any

from negsolve.errors import InputError, Problem

TARGETS = ("nfg", "toml", "efg")


def dumps_game(game: Any, target: str) -> str:
    """The text of ``game`` in the ``target`` format (one of :data:`TARGETS`).

    Raises
    ------
    InputError
        For an unknown target, ``efg`` asked of a strategic game (it has no tree), or ``nfg``
        asked of a tree (reduce it first).
    """
    if target not in TARGETS:
        raise InputError([Problem(f"unknown format {target!r}; choose from {', '.join(TARGETS)}")])
    if hasattr(game, "nodes"):
        if target == "efg":
            from negsolve.io.efg import dumps_efg

            return dumps_efg(game)
        if target == "toml":
            from negsolve.io.tree_toml import dumps_tree_toml

            return dumps_tree_toml(game)
        raise InputError([Problem("a game tree is written as .nfg through its reduced strategic form "
                                  "(negsolve.solvers.tree_strategic.reduced_form)", file=game.source or None)])
    if target == "efg":
        raise InputError([Problem("a strategic game has no tree to write as .efg; use --to nfg or --to toml",
                                  file=game.source or None)])
    from negsolve.io.nfg import dumps_nfg
    from negsolve.io.toml_format import dumps_toml

    return dumps_nfg(game) if target == "nfg" else dumps_toml(game)
