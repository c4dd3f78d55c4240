"""The nashpy engine's result and its exact certification (tests that say no, issue 16).

- ``certify`` turns a float profile into an exact equilibrium or None, never anything else
  (property over random games and profiles, regret by brute force here);
- the result says how it was obtained (method, scope, notes) and passes on nashpy's own
  warnings, whitespace-normalised (compared with the warnings nashpy gives when run here);
- a nashpy failure is reported in the result, not raised.
"""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.errors import InputError
from negsolve.model.strategic import PayoffTable
from negsolve.solvers.nashpy_engine import certify, solve_with_nashpy

MISS_NOTE = "nashpy's enumerations can miss equilibria; the default exact engine is complete"


def table(rows: list[list[tuple[int, int]]]) -> PayoffTable:
    return PayoffTable((len(rows), len(rows[0])), tuple((F(a), F(b)) for row in rows for a, b in row))


def brute_regret(t: PayoffTable, x: tuple[F, ...], y: tuple[F, ...]) -> F:
    m, n = t.shape
    rows = [sum((y[j] * t.at((i, j))[0] for j in range(n)), F(0)) for i in range(m)]
    cols = [sum((x[i] * t.at((i, j))[1] for i in range(m)), F(0)) for j in range(n)]
    return max(max(rows) - sum(x[i] * rows[i] for i in range(m)), max(cols) - sum(y[j] * cols[j] for j in range(n)))


@st.composite
def games_and_profiles(draw):  # type: ignore[no-untyped-def]
    m, n = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    rows = [[(draw(st.integers(-2, 2)), draw(st.integers(-2, 2))) for _ in range(n)] for _ in range(m)]
    weights = st.sampled_from([0.0, 0.0, 0.25, 0.5, 1.0])
    x, y = [draw(weights) for _ in range(m)], [draw(weights) for _ in range(n)]
    return table(rows), x, y


@settings(max_examples=150, deadline=None)
@given(games_and_profiles())
def test_certify_returns_an_exact_equilibrium_or_none(case) -> None:  # type: ignore[no-untyped-def]
    t, x, y = case
    exact = certify(t, x, y)
    if exact is not None:
        ex, ey = exact
        assert sum(ex) == 1 and sum(ey) == 1 and min(ex) >= 0 and min(ey) >= 0
        assert brute_regret(t, ex, ey) == 0


def test_certify_rejects_a_profile_whose_mix_is_not_determined() -> None:
    # Col is indifferent between c0 and c1 against r0, so Row's (1, 0) solves Col's equations, but
    # Row's single support row gives one equation for Col's two unknowns: y is not determined
    t = table([[(1, 1), (0, 1)], [(0, 0), (1, 0)]])
    assert certify(t, [1.0, 0.0], [0.5, 0.5]) is None


# Stag hunt: (Stag, Stag), (Hare, Hare) and the mix (2/3, 1/3) for both
STAG = table([[(4, 4), (0, 3)], [(3, 0), (2, 2)]])
STAG_EQUILIBRIA = {((F(1), F(0)), (F(1), F(0))), ((F(0), F(1)), (F(0), F(1))),
                   ((F(2, 3), F(1, 3)), (F(2, 3), F(1, 3)))}


def test_the_default_method_is_vertex_enumeration() -> None:
    result = solve_with_nashpy(STAG)
    assert {eq.profile for eq in result.equilibria} == STAG_EQUILIBRIA
    assert result.method == "nashpy vertex_enumeration, each profile certified in exact arithmetic"
    assert (result.scope, result.degenerate, result.rejected) == ("nashpy", None, 0)
    assert result.notes[0] == MISS_NOTE


def test_an_unknown_method_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        solve_with_nashpy(STAG, method="lemke")
    assert str(caught.value) == "unknown nashpy method 'lemke'"


def test_nashpy_warnings_are_passed_on_in_one_line_each() -> None:
    import nashpy
    import numpy as np

    # degenerate: nashpy's support enumeration finds an even number of equilibria and warns
    t = table([[(1, 1), (0, 0)], [(0, 0), (0, 0)]])
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        list(nashpy.Game(np.array([[1.0, 0.0], [0.0, 0.0]]), np.array([[1.0, 0.0], [0.0, 0.0]]))
             .support_enumeration(tol=1e-9))
    assert seen, "nashpy gave no warning on this degenerate game"
    result = solve_with_nashpy(t, method="support")
    assert result.notes == (MISS_NOTE, *("nashpy warned: " + " ".join(str(w.message).split()) for w in seen))


def test_a_nashpy_failure_is_reported_not_raised() -> None:
    # nashpy's vertex enumeration raises TypeError on an all-zero 3x3 game (see docs ANCHORS)
    zero = table([[(0, 0)] * 3] * 3)
    result = solve_with_nashpy(zero, method="vertex")
    assert (result.equilibria, result.scope, result.degenerate, result.rejected) == ((), "nashpy", None, 0)
    assert result.method.startswith("nashpy vertex_enumeration (failed: ")
    assert len(result.notes) == 1 and result.notes[0].startswith("nashpy raised TypeError: ")
    assert result.method.removeprefix("nashpy vertex_enumeration (failed: ").removesuffix(")") == \
        result.notes[0].removeprefix("nashpy raised TypeError: ")
