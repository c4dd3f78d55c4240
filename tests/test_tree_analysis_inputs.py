"""What the tree analyses do with their arguments (issue 16): parameter overrides reach every part
of :func:`analyse_tree`, its engine and limit are used, :func:`sequentially_rational` checks a
plan at the values given, a partial plan is no reduced profile, and a status-quo path may name
chance moves."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from test_tree_stage_equilibria import OUT_OR_PENNIES
from test_tree_symbolic_form import TREE

from negsolve.io import load_game
from negsolve.io.loader import loads_game
from negsolve.solvers.sequential import sequentially_rational
from negsolve.solvers.tree_analysis import analyse_tree
from negsolve.solvers.tree_strategic import reduced_profile_of_plan, symbolic_reduced_form

# who-suspends-first at d2 = 7/10: Pyongyang accepts an order worth at least 4 d2 = 14/5, so
# Washington offers the simultaneous suspension (3, 3); at the default d2 = 2/5 it would insist
# that the North freeze first (4, 2), so the d2 = 7/10 plan is not rational there.
PATIENT = {"d2": F(7, 10)}


def test_overrides_reach_the_equilibria_the_checks_and_the_nash_equilibria() -> None:
    tree = load_game("who-suspends-first")
    analysis = analyse_tree(tree, PATIENT, nash=True)
    assert analysis.tree is tree
    assert dict(analysis.values) == {"d1": F(1, 2), "d2": F(7, 10)}
    (spe,) = analysis.result.equilibria
    assert spe.payoffs == (F(3), F(3)) and spe.plan["us-proposes"] == "Both at once"
    (checks,) = analysis.checks
    assert all(c.rational for c in checks)
    assert any(m.subgame_perfect and m.payoffs == (F(3), F(3)) for m in analysis.nash.marked)
    assert not any(m.subgame_perfect and m.payoffs == (F(4), F(2)) for m in analysis.nash.marked)


def test_nash_only_when_asked_and_the_engine_is_used() -> None:
    tree = load_game("entry-deterrence")
    assert analyse_tree(tree).nash is None
    exact = analyse_tree(tree, nash=True).nash
    assert exact.result.method.startswith("exact enumeration")
    # Nash equilibria: (Stay out, Fight), (Enter, Accommodate) and Stay out against any mix with
    # at least 1/2 on Fight; only (Enter, Accommodate) is subgame perfect
    assert [m.subgame_perfect for m in exact.marked].count(True) == 1
    other = analyse_tree(tree, nash=True, engine="nashpy-vertex").nash
    assert other.result.method.startswith("nashpy vertex_enumeration")


def test_the_limit_bounds_the_equilibria_listed() -> None:
    tree = loads_game(OUT_OR_PENNIES, "pennies.toml")
    assert len(analyse_tree(tree).result.equilibria) == 2
    limited = analyse_tree(tree, limit=1)
    assert len(limited.result.equilibria) == 1 and len(limited.checks) == 1


def test_sequential_rationality_at_the_values_given() -> None:
    tree = load_game("who-suspends-first")
    plan = analyse_tree(tree, PATIENT).result.equilibria[0].plan
    assert sequentially_rational(tree, plan, PATIENT)
    assert not sequentially_rational(tree, plan)
    entry = load_game("entry-deterrence")
    assert sequentially_rational(entry, {"entry": "Enter", "respond": "Accommodate"})
    assert not sequentially_rational(entry, {"entry": "Stay out", "respond": "Fight"})  # a non-credible threat


def test_a_plan_that_leaves_a_node_open_is_no_reduced_profile() -> None:
    tree = load_game("entry-deterrence")
    form = symbolic_reduced_form(tree)
    assert reduced_profile_of_plan(tree, form, {"entry": "Enter", "respond": "Accommodate"}) == (1, 1)
    assert reduced_profile_of_plan(tree, form, {"entry": "Stay out"}) is None  # the Incumbent's answer is open


@pytest.mark.parametrize("path,steps,payoffs", [
    ("up,R", (("row", "R"),), (F(8, 3), F(7, 3))),
    ("up,L,b", (("row", "L"), ("col", "b")), (F(4), F(10, 3))),
], ids=["up-R", "up-L-b"])
def test_a_status_quo_path_may_name_chance_moves(path: str, steps: tuple, payoffs: tuple) -> None:
    from negsolve.analysis.tree_concessions import tree_concessions

    # payoffs at p = 1/3, x = 5, derived in test_tree_symbolic_form.test_the_cells_by_hand
    report = tree_concessions(loads_game(TREE, "cells.toml"), None, path)
    assert report.status_quo.play.steps == steps
    assert report.status_quo.payoffs == payoffs
