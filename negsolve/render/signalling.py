"""Text and JSON (schema ``negsolve.signalling/1``) for signalling games: equilibria, beliefs, regions."""

from __future__ import annotations

from typing import Any

from negsolve.render.numbers import fmt

SCHEMA = "negsolve.signalling/1"


def _dist(d: dict[str, Any]) -> str:
    if len(d) == 1:
        return next(iter(d)) or "(game ends)"
    return ", ".join(f"{k} {fmt(v)}" for k, v in d.items())


def _strs(d: dict[str, Any]) -> dict[str, str]:
    return {k: fmt(v) for k, v in d.items()}


def equilibrium_json(e: Any) -> dict[str, Any]:
    return {
        "kind": e.kind,
        "sender": {t: _strs(d) for t, d in e.sender.items()},
        "receiver": {i: _strs(d) for i, d in e.receiver.items()},
        "beliefs": {i: _strs(d) for i, d in e.beliefs.items()},
        "off_path_beliefs": {i: {"action": o.action, "conditions": list(o.conditions)} for i, o in e.off_path.items()},
        "payoffs": {"types": _strs(e.type_payoffs), "receiver": fmt(e.receiver_payoff)},
        "intuitive_criterion": {"passes": e.intuitive.passes, "reasons": list(e.intuitive.reasons)},
    }


def region_json(r: Any) -> dict[str, Any]:
    return {
        "kind": r.kind, "exists_now": r.exists_now, "exact": r.exact,
        "cases": [{"sender": c.sender, "receiver": c.receiver, "off_path_belief_on": c.off_path_types,
                   "conditions": [x.words() for x in c.region.conditions if x.words() != "always"],
                   "holds_now": c.holds_now} for c in r.cases],
    }


def signalling_json(report: Any, regions: dict[str, list[Any]] | None = None) -> dict[str, Any]:
    stages = []
    for stage, result in zip(report.stages.stages, report.results, strict=True):
        entry = {
            "screen": stage.screen or None, "sender": stage.sender, "receiver": stage.receiver,
            "prior": {t: fmt(p) for t, p in zip(stage.types, _prior(stage, report.values), strict=True)},
            "messages": list(stage.messages),
            "information_sets": [{"name": i.name, "message": i.message, "types": list(i.types),
                                  "actions": list(i.actions)} for i in stage.infosets],
            "equilibria": [equilibrium_json(e) for e in result.equilibria],
            "continua": [{"sender_supports": {t: list(s) for t, s in c.sender_supports.items()},
                          "receiver_supports": {i: list(s) for i, s in c.receiver_supports.items()}}
                         for c in result.continua],
            "support_patterns_checked": result.patterns,
            "method": result.method,
        }
        if regions is not None:
            entry["regions"] = [region_json(r) for r in regions[stage.screen]]
        stages.append(entry)
    out: dict[str, Any] = {"schema": SCHEMA, "game": report.stages.tree.title,
                           "parameters": _strs(report.values), "stages": stages}
    if report.stages.screener is not None:
        out["screening"] = {"screener": report.stages.tree.players[report.stages.screener],
                            "equilibria": [{"screen": p.screen, "stage_equilibria": list(p.picks),
                                            "receiver_values": dict(zip(report.stages.screens,
                                                                        (fmt(v) for v in p.values), strict=True))}
                                           for p in report.plans]}
    return out


def _prior(stage: Any, values: dict[str, Any]) -> list[Any]:
    from negsolve.model.expression import evaluate

    return [evaluate(e, values) for e in stage.prior]


def _equilibrium_lines(k: int, e: Any, stage: Any) -> list[str]:
    sends = "; ".join(f"{t} sends {_dist(d)}" for t, d in e.sender.items())
    lines = [f"{k}. {e.kind.capitalize()}: {sends}"]
    msg = {i.name: i.message for i in stage.infosets}
    lines.append(f"   {stage.receiver}: "
                 + "; ".join(f"after {msg[i]} [{i}]: {_dist(d)}" for i, d in e.receiver.items()))
    for i, b in e.beliefs.items():
        lines.append(f"   Belief after {msg[i]} [{i}] (Bayes' rule): "
                     + ", ".join(f"{t} {fmt(v)}" for t, v in b.items()))
    for i, o in e.off_path.items():
        if len(o.variable_types) == 1:
            lines.append(f"   Off the path, after {msg[i]} [{i}]: {o.action}, the best reply to {o.variable_types[0]} "
                         "(the message reveals the type)")
            continue
        why = " and ".join(o.conditions) if o.conditions else "any belief"
        lines.append(f"   Off the path, after {msg[i]} [{i}]: {o.action}, a best reply iff {why}")
    lines.append("   Payoffs: " + ", ".join(f"{t} {fmt(v)}" for t, v in e.type_payoffs.items())
                 + f"; {stage.receiver} {fmt(e.receiver_payoff)} (expected)")
    verdict = "survives" if e.intuitive.passes else "FAILS"
    lines.append(f"   Intuitive Criterion: {verdict}.")
    lines += [f"     - {r}" for r in e.intuitive.reasons]
    return lines


def region_lines(r: Any) -> list[str]:
    stage = r.game
    lines = [f"Where a {r.kind} equilibrium exists:"]
    if not r.cases:
        return lines + [f"  never: no {r.kind} equilibrium for any parameter values."]
    for c in r.cases:
        sends = ", ".join(f"{t} -> {m}" for t, m in c.sender.items())
        acts = ", ".join(f"{i}: {a}" for i, a in c.receiver.items())
        words = " and ".join(x.words() for x in c.region.conditions if x.words() != "always") or "always"
        now = "holds now" if c.holds_now else "fails now"
        lines.append(f"  ({sends}; {stage.receiver} {acts}) iff {words}  [{now}]")
    lines.append(f"  A {r.kind} equilibrium exists iff one of these holds; at the current values it "
                 f"{'does' if r.exists_now else 'does not'}.")
    if not r.exact:
        lines.append("  (Off-path sets with three or more actions: only beliefs on one type were tried, so the region "
                     "may be larger.)")
    return lines


def signalling_text(report: Any, regions: dict[str, list[Any]] | None = None) -> str:
    tree = report.stages.tree
    lines = [f"{tree.title}: a signalling game"]
    if report.values:
        lines.append("Parameters now: " + ", ".join(f"{k} = {fmt(v)}" for k, v in report.values.items()))
    for stage, result in zip(report.stages.stages, report.results, strict=True):
        lines.append("")
        if stage.screen:
            lines.append(f"== After {tree.players[report.stages.screener]}'s {stage.screen!r} ==")
        prior = ", ".join(f"{t} {fmt(p)}" for t, p in zip(stage.types, _prior(stage, report.values), strict=True))
        lines.append(f"Sender {stage.sender} (types: {prior}) sends {', '.join(stage.messages)}; "
                     f"receiver {stage.receiver} sees the message, not the type.")
        lines.append(f"Perfect Bayesian equilibria: {len(result.equilibria)} "
                     f"({result.patterns} support patterns checked exactly)")
        for k, e in enumerate(result.equilibria, 1):
            lines += _equilibrium_lines(k, e, stage)
        for c in result.continua:
            lines.append("   Also a continuum of equilibria (degenerate payoffs) with supports "
                         + "; ".join(f"{t}: {', '.join(s)}" for t, s in c.sender_supports.items()) + ".")
        for r in (regions or {}).get(stage.screen, []):
            lines += [""] + region_lines(r)
    if report.stages.screener is not None:
        lines += ["", f"{tree.players[report.stages.screener]}'s first move, given each branch's equilibrium:"]
        for p in report.plans:
            picks = ", ".join(f"{s!r}: equilibrium {i + 1}" for s, i in zip(report.stages.screens, p.picks,
                                                                                strict=True))
            worth = ", ".join(f"{s} {fmt(v)}" for s, v in zip(report.stages.screens, p.values, strict=True))
            plausible = all(r.equilibria[i].intuitive.passes for r, i in zip(report.results, p.picks, strict=True))
            mark = "; every branch equilibrium survives the Intuitive Criterion" if plausible else ""
            lines.append(f"  {p.screen} (with {picks}; its payoffs: {worth}{mark})")
    return "\n".join(lines)
