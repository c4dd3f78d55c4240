"""pygambit's answers frozen as JSON: the format, the loader, and the exact-number encoding.

Every data file is ``{"about": {...}, "entries": {key: entry}}`` with sorted keys (``about``: the
pygambit version, the date and the generating command); exact numbers are
``"p/q"`` strings (``str(Fraction)``).  Readings of corpus files are stored as short digests per cell
or per node, not as the numbers themselves: Gambit's files stay outside the repository (its GPL
corpus is not copied), yet a reading that differs in one node is still pinned to that node.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
REGENERATE = "python tests/oracle/generate.py"

Profile = tuple[tuple[Fraction, ...], ...]


def profiles_to_json(profiles: Iterable[Profile]) -> list[list[list[str]]]:
    """A set of mixed-strategy profiles as sorted lists of "p/q" strings."""
    rows = [[[str(p) for p in strategy] for strategy in profile] for profile in profiles]
    return sorted(rows)


def profiles_from_json(rows: list[list[list[str]]]) -> set[Profile]:
    return {tuple(tuple(Fraction(p) for p in strategy) for strategy in profile) for profile in rows}


def digest(value: object) -> str:
    """A 16-hex-digit digest of a JSON-able value (Fractions written as "p/q")."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def table_digest(payoffs: Iterable[tuple[Fraction, ...]]) -> str:
    """Pins the payoffs of a seeded game: a changed generator no longer matches its frozen answers."""
    return digest([[str(p) for p in cell] for cell in payoffs])


def path_for(name: str) -> Path:
    plain = DATA / f"{name}.json"
    return plain if plain.exists() else DATA / f"{name}.json.gz"


def dump(name: str, header: dict[str, Any], entries: dict[str, Any], compress: bool = False) -> Path:
    """Write one data file: sorted keys, the header and then one entry per line, gzip only when asked."""

    def compact(value: object) -> str:
        return json.dumps(value, sort_keys=True, separators=(",", ":"))

    lines = [f" {compact(key)}: {compact(entries[key])}" for key in sorted(entries)]
    about = json.dumps(header, sort_keys=True, indent=1)
    text = '{"about": ' + about + ',\n"entries": {\n' + ",\n".join(lines) + "\n}}\n"
    DATA.mkdir(parents=True, exist_ok=True)
    for stale in (DATA / f"{name}.json", DATA / f"{name}.json.gz"):
        stale.unlink(missing_ok=True)
    if compress:
        path = DATA / f"{name}.json.gz"
        path.write_bytes(gzip.compress(text.encode(), mtime=0))
    else:
        path = DATA / f"{name}.json"
        path.write_text(text, encoding="utf-8")
    return path


@functools.cache
def load(name: str) -> dict[str, Any]:
    """The whole data file ``name`` (header and entries), read once per test session."""
    path = path_for(name)
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    data: dict[str, Any] = json.loads(raw)
    return data


def entry(name: str, key: str) -> dict[str, Any]:
    """One frozen answer; a missing key says how to regenerate."""
    entries = load(name)["entries"]
    if key not in entries:
        raise AssertionError(f"no frozen answer for {key!r} in {path_for(name).name}: run `{REGENERATE}`")
    found: dict[str, Any] = entries[key]
    return found


def corpus_entry(name: str, key: str, sha256: str) -> dict[str, Any]:
    """The frozen answer for a corpus file, refusing it when the file changed since it was generated."""
    found = entry(name, key)
    if found["sha256"] != sha256:
        raise AssertionError(
            f"corpus file {key} changed since its answers were frozen (sha256 {sha256[:12]}…, frozen "
            f"{found['sha256'][:12]}…): check the change, then run `{REGENERATE}` with pygambit installed"
        )
    return found
