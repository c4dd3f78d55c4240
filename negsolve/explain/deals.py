"""The deal space explained in the game's own words (``negsolve deals GAME --explain``).

Narrates what :func:`negsolve.deals.space.deal_space` and
:func:`negsolve.deals.correlated.correlated_equilibria` computed (it solves nothing itself): each
side's security (minmax) value, the individually rational region, the Pareto frontier, each
bargaining solution (what it maximises, the lottery that realises it), the correlated equilibrium of
largest total read as a mediator's private recommendations, the coarse correlated equilibrium, and
the folk-theorem region.  Plain text, one paragraph per concept, each headed by the concept's name
as in ``negsolve concepts``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from fractions import Fraction

from negsolve.deals.bargaining import BargainingResult
from negsolve.deals.correlated import CorrelatedPoint, CorrelatedResult
from negsolve.deals.space import DealSpace
from negsolve.model.strategic import StrategicGame, fmt

WIDTH = 100


def _point(v: Sequence[Fraction]) -> str:
    return "(" + ", ".join(fmt(x) for x in v) + ")"


def _outcome(game: StrategicGame, profile: tuple[int, ...]) -> str:
    return "(" + ", ".join(p.strategies[k] for p, k in zip(game.players, profile, strict=True)) + ")"


def _mix(game: StrategicGame, player: int, probs: Sequence[Fraction]) -> str:
    names = game.players[player].strategies
    parts = [(names[k], p) for k, p in enumerate(probs) if p]
    if len(parts) == 1:
        return f"'{parts[0][0]}'"
    return " and ".join(f"'{n}' with probability {fmt(p)}" for n, p in parts)


def _paragraph(title: str, text: str) -> list[str]:
    return [title, *textwrap.wrap(text, WIDTH, initial_indent="  ", subsequent_indent="  "), ""]


def explain_deals(report: DealSpace, correlated: CorrelatedResult | None = None) -> str:
    """The explanation text (see the module docstring)."""
    game = report.game
    lines = [f"What the deal space of {game.title} means", ""]
    lines += _security(report)
    if report.rational_region:
        lines += _rational(report)
    lines += _frontier(report)
    if report.bargaining is not None and report.disagreement is not None and report.bargaining.solutions:
        lines += _bargaining(report, report.bargaining)
    if correlated is not None:
        lines += _correlated(game, correlated)
    if report.rational_region:
        lines += _folk(report)
    return "\n".join(lines).rstrip() + "\n"


def _security(report: DealSpace) -> list[str]:
    game = report.game
    out: list[str] = []
    for m in report.minmax:
        me = game.players[m.player].name
        others = " and ".join(p.name for i, p in enumerate(game.players) if i != m.player)
        text = (f"The worst {others} can do to {me}, if {me} then answers as well as it can, is {fmt(m.pure)} "
                f"with fixed strategies")
        if m.mixed_punishment is not None:
            mix = _mix(game, 1 - m.player, m.mixed_punishment)
            text += (f" and {fmt(m.mixed)} if {others} randomises (playing {mix})"
                     f". So {me} can secure {fmt(m.mixed)} on its own, whatever {others} does "
                     "(its security or maximin value: von Neumann's minimax theorem makes the two equal)")
        else:
            text += f" and {fmt(m.mixed)} if the others may coordinate their punishment"
        out += _paragraph(f"Minmax (security) value of {me}", text + ".")
    return out


def _rational(report: DealSpace) -> list[str]:
    names = " and ".join(f"{p.name} at least {fmt(m.mixed)}" for p, m in zip(report.game.players, report.minmax,
                                                                              strict=True))
    text = (f"No agreement that gives a side less than it can secure alone will be kept: the acceptable "
            f"agreements give {names}. They form the polygon with corners "
            + ", ".join(_point(v) for v in report.rational_region) + ".")
    return _paragraph("Individually rational region", text)


def _frontier(report: DealSpace) -> list[str]:
    game, space = report.game, report.space
    if space.frontier:
        edges = "; ".join(f"from {' or '.join(_outcome(game, o) for o in e.start_outcomes)} {_point(e.start)} to "
                          f"{' or '.join(_outcome(game, o) for o in e.end_outcomes)} {_point(e.end)}"
                          for e in space.frontier)
        text = (f"An agreement is efficient when no other feasible agreement (a lottery over outcomes) is better "
                f"for one side and no worse for the other. Here the efficient agreements run {edges}: along it one "
                f"side's gain is the other's loss, and any agreement off it wastes something both could share.")
    else:
        text = ("The efficient corners (no feasible agreement is better for one side and no worse for the others): "
                + ", ".join(_point(v) for v in space.pareto) + ".")
    dominated = [p for p in report.places if not p.efficient]
    if dominated:
        verb = "lies" if len(dominated) == 1 else "lie"
        text += (f" {len(dominated)} of the game's {len(report.places)} Nash equilibria {verb} below the frontier: "
                 "self-enforcing, but both sides could do better by agreement.")
    return _paragraph("Pareto frontier", text)


def _bargaining(report: DealSpace, result: BargainingResult) -> list[str]:
    game = report.game
    d = report.disagreement
    a, b = (p.name for p in game.players)
    assert d is not None  # noqa: S101 - checked by the caller
    head = f"If talks fail, each side gets {_point(d.payoffs)} ({d.description})."
    aims = {
        "nash": ("Nash bargaining solution",
                 f"maximises the product of the two gains over the disagreement point, ({a}'s gain) x ({b}'s gain): "
                 "the split that survives rescaling either side's payoffs and ignores agreements nobody picks"),
        "kalai_smorodinsky": ("Kalai–Smorodinsky solution",
                              f"gives each side the same share of the most it could hope for (the ideal point "
                              f"{_point(result.ideal or ())}): equal proportions of the largest possible gains"),
        "egalitarian": ("Egalitarian solution", "gives both sides equal gains over the disagreement point, as "
                        "large as possible (it compares the two sides' payoffs directly)"),
        "utilitarian": ("Utilitarian solution", "maximises the total payoff, whoever gets it"),
    }
    out = _paragraph("Bargaining problem", head + " Only agreements giving both at least that are acceptable; "
                     "each bargaining solution picks one of them by a different fairness rule.")
    for name, lottery in result.solutions.items():
        title, aim = aims[name]
        items = [(report.space.vertex_outcomes[k][0], p) for k, p in lottery.weights]
        if len(items) == 1:
            how = f"reached by playing {_outcome(game, items[0][0])} for sure"
        else:
            how = "reached by a lottery (a public coin both accept beforehand): " + ", ".join(
                f"{_outcome(game, o)} with probability {fmt(p)}" for o, p in items)
        out += _paragraph(title, f"It {aim}. Here it is {_point(lottery.point)}, {how}.")
    return out


def _correlated(game: StrategicGame, result: CorrelatedResult) -> list[str]:
    point = result.max_welfare
    out = _paragraph("Correlated equilibrium", "A mediator draws an outcome by a known rule and tells each side "
                     "privately only its own part. The rule is a correlated equilibrium when obeying every "
                     "recommendation is each side's best reply given what the recommendation reveals. Every "
                     "Nash equilibrium is one, and a mediator can sometimes do better for both. "
                     "The rule with the largest total here: "
                     + _reading(game, result, point))
    coarse = result.coarse_max_welfare
    text = ("If each side must commit to the mediator before hearing anything (it may only refuse the whole "
            "arrangement and play a fixed strategy instead), fewer deviations count, so more can be sustained. "
            f"The largest total is then {fmt(coarse.total)} with payoffs {_point(coarse.payoffs)}, against "
            f"{fmt(point.total)} for correlated equilibria.")
    if result.beats_nash is not None:
        text += (" Some correlated equilibrium gives every side more than its best Nash equilibrium, e.g. payoffs "
                 f"{_point(result.beats_nash.payoffs)}.")
    else:
        text += " No correlated equilibrium gives every side more than its best Nash equilibrium."
    return out + _paragraph("Coarse correlated equilibrium", text)


def _reading(game: StrategicGame, result: CorrelatedResult, point: CorrelatedPoint) -> str:
    support = [(s, p) for s, p in zip(result.table.profiles(), point.distribution, strict=True) if p]
    draw = ", ".join(f"{_outcome(game, s)} with probability {fmt(p)}" for s, p in support)
    text = f"it draws {draw}, paying {_point(point.payoffs)} on average."
    for i, player in enumerate(game.players):
        for a, move in enumerate(player.strategies):
            told = [(s, p) for s, p in support if s[i] == a]
            total = sum((p for _, p in told), Fraction(0))
            if total:
                obey = sum((p * result.table.at(s)[i] for s, p in told), Fraction(0)) / total
                text += f" When {player.name} hears '{move}' (probability {fmt(total)}), obeying pays it {fmt(obey)}"
                switch = [(sum((p * result.table.at(s[:i] + (b,) + s[i + 1:])[i] for s, p in told), Fraction(0))
                           / total, other) for b, other in enumerate(player.strategies) if b != a]
                if switch:
                    value, other = max(switch, key=lambda x: x[0])
                    text += f" on average; switching to '{other}' would pay {fmt(value)}."
                else:
                    text += "."
    return text


def _folk(report: DealSpace) -> list[str]:
    text = ("If the game is played again and again by patient sides, any agreement strictly inside the individually "
            "rational region can be sustained as the average payoff of an equilibrium: each side keeps to it "
            "because a deviation would be punished down to its minmax value (the folk theorem, Fudenberg and "
            "Maskin 1986). Repetition makes the whole region self-enforcing, not just the one-shot equilibria.")
    return _paragraph("Folk-theorem region", text)
