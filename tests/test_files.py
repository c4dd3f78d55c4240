"""Files are safe (issue 9 items 5, 6): -o never overwrites without --force, never the input,
'-' is standard input/output, missing folders are clean errors, writes are atomic."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from negsolve.cli.files import write_bytes_atomic
from negsolve.cli.main import cli

PD_TOML = """
[game]
title = "PD"
[[players]]
name = "A"
strategies = ["C", "D"]
[[players]]
name = "B"
strategies = ["C", "D"]
[payoffs]
"C" = [[3, 3], [0, 5]]
"D" = [[5, 0], [1, 1]]
"""


def run(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=stdin)


COMMANDS = [
    pytest.param(["convert", "freeze-for-freeze", "--to", "nfg"], id="convert"),
    pytest.param(["export", "entry-deterrence"], id="export"),
    pytest.param(["explain", "prisoners-dilemma"], id="explain"),
]


@pytest.mark.parametrize("command", COMMANDS)
def test_existing_file_is_kept_unless_force(tmp_path: Path, command: list[str]) -> None:
    target = tmp_path / "out.txt"
    target.write_text("precious")
    refused = run(*command, "-o", str(target))
    assert refused.exit_code == 2
    assert "the file exists" in refused.stderr and "--force" in refused.stderr
    assert target.read_text() == "precious"
    forced = run(*command, "-o", str(target), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert target.read_text() != "precious" and target.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]  # no temporary file left behind


@pytest.mark.parametrize("command", COMMANDS)
def test_missing_folder_is_a_clean_error_naming_it(tmp_path: Path, command: list[str]) -> None:
    target = tmp_path / "no-such-folder" / "out.txt"
    result = run(*command, "-o", str(target))
    assert result.exit_code == 2
    assert f"the folder '{tmp_path / 'no-such-folder'}' does not exist" in result.stderr
    assert "internal error" not in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_dash_means_standard_output(tmp_path: Path, command: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    to_stdout = run(*command, "-o", "-")
    plain = run(*command)
    assert to_stdout.exit_code == 0
    assert to_stdout.stdout == plain.stdout and plain.stdout
    assert not (tmp_path / "-").exists()


def test_the_input_is_never_overwritten_even_with_force(tmp_path: Path) -> None:
    game = tmp_path / "pd.toml"
    game.write_text(PD_TOML)
    for extra in ([], ["--force"]):
        result = run("convert", str(game), "--to", "toml", "-o", str(game), *extra)
        assert result.exit_code == 2
        assert "is the game being read" in result.stderr
    # the same file through another spelling of its path
    os.symlink(game, tmp_path / "link.toml")
    result = run("convert", str(tmp_path / "link.toml"), "--to", "toml", "-o", str(game), "--force")
    assert result.exit_code == 2
    assert game.read_text() == PD_TOML


def test_a_folder_is_not_an_output_file(tmp_path: Path) -> None:
    result = run("convert", "freeze-for-freeze", "--to", "toml", "-o", str(tmp_path), "--force")
    assert result.exit_code == 2
    assert "is a folder" in result.stderr


def test_game_from_standard_input_toml_and_sniffed_nfg() -> None:
    solved = run("solve", "-", "--format", "json", stdin=PD_TOML)
    assert solved.exit_code == 0, solved.stderr
    assert '"D"' in solved.stdout
    nfg = run("convert", "-", "--to", "nfg", stdin=PD_TOML).stdout
    assert nfg.startswith("NFG")
    back = run("validate", "-", stdin=nfg)
    assert back.exit_code == 0
    assert back.stdout == "-: OK: 'PD' (2 players, 2x2)\n"


def test_empty_standard_input_is_an_input_error() -> None:
    result = run("show", "-", stdin="")
    assert result.exit_code == 2
    assert "standard input is empty" in result.stderr


def test_atomic_write_keeps_the_old_file_when_the_rename_fails(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "keep.txt"
    target.write_text("old")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_bytes_atomic(target, b"new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_written_file_gets_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "new.txt"
    write_bytes_atomic(target, b"x")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
