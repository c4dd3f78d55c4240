"""Golden CLI output: the exact text (stdout, stderr, exit code) of every command's ``--help``
and of a representative run of each command, compared byte for byte with files in
``tests/data/golden_cli/``.

The files were written by the command line *before* it was split into lazily loaded modules
(issue 16), so this test is what says the split changed no behaviour.  Regenerate with
``NEGSOLVE_REGEN_GOLDEN=1 pytest tests/test_cli_golden.py`` and read every changed file.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from negsolve.cli.main import cli

GOLDEN = Path(__file__).resolve().parent / "data" / "golden_cli"

COMMANDS = ("list", "show", "solve", "validate", "convert", "export", "stability", "concessions", "repeated",
            "sweep", "sweep-merge", "batch", "explain", "concepts", "quiz", "deals", "correlated", "bargain")

RUNS: list[list[str]] = [
    ["--help"], ["--version"], ["list"], ["nosuch"],
    ["show", "freeze-for-freeze", "--set", "s=5"], ["show", "entry-deterrence"],
    ["solve", "battle-of-the-sexes"], ["solve", "three-party", "--format", "json"],
    ["solve", "ultimatum", "--nash"], ["solve", "freeze-for-freeze", "--set", "zz=1"],
    ["solve", "entry-deterrence", "--engine", "lrs"],
    ["validate", "games/stag-hunt.toml", "games/centipede.toml"],
    ["convert", "entry-deterrence", "--to", "nfg"], ["convert", "stag-hunt", "--to", "efg"],
    ["export", "entry-deterrence"], ["export", "stag-hunt"],
    ["stability", "freeze-for-freeze", "--outcome", "Suspend exercises,Freeze tests"],
    ["stability", "talks-about-talks", "--outcome", "Unconditional talks"],
    ["concessions", "prisoners-dilemma"], ["concessions", "entry-deterrence"],
    ["repeated", "prisoners-dilemma", "--outcome", "Cooperate,Cooperate", "--discount", "0"],
    ["repeated", "freeze-for-freeze", "--outcome", "Suspend exercises,Freeze tests", "--rounds", "3"],
    ["sweep", "freeze-for-freeze", "--param", "s=0:4:5"], ["sweep", "default-button", "--param", "t=0:2:3"],
    ["explain", "matching-pennies"], ["concepts"], ["concepts", "subgame-perfect"],
    ["deals", "battle-of-the-sexes"], ["correlated", "head-on-collision"],
    ["bargain", "--delta1", "9/10", "--delta2", "4/5"],
]
CASES = [[c, "--help"] for c in COMMANDS] + RUNS


def _name(args: list[str]) -> str:
    return re.sub(r"[^A-Za-z0-9=.-]+", "_", " ".join(args)).strip("_")[:80] + ".txt"


@pytest.mark.parametrize("args", CASES, ids=[" ".join(a) for a in CASES])
def test_cli_output_matches_golden(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args, prog_name="negsolve", terminal_width=80)
    text = f"exit {result.exit_code}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
    golden = GOLDEN / _name(args)
    if os.environ.get("NEGSOLVE_REGEN_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_golden_names_are_distinct() -> None:
    assert len({_name(a) for a in CASES}) == len(CASES)
