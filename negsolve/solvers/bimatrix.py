r"""All Nash equilibria of a two-player game, exact: vertex enumeration of the best-response polytopes.

For payoff matrices :math:`A` (row player, :math:`m \times n`) and :math:`B` (column
player), made positive by adding a constant (equilibria do not change), the best-response
polytopes are

.. math::

    P = \{x \in \mathbb{R}^m : x \ge 0,\ B^\top x \le 1\}, \qquad
    Q = \{y \in \mathbb{R}^n : A y \le 1,\ y \ge 0\}.

A point carries label :math:`i` (a row strategy) when :math:`x_i = 0` or
:math:`(Ay)_i = 1`, and label :math:`m + j` when :math:`(B^\top x)_j = 1` or :math:`y_j = 0`.
A pair of nonzero vertices :math:`(x, y)` that together carry all :math:`m + n` labels,
rescaled to probabilities, is an extreme Nash equilibrium, and every extreme equilibrium
arises this way, degenerate games included (von Stengel 2002, Theorem 3.3 ff.; Avis,
Rosenberg, Savani and von Stengel 2010).  The game is nondegenerate exactly when no vertex
has more labels than its dimension.

Steps: (1) scale payoffs to positive integers; (2) enumerate all vertices of P and Q
exactly (:mod:`negsolve.solvers.polytope`); (3) match complementary label sets;
(4) re-verify every equilibrium by its exact regret; (5) for degenerate games, group the
extreme equilibria into maximal Nash subsets (maximal bicliques).
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm

from negsolve.errors import SolverError
from negsolve.model.strategic import PayoffTable
from negsolve.progress import Budget
from negsolve.solvers.polytope import Vertex, enumerate_vertices
from negsolve.solvers.pure import pure_equilibria
from negsolve.solvers.results import Equilibrium, NashSubset, SolveResult
from negsolve.solvers.verify import expected_payoffs, is_equilibrium


def positive_integer_matrix(matrix: list[list[Fraction]]) -> list[list[int]]:
    """A positive affine image of ``matrix`` with integer entries >= 1 (same best responses)."""
    flat = [v for row in matrix for v in row]
    low = min(flat)
    scale = lcm(*(v.denominator for v in flat)) if flat else 1
    return [[int((v - low) * scale) + 1 for v in row] for row in matrix]


def _popcount(mask: int) -> int:
    return bin(mask).count("1")


def best_response_vertices(table: PayoffTable) -> tuple[list[tuple[Vertex, int]], list[tuple[Vertex, int]], bool]:
    """Nonzero vertices of P and Q with their label masks, and whether the game is degenerate."""
    m, n = table.shape
    A = positive_integer_matrix(table.matrix(0))
    B = positive_integer_matrix(table.matrix(1))
    Bt = [[B[i][j] for i in range(m)] for j in range(n)]
    p_vertices = []
    degenerate = False
    for v in enumerate_vertices(Bt):
        # labels: x_i = 0 is label i; (B^T x)_j = 1 is label m + j
        mask = v.tight_variables | (v.tight_rows << m)
        if _popcount(mask) > m:
            degenerate = True
        if v.tight_variables != (1 << m) - 1:
            p_vertices.append((v, mask))
    q_vertices = []
    for v in enumerate_vertices(A):
        # labels: (A y)_i = 1 is label i; y_j = 0 is label m + j
        mask = (v.tight_variables << m) | v.tight_rows
        if _popcount(mask) > n:
            degenerate = True
        if v.tight_variables != (1 << n) - 1:
            q_vertices.append((v, mask))
    return p_vertices, q_vertices, degenerate


def solve_two_player(table: PayoffTable, budget: Budget | None = None) -> SolveResult:
    """Every extreme Nash equilibrium of a two-player game, exact and verified.

    Enumerates the polytope of the player with fewer strategies and solves the other side per
    vertex (:mod:`negsolve.solvers.enumeration`, lrsnash's scheme), with the garbage collector
    paused.  With a ``budget`` (:class:`negsolve.progress.Budget`) the search reports progress
    and can be stopped; the result then holds the equilibria found so far, ``complete=False``.
    """
    import gc

    from negsolve.progress import Stopped
    from negsolve.solvers.enumeration import EnumerationState, FaceTooLarge, one_side_pairs

    m, n = table.shape
    A = positive_integer_matrix(table.matrix(0))
    B = positive_integer_matrix(table.matrix(1))
    transpose = n < m
    if transpose:  # enumerate the lower-dimensional polytope: swap the players' roles
        A, B = [list(col) for col in zip(*B, strict=True)], [list(col) for col in zip(*A, strict=True)]
    # pure equilibria first (a linear scan), so that a stopped search still shows them
    pure = [eq.profile for eq in pure_equilibria(table)]
    state = EnumerationState([(y, x) if transpose else (x, y) for x, y in pure])
    check = None
    if budget is not None:
        tick = budget.tick

        def check(bases: int) -> None:
            tick("enumerating equilibria", bases, len(state.pairs))

    stopped = None
    enabled = gc.isenabled()
    gc.disable()  # the search allocates many short-lived lists and no cycles
    try:
        one_side_pairs(A, B, state, check)
    except FaceTooLarge:
        return solve_two_player_both(table)
    except Stopped as exc:
        stopped = exc.reason
    finally:
        if enabled:
            gc.enable()
    profiles = [(y, x) for x, y in state.pairs] if transpose else state.pairs
    method = "exact enumeration of one best-response polytope, the other side solved per vertex " \
             "(lexicographic pivoting, integer arithmetic)"
    return _result(table, profiles, state.degenerate, method, stopped)


def _result(table: PayoffTable, profiles: list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]],
            degenerate: bool, method: str, stopped: str | None = None) -> SolveResult:
    equilibria = []
    for profile in dict.fromkeys(profiles):  # the pure ones are found twice
        if not is_equilibrium(table, profile):  # pragma: no cover - would be a bug in the enumeration
            raise SolverError(f"internal error: vertex pair {profile} failed exact verification")
        equilibria.append(Equilibrium(profile, expected_payoffs(table, profile)))
    equilibria.sort(key=_order)
    subsets: tuple[NashSubset, ...] = ()
    if degenerate:
        subsets = nash_subsets(equilibria)
    notes: tuple[str, ...] = ()
    if stopped is not None:
        notes = (f"INCOMPLETE: the search was stopped ({stopped}); these are the equilibria found so far",)
    return SolveResult(
        equilibria=tuple(equilibria),
        scope="all",
        degenerate=degenerate,
        method=method,
        nash_subsets=subsets,
        notes=notes,
        complete=stopped is None,
        stopped=stopped,
    )


def solve_two_player_both(table: PayoffTable) -> SolveResult:
    """Every extreme Nash equilibrium by enumerating *both* polytopes and matching labels (the first method).

    Kept as the fall-back for faces too large for :mod:`negsolve.solvers.enumeration` and as
    an independent method for the tests.
    """
    m, n = table.shape
    p_vertices, q_vertices, degenerate = best_response_vertices(table)
    full = (1 << (m + n)) - 1
    pairs: list[tuple[int, int]] = []
    # A vertex pair is complementary when the y-vertex carries every label the x-vertex lacks.
    # Vertices with exactly their dimension's number of labels match by equality of masks;
    # only the (rare) vertices with surplus labels in a degenerate game need a superset scan.
    by_mask: dict[int, list[int]] = {}
    surplus_q = []
    for b, (_, qmask) in enumerate(q_vertices):
        if _popcount(qmask) == n:
            by_mask.setdefault(qmask, []).append(b)
        else:
            surplus_q.append(b)
    for a, (_, mask) in enumerate(p_vertices):
        need = full & ~mask
        if _popcount(need) == n:
            matches = list(by_mask.get(need, ()))
        else:
            matches = [b for b, (_, qmask) in enumerate(q_vertices) if _popcount(qmask) == n and qmask & need == need]
        matches += [b for b in surplus_q if q_vertices[b][1] & need == need]
        pairs.extend((a, b) for b in matches)
    profiles = [(p_vertices[a][0].normalized(), q_vertices[b][0].normalized()) for a, b in pairs]
    return _result(table, profiles, degenerate, "exact vertex enumeration of both polytopes "
                   "(lexicographic pivoting, rational arithmetic)")


def _order(eq: Equilibrium) -> tuple:
    # pure equilibria first, then by support size, then by the probabilities (row player first)
    return (not eq.pure, sum(len(eq.support(i)) for i in range(len(eq.profile))),
            tuple(-p for s in eq.profile for p in s))


def nash_subsets(equilibria: list[Equilibrium] | tuple[Equilibrium, ...]) -> tuple[NashSubset, ...]:
    """Maximal Nash subsets: maximal bicliques of the graph linking x and y of each extreme equilibrium.

    For a two-player game the set of all equilibria is the union of the sets
    conv(X) x conv(Y) over these bicliques (X, Y).
    """
    xs: list[tuple[Fraction, ...]] = []
    ys: list[tuple[Fraction, ...]] = []
    edges: dict[int, set[int]] = {}
    for eq in equilibria:
        x, y = eq.profile
        if x not in xs:
            xs.append(x)
        if y not in ys:
            ys.append(y)
        edges.setdefault(xs.index(x), set()).add(ys.index(y))
    # closed sets of y-vertices: intersections of neighbourhoods
    closed: set[frozenset[int]] = set()
    frontier = {frozenset(nb) for nb in edges.values()}
    while frontier:
        closed |= frontier
        new = set()
        for s in frontier:
            for nb in edges.values():
                inter = s & nb
                if inter and inter not in closed:
                    new.add(frozenset(inter))
        frontier = new
    subsets = []
    for yset in closed:
        xset = frozenset(a for a, nb in edges.items() if ysets_contains(nb, yset))
        # maximal: no strictly larger closed set has the same x side
        subsets.append((xset, yset))
    maximal = [
        (xset, yset) for xset, yset in subsets
        if not any((x2 >= xset and y2 >= yset) and (x2, y2) != (xset, yset) for x2, y2 in subsets)
    ]
    maximal.sort(key=lambda pair: (sorted(pair[0]), sorted(pair[1])))
    return tuple(
        NashSubset((tuple(xs[a] for a in sorted(xset)), tuple(ys[b] for b in sorted(yset))))
        for xset, yset in maximal
    )


def ysets_contains(neighbours: set[int], yset: frozenset[int]) -> bool:
    return yset <= neighbours
