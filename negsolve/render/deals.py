"""The ``deals`` report: the payoff space, minmax values, equilibria and bargaining solutions, as text and JSON."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from negsolve.deals.bargaining import LABELS, SOLUTIONS, BargainingResult, Lottery
from negsolve.deals.space import DealSpace
from negsolve.model.strategic import StrategicGame
from negsolve.render.numbers import fmt
from negsolve.render.report import describe_strategy

JSON_SCHEMA = "negsolve.deals/1"


def point_text(point: Sequence[Fraction]) -> str:
    return "(" + ", ".join(fmt(v) for v in point) + ")"


def outcome_text(game: StrategicGame, profile: tuple[int, ...]) -> str:
    return "(" + ", ".join(p.strategies[k] for p, k in zip(game.players, profile, strict=True)) + ")"


def outcome_json(game: StrategicGame, profile: tuple[int, ...]) -> dict[str, str]:
    return {p.name: p.strategies[k] for p, k in zip(game.players, profile, strict=True)}


def _payoffs_json(game: StrategicGame, point: Sequence[Fraction]) -> dict[str, str]:
    return {p.name: fmt(v) for p, v in zip(game.players, point, strict=True)}


def lottery_items(report: DealSpace, lottery: Lottery) -> list[tuple[tuple[int, ...], Fraction]]:
    """The lottery as (pure profile, probability) pairs, one outcome per hull vertex."""
    return [(report.space.vertex_outcomes[k][0], p) for k, p in lottery.weights]


def lottery_text(report: DealSpace, lottery: Lottery) -> str:
    items = lottery_items(report, lottery)
    if len(items) == 1:
        return outcome_text(report.game, items[0][0]) + " for sure"
    return " + ".join(f"{fmt(p)} {outcome_text(report.game, o)}" for o, p in items)


def deals_text(report: DealSpace) -> str:
    """The human-readable ``negsolve deals`` report."""
    game, space = report.game, report.space
    lines = [f"Deal space of {game.title}", "=" * (14 + len(game.title))]
    if game.parameters:
        lines.append("Parameters: " + ", ".join(f"{p.name} = {fmt(report.values[p.name])}" for p in game.parameters))
    order = ", ".join(p.name for p in game.players)
    lines += ["", f"Payoffs are listed in the order ({order}).", "",
              "Feasible agreements (the convex hull of the outcomes; any lottery over outcomes), exact vertices:"]
    for v, outcomes in zip(space.vertices, space.vertex_outcomes, strict=True):
        lines.append(f"  {point_text(v)}  " + " or ".join(outcome_text(game, o) for o in outcomes))
    lines += [""] + _frontier_lines(report) + [""] + _minmax_lines(report)
    lines += [""] + _equilibrium_lines(report) + [""] + _dominated_lines(report)
    if report.bargaining is not None and report.disagreement is not None:
        lines += [""] + bargaining_lines(report, report.bargaining)
    lines += [f"Note: {n}" for n in report.notes]
    return "\n".join(lines)


def _frontier_lines(report: DealSpace) -> list[str]:
    game, space = report.game, report.space
    if not space.frontier:
        head = "Pareto frontier (efficient vertices; nothing feasible is better for one and no worse for all):"
        return [head] + [f"  {point_text(v)}  " + " or ".join(outcome_text(game, o) for o in space.outcomes_at(v))
                         for v in space.pareto]
    lines = ["Pareto frontier (no feasible agreement is better for one side and no worse for the other):"]
    for edge in space.frontier:
        a = " or ".join(outcome_text(game, o) for o in edge.start_outcomes)
        b = " or ".join(outcome_text(game, o) for o in edge.end_outcomes)
        lines.append(f"  from {point_text(edge.start)} {a}")
        lines.append(f"    to {point_text(edge.end)} {b}  (and every lottery between them)")
    return lines


def _minmax_lines(report: DealSpace) -> list[str]:
    game = report.game
    lines = ["Minmax values (the least the others can hold a player to, if it answers with a best response):"]
    for m in report.minmax:
        name = game.players[m.player].name
        others = [p for i, p in enumerate(game.players) if i != m.player]
        punish = "; ".join(", ".join(p.strategies[k] for p, k in zip(others, r, strict=True))
                           for r in m.pure_punishments)
        text = f"  {name}: pure {fmt(m.pure)} (others play {punish}); mixed {fmt(m.mixed)}"
        if m.mixed_punishment is not None:
            text += f" ({others[0].name} plays {describe_strategy(game, 1 - m.player, m.mixed_punishment)})"
        elif m.correlated:
            text += " (others correlating)"
        lines.append(text)
    if report.rational_region:
        lines.append("Individually rational agreements (each side at least its mixed minmax), vertices: "
                     + ", ".join(point_text(v) for v in report.rational_region))
        lines.append("  (the folk-theorem region: with patient players, every point strictly inside is the average "
                     "payoff of some equilibrium of the repeated game)")
    return lines


def _equilibrium_lines(report: DealSpace) -> list[str]:
    game = report.game
    lines = ["Where the Nash equilibria lie:"]
    for k, place in enumerate(report.places, start=1):
        eq = place.equilibrium
        plays = "; ".join(f"{p.name}: {describe_strategy(game, i, eq.profile[i])}" for i, p in enumerate(game.players))
        lines.append(f"  {k}. {plays} -> {point_text(eq.payoffs)}")
        if place.efficient:
            where = "on the Pareto frontier"
        elif place.dominated_by:
            where = "Pareto-dominated by " + ", ".join(outcome_text(game, o) for o in place.dominated_by)
        else:
            where = f"Pareto-dominated only by lotteries, e.g. {point_text(place.dominating_point or ())}"
        lines.append(f"     {where}; " + ("strictly above every minmax value" if place.above_minmax
                                         else "at some player's minmax value"))
    return lines


def _dominated_lines(report: DealSpace) -> list[str]:
    game = report.game
    if not report.space.dominated:
        return ["No outcome is Pareto-dominated."]
    lines = ["Pareto-dominated outcomes:"]
    for d in report.space.dominated:
        by = (", ".join(outcome_text(game, o) for o in d.by) if d.by
              else f"a lottery with payoffs {point_text(d.by_point or ())}")
        lines.append(f"  {outcome_text(game, d.outcome)} {point_text(d.payoffs)}: dominated by {by}")
    return lines


def bargaining_lines(report: DealSpace, result: BargainingResult) -> list[str]:
    game = report.game
    assert report.disagreement is not None
    lines = [f"Bargaining (disagreement point: {report.disagreement.description}, "
             f"{point_text(report.disagreement.payoffs)}):"]
    if not result.solutions:
        return lines + [f"  {n}" for n in result.notes]
    for name in SOLUTIONS:
        lottery = result.solutions[name]
        lines.append(f"  {LABELS[name]}: {point_text(lottery.point)}")
        lines.append(f"    by {lottery_text(report, lottery)}")
    t = result.transfer
    if t is not None:
        if t.payer is None:
            lines.append(f"  With side payments: the best total is {fmt(t.total)}, already split equally over the "
                         f"disagreement point {point_text(t.payoffs)}")
        else:
            payer, payee = game.players[t.payer].name, game.players[1 - t.payer].name
            lines.append(f"  With side payments: play for the best total {fmt(t.total)} and {payer} pays {payee} "
                         f"{fmt(t.amount)}, giving {point_text(t.payoffs)} (equal gains over disagreement)")
    lines += [f"  Note: {n}" for n in result.notes]
    return lines


def bargaining_json(report: DealSpace, result: BargainingResult) -> dict[str, Any]:
    game = report.game
    out: dict[str, Any] = {}
    for name, lottery in result.solutions.items():
        out[name] = {
            "payoffs": _payoffs_json(game, lottery.point),
            "lottery": [{"outcome": outcome_json(game, o), "probability": fmt(p)}
                        for o, p in lottery_items(report, lottery)],
        }
    return out


def deals_json(report: DealSpace) -> dict[str, Any]:
    """The JSON contract of ``negsolve deals --format json`` (schema ``negsolve.deals/1``)."""
    game, space = report.game, report.space
    players = [p.name for p in game.players]
    data: dict[str, Any] = {
        "schema": JSON_SCHEMA,
        "game": game.title,
        "players": players,
        "parameters": {p.name: fmt(report.values[p.name]) for p in game.parameters},
        "hull": [[fmt(x) for x in v] for v in space.vertices],
        "hull_outcomes": [[outcome_json(game, o) for o in outs] for outs in space.vertex_outcomes],
        "pareto": [[fmt(x) for x in v] for v in space.pareto],
        "frontier": [{"from": [fmt(x) for x in e.start], "to": [fmt(x) for x in e.end],
                      "from_outcomes": [outcome_json(game, o) for o in e.start_outcomes],
                      "to_outcomes": [outcome_json(game, o) for o in e.end_outcomes]} for e in space.frontier],
        "minmax": {players[m.player]: {"pure": fmt(m.pure), "mixed": fmt(m.mixed),
                                       "mixed_correlated": m.correlated} for m in report.minmax},
        "individually_rational": [[fmt(x) for x in v] for v in report.rational_region],
        "equilibria": [_place_json(game, place) for place in report.places],
        "dominated_outcomes": [
            {"outcome": outcome_json(game, d.outcome), "payoffs": _payoffs_json(game, d.payoffs),
             "by": [outcome_json(game, o) for o in d.by],
             "by_point": None if d.by_point is None else [fmt(x) for x in d.by_point]}
            for d in space.dominated],
        "method": space.method,
        "notes": list(report.notes),
    }
    if report.disagreement is not None and report.bargaining is not None:
        d = report.disagreement
        data["disagreement"] = {"kind": d.kind, "description": d.description, "payoffs": _payoffs_json(game, d.payoffs)}
        data["bargaining"] = bargaining_json(report, report.bargaining)
        t = report.bargaining.transfer
        data["transfer"] = None if t is None else {
            "total": fmt(t.total), "payer": None if t.payer is None else players[t.payer], "amount": fmt(t.amount),
            "payoffs": _payoffs_json(game, t.payoffs)}
        data["notes"] += list(report.bargaining.notes)
    return data


def _place_json(game: StrategicGame, place: Any) -> dict[str, Any]:
    eq = place.equilibrium
    return {
        "profile": {p.name: {s: fmt(x) for s, x in zip(p.strategies, eq.profile[i], strict=True)}
                    for i, p in enumerate(game.players)},
        "payoffs": _payoffs_json(game, eq.payoffs),
        "pareto_efficient": place.efficient,
        "dominated_by": [outcome_json(game, o) for o in place.dominated_by],
        "dominating_point": None if place.dominating_point is None else [fmt(x) for x in place.dominating_point],
        "above_minmax": place.above_minmax,
    }
