"""The library sweep (:func:`negsolve.analysis.sweep.sweep`) and how a point that cannot be solved is
reported (:func:`negsolve.analysis.sweep.evaluate_point`'s ``error``).  Pure equilibria are checked
by brute force over every unilateral deviation."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest

import negsolve.solvers
from negsolve.analysis.sweep import Axis, evaluate_point, sweep
from negsolve.errors import SolverError
from negsolve.io import load_game
from negsolve.model.expression import evaluate


def _pure_equilibria(game, values: dict) -> tuple:  # type: ignore[no-untyped-def]
    """Profiles where no player gains by a unilateral change (the definition), in grid order."""
    def u(profile: tuple[int, ...], i: int) -> F:
        return evaluate(game.payoffs[game.index(profile)][i], values)

    out = []
    for profile in itertools.product(*(range(k) for k in game.shape)):
        if all(u(profile, i) >= u(profile[:i] + (t,) + profile[i + 1:], i)
               for i, k in enumerate(game.shape) for t in range(k)):
            out.append(profile)
    return tuple(out)


def test_sweep_solves_every_grid_point_through_the_given_map() -> None:
    game = load_game("freeze-for-freeze")
    axes = [Axis("s", (F(0), F(2), F(3))), Axis("c", (F(1), F(4)))]
    calls: list = []

    def recording_map(function, points):  # type: ignore[no-untyped-def]
        points = list(points)
        calls.append(points)
        return map(function, points)

    rows = sweep(game, axes, mapper=recording_map)
    expected_points = [(("s", s), ("c", c)) for s in (F(0), F(2), F(3)) for c in (F(1), F(4))]
    assert calls == [expected_points]  # one map over the whole grid, first axis slowest
    assert [row.point for row in rows] == expected_points
    for row in rows:
        values = dict(game.parameter_values(), **dict(row.point))
        assert row.pure == _pure_equilibria(game, values)
        assert row.error is None
    # (Suspend, Freeze) is an equilibrium iff s >= 2 and c - r <= 2 (r = 1): at s = 2, c = 1 only on this grid
    suspend_freeze = [row.point for row in rows if (1, 1) in row.pure]
    assert suspend_freeze == [(("s", F(2)), ("c", F(1))), (("s", F(3)), ("c", F(1)))]
    assert sweep(game, axes) == rows  # the default map gives the same rows


def test_every_problem_of_a_bad_point_is_reported() -> None:
    game = load_game("freeze-for-freeze")
    row = evaluate_point(game, (("x", F(1)), ("y", F(2))))
    assert row.error == "unknown parameter 'x'; unknown parameter 'y'"
    assert (row.pure, row.mixed, row.degenerate) == ((), 0, None)


@pytest.mark.parametrize("error,reason", [
    (SolverError("the search budget is exhausted"), "the search budget is exhausted"),
    (ZeroDivisionError(), "ZeroDivisionError"),  # no message: the kind of error is the reason
], ids=["message", "no-message"])
def test_a_failure_other_than_bad_input_is_reported_by_its_message(
        monkeypatch: pytest.MonkeyPatch, error: Exception, reason: str) -> None:
    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise error

    monkeypatch.setattr(negsolve.solvers, "solve", failing)
    row = evaluate_point(load_game("freeze-for-freeze"), (("s", F(1)),))
    assert row.error == reason and row.pure == ()
