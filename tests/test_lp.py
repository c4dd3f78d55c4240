"""The exact LP (negsolve.solvers.lp) against brute force and against the bimatrix zero-sum path."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.model.strategic import PayoffTable
from negsolve.solvers.bimatrix import solve_two_player
from negsolve.solvers.exact_linear import solve_linear
from negsolve.solvers.lp import maximize, minimize, zero_sum_game
from negsolve.solvers.verify import is_equilibrium


def brute_force(c, A_ub, b_ub, A_eq, b_eq):
    """Max of c.x over a *bounded* polyhedron by trying every basic solution (n tight constraints)."""
    n = len(c)
    constraints = [(list(map(Fraction, r)), Fraction(b)) for r, b in zip(A_ub, b_ub, strict=True)]
    equalities = [(list(map(Fraction, r)), Fraction(b)) for r, b in zip(A_eq, b_eq, strict=True)]
    units = [([Fraction(int(i == j)) for j in range(n)], Fraction(0)) for i in range(n)]
    pool = equalities + constraints + units  # a vertex: n linearly independent tight constraints
    best = None
    for chosen in itertools.combinations(range(len(pool)), n):
        system = [pool[i] for i in chosen]
        x = solve_linear([r for r, _ in system], [b for _, b in system])
        if x is None:
            continue
        if any(v < 0 for v in x):
            continue
        if any(sum(a * v for a, v in zip(r, x, strict=True)) > b for r, b in constraints):
            continue
        if any(sum(a * v for a, v in zip(r, x, strict=True)) != b for r, b in equalities):
            continue
        value = sum(Fraction(a) * v for a, v in zip(c, x, strict=True))
        best = value if best is None or value > best else best
    return best


def check_certificate(c, A_ub, b_ub, A_eq, b_eq, result):
    """Primal feasible, dual feasible, equal objectives: an independent proof of optimality."""
    x = result.x
    assert all(v >= 0 for v in x)
    for row, b in zip(A_ub, b_ub, strict=True):
        assert sum(Fraction(a) * v for a, v in zip(row, x, strict=True)) <= b
    for row, b in zip(A_eq, b_eq, strict=True):
        assert sum(Fraction(a) * v for a, v in zip(row, x, strict=True)) == b
    assert sum(Fraction(a) * v for a, v in zip(c, x, strict=True)) == result.value
    assert all(y >= 0 for y in result.dual_ub)
    for j in range(len(c)):
        column = sum(Fraction(row[j]) * y for row, y in zip(A_ub, result.dual_ub, strict=True)) + \
            sum(Fraction(row[j]) * y for row, y in zip(A_eq, result.dual_eq, strict=True))
        assert column >= c[j]
    dual_value = sum(Fraction(b) * y for b, y in zip(b_ub, result.dual_ub, strict=True)) + \
        sum(Fraction(b) * y for b, y in zip(b_eq, result.dual_eq, strict=True))
    assert dual_value == result.value


small = st.integers(-4, 4)


@st.composite
def bounded_lps(draw):
    n = draw(st.integers(1, 3))
    k = draw(st.integers(0, 3))
    e = draw(st.integers(0, 2))
    c = [draw(small) for _ in range(n)]
    A_ub = [[draw(small) for _ in range(n)] for _ in range(k)] + [[int(i == j) for j in range(n)] for i in range(n)]
    b_ub = [draw(st.integers(-3, 6)) for _ in range(k)] + [draw(st.integers(0, 5)) for _ in range(n)]
    A_eq = [[draw(small) for _ in range(n)] for _ in range(e)]
    b_eq = [draw(st.integers(-3, 3)) for _ in range(e)]
    if draw(st.booleans()):  # fractional data
        c = [Fraction(v, draw(st.integers(1, 3))) for v in c]
        A_ub = [[Fraction(v, draw(st.integers(1, 3))) for v in row] for row in A_ub]
    return c, A_ub, b_ub, A_eq, b_eq


@settings(max_examples=150, deadline=None)
@given(bounded_lps())
def test_maximize_agrees_with_brute_force(lp):
    c, A_ub, b_ub, A_eq, b_eq = lp
    result = maximize(c, A_ub, b_ub, A_eq, b_eq)
    expected = brute_force(c, A_ub, b_ub, A_eq, b_eq)
    if expected is None:
        assert result.status == "infeasible"
    else:
        assert result.status == "optimal"
        assert result.value == expected
        check_certificate(c, A_ub, b_ub, A_eq, b_eq, result)


def test_unbounded():
    # max x1 + x2 with x1 - x2 <= 1: the ray (t, t) is feasible
    assert maximize([1, 1], [[1, -1]], [1]).status == "unbounded"


def test_infeasible_inequalities():
    # x1 <= -1 with x1 >= 0
    assert maximize([1], [[1]], [-1]).status == "infeasible"


def test_redundant_equalities():
    # x1 + x2 = 2 stated twice (and once doubled): the artificial of a redundant row stays basic at 0
    result = maximize([1, 2], [], [], [[1, 1], [1, 1], [2, 2]], [2, 2, 4])
    assert result.status == "optimal" and result.value == 4 and result.x == (0, 2)


def test_beale_cycling_example():
    # Beale's (1955) example, on which the textbook simplex method cycles; optimum 1/20 at (1/25, 0, 1, 0)
    c = [Fraction(3, 4), -150, Fraction(1, 50), -6]
    A = [[Fraction(1, 4), -60, Fraction(-1, 25), 9], [Fraction(1, 2), -90, Fraction(-1, 50), 3], [0, 0, 1, 0]]
    result = maximize(c, A, [0, 0, 1])
    assert result.status == "optimal"
    assert result.value == Fraction(1, 20)
    assert result.x == (Fraction(1, 25), 0, 1, 0)
    check_certificate(c, A, [0, 0, 1], [], [], result)


def test_minimize_diet():
    # min 2a + 3b with a + b >= 4, a + 3b >= 6: optimum at (3, 1), cost 9
    result = minimize([2, 3], [[-1, -1], [-1, -3]], [-4, -6])
    assert result.status == "optimal" and result.value == 9 and result.x == (3, 1)


@pytest.mark.parametrize(
    "matrix, value",
    [
        pytest.param([[1, -1], [-1, 1]], 0, id="matching-pennies"),
        pytest.param([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], 0, id="rock-paper-scissors"),
        pytest.param([[3, 1], [2, 4]], Fraction(5, 2), id="2x2-mixed"),
        pytest.param([[5, 5], [5, 5]], 5, id="constant"),
        pytest.param([[2, 3, 1, 5], [4, 1, 6, 0]], Fraction(17, 7), id="2x4"),
    ],
)
def test_zero_sum_values(matrix, value):
    v, x, y = zero_sum_game(matrix)
    assert v == value
    assert sum(x) == 1 and sum(y) == 1
    # x guarantees v against every column, y holds the row player to v
    assert min(sum(x[i] * matrix[i][j] for i in range(len(matrix))) for j in range(len(matrix[0]))) == v
    assert max(sum(y[j] * matrix[i][j] for j in range(len(matrix[0]))) for i in range(len(matrix))) == v


def _zero_sum_table(matrix):
    m, n = len(matrix), len(matrix[0])
    cells = tuple((Fraction(matrix[i][j]), -Fraction(matrix[i][j])) for i in range(m) for j in range(n))
    return PayoffTable((m, n), cells)


@pytest.mark.parametrize("seed", range(12))
def test_zero_sum_value_equals_vertex_enumeration(seed):
    rng = random.Random(seed)
    m, n = rng.randint(1, 6), rng.randint(1, 6)
    spread = rng.choice([2, 5, 50])  # small spreads give degenerate games
    matrix = [[rng.randint(-spread, spread) for _ in range(n)] for _ in range(m)]
    v, x, y = zero_sum_game(matrix)
    table = _zero_sum_table(matrix)
    old = solve_two_player(table)
    assert {eq.payoffs[0] for eq in old.equilibria} == {v}
    assert is_equilibrium(table, (x, y))


def test_unique_flag_only_for_a_provably_unique_optimum() -> None:
    one = maximize([2, 1], [[1, 1]], [1])  # x = (1, 0), the only optimum
    assert one.x == (1, 0) and one.unique
    tied = maximize([1, 1], [[1, 1]], [1])  # the whole edge x + y = 1 is optimal
    assert tied.value == 1 and not tied.unique


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(-4, 4), min_size=3, max_size=3), min_size=1, max_size=4),
       st.lists(st.integers(-3, 3), min_size=3, max_size=3))
def test_unique_optimum_beats_every_other_vertex(rows: list[list[int]], c: list[int]) -> None:
    """When ``unique`` is claimed, moving to any other basic feasible point (within x <= 3) loses value."""
    box = [[1 if j == i else 0 for j in range(3)] for i in range(3)]
    a_ub, b_ub = rows + box, [2] * len(rows) + [3] * 3
    result = maximize(c, a_ub, b_ub)
    if result.status != "optimal" or not result.unique:
        return
    assert result.x is not None and result.value is not None
    for support in itertools.combinations(range(len(a_ub) + 3), 3):
        # the vertex where the chosen 3 of (constraints, x_j >= 0) are tight
        system = [a_ub[i] if i < len(a_ub) else [1 if j == i - len(a_ub) else 0 for j in range(3)]
                  for i in support]
        rhs = [b_ub[i] if i < len(a_ub) else 0 for i in support]
        point = _solve3(system, rhs)
        if point is None or point == result.x:
            continue
        if all(v >= 0 for v in point) and all(sum(a * v for a, v in zip(row, point, strict=True)) <= b
                                              for row, b in zip(a_ub, b_ub, strict=True)):
            assert sum(a * v for a, v in zip(c, point, strict=True)) < result.value


def _solve3(system: list[list[int]], rhs: list[int]) -> tuple[Fraction, ...] | None:
    m = [[Fraction(v) for v in row] + [Fraction(b)] for row, b in zip(system, rhs, strict=True)]
    for col in range(3):
        pivot = next((r for r in range(col, 3) if m[r][col]), None)
        if pivot is None:
            return None
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(3):
            if r != col and m[r][col]:
                f = m[r][col] / m[col][col]
                m[r] = [a - f * b for a, b in zip(m[r], m[col], strict=True)]
    return tuple(m[i][3] / m[i][i] for i in range(3))


def test_minimize_diet_duals_and_pivots() -> None:
    # the dual of min c.x, A x <= b, x >= 0 is max b.y, A^T y <= c, y <= 0.  At the diet optimum (3, 1)
    # both rows are tight: with u = -y, u1 + u2 = 2 and u1 + 3 u2 = 3 give u = (3/2, 1/2), and
    # b.y = 4 * 3/2 + 6 * 1/2 = 9, the primal cost.  Both a and b are basic at the optimum and
    # neither is in the starting basis (slacks and artificials): at least two pivots.
    result = minimize([2, 3], [[-1, -1], [-1, -3]], [-4, -6])
    assert result.dual_ub == (Fraction(-3, 2), Fraction(-1, 2)) and result.dual_eq == ()
    assert result.pivots >= 2


def test_minimize_with_an_equality() -> None:
    # min x1 + 2 x2 with x1 + x2 = 1: x = (1, 0), cost 1; the dual max y, y <= 1, y <= 2 gives y = 1
    result = minimize([1, 2], A_eq=[[1, 1]], b_eq=[1])
    assert (result.status, result.x, result.value) == ("optimal", (1, 0), 1)
    assert result.dual_ub == () and result.dual_eq == (1,)


@settings(max_examples=80, deadline=None)
@given(bounded_lps())
def test_minimize_agrees_with_brute_force_and_certifies_itself(lp) -> None:  # type: ignore[no-untyped-def]
    """The minimum is minus the brute-force maximum of -c; the duals prove it (signs of a minimisation)."""
    c, A_ub, b_ub, A_eq, b_eq = lp
    result = minimize(c, A_ub, b_ub, A_eq, b_eq)
    expected = brute_force([-Fraction(v) for v in c], A_ub, b_ub, A_eq, b_eq)
    if expected is None:
        assert result.status == "infeasible"
        return
    assert result.status == "optimal" and result.value == -expected
    assert sum(Fraction(a) * v for a, v in zip(c, result.x, strict=True)) == result.value
    assert all(y <= 0 for y in result.dual_ub)
    for j in range(len(c)):
        column = sum(Fraction(row[j]) * y for row, y in zip(A_ub, result.dual_ub, strict=True)) + \
            sum(Fraction(row[j]) * y for row, y in zip(A_eq, result.dual_eq, strict=True))
        assert column <= c[j]
    dual_value = sum(Fraction(b) * y for b, y in zip(b_ub, result.dual_ub, strict=True)) + \
        sum(Fraction(b) * y for b, y in zip(b_eq, result.dual_eq, strict=True))
    assert dual_value == result.value


@pytest.mark.parametrize("matrix", [[], [[]]], ids=["no-row", "no-column"])
def test_a_zero_sum_game_without_strategies_is_refused(matrix: list) -> None:
    from negsolve.errors import InputError
    from negsolve.solvers.lp import zero_sum_game

    with pytest.raises(InputError) as caught:
        zero_sum_game(matrix)
    assert [p.message for p in caught.value.problems] == ["a zero-sum game needs at least one row and one column"]
