"""Reading games from standard input and writing output files safely: the CLI's one writer.

Rules (issue 9, "files are safe"), the same for every ``-o/--output`` and ``--plot``:

- ``-o -`` (or no ``-o``) means standard output;
- an existing file is never overwritten without ``--force``;
- the game being read is never written, even with ``--force``;
- a missing folder is a clean input error naming it (exit 2), checked before any work;
- a write is atomic: a temporary file in the same folder, then :func:`os.replace`, so an
  interrupted or failed write leaves the old file (or none) and never half a file.

``GAME`` may be ``-``: the game text is read from standard input; its format is sniffed
(text starting with ``NFG`` is Gambit .nfg, ``EFG`` Gambit .efg, anything else TOML).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from negsolve.errors import InputError, Problem

STDIO = "-"
STDIN_NAME = "<stdin>"
MAX_STDIN_BYTES = 64 * 1024 * 1024


def output_option(help_text: str = "Write to this file instead of standard output ('-': standard output).") -> Any:
    """The shared ``-o/--output`` option (a plain string: checks are :func:`check_output`'s)."""
    return click.option("-o", "--output", default=None, metavar="FILE", help=help_text)


FORCE = click.option("--force", is_flag=True, help="Overwrite an existing output file (never the input itself).")


def read_stdin_game() -> Any:
    """The game on standard input (format sniffed from its first characters)."""
    from negsolve.io.loader import loads_game

    stream = sys.stdin.buffer
    raw = stream.read(MAX_STDIN_BYTES + 1)
    if len(raw) > MAX_STDIN_BYTES:
        raise InputError([Problem(f"standard input is larger than {MAX_STDIN_BYTES // (1024 * 1024)} MB",
                                  file=STDIN_NAME)])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(f"not UTF-8 text (byte {exc.start})", file=STDIN_NAME)]) from None
    if not text.strip():
        raise InputError([Problem("standard input is empty: pipe a game into negsolve, e.g. "
                                  "'negsolve solve - < game.toml'", file=STDIN_NAME)])
    return loads_game(text, STDIN_NAME, None)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output(output: str | None, force: bool, inputs: tuple[str, ...] = (), option: str = "-o") -> None:
    """Refuse an output path before any work: existing file without --force, the input, a missing folder."""
    if output is None or output == STDIO:
        return
    if not output:
        raise InputError([Problem(f"{option}: an empty file name", hint="give a path, or '-' for standard output")])
    path = Path(output)
    for spec in inputs:
        source = Path(spec) if spec and spec != STDIO else None
        if source is not None and source.exists() and (_same_file(path, source) or path.resolve() == source.resolve()):
            raise InputError([Problem(f"{option} {output}: is the game being read; negsolve never overwrites "
                                      "its input (not even with --force)", hint="write to another file")])
    folder = path.parent
    if not folder.exists():
        raise InputError([Problem(f"{option} {output}: the folder {str(folder)!r} does not exist",
                                  hint="create it first (mkdir -p), or choose another path")])
    if not folder.is_dir():
        raise InputError([Problem(f"{option} {output}: {str(folder)!r} is not a folder")])
    if path.is_dir():
        raise InputError([Problem(f"{option} {output}: is a folder, not a file", hint="name a file inside it")])
    if path.exists() or path.is_symlink():
        if not force:
            raise InputError([Problem(f"{option} {output}: the file exists; negsolve does not overwrite files",
                                      hint="add --force to replace it, or choose another name")])
        if not path.is_file():
            raise InputError([Problem(f"{option} {output}: not a regular file; negsolve replaces only regular files")])


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and :func:`os.replace`."""
    folder = path.parent
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_output(text: str, output: str | None, force: bool = False, inputs: tuple[str, ...] = (),
                 option: str = "-o") -> None:
    """Write ``text`` to standard output (``None`` or ``-``) or, safely and atomically, to a file."""
    if output is None or output == STDIO:
        click.echo(text, nl=False)
        return
    check_output(output, force, inputs, option)
    try:
        write_bytes_atomic(Path(output), text.encode("utf-8"))
    except OSError as exc:
        raise InputError([Problem(f"{option} {output}: cannot write: {exc.strerror or exc}")]) from None
    click.echo(f"wrote {output}", err=True)

