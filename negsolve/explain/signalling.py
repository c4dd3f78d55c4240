"""Signalling games explained in words: pooling and separating, Bayes' rule on and off the path, the
Intuitive Criterion.  Reads the equilibria the solver recorded (:class:`negsolve.signalling.screening.
SignallingReport`); it evaluates payoffs to quote them, it never solves again.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from negsolve.expr import format_number as fmt

KIND_WORDS = {
    "pooling": "a pooling equilibrium: every type sends the same message, so the message tells {r} nothing",
    "separating": "a separating equilibrium: each type sends its own message, so the message reveals the type",
    "semi-separating": "a semi-separating (hybrid) equilibrium: some type mixes between messages, so a message "
                       "moves {r}'s belief without settling it",
    "partially pooling": "a partially pooling equilibrium: some types share a message, others have their own",
}


def explain_signalling(report: Any) -> str:
    """The explanation of every stage of ``report`` as text (paragraphs)."""
    from negsolve.signalling.equilibria import numbers

    out = []
    for stage, result in zip(report.stages.stages, report.results, strict=True):
        num = numbers(stage, report.values)
        head = f"After {stage.screen!r}: " if stage.screen else ""
        prior = " and ".join(f"{t} with probability {fmt(num.prior[t])}" for t in stage.types)
        out.append(f"{head}Chance makes {stage.sender} {prior}. {stage.sender} knows its type; {stage.receiver} "
                   f"sees only the message ({', '.join(stage.messages)}) and must form a belief about the type "
                   "before it acts.")
        for k, e in enumerate(result.equilibria, 1):
            out.append(_equilibrium(k, e, stage, num))
    if report.stages.screener is not None and report.plans:
        out.append(_screen(report))
    return "\n\n".join(out)


def _equilibrium(k: int, e: Any, stage: Any, num: Any) -> str:
    from negsolve.signalling.equilibria import expected

    r = stage.receiver
    parts = [f"Equilibrium {k} is " + KIND_WORDS[e.kind].format(r=r) + "."]
    sends = "; ".join(f"{t} sends " + " or ".join(f"{m}" + ("" if p == 1 else f" with probability {fmt(p)}")
                                                  for m, p in d.items()) for t, d in e.sender.items())
    parts.append(sends[0].upper() + sends[1:] + ".")
    for info in stage.infosets:
        if info.name in e.beliefs:
            parts.append(_bayes(info, e, num))
    for info in stage.infosets:
        if info.name in e.off_path:
            o = e.off_path[info.name]
            if len(info.types) == 1:
                parts.append(f"No type sends {info.message} here, but it would reveal {info.types[0]}, "
                             f"and {o.action} is "
                             f"{r}'s best reply to {info.types[0]}.")
                continue
            why = " and ".join(o.conditions) if o.conditions else "whatever it believes"
            parts.append(f"No type sends {info.message}, so Bayes' rule says nothing there (it would divide by "
                         "zero): any "
                         f"belief is allowed off the path. {r} answers {o.action}, a best reply iff {why}.")
            threat = [f"{t} would get {fmt(expected(num, e.receiver, t, info.message))} from {info.message} against "
                      f"{fmt(e.type_payoffs[t])} in the equilibrium" for t in info.types]
            parts.append("That keeps every type in line: " + "; ".join(threat) + ".")
    for t, d in e.sender.items():
        if len(d) > 1:
            values = ", ".join(f"{m} gives it {fmt(expected(num, e.receiver, t, m))}" for m in d)
            parts.append(f"{t} is willing to mix only because it is indifferent: {values}; {r}'s own mix is what "
                         "makes it so.")
    for name, d in e.receiver.items():
        if len(d) > 1:
            parts.append(f"{r} mixes at {name} ({', '.join(f'{a} {fmt(p)}' for a, p in d.items())}) because its "
                         "belief there leaves it indifferent between those actions.")
    verdict = ("It survives the Intuitive Criterion (Cho and Kreps): " if e.intuitive.passes
               else "It fails the Intuitive Criterion (Cho and Kreps): ")
    parts.append(verdict + " ".join(s[0].upper() + s[1:] + "." for s in e.intuitive.reasons))
    return " ".join(parts)


def _bayes(info: Any, e: Any, num: Any) -> str:
    weights = {t: (num.prior[t], e.sender[t].get(info.message, Fraction(0))) for t in info.types}
    if len(info.types) == 1:
        return f"After {info.message} only {info.types[0]} can be there: the message reveals it."
    total = sum(p * s for p, s in weights.values())
    terms = " + ".join(f"{fmt(p)}·{fmt(s)}" for p, s in weights.values())
    first = info.types[0]
    p, s = weights[first]
    return (f"On the path, after {info.message}, Bayes' rule gives μ({first} | {info.message}) = {fmt(p)}·{fmt(s)} / "
            f"({terms}) = {fmt(p * s / total)}: prior times the chance that type sends it, over the total chance "
            "of the message.")


def _screen(report: Any) -> str:
    who = report.stages.tree.players[report.stages.screener]
    text = (f"The first move is a screen: {who} compares what each opening earns it once the types answer in "
            "equilibrium, and picks the best.")
    plausible = [p for p in report.plans
                 if all(r.equilibria[i].intuitive.passes for r, i in zip(report.results, p.picks, strict=True))]
    if not plausible:
        return text + " No combination of branch equilibria survives the Intuitive Criterion everywhere."
    screens = sorted({p.screen for p in plausible})
    worth = ", ".join(f"{s} {fmt(v)}" for s, v in zip(report.stages.screens, plausible[0].values, strict=True))
    return (text + f" If every branch plays an equilibrium that survives the Intuitive Criterion, {who} opens with "
            f"{' or '.join(screens)} (its payoffs: {worth}).")
