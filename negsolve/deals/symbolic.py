r"""Bargaining solutions as exact expressions in the game's parameters, piece by piece (sympy).

For a two-player game whose payoffs contain parameters :math:`\theta`, each bargaining solution is
a piecewise rational function of :math:`\theta`: on each piece the solution lies at one outcome
(a vertex of the feasible set) or on one edge :math:`[A, B]` between two outcomes, measured from a
disagreement point :math:`d(\theta)` of one kind (a fixed outcome, values, or an equilibrium of a
fixed support).  On a piece the point is a closed form in the payoff expressions:

- **Nash**, vertex :math:`V`: :math:`V`; edge: :math:`P = A + t^*(B - A)`,
  :math:`t^* = -\frac{a_1 b_2 + a_2 b_1}{2 b_1 b_2}`, :math:`a = A - d`, :math:`b = B - A`.
  *Valid exactly where* :math:`P > d` (both gains positive), :math:`0 \le t^* \le 1`, and every
  outcome :math:`o` lies below the tangent of the level curve of the Nash product at :math:`P`:
  :math:`(P_2 - d_2)(o_1 - P_1) + (P_1 - d_1)(o_2 - P_2) \le 0` (the first-order condition of a
  concave maximisation over a convex hull: necessary and sufficient).
- **Egalitarian**, edge with negative slope (:math:`A` upper left): :math:`P = d + \lambda (1, 1)`
  with :math:`t = \frac{(A_2 - d_2) - (A_1 - d_1)}{b_1 - b_2}`; valid where :math:`0 \le t \le 1`,
  :math:`\lambda > 0`, :math:`b_1 > 0 > b_2` and every outcome lies on or below the line through
  :math:`A, B` (so the ray leaves the feasible set through this efficient edge).
- **Kalai–Smorodinsky**, the same with the direction :math:`I - d` (:math:`I` the ideal point);
  pieces where each ideal payoff is one outcome's payoff :math:`V^{(i)}_i` with
  :math:`V^{(i)}_i \ge o_i` for every outcome and :math:`V^{(i)}_j \ge d_j` (sufficient conditions).
- **Utilitarian**, vertex :math:`V`: valid where :math:`V_1 + V_2 \ge o_1 + o_2` for every outcome
  and :math:`V \ge d`.

The disagreement point: ``outcome`` and ``values`` are closed forms directly; the default
status-quo equilibrium is the equilibrium of the same support as at the sample point, solved from
the indifference equations, valid where its probabilities are non-negative, no strategy outside the
support pays more, and its total stays at most that of every other equilibrium found at the sample
point.  ``minmax`` is not done symbolically.

**One free parameter**: the pieces are found by walking along the parameter's domain: at a sample
point the exact numeric solver (:func:`negsolve.deals.bargaining.bargain`) says which outcomes carry
the solution; the validity conditions of that closed form are solved exactly
(between the nearest real roots of their numerators and denominators), giving the piece's
interval; the walk continues just past its end.  Pieces narrower than the step (1/64 of the
parameter's unit) can be missed; where no closed form applies the piece is reported without one.
**Several free parameters**: the piece at the given parameter values, with its conditions (not
reduced).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from negsolve.deals.bargaining import SOLUTIONS, bargain
from negsolve.deals.hull import payoff_space
from negsolve.errors import InputError, Problem
from negsolve.model.frozen import freeze_fields
from negsolve.model.strategic import StrategicGame, payoff_table

STEP = Fraction(1, 64)
WINDOW = 20  # search this far each side of the default when a parameter's domain is unbounded
MAX_PIECES = 40


@dataclass(frozen=True)
class Piece:
    """One closed form of one solution: valid for ``lower < x < upper`` (one free parameter; None: unbounded)
    or where every condition ``c <= 0`` / ``c < 0`` of ``conditions`` holds.

    ``payoffs`` and the lottery probabilities are sympy expressions; ``outcomes`` the pure profiles of
    the lottery; ``payoffs`` is None when no closed form was derived (``sample`` says where it was seen).
    """

    solution: str
    lower: Any
    upper: Any
    conditions: tuple[tuple[str, Any, bool], ...]
    payoffs: tuple[Any, Any] | None
    lottery: tuple[tuple[tuple[int, ...], Any], ...]
    disagreement: tuple[Any, Any] | None
    sample: dict[str, Fraction]
    where: str = ""

    def __post_init__(self) -> None:
        freeze_fields(self, "sample")


@dataclass(frozen=True)
class SymbolicBargaining:
    free: tuple[str, ...]
    fixed: dict[str, Fraction]
    pieces: dict[str, tuple[Piece, ...]]
    window: tuple[Fraction | None, Fraction | None] | None = None
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        freeze_fields(self, "fixed", "pieces")


def symbolic_bargaining(game: StrategicGame, overrides: Mapping[str, Fraction] | None = None,
                        disagreement: str | None = None, free: Sequence[str] = (),
                        status_quo: tuple[int, ...] | None = None) -> SymbolicBargaining:
    """The four bargaining solutions as piecewise closed forms in the ``free`` parameters (default: all)."""
    if len(game.players) != 2:
        raise InputError([Problem("--symbolic: bargaining solutions are computed for two players")])
    names = [p.name for p in game.parameters]
    free = tuple(free) or tuple(names)
    unknown = [n for n in free if n not in names]
    if unknown or not free:
        raise InputError([Problem(f"--symbolic: the game has no parameter {unknown[0]!r}" if unknown
                                  else "--symbolic: the game has no parameters", hint="declared: " + ", ".join(names)
                                  if names else "add a [parameters] table, or drop --symbolic")])
    if disagreement is not None and disagreement.strip().lower() == "minmax":
        raise InputError([Problem("--symbolic with --disagreement minmax is not supported",
                                  hint="use the status quo (default), 'outcome S1,S2' or 'values v1,v2'")])
    values = game.parameter_values(overrides)
    ctx = _Context(game, values, free, disagreement, status_quo)
    fixed = {k: v for k, v in values.items() if k not in free}
    if len(free) > 1:
        return SymbolicBargaining(free, fixed, {s: (ctx.piece(s, values),) for s in SOLUTIONS})
    param = next(p for p in game.parameters if p.name == free[0])
    lo = param.minimum if param.minimum is not None else values[param.name] - WINDOW
    hi = param.maximum if param.maximum is not None else values[param.name] + WINDOW
    ctx.domain = (param.minimum, param.maximum)
    pieces = {s: tuple(ctx.walk(s, param.name, lo, hi)) for s in SOLUTIONS}
    return SymbolicBargaining(free, fixed, pieces, (lo, hi))


class _Context:
    """The game's payoffs as sympy expressions, and the solver at sample points."""

    def __init__(self, game: StrategicGame, values: dict[str, Fraction], free: tuple[str, ...],
                 disagreement: str | None, status_quo: tuple[int, ...] | None) -> None:
        import sympy

        from negsolve.analysis.symbolic import symbols_for, to_sympy

        self.game, self.values, self.free, self.text, self.status_quo = game, values, free, disagreement, status_quo
        self.symbols = symbols_for(list(free))
        self.cache: dict[tuple, tuple] = {}
        self.domain: tuple[Fraction | None, Fraction | None] = (None, None)
        fixed = {k: sympy.Rational(v.numerator, v.denominator) for k, v in values.items() if k not in free}
        # the payoffs' expression trees (read by the safe parser) straight into sympy, fixed values in place
        self.u = {profile: tuple(to_sympy(e, {**fixed, **self.symbols}) for e in cell)
                  for profile, cell in zip(game.profiles(), game.payoffs, strict=True)}

    def at(self, point: Mapping[str, Fraction]) -> dict[str, Fraction]:
        return {**self.values, **point}

    # --- the walk along one parameter -------------------------------------------------------------
    def walk(self, solution: str, name: str, lo: Fraction, hi: Fraction) -> list[Piece]:
        import sympy

        x = self.symbols[name]
        pieces: list[Piece] = []
        here = lo if lo == hi else lo + STEP
        while here < hi and len(pieces) < MAX_PIECES:
            piece = self.piece(solution, {**self.values, name: here})
            lower, upper = self._interval(piece, x, here)
            if self.domain[0] is not None:
                lower = sympy.Max(lower, sympy.Rational(self.domain[0].numerator, self.domain[0].denominator))
            if self.domain[1] is not None:
                upper = sympy.Min(upper, sympy.Rational(self.domain[1].numerator, self.domain[1].denominator))
            pieces.append(Piece(piece.solution, lower, upper, piece.conditions, piece.payoffs, piece.lottery,
                                piece.disagreement, piece.sample, piece.where))
            if upper == sympy.oo or upper >= sympy.Rational(hi.numerator, hi.denominator):
                break
            end = Fraction(sympy.Rational(upper)) if upper.is_Rational else Fraction(str(sympy.N(upper, 30)))
            here = max(end, here) + STEP
        return _merge(pieces)

    def _interval(self, piece: Piece, x: Any, here: Fraction) -> tuple[Any, Any]:
        """The largest open interval around ``here`` where no condition changes sign: between the
        nearest real roots of the conditions' numerators and denominators (exact algebraic numbers)."""
        import sympy

        point = sympy.Rational(here.numerator, here.denominator)
        if piece.payoffs is None:
            return point - sympy.Rational(STEP), point + sympy.Rational(STEP)
        lower, upper = -sympy.oo, sympy.oo
        for _, expr, _ in piece.conditions:
            for part in sympy.fraction(sympy.together(expr)):
                if not part.has(x):
                    continue
                for root in sympy.Poly(part, x).real_roots():
                    if root < point:
                        lower = sympy.Max(lower, root)
                    elif root > point:
                        upper = sympy.Min(upper, root)
        return lower, upper

    # --- one closed form at one sample point -----------------------------------------------------
    def piece(self, solution: str, point: Mapping[str, Fraction]) -> Piece:
        from negsolve.deals.space import minmax_values, parse_disagreement
        from negsolve.solvers import solve_table

        values = self.at(point)
        key = tuple(sorted(values.items()))
        if key not in self.cache:
            table = payoff_table(self.game, values)
            space = payoff_space(table)
            result = solve_table(table)
            d_num = parse_disagreement(self.game, table, minmax_values(table), result, self.text, self.status_quo)
            d, d_conditions = self._disagreement(d_num, result, values)
            hull = [(v[0], v[1]) for v in space.vertices]
            self.cache[key] = (table, space, d, d_conditions, bargain(hull, (d_num.payoffs[0], d_num.payoffs[1])))
        table, space, d, d_conditions, solved = self.cache[key]
        sample = {k: values[k] for k in self.free}
        if solution not in solved.solutions or solved.degenerate or d is None:
            return Piece(solution, None, None, (), None, (), d, sample, "no closed form here")
        outcomes = [space.vertex_outcomes[k][0] for k, _ in solved.solutions[solution].weights]
        if len(outcomes) == 2 and solved.solutions[solution].point[0] > table.at(outcomes[1])[0]:
            outcomes.reverse()  # A is the upper-left end
        form = _best_for_all(self, outcomes, d) if solution in ("kalai_smorodinsky", "egalitarian") \
            and len(outcomes) == 1 else _FORMS[solution](self, outcomes, d, space, solved)
        if form is None:
            return Piece(solution, None, None, (), None, (), d, sample, "no closed form here")
        payoffs, lottery, conditions = form
        cleaned = tuple(_clean(d_conditions + conditions))
        if not _holds(cleaned, self.symbols, sample):
            return Piece(solution, None, None, (), None, (), d, sample, "no closed form here")
        return Piece(solution, None, None, cleaned, payoffs, lottery, d, sample)

    def _disagreement(self, d_num: Any, result: Any, values: dict[str, Fraction]) -> tuple[Any, list]:
        import sympy

        if d_num.kind == "values":
            return tuple(sympy.Rational(v.numerator, v.denominator) for v in d_num.payoffs), []
        profile = tuple(next(k for k, p in enumerate(strategy) if p) for strategy in d_num.profile) \
            if d_num.profile is not None else None
        if d_num.kind in ("outcome", "subgame-perfect") and profile is not None:
            return self.u[profile], []
        if d_num.kind != "equilibrium":
            return None, []
        chosen = min(result.equilibria, key=lambda e: sum(e.payoffs))
        mine = self._equilibrium(chosen.profile)
        if mine is None:
            return None, []
        conditions = list(mine[1])
        for other in result.equilibria:
            if other is chosen:
                continue
            theirs = self._equilibrium(other.profile)
            if theirs is not None:
                conditions.append((sum(mine[0]) - sum(theirs[0]), False))
        return mine[0], conditions

    def _equilibrium(self, profile: Any) -> tuple[tuple[Any, Any], list] | None:
        """Payoffs of the equilibrium with this support, and the conditions that it stays one."""
        import sympy

        supports = [tuple(k for k, p in enumerate(s) if p > 0) for s in profile]
        if len(supports[0]) != len(supports[1]):
            return None
        m, n = len(profile[0]), len(profile[1])
        ys = sympy.symbols(f"y0:{n}")
        xs = sympy.symbols(f"x0:{m}")
        v1, v2 = sympy.symbols("v1 v2")
        eqs = [sum(ys[j] * self.u[(i, j)][0] for j in supports[1]) - v1 for i in supports[0]]
        eqs += [sum(xs[i] * self.u[(i, j)][1] for i in supports[0]) - v2 for j in supports[1]]
        eqs += [sum(ys[j] for j in supports[1]) - 1, sum(xs[i] for i in supports[0]) - 1]
        unknowns = [ys[j] for j in supports[1]] + [xs[i] for i in supports[0]] + [v1, v2]
        solved = sympy.solve(eqs, unknowns, dict=True)
        if len(solved) != 1 or any(k not in solved[0] for k in unknowns):
            return None
        s = solved[0]
        conditions = [(-s[ys[j]], False) for j in supports[1]] + [(-s[xs[i]], False) for i in supports[0]]
        for i in range(m):
            if i not in supports[0]:
                conditions.append((sum(s[ys[j]] * self.u[(i, j)][0] for j in supports[1]) - s[v1], False))
        for j in range(n):
            if j not in supports[1]:
                conditions.append((sum(s[xs[i]] * self.u[(i, j)][1] for i in supports[0]) - s[v2], False))
        return (sympy.simplify(s[v1]), sympy.simplify(s[v2])), conditions

    def outcomes(self) -> list[tuple[Any, Any]]:
        return list(self.u.values())


def _best_for_all(ctx: _Context, outcomes: list, d: Any) -> Any:
    """A vertex ``V`` at least as good as every outcome for both players (and not worse than ``d``):
    the only efficient agreement, so every bargaining solution.  A sufficient condition."""
    import sympy

    if len(outcomes) != 1:
        return None
    V = ctx.u[outcomes[0]]
    conditions = [(o[i] - V[i], False) for o in ctx.outcomes() for i in (0, 1)]
    conditions += [(d[0] - V[0], False), (d[1] - V[1], False)]
    return V, ((outcomes[0], sympy.Integer(1)),), conditions


def _nash(ctx: _Context, outcomes: list, d: Any, space: Any, solved: Any) -> Any:
    import sympy

    lottery: tuple[tuple[tuple[int, ...], Any], ...]
    if len(outcomes) == 1:
        p, lottery, conditions = ctx.u[outcomes[0]], ((outcomes[0], sympy.Integer(1)),), []
    elif len(outcomes) == 2:
        A, B = ctx.u[outcomes[0]], ctx.u[outcomes[1]]
        a = (A[0] - d[0], A[1] - d[1])
        b = (B[0] - A[0], B[1] - A[1])
        t = sympy.cancel(-(a[0] * b[1] + a[1] * b[0]) / (2 * b[0] * b[1]))
        p = (A[0] + t * b[0], A[1] + t * b[1])
        lottery = ((outcomes[0], sympy.factor(1 - t)), (outcomes[1], sympy.factor(t)))
        conditions = [(-t, False), (t - 1, False)]
    else:
        return None
    conditions += [(d[0] - p[0], True), (d[1] - p[1], True)]
    conditions += [((p[1] - d[1]) * (o[0] - p[0]) + (p[0] - d[0]) * (o[1] - p[1]), False) for o in ctx.outcomes()]
    return _simplified(p), lottery, conditions


def _ray(ctx: _Context, outcomes: list, d: Any, direction: Any) -> Any:
    import sympy

    if len(outcomes) != 2:
        return None
    A, B = ctx.u[outcomes[0]], ctx.u[outcomes[1]]
    b = (B[0] - A[0], B[1] - A[1])
    # d + lam * direction = A + t b
    t = sympy.cancel(((A[1] - d[1]) * direction[0] - (A[0] - d[0]) * direction[1])
                     / (b[0] * direction[1] - b[1] * direction[0]))
    p = (A[0] + t * b[0], A[1] + t * b[1])
    conditions = [(-t, False), (t - 1, False), (-b[0], True), (b[1], True), (d[0] - p[0], True), (d[1] - p[1], True)]
    normal = (-b[1], b[0])
    conditions += [(normal[0] * (o[0] - A[0]) + normal[1] * (o[1] - A[1]), False) for o in ctx.outcomes()]
    return _simplified(p), ((outcomes[0], sympy.factor(1 - t)), (outcomes[1], sympy.factor(t))), conditions


def _egalitarian(ctx: _Context, outcomes: list, d: Any, space: Any, solved: Any) -> Any:
    import sympy

    return _ray(ctx, outcomes, d, (sympy.Integer(1), sympy.Integer(1)))


def _kalai_smorodinsky(ctx: _Context, outcomes: list, d: Any, space: Any, solved: Any) -> Any:
    ideal, conditions = [], []
    for i in (0, 1):
        found = _ideal(ctx, space.table, d, solved, i)
        if found is None:
            return None
        ideal.append(found[0])
        conditions += found[1]
    form = _ray(ctx, outcomes, d, (ideal[0] - d[0], ideal[1] - d[1]))
    if form is None:
        return None
    return form[0], form[1], form[2] + conditions


def _ideal(ctx: _Context, table: Any, d: Any, solved: Any, i: int) -> tuple[Any, list] | None:
    """Player i's ideal payoff max{u_i : u in F, u_j >= d_j} as a closed form, with the conditions that
    keep it: which outcomes lie above d_j (fixed as at the sample), and the chosen candidate (an outcome
    above, or where an edge between an outcome above and one below crosses u_j = d_j) beats the others."""
    j = 1 - i
    dj = solved.disagreement[j]
    above = [q for q in ctx.u if table.at(q)[j] >= dj]
    below = [q for q in ctx.u if table.at(q)[j] < dj]
    conditions = [(d[j] - ctx.u[q][j], False) for q in above] + [(ctx.u[q][j] - d[j], True) for q in below]
    candidates = [(table.at(q)[i], ctx.u[q][i]) for q in above]
    for q in above:
        for r in below:
            uq, ur, nq, nr = ctx.u[q], ctx.u[r], table.at(q), table.at(r)
            w = (dj - nr[j]) / (nq[j] - nr[j])
            sym_w = (d[j] - ur[j]) / (uq[j] - ur[j])
            candidates.append((nr[i] + w * (nq[i] - nr[i]), ur[i] + sym_w * (uq[i] - ur[i])))
    chosen = [c for c in candidates if c[0] == solved.ideal[i]]
    if not chosen:
        return None
    best = chosen[0][1]
    return best, conditions + [(c[1] - best, False) for c in candidates if c[1] is not best]


def _utilitarian(ctx: _Context, outcomes: list, d: Any, space: Any, solved: Any) -> Any:
    import sympy

    if len(outcomes) == 2:  # a whole edge maximises the total: its point with equal gains
        A, B = ctx.u[outcomes[0]], ctx.u[outcomes[1]]
        if sympy.simplify(A[0] + A[1] - B[0] - B[1]) != 0:
            return None
        half = (A[0] + A[1] - d[0] - d[1]) / 2
        p = (d[0] + half, d[1] + half)
        t = sympy.cancel((p[0] - A[0]) / (B[0] - A[0]))
        conditions = [(o[0] + o[1] - A[0] - A[1], False) for o in ctx.outcomes()] + [(-t, False), (t - 1, False)]
        return _simplified(p), ((outcomes[0], sympy.factor(1 - t)), (outcomes[1], sympy.factor(t))), conditions
    if len(outcomes) != 1:
        return None
    V = ctx.u[outcomes[0]]
    conditions = [(o[0] + o[1] - V[0] - V[1], False) for o in ctx.outcomes()]
    conditions += [(d[0] - V[0], False), (d[1] - V[1], False)]
    return V, ((outcomes[0], sympy.Integer(1)),), conditions


_FORMS = {"nash": _nash, "kalai_smorodinsky": _kalai_smorodinsky, "egalitarian": _egalitarian,
          "utilitarian": _utilitarian}


def _simplified(p: Any) -> tuple[Any, Any]:
    import sympy

    return sympy.factor(sympy.cancel(p[0])), sympy.factor(sympy.cancel(p[1]))


def _clean(conditions: list) -> list:
    """Drop conditions that hold identically (constants), keep (text, expr, strict) triples."""
    import sympy

    out = []
    for expr, strict in conditions:
        expr = sympy.cancel(sympy.together(expr))
        if expr.is_number:
            if (expr < 0) if strict else (expr <= 0):
                continue
        out.append((f"{expr} {'<' if strict else '<='} 0", expr, strict))
    seen: dict[str, tuple] = {}
    for c in out:
        seen.setdefault(c[0], c)
    return list(seen.values())


def _holds(conditions: tuple, symbols: Mapping[str, Any], sample: Mapping[str, Fraction]) -> bool:
    import sympy

    subs = {symbols[k]: sympy.Rational(v.numerator, v.denominator) for k, v in sample.items()}
    for _, expr, strict in conditions:
        v = sympy.nsimplify(expr.subs(subs))
        if not v.is_number or (v >= 0 if strict else v > 0):
            return False
    return True


def piece_conditions(piece: Piece) -> list:
    return list(piece.conditions)


def _merge(pieces: list[Piece]) -> list[Piece]:
    """Join neighbouring pieces with the same closed form (the walk may visit one piece twice)."""
    out: list[Piece] = []
    for p in pieces:
        if out and out[-1].payoffs == p.payoffs and out[-1].lottery == p.lottery and out[-1].where == p.where:
            q = out[-1]
            out[-1] = Piece(q.solution, q.lower, p.upper, q.conditions, q.payoffs, q.lottery, q.disagreement,
                            q.sample, q.where)
        else:
            out.append(p)
    return out
