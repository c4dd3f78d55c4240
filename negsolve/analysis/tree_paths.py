r"""Outcomes of game trees: where does *some* / *every* subgame-perfect equilibrium follow a path?

A **path** is a sequence of moves from the root: at a decision node a move of the mover, at a
chance node (optionally) one of chance's moves; it ends where the list ends.  A behaviour plan
**follows** the path when every decision move on it is played with probability 1 (so, chance
permitting, play goes down the path).  For parameter values :math:`\theta` let
:math:`E(\theta)` be the subgame-perfect equilibria :func:`~negsolve.solvers.backward.solve_tree`
finds (pure behaviour where the mover has a tie, every extreme equilibrium of a subgame with
imperfect information).  Then

.. math::  S = \{\theta : \exists e \in E(\theta),\ e \text{ follows the path}\}, \qquad
           A = \{\theta : \forall e \in E(\theta),\ e \text{ follows the path}\}.

Both are computed exactly **one parameter at a time**, the others at their current values (a
ceteris-paribus reading, like the per-lever ranges of ``stability``).  Along one parameter
:math:`x` every payoff and chance probability is a polynomial in :math:`x`; the set of
equilibria can only change where a mover's comparison between two moves changes sign.  The
method:

1. The parameter's **domain**: where every chance probability is :math:`\ge 0` (and, when the
   model declares them, inside the parameter's ``minimum``/``maximum``).
2. Solve the tree exactly at a few points of the domain.  For every equilibrium found, carry its
   behaviour up the tree as polynomials in :math:`x` and collect the real roots of every
   comparison it makes (each move against each alternative at every decision node; the
   reach-weighted comparison at every information set): the **breakpoints**.
3. Solve again at every new rational breakpoint and once between consecutive breakpoints;
   repeat from 2 until no new equilibrium appears.
4. :math:`S` and :math:`A` are read off the solutions at the breakpoints and in the gaps
   (:func:`~negsolve.analysis.univariate.piecewise_set`).

Each answer is thus the tree's own solver evaluated at every point where the answer can change;
the tests compare it with the solver on grids.  Irrational breakpoints (non-linear payoffs) are
decided from their neighbourhood (closed for :math:`S`, open for :math:`A`); the report notes it.

A plan that mixes in a subgame with imperfect information is carried up as *rational functions*
of :math:`x`, its mixes followed as the parameter moves (:mod:`negsolve.analysis.tree_path_mixes`);
plans without a mix stay polynomials.  Where a mix cannot be followed the parameter's answer is
solved on a finer grid and flagged (``exact=False``) instead of guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.analysis.univariate import (
    Interval,
    NotPolynomial,
    Poly,
    intersect,
    piecewise_set,
    sympy_condition,
    to_poly,
    words,
)
from negsolve.errors import InputError, Problem
from negsolve.model.frozen import freeze_fields
from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree, node_index

LIMIT = 5000  # equilibria listed per point; "every" needs them all
MAX_ROUNDS = 6
DENSE = 15  # points solved between two breakpoints when a plan's breakpoints could not all be found


@dataclass(frozen=True)
class TreePath:
    moves: tuple[str, ...]
    steps: tuple[tuple[str, str], ...]  # (node id, move) from the root, chance moves included

    @property
    def text(self) -> str:
        return ", ".join(self.moves)


def parse_path(tree: GameTree, text: str) -> TreePath:
    """``"In,D,R"`` -> the path's (node, move) steps; chance moves may be named or skipped when the
    next name is not one of chance's moves (then the path stops at the chance node)."""
    import difflib

    index = node_index(tree)
    wanted = [m.strip() for m in text.split(",") if m.strip()]
    if not wanted:
        raise InputError([Problem("--outcome: give the path as moves from the root, e.g. --outcome \"In,D,R\"")])
    node = tree.nodes[0]
    steps: list[tuple[str, str]] = []
    for move in wanted:
        if node.kind == TERMINAL:
            raise InputError([Problem(f"--outcome: the path reaches a leaf ({node.id!r}) before {move!r}")])
        if move not in node.moves:
            close = difflib.get_close_matches(move, list(node.moves), n=1, cutoff=0.4)
            who = "chance" if node.kind == CHANCE else tree.players[node.player or 0]
            hint = f"did you mean {close[0]!r}?" if close else "moves: " + ", ".join(node.moves)
            raise InputError([Problem(f"--outcome: {move!r} is not a move at {node.id!r} ({who})", hint=hint)])
        steps.append((node.id, move))
        node = index[node.children[node.moves.index(move)]]
    return TreePath(tuple(wanted), tuple(steps))


def follows(tree: GameTree, plan: Mapping[str, Any], path: TreePath) -> bool:
    """Whether ``plan`` plays every decision move of ``path`` with probability 1."""
    from negsolve.analysis.tree_plays import follows_steps

    kinds = {n.id: n.kind for n in tree.nodes}
    return follows_steps(plan, [(node_id, move) for node_id, move in path.steps if kinds[node_id] == DECISION])


@dataclass(frozen=True)
class ParameterPathRegion:
    """Along one parameter (the others at their current values): the domain and the two sets."""

    name: str
    domain: tuple[Interval, ...]
    some: tuple[Interval, ...]
    every: tuple[Interval, ...]
    irrational: bool = False
    exact: bool = True  # False: some plan's breakpoints could not all be found; bounds from a finer grid

    def words(self, which: str) -> str:
        return words(list(getattr(self, which)), self.name, list(self.domain))

    def condition(self, which: str) -> str:
        return sympy_condition(list(getattr(self, which)), self.name, list(self.domain))

    def domain_words(self) -> str:
        text = words(list(self.domain), self.name)
        return "any value" if text == "always" else text


@dataclass(frozen=True)
class PathRegionReport:
    tree: GameTree
    path: TreePath
    values: dict[str, Fraction]
    count_now: int
    following_now: int
    parameters: tuple[ParameterPathRegion, ...]

    def __post_init__(self) -> None:
        freeze_fields(self, "values")

    @property
    def some_now(self) -> bool:
        return self.following_now > 0

    @property
    def every_now(self) -> bool:
        return self.count_now > 0 and self.following_now == self.count_now


def path_region(tree: GameTree, path_text: str, overrides: Mapping[str, Fraction] | None = None) -> PathRegionReport:
    """Where some / every subgame-perfect equilibrium follows the path, one parameter at a time."""
    from negsolve.solvers.backward import solve_tree

    path = parse_path(tree, path_text)
    values = tree.parameter_values(overrides)
    now = solve_tree(tree, values, limit=LIMIT)
    following = sum(1 for e in now.equilibria if follows(tree, e.plan, path))
    regions = tuple(_along(tree, path, p, values) for p in tree.parameters)
    return PathRegionReport(tree, path, dict(values), now.count, following, regions)


def parameter_domain(tree: GameTree, param: Any, values: Mapping[str, Fraction]) -> list[Interval]:
    """Values of ``param`` (others fixed) where every chance probability is >= 0, within its declared bounds."""
    low, high = getattr(param, "minimum", None), getattr(param, "maximum", None)
    bounds: list[Interval] = [Interval(low, high, low is not None, high is not None)]
    polys = []
    for node in tree.nodes:
        if node.kind == CHANCE:
            for expr in node.probabilities:
                try:
                    polys.append(to_poly(expr, param.name, values))
                except NotPolynomial:
                    continue
    if not polys:
        return bounds
    points = [r for poly in polys for r in poly.roots()]
    ok = piecewise_set(points, lambda x: all(poly(x) >= 0 for poly in polys), lambda a, b: a or b)
    return intersect(bounds, ok)


def _along(tree: GameTree, path: TreePath, param: Any, values: Mapping[str, Fraction],
           memo: dict | None = None) -> ParameterPathRegion:
    """One parameter's domain and sets.  ``memo`` (shared between paths of one tree at the same
    values) keeps the solutions and each plan's breakpoints, which do not depend on the path."""
    from negsolve.model.tree import tree_problems
    from negsolve.solvers.backward import solve_tree

    name = param.name
    memo = {} if memo is None else memo
    solved: dict = memo.setdefault("solved", {})
    plan_points: dict = memo.setdefault("breakpoints", {})
    domain = parameter_domain(tree, param, values)
    cache: dict[Fraction, tuple[bool, bool] | None] = {}
    seen_plans: set = set()
    inexact: list[bool] = []  # a plan whose breakpoints could not all be found
    breakpoints: set = {x for i in domain for x in (i.low, i.high) if x is not None}

    def solve_at(x: Fraction) -> tuple[bool, bool] | None:
        if x in cache:
            return cache[x]
        if (name, x) not in solved:
            point = dict(values)
            point[name] = x
            if not any(i.contains(x) for i in domain) or tree_problems(tree, point):
                solved[name, x] = None
            else:
                result = solve_tree(tree, point, limit=LIMIT)
                solved[name, x] = ([e.plan for e in result.equilibria], result.truncated)
        if solved[name, x] is None:
            cache[x] = None
            return None
        plans, truncated = solved[name, x]
        flags = [follows(tree, plan, path) for plan in plans]
        cache[x] = (any(flags), all(flags) and not truncated and bool(flags))
        for plan in plans:
            key = _plan_key(plan)
            if key not in seen_plans:
                seen_plans.add(key)
                if (name, key) not in plan_points:
                    plan_points[name, key] = _plan_breakpoints(tree, plan, name, values, x)
                found, exact = plan_points[name, key]
                breakpoints.update(found)
                if not exact:
                    inexact.append(True)
        return cache[x]

    points = _refine(solve_at, cache, breakpoints, domain, Fraction(values[name]))
    if inexact:
        points = _refine(solve_at, cache, breakpoints, domain, Fraction(values[name]), DENSE)

    def some(x: Fraction) -> bool:
        got = solve_at(x)
        return bool(got and got[0])

    def every(x: Fraction) -> bool:
        got = solve_at(x)
        return bool(got and got[1])

    some_set = tuple(piecewise_set(points, some, lambda a, b: a or b))
    every_set = tuple(piecewise_set(points, every, lambda a, b: a and b))
    return ParameterPathRegion(name, tuple(domain), some_set, every_set, _irrational(domain, some_set, every_set),
                               exact=not inexact)


def _irrational(*sets: Any) -> bool:
    """Whether a bound of the domain or the answer is irrational (the note is about those: a mixed plan's
    comparisons can have irrational roots that bound nothing)."""
    return any(x is not None and not isinstance(x, Fraction) for intervals in sets for i in intervals
               for x in (i.low, i.high))


def _plan_key(plan: Mapping[str, Any]) -> tuple:
    """A hashable, order-free form of a plan (mixed moves as sorted (move, probability) pairs)."""
    return tuple(sorted((k, v if isinstance(v, str) else tuple(sorted(v.items()))) for k, v in plan.items()))


def _refine(solve_at: Any, cache: dict, breakpoints: set, domain: list[Interval],
            start: Fraction, between: int = 1) -> list:
    """Solve at the current value, the domain's ends, every breakpoint and ``between`` points between
    each two, round after round, until no new plan appears (at most MAX_ROUNDS); the sorted breakpoints."""
    samples: set[Fraction] = {start}
    for i in domain:
        for x in (i.low, i.high):
            if isinstance(x, Fraction):
                samples.add(x)
    for _ in range(MAX_ROUNDS):
        before = len(breakpoints)  # a new plan with no new breakpoint (a mix that moved) needs no new round
        for x in sorted(samples - set(cache)):
            solve_at(x)
        points = sorted(breakpoints, key=float)
        samples = {x for x in points if isinstance(x, Fraction)}
        bounds = [None, *points, None]
        samples |= {x for a, b in zip(bounds, bounds[1:], strict=False) for x in _between(a, b, between)}
        if len(breakpoints) == before and samples <= set(cache):
            break
    return sorted(breakpoints, key=float)


def _between(low: Any, high: Any, count: int) -> list[Fraction]:
    """At least ``count`` rationals strictly between two breakpoints (``None``: unbounded), by bisection."""
    from negsolve.analysis.univariate import rational_between

    out: list[Fraction] = []
    edges = [low, high]
    while len(out) < count:
        out.extend(rational_between(a, b) for a, b in zip(edges, edges[1:], strict=False))
        edges = [low, *sorted(out), high]
    return out


def _plan_breakpoints(tree: GameTree, plan: Mapping[str, Any], name: str, values: Mapping[str, Fraction],
                      at: Fraction) -> tuple[set, bool]:
    """Real roots (in ``name``) of every comparison the plan (found at ``name = at``) makes, and whether
    they are complete.  Without a mix: carried up as polynomials; with one, its mixed subgames are
    followed as rational functions (:mod:`negsolve.analysis.tree_path_mixes`)."""
    from negsolve.analysis.tree_path_mixes import (
        cell_comparisons,
        mixed_plan_breakpoints,
        plan_comparisons,
        strategic_forms,
    )

    try:
        if any(isinstance(move, dict) for move in plan.values()):
            return mixed_plan_breakpoints(tree, plan, name, values, at, LIMIT)
        below, child_values = _plan_polynomials(tree, plan, name, values)
        diffs = plan_comparisons(tree, plan, below, child_values)
        if strategic_forms(tree):  # where a pure equilibrium of such a subgame appears or goes
            zero = tuple(Poly(()) for _ in tree.players)
            payoff = [tuple(to_poly(e, name, values) for e in n.outcome.payoffs) if n.outcome else zero
                      for n in tree.nodes]
            probs = [tuple(to_poly(e, name, values) for e in n.probabilities) for n in tree.nodes]
            diffs += cell_comparisons(tree, child_values, payoff, probs, Poly(()))
    except NotPolynomial:
        return set(), False
    out: set = set()
    for d in diffs:
        out.update(d.roots())
    return out, True


def _plan_polynomials(tree: GameTree, plan: Mapping[str, Any], name: str,
                      values: Mapping[str, Fraction]) -> tuple[dict[str, tuple], dict[str, tuple]]:
    """Per node: the value of play below it (its own payoffs excluded) and the value of reaching it."""
    from negsolve.model.walk import plan_values

    zero = tuple(Poly(()) for _ in tree.players)
    below: dict[str, tuple] = {}
    total = plan_values(tree, plan, lambda node: tuple(to_poly(e, name, values) for e in node.outcome.payoffs)
                        if node.outcome else zero, lambda e: to_poly(e, name, values), zero, below)
    return below, total
