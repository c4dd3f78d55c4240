"""``negsolve deals GAME --explain``: golden files, and the numbers it narrates against the solvers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from negsolve.cli.main import cli
from negsolve.deals.correlated import correlated_equilibria
from negsolve.deals.space import deal_space
from negsolve.explain.deals import explain_deals
from negsolve.io.loader import load_game
from negsolve.model.strategic import fmt

GOLDEN = Path(__file__).parent / "data" / "explain_deals"
NAMES = ["head-on-collision", "freeze-for-freeze", "battle-of-the-sexes"]


@pytest.mark.parametrize("name", NAMES)
def test_golden_deal_explanations(name: str) -> None:
    result = CliRunner().invoke(cli, ["deals", name, "--explain"])
    assert result.exit_code == 0, result.output
    text = result.stdout[result.stdout.index("What the deal space of"):]
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("NEGSOLVE_REGEN_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_explanation_narrates_the_computed_numbers() -> None:
    game = load_game("battle-of-the-sexes")
    report = deal_space(game, {}, "values 0,0")
    mediated = correlated_equilibria(report.table, vertices=False)
    text = " ".join(explain_deals(report, mediated).split())
    assert report.bargaining is not None
    nash = report.bargaining.solutions["nash"].point
    assert f"Here it is ({fmt(nash[0])}, {fmt(nash[1])})" in text
    for m, player in zip(report.minmax, game.players, strict=True):
        assert f"So {player.name} can secure {fmt(m.mixed)} on its own" in text
    assert f"The largest total is then {fmt(mediated.coarse_max_welfare.total)}" in text
    for title in ("Minmax (security) value", "Individually rational region", "Pareto frontier",
                  "Nash bargaining solution", "Kalai–Smorodinsky solution", "Egalitarian solution",
                  "Utilitarian solution", "Correlated equilibrium", "Coarse correlated equilibrium",
                  "Folk-theorem region"):
        assert title in text
