"""One suite every two-player engine in :data:`negsolve.solvers.ENGINES` must pass.

- exactness: every probability and payoff is a :class:`fractions.Fraction`, and every reported
  profile has zero regret under a brute-force check written here (not negsolve's verifier);
- completeness: the exact and lrs engines return exactly the hand-derived extreme equilibria,
  degenerate games included; nashpy's engines may miss some (a documented limit) but never add one;
- rejection of non-equilibria: a wrong candidate planted in an engine's raw output is never returned.

The lrs engine skips (with the reason) when ``lrsnash`` is not on PATH.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction as F
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.errors import SolverError
from negsolve.model.strategic import PayoffTable
from negsolve.solvers import ENGINES, solve_table
from negsolve.solvers.lrs_engine import lrsnash_path

EXACT_ENGINES = ("exact", "lrs")   # complete: every extreme equilibrium
MAY_MISS = ("nashpy-vertex", "nashpy-support")
assert set(EXACT_ENGINES) | set(MAY_MISS) == set(ENGINES), "a new engine must be placed in one of the groups"

Profile = tuple[tuple[F, ...], tuple[F, ...]]


def table(rows: list[list[tuple[int, int]]]) -> PayoffTable:
    return PayoffTable((len(rows), len(rows[0])), tuple((F(a), F(b)) for row in rows for a, b in row))


def p(*values: str) -> tuple[F, ...]:
    return tuple(F(v) for v in values)


def brute_regret(t: PayoffTable, profile: Sequence[tuple[F, ...]]) -> F:
    """Largest gain of a pure deviation, by summing over every cell (independent of negsolve.verify)."""
    x, y = profile
    m, n = t.shape

    def pay(i: int, xs: tuple[F, ...], ys: tuple[F, ...]) -> F:
        return sum((xs[r] * ys[c] * t.at((r, c))[i] for r in range(m) for c in range(n)), F(0))

    unit_m = [tuple(F(int(k == r)) for k in range(m)) for r in range(m)]
    unit_n = [tuple(F(int(k == c)) for k in range(n)) for c in range(n)]
    return max(max(pay(0, u, y) for u in unit_m) - pay(0, x, y), max(pay(1, x, u) for u in unit_n) - pay(1, x, y))


def engine_or_skip(engine: str) -> str:
    if engine == "lrs" and lrsnash_path() is None:
        pytest.skip("lrsnash is not on PATH (Debian/Ubuntu: apt install lrslib)")
    return engine


# Hand-derived extreme equilibria (derivations in the comments).
CASES: list[Any] = [
    # Defect strictly dominates Cooperate for both.
    pytest.param([[(3, 3), (0, 5)], [(5, 0), (1, 1)]], [(p("0", "1"), p("0", "1"))], id="prisoners-dilemma"),
    # No pure equilibrium; each must make the other indifferent: 1/2 each.
    pytest.param([[(1, -1), (-1, 1)], [(-1, 1), (1, -1)]], [(p("1/2", "1/2"), p("1/2", "1/2"))],
                 id="matching-pennies"),
    # Battle of the sexes (2,1)/(1,2): the two pure diagonals; mixed: the column is indifferent when
    # 1*x0 = 2*(1 - x0) -> x0 = 2/3, the row when 2*y0 = 1*(1 - y0) -> y0 = 1/3.
    pytest.param([[(2, 1), (0, 0)], [(0, 0), (1, 2)]],
                 [(p("1", "0"), p("1", "0")), (p("0", "1"), p("0", "1")), (p("2/3", "1/3"), p("1/3", "2/3"))],
                 id="battle-of-the-sexes"),
    # Rock-paper-scissors: the uniform profile only.
    pytest.param([[(0, 0), (-1, 1), (1, -1)], [(1, -1), (0, 0), (-1, 1)], [(-1, 1), (1, -1), (0, 0)]],
                 [(p("1/3", "1/3", "1/3"), p("1/3", "1/3", "1/3"))], id="rock-paper-scissors"),
    # von Stengel (2002, Handbook of Game Theory 3, ch. 45), the 3x2 example: three equilibria.
    pytest.param([[(3, 3), (3, 2)], [(2, 2), (5, 6)], [(0, 3), (6, 1)]],
                 [(p("1", "0", "0"), p("1", "0")), (p("4/5", "1/5", "0"), p("2/3", "1/3")),
                  (p("0", "1/3", "2/3"), p("1/3", "2/3"))], id="stengel-3x2"),
    # Degenerate: the column is indifferent against r0 (B row 0 = (3, 3)).  Against y = (q, 1-q) the row
    # gets 3, 5 - 3q, 6 - 6q, so r0 is a best response iff q >= 2/3: the segment q in [2/3, 1] (two
    # extreme points).  r1/r2 mixing: 5 - 3q = 6 - 6q -> q = 1/3 (r0 pays 3 < 4); the column is then
    # indifferent iff 2x1 + 3x2 = 6x1 + x2 with x1 + x2 = 1 -> x = (0, 1/3, 2/3).  r0/r1 mixing needs
    # q = 2/3, and then the column mixes only if 2 + x0 = 6 - 3x0 -> x0 = 1; r0/r2 needs q = 1/2 where r1
    # pays 7/2 > 3.
    pytest.param([[(3, 3), (3, 3)], [(2, 2), (5, 6)], [(0, 3), (6, 1)]],
                 [(p("1", "0", "0"), p("1", "0")), (p("1", "0", "0"), p("2/3", "1/3")),
                  (p("0", "1/3", "2/3"), p("1/3", "2/3"))], id="stengel-degenerate"),
    # Degenerate: r0 strictly dominant, the column indifferent everywhere: y is free, two extreme points.
    pytest.param([[(1, 1), (1, 1)], [(0, 0), (0, 0)]],
                 [(p("1", "0"), p("1", "0")), (p("1", "0"), p("0", "1"))], id="indifferent-column"),
    # Degenerate: every payoff 0, every profile is an equilibrium; the extreme ones are the 4 pure profiles.
    pytest.param([[(0, 0), (0, 0)], [(0, 0), (0, 0)]],
                 [(p(*a), p(*b)) for a in (("1", "0"), ("0", "1")) for b in (("1", "0"), ("0", "1"))],
                 id="all-zero"),
    # Degenerate ties: (r0,c0) = (1,1) is a weak equilibrium, (r1,c1) = (2,2) a strict one; against
    # q on c0 the row gets q from r0 and 2 - q from r1, so r0 is a best response only at q = 1 (and the
    # column likewise): no mixed equilibrium.
    pytest.param([[(1, 1), (0, 1)], [(1, 0), (2, 2)]],
                 [(p("1", "0"), p("1", "0")), (p("0", "1"), p("0", "1"))], id="weak-ties"),
]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("rows,expected", CASES)
def test_engine_conformance(engine: str, rows: list[list[tuple[int, int]]], expected: list[Profile]) -> None:
    t = table(rows)
    result = solve_table(t, engine_or_skip(engine))
    found = [eq.profile for eq in result.equilibria]
    for eq in result.equilibria:  # exact: Fractions all the way, zero regret by brute force
        assert all(type(v) is F for s in eq.profile for v in s) and all(type(v) is F for v in eq.payoffs)
        assert brute_regret(t, eq.profile) == 0
        assert all(v >= 0 for s in eq.profile for v in s) and all(sum(s) == 1 for s in eq.profile)
        assert eq.payoffs == tuple(
            sum((eq.profile[0][r] * eq.profile[1][c] * t.at((r, c))[i]
                 for r in range(t.shape[0]) for c in range(t.shape[1])), F(0)) for i in range(2))
    assert len(set(found)) == len(found), "an equilibrium reported twice"
    if engine in EXACT_ENGINES:
        assert set(found) == set(expected)
    else:
        assert set(found) <= set(expected)


@settings(max_examples=25)
@given(st.lists(st.integers(-1, 1), min_size=18, max_size=18))
def test_engines_agree_on_small_games_with_many_ties(values: list[int]) -> None:
    # payoffs in {-1, 0, 1}: ties (degenerate games) are frequent
    t = PayoffTable((3, 3), tuple((F(values[2 * k]), F(values[2 * k + 1])) for k in range(9)))
    exact = {eq.profile for eq in solve_table(t, "exact").equilibria}
    assert exact and all(brute_regret(t, prof) == 0 for prof in exact)
    # every pure equilibrium (brute force) is among the extreme ones
    for r, c in itertools.product(range(3), repeat=2):
        prof = (tuple(F(int(k == r)) for k in range(3)), tuple(F(int(k == c)) for k in range(3)))
        if brute_regret(t, prof) == 0:
            assert prof in exact
    if lrsnash_path() is not None:
        assert {eq.profile for eq in solve_table(t, "lrs").equilibria} == exact


# ---------------------------------------------------------------- planted non-equilibria are rejected

PD = [[(3, 3), (0, 5)], [(5, 0), (1, 1)]]
COOPERATE = (p("1", "0"), p("1", "0"))   # regret 2: not an equilibrium
DEFECT = (p("0", "1"), p("0", "1"))


def test_exact_engine_refuses_a_planted_non_equilibrium(monkeypatch: pytest.MonkeyPatch) -> None:
    import negsolve.solvers.enumeration as enumeration

    original = enumeration.one_side_pairs

    def planted(A: Any, B: Any, state: Any, check: Any = None) -> None:
        original(A, B, state, check)
        state.pairs.append(COOPERATE)

    monkeypatch.setattr(enumeration, "one_side_pairs", planted)
    with pytest.raises((ArithmeticError, SolverError)):
        solve_table(table(PD), "exact")


def test_lrs_engine_rejects_a_planted_non_equilibrium(monkeypatch: pytest.MonkeyPatch) -> None:
    import negsolve.solvers.lrs_engine as lrs

    engine_or_skip("lrs")
    # lrsnash's format: "2 y... value" then "1 x... value", groups separated by blank lines
    output = "2  1  0  3\n1  1  0  3\n\n2  0  1  1\n1  0  1  1\n\n"
    monkeypatch.setattr(lrs, "_run", lambda *args, **kwargs: (output, None))
    result = solve_table(table(PD), "lrs")
    assert [eq.profile for eq in result.equilibria] == [DEFECT]
    assert result.rejected == 1


@pytest.mark.parametrize("engine", MAY_MISS)
def test_nashpy_engines_reject_a_planted_non_equilibrium(engine: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import nashpy
    import numpy as np

    def planted(self: Any, *args: Any, **kwargs: Any) -> Any:
        yield np.array([1.0, 0.0]), np.array([1.0, 0.0])       # (Cooperate, Cooperate)
        yield np.array([0.5, 0.5]), np.array([0.5, 0.5])       # a mixture that is no equilibrium
        yield np.array([0.0, 1.0]), np.array([0.0, 1.0])       # (Defect, Defect)

    monkeypatch.setattr(nashpy.Game, f"{engine.split('-')[1]}_enumeration", planted)
    result = solve_table(table(PD), engine)
    assert [eq.profile for eq in result.equilibria] == [DEFECT]
    assert result.rejected == 2
