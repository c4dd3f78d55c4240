"""Long solves are visible and stoppable: progress line, Ctrl-C, --time-limit (issue 9)."""

from __future__ import annotations

import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from negsolve.cli.main import cli
from negsolve.cli.progress_line import progress_text
from negsolve.progress import INTERRUPTED, TIME_LIMIT, Budget, Progress, Stopped


def write_random_nfg(path: Path, n: int, seed: int) -> Path:
    rng = random.Random(seed)
    A = [[rng.randint(-99, 99) for _ in range(n)] for _ in range(n)]
    B = [[rng.randint(-99, 99) for _ in range(n)] for _ in range(n)]
    body = " ".join(f"{A[i][j]} {B[i][j]}" for j in range(n) for i in range(n))
    path.write_text(f'NFG 1 R "random {n}x{n}" {{ "1" "2" }} {{ {n} {n} }}\n\n{body}\n')
    return path


def test_budget_cancel_and_time_limit() -> None:
    budget = Budget()
    budget.tick("x", 1, 0)  # nothing due
    budget.cancel()
    with pytest.raises(Stopped) as stopped:
        budget.tick("x", 2, 0)
    assert stopped.value.reason == INTERRUPTED
    with pytest.raises(Stopped) as stopped:
        Budget(time_limit=1e-9).tick("x", 1, 0)
    assert stopped.value.reason == TIME_LIMIT


def test_budget_reports_after_the_delay() -> None:
    seen: list[Progress] = []
    budget = Budget(report=seen.append, delay=0.0, interval=3600)
    budget.tick("solving", 10, 2)
    budget.tick("solving", 11, 2)  # the next report is an hour away
    assert [(p.task, p.done, p.found) for p in seen] == [("solving", 10, 2)]
    assert "10 bases, 2 found" in progress_text(seen[0])


def test_time_limit_prints_equilibria_found_so_far(tmp_path: Path) -> None:
    game = write_random_nfg(tmp_path / "g.nfg", 40, 1)
    result = CliRunner().invoke(cli, ["solve", str(game), "--time-limit", "0.5", "--format", "json"])
    assert result.exit_code == 124, result.output
    data = json.loads(result.output)
    assert data["complete"] is False and data["stopped"] == "time limit"
    assert data["security"] is None
    text = CliRunner().invoke(cli, ["solve", str(game), "--time-limit", "0.5"])
    assert text.exit_code == 124
    assert "INCOMPLETE" in text.output


def test_time_limit_rejects_non_positive_values(tmp_path: Path) -> None:
    game = write_random_nfg(tmp_path / "g.nfg", 2, 1)
    result = CliRunner().invoke(cli, ["solve", str(game), "--time-limit", "0"])
    assert result.exit_code == 2 and "--time-limit" in result.output


def test_complete_solve_under_a_generous_limit_exits_0(tmp_path: Path) -> None:
    game = write_random_nfg(tmp_path / "g.nfg", 4, 2)
    result = CliRunner().invoke(cli, ["solve", str(game), "--time-limit", "600", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["complete"] is True


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal and SIGINT")
def test_ctrl_c_on_a_120x120_game_shows_progress_and_stops_cleanly(tmp_path: Path) -> None:
    import pty

    game = write_random_nfg(tmp_path / "big.nfg", 120, 120)
    master, slave = pty.openpty()  # standard error is a terminal: the progress line is drawn
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "negsolve", "solve", str(game), "--format", "json"],
                               stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    seen = b""
    try:
        while b"found" not in seen and time.monotonic() - started < 60:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                seen += os.read(master, 4096)
        assert b"enumerating equilibria" in seen
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    assert process.returncode == 130
    data = json.loads(out)
    assert data["complete"] is False and data["stopped"] == "interrupted"
    assert data["equilibria"]  # at least the pure equilibria, found first


def test_no_progress_line_when_piped(tmp_path: Path) -> None:
    game = write_random_nfg(tmp_path / "g.nfg", 30, 3)
    run = subprocess.run([sys.executable, "-m", "negsolve", "solve", str(game), "--time-limit", "1.5"],
                         capture_output=True, timeout=60)
    assert run.returncode == 124
    assert run.stderr == b""
