r"""Breakpoints of a plan whose subgames with imperfect information are solved with *mixed* equilibria.

:mod:`negsolve.analysis.tree_paths` carries each equilibrium plan up the tree as polynomials in
the free parameter :math:`x` and takes the real roots of every comparison it makes.  A mixed
equilibrium of a subgame with imperfect information moves with :math:`x`: its probabilities are
rational functions of :math:`x`, not the numbers found at the point solved.  This module follows
it (Shapley's support argument; von Stengel, *Computing equilibria for two-person games*,
Handbook of Game Theory 3, 2002, section 2.3: an extreme equilibrium is the vertex of the best-
response polytopes fixed by its binding constraints).

For a plan found at :math:`x_0`, with values in the field :math:`\mathbb{Q}(x)` (sympy's
``field("x", QQ)``):

1. Solve the tree at :math:`x_0` with ``trace=True``; its :class:`~negsolve.solvers.imperfect_subgame.SubgameStep`
   entries, bottom-up, name each subgame and the equilibria chosen there.
2. For each subgame where the plan mixes: its frontier values come from the plan below (already
   rational functions), its strategic-form cells from
   :func:`~negsolve.model.walk.descend_value` over :math:`\mathbb{Q}(x)`; the equilibrium that
   behaves like the plan is found among the recorded ones (frontier values and behaviour equal
   at :math:`x_0`).
3. Each player's mix :math:`\sigma` solves, over :math:`\mathbb{Q}(x)`, the constraints binding
   at :math:`x_0`: :math:`\sigma_i = 0` off its support, the opponent's payoff equal to its
   value :math:`v` at every best response, :math:`\sum_i \sigma_i = 1`.  When these fix
   :math:`\sigma` uniquely it is the equilibrium near :math:`x_0` (a tie that holds only at
   :math:`x_0` is dropped in every way that leaves a unique solution, :math:`x_0` becomes a
   breakpoint and every alternative is followed).
4. The mix becomes behaviour (:func:`~negsolve.solvers.imperfect_subgame.behaviour_plan`) and
   the plan's values are carried up (:func:`~negsolve.model.walk.plan_values`).  Breakpoints:
   the real roots of numerator and denominator of every comparison the plan makes
   (:func:`plan_comparisons`), of every probability and its complement (where it reaches 0 or
   1), of every difference between two pure strategies' payoffs against the other's mix (where
   a strategy outside the support ties), and of every difference of two cells a player compares.

When a mix cannot be followed (its binding constraints leave it undetermined, or it was not
recorded), the breakpoints of the plan are incomplete: :func:`mixed_plan_breakpoints` then says
``exact=False`` and the caller solves more densely and flags the answer.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from negsolve.analysis.univariate import Poly, to_poly
from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree
from negsolve.model.walk import infoset_key

__all__ = ["cell_comparisons", "mixed_plan_breakpoints", "plan_comparisons", "strategic_forms"]

MAX_BRANCHES = 16  # ways a degenerate point's ties can be dropped, followed per plan


def plan_comparisons(tree: GameTree, plan: Mapping[str, Any], below: Mapping[str, tuple],
                     child_values: Mapping[str, tuple]) -> list:
    """Every comparison a plan makes, in its own number type: each move against the node's value at every
    decision node, the reach-summed ones per information set, and the moves of a mix against each other."""
    diffs: list = []
    groups: dict[tuple, list] = {}
    for node in tree.nodes:
        if node.kind != DECISION:
            continue
        p = node.player or 0
        mine = below[node.id][p]
        for move, kid in zip(node.moves, node.children, strict=False):
            d = mine - child_values[kid][p]
            diffs.append(d)
            if node.infoset is not None:
                groups.setdefault((infoset_key(node), move), []).append(d)
        if isinstance(plan.get(node.id), dict):  # a mix: where two of its moves tie matters too
            for kid_a in node.children:
                for kid_b in node.children:
                    if kid_a < kid_b:
                        diffs.append(child_values[kid_a][p] - child_values[kid_b][p])
    for parts in groups.values():
        if len(parts) > 1:
            total = parts[0]
            for d in parts[1:]:
                total = total + d
            diffs.append(total)
    return diffs


def strategic_forms(tree: GameTree) -> list[int]:
    """Positions of the subgames :func:`~negsolve.solvers.backward.solve_tree` solves through their strategic
    form (a subgame whose root or a child is not solved node by node: an information set inside it)."""
    from negsolve.model.walk import tree_structure
    from negsolve.solvers.backward import subgame_roots

    _, _, children = tree_structure(tree)
    is_root = subgame_roots(tree)
    sizes: dict[tuple, int] = {}
    for node in tree.nodes:
        if node.kind == DECISION and node.infoset is not None:
            sizes[infoset_key(node)] = sizes.get(infoset_key(node), 0) + 1
    out = []
    for k, node in enumerate(tree.nodes):
        if node.kind == TERMINAL or not is_root[k]:
            continue
        solved = all(is_root[c] or tree.nodes[c].kind == TERMINAL for c in children[k])
        if not (solved and (node.kind == CHANCE or sizes.get(infoset_key(node), 1) == 1)):
            out.append(k)
    return out


def cell_comparisons(tree: GameTree, totals: Mapping[str, tuple], payoff: list, probs: list, zero: Any) -> list:
    """In every subgame solved through its strategic form, with the solved parts below valued by ``totals``:
    each active player's payoff from one pure strategy minus another, the others' strategies fixed (where a
    pure best reply changes; generic in the number type: ``payoff[i]``, ``probs[i]`` per position)."""
    from negsolve.model.walk import tree_structure
    from negsolve.solvers.backward import subgame_roots

    _, _, children = tree_structure(tree)
    is_root = subgame_roots(tree)
    diffs: list = []
    for k in strategic_forms(tree):
        players, strategies, cells = _cells(tree, k, children, is_root, totals, payoff, probs, zero)
        for n, p in enumerate(players):
            for idx in cells:
                if idx[n] == 0:  # each profile of the others once
                    for a, b in itertools.combinations(range(len(strategies[n])), 2):
                        diffs.append(cells[(*idx[:n], a, *idx[n + 1:])][p] - cells[(*idx[:n], b, *idx[n + 1:])][p])
    return diffs


def _cells(tree: GameTree, k: int, children: list, is_root: list, totals: Mapping[str, tuple], payoff: list,
           probs: list, zero: Any) -> tuple[list[int], list[list[tuple[int, ...]]], dict[tuple, tuple]]:
    """The strategic form of the subgame at ``k`` as the solver builds it (its active players, their pure
    strategies as a move index per own information set, and the value vector of every profile), the
    solved parts below valued by ``totals``, in the number type of ``payoff``/``probs``."""
    from negsolve.model.walk import descend_value
    from negsolve.solvers.imperfect_subgame import collapsed_subgame

    nodes = tree.nodes
    frontier, infosets = collapsed_subgame(nodes, children, is_root, k)
    players = sorted({key[1] for key in infosets})
    own = [[key for key in infosets if key[1] == p] for p in players]
    strategies = [list(itertools.product(*(range(len(nodes[infosets[key][0]].moves)) for key in keys)))
                  for keys in own]
    known = {f: totals[nodes[f].id] for f in frontier}

    def cell(idx: tuple) -> tuple:
        choice = {key: strategies[n][idx[n]][j] for n in range(len(players)) for j, key in enumerate(own[n])}
        return descend_value(k, nodes, children, lambda i: [(None, children[i][choice[infoset_key(nodes[i])]])],
                             lambda i: payoff[i], lambda i: probs[i], len(tree.players), zero, known=known)

    return players, strategies, {idx: cell(idx) for idx in itertools.product(*(range(len(s)) for s in strategies))}


def mixed_plan_breakpoints(tree: GameTree, plan: Mapping[str, Any], name: str, values: Mapping[str, Fraction],
                           at: Fraction, limit: int) -> tuple[set, bool]:
    """The breakpoints in ``name`` of ``plan`` (found at ``name = at``) with its mixes followed as rational
    functions, and whether they are complete (``exact``)."""
    from sympy import QQ
    from sympy.polys.fields import field

    from negsolve.model.walk import plan_values, tree_structure
    from negsolve.solvers.backward import solve_tree, subgame_roots

    K, X = field("x", QQ)

    def lift(expr: Any) -> Any:
        return _to_field(to_poly(expr, name, values), K, X)

    zero = tuple(K(0) for _ in tree.players)
    payoff = [tuple(lift(e) for e in n.outcome.payoffs) if n.outcome else zero for n in tree.nodes]
    probs = [tuple(lift(e) for e in n.probabilities) if n.kind == CHANCE else () for n in tree.nodes]
    pos, _, children = tree_structure(tree)
    is_root = subgame_roots(tree)
    own = {n.id: payoff[k] for k, n in enumerate(tree.nodes)}
    point = dict(values)
    point[name] = at
    steps = solve_tree(tree, point, limit=limit, trace=True).subgames
    start = {k: ({m: K(QQ(q.numerator, q.denominator)) for m, q in v.items()} if isinstance(v, dict) else v)
             for k, v in plan.items()}
    states: list[dict[str, Any]] = [start]
    points: set = set()
    exact = True
    context = _Context(tree, plan, K, payoff, probs, children, is_root, at)
    for step in steps:
        inside = [i for members in step.infosets for i in members]
        if not any(isinstance(plan.get(i), dict) for i in inside):
            continue
        nxt: list[dict[str, Any]] = []
        for splan in states:
            totals = plan_values(tree, splan, lambda node: own[node.id], lambda e: lift(e), zero)
            fragments, found, ok = _follow_subgame(context, step, pos[step.node], totals)
            points |= found
            exact = exact and ok
            for fragment in fragments:
                merged = {**splan, **fragment}
                if merged not in nxt:  # equilibria that differ only where no own move leads behave alike
                    nxt.append(merged)
        if nxt:
            states = nxt[:MAX_BRANCHES]
            exact = exact and len(nxt) <= MAX_BRANCHES
    for splan in states:
        below: dict[str, tuple] = {}
        totals = plan_values(tree, splan, lambda node: own[node.id], lambda e: lift(e), zero, below)
        for d in plan_comparisons(tree, splan, below, totals) + cell_comparisons(tree, totals, payoff, probs, zero[0]):
            points |= _roots(d)
    return points, exact


class _Context:
    """What every subgame of one plan needs: the tree in positions, its numbers in the field, the point solved."""

    def __init__(self, tree: GameTree, plan: Mapping[str, Any], field: Any, payoff: list, probs: list,
                 children: list, is_root: list, at: Fraction) -> None:
        self.tree, self.plan, self.field, self.payoff, self.probs = tree, plan, field, payoff, probs
        self.children, self.is_root, self.at = children, is_root, at


def _follow_subgame(c: _Context, step: Any, k: int, totals: Mapping[str, tuple]) -> tuple[list[dict], set, bool]:
    """The plan's behaviour in the subgame at ``k`` as rational functions (one fragment per way its
    degenerate ties can be dropped), the breakpoints of its mix, and whether it could be followed."""
    from negsolve.solvers.imperfect_subgame import behaviour_plan, collapsed_subgame

    nodes = c.tree.nodes
    frontier, infosets = collapsed_subgame(nodes, c.children, c.is_root, k)
    players = sorted({key[1] for key in infosets})
    try:
        here = tuple(tuple(_value_at(v, c.at) for v in totals[nodes[i].id]) for i in frontier)
    except ZeroDivisionError:
        return [], set(), False
    chosen = [e for s in step.solutions if _same(s.values, here) for e in s.equilibria
              if all(c.plan.get(nid) == move for nid, move in e.plan.items())]
    if len(players) != 2 or not chosen:
        return [], set(), False
    _, listed, cells = _cells(c.tree, k, c.children, c.is_root, totals, c.payoff, c.probs, c.field(0))
    own = {p: [key for key in infosets if key[1] == p] for p in players}
    strategies = dict(zip(players, listed, strict=True))
    fragments: list[dict] = []
    points: set = set()
    exact = True
    for e in chosen:
        mixes = []
        for n in (0, 1):
            got, degenerate = _follow_mix(c.field, cells, n, players, e.profile[n], c.at)
            exact = exact and bool(got)
            if degenerate:
                points.add(c.at)
            mixes.append(got)
        for sigma0, sigma1 in itertools.product(*mixes):
            points |= _mix_points(cells, players, (sigma0, sigma1))
            mixed = {players[0]: sigma0, players[1]: sigma1}
            fragments.append(behaviour_plan(nodes, c.children, infosets, own, strategies, mixed, number=c.field))
    return fragments, points, exact


def _follow_mix(field: Any, cells: Mapping[tuple[int, int], tuple], n: int, players: list[int],
                found: tuple, at: Fraction) -> tuple[list[tuple], bool]:
    """Player ``n``'s mix (weights ``found`` at ``at``) as rational functions: solve the constraints binding
    at ``at``; when they hold together only at ``at``, every square subsystem solved uniquely (second
    value: True).  An empty list: not determined."""
    other = players[1 - n]
    size = len(found)
    pay = [[cells[(i, j) if n == 0 else (j, i)][other] for j in range(len({key[1 - n] for key in cells}))]
           for i in range(size)]
    replies = [sum((found[i] * _value_at(pay[i][j], at) for i in range(size)), Fraction(0))
               for j in range(len(pay[0]))]
    best = max(replies)
    # unknowns: sigma_0 .. sigma_{size-1}, v; each row: coefficients, constant
    fixed = [([field(1) if i == z else field(0) for i in range(size)] + [field(0)], field(0))
             for z in range(size) if found[z] == 0]
    fixed.append(([field(1)] * size + [field(0)], field(1)))
    ties = [([pay[i][j] for i in range(size)] + [field(-1)], field(0)) for j, r in enumerate(replies) if r == best]
    solution, status = _solve(field, fixed + ties, size + 1)
    if status == "unique":
        return [tuple(solution[:size])], False
    if status == "underdetermined":
        return [], False
    out = []
    for subset in itertools.islice(itertools.combinations(ties, size + 1 - len(fixed)), MAX_BRANCHES):
        solution, status = _solve(field, fixed + list(subset), size + 1)
        if status == "unique":
            out.append(tuple(solution[:size]))
    return out, True


def _solve(field: Any, rows: list[tuple[list, Any]], width: int) -> tuple[list, str]:
    """Gauss–Jordan elimination over the field: ``(solution, "unique")``, or ``([], "inconsistent")`` /
    ``([], "underdetermined")``."""
    matrix = [list(coeffs) + [rhs] for coeffs, rhs in rows]
    pivots: list[int] = []
    r = 0
    for col in range(width):
        pick = next((i for i in range(r, len(matrix)) if matrix[i][col]), None)
        if pick is None:
            continue
        matrix[r], matrix[pick] = matrix[pick], matrix[r]
        head = matrix[r][col]
        matrix[r] = [v / head for v in matrix[r]]
        for i in range(len(matrix)):
            if i != r and matrix[i][col]:
                factor = matrix[i][col]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[r], strict=True)]
        pivots.append(col)
        r += 1
    if any(row[width] for row in matrix[r:]):
        return [], "inconsistent"
    if len(pivots) < width:
        return [], "underdetermined"
    return [matrix[i][width] for i in range(width)], "unique"


def _mix_points(cells: Mapping[tuple[int, int], tuple], players: list[int], mixes: tuple[tuple, tuple]) -> set:
    """Where the followed equilibrium can stop being one: a probability at 0 or 1, two pure strategies
    tying against the other's mix (two cells a player compares: :func:`cell_comparisons`)."""
    points: set = set()
    rows = max(a for a, _ in cells) + 1
    cols = max(b for _, b in cells) + 1
    for sigma in mixes:
        for q in sigma:
            points |= _roots(q) | _roots(1 - q)
    for n, p in enumerate(players):
        mine, theirs = (rows, cols) if n == 0 else (cols, rows)
        sigma = mixes[1 - n]

        def at(i: int, j: int, who: int = p, first: bool = n == 0) -> Any:
            return cells[(i, j) if first else (j, i)][who]

        against = [sum((sigma[j] * at(i, j) for j in range(theirs)), sigma[0] * 0) for i in range(mine)]
        for a, b in itertools.combinations(range(mine), 2):
            points |= _roots(against[a] - against[b])
    return points


def _to_field(poly: Poly, field: Any, x: Any) -> Any:
    out = field(0)
    for k, c in enumerate(poly.coeffs):
        out = out + field(c) * x**k
    return out


def _poly(element: Any) -> Poly:
    """A polynomial element of the field's ring as a :class:`Poly`."""
    coeffs: dict[int, Fraction] = {}
    for (k,), c in element.terms():
        coeffs[k] = Fraction(int(c.numerator), int(c.denominator))
    return Poly.make(coeffs.get(k, 0) for k in range(max(coeffs, default=-1) + 1))


def _roots(value: Any) -> set:
    """Real roots of a rational function's numerator and denominator (none for a constant)."""
    if not value:
        return set()
    return set(_poly(value.numer).roots()) | set(_poly(value.denom).roots())


def _value_at(value: Any, x: Fraction) -> Fraction:
    numer, denom = _poly(value.numer)(x), _poly(value.denom)(x)
    return numer / denom  # ZeroDivisionError where the denominator vanishes


def _same(recorded: tuple, here: tuple) -> bool:
    return all(Fraction(a) == b for rec, now in zip(recorded, here, strict=True) for a, b in zip(rec, now, strict=True))

