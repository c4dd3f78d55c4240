"""The two-player payoff space (``negsolve deals --plot``): what agreements are possible, and where.

Drawn from :func:`negsolve.deals.space.deal_space` and
:func:`negsolve.deals.correlated.correlated_equilibria`, all exact: the feasible set (convex hull
of the pure outcomes, its vertices labelled by their outcomes), the Pareto frontier (thick), each
player's mixed minmax value (dashed) and the individually rational region (green), every Nash
equilibrium (red), the disagreement point and the four bargaining solutions (Nash, Kalai-
Smorodinsky, egalitarian, utilitarian), and the payoffs of correlated equilibria (the image of
the correlated-equilibrium polytope: the hull of its vertices' payoffs, when they were listed).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.draw.palette import EQUILIBRIUM, MUTED, PLAYER_COLOURS, TEXT
from negsolve.draw.svg import Svg, text_width
from negsolve.errors import InputError, Problem
from negsolve.render.numbers import fmt

Point = tuple[Fraction, Fraction]
SIZE = 13.0
SIDE = 380.0
BARGAINING = (("nash", "N", "Nash bargaining solution"), ("kalai_smorodinsky", "K", "Kalai-Smorodinsky"),
              ("egalitarian", "E", "egalitarian"), ("utilitarian", "U", "utilitarian"))
VERTEX_PROFILES = 9   # list the correlated-equilibrium polytope's vertices up to 3x3 (else: its extreme payoffs)
CE_PROFILES = 64      # beyond 8x8 the correlated equilibria are left out of the picture (LPs of 10^4 rows)
HULL_FILL, IR_FILL, CE_FILL = "#EEEEEE", "#CDEBD9", "#F6C28B"


@dataclass(frozen=True)
class PayoffSpaceScene:
    title: str
    players: tuple[str, str]
    hull: tuple[Point, ...]
    vertex_labels: tuple[str, ...]
    frontier: tuple[tuple[Point, Point], ...]
    outcomes: tuple[Point, ...]
    minmax: Point
    rational: tuple[Point, ...]
    equilibria: tuple[Point, ...]
    disagreement: Point | None
    disagreement_words: str
    bargaining: tuple[tuple[str, str, Point], ...]  # (letter, name, point)
    correlated: tuple[Point, ...]                   # hull of correlated-equilibrium payoffs
    correlated_complete: bool


def _pt(v: Any) -> Point:
    return (Fraction(v[0]), Fraction(v[1]))


def payoff_space_scene(game: Any, values: dict[str, Fraction]) -> PayoffSpaceScene:
    """Compute the deal space once (a tree through its reduced strategic form)."""
    from negsolve.deals.space import deal_space
    from negsolve.draw.strategic_form import as_strategic

    strategic, start = as_strategic(game, values)
    if len(strategic.players) != 2:
        raise InputError([Problem("the payoff space is drawn for two players")])
    return payoff_space_scene_of(deal_space(strategic, values, None, start))


def payoff_space_scene_of(report: Any) -> PayoffSpaceScene:
    """The scene of a :class:`negsolve.deals.space.DealSpace` already computed (``deals --plot``)."""
    from negsolve.deals.correlated import correlated_equilibria
    from negsolve.deals.geometry import convex_hull

    strategic = report.game
    if len(strategic.players) != 2:
        raise InputError([Problem("the payoff space is drawn for two players", hint="--plot needs a two-player game")])
    space, table = report.space, report.table
    names = [p.strategies for p in strategic.players]
    labels = tuple(" / ".join(",".join(names[i][s] for i, s in enumerate(prof)) for prof in outs)
                   for outs in space.vertex_outcomes)
    size = len(table)
    ce = correlated_equilibria(table, vertices=size <= VERTEX_PROFILES) if size <= CE_PROFILES else None
    if ce is None:
        ce_points = []
    elif ce.vertices:
        ce_points = [_pt(v.payoffs) for v in ce.vertices]
    else:
        ce_points = [_pt(ce.max_welfare.payoffs), *(_pt(p.payoffs) for p in ce.best_for)]
    bargaining: tuple[tuple[str, str, Point], ...] = ()
    if report.bargaining is not None:
        bargaining = tuple((letter, name, _pt(report.bargaining.solutions[key].point))
                           for key, letter, name in BARGAINING if key in report.bargaining.solutions)
    d = report.disagreement
    return PayoffSpaceScene(
        strategic.title, (strategic.players[0].name, strategic.players[1].name),
        tuple(_pt(v) for v in space.vertices), labels,
        tuple((_pt(e.start), _pt(e.end)) for e in space.frontier),
        tuple(sorted({_pt(table.at(p)) for p in table.profiles()})),
        (report.minmax[0].mixed, report.minmax[1].mixed), tuple(_pt(v) for v in report.rational_region),
        tuple(_pt(e.payoffs) for e in report.equilibria.equilibria),
        _pt(d.payoffs) if d is not None else None, d.description if d is not None else "",
        bargaining, tuple(convex_hull(ce_points)) if ce_points else (), ce is not None and ce.vertices is not None)


def render_payoff_space(scene: PayoffSpaceScene) -> str:
    """The SVG text of a :class:`PayoffSpaceScene`."""
    left, top = 80.0, 60.0
    xs = [p[0] for p in scene.outcomes] + [scene.minmax[0]]
    ys = [p[1] for p in scene.outcomes] + [scene.minmax[1]]
    if scene.disagreement is not None:
        xs.append(scene.disagreement[0])
        ys.append(scene.disagreement[1])
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    px, py = max((x1 - x0) / 10, Fraction(1, 2)), max((y1 - y0) / 10, Fraction(1, 2))
    x0, x1 = Fraction(math.floor(x0 - px)), Fraction(math.ceil(x1 + px))
    y0, y1 = Fraction(math.floor(y0 - py)), Fraction(math.ceil(y1 + py))

    def at(p: Point) -> tuple[float, float]:
        return (left + float((p[0] - x0) / (x1 - x0)) * SIDE, top + (1 - float((p[1] - y0) / (y1 - y0))) * SIDE)

    legend = _legend(scene)
    width = left + SIDE + 40 + max(text_width(t, SIZE) for t, _ in legend) + 40
    svg = Svg(max(width, text_width(scene.title, SIZE * 1.2) + 60), top + SIDE + 80, title=scene.title)
    svg.text(left, 30, f"{scene.title}: payoff space", size=SIZE * 1.2, anchor="start", font_weight="bold", fill=TEXT)
    svg.rect(left, top, SIDE, SIDE, fill="white", stroke="#444")
    _polygon(svg, scene.hull, at, HULL_FILL, "#999999", "hull")
    _polygon(svg, scene.rational, at, IR_FILL, "#3a9d6a", "individually-rational")
    _polygon(svg, scene.correlated, at, CE_FILL, "#c77a2a", "correlated", opacity="0.7")
    for a, b in scene.frontier:
        svg.line(*at(a), *at(b), stroke=TEXT, stroke_width=4, stroke_linecap="round", class_="frontier")
    mx, my = at(scene.minmax)
    svg.line(mx, top, mx, top + SIDE, stroke=PLAYER_COLOURS[0], stroke_dasharray="5,4", class_="minmax")
    svg.line(left, my, left + SIDE, my, stroke=PLAYER_COLOURS[1], stroke_dasharray="5,4", class_="minmax")
    for p in scene.outcomes:
        svg.circle(*at(p), 3.5, fill=TEXT, class_="outcome")
    for p, label in zip(scene.hull, scene.vertex_labels, strict=True):
        x, y = at(p)
        right = x > left + SIDE / 2  # labels point inwards, so they stay inside the frame
        svg.text(x + (-6 if right else 6), y + (-6 if y > top + 20 else 16), f"{label} ({fmt(p[0])}, {fmt(p[1])})",
                 size=SIZE * 0.85, anchor="end" if right else "start", fill=MUTED, class_="vertex-label")
    for p in scene.equilibria:
        svg.circle(*at(p), 6.5, fill=EQUILIBRIUM, stroke="white", stroke_width=1.5, class_="equilibrium")
    if scene.disagreement is not None:
        x, y = at(scene.disagreement)
        svg.rect(x - 5, y - 5, 10, 10, fill="white", stroke=TEXT, stroke_width=2, class_="disagreement")
    letters: dict[Point, str] = {}
    for letter, _, p in scene.bargaining:  # solutions at one point share one marker
        letters[p] = letters.get(p, "") + letter
    for p, text in letters.items():
        x, y = at(p)
        r = max(8.0, text_width(text, SIZE * 0.8) * 0.6 + 4)
        svg.add("ellipse", cx=x, cy=y, rx=r, ry=8.0, fill="white", stroke="#6a3d9a", stroke_width=2,
                class_="bargaining")
        svg.text(x, y + 4, text, size=SIZE * 0.8, fill="#6a3d9a", font_weight="bold")
    for v in (x0, x1):
        svg.text(at((v, y0))[0], top + SIDE + 18, fmt(v), size=SIZE * 0.9, fill=TEXT)
    for v in (y0, y1):
        svg.text(left - 8, at((x0, v))[1] + 4, fmt(v), size=SIZE * 0.9, anchor="end", fill=TEXT)
    svg.text(left + SIDE / 2, top + SIDE + 42, f"payoff of {scene.players[0]}", size=SIZE, font_weight="bold",
             fill=PLAYER_COLOURS[0])
    svg.add("text", f"payoff of {scene.players[1]}", x=left - 45, y=top + SIDE / 2, font_size=SIZE,
            text_anchor="middle", font_weight="bold", fill=PLAYER_COLOURS[1],
            transform=f"rotate(-90 {left - 45:.2f} {top + SIDE / 2:.2f})")
    for k, (text, colour) in enumerate(legend):
        svg.text(left + SIDE + 30, top + 12 + k * 20, text, size=SIZE, anchor="start", fill=colour, class_="note")
    return svg.to_string()


def _polygon(svg: Svg, points: tuple[Point, ...], at: Any, fill: str, stroke: str, cls: str,
             opacity: str = "1") -> None:
    if len(points) >= 3:
        svg.polygon([at(p) for p in points], fill=fill, fill_opacity=opacity, stroke=stroke, class_=cls)
    elif len(points) == 2:
        svg.line(*at(points[0]), *at(points[1]), stroke=stroke, stroke_width=3, class_=cls)
    elif len(points) == 1:
        x, y = at(points[0])
        svg.circle(x, y, 4, fill=fill, stroke=stroke, class_=cls)


def _legend(scene: PayoffSpaceScene) -> list[tuple[str, str]]:
    out = [("grey: feasible payoffs (lotteries over outcomes)", TEXT), ("thick line: Pareto frontier", TEXT),
           (f"dashed: minmax values ({fmt(scene.minmax[0])}, {fmt(scene.minmax[1])})", TEXT),
           ("green: individually rational", "#3a9d6a"),
           ("orange: correlated-equilibrium payoffs" + ("" if scene.correlated_complete else " (partial)"), "#c77a2a"),
           ("red dots: Nash equilibria", EQUILIBRIUM)]
    for p in scene.equilibria:
        out.append((f"   ({fmt(p[0])}, {fmt(p[1])})", EQUILIBRIUM))
    if scene.disagreement is not None:
        out.append((f"square: disagreement point ({fmt(scene.disagreement[0])}, {fmt(scene.disagreement[1])})", TEXT))
    for letter, name, p in scene.bargaining:
        out.append((f"{letter}: {name} ({fmt(p[0])}, {fmt(p[1])})", "#6a3d9a"))
    return out
