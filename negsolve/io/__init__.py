"""File formats: TOML games, Gambit ``.nfg``, JSON; and the bundled-game registry.

This is the only layer that knows how games are written down.
"""

from negsolve.io.loader import load_game, loads_game

__all__ = ["load_game", "loads_game"]
