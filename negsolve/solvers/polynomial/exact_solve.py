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
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from negsolve.solvers.polynomial.algebraic import AlgebraicRoot, RealAlgebraic, rational


@dataclass
class Solutions:
    """Real solutions of a system: ``points`` (unknown index -> value) when zero-dimensional;
    ``dimension`` > 0 otherwise (with ``free``, the indices of a largest set of unknowns independent
    modulo the ideal); ``unresolved`` explains a failure to bring the system to a solvable form."""

    points: list[dict[int, RealAlgebraic]] = field(default_factory=list)
    dimension: int = 0
    free: tuple[int, ...] = ()
    unresolved: str = ""


def _fraction(c: Any) -> Fraction:
    return Fraction(int(c.numerator), int(c.denominator))


def _dimension(leading: list[tuple[int, ...]], count: int) -> tuple[int, tuple[int, ...]]:
    """Dimension of the monomial ideal of the ``leading`` exponent vectors in ``count`` unknowns."""
    for size in range(count, 0, -1):
        for chosen in itertools.combinations(range(count), size):
            inside = set(chosen)
            if not any(all(k in inside for k, e in enumerate(m) if e) for m in leading):
                return size, chosen
    return 0, ()


def _univariate(poly: Any, position: int) -> list[Fraction]:
    """Coefficients (constant first) of a polynomial in the single unknown ``position``."""
    if not poly:
        return [Fraction(0)]
    coeffs = [Fraction(0)] * (poly.degree(poly.ring.gens[position]) + 1)
    for monom, c in poly.terms():
        coeffs[monom[position]] = _fraction(c)
    return coeffs


def _shape(lex: list[Any], m: int) -> tuple[list[Fraction], list[list[Fraction]]] | None:
    """``(f, [g_1, ..., g_{m-1}])`` if the reduced lexicographic basis ``lex`` is in shape position:
    :math:`x_k - g_k(x_m)` and :math:`f(x_m)`, with :math:`f` square-free."""
    if len(lex) != m:
        return None
    f = None
    g: list[list[Fraction] | None] = [None] * (m - 1)
    for poly in lex:
        heads = {k for monom in poly.monoms() for k in range(m - 1) if monom[k]}
        if not heads:
            f = _univariate(poly, m - 1)
            continue
        if len(heads) != 1:
            return None
        k = heads.pop()
        unit = tuple(1 if j == k else 0 for j in range(m))
        if dict(poly.terms()).get(unit) != 1 or any(monom[k] and monom != unit for monom in poly.monoms()):
            return None
        g[k] = [-c for c in _univariate(poly - poly.ring.gens[k], m - 1)]
    if f is None or len(f) < 2 or any(x is None for x in g):
        return None
    if _sympy_poly(f).sqf_part().degree() != len(f) - 1:
        return None
    return f, [x for x in g if x is not None]


def _sympy_poly(coeffs_low: list[Fraction]) -> Any:
    import sympy

    t = sympy.Symbol("t")
    return sympy.Poly([sympy.Rational(c.numerator, c.denominator) for c in reversed(coeffs_low)], t,
                      domain=sympy.QQ)


def _real_roots(f: list[Fraction]) -> list[AlgebraicRoot | Fraction]:
    """The real roots of ``f``: rationals, or roots of irreducible factors with isolating intervals."""
    roots: list[AlgebraicRoot | Fraction] = []
    for factor, _ in _sympy_poly(f).factor_list()[1]:
        if factor.degree() == 1:
            a, b = (Fraction(int(c.p), int(c.q)) for c in factor.all_coeffs())
            roots.append(-b / a)
            continue
        _, prim = factor.clear_denoms()
        coeffs = tuple(int(c) for c in prim.all_coeffs())
        for (low, high), _mult in prim.intervals():
            roots.append(AlgebraicRoot(coeffs, (Fraction(int(low.p), int(low.q)), Fraction(int(high.p), int(high.q)))))
    return roots


def _points(shape: tuple[list[Fraction], list[list[Fraction]]]) -> list[dict[int, RealAlgebraic]]:
    f, gs = shape
    out = []
    for root in _real_roots(f):
        if isinstance(root, Fraction):
            point = {}
            for k, g in enumerate(gs):
                value = Fraction(0)
                for c in reversed(g):
                    value = value * root + c
                point[k] = rational(value)
            point[len(gs)] = rational(root)
        else:
            point = {k: RealAlgebraic.from_poly(g, root) for k, g in enumerate(gs)}
            point[len(gs)] = RealAlgebraic.from_poly([Fraction(0), Fraction(1)], root)
        out.append(point)
    return out


def _lex_shape(basis: list[Any], ring: Any) -> tuple[list[Fraction], list[list[Fraction]]] | None:
    """Shape-position data from a zero-dimensional grevlex basis (FGLM), making the ideal radical first if needed."""
    from sympy.polys.fglmtools import matrix_fglm
    from sympy.polys.groebnertools import groebner
    from sympy.polys.orderings import lex

    m = ring.ngens
    lexed = matrix_fglm(basis, ring, lex)
    shape = _shape(lexed, m)
    if shape is not None:
        return shape
    eliminant = [p for p in lexed if not any(monom[k] for monom in p.monoms() for k in range(m - 1))]
    if eliminant:
        part = _sympy_poly(_univariate(eliminant[0], m - 1)).sqf_part()
        last = ring.gens[m - 1]
        extra = ring.zero
        for (e,), c in part.terms():
            extra += ring(c) * last**e
        radical = groebner(list(basis) + [extra], ring)
        return _shape(matrix_fglm(radical, ring, lex), m)
    return None


def solve_system(polys: Sequence[Any], ring: Any, count: int, seed: int = 0) -> Solutions:
    """Every real solution of ``polys = 0`` in the first ``count`` generators of ``ring`` (all of them;
    ``count`` is 0 for a system without unknowns).  See the module docstring."""
    from sympy.polys.groebnertools import groebner
    from sympy.polys.orderings import grevlex
    from sympy.polys.rings import PolyRing

    polys = [p for p in polys if p]
    if count == 0:
        return Solutions(points=[] if polys else [{}])
    if not polys:
        return Solutions(dimension=count, free=tuple(range(count)))
    basis = groebner(polys, ring)
    if any(p.is_ground for p in basis):
        return Solutions()
    leading = [p.LM for p in basis]
    size, chosen = _dimension(leading, count)
    if size:
        return Solutions(dimension=size, free=chosen)
    shape = _lex_shape(basis, ring)
    if shape is not None:
        return Solutions(points=_points(shape))
    rng = random.Random(seed)
    from sympy import Symbol

    wider = PolyRing([*ring.symbols, Symbol("t_separating")], ring.domain, grevlex)
    t = wider.gens[-1]
    for _ in range(4):
        form = sum((rng.randint(1, 9) * x for x in wider.gens[:-1]), wider.zero)
        extended = groebner([p.set_ring(wider) for p in basis] + [t - form], wider)
        shape = _lex_shape(extended, wider)
        if shape is not None:
            points = _points(shape)
            for point in points:
                point.pop(count)
            return Solutions(points=points)
    return Solutions(unresolved="no separating linear form found for the lexicographic basis")
