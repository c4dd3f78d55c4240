r"""Which pure outcomes are equilibria where: every outcome's exact region over one or two parameters.

The exact counterpart of ``negsolve sweep --plot``'s sampled map, for the pure equilibria: for each
pure profile, its stability conditions (:func:`negsolve.analysis.stability.stability`) cut the
window into an interval (one parameter) or a convex polygon (two), computed in rationals as in
:mod:`negsolve.draw.region`.  One parameter: a row per outcome with its interval, on a common axis
whose ticks are the exact boundaries.  Two: the outcomes' polygons drawn translucent, so where two
outcomes are equilibria at once the colours mix.  Mixed equilibria are not mapped (their number can
change inside a region); a condition that is not linear in the axes is sampled (said in the legend).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.draw.palette import TEXT
from negsolve.draw.region import (
    SAMPLES,
    Line,
    Point,
    _axes,
    _axis_window,
    _interval,
    _lines,
    _polygon,
    _samples,
    _scale,
    _window,
)
from negsolve.draw.svg import Svg, text_width
from negsolve.errors import InputError, Problem
from negsolve.model.strategic import StrategicGame
from negsolve.render.numbers import fmt

SIZE = 13.0
SIDE = 340.0
MAX_OUTCOMES = 36
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")


@dataclass(frozen=True)
class OutcomeRegion:
    label: str
    polygon: tuple[Point, ...]
    interval: tuple[Fraction, Fraction] | None
    sampled: tuple[tuple[Fraction, Fraction, bool], ...]


@dataclass(frozen=True)
class RegionMapScene:
    title: str
    axes: tuple[str, ...]
    window: tuple[tuple[Fraction, Fraction], ...]
    regions: tuple[OutcomeRegion, ...]   # outcomes that are equilibria somewhere in the window
    absent: tuple[str, ...]              # outcomes that are not, anywhere in it
    current: tuple[Fraction, ...]
    fixed: str


def region_map_scene(game: Any, values: dict[str, Fraction], axes: list[str] | None = None) -> RegionMapScene:
    """Every pure outcome's stability region in one window (see the module docstring)."""
    from negsolve.analysis.stability import stability

    if not isinstance(game, StrategicGame):
        raise InputError([Problem("region pictures are drawn for strategic games")])
    profiles = list(game.profiles())
    if len(profiles) > MAX_OUTCOMES:
        raise InputError([Problem(f"{len(profiles)} outcomes are too many for one map (at most {MAX_OUTCOMES})",
                                  hint="choose one outcome (--outcome S1,S2,...)")])
    conditions = [list(stability(game, p, values).region.conditions) for p in profiles]
    windows = dict(_axis_window(text) for text in axes or [])
    names = list(windows) if windows else _axes(game, [c for cs in conditions for c in cs])
    if any(a not in {p.name for p in game.parameters} for a in names) or not 1 <= len(names) <= 2:
        raise InputError([Problem(f"region axes {names!r}: choose one or two of the game's parameters")])
    point = game.parameter_values(values)
    split = [_lines(cs, names, point) for cs in conditions]
    every: list[Line] = [ln for lines, _ in split for ln in lines]
    window = tuple(windows.get(names[k]) or _window(game, names, k, every, point) for k in range(len(names)))
    regions, absent = [], []
    for profile, (lines, other) in zip(profiles, split, strict=True):
        label = ", ".join(p.strategies[s] for p, s in zip(game.players, profile, strict=True))
        polygon = tuple(_polygon(window, lines)) if len(names) == 2 else ()
        interval = _interval(window[0], lines) if len(names) == 1 else None
        sampled = tuple(_samples(other, names, point, window)) if other else ()
        if (polygon or interval) and (not sampled or any(ok for *_, ok in sampled)):
            regions.append(OutcomeRegion(label, polygon, interval, sampled))
        else:
            absent.append(label)
    fixed = ", ".join(f"{p.name} = {fmt(point[p.name])}" for p in game.parameters if p.name not in names)
    return RegionMapScene(game.title, tuple(names), window, tuple(regions), tuple(absent),
                          tuple(point[a] for a in names), fixed)


def render_region_map(scene: RegionMapScene) -> str:
    """The SVG text of a :class:`RegionMapScene`."""
    notes = _notes(scene)
    label_w = max([text_width(r.label, SIZE) for r in scene.regions] + [0.0])
    left = 80.0 if len(scene.axes) == 2 else label_w + 30
    top = 60.0
    plot_h = SIDE if len(scene.axes) == 2 else 28.0 * len(scene.regions) + 60
    width = left + SIDE + 30 + max(text_width(t, SIZE) for t in notes) + 20
    height = max(top + plot_h + 70, top + 20 * len(notes) + 20)
    svg = Svg(max(width, text_width(scene.title, SIZE * 1.2) + 120), height, title=scene.title)
    svg.text(20, 30, f"{scene.title}: which outcomes are equilibria where", size=SIZE * 1.2, anchor="start",
             font_weight="bold", fill=TEXT)
    if len(scene.axes) == 2:
        _two(svg, scene, left, top)
    else:
        _one(svg, scene, left, top)
    for k, text in enumerate(notes):
        colour = COLOURS[(k - 1) % len(COLOURS)] if 1 <= k <= len(scene.regions) else TEXT
        svg.text(left + SIDE + 30, top + 10 + k * 20, text, size=SIZE, anchor="start", fill=colour, class_="note")
    return svg.to_string()


def _notes(scene: RegionMapScene) -> list[str]:
    out = ["Pure Nash equilibria, exact regions:"]
    out += [f"({r.label})" + (" (sampled)" if r.sampled else "") for r in scene.regions]
    if scene.absent:
        out.append(f"never an equilibrium here: {len(scene.absent)} other outcome" + "s" * (len(scene.absent) > 1))
    if any(r.sampled for r in scene.regions):
        out.append(f"(sampled): a condition not linear in the axes, on a {SAMPLES}-point grid")
    if scene.fixed:
        out.append("fixed: " + scene.fixed)
    out.append("dot: the current values")
    return out


def _two(svg: Svg, scene: RegionMapScene, left: float, top: float) -> None:
    (x0, x1), (y0, y1) = scene.window
    sx, sy = _scale(x0, x1, SIDE), _scale(y0, y1, SIDE, flip=True)
    svg.rect(left, top, SIDE, SIDE, fill="white", stroke="#444")
    for k, region in enumerate(scene.regions):
        colour = COLOURS[k % len(COLOURS)]
        if region.polygon:
            svg.polygon([(left + sx(x), top + sy(y)) for x, y in region.polygon], fill=colour, fill_opacity="0.28",
                        stroke=colour, stroke_width=2.5, class_="region")
    svg.circle(left + sx(scene.current[0]), top + sy(scene.current[1]), 5, fill=TEXT, class_="current")
    for v in (x0, x1):
        svg.text(left + sx(v), top + SIDE + 18, fmt(v), size=SIZE, fill=TEXT, class_="tick")
    for v in (y0, y1):
        svg.text(left - 8, top + sy(v) + 4, fmt(v), size=SIZE, anchor="end", fill=TEXT, class_="tick")
    svg.text(left + SIDE / 2, top + SIDE + 40, scene.axes[0], size=SIZE, font_weight="bold", fill=TEXT)
    svg.text(left - 30, top + SIDE / 2, scene.axes[1], size=SIZE, anchor="end", font_weight="bold", fill=TEXT)


def _one(svg: Svg, scene: RegionMapScene, left: float, top: float) -> None:
    low, high = scene.window[0]
    sx = _scale(low, high, SIDE)
    ticks = {low, high}
    for k, region in enumerate(scene.regions):
        y = top + 20 + 28 * k
        colour = COLOURS[k % len(COLOURS)]
        svg.text(left - 12, y + 4, region.label, size=SIZE, anchor="end", fill=colour, class_="outcome")
        svg.line(left, y, left + SIDE, y, stroke="#DDDDDD")
        if region.interval is not None:
            a, b = region.interval
            ticks |= {a, b}
            svg.rect(left + sx(a), y - 8, max(sx(b) - sx(a), 3.0), 16, fill=colour, fill_opacity="0.35",
                     stroke=colour, stroke_width=2, class_="region")
    axis_y = top + 20 + 28 * len(scene.regions)
    svg.line(left, axis_y, left + SIDE, axis_y, stroke="#444", stroke_width=1.5)
    last = -1e9
    row = 0
    for v in sorted(ticks):
        x = left + sx(v)
        svg.line(x, top + 8, x, axis_y + 4, stroke="#BBBBBB", stroke_dasharray="2,3")
        row = 1 - row if x - last < text_width(fmt(v), SIZE) + 6 else 0
        svg.text(x, axis_y + 20 + 16 * row, fmt(v), size=SIZE, fill=TEXT, class_="tick")
        last = x if row == 0 else last
    svg.circle(left + sx(scene.current[0]), axis_y, 5, fill=TEXT, class_="current")
    svg.text(left + SIDE / 2, axis_y + 56, scene.axes[0], size=SIZE, font_weight="bold", fill=TEXT)
