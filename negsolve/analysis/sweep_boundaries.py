r"""Exact region boundaries for sweep plots over one or two parameters.

A pure profile :math:`s` is a Nash equilibrium where every deviation gain is non-positive:
:math:`d_{i,t}(x) = u_i(s) - u_i(t, s_{-i}) \ge 0`.  When the payoffs are affine in the swept
parameters :math:`x` (the other parameters fixed), each :math:`d_{i,t}` is affine too, and the
boundary of the region where :math:`s` is an equilibrium is made of pieces of the lines
:math:`d_{i,t}(x) = 0` on which every other condition of :math:`s` holds.

Steps, all in exact rational arithmetic:

1. For each profile and deviation, evaluate :math:`d` at a base point and at a unit step
   along each axis (an affine fit), and check the fit at two more points; a condition that
   is not affine (or cannot be evaluated there) is left out: its boundary is then only shown
   by the grid's cells.
2. One parameter: the root :math:`x^*` of each :math:`d` that lies in the window and where
   the other conditions hold.  Two parameters: the line :math:`d = 0`, written
   :math:`p(t) = p_0 + t\,v`, clipped to the window and to every other condition
   :math:`a + b\cdot p(t) \ge 0` (each an interval of :math:`t`).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

Point = tuple[Fraction, ...]


@dataclass(frozen=True)
class Boundary:
    """Where profile ``profile`` stops (or starts) being an equilibrium: a point (1 axis) or a segment (2 axes)."""

    profile: tuple[int, ...]
    start: Point
    end: Point


def _affine(game: Any, names: list[str], profile: tuple[int, ...], player: int, to: int,
            base: Point) -> tuple[Fraction, tuple[Fraction, ...]] | None:
    """(value at ``base``, gradient) of the deviation gain u_i(s) - u_i(t, s_-i), or None if not affine."""
    from negsolve.model.expression import EvaluationError, evaluate

    here = game.payoffs[game.index(profile)][player]
    other = list(profile)
    other[player] = to
    there = game.payoffs[game.index(tuple(other))][player]
    fixed = game.parameter_values()

    def gain(point: Point) -> Fraction:
        values = dict(fixed, **dict(zip(names, point, strict=False)))
        return evaluate(here, values) - evaluate(there, values)

    try:
        d0 = gain(base)
        grad = tuple(gain(tuple(b + (1 if j == k else 0) for j, b in enumerate(base))) - d0
                     for k in range(len(base)))
        for probe in (Fraction(1, 3), Fraction(-5, 7)):
            point = tuple(b + probe * (k + 2) for k, b in enumerate(base))
            if gain(point) != d0 + sum(g * probe * (k + 2) for k, g in enumerate(grad)):
                return None
    except (EvaluationError, ArithmeticError):
        return None
    return d0, grad


def _conditions(game: Any, names: list[str], profile: tuple[int, ...], base: Point) -> list | None:
    conditions = []
    for player, size in enumerate(game.shape):
        for to in range(size):
            if to != profile[player]:
                fit = _affine(game, names, profile, player, to, base)
                if fit is None:
                    return None
                conditions.append(fit)
    return conditions


def _value(condition: tuple, base: Point, point: Point) -> Fraction:
    d0, grad = condition
    return d0 + sum(g * (p - b) for g, p, b in zip(grad, point, base, strict=False))


def exact_boundaries(game: Any, names: list[str], window: list[tuple[Fraction, Fraction]]) -> list[Boundary]:
    """Every exact boundary piece of every pure profile's equilibrium region inside ``window``."""
    import itertools

    base = tuple(low for low, _ in window)
    found: dict[tuple, Boundary] = {}
    for profile in itertools.product(*(range(k) for k in game.shape)):
        conditions = _conditions(game, names, profile, base)
        if not conditions:
            continue
        for k, condition in enumerate(conditions):
            others = conditions[:k] + conditions[k + 1:]
            piece = (_root(condition, others, base, window) if len(names) == 1
                     else _segment(condition, others, base, window))
            if piece is not None:
                found.setdefault((profile, piece), Boundary(profile, *piece))
    return list(found.values())


def sweep_boundaries(game: Any, axes: list) -> list[Boundary]:
    """The exact boundaries a sweep plot draws: those inside the outer edges of the grid's cells
    (:meth:`negsolve.analysis.sweep.Axis.cell_edges`), on the swept axes."""
    window = [(edges[0], edges[-1]) for edges in (axis.cell_edges() for axis in axes)]
    return exact_boundaries(game, [axis.name for axis in axes], window)


def _root(condition: tuple, others: list, base: Point, window: list) -> tuple[Point, Point] | None:
    d0, (g,) = condition
    if g == 0:
        return None
    x = base[0] - d0 / g
    low, high = window[0]
    if not low <= x <= high or any(_value(c, base, (x,)) < 0 for c in others):
        return None
    return (x,), (x,)


def _segment(condition: tuple, others: list, base: Point, window: list) -> tuple[Point, Point] | None:
    d0, (gx, gy) = condition
    if gx == 0 and gy == 0:
        return None
    # a point on the line d = 0 and its direction
    origin = (base[0] - d0 / gx, base[1]) if gx != 0 else (base[0], base[1] - d0 / gy)
    direction = (-gy, gx)
    t_low: Fraction | None = None
    t_high: Fraction | None = None
    # the window's edges, each b.p >= bound
    limits = [((Fraction(1), Fraction(0)), window[0][0]),
              ((Fraction(-1), Fraction(0)), -window[0][1]),
              ((Fraction(0), Fraction(1)), window[1][0]),
              ((Fraction(0), Fraction(-1)), -window[1][1])]
    # each constraint a + b.(p - base) >= c along p(t) = origin + t * direction: alpha + beta t >= 0
    constraints = [(_value(c, base, origin), c[1][0] * direction[0] + c[1][1] * direction[1]) for c in others]
    for (bx, by), bound in limits:
        alpha = bx * origin[0] + by * origin[1] - bound
        constraints.append((alpha, bx * direction[0] + by * direction[1]))
    for alpha, beta in constraints:
        if beta == 0:
            if alpha < 0:
                return None
        elif beta > 0:
            t = -alpha / beta
            t_low = t if t_low is None else max(t_low, t)
        else:
            t = -alpha / beta
            t_high = t if t_high is None else min(t_high, t)
    if t_low is None or t_high is None or t_low > t_high:
        return None
    start = (origin[0] + t_low * direction[0], origin[1] + t_low * direction[1])
    end = (origin[0] + t_high * direction[0], origin[1] + t_high * direction[1])
    return (start, end) if start <= end else (end, start)
