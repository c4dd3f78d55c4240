"""Load a game from a bundled name, a ``.toml`` path or a ``.nfg`` path."""

from __future__ import annotations

import difflib
from pathlib import Path

from negsolve.errors import InputError, Problem
from negsolve.io import nfg, registry, toml_format
from negsolve.io.gc_control import with_paused_gc
from negsolve.model.strategic import StrategicGame
from negsolve.model.tree import GameTree

Game = StrategicGame | GameTree
SUFFIXES = {".toml": "toml", ".nfg": "nfg", ".efg": "efg"}


@with_paused_gc
def loads_game(text: str, filename: str = "<string>", fmt: str | None = None) -> Game:
    """Parse game text; ``fmt`` is ``"toml"``, ``"nfg"`` or ``"efg"``, guessed from the text when None.

    TOML holds a strategic game (``[[players]]`` with strategies and ``[payoffs]``) or a game
    tree (``[[nodes]]``).
    """
    if fmt is None:
        head = text.lstrip()[:3]
        fmt = "nfg" if head == "NFG" else "efg" if head == "EFG" else "toml"
    if fmt == "nfg":
        return nfg.loads_nfg(text, filename)
    if fmt == "efg":
        from negsolve.io import efg

        return efg.loads_efg(text, filename)
    data = toml_format.parse_toml_text(text, filename)
    from negsolve.io import tree_toml

    if tree_toml.is_tree_data(data):
        return tree_toml.tree_from_data(data, text, filename)
    from negsolve.io import bayesian_toml  # games with types (issue 12)

    if bayesian_toml.is_bayesian_data(data):
        return bayesian_toml.bayesian_from_data(data, text, filename)  # type: ignore[return-value]
    return toml_format.game_from_data(data, text, filename)


def load_game(spec: str) -> Game:
    """Load ``spec``: a path to a ``.toml``/``.nfg``/``.efg`` file, or the name of a bundled game."""
    path = Path(spec)
    looks_like_path = path.suffix.lower() in SUFFIXES or "/" in spec or "\\" in spec
    if looks_like_path or path.exists():
        from negsolve.io.reading import decode_text, read_game_bytes

        fmt = SUFFIXES.get(path.suffix.lower())
        return loads_game(decode_text(read_game_bytes(path, spec, fmt), spec), spec, fmt)
    bundled = registry.bundled_text(spec)
    if bundled is None:
        names = registry.bundled_names()
        close = difflib.get_close_matches(spec, names, n=1)
        hint = f"did you mean {close[0]!r}?" if close else "run 'negsolve list' to see the bundled games"
        raise InputError([Problem(f"no bundled game named {spec!r} and no such file", hint=hint)])
    return loads_game(bundled, f"{spec}.toml", "toml")
