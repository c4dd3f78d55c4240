"""Reading a game file safely: regular files only, a maximum size per format, UTF-8.

``negsolve validate /dev/zero`` must not read forever, and a 50 MB download must be refused
before it is parsed: the kind and size are checked with ``os.stat`` before reading, and the
read itself stops one byte past the limit (a file may grow, or ``stat`` may report 0 for a
special file).  The limits are :data:`negsolve.limits.MAX_FILE_BYTES`.
"""

from __future__ import annotations

import stat
from pathlib import Path

from negsolve.errors import InputError, Problem
from negsolve.limits import MAX_FILE_BYTES


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.0f} MB" if size >= 2**20 else f"{size} bytes"


def limit_for(fmt: str | None) -> int:
    """The largest size read for a format (``"toml"``, ``"nfg"``, ``"efg"``; None: the largest)."""
    return MAX_FILE_BYTES.get(fmt or "", max(MAX_FILE_BYTES.values()))


def read_game_bytes(path: Path, spec: str, fmt: str | None) -> bytes:
    """The bytes of the game file ``path`` (``spec`` as the user wrote it, for messages)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError([Problem("no such file", file=spec)]) from None
    except OSError as exc:
        raise InputError([Problem(f"cannot read the file: {exc.strerror}", file=spec)]) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError([Problem("is a folder, not a game file", file=spec)])
    if not stat.S_ISREG(info.st_mode):
        raise InputError([Problem("is not a regular file (a device, pipe or socket); negsolve reads game files only",
                                  file=spec)])
    limit = limit_for(fmt)
    kind = f"a .{fmt} file" if fmt else "a game file"
    too_big = Problem(f"the file is too large: {kind} may have at most {_megabytes(limit)}", file=spec,
                      hint="see docs/limits.md")
    if info.st_size > limit:
        raise InputError([too_big])
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise InputError([Problem(f"cannot read the file: {exc.strerror}", file=spec)]) from None
    if len(raw) > limit:
        raise InputError([too_big])
    return raw


def decode_text(raw: bytes, spec: str) -> str:
    """UTF-8 text of ``raw``, or an InputError naming the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(f"not UTF-8 text (byte {exc.start})", file=spec)]) from None


__all__ = ["decode_text", "limit_for", "read_game_bytes"]
