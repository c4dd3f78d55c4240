r"""Exact plane geometry over the rationals: convex hulls, half-plane clipping, convex combinations.

The payoff space of a two-player game lives in the plane :math:`\mathbb{Q}^2`.  Everything here
works on points given as pairs of :class:`~fractions.Fraction`; no floating point is used, so a
point is on a segment, or a polygon is empty, exactly.

- :func:`convex_hull`: Andrew's monotone chain (A. M. Andrew, "Another efficient algorithm for
  convex hulls in two dimensions", Inf. Proc. Letters 9, 1979); collinear points are dropped, so
  the result lists exactly the vertices, counter-clockwise from the lowest-leftmost one.
- :func:`clip`: the part of a convex polygon where :math:`a\cdot u \ge b` (one step of
  Sutherland and Hodgman's polygon clipping, 1974).  A convex polygon stays convex.
- :func:`convex_weights`: a point of a convex polygon as a convex combination of at most three
  of its vertices (two when it lies on an edge), exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

Point = tuple[Fraction, Fraction]


def cross(o: Point, a: Point, b: Point) -> Fraction:
    """Twice the signed area of the triangle (o, a, b): positive when a -> b turns left around o."""
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def convex_hull(points: Sequence[Point]) -> list[Point]:
    """The vertices of the convex hull, counter-clockwise, without collinear points or repeats.

    One point gives ``[p]``; points on a line give its two ends.
    """
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts
    lower: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    hull = lower[:-1] + upper[:-1]
    return hull if len(hull) > 1 else hull[:1]


def edges(polygon: Sequence[Point]) -> list[tuple[Point, Point]]:
    """The edges of a polygon given by its vertices in order (a segment has one edge, a point none)."""
    if len(polygon) < 2:
        return []
    if len(polygon) == 2:
        return [(polygon[0], polygon[1])]
    return [(polygon[k], polygon[(k + 1) % len(polygon)]) for k in range(len(polygon))]


def clip(polygon: Sequence[Point], a: tuple[Fraction, Fraction], b: Fraction) -> list[Point]:
    """The part of the convex ``polygon`` (vertices in order) where ``a[0]*x + a[1]*y >= b``."""

    def inside(p: Point) -> bool:
        return a[0] * p[0] + a[1] * p[1] >= b

    def meet(p: Point, q: Point) -> Point:
        fp = a[0] * p[0] + a[1] * p[1] - b
        fq = a[0] * q[0] + a[1] * q[1] - b
        t = fp / (fp - fq)
        return (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))

    if len(polygon) == 1:
        return list(polygon) if inside(polygon[0]) else []
    out: list[Point] = []
    ring = edges(polygon)
    if len(polygon) == 2:
        ring = [(polygon[0], polygon[1]), (polygon[1], polygon[0])]
    for p, q in ring:
        if inside(p):
            out.append(p)
            if not inside(q):
                out.append(meet(p, q))
        elif inside(q):
            out.append(meet(p, q))
    return convex_hull(out)


def on_segment(p: Point, a: Point, b: Point) -> Fraction | None:
    """The ``t`` in [0, 1] with ``p = a + t (b - a)``, or None when ``p`` is not on the segment."""
    if cross(a, b, p) != 0:
        return None
    d = (b[0] - a[0], b[1] - a[1])
    length = d[0] * d[0] + d[1] * d[1]
    if length == 0:
        return Fraction(0) if p == a else None
    t = ((p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]) / length
    return t if 0 <= t <= 1 else None


def contains(polygon: Sequence[Point], p: Point) -> bool:
    """True when ``p`` lies in the convex ``polygon`` (vertices counter-clockwise), boundary included."""
    if len(polygon) == 1:
        return p == polygon[0]
    if len(polygon) == 2:
        return on_segment(p, polygon[0], polygon[1]) is not None
    return all(cross(u, v, p) >= 0 for u, v in edges(polygon))


def convex_weights(polygon: Sequence[Point], p: Point) -> list[tuple[int, Fraction]] | None:
    """``p`` as a convex combination of vertices of ``polygon``: ``[(vertex index, weight), ...]``.

    Uses one vertex when ``p`` is a vertex, two when it lies on an edge, otherwise three (a triangle
    of the fan from vertex 0).  None when ``p`` is outside.
    """
    for k, v in enumerate(polygon):
        if v == p:
            return [(k, Fraction(1))]
    n = len(polygon)
    for k, (u, v) in enumerate(edges(polygon)):
        t = on_segment(p, u, v)
        if t is not None:
            return [(k, 1 - t), ((k + 1) % n, t)]
    for k in range(1, n - 1):
        tri = (polygon[0], polygon[k], polygon[k + 1])
        if contains(tri, p):
            area = cross(*tri)
            w1 = cross(p, tri[1], tri[2]) / area
            w2 = cross(tri[0], p, tri[2]) / area
            return [(i, w) for i, w in ((0, w1), (k, w2), (k + 1, 1 - w1 - w2)) if w]
    return None


def max_on_ray(polygon: Sequence[Point], origin: Point, direction: Point) -> Fraction | None:
    """The largest ``t >= 0`` with ``origin + t * direction`` in the convex polygon, or None if none."""
    if not polygon:
        return None
    candidates: list[Fraction] = [Fraction(0)]
    for u, v in (edges(polygon) or [(polygon[0], polygon[0])]):
        # intersect the ray's line with the edge's line
        denom = cross((Fraction(0), Fraction(0)), direction, (v[0] - u[0], v[1] - u[1]))
        if denom != 0:
            w = (u[0] - origin[0], u[1] - origin[1])
            t = cross((Fraction(0), Fraction(0)), w, (v[0] - u[0], v[1] - u[1])) / denom
            if t >= 0:
                candidates.append(t)
        for point in (u, v):  # vertices exactly on the ray
            w = (point[0] - origin[0], point[1] - origin[1])
            if cross((Fraction(0), Fraction(0)), direction, w) == 0:
                dot = w[0] * direction[0] + w[1] * direction[1]
                if dot >= 0:
                    norm = direction[0] * direction[0] + direction[1] * direction[1]
                    candidates.append(dot / norm)
    inside = [t for t in candidates
              if contains(polygon, (origin[0] + t * direction[0], origin[1] + t * direction[1]))]
    return max(inside) if inside else None
