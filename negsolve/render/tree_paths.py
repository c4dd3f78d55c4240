"""Text and JSON for the path regions of a tree (``negsolve stability TREE --outcome PATH``)."""

from __future__ import annotations

from typing import Any

from negsolve.render.numbers import fmt

METHOD = ("each parameter alone, the others at their current values; the tree solved exactly at every "
          "value where the answer can change and once between them")


def path_region_text(report: Any) -> str:
    tree = report.tree
    lines = [f"Outcome {' → '.join(report.path.moves)} of {tree.title!r}"]
    if tree.parameters:
        lines.append("Parameters now: " + ", ".join(f"{k} = {fmt(v)}" for k, v in report.values.items()))
    n = report.count_now
    eq = "equilibrium" if n == 1 else "equilibria"
    if report.every_now:
        now = f"every subgame-perfect equilibrium ({n}) follows this path."
    elif report.some_now:
        now = f"{report.following_now} of the {n} subgame-perfect {eq} follow this path."
    else:
        now = f"no subgame-perfect equilibrium ({n} found) follows this path."
    lines += ["", "At the current values: " + now]
    if tree.parameters:
        lines += ["", "Where subgame-perfect equilibria follow this path, each parameter alone",
                  "(the others at their current values):"]
        width = max(len(p.name) for p in report.parameters)
        for p in report.parameters:
            domain = p.domain_words()
            head = f"  {p.name.ljust(width)}"
            lines.append(f"{head}  some: {p.words('some')};  every: {p.words('every')}"
                         + ("" if domain == "any value" else f"  (domain {domain})"))
        if any(p.irrational for p in report.parameters):
            lines.append("  (an irrational boundary is decided from the values just beside it)")
        rough = [p.name for p in report.parameters if not p.exact]
        if rough:
            lines.append(f"  (NOT exact for {', '.join(rough)}: a mixed equilibrium of a subgame could not be followed"
                         " as the parameter moves; its bounds come from solving on a finer grid)")
    lines += ["", "'some': at least one subgame-perfect equilibrium plays every move of the path;",
              "'every': all of them do. --plan shows the conditions for one whole plan."]
    return "\n".join(lines)


def path_region_json(report: Any) -> dict[str, Any]:
    return {
        "schema": "negsolve.tree-path/1",
        "game": report.tree.title,
        "path": list(report.path.moves),
        "parameters": {k: fmt(v) for k, v in report.values.items()},
        "now": {"subgame_perfect": report.count_now, "following": report.following_now,
                "some_spe": report.some_now, "every_spe": report.every_now},
        "path_region": path_region_data(report),
    }


def path_region_data(report: Any) -> dict[str, Any]:
    """``{"some_spe": [...], "every_spe": [...], "method"}``: one condition per parameter; an entry
    whose bounds are not exact (a mixed subgame that could not be followed) adds ``"exact": false``."""
    def entries(which: str) -> list[dict[str, Any]]:
        return [{"parameter": p.name, "condition": p.condition(which), "words": p.words(which),
                 "domain": p.domain_words(), **({} if p.exact else {"exact": False})} for p in report.parameters]

    return {"some_spe": entries("some"), "every_spe": entries("every"), "method": METHOD}
