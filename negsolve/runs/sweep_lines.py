"""Sweeps as streams of JSON Lines: parallel, resumable, sharded, mergeable.

A sweep run writes one header line, then one line per grid point, in the order points
finish::

    {"schema": "negsolve.sweep-lines/1", "game": "...", "axes": [{"name": "s", "values": ["0", "1/2"]}],
     "shard": "1/4", "points": 2601}
    {"point": {"s": "1/2", "c": "3"}, "pure_equilibria": ["Hold, Test"], "mixed_equilibria": 0, "degenerate": false}
    {"point": {"s": "1", "c": "3"}, "error": "division by zero in 1 / (s - 1) with s = 1"}

A point's key is its values as exact fractions, so ``--resume FILE`` re-reads FILE, skips
every point already there (a half-written last line is dropped) and appends the rest;
``--shard K/N`` takes the grid points whose 0-based index i has ``i % N == K - 1``;
:func:`merge_lines` joins shard files, checks they describe the same sweep and says which
points are missing.

Each task is :func:`sweep_task`: a pure function of the game's TOML text and a list of
points as strings, so it runs unchanged in this process, a worker process or a Dask worker.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, TextIO

from negsolve.analysis.sweep import Axis, iter_grid
from negsolve.errors import InputError, Problem

SCHEMA = "negsolve.sweep-lines/1"
Key = tuple[tuple[str, Fraction], ...]

_GAMES: dict[str, Any] = {}  # a worker's parsed games, by their text


def _game_of(text: str) -> Any:
    game = _GAMES.get(text)
    if game is None:
        from negsolve.io.loader import loads_game

        _GAMES.clear()
        game = _GAMES[text] = loads_game(text, "<sweep>", "toml")
    return game


def sweep_task(game_text: str, points: list[list[list[str]]]) -> list[dict]:
    """Evaluate grid points given as ``[[name, "p/q"], ...]`` on the game in ``game_text``; one record each."""
    from negsolve.analysis.sweep import evaluate_point
    from negsolve.render.analysis import sweep_rows

    game = _game_of(game_text)
    results = [evaluate_point(game, tuple((name, Fraction(value)) for name, value in point)) for point in points]
    return sweep_rows(game, results)


def sweep_line_task(game_text: str, points: list[list[list[str]]]) -> list[str]:
    """:func:`sweep_task` with each record already encoded as a JSON line, in the worker: the parent only writes."""
    return [encode_record(record) for record in sweep_task(game_text, points)]


def point_key(point: dict[str, str] | Iterable[tuple[str, Any]]) -> Key:
    items = point.items() if isinstance(point, dict) else point
    return tuple((str(name), Fraction(str(value))) for name, value in items)


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    k, sep, n = text.partition("/")
    if sep and k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n) <= 1_000_000:
        return Shard(int(k), int(n))
    raise InputError([Problem(f"--shard {text!r}: expected K/N with 1 <= K <= N, e.g. --shard 2/8")])


def header(title: str, axes: list[Axis], shard: Shard | None, points: int) -> dict:
    from negsolve.formatting import fmt

    return {"schema": SCHEMA, "game": title,
            "axes": [{"name": a.name, "values": [fmt(v) for v in a.values]} for a in axes],
            "shard": str(shard) if shard else None, "points": points}


def shard_points(axes: list[Axis], shard: Shard | None) -> Iterator[tuple[int, Key]]:
    for i, point in enumerate(iter_grid(axes)):
        if shard is None or i % shard.count == shard.index - 1:
            yield i, point


def shard_size(total: int, shard: Shard | None) -> int:
    if shard is None:
        return total
    return len(range(shard.index - 1, total, shard.count))


def read_lines(path: str) -> tuple[dict | None, list[dict], int]:
    """(header, records, bytes of complete lines) of a sweep file; a torn last line is ignored."""
    try:
        raw = open(path, "rb").read()
    except FileNotFoundError:
        raise InputError([Problem("no such file", file=path)]) from None
    except OSError as exc:
        raise InputError([Problem(f"cannot read: {exc.strerror}", file=path)]) from None
    complete = raw[: raw.rfind(b"\n") + 1]
    head: dict | None = None
    records: list[dict] = []
    for number, line in enumerate(complete.decode("utf-8", errors="replace").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError:
            raise InputError([Problem("not a JSON line", file=path, line=number)]) from None
        if not isinstance(item, dict):
            raise InputError([Problem("expected a JSON object", file=path, line=number)])
        if item.get("schema") == SCHEMA:
            head = head or item
        elif isinstance(item.get("point"), dict):
            records.append(item)
        else:
            raise InputError([Problem("neither a sweep header nor a point", file=path, line=number)])
    return head, records, len(complete)


def check_same_sweep(expected: dict, found: dict | None, path: str) -> None:
    """A resumed or merged file must be the same sweep: game and axes (the shard may differ when merging)."""
    if found is None:
        raise InputError([Problem("no sweep header line: not written by 'negsolve sweep --format jsonl'", file=path)])
    for field in ("game", "axes"):
        if found.get(field) != expected.get(field):
            raise InputError([Problem(f"a different sweep ({field} differs from this command's)", file=path,
                                      hint="resume with the same game, --set and --param values")])


def stream(task_payload: str, points: Iterable[tuple[int, Key]], on_record: Callable[[Any], None],
           jobs: int = 1, executor: Any = None, total: int | None = None, *, encoded: bool = False,
           after_chunk: Callable[[], None] | None = None) -> None:
    """Evaluate ``points`` (index, key) in chunks and hand every record to ``on_record`` as it comes.

    ``encoded``: records arrive as JSON lines (:func:`encode_record`) made by the workers, not as dicts.
    ``after_chunk`` runs once each chunk's records are handed over (e.g. to flush a file).
    """
    from negsolve.runs.parallel import guided_chunks, run_tasks

    if jobs > 1 and executor is None:
        sweep_task(task_payload, [[]])  # parse the game and import the solver here: forked workers inherit them
    plain = ([[name, str(value)] for name, value in key] for _, key in points)
    task = sweep_line_task if encoded else sweep_task
    results = run_tasks(task, task_payload, guided_chunks(plain, total or 1000, jobs), jobs, executor)
    try:
        for records in results:
            for record in records:
                on_record(record)
            if after_chunk is not None:
                after_chunk()
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()


def merge_lines(paths: list[str]) -> tuple[dict, list[dict], list[Key]]:
    """Header, the records of every file in grid order (each point once) and the grid points still missing."""
    from negsolve.expr import parse_number

    first: dict | None = None
    by_key: dict[Key, dict] = {}
    for path in paths:
        head, records, _ = read_lines(path)
        if first is None:
            check_same_sweep(head or {}, head, path)
            first = head
        else:
            check_same_sweep(first, head, path)
        for record in records:
            key = point_key(record["point"])
            previous = by_key.setdefault(key, record)
            if previous != record:
                raise InputError([Problem(f"two different results for the point {record['point']}", file=path)])
    if first is None:
        raise InputError([Problem("no sweep files to merge")])
    axes = [Axis(a["name"], tuple(parse_number(v) for v in a["values"])) for a in first["axes"]]
    ordered: list[dict] = []
    missing: list[Key] = []
    for point in iter_grid(axes):
        found = by_key.pop(point, None)
        if found is None:
            missing.append(point)
        else:
            ordered.append(found)
    if by_key:
        extra = next(iter(by_key.values()))["point"]
        raise InputError([Problem(f"the point {extra} is not on the sweep's grid", file=paths[0])])
    merged = dict(first, shard=None, points=len(ordered) + len(missing))
    return merged, ordered, missing


def encode_record(record: dict) -> str:
    """One JSON Lines line (with its newline), as every sweep file writes it."""
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": ")) + "\n"


def write_record(handle: TextIO, record: dict) -> None:
    handle.write(encode_record(record))
    handle.flush()
