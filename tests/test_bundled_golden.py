"""Every bundled game's ``negsolve solve --format json`` answer, compared with a golden file.

The smoke test over bundled games used to assert only the exit code, so a wrong answer (for
example a mutant that punishes with the mildest equilibrium) passed it.  This one asserts the
answer.  Golden files: ``tests/data/golden_json/NAME.json``.  Regenerate with
``NEGSOLVE_REGEN_GOLDEN=1 pytest tests/test_bundled_golden.py`` and read every changed file.
Three were checked by hand when created (see the tests below that re-derive them).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from negsolve.analysis.repeated import repeated
from negsolve.cli.main import cli
from negsolve.io import load_game
from negsolve.io.registry import bundled_names
from negsolve.model import StrategicGame

GOLDEN = Path(__file__).resolve().parent / "data" / "golden_json"
VOLATILE = ("elapsed", "seconds", "time", "timing", "timings")  # none today; stripped if they appear


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _solve_json(name: str) -> Any:
    result = CliRunner().invoke(cli, ["solve", name, "--format", "json"])
    assert result.exit_code == 0, result.output
    return _strip(json.loads(result.stdout))


def test_every_bundled_game_has_a_golden_file() -> None:
    names = set(bundled_names())
    assert len(names) >= 15
    if not os.environ.get("NEGSOLVE_REGEN_GOLDEN"):
        assert {p.stem for p in GOLDEN.glob("*.json")} == names


@pytest.mark.parametrize("name", sorted(bundled_names()))
def test_solve_json_matches_golden(name: str) -> None:
    answer = _solve_json(name)
    golden = GOLDEN / f"{name}.json"
    if os.environ.get("NEGSOLVE_REGEN_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(answer, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert answer == json.loads(golden.read_text(encoding="utf-8"))


def _delta(value: Any) -> str:
    return "never" if value is None else str(value)


def _repeated_answers() -> dict[str, Any]:
    """Grim-trigger thresholds of every pure outcome of every bundled strategic game."""
    answers: dict[str, Any] = {}
    for name in sorted(bundled_names()):
        game = load_game(name)
        if not isinstance(game, StrategicGame):
            continue
        per_outcome = {}
        for outcome in game.profiles():
            report = repeated(game, outcome)
            label = ", ".join(p.strategies[k] for p, k in zip(game.players, outcome, strict=True))
            per_outcome[label] = {
                "delta_star": _delta(report.delta_star),
                "delta_lower_bound": _delta(report.delta_lower_bound),
                "players": [{"gain": str(p.gain), "nash_delta": _delta(p.nash_delta),
                             "minmax_delta": _delta(p.minmax_delta),
                             "punishment": [str(v) for v in p.punishment.payoffs] if p.punishment else None}
                            for p in report.players],
            }
        answers[name] = per_outcome
    return answers


def test_repeated_thresholds_match_golden() -> None:
    # The smoke test over bundled games asserted only exit codes, so punishing with the mildest stage
    # equilibrium passed it; this asserts every outcome's thresholds (library call: fast).
    answers = _repeated_answers()
    golden = GOLDEN / "repeated" / "thresholds.json"
    if os.environ.get("NEGSOLVE_REGEN_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(answers, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert answers == json.loads(golden.read_text(encoding="utf-8"))


def _profiles(name: str) -> list[dict[str, dict[str, str]]]:
    return [e["profile"] for e in json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))["equilibria"]]


def test_golden_prisoners_dilemma_by_hand() -> None:
    # Defect strictly dominates Cooperate for each prisoner, so (Defect, Defect) is the only equilibrium.
    assert _profiles("prisoners-dilemma") == [
        {"Prisoner 1": {"Cooperate": "0", "Defect": "1"}, "Prisoner 2": {"Cooperate": "0", "Defect": "1"}}
    ]


def test_golden_head_on_collision_by_hand() -> None:
    # Chicken with d = 9: pure (E, S) and (S, E); mixed: the other is indifferent when
    # p(-9) + (1-p)2 = p(-1) + (1-p)0, i.e. 2 - 11p = -p, p = 1/5 on Escalate (the game's summary: 2/(d+1)).
    profiles = _profiles("head-on-collision")
    assert len(profiles) == 3
    mixed = {"Escalate": "1/5", "Slow down": "4/5"}
    assert {"United States": mixed, "North Korea": mixed} in profiles
    pure = [{"United States": {"Escalate": a, "Slow down": b}, "North Korea": {"Escalate": b, "Slow down": a}}
            for a, b in (("1", "0"), ("0", "1"))]
    assert all(p in profiles for p in pure)


def test_golden_matching_pennies_by_hand() -> None:
    # No pure equilibrium (every cell has a player who gains by switching); the unique equilibrium
    # makes the opponent indifferent: 1/2 on each side, value 0.
    data = json.loads((GOLDEN / "matching-pennies.json").read_text(encoding="utf-8"))
    assert len(data["equilibria"]) == 1
    eq = data["equilibria"][0]
    assert all(set(mix.values()) == {"1/2"} for mix in eq["profile"].values())
    assert set(eq["payoffs"].values()) == {"0"}
