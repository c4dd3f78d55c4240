"""The ``bargain`` report (alternating offers): text and JSON."""

from __future__ import annotations

from typing import Any

from negsolve.deals.rubinstein import BargainResult
from negsolve.render.numbers import fmt

JSON_SCHEMA = "negsolve.bargain/1"


def bargain_text(players: tuple[str, ...], limit: BargainResult, finite: BargainResult | None,
                 formulas: tuple[object, object] | None = None) -> str:
    a, b = players[0], players[1]
    first = players[limit.first]
    lines = ["Alternating offers (Rubinstein)", "===============================",
             f"Surplus {fmt(limit.surplus)}; discount factors per round: {a} {fmt(limit.deltas[0])}, "
             f"{b} {fmt(limit.deltas[1])}; {first} proposes first."]
    if any(limit.outside):
        lines.append(f"Outside options (taken instead of a counter-offer): {a} {fmt(limit.outside[0])}, "
                     f"{b} {fmt(limit.outside[1])}.")
    lines += ["", "No known last round (the subgame-perfect equilibrium is unique; agreement at once):",
              f"  {a} gets {fmt(limit.payoffs[0])} (share {fmt(limit.shares[0])}), "
              f"{b} gets {fmt(limit.payoffs[1])} (share {fmt(limit.shares[1])})"]
    if formulas is not None:
        lines.append(f"  In general the first proposer's share is {formulas[0]} and the responder's {formulas[1]}, "
                     "with d1 the first proposer's discount factor and d2 the responder's.")
    for i, bound in enumerate(limit.binding):
        if bound:
            lines.append(f"  {players[i]}'s outside option binds: it gets exactly its option when it responds.")
    if finite is not None:
        lines += ["", f"With a known last round {finite.rounds} (backward induction, the last proposer takes all):",
                  f"  {a} gets {fmt(finite.payoffs[0])} (share {fmt(finite.shares[0])}), "
                  f"{b} gets {fmt(finite.payoffs[1])} (share {fmt(finite.shares[1])})"]
        for step in finite.schedule:
            who = players[step.proposer]
            lines.append(f"  round {step.round}: {who} would offer {fmt(step.offer * finite.surplus)} "
                         f"and keep {fmt(step.keep * finite.surplus)}")
        gap = finite.shares[limit.first] - limit.shares[limit.first]
        lines.append(f"  The first proposer's share differs from the no-last-round share by {fmt(gap)}; the gap "
                     "shrinks by the factor d1*d2 every two rounds.")
    return "\n".join(lines)


def _result_json(players: tuple[str, ...], r: BargainResult) -> dict[str, Any]:
    return {
        "payoffs": {players[i]: fmt(r.payoffs[i]) for i in range(2)},
        "shares": {players[i]: fmt(r.shares[i]) for i in range(2)},
    }


def bargain_json(players: tuple[str, ...], limit: BargainResult, finite: BargainResult | None,
                 formulas: tuple[object, object] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema": JSON_SCHEMA,
        "players": list(players[:2]),
        "surplus": fmt(limit.surplus),
        "deltas": {players[i]: fmt(limit.deltas[i]) for i in range(2)},
        "first": players[limit.first],
        "outside_options": {players[i]: fmt(limit.outside[i]) for i in range(2)},
        "infinite_horizon": {**_result_json(players, limit),
                             "binding_options": [players[i] for i in range(2) if limit.binding[i]]},
    }
    if finite is not None:
        data["finite_horizon"] = {**_result_json(players, finite), "rounds": finite.rounds,
                                  "schedule": [{"round": s.round, "proposer": players[s.proposer],
                                                "offer": fmt(s.offer * finite.surplus),
                                                "keep": fmt(s.keep * finite.surplus)} for s in finite.schedule]}
    if formulas is not None:
        data["symbolic"] = {"first_proposer": str(formulas[0]), "responder": str(formulas[1])}
    return data
