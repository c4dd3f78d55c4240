"""Regenerate the frozen pygambit answers under tests/oracle/data/ (needs pygambit and the corpus).

Usage, from the repository root::

    pip install -e '.[oracle]'
    python tests/oracle/generate.py

Writes, with sorted keys and exact "p/q" strings, each file headed by the pygambit version, the date
and this command:

- ``bimatrix_seeded.json``: extreme equilibria (enummixed, rational) of the seeded random and
  degenerate games of test_bimatrix.py, each pinned by a digest of its payoffs;
- ``corpus_nfg.json``: per corpus .nfg file (path relative to the corpus root, sha256 of its bytes):
  pygambit's reading cell by cell (digests), and its extreme equilibria (two players) or pure
  equilibria (enumpure, any number of players);
- ``corpus_efg.json``: per corpus .efg file: pygambit's rejection message, or its reading node by node
  (digests of kind, moves, information set, exact probabilities, path payoffs).

Check the diff before committing: a change in an answer is a change in pygambit or in the corpus.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests/ folder, as pytest sees it

from oracle import gambit, seeded  # noqa: E402
from oracle.corpus import CORPUS, HOW_TO_GET, content_hash, corpus_files, corpus_key  # noqa: E402
from oracle.frozen import REGENERATE, dump, profiles_to_json, table_digest  # noqa: E402
from oracle.views import cell_digests, node_digests  # noqa: E402

BIG = 400_000  # bytes of JSON above which a data file is gzipped


def header(what: str) -> dict[str, Any]:
    return {
        "what": what,
        "pygambit": gambit.version(),
        "date": datetime.date.today().isoformat(),
        "command": REGENERATE,
        "corpus": "../shared/corpus/gambit (gambitproject/gambit 17.0.0-alpha.2)",
    }


def seeded_entries() -> dict[str, Any]:
    return {
        key: {"game": table_digest(table.payoffs), "equilibria": profiles_to_json(gambit.extreme_equilibria(table))}
        for key, table in seeded.all_games()
    }


def nfg_entry(path: Path) -> dict[str, Any]:
    shape, cells = gambit.nfg_cells(path)
    found: dict[str, Any] = {"sha256": content_hash(path), "shape": list(shape), "cells": cell_digests(cells)}
    if len(shape) == 2:
        found["extreme_equilibria"] = profiles_to_json(gambit.nfg_extreme_equilibria(path))
    found["pure_equilibria"] = profiles_to_json(gambit.nfg_pure_equilibria(path))
    return found


def efg_entry(path: Path) -> dict[str, Any]:
    game = gambit.read_efg(path)
    if isinstance(game, Exception):
        return {"sha256": content_hash(path), "rejected": str(game)}
    players, rows = gambit.efg_view(game)
    nodes = node_digests((players, rows))
    return {"sha256": content_hash(path), "rejected": None, "players": list(players), "nodes": nodes}


def write(name: str, what: str, entries: dict[str, Any]) -> None:
    size = len(str(entries))
    path = dump(name, header(what), entries, compress=size > BIG)
    print(f"{path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}: "
          f"{len(entries)} entries, {path.stat().st_size} bytes")


def main() -> int:
    if not CORPUS.is_dir():
        print(HOW_TO_GET, file=sys.stderr)
        return 1
    write("bimatrix_seeded", "extreme equilibria (enummixed_solve, rational) of the seeded games", seeded_entries())
    nfg = {corpus_key(p): nfg_entry(p) for p in corpus_files(".nfg")}
    write("corpus_nfg", "read_nfg cells, enummixed_solve (2 players), enumpure_solve", nfg)
    efg = {corpus_key(p): efg_entry(p) for p in corpus_files(".efg")}
    write("corpus_efg", "read_efg: rejection message or node-by-node reading", efg)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
