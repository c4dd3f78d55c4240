r"""Exact real solutions of a polynomial system over :math:`\mathbb{Q}` (sympy Gröbner bases).

Steps (Cox, Little and O'Shea, *Ideals, Varieties, and Algorithms*, ch. 2-3 and 5; Becker and
Weispfenning 1993 for the shape lemma):

1. a reduced Gröbner basis in graded reverse lexicographic order (Buchberger/F5B in sympy);
2. :math:`G = \{1\}`: no solution; the ideal is zero-dimensional iff every unknown has a pure power
   among the leading monomials; otherwise its dimension is the largest set of unknowns that no
   leading monomial uses alone (the dimension of the initial monomial ideal), reported as such;
3. zero-dimensional: FGLM conversion to lexicographic order; in *shape position* the basis is
   :math:`x_1 - g_1(x_m), \dots, x_{m-1} - g_{m-1}(x_m), f(x_m)` with :math:`f` square-free.  When it
   is not (repeated roots, or two solutions sharing :math:`x_m`) the square-free part of the
   eliminant is added (Seidenberg's lemma: the ideal becomes radical), then a random separating
   linear form :math:`t = \sum c_i x_i` is tried;
4. :math:`f` is factored over :math:`\mathbb{Q}`; each irreducible factor's real roots are isolated
   exactly (``Poly.intervals``, Vincent–Collins–Akritas); every unknown is :math:`g_k(\alpha)`, an
   element of :math:`\mathbb{Q}(\alpha)` (:mod:`.algebraic`).
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

from negsolve.solvers.polynomial.algebraic import AlgebraicRoot, RealAlgebraic, rational


@dataclass
class Solutions:
    """Real solutions of a system: ``points`` when zero-dimensional; ``dimension`` > 0 otherwise
    (with ``free``, a largest set of unknowns independent modulo the ideal); ``unresolved`` explains
    a failure to bring the system to a solvable form."""

    points: list[dict[Any, RealAlgebraic]] = field(default_factory=list)
    dimension: int = 0
    free: tuple[Any, ...] = ()
    unresolved: str = ""


def _fraction(c: Any) -> Fraction:
    return Fraction(int(c.p), int(c.q))


def _dimension(leading: list[tuple[int, ...]], count: int) -> tuple[int, tuple[int, ...]]:
    """Dimension of the monomial ideal of the ``leading`` exponent vectors in ``count`` unknowns."""
    for size in range(count, 0, -1):
        for chosen in itertools.combinations(range(count), size):
            inside = set(chosen)
            if not any(all(k in inside for k, e in enumerate(m) if e) for m in leading):
                return size, chosen
    return 0, ()


def _shape(lex: Any, gens: Sequence[Any]) -> tuple[Any, list[Any]] | None:
    """``(f, [g_1, ..., g_{m-1}])`` if the lexicographic basis ``lex`` is in shape position."""
    import sympy

    last = gens[-1]
    m = len(gens)
    if len(lex.exprs) != m:
        return None
    f = None
    g: list[Any] = [None] * (m - 1)
    for poly in lex.polys:
        monoms = poly.monoms()
        if all(all(e == 0 for e in mon[:-1]) for mon in monoms):
            f = sympy.Poly(poly.as_expr(), last)
            continue
        heads = [k for k in range(m - 1) if poly.degree(gens[k]) > 0]
        if len(heads) != 1 or poly.degree(gens[heads[0]]) != 1:
            return None
        k = heads[0]
        rest = poly.as_expr() - gens[k] * poly.coeff_monomial(gens[k])
        if poly.coeff_monomial(gens[k]) != 1 or rest.has(*[x for x in gens[:-1]]):
            return None
        g[k] = sympy.Poly(-rest, last)
    if f is None or any(x is None for x in g) or f.degree() < 1:
        return None
    if sympy.Poly(f).sqf_part().degree() != f.degree():
        return None
    return f, g


def _real_roots(f: Any) -> list[AlgebraicRoot | Fraction]:
    """The real roots of ``f``: rationals, or roots of irreducible factors with isolating intervals."""
    roots: list[AlgebraicRoot | Fraction] = []
    for factor, _ in f.factor_list()[1]:
        if factor.degree() == 1:
            a, b = (_fraction(c) for c in factor.all_coeffs())
            roots.append(-b / a)
            continue
        _, prim = factor.clear_denoms()
        coeffs = tuple(int(c) for c in prim.all_coeffs())
        for (low, high), _mult in prim.intervals():
            roots.append(AlgebraicRoot(coeffs, (_fraction(low), _fraction(high))))
    return roots


def _evaluate(g: Any, root: AlgebraicRoot | Fraction) -> RealAlgebraic:
    coeffs = [_fraction(c) for c in reversed(g.all_coeffs())]
    if isinstance(root, Fraction):
        value = Fraction(0)
        for c in reversed(coeffs):
            value = value * root + c
        return rational(value)
    return RealAlgebraic.from_poly(coeffs, root)


def _points(shape: tuple[Any, list[Any]], gens: Sequence[Any]) -> list[dict[Any, RealAlgebraic]]:
    f, gs = shape
    out = []
    for root in _real_roots(f):
        point = {x: _evaluate(g, root) for x, g in zip(gens[:-1], gs)}
        point[gens[-1]] = rational(root) if isinstance(root, Fraction) else RealAlgebraic.from_poly(
            [Fraction(0), Fraction(1)], root)
        out.append(point)
    return out


def _lex_shape(polys: list[Any], gens: Sequence[Any]) -> tuple[Any, list[Any]] | None:
    import sympy

    basis = sympy.groebner(polys, *gens, order="grevlex", domain=sympy.QQ)
    lex = basis.fglm("lex")
    shape = _shape(lex, gens)
    if shape is not None:
        return shape
    eliminant = [p for p in lex.polys if all(all(e == 0 for e in mon[:-1]) for mon in p.monoms())]
    if eliminant:
        part = sympy.Poly(eliminant[0].as_expr(), gens[-1]).sqf_part()
        lex = sympy.groebner(list(polys) + [part.as_expr()], *gens, order="lex", domain=sympy.QQ)
        return _shape(lex, gens)
    return None


def solve_system(polys: Sequence[Any], symbols: Sequence[Any], seed: int = 0) -> Solutions:
    """Every real solution of ``polys = 0`` in the unknowns ``symbols`` (see the module docstring)."""
    import sympy

    polys = [sympy.expand(p) for p in polys if sympy.expand(p) != 0]
    if not symbols:
        return Solutions(points=[] if polys else [{}])
    if not polys:
        return Solutions(dimension=len(symbols), free=tuple(symbols))
    basis = sympy.groebner(polys, *symbols, order="grevlex", domain=sympy.QQ)
    if basis.exprs == [1]:
        return Solutions()
    if not basis.is_zero_dimensional:
        leading = [p.monoms(order="grevlex")[0] for p in basis.polys]
        size, chosen = _dimension(leading, len(symbols))
        return Solutions(dimension=size, free=tuple(symbols[k] for k in chosen))
    shape = _lex_shape(list(basis.exprs), symbols)
    if shape is not None:
        return Solutions(points=_points(shape, symbols))
    rng = random.Random(seed)
    t = sympy.Symbol("t_separating")
    for _ in range(4):
        form = sum(rng.randint(1, 9) * x for x in symbols)
        shape = _lex_shape(list(basis.exprs) + [t - form], list(symbols) + [t])
        if shape is not None:
            points = _points(shape, list(symbols) + [t])
            for point in points:
                point.pop(t)
            return Solutions(points=points)
    return Solutions(unresolved="no separating linear form found for the lexicographic basis")
