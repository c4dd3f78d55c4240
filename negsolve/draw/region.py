r"""Stability regions: where an outcome is a Nash equilibrium, over one or two parameters, exact.

The conditions come from :func:`negsolve.analysis.stability.stability` (each deviation gain
:math:`u_i(s) - u_i(t, s_{-i}) \ge 0`, redundant ones removed).  The parameters not on an axis are
fixed at their values.  A linear condition is a half-line (one axis) or a half-plane (two axes), so
the region inside the drawing window is an interval or a convex polygon whose vertices are
computed in rationals (:func:`negsolve.deals.geometry.clip`): the boundaries are drawn where they
are, not where a grid of samples happens to change colour, and each is labelled with its condition.
A condition that is not linear in the axes is shown by sampled cells (said so in the legend).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.draw.palette import EQUILIBRIUM, MUTED, REGION_FILLS, TEXT
from negsolve.draw.svg import Svg, text_width
from negsolve.errors import InputError, Problem
from negsolve.model.strategic import StrategicGame
from negsolve.render.numbers import fmt

Point = tuple[Fraction, Fraction]
SIZE = 13.0
SIDE = 340.0
SAMPLES = 40
LONG = 50  # an outcome named in more characters is listed player by player


@dataclass(frozen=True)
class Line:
    """``a * x + b * y + c >= 0`` (``b`` is 0 with one axis), with its words."""

    a: Fraction
    b: Fraction
    c: Fraction
    words: str


@dataclass(frozen=True)
class RegionScene:
    title: str
    outcome: str
    plays: tuple[str, ...]                     # "player: strategy" of the outcome
    axes: tuple[str, ...]
    window: tuple[tuple[Fraction, Fraction], ...]
    lines: tuple[Line, ...]
    polygon: tuple[Point, ...]                 # two axes: the exact region (may be empty)
    interval: tuple[Fraction, Fraction] | None  # one axis: the exact region
    sampled: tuple[tuple[Fraction, Fraction, bool], ...]  # non-linear conditions: (x, y, holds) cell centres
    current: tuple[Fraction, ...]
    fixed: str
    always: bool
    never: bool


def region_scene(game: Any, values: dict[str, Fraction], outcome: str | None,
                 axes: list[str] | None = None, default: tuple[int, ...] | None = None) -> RegionScene:
    """Stability conditions of ``outcome`` cut to a window.  Without ``outcome``: ``default`` (a tree's
    subgame-perfect play in its reduced form), else the first pure equilibrium."""
    from negsolve.analysis.stability import parse_outcome, stability

    if not isinstance(game, StrategicGame):
        raise InputError([Problem("region pictures are drawn for strategic games")])
    profile = parse_outcome(game, outcome) if outcome else (default or _default_profile(game, values))
    report = stability(game, profile, values)
    conditions = list(report.region.conditions)
    windows = dict(_axis_window(text) for text in axes or [])
    axes = list(windows) if windows else _axes(game, conditions)
    unknown = [a for a in axes if a not in {p.name for p in game.parameters}]
    if unknown or not 1 <= len(axes) <= 2:
        raise InputError([Problem(f"region axes {axes!r}: choose one or two of the game's parameters")])
    point = game.parameter_values(values)
    lines, other = _lines(conditions, axes, point)
    window = tuple(windows.get(axes[k]) or _window(game, axes, k, lines, point) for k in range(len(axes)))
    polygon: tuple[Point, ...] = ()
    interval = None
    if len(axes) == 2:
        polygon = tuple(_polygon(window, lines))
    else:
        interval = _interval(window[0], lines)
    sampled = tuple(_samples(other, axes, point, window)) if other else ()
    label = ", ".join(p.strategies[s] for p, s in zip(game.players, profile, strict=True))
    plays = tuple(f"{p.name}: {p.strategies[s]}" for p, s in zip(game.players, profile, strict=True))
    fixed = ", ".join(f"{p.name} = {fmt(point[p.name])}" for p in game.parameters if p.name not in axes)
    always = report.region.feasible and not conditions
    return RegionScene(game.title, label, plays, tuple(axes), window, tuple(lines), polygon, interval, sampled,
                       tuple(point[a] for a in axes), fixed, always, not report.region.feasible)


def _axis_window(text: str) -> tuple[str, tuple[Fraction, Fraction] | None]:
    """``"s"`` or ``"s=0:4"`` (exact numbers, never evaluated as code)."""
    name, _, span = text.partition("=")
    if not span:
        return name.strip(), None
    low_text, _, high_text = span.partition(":")
    try:
        low, high = Fraction(low_text.strip()), Fraction(high_text.strip())
    except (ValueError, ZeroDivisionError):
        raise InputError([Problem(f"axis {text!r}: expected NAME or NAME=LOW:HIGH with exact numbers")]) from None
    if not low < high:
        raise InputError([Problem(f"axis {text!r}: LOW must be below HIGH")])
    return name.strip(), (low, high)


def _default_profile(game: StrategicGame, values: dict[str, Fraction]) -> tuple[int, ...]:
    from negsolve.model.strategic import payoff_table
    from negsolve.solvers.pure import pure_equilibria

    found = pure_equilibria(payoff_table(game, values))
    if not found:
        return tuple(0 for _ in game.players)
    return tuple(s.index(Fraction(1)) for s in found[0].profile)


def _axes(game: StrategicGame, conditions: list) -> list[str]:
    used = {str(s) for c in conditions for s in c.expr.free_symbols}
    names = [p.name for p in game.parameters if p.name in used] or [p.name for p in game.parameters]
    return names[:2]


def _lines(conditions: list, axes: list[str], point: dict[str, Fraction]) -> tuple[list[Line], list]:
    lines, other = [], []
    for c in conditions:
        lin = c.linear
        if lin is None:
            other.append(c)
            continue
        coeff = dict(lin.coeffs)
        const = lin.const + sum((a * point[v] for v, a in lin.coeffs if v not in axes), Fraction(0))
        a = coeff.get(axes[0], Fraction(0))
        b = coeff.get(axes[1], Fraction(0)) if len(axes) == 2 else Fraction(0)
        if a == 0 and b == 0:
            if const < 0 or (const == 0 and lin.strict):
                lines.append(Line(Fraction(0), Fraction(0), Fraction(-1), c.words()))  # never, here
            continue
        lines.append(Line(a, b, const, c.words()))
    return lines, other


def _window(game: StrategicGame, axes: list[str], k: int, lines: list[Line],
            point: dict[str, Fraction]) -> tuple[Fraction, Fraction]:
    """The parameter's domain when bounded; else its value and the boundaries' crossings, padded."""
    name = axes[k]
    param = next(p for p in game.parameters if p.name == name)
    if param.minimum is not None and param.maximum is not None and param.minimum < param.maximum:
        return param.minimum, param.maximum
    other = point[axes[1 - k]] if len(axes) == 2 else Fraction(0)
    marks = [point[name]]
    for ln in lines:
        own, cross = (ln.a, ln.b) if k == 0 else (ln.b, ln.a)
        if own != 0:
            marks.append(-(ln.c + cross * other) / own)
    low, high = min(marks), max(marks)
    pad = max((high - low) / 2, Fraction(1))
    low, high = low - pad, high + pad
    if param.minimum is not None:
        low = max(low, param.minimum)
    if param.maximum is not None:
        high = min(high, param.maximum)
    return (low, high) if low < high else (low, low + 1)


def _polygon(window: tuple, lines: list[Line]) -> list[Point]:
    from negsolve.deals.geometry import clip

    (x0, x1), (y0, y1) = window
    poly: list[Point] = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    for ln in lines:
        if not poly:
            break
        poly = clip(poly, (ln.a, ln.b), -ln.c)
    return poly


def _interval(window: tuple[Fraction, Fraction], lines: list[Line]) -> tuple[Fraction, Fraction] | None:
    low, high = window
    for ln in lines:
        if ln.a == 0:
            if ln.c < 0:
                return None
            continue
        root = -ln.c / ln.a
        if ln.a > 0:
            low = max(low, root)
        else:
            high = min(high, root)
    return (low, high) if low <= high else None


def _samples(conditions: list, axes: list[str], point: dict[str, Fraction], window: tuple) -> list:
    out = []
    xs = [window[0][0] + (window[0][1] - window[0][0]) * (2 * i + 1) / (2 * SAMPLES) for i in range(SAMPLES)]
    ys = ([window[1][0] + (window[1][1] - window[1][0]) * (2 * j + 1) / (2 * SAMPLES) for j in range(SAMPLES)]
          if len(axes) == 2 else [Fraction(0)])
    for x in xs:
        for y in ys:
            at = dict(point, **{axes[0]: x}, **({axes[1]: y} if len(axes) == 2 else {}))
            out.append((x, y, all(c.status(at) != "fails" for c in conditions)))
    return out


def render_region(scene: RegionScene) -> str:
    """The SVG text of a :class:`RegionScene`."""
    left, top = 80.0, 60.0
    notes = _notes(scene)
    width = left + SIDE + 30 + max(text_width(t, SIZE) for t in notes) + 20
    two = len(scene.axes) == 2
    height = max(top + (SIDE if two else 60) + 70, top + 20 * len(notes) + 20)
    svg = Svg(max(width, text_width(scene.title, SIZE * 1.2) + 40), height, title=scene.title)
    what = f"({scene.outcome})" if len(scene.outcome) <= LONG else "the outcome"
    svg.text(left, 30, f"{scene.title}: where {what} is an equilibrium", size=SIZE * 1.2,
             anchor="start", font_weight="bold", fill=TEXT)
    if two:
        _two_axes(svg, scene, left, top)
    else:
        _one_axis(svg, scene, left, top + 30)
    for k, text in enumerate(notes):
        svg.text(left + SIDE + 30, top + 10 + k * 20, text, size=SIZE, anchor="start", fill=TEXT, class_="note")
    return svg.to_string()


def _notes(scene: RegionScene) -> list[str]:
    out = [f"Shaded: ({scene.outcome}) is a Nash equilibrium" if len(scene.outcome) <= LONG else
           "Shaded: this outcome is a Nash equilibrium:"]
    if len(scene.outcome) > LONG:
        out += [f"  {play}" for play in scene.plays]
    if scene.always:
        out.append("it is one whatever the parameters")
    if scene.never:
        out.append("it is never one")
    out += [f"({k + 1}) {ln.words}" for k, ln in enumerate(scene.lines) if ln.a or ln.b]
    if scene.sampled:
        out.append(f"non-linear conditions: sampled on a {SAMPLES}-point grid")
    if scene.fixed:
        out.append("fixed: " + scene.fixed)
    out.append("dot: the current values")
    return out


def _scale(low: Fraction, high: Fraction, length: float, flip: bool = False) -> Any:
    def f(v: Fraction) -> float:
        t = float((v - low) / (high - low))
        return (1 - t) * length if flip else t * length
    return f


def _two_axes(svg: Svg, scene: RegionScene, left: float, top: float) -> None:
    (x0, x1), (y0, y1) = scene.window
    sx, sy = _scale(x0, x1, SIDE), _scale(y0, y1, SIDE, flip=True)
    svg.rect(left, top, SIDE, SIDE, fill="white", stroke="#444")
    if scene.sampled:
        w, h = SIDE / SAMPLES, SIDE / SAMPLES
        for x, y, ok in scene.sampled:
            if not ok:
                svg.rect(left + sx(x) - w / 2, top + sy(y) - h / 2, w, h, fill="white", fill_opacity="0.8")
    if scene.polygon:
        pts = [(left + sx(x), top + sy(y)) for x, y in scene.polygon]
        svg.polygon(pts, fill=REGION_FILLS[0], stroke=EQUILIBRIUM, stroke_width=2.5, class_="region")
    for k, ln in enumerate(scene.lines):
        seg = _clip_line(ln, scene.window)
        if seg:
            (ax, ay), (bx, by) = seg
            svg.line(left + sx(ax), top + sy(ay), left + sx(bx), top + sy(by), stroke=MUTED, stroke_dasharray="5,4",
                     class_="boundary")
            svg.text(left + sx(bx) + (4 if bx == x1 else 0), top + sy(by) + (12 if by == y0 else -4), f"({k + 1})",
                     size=SIZE * 0.9, anchor="start", fill=MUTED)
    svg.circle(left + sx(scene.current[0]), top + sy(scene.current[1]), 5, fill=TEXT, class_="current")
    for v in (x0, x1):
        svg.text(left + sx(v), top + SIDE + 18, fmt(v), size=SIZE, fill=TEXT, class_="tick")
    for v in (y0, y1):
        svg.text(left - 8, top + sy(v) + 4, fmt(v), size=SIZE, anchor="end", fill=TEXT, class_="tick")
    svg.text(left + SIDE / 2, top + SIDE + 40, scene.axes[0], size=SIZE, font_weight="bold", fill=TEXT)
    svg.text(left - 30, top + SIDE / 2, scene.axes[1], size=SIZE, anchor="end", font_weight="bold", fill=TEXT)


def _clip_line(ln: Line, window: tuple) -> tuple[Point, Point] | None:
    """The part of the line ``a x + b y + c = 0`` inside the window (exact), or None."""
    (x0, x1), (y0, y1) = window
    pts = set()
    if ln.b != 0:
        for x in (x0, x1):
            y = -(ln.c + ln.a * x) / ln.b
            if y0 <= y <= y1:
                pts.add((x, y))
    if ln.a != 0:
        for y in (y0, y1):
            x = -(ln.c + ln.b * y) / ln.a
            if x0 <= x <= x1:
                pts.add((x, y))
    if len(pts) < 2:
        return None
    ordered = sorted(pts)
    return ordered[0], ordered[-1]


def _one_axis(svg: Svg, scene: RegionScene, left: float, y: float) -> None:
    low, high = scene.window[0]
    sx = _scale(low, high, SIDE)
    svg.line(left, y, left + SIDE, y, stroke="#444", stroke_width=1.5)
    if scene.interval is not None:
        a, b = scene.interval
        svg.rect(left + sx(a), y - 10, max(sx(b) - sx(a), 3.0), 20, fill=REGION_FILLS[0], stroke=EQUILIBRIUM,
                 stroke_width=2.5, class_="region")
    ticks = {low, high} | (set(scene.interval) if scene.interval else set())
    for v in sorted(ticks):
        svg.line(left + sx(v), y - 4, left + sx(v), y + 4, stroke="#444")
    placed: list[float] = []
    for v in sorted(ticks):  # labels alternate rows when they would touch
        x = left + sx(v)
        row = 1 if placed and x - placed[-1] < text_width(fmt(v), SIZE) + 6 else 0
        svg.text(x, y + 26 + row * 16, fmt(v), size=SIZE, fill=TEXT, class_="tick")
        placed.append(x if row == 0 else placed[-1])
    svg.circle(left + sx(scene.current[0]), y, 5, fill=TEXT, class_="current")
    svg.text(left + SIDE / 2, y + 62, scene.axes[0], size=SIZE, font_weight="bold", fill=TEXT)
