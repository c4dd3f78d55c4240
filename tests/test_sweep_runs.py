"""Sweeps at scale (issue 9 item 7, issue 11): limits before work, undefined points, parallel,
streamed, resumable, sharded and merged runs, batches, Dask, and exact plot boundaries."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction as F
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import negsolve.analysis.sweep as sweep_module
from negsolve.analysis.sweep_boundaries import exact_boundaries, sweep_boundaries
from negsolve.cli.main import cli
from negsolve.io import load_game
from negsolve.io.loader import loads_game

DIV = """
[game]
title = "Division"
[parameters]
s = 2
[[players]]
name = "A"
strategies = ["U", "D"]
[[players]]
name = "B"
strategies = ["L", "R"]
[payoffs]
"U" = [["1/(s-1)", 0], [0, 1]]
"D" = [[0, 1], [1, 0]]
"""

GRID = ["freeze-for-freeze", "--param", "s=0:3:4", "--param", "c=1:4:3"]  # 12 points


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.fixture
def evaluations(monkeypatch: pytest.MonkeyPatch) -> list:
    """Counts the grid points evaluated in this process (--jobs 1 evaluates in process)."""
    seen: list = []
    original = sweep_module.evaluate_point

    def counting(game, point):  # type: ignore[no-untyped-def]
        seen.append(point)
        return original(game, point)

    monkeypatch.setattr(sweep_module, "evaluate_point", counting)
    return seen


def test_a_huge_grid_is_refused_before_any_work(evaluations: list) -> None:
    result = run("sweep", "freeze-for-freeze", "--param", "s=0:10:1000000", "--param", "c=0:10:1000000")
    assert result.exit_code == 2
    assert "more than the 100,000 points a sweep may have" in result.stderr
    result = run("sweep", "freeze-for-freeze", "--param", "s=0:10:1000", "--param", "c=0:10:1000")
    assert result.exit_code == 2
    assert "the grid has 1,000,000 points (1,000 x 1,000), more than the limit of 100,000" in result.stderr
    small = run("sweep", *GRID, "--max-points", "11")
    assert small.exit_code == 2 and "the grid has 12 points" in small.stderr
    assert evaluations == []
    assert run("sweep", *GRID, "--max-points", "12").exit_code == 0
    assert len(evaluations) == 12


def test_plot_without_matplotlib_fails_before_computing(evaluations: list, monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "matplotlib" else real(name, *a))
    result = run("sweep", *GRID, "--plot", str(tmp_path / "r.png"))
    assert result.exit_code == 2
    assert "--plot needs matplotlib (hint: pip install 'negsolve[plot]')" in result.stderr
    assert evaluations == []


def test_an_undefined_point_is_reported_and_the_sweep_goes_on(tmp_path: Path) -> None:
    game = tmp_path / "div.toml"
    game.write_text(DIV)
    result = run("sweep", str(game), "--param", "s=0:2:3", "--format", "json")
    assert result.exit_code == 0, result.stderr
    points = json.loads(result.stdout)["points"]
    assert [p["point"]["s"] for p in points] == ["0", "1", "2"]
    assert "division by zero" in points[1]["error"] and "pure_equilibria" not in points[1]
    # s = 0: A's payoff at (U, L) is -1, so (D, L) is the only equilibrium; s = 2: matching pennies-like
    assert points[0]["pure_equilibria"] == ["D, L"] and points[0]["mixed_equilibria"] == 0
    assert points[2]["pure_equilibria"] == [] and points[2]["mixed_equilibria"] == 1
    text = run("sweep", str(game), "--param", "s=0:2:3")
    assert "undefined: the payoff of A at (U, L) cannot be computed" in text.stdout


def test_jsonl_stream_has_a_header_and_one_line_per_point(tmp_path: Path) -> None:
    out = tmp_path / "s.jsonl"
    assert run("sweep", *GRID, "--format", "jsonl", "-o", str(out)).exit_code == 0
    head, *records = lines(out)
    assert head["schema"] == "negsolve.sweep-lines/1" and head["points"] == 12
    assert [a["values"] for a in head["axes"]] == [["0", "1", "2", "3"], ["1", "5/2", "4"]]
    assert len(records) == 12
    table = json.loads(run("sweep", *GRID, "--format", "json").stdout)["points"]
    assert records == table
    again = run("sweep", *GRID, "--format", "jsonl", "-o", str(out))
    assert again.exit_code == 2 and "exists" in again.stderr


def test_resume_continues_without_recomputing(tmp_path: Path, evaluations: list) -> None:
    full = tmp_path / "full.jsonl"
    run("sweep", *GRID, "--format", "jsonl", "-o", str(full))
    text = full.read_text().splitlines(keepends=True)
    part = tmp_path / "part.jsonl"
    part.write_text("".join(text[:6]) + text[6][:20])  # header, 5 points, a torn line
    evaluations.clear()
    result = run("sweep", *GRID, "--format", "jsonl", "--resume", str(part))
    assert result.exit_code == 0, result.stderr
    assert len(evaluations) == 12 - 5
    assert sorted(map(json.dumps, lines(part))) == sorted(map(json.dumps, lines(full)))
    evaluations.clear()
    assert run("sweep", *GRID, "--format", "jsonl", "--resume", str(part)).exit_code == 0
    assert evaluations == []  # nothing left to do
    other = run("sweep", "freeze-for-freeze", "--param", "s=0:3:5", "--format", "jsonl", "--resume", str(part))
    assert other.exit_code == 2 and "a different sweep (axes differ" in other.stderr


def test_ctrl_c_keeps_what_was_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = sweep_module.evaluate_point
    calls = []

    def interrupted(game, point):  # type: ignore[no-untyped-def]
        calls.append(point)
        if len(calls) == 5:
            raise KeyboardInterrupt
        return original(game, point)

    monkeypatch.setattr(sweep_module, "evaluate_point", interrupted)
    out = tmp_path / "s.jsonl"
    result = run("sweep", *GRID, "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 130
    assert "Interrupted: 4 of 12 points kept" in result.stderr
    assert len(lines(out)) == 1 + 4
    monkeypatch.setattr(sweep_module, "evaluate_point", original)
    assert run("sweep", *GRID, "--format", "jsonl", "--resume", str(out)).exit_code == 0
    assert len(lines(out)) == 1 + 12


def test_shards_merge_into_the_whole_sweep(tmp_path: Path) -> None:
    whole = tmp_path / "whole.jsonl"
    run("sweep", *GRID, "--format", "jsonl", "-o", str(whole))
    parts = []
    for k in (1, 2, 3):
        part = tmp_path / f"part{k}.jsonl"
        assert run("sweep", *GRID, "--format", "jsonl", "--shard", f"{k}/3", "-o", str(part)).exit_code == 0
        assert lines(part)[0]["points"] == 4
        parts.append(str(part))
    merged = tmp_path / "merged.jsonl"
    assert run("sweep-merge", *parts, "-o", str(merged)).exit_code == 0
    assert lines(merged)[1:] == lines(whole)[1:]  # grid order, every point once
    missing = run("sweep-merge", *parts[:2])
    assert missing.exit_code == 2
    assert "4 of 12 grid points are missing: s = 0, c = 4; s = 1, c = 4; s = 2, c = 4" in missing.stderr


def test_two_processes_give_the_same_records(tmp_path: Path) -> None:
    one = json.loads(run("sweep", *GRID, "--format", "json").stdout)
    two = json.loads(run("sweep", *GRID, "--format", "json", "--jobs", "2").stdout)
    assert one == two


def test_dask_local_cluster_same_code_path(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="dask.distributed is not installed (pip install 'negsolve[dask]')")
    one = json.loads(run("sweep", *GRID, "--format", "json").stdout)
    result = run("sweep", *GRID, "--format", "json", "--jobs", "2", "--executor", "dask")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == one


def test_unknown_executor_is_an_input_error() -> None:
    result = run("sweep", *GRID, "--executor", "mpi")
    assert result.exit_code == 2 and "--executor 'mpi'" in result.stderr


def test_batch_one_line_per_file_errors_as_records(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[game]\ntitle = 'x'\n")
    good = tmp_path / "div.toml"
    good.write_text(DIV)
    result = run("batch", str(good), str(bad), "games/../games/prisoners-dilemma.toml", "--jobs", "2")
    assert result.exit_code == 2
    records = [json.loads(line) for line in result.stdout.splitlines()]
    by_file = {r["file"]: r for r in records}
    assert set(by_file) == {str(good), str(bad), "games/../games/prisoners-dilemma.toml"}
    assert by_file[str(bad)]["error"]
    pd = by_file["games/../games/prisoners-dilemma.toml"]["result"]
    expected = json.loads(run("solve", "prisoners-dilemma", "--format", "json").stdout)
    assert pd == expected


# -- plot boundaries ---------------------------------------------------------------------------------

def test_freeze_for_freeze_boundaries_are_exact() -> None:
    game = load_game("freeze-for-freeze")
    one = exact_boundaries(game, ["s"], [(F(0), F(4))])
    assert [(b.profile, b.start) for b in one] == [((1, 1), (F(2),))]
    two = exact_boundaries(game, ["s", "c"], [(F(0), F(4)), (F(0), F(4))])
    # (Suspend, Freeze) is an equilibrium iff s >= 2 and c - r <= 2 (r = 1): the corner s = 2, c = 3
    assert sorted((b.start, b.end) for b in two) == [((F(2), F(0)), (F(2), F(3))), ((F(2), F(3)), (F(4), F(3)))]


def test_plot_draws_the_boundaries_where_they_are_and_clips_nothing() -> None:
    pytest.importorskip("matplotlib", reason="matplotlib is not installed (pip install 'negsolve[plot]')")
    from negsolve.analysis.sweep import parse_axis
    from negsolve.io.toml_format import dumps_toml
    from negsolve.render.sweep_plot import plot_sweep_rows
    from negsolve.runs.sweep_lines import sweep_task

    game = load_game("freeze-for-freeze")
    axes = [parse_axis("s=0:4:9", game)]
    rows = sweep_task(dumps_toml(game), [[["s", str(v)]] for v in axes[0].values])
    drawing = plot_sweep_rows(game, axes, rows, sweep_boundaries(game, axes), as_png=False)
    assert [list(line.get_xdata()) for line in drawing.lines] == [[2.0, 2.0]]
    assert drawing.cell_edges[0][:3] == [-0.25, 0.25, 0.75]  # cells centred on the samples
    fig = drawing.figure
    renderer = fig.canvas.get_renderer()
    tight = fig.get_tightbbox(renderer)
    ax = fig.axes[0]
    for artist in (ax.title, ax.get_legend()):
        box = artist.get_tightbbox(renderer).transformed(fig.dpi_scale_trans.inverted())
        assert tight.x0 <= box.x0 and box.x1 <= tight.x1 and tight.y0 <= box.y0 and box.y1 <= tight.y1
    png = plot_sweep_rows(game, axes, rows, sweep_boundaries(game, axes), as_png=True).png
    assert png is not None and png[:8] == b"\x89PNG\r\n\x1a\n"


def _equilibria(game, s: F) -> set:  # type: ignore[no-untyped-def]
    """Pure equilibria by the definition (brute force over deviations)."""
    from negsolve.model.expression import evaluate

    values = dict(game.parameter_values(), s=s)
    out = set()
    for profile in itertools.product(range(2), range(2)):
        def u(p, i):  # type: ignore[no-untyped-def]
            return evaluate(game.payoffs[game.index(p)][i], values)
        ok = all(u(profile, i) >= u(tuple(t if j == i else profile[j] for j in range(2)), i)
                 for i in range(2) for t in range(2))
        if ok:
            out.add(profile)
    return out


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 3), st.integers(-2, 2)), min_size=8, max_size=8))
def test_one_parameter_boundaries_are_where_the_equilibria_change(coefficients) -> None:  # type: ignore[no-untyped-def]
    cells = [f'"{a} + {b}*s"' for a, b in coefficients]
    text = ("[game]\ntitle = 'r'\n[parameters]\ns = 0\n[[players]]\nname = 'A'\nstrategies = ['U', 'D']\n"
            "[[players]]\nname = 'B'\nstrategies = ['L', 'R']\n[payoffs]\n"
            f"U = [[{cells[0]}, {cells[1]}], [{cells[2]}, {cells[3]}]]\n"
            f"D = [[{cells[4]}, {cells[5]}], [{cells[6]}, {cells[7]}]]\n")
    game = loads_game(text, "r.toml", "toml")
    low, high = F(-5), F(5)
    points = sorted({b.start[0] for b in exact_boundaries(game, ["s"], [(low, high)])})
    # every change of the equilibrium set between neighbouring samples has a boundary between them
    grid = [low + F(k, 7) for k in range(71)]
    for a, b in zip(grid, grid[1:], strict=False):
        if _equilibria(game, a) != _equilibria(game, b):
            assert any(a <= x <= b for x in points)
    # and every boundary is a real change: just left, at, or just right of it the set differs
    eps = F(1, 10**6)
    for x in points:
        around = {frozenset(_equilibria(game, v)) for v in (x - eps, x, x + eps)}
        assert len(around) > 1


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty, self.text = tty, ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def test_progress_line_only_on_a_terminal_after_the_delay() -> None:
    from negsolve.cli.progress_line import ProgressLine

    piped = _Stream(tty=False)
    line = ProgressLine("sweep", 10, stream=piped, delay=0)  # type: ignore[arg-type]
    line.advance(5)
    line.close()
    assert piped.text == ""
    quiet = _Stream(tty=True)
    line = ProgressLine("sweep", 10, enabled=False, stream=quiet, delay=0)  # type: ignore[arg-type]
    line.advance(5)
    assert quiet.text == ""
    patient = _Stream(tty=True)
    line = ProgressLine("sweep", 10, stream=patient, delay=3600)  # type: ignore[arg-type]
    line.advance(5)
    assert patient.text == ""  # short runs stay silent
    tty = _Stream(tty=True)
    line = ProgressLine("sweep", 10, stream=tty, delay=0)  # type: ignore[arg-type]
    line.advance(5)
    assert "sweep: 5/10 (50%)" in tty.text
    line.close()
    assert tty.text.endswith("\r\033[K")


def test_real_ctrl_c_stops_the_workers_and_keeps_the_lines(tmp_path: Path) -> None:
    """SIGINT to the whole process group, as a terminal's Ctrl-C sends it, with two worker processes."""
    import os
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "s.jsonl"
    cmd = [sys.executable, "-m", "negsolve", "sweep", "freeze-for-freeze", "--param", "s=0:4:300",
           "--param", "c=0:4:300", "--format", "jsonl", "-o", str(out), "--jobs", "2"]
    process = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or out.read_text().count("\n") < 3):
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "Interrupted:" in err
    kept = out.read_text().splitlines()
    assert 2 <= len(kept) < 90_001
    assert all(json.loads(line) for line in kept)  # no torn line
    resumed = run("sweep", "freeze-for-freeze", "--param", "s=0:4:3", "--format", "jsonl", "--resume", str(out))
    assert resumed.exit_code == 2  # a different grid is refused, the file is kept
    assert out.read_text().splitlines() == kept


@given(st.integers(0, 3000), st.integers(1, 4))
@settings(max_examples=60)
def test_guided_chunks_cover_every_item_once_in_order_and_shrink(total: int, jobs: int) -> None:
    from negsolve.runs.parallel import guided_chunks

    chunks = list(guided_chunks(range(total), total, jobs))
    assert [x for chunk in chunks for x in chunk] == list(range(total))
    sizes = [len(c) for c in chunks]
    assert all(size > 0 for size in sizes)
    if jobs > 1:
        assert sizes == sorted(sizes, reverse=True)  # the shrinking schedule (the last chunk is what is left)
        assert all(size <= 200 for size in sizes)


def test_parallel_jsonl_lines_equal_the_serial_lines(tmp_path: Path) -> None:
    serial, parallel = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run("sweep", *GRID, "--format", "jsonl", "-o", str(serial)).exit_code == 0
    assert run("sweep", *GRID, "--format", "jsonl", "--jobs", "2", "-o", str(parallel)).exit_code == 0
    one, two = serial.read_text().splitlines(), parallel.read_text().splitlines()
    assert one[0] == two[0] and sorted(one[1:]) == sorted(two[1:]) and len(one) > 2
