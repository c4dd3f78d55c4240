r"""The exact set of beliefs at one information set that make the prescribed behaviour optimal.

At an information set :math:`I` with nodes :math:`x` and moves :math:`m`, the mover's belief
:math:`\mu` (a point of the simplex over :math:`I`) *supports* behaviour with support
:math:`S` when every move of :math:`S` is a best reply given :math:`\mu` and the continuation:

.. math::  \sum_{x \in I} \mu_x \bigl(v(x, s) - v(x, m)\bigr) \ge 0
           \qquad (s \in S,\ m \text{ a move at } I).

These are linear conditions over the simplex; the supporting set is a polytope, possibly empty.
For two nodes they reduce to an interval for :math:`\mu` of the first node; for more, the
non-redundant conditions are kept (:func:`negsolve.analysis.linear.remove_redundant`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from negsolve.analysis.linear import Linear

ANY_BELIEF = "any belief"
NO_BELIEF = "no belief supports it"

Table = Mapping[str, Mapping[str, Fraction]]  # node -> move -> mover's value


def _var(x: str) -> str:
    return f"mu({x})"


def gains(table: Table, support: Sequence[str]) -> list[dict[str, Fraction]]:
    """One row per (s in support, other move m): the coefficients v(x, s) - v(x, m) by node."""
    nodes = list(table)
    moves = list(table[nodes[0]])
    return [{x: table[x][s] - table[x][m] for x in nodes} for s in support for m in moves if m != s]


def supports(table: Table, support: Sequence[str], belief: Mapping[str, Fraction]) -> bool:
    """Whether ``belief`` makes every move of ``support`` a best reply."""
    return all(sum((row[x] * belief.get(x, Fraction(0)) for x in row), Fraction(0)) >= 0
               for row in gains(table, support))


def system(table: Table, support: Sequence[str], face: Sequence[str] | None = None,
           interior: bool = False) -> list[Linear]:
    """The conditions over the simplex of ``face`` (default: every node), beliefs elsewhere 0.

    ``interior``: every node of the face gets positive belief (strict conditions).
    """
    nodes = list(face if face is not None else table)
    rows = [Linear.make({_var(x): Fraction(1)}, Fraction(0), interior) for x in nodes]
    total = {_var(x): Fraction(1) for x in nodes}
    rows.append(Linear.make(total, Fraction(-1), False))
    rows.append(Linear.make({k: -v for k, v in total.items()}, Fraction(1), False))
    for row in gains(table, support):
        rows.append(Linear.make({_var(x): row[x] for x in nodes}, Fraction(0), False))
    return rows


def supported(table: Table, support: Sequence[str]) -> bool:
    """Whether some belief supports the behaviour."""
    from negsolve.analysis.linear import feasible

    return feasible(system(table, support))


def first_node_interval(table: Table, support: Sequence[str]) -> tuple[Fraction, Fraction] | None:
    """Two nodes ``x, y``: the closed interval of mu(x) that supports the behaviour (None: empty)."""
    x, y = list(table)
    low, high = Fraction(0), Fraction(1)
    for row in gains(table, support):
        # row[x] * mu + row[y] * (1 - mu) >= 0
        a, b = row[x] - row[y], row[y]
        if a > 0:
            low = max(low, -b / a)
        elif a < 0:
            high = min(high, -b / a)
        elif b < 0:
            return None
    return (low, high) if low <= high else None


def _term(coeff: Fraction, name: str, first: bool) -> str:
    sign = "-" if coeff < 0 else ("" if first else "+")
    size = abs(coeff)
    body = name if size == 1 else f"{size} {name}"
    return f"{sign} {body}".strip() if not first else f"{sign}{body}"


def conditions(table: Table, support: Sequence[str]) -> tuple[str, ...]:
    """The supporting set as readable conditions: ``("mu(x) >= 2/5",)``, ``(ANY_BELIEF,)`` or ``(NO_BELIEF,)``."""
    nodes = list(table)
    if len(nodes) == 1:
        return (ANY_BELIEF,) if supports(table, support, {nodes[0]: Fraction(1)}) else (NO_BELIEF,)
    if len(nodes) == 2:
        found = first_node_interval(table, support)
        if found is None:
            return (NO_BELIEF,)
        low, high = found
        if low == high:
            return (f"{_var(nodes[0])} = {low}",)
        name = _var(nodes[0])
        out = ([f"{name} >= {low}"] if low > 0 else []) + ([f"{name} <= {high}"] if high < 1 else [])
        return tuple(out) or (ANY_BELIEF,)
    return _many_node_conditions(table, support)


def _many_node_conditions(table: Table, support: Sequence[str]) -> tuple[str, ...]:
    from negsolve.analysis.linear import feasible, remove_redundant

    rows = system(table, support)
    if not feasible(rows):
        return (NO_BELIEF,)
    simplex = rows[: len(table) + 2]
    kept = [c for c in remove_redundant(rows) if c.normalized() not in {s.normalized() for s in simplex}]
    kept = [c for c in kept if feasible(simplex + [c.negation()])]  # drop what the simplex implies
    if not kept:
        return (ANY_BELIEF,)
    return tuple(_readable(c, [_var(x) for x in table]) for c in kept)


def _readable(condition: Linear, names: list[str]) -> str:
    """One condition, shortened with sum(mu) = 1: ``-2 mu(x) + mu(y) + mu(z) >= 0`` reads ``mu(x) <= 1/3``."""
    from collections import Counter

    coeffs = dict(condition.coeffs)
    values = [coeffs.get(v, Fraction(0)) for v in names]
    counts = Counter(values)
    shift = max(counts, key=lambda value: (counts[value], value == 0))
    terms = [(v, a - shift) for v, a in zip(names, values, strict=True) if a != shift]
    const = condition.const + shift
    if len(terms) == 1:
        (v, a), = terms
        bound = -const / a
        return f"{v} >= {bound}" if a > 0 else f"{v} <= {bound}"
    n = Linear.make(dict(terms), const, condition.strict).normalized()
    parts = [_term(a, v, k == 0) for k, (v, a) in enumerate(n.coeffs)]
    return f"{' '.join(parts)} >= {-n.const}"
