"""Best-response marks (used by ``show`` and pure equilibria), now linear-time, against the definition."""

from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.model.strategic import PayoffTable
from negsolve.solvers.pure import best_response_marks


@st.composite
def tables(draw):  # type: ignore[no-untyped-def]
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=2, max_size=3)))
    cells = []
    for _ in itertools.product(*(range(k) for k in shape)):
        cells.append(tuple(Fraction(draw(st.integers(-2, 2))) for _ in shape))
    return PayoffTable(shape, tuple(cells))


@settings(max_examples=60, deadline=None)
@given(tables())
def test_marks_follow_the_definition(table) -> None:  # type: ignore[no-untyped-def]
    marks = best_response_marks(table)
    for profile in itertools.product(*(range(k) for k in table.shape)):
        for i in range(table.n_players):
            deviations = [table.at(profile[:i] + (k,) + profile[i + 1:])[i] for k in range(table.shape[i])]
            assert marks[profile][i] == (table.at(profile)[i] == max(deviations))
