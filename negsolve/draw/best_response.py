r"""2×2 best-response diagrams: each player's best-response correspondence in the unit square.

Let :math:`p` be the probability that the row player plays her first strategy and :math:`q` the
probability that the column player plays his first.  The row player's payoff advantage of her
first strategy is linear in :math:`q`,

.. math:: D_1(q) = q\,(a_{11} - a_{21}) + (1 - q)(a_{12} - a_{22}),

so her best response is :math:`p = 1` where :math:`D_1 > 0`, :math:`p = 0` where :math:`D_1 < 0`
and every :math:`p \in [0, 1]` where :math:`D_1 = 0` (a vertical segment at the indifference value
:math:`q^*`, or the whole square when :math:`D_1 \equiv 0`).  Likewise for the column player with
:math:`D_2(p)`.  The Nash equilibria are exactly the points where the two correspondences meet
(each strategy a best response to the other); the diagram marks the equilibria the exact solver
found, which lie on those crossings, and draws the mixed equilibrium's indifference lines dashed.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.draw.palette import EQUILIBRIUM, PLAYER_COLOURS, TEXT
from negsolve.draw.svg import Svg, text_width
from negsolve.model.strategic import StrategicGame, payoff_table
from negsolve.render.numbers import fmt

Point = tuple[Fraction, Fraction]  # (q, p)
SIDE = 320.0
SIZE = 13.0


@dataclass(frozen=True)
class BestResponseScene:
    title: str
    players: tuple[str, str]
    first: tuple[str, str]                     # each player's first strategy
    row_segments: tuple[tuple[Point, Point], ...]
    column_segments: tuple[tuple[Point, Point], ...]
    row_whole: bool                            # the row player is indifferent everywhere
    column_whole: bool
    q_star: Fraction | None                    # where the row player is indifferent
    p_star: Fraction | None                    # where the column player is indifferent
    equilibria: tuple[Point, ...]              # (q, p) of each extreme equilibrium
    payoffs: tuple[tuple[Fraction, Fraction], ...]


def _correspondence(low: Fraction, high: Fraction) -> tuple[list[tuple[Fraction, Fraction]], Fraction | None, bool]:
    """Best response of a player whose advantage is ``low`` at t = 0 and ``high`` at t = 1 (linear in t).

    Returns segments in (t, s) coordinates (s: own probability of the first strategy), the
    indifference value of t (None if none in [0, 1]) and whether the player is indifferent everywhere.
    """
    if low == 0 and high == 0:
        return [], None, True
    root = low / (low - high) if low != high else None
    if root is not None and not 0 <= root <= 1:
        root = None
    pieces: list[tuple[Fraction, Fraction]] = []
    cuts = [Fraction(0)] + ([root] if root is not None and 0 < root < 1 else []) + [Fraction(1)]
    points: list[tuple[Fraction, Fraction]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        mid = (a + b) / 2
        level = Fraction(1) if low + (high - low) * mid > 0 else Fraction(0)
        if points and points[-1][1] != level:  # the vertical part at the indifference value
            points.append((a, level))
        elif not points and root == 0:
            points.extend([(a, 1 - level)])
        points.extend([(a, level), (b, level)])
    if root == 1:
        points.append((Fraction(1), 1 - points[-1][1]))
    pieces = [(x, y) for x, y in points]
    return pieces, root, False


def best_response_scene(game: StrategicGame, values: dict[str, Fraction]) -> BestResponseScene:
    """Solve the 2×2 game once and compute both correspondences exactly."""
    from negsolve.solvers import solve_table

    table = payoff_table(game, values)
    a, b = table.matrix(0), table.matrix(1)
    # row player's advantage of row 0, as a function of q (column's probability of column 0)
    row_pts, q_star, row_whole = _correspondence(a[0][1] - a[1][1], a[0][0] - a[1][0])
    col_pts, p_star, col_whole = _correspondence(b[1][0] - b[1][1], b[0][0] - b[0][1])
    result = solve_table(table)
    eqs = tuple((eq.profile[1][0], eq.profile[0][0]) for eq in result.equilibria)
    return BestResponseScene(
        game.title, (game.players[0].name, game.players[1].name),
        (game.players[0].strategies[0], game.players[1].strategies[0]),
        tuple(zip(row_pts, row_pts[1:], strict=False)),
        tuple(((p[1], p[0]), (r[1], r[0])) for p, r in zip(col_pts, col_pts[1:], strict=False)),
        row_whole, col_whole, q_star if not row_whole else None, p_star if not col_whole else None, eqs,
        tuple((eq.payoffs[0], eq.payoffs[1]) for eq in result.equilibria))


def render_best_response(scene: BestResponseScene) -> str:
    """The SVG text of a :class:`BestResponseScene`."""
    left, top = 90.0, 60.0
    legend = [f"{scene.players[0]}'s best response", f"{scene.players[1]}'s best response",
              "Nash equilibrium (where they cross)"]
    width = left + SIDE + 40 + max(text_width(t, SIZE) for t in legend) + 40
    width = max(width, text_width(scene.title, SIZE * 1.2) + 40)
    height = top + SIDE + 80
    svg = Svg(width, height, title=scene.title)
    svg.text(left, 30, scene.title + ": best responses", size=SIZE * 1.2, anchor="start", font_weight="bold",
             fill=TEXT)

    def at(q: Fraction, p: Fraction) -> tuple[float, float]:
        return left + float(q) * SIDE, top + (1 - float(p)) * SIDE

    svg.rect(left, top, SIDE, SIDE, fill="white", stroke="#444")
    x_name = f"q = probability that {scene.players[1]} plays {scene.first[1]}"
    y_name = f"p = probability that {scene.players[0]} plays {scene.first[0]}"
    svg.text(left + SIDE / 2, top + SIDE + 44, x_name, size=SIZE, fill=PLAYER_COLOURS[1])
    cy = top + SIDE / 2
    svg.add("text", y_name, x=left - 52, y=cy, font_size=SIZE, text_anchor="middle", fill=PLAYER_COLOURS[0],
            transform=f"rotate(-90 {left - 52:.2f} {cy:.2f})")
    ticks_x = {Fraction(0), Fraction(1)} | ({scene.q_star} if scene.q_star is not None else set())
    ticks_y = {Fraction(0), Fraction(1)} | ({scene.p_star} if scene.p_star is not None else set())
    for q in sorted(ticks_x):
        x, y = at(q, Fraction(0))
        svg.text(x, y + 18, fmt(q), size=SIZE, fill=TEXT, class_="tick")
    for p in sorted(ticks_y):
        x, y = at(Fraction(0), p)
        svg.text(x - 8, y + 4, fmt(p), size=SIZE, anchor="end", fill=TEXT, class_="tick")
    if scene.q_star is not None:
        svg.line(*at(scene.q_star, Fraction(0)), *at(scene.q_star, Fraction(1)), stroke=PLAYER_COLOURS[0],
                 stroke_dasharray="4,4", stroke_width=1, class_="indifference")
    if scene.p_star is not None:
        svg.line(*at(Fraction(0), scene.p_star), *at(Fraction(1), scene.p_star), stroke=PLAYER_COLOURS[1],
                 stroke_dasharray="4,4", stroke_width=1, class_="indifference")
    for whole, colour in ((scene.row_whole, PLAYER_COLOURS[0]), (scene.column_whole, PLAYER_COLOURS[1])):
        if whole:
            svg.rect(left, top, SIDE, SIDE, fill=colour, fill_opacity="0.15")
    _segments(svg, scene.row_segments, at, PLAYER_COLOURS[0], 5.0)
    _segments(svg, scene.column_segments, at, PLAYER_COLOURS[1], 2.5)
    for q, p in scene.equilibria:
        svg.circle(*at(q, p), 7, fill=EQUILIBRIUM, stroke="white", stroke_width=1.5, class_="equilibrium")
    _legend(svg, legend, left + SIDE + 30, top + 10)
    _equilibrium_notes(svg, scene, left + SIDE + 30, top + 110)
    return svg.to_string()


def _segments(svg: Svg, segments: Any, at: Any, colour: str, width: float) -> None:
    for (q1, p1), (q2, p2) in segments:
        svg.line(*at(q1, p1), *at(q2, p2), stroke=colour, stroke_width=width, stroke_linecap="round",
                 class_="best-response")


def _legend(svg: Svg, legend: list[str], x: float, y: float) -> None:
    for k, (text, colour) in enumerate(zip(legend, [PLAYER_COLOURS[0], PLAYER_COLOURS[1], EQUILIBRIUM], strict=True)):
        yy = y + k * 24
        if k < 2:
            svg.line(x, yy, x + 22, yy, stroke=colour, stroke_width=4)
        else:
            svg.circle(x + 11, yy, 6, fill=colour)
        svg.text(x + 30, yy + 4, text, size=SIZE, anchor="start", fill=TEXT)


def _equilibrium_notes(svg: Svg, scene: BestResponseScene, x: float, y: float) -> None:
    for k, ((q, p), (u1, u2)) in enumerate(zip(scene.equilibria, scene.payoffs, strict=True)):
        svg.text(x, y + k * 20, f"p = {fmt(p)}, q = {fmt(q)}: payoffs {fmt(u1)}, {fmt(u2)}", size=SIZE,
                 anchor="start", fill=TEXT, class_="equilibrium-label")
