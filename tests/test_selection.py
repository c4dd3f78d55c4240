"""Equilibrium selection in 2x2 games: payoff and risk dominance, belief thresholds."""

from __future__ import annotations

import json
from fractions import Fraction

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.cli.main import cli
from negsolve.model.strategic import PayoffTable
from negsolve.solvers.bimatrix import solve_two_player
from negsolve.solvers.selection import select, strict_pure_equilibria


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_stag_hunt() -> None:
    data = json.loads(CliRunner().invoke(cli, ["solve", "stag-hunt", "--format", "json"]).output)["selection"]
    assert data["payoff_dominant"] == {"Hunter 1": "Stag", "Hunter 2": "Stag"}
    assert data["risk_dominant"] == {"Hunter 1": "Hare", "Hunter 2": "Hare"}
    assert data["loss_products"] == ["1", "4"]
    assert [t["with_probability_at_least"] for t in data["belief_thresholds"]] == ["2/3", "2/3"]
    out = run("explain", "stag-hunt")
    assert "(Hare, Hare) risk-dominates" in out


def test_freeze_for_freeze_belief_threshold() -> None:
    out = run("solve", "freeze-for-freeze", "--set", "s=3")
    assert ("United States does better with 'Suspend exercises' than 'Hold exercises' only if it is at least 3/4 "
            "sure that North Korea plays 'Freeze tests'") in out
    out = run("explain", "freeze-for-freeze", "--set", "s=3")
    assert "United States does better with Suspend exercises than Hold exercises only if it is at least 3/4" in out


def test_battle_of_the_sexes_has_no_dominant_equilibrium() -> None:
    out = run("solve", "battle-of-the-sexes")
    assert "payoff dominance: neither" in out and "risk dominance: neither" in out
    assert "Equilibrium selection" not in run("solve", "prisoners-dilemma")


@st.composite
def two_strict_equilibria(draw):  # type: ignore[no-untyped-def]
    """2x2 games with strict equilibria on a diagonal: deviation losses >= 1, other payoffs free."""
    a1, a2, b1, b2 = (draw(st.integers(1, 4)) for _ in range(4))
    x, y, z, w = (draw(st.integers(-3, 3)) for _ in range(4))
    row = {(0, 0): x + a1, (1, 0): x, (1, 1): y + b1, (0, 1): y}
    col = {(0, 0): z + a2, (0, 1): z, (1, 1): w + b2, (1, 0): w}
    flip = draw(st.booleans())  # equilibria on the other diagonal
    cells = []
    for r in range(2):
        for c in range(2):
            k = (r, 1 - c) if flip else (r, c)
            cells.append((Fraction(row[k]), Fraction(col[k])))
    return PayoffTable((2, 2), tuple(cells))


@settings(max_examples=80, deadline=None)
@given(two_strict_equilibria())
def test_selection_agrees_with_the_definitions(table: PayoffTable) -> None:
    assert len(strict_pure_equilibria(table)) == 2
    sel = select(table)
    assert sel is not None
    e, f = sel.equilibria
    u, v = table.at(e), table.at(f)
    expected_pd = 0 if u[0] > v[0] and u[1] > v[1] else 1 if v[0] > u[0] and v[1] > u[1] else None
    assert sel.payoff_dominant == expected_pd
    # the thresholds are the mixed equilibrium's probabilities (found independently by the solver)
    mixed = [eq for eq in solve_two_player(table).equilibria if not eq.pure]
    assert len(mixed) == 1
    row_mix, col_mix = mixed[0].profile
    t_row, t_col = sel.thresholds
    assert t_row.at_least == col_mix[t_row.other_strategy]
    assert t_col.at_least == row_mix[t_col.other_strategy]
    # each threshold is where the player's expected payoffs cross
    for t in sel.thresholds:
        for belief, better in ((t.at_least + Fraction(1, 100), True), (t.at_least - Fraction(1, 100), False)):
            if not 0 <= belief <= 1:
                continue
            other = [belief if k == t.other_strategy else 1 - belief for k in range(2)]

            def pay(own: int, mix: list[Fraction] = other, player: int = t.player) -> Fraction:
                return sum((mix[k] * table.at((own, k) if player == 0 else (k, own))[player] for k in range(2)),
                           Fraction(0))

            assert (pay(t.strategy) > pay(t.alternative)) == better
    products = (sel.losses[0][0] * sel.losses[0][1], sel.losses[1][0] * sel.losses[1][1])
    expected_rd = 0 if products[0] > products[1] else 1 if products[1] > products[0] else None
    assert sel.risk_dominant == expected_rd
    assert (sel.risk_dominant == 0) == (t_row.at_least + t_col.at_least < 1)
