"""When :func:`negsolve.solvers.large_tree.solve_large_efg` takes a file (issue 16): the size
threshold (``min_bytes``, inclusive), missing files, files the compact reader or solver declines,
and the .efg size limit, whose error names the file as the user wrote it."""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import pytest

from negsolve import limits
from negsolve.errors import InputError
from negsolve.solvers.large_tree import solve_large_efg

ENTRY = """EFG 2 R "entry" { "Entrant" "Incumbent" }
""

p "" 1 1 "" { "Out" "In" } 0
t "" 1 "" { 0 2 }
p "" 2 1 "" { "Fight" "Share" } 0
t "" 2 "" { -1 -1 }
t "" 3 "" { 1 1 }
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "game.efg"
    path.write_text(text)
    return path


def test_min_bytes_is_the_smallest_size_taken(tmp_path: Path) -> None:
    path = write(tmp_path, ENTRY)
    size = path.stat().st_size
    assert solve_large_efg(path) is None  # far below the default threshold
    assert solve_large_efg(path, min_bytes=size + 1) is None
    found = solve_large_efg(path, min_bytes=size)
    assert found is not None
    # backward induction: the Incumbent shares (1 > -1), so the Entrant comes in (1 > 0)
    assert found.result.payoffs == (F(1), F(1)) and found.result.path == ("In", "Share")
    assert found.result.count == 1


def test_a_missing_file_is_left_to_the_general_path(tmp_path: Path) -> None:
    assert solve_large_efg(tmp_path / "missing.efg", min_bytes=0) is None
    assert solve_large_efg(tmp_path, min_bytes=0) is None  # a folder


@pytest.mark.parametrize("payoff", ["1/2", "99999999999999999999"], ids=["fraction", "beyond-int64"])
def test_files_the_compact_reader_declines_are_left_to_the_general_path(tmp_path: Path, payoff: str) -> None:
    assert solve_large_efg(write(tmp_path, ENTRY.replace("{ 0 2 }", f"{{ {payoff} 2 }}")), min_bytes=0) is None


def test_payoffs_whose_sums_could_overflow_are_left_to_the_general_path(tmp_path: Path) -> None:
    # read exactly (18 digits), but above 2^62 / 5 nodes: the level-wise int64 sums are not safe
    path = write(tmp_path, ENTRY.replace("{ 0 2 }", "{ 999999999999999999 2 }"))
    assert solve_large_efg(path, min_bytes=0) is None


def test_the_efg_size_limit_applies_and_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, ENTRY)
    monkeypatch.setitem(limits.MAX_FILE_BYTES, "efg", 50)
    with pytest.raises(InputError) as caught:
        solve_large_efg(str(path), min_bytes=0)
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    assert problem.message == "the file is too large: a .efg file may have at most 50 bytes"
