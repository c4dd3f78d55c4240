"""Golden explanations of trees whose subgames have imperfect information (Gambit's corpus).

The bundled games reach only part of the narrator of imperfect-information subgames (two active
players, at most one solved subgame below). These corpus games reach the rest: one active player
(``work1``), three active players with pure equilibria only (``selten1975/fig1``, ``2s2x2x2``), a
small game without pure equilibria (``g1``), solved subgames below that can be played in several ways
("If ..." per combination: ``2s2x2x2``, ``coord2ts``), mixed equilibria of a degenerate small game
(``vonstengel2022/fig10.5``), three equilibria of a non-degenerate one (``coord2``), and chance
inside the subgame (``stripped_down_poker``).

``tests/data/explain_imperfect/KEY.txt`` / ``.md`` hold ``negsolve explain FILE`` (text and markdown);
regenerate with ``NEGSOLVE_REGEN_GOLDEN=1`` and read every changed file before accepting it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from negsolve.cli.main import cli

GOLDEN = Path(__file__).parent / "data" / "explain_imperfect"
GAMES = [
    "contrib/games/work1.efg",
    "catalog/journals/ijgt/selten1975/fig1.efg",
    "contrib/games/g1.efg",
    "contrib/games/2s2x2x2.efg",
    "contrib/games/coord2ts.efg",
    "catalog/books/vonstengel2022/fig10.5.efg",
    "contrib/games/coord2.efg",
    "tests/test_games/stripped_down_poker.efg",
]


@pytest.mark.parametrize("fmt_,suffix", [("text", ".txt"), ("markdown", ".md")], ids=["text", "markdown"])
@pytest.mark.parametrize("key", GAMES)
def test_golden_imperfect_explanations(corpus: Path, key: str, fmt_: str, suffix: str) -> None:
    result = CliRunner().invoke(cli, ["explain", str(corpus / key), "--format", fmt_])
    assert result.exit_code == 0, result.stderr
    assert "please report" not in result.stdout
    golden = GOLDEN / (key.replace("/", "__") + suffix)
    if os.environ.get("NEGSOLVE_REGEN_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")
