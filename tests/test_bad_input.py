"""Every malformed game file gets clear errors naming file, line and key; exit 2; no traceback.

Golden files: ``tests/data/invalid/NAME.expected`` holds the exact stderr of
``negsolve validate NAME``.  Regenerate with ``NEGSOLVE_REGEN_GOLDEN=1 pytest``
after reading the new messages.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from negsolve.cli.main import cli

INVALID = Path(__file__).parent / "data" / "invalid"
CASES = sorted(p for p in INVALID.iterdir() if p.suffix in (".toml", ".nfg", ".efg"))


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_golden_error_messages(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(INVALID)
    result = CliRunner().invoke(cli, ["validate", path.name])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    golden = path.with_suffix(path.suffix + ".expected")
    if os.environ.get("NEGSOLVE_REGEN_GOLDEN"):
        golden.write_text(result.stderr, encoding="utf-8")
    assert result.stderr == golden.read_text(encoding="utf-8")
    for line in result.stderr.splitlines():
        assert line.startswith(f"Error: {path.name}")


def test_all_problems_are_reported_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(INVALID)
    result = CliRunner().invoke(cli, ["validate", "many-problems.toml"])
    assert len(result.stderr.splitlines()) == 8


def test_code_in_a_payoff_is_never_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / "ran"
    text = (INVALID / "bad-payoffs.toml").read_text().replace("rm -rf /", f"touch {marker}")
    game = tmp_path / "evil.toml"
    game.write_text(text)
    monkeypatch.chdir(tmp_path)
    for command in (["validate", "evil.toml"], ["solve", "evil.toml"], ["show", "evil.toml"]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 2
    assert not marker.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["solve", "no-such-game"], "Error: no bundled game named 'no-such-game' and no such file",
                     id="unknown-name"),
        pytest.param(["solve", "prisoners-dilema"], "(hint: did you mean 'prisoners-dilemma'?)", id="near-miss"),
        pytest.param(["solve", "missing.toml"], "Error: missing.toml: no such file", id="missing-file"),
        pytest.param(["solve", "prisoners-dilemma", "--set", "x=1"], "unknown parameter 'x'", id="set-unknown"),
        pytest.param(["solve", "freeze-for-freeze", "--set", "s=abc"], "the value must be an exact number",
                     id="set-bad-value"),
        pytest.param(["solve", "freeze-for-freeze", "--set", "s"], "expected NAME=VALUE", id="set-no-equals"),
    ],
)
def test_command_line_errors(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback() -> None:
    result = CliRunner().invoke(cli, ["--debug", "solve", "missing.toml"])
    assert result.exit_code != 0
    assert result.exc_info is not None and result.exc_info[0].__name__ == "InputError"


def test_not_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "latin.toml").write_bytes(b'[game]\ntitle = "caf\xe9"\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate", "latin.toml"])
    assert result.exit_code == 2
    assert result.stderr == "Error: latin.toml: not UTF-8 text (byte 19)\n"


def test_folder_is_not_a_game(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "dir.toml").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate", "dir.toml"])
    assert result.stderr == "Error: dir.toml: is a folder, not a game file\n"


def test_division_by_zero_at_the_chosen_parameter_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (Path(__file__).parent / "data" / "valid" / "tiny.toml").read_text().replace('"3 - s"', '"1 / (s - 1)"')
    (tmp_path / "div.toml").write_text(text)
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(cli, ["solve", "div.toml"]).exit_code == 0
    result = CliRunner().invoke(cli, ["solve", "div.toml", "--set", "s=1"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: div.toml: payoffs: the payoff of NK at (Suspend, Test) cannot be computed: "
        "division by zero in 1 / (s - 1) with s = 1 (hint: choose other parameter values with --set)\n"
    )
