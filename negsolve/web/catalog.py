"""The games one ``negsolve serve`` run shows: the bundled games and the files named on its command line.

Each :class:`Entry` keeps the text as read and its SHA-256 digest.  Only an entry opened from a
file can be saved, and :func:`save` writes only when the file on disk still has the digest the
page was made from (never silently over a file changed by someone else), atomically (a
temporary file in the same folder, then :func:`os.replace`).
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from negsolve.errors import InputError, Problem

SUFFIX_FORMATS = {".toml": "toml", ".nfg": "nfg", ".efg": "efg"}


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    """One game: ``key`` in URLs, the file name used in messages, its text and where it came from."""

    key: str
    filename: str
    text: str
    fmt: str | None
    path: Path | None = None  # set for files opened from the command line: those can be saved

    @property
    def digest(self) -> str:
        return digest(self.text)


class Catalog:
    """Entries by key, in the order shown on the index page (given files first)."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = {e.key: e for e in entries}

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

    def replace(self, entry: Entry) -> None:
        self.entries[entry.key] = entry


def open_file(spec: str, number: int) -> Entry:
    """The entry of a game file named on the command line (read with the CLI's size limits)."""
    from negsolve.io.reading import decode_text, read_game_bytes

    path = Path(spec)
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    text = decode_text(read_game_bytes(path, spec, fmt), spec)
    return Entry(f"file-{number}", spec, text, fmt, path.resolve())


def refresh(entry: Entry) -> Entry:
    """``entry`` as its file now reads (a page shows what is on disk); unchanged for bundled games or on error."""
    if entry.path is None:
        return entry
    try:
        text = entry.path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return entry
    return Entry(entry.key, entry.filename, text, entry.fmt, entry.path)


def build_catalog(specs: list[str]) -> Catalog:
    """Files named in ``specs`` (a bundled name there is just shown first), then every bundled game."""
    from negsolve.io.registry import bundled_names, bundled_text

    entries = []
    for number, spec in enumerate(specs, start=1):
        text = bundled_text(spec) if not Path(spec).exists() and "/" not in spec else None
        if text is not None:
            entries.append(Entry(spec, f"{spec}.toml", text, "toml"))
        else:
            entries.append(open_file(spec, number))
    taken = {e.key for e in entries}
    for name in bundled_names():
        text = bundled_text(name)
        if name not in taken and text is not None:
            entries.append(Entry(name, f"{name}.toml", text, "toml"))
    return Catalog(entries)


def save(entry: Entry, text: str, opened_digest: str) -> Entry:
    """Write ``text`` over ``entry``'s file if the file still holds the text whose digest is ``opened_digest``."""
    if entry.path is None:
        raise InputError([Problem("a bundled game cannot be saved; download it and open the copy with "
                                  "'negsolve serve FILE'")])
    try:
        current = entry.path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(f"cannot read the file before saving: {exc}", file=entry.filename)]) from None
    if digest(current) != opened_digest:
        raise InputError([Problem("the file changed on disk since this page was made; nothing was written",
                                  file=entry.filename,
                                  hint="download your version, reload the page, and merge by hand")])
    folder = entry.path.parent
    handle, temporary = tempfile.mkstemp(prefix=".negsolve-", suffix=entry.path.suffix, dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, stat.S_IMODE(entry.path.stat().st_mode))
        os.replace(temporary, entry.path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Entry(entry.key, entry.filename, text, entry.fmt, entry.path)
