"""Bundled games: the TOML files in the top-level ``games/`` folder, installed as ``negsolve.games``."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable


def _folder() -> Traversable:
    return resources.files("negsolve.games")


def bundled_names() -> list[str]:
    """Names of the bundled games, sorted: ``freeze-for-freeze``, ``prisoners-dilemma``, ..."""
    return sorted(
        entry.name[: -len(".toml")]
        for entry in _folder().iterdir()
        if entry.name.endswith(".toml")
    )


# Old names that still load: "six-party" had three players (the US, China, North Korea).
ALIASES = {"six-party": "three-party"}


def bundled_text(name: str) -> str | None:
    """The TOML text of bundled game ``name`` (or of an old name in :data:`ALIASES`), or None."""
    entry = _folder() / f"{ALIASES.get(name, name)}.toml"
    if not entry.is_file():
        return None
    return entry.read_text(encoding="utf-8")
