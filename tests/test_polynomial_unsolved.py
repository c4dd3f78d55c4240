"""Support profiles the n-player solver could not solve: a failed algebra and the time limit's alarm
(solvers/polynomial/enumeration.py).

Both situations are rare or need a clock, so the exact solver is replaced by a stand-in: one that
fails on the totally mixed support profile (the reason a separating linear form gives when none is
found) and one that stalls on the first support profile until the alarm interrupts it.  The game is
"two's company" (tests/test_npoly_trace.py): equilibria (1, 1, 1), (2, 2, 2) and a totally mixed one
with every probability ``1/sqrt(2)``; support profiles are listed smallest first, so the first one is
the pure (1, 1, 1), and there are ``3**3 = 27`` of them.
"""

from __future__ import annotations

import itertools
import signal
import threading
import time
from fractions import Fraction
from typing import Any

import pytest

from negsolve.model.strategic import PayoffTable
from negsolve.solvers.polynomial import enumeration, solve_polynomial
from negsolve.solvers.polynomial.exact_solve import Solutions, solve_system

FAILED = "no separating linear form found for the lexicographic basis"
MIXED = ((0, 1), (0, 1), (0, 1))
FIRST = ((0,), (0,), (0,))


def _twos_company() -> PayoffTable:
    cells = []
    for profile in itertools.product(range(2), repeat=3):
        others_first = [all(profile[j] == 0 for j in range(3) if j != i) for i in range(3)]
        cells.append(tuple(Fraction(1, 2) if profile[i] else Fraction(int(others_first[i])) for i in range(3)))
    return PayoffTable((2, 2, 2), tuple(cells))


def test_a_support_the_algebra_cannot_solve_is_listed_with_its_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(polys: Any, ring: Any, count: int, seed: int = 0) -> Solutions:
        return Solutions(unresolved=FAILED) if count == 3 else solve_system(polys, ring, count, seed)

    monkeypatch.setattr(enumeration, "solve_system", failing)
    result = solve_polynomial(_twos_company())
    assert result.unresolved == ((MIXED, FAILED),)
    assert not result.complete and result.supports_left == 0
    assert {eq.supports for eq in result.equilibria} == {((0,), (0,), (0,)), ((1,), (1,), (1,))}


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="the alarm needs POSIX interval timers")
def test_the_alarm_interrupts_the_algebra_of_a_support(monkeypatch: pytest.MonkeyPatch) -> None:
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("the alarm only works in the main thread")

    def stalling(polys: Any, ring: Any, count: int, seed: int = 0) -> Solutions:
        time.sleep(5)  # far beyond the limit: only the alarm ends it early
        return solve_system(polys, ring, count, seed)

    monkeypatch.setattr(enumeration, "solve_system", stalling)
    result = solve_polynomial(_twos_company(), time_limit=0.5)
    # the first support profile was being solved when the alarm rang: it is the unresolved one,
    # no support profile was solved, and the 26 after it were never reached
    assert result.unresolved == ((FIRST, "time limit reached"),)
    assert (result.supports_solved, result.supports_pruned, result.supports_left) == (0, 0, 26)
    assert result.equilibria == () and not result.complete
