"""The sweep command's engine (parallel, streamed, resumable, sharded), ``sweep-merge`` and ``batch``.

Loaded lazily by the main group (:data:`negsolve.cli.app.COMMANDS`).  The work
itself is in :mod:`negsolve.runs`; this module wires options to it and owns the output
files: a JSON Lines stream is written line by line (so an interrupted run keeps every
finished point), everything else through the shared atomic writer.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import click

from negsolve.cli.app import EXIT_INPUT
from negsolve.cli.files import FORCE, STDIO, check_output, output_option, write_output
from negsolve.errors import InputError, Problem

EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class SweepOptions:
    fmt: str
    output: str | None
    force: bool
    jobs: int
    executor: str | None
    resume: str | None
    shard: str | None
    quiet: bool
    plot: str | None


def check_sweep_options(opts: SweepOptions, game_spec: str) -> None:
    """Everything that can be refused before the game is even read."""
    from negsolve.runs.parallel import check_executor, parse_executor
    from negsolve.runs.sweep_lines import parse_shard

    if opts.jobs < 1:
        raise click.BadParameter("must be at least 1", param_hint="--jobs")
    if opts.executor:
        check_executor(parse_executor(opts.executor))
    if opts.shard:
        parse_shard(opts.shard)
    if (opts.resume or opts.shard) and opts.fmt != "jsonl":
        raise InputError([Problem("--resume and --shard write JSON Lines: add --format jsonl")])
    if opts.resume and opts.output not in (None, opts.resume):
        raise InputError([Problem("--resume FILE appends to FILE: leave out -o, or give the same file")])
    if opts.plot:
        import importlib.util

        if importlib.util.find_spec("matplotlib") is None:
            raise InputError([Problem("--plot needs matplotlib", hint="pip install 'negsolve[plot]'")])
        check_output(opts.plot, opts.force, (game_spec,), option="--plot")
    if not opts.resume:
        check_output(opts.output, opts.force, (game_spec,))


def run_sweep(game: Any, axes: list, opts: SweepOptions, game_spec: str) -> None:
    """Evaluate the grid as the options say; writes results, exits 130 on Ctrl-C keeping what was written."""
    from negsolve.analysis.sweep import grid_size
    from negsolve.cli.progress_line import ProgressLine
    from negsolve.io.toml_format import dumps_toml
    from negsolve.runs.parallel import parse_executor
    from negsolve.runs.sweep_lines import header, parse_shard, shard_points, shard_size, stream, write_record

    shard = parse_shard(opts.shard) if opts.shard else None
    total = shard_size(grid_size(axes), shard)
    handle, done = _open_output(opts, header(game.title, axes, shard, total))
    todo = ((i, key) for i, key in shard_points(axes, shard) if key not in done)
    progress = ProgressLine("sweep", total, enabled=not opts.quiet)
    progress.advance(len(done))
    records: list[dict] = []
    keep = opts.fmt != "jsonl" or bool(opts.plot)  # the records are needed after the run, not only written

    def on_record(record: Any) -> None:
        if handle is not None and keep:
            write_record(handle, record)
        elif handle is not None:
            handle.write(record)  # a JSON line encoded by the worker
        if keep:
            records.append(record)
        progress.advance()

    def after_chunk() -> None:
        if handle is not None:
            handle.flush()

    executor = parse_executor(opts.executor) if opts.executor else None
    try:
        stream(dumps_toml(game), todo, on_record, opts.jobs, executor, total - len(done), encoded=not keep,
               after_chunk=after_chunk)
    except KeyboardInterrupt:
        progress.close()
        _exit_interrupted(progress.done, total, opts, handle is not None)
    finally:
        progress.close()
        if handle is not None and handle is not sys.stdout:
            handle.close()
    _finish(game, axes, records, opts, game_spec)


def _open_output(opts: SweepOptions, head: dict) -> tuple[TextIO | None, set]:
    """The stream the points are written to as they come (None: written at the end) and the points
    already done: a resumed file is checked against ``head`` and cut after its last whole line; a
    new JSON Lines output starts with ``head``."""
    from negsolve.runs.sweep_lines import check_same_sweep, point_key, read_lines, write_record

    if opts.resume:
        found, previous, keep = read_lines(opts.resume)
        check_same_sweep(head, found, opts.resume)
        done = {point_key(r["point"]) for r in previous}
        handle = open(opts.resume, "r+", encoding="utf-8")
        handle.truncate(keep)  # drop a line torn by the interruption
        handle.seek(keep)
        return handle, done
    if opts.fmt == "jsonl":
        stream = sys.stdout if opts.output in (None, STDIO) else _open_stream(opts.output, opts.force)
        write_record(stream, head)
        return stream, set()
    return None, set()


def _exit_interrupted(done: int, total: int, opts: SweepOptions, streamed: bool) -> None:
    """Say how many points were kept and where (and how to continue), then exit 130."""
    where = f" in {opts.resume or opts.output}" if (opts.resume or opts.output not in (None, STDIO)) \
        and streamed else ""
    click.echo(f"Interrupted: {done:,} of {total:,} points kept{where}"
               + (f"; 'negsolve sweep ... --format jsonl --resume {opts.resume or opts.output}' continues"
                  if where else ""), err=True)
    sys.exit(EXIT_INTERRUPTED)


def _open_stream(path: str, force: bool) -> TextIO:
    try:
        return open(path, "w" if force else "x", encoding="utf-8")
    except FileExistsError:
        raise InputError([Problem(f"-o {path}: the file exists", hint="add --force, or --resume it")]) from None
    except OSError as exc:
        raise InputError([Problem(f"-o {path}: cannot write: {exc.strerror}")]) from None


def _finish(game: Any, axes: list, records: list[dict], opts: SweepOptions, game_spec: str) -> None:
    from negsolve.analysis.sweep import iter_grid
    from negsolve.render.analysis import sweep_rows_text
    from negsolve.runs.sweep_lines import point_key

    if opts.fmt == "jsonl" and not opts.plot:
        return
    order = {key: i for i, key in enumerate(iter_grid(axes))}
    records.sort(key=lambda r: order.get(point_key(r["point"]), -1))
    if opts.plot:
        from negsolve.analysis.sweep_boundaries import sweep_boundaries
        from negsolve.cli.files import write_bytes_atomic
        from negsolve.render.sweep_plot import plot_sweep_rows

        drawing = plot_sweep_rows(game, axes, records, sweep_boundaries(game, axes), as_png=True)
        check_output(opts.plot, opts.force, (game_spec,), option="--plot")
        write_bytes_atomic(Path(opts.plot), drawing.png or b"")
        click.echo(f"wrote {opts.plot}", err=True)
    if opts.fmt == "json":
        text = json.dumps({"schema": "negsolve.sweep/1", "game": game.title, "points": records}, indent=2,
                          ensure_ascii=False) + "\n"
        write_output(text, opts.output, opts.force, (game_spec,))
    elif opts.fmt == "text":
        write_output(sweep_rows_text(records) + "\n", opts.output, opts.force, (game_spec,))


@click.command("sweep-merge")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--format", "fmt_", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True,
              help="jsonl: one merged sweep file (header + points in grid order); json: as 'sweep --format json'.")
@output_option()
@FORCE
@click.option("--allow-missing", is_flag=True, help="Write the merge even when grid points are missing.")
def sweep_merge(files: tuple[str, ...], fmt_: str, output: str | None, force: bool, allow_missing: bool) -> None:
    """Merge the JSON Lines files of a sharded (or resumed) sweep into one, in grid order.

    The files must come from the same game, --set and --param values.  Missing points are
    listed and make the merge fail (exit 2) unless --allow-missing.

    \b
    Example:
      negsolve sweep-merge part-1.jsonl part-2.jsonl -o sweep.jsonl
    """
    from negsolve.render.numbers import fmt
    from negsolve.runs.sweep_lines import merge_lines

    check_output(output, force, files)
    head, records, missing = merge_lines(list(files))
    if missing and not allow_missing:
        shown = "; ".join(", ".join(f"{k} = {fmt(v)}" for k, v in point) for point in missing[:5])
        more = f" and {len(missing) - 5:,} more" if len(missing) > 5 else ""
        click.echo(f"Error: {len(missing):,} of {head['points']:,} grid points are missing: {shown}{more}", err=True)
        sys.exit(EXIT_INPUT)
    if fmt_ == "json":
        text = json.dumps({"schema": "negsolve.sweep/1", "game": head["game"], "points": records}, indent=2,
                          ensure_ascii=False) + "\n"
    else:
        text = "".join(json.dumps(r, ensure_ascii=False, separators=(", ", ": ")) + "\n" for r in [head, *records])
    write_output(text, output, force, files)


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(min=1),
              help="Worker processes.")
@click.option("--executor", default=None, metavar="processes|dask[:ADDRESS]",
              help="Where tasks run: local processes (default) or Dask (a local cluster, or a scheduler address).")
@output_option("Write the JSON Lines to this file ('-': standard output).")
@FORCE
@click.option("--quiet", "-q", is_flag=True, help="No progress line.")
def batch(files: tuple[str, ...], jobs: int, executor: str | None, output: str | None, force: bool,
          quiet: bool) -> None:
    """Solve many game files, one JSON line per file (as 'solve --format json'), in parallel.

    A file that cannot be read or solved gives a line {"file": ..., "error": [...]}; the exit
    code is then 2 (after every other file is done).

    \b
    Example:
      negsolve batch games/*.toml --jobs 2 -o results.jsonl
    """
    from negsolve.cli.progress_line import ProgressLine
    from negsolve.runs.batch import batch_task
    from negsolve.runs.parallel import check_executor, chunked, parse_executor, run_tasks
    from negsolve.runs.sweep_lines import write_record

    spec = parse_executor(executor) if executor else None
    if spec:
        check_executor(spec)
    check_output(output, force, files)
    handle = sys.stdout if output in (None, STDIO) else _open_stream(output, force)
    progress = ProgressLine("batch", len(files), enabled=not quiet)
    failed = False
    absolute = [str(Path(f).resolve()) if Path(f).exists() else f for f in files]
    names = dict(zip(absolute, files, strict=False))
    try:
        for records in run_tasks(batch_task, "", chunked(absolute, 1), jobs, spec):
            for record in records:
                record["file"] = names.get(record["file"], record["file"])
                failed |= "error" in record
                write_record(handle, record)
                progress.advance()
    except KeyboardInterrupt:
        progress.close()
        click.echo(f"Interrupted: {progress.done:,} of {len(files):,} files done", err=True)
        sys.exit(EXIT_INTERRUPTED)
    finally:
        progress.close()
        if handle is not sys.stdout:
            handle.close()
    if failed:
        sys.exit(EXIT_INPUT)
