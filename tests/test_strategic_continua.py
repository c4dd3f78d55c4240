"""negsolve.solvers.continua: the words for a Nash subset's ranges and the count of mixed equilibria
(tests that say no, issue 16).  Expected strings follow range_words' docstring; counts are hand-derived
or from the cited paper."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

import negsolve
from negsolve.solvers.continua import mixed_count, range_words

Q, H, T = F(1, 4), F(1, 2), F(3, 4)


@pytest.mark.parametrize("names, ranges, words", [
    # every range a point: the fixed strategy, by name when pure, as a weighted sum when mixed
    pytest.param(("Reassure", "Threaten"), ((F(1), F(1)), (F(0), F(0))), "Reassure", id="pure"),
    pytest.param(("Silent", "Align", "Own channel"), ((F(0), F(0)), (H, H), (H, H)),
                 "1/2 Align + 1/2 Own channel", id="fixed-mix-skips-unused"),
    # some range an interval: every strategy that may be used, a point where it is fixed; the
    # extreme strategies (0, 3/4, 1/4, 0) and (0, 1/4, 1/4, 1/2) give these ranges
    pytest.param(("Z", "A", "F", "B"), ((F(0), F(0)), (Q, T), (Q, Q), (F(0), H)),
                 "A 1/4 to 3/4, F 1/4, B 0 to 1/2", id="ranges-skip-unused-keep-fixed"),
])
def test_range_words(names: tuple[str, ...], ranges: tuple[tuple[F, F], ...], words: str) -> None:
    assert range_words(names, ranges) == words


NAU_SEC4 = """NFG 1 R "Nau et al. 2004 section 4" { "1" "2" "3" } { 2 2 2 }
3 0 2 0 1 0 0 2 0 1 0 0 1 0 0 0 3 0 0 1 0 2 0 3
"""


def test_mixed_count_includes_irrational_equilibria() -> None:
    # Nau, Gomez Canovas and Hansen (IJGT 2004, section 4): one equilibrium, irrational, hence mixed
    result = negsolve.solve(negsolve.loads_game(NAU_SEC4))
    assert (len(result.equilibria), len(result.algebraic)) == (0, 1)
    assert mixed_count(result) == 1
