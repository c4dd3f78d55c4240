"""Assessments (behaviour plus beliefs) as JSON and as a short text section.

See :mod:`negsolve.beliefs.assessment` for the definitions; the JSON fields are documented in
docs/beliefs.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from negsolve.model.tree import GameTree
from negsolve.render.numbers import fmt


def _plan_json(tree: GameTree, plan: dict) -> dict:
    order = {node.id: k for k, node in enumerate(tree.nodes)}
    return {node: (move if isinstance(move, str) else {m: fmt(Fraction(p)) for m, p in move.items()})
            for node, move in sorted(plan.items(), key=lambda item: order[item[0]])}


def assessment_json(tree: GameTree, item: Any) -> dict[str, Any]:
    a = item.assessment
    data: dict[str, Any] = {
        "source": item.source,
        "index": item.index,
        "plan": _plan_json(tree, a.plan),
        "beliefs": {name: {x: fmt(q) for x, q in b.items()} for name, b in a.beliefs.items()},
        "off_path_beliefs": {name: list(c) for name, c in a.off_path_beliefs.items()},
        "not_supported": list(a.unsupported),
        "sequentially_rational": a.sequentially_rational,
        "weak_pbe": a.weak_pbe,
        "pbe": a.pbe,
        "sequential": a.sequential,
    }
    if item.completed:
        data["completed_at"] = list(item.completed)
    if a.sequential is None:
        data["sequential_undecided"] = a.sequential_reason
    return data


def assessments_json(tree: GameTree, items: Sequence[Any]) -> list[dict[str, Any]]:
    return [assessment_json(tree, item) for item in items]


def verdict(a: Any) -> str:
    """The strongest notion an assessment meets, in words."""
    if a.sequential:
        return "sequential equilibrium"
    if a.pbe:
        return ("perfect Bayesian equilibrium, NOT sequential (no tremble gives supporting beliefs)"
                if a.sequential is False else "perfect Bayesian equilibrium (sequential: not decided)")
    if a.weak_pbe:
        return "weak perfect Bayesian equilibrium only (Bayes' rule fails in a subgame)"
    if a.sequentially_rational:
        return "sequentially rational for some beliefs, but not with Bayes' rule on the path"
    return "NOT sequentially rational"


def _beliefs_text(a: Any) -> list[str]:
    lines = []
    for name, b in a.beliefs.items():
        lines.append(f"       beliefs at {name}: " + ", ".join(f"{x} {fmt(q)}" for x, q in b.items()))
    for name, c in a.off_path_beliefs.items():
        lines.append(f"       off the path at {name}: " + " and ".join(c))
    for info in a.infosets:
        if not info.supported and (len(info.nodes) == 1 or info.beliefs is not None):
            played = [(m, q) for m, q in info.behaviour.items() if q]
            act = played[0][0] if len(played) == 1 else " + ".join(f"{fmt(q)} {m}" for m, q in played)
            lines.append(f"       at {info.name}: no admissible belief makes {act} a best reply")
    return lines


def assessments_text(tree: GameTree, items: Sequence[Any]) -> str:
    """The 'Beliefs' section: every subgame-perfect equilibrium in full, Nash equilibria briefly.

    Empty for a tree whose information sets are single nodes (perfect information): there every
    belief is certain, and the verdicts repeat subgame perfection."""
    if not any(len(info.nodes) > 1 for item in items[:1] for info in item.assessment.infosets):
        return ""
    lines = ["", "Beliefs (assessments; perfect Bayesian = Bayes' rule in every subgame where possible):"]
    for item in items:
        if item.source != "subgame_perfect":
            continue
        lines.append(f"  {item.index}. {verdict(item.assessment)}")
        lines.extend(_beliefs_text(item.assessment))
    nash = [item for item in items if item.source == "nash"]
    if nash:
        groups: dict[str, list[str]] = {}
        for item in nash:
            groups.setdefault(verdict(item.assessment), []).append(str(item.index))
        lines.append("  Nash equilibria of the reduced form (open moves filled as well as possible):")
        for text, numbers in groups.items():
            lines.append(f"    {', '.join(numbers)}: {text}")
    return "\n".join(lines)
