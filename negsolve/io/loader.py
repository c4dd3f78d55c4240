"""Load a game from a bundled name, a ``.toml`` path or a ``.nfg`` path."""

from __future__ import annotations

import difflib
from pathlib import Path

from negsolve.errors import InputError, Problem
from negsolve.io import nfg, registry, toml_format
from negsolve.model.strategic import StrategicGame


def loads_game(text: str, filename: str = "<string>", fmt: str | None = None) -> StrategicGame:
    """Parse game text; ``fmt`` is ``"toml"`` or ``"nfg"``, guessed from the text when None."""
    if fmt is None:
        fmt = "nfg" if text.lstrip().startswith("NFG") else "toml"
    if fmt == "nfg":
        return nfg.loads_nfg(text, filename)
    return toml_format.loads_toml(text, filename)


def load_game(spec: str) -> StrategicGame:
    """Load ``spec``: a path to a ``.toml``/``.nfg`` file, or the name of a bundled game."""
    path = Path(spec)
    looks_like_path = path.suffix.lower() in (".toml", ".nfg") or "/" in spec or "\\" in spec
    if looks_like_path or path.is_file():
        if not path.exists():
            raise InputError([Problem("no such file", file=spec)])
        if path.is_dir():
            raise InputError([Problem("is a folder, not a game file", file=spec)])
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise InputError([Problem(f"cannot read the file: {exc.strerror}", file=spec)]) from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError([Problem(f"not UTF-8 text (byte {exc.start})", file=spec)]) from None
        fmt = "nfg" if path.suffix.lower() == ".nfg" else ("toml" if path.suffix.lower() == ".toml" else None)
        return loads_game(text, spec, fmt)
    text = registry.bundled_text(spec)
    if text is None:
        names = registry.bundled_names()
        close = difflib.get_close_matches(spec, names, n=1)
        hint = f"did you mean {close[0]!r}?" if close else "run 'negsolve list' to see the bundled games"
        raise InputError([Problem(f"no bundled game named {spec!r} and no such file", hint=hint)])
    return toml_format.loads_toml(text, f"{spec}.toml")
