"""Text and JSON for concessions and sweeps on game trees (plays, not strategy profiles)."""

from __future__ import annotations

import textwrap
from typing import Any

from negsolve.render.numbers import fmt

WIDTH = 100


def _wrap(text: str, indent: str = "    ") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ",
                         break_on_hyphens=False) or [indent]


def _payment_words(s: Any, players: tuple[str, ...]) -> str:
    who = f"side payment {players[s.payer]} -> {players[s.receiver]}"
    if s.at_most is None:
        return f"{who} of at least {fmt(s.at_least)}"
    if s.at_most < s.at_least:
        return f"no side payment {players[s.payer]} -> {players[s.receiver]} works: the payer would deviate"
    if s.at_most == s.at_least:
        return f"{who} of exactly {fmt(s.at_least)}"
    return f"{who} between {fmt(s.at_least)} and {fmt(s.at_most)}"


def tree_concessions_text(report: Any) -> str:
    tree = report.tree
    players = tree.players
    lines = [f"Concessions in {tree.title!r}"]
    if tree.parameters:
        lines += _wrap("Parameters now: " + ", ".join(f"{k} = {fmt(v)}" for k, v in report.values.items()), "")
    sq = report.status_quo
    lines += _wrap(f"Status quo: {sq.label}; payoffs "
                   + ", ".join(f"{p} {fmt(v)}" for p, v in zip(players, sq.payoffs, strict=True)), "")
    lines += _wrap("Self-enforcing here means that some subgame-perfect equilibrium follows the play: "
                   "a threat the threatener would not carry out does not hold an outcome in place.", "")
    lines.append("")
    for k, row in enumerate(report.outcomes):
        lines += _wrap(f"{k:>2}. {row.label}", "")
        change = "; ".join(f"{p} {'+' if c > 0 else ''}{fmt(c)}" for p, c in zip(players, row.change, strict=True) if c)
        compare = row.comparison + (f" ({change})" if change and row.comparison != "status quo" else "")
        lines += _wrap(f"{compare}; self-enforcing: {'yes' if row.self_enforcing else 'no'}")
        if row.self_enforcing:
            continue
        if row.temptations:
            lines += _wrap("; ".join(f"{players[t.player]} gains {fmt(t.gain)} by {t.move!r} at {t.node}"
                                     for t in row.temptations) + ".")
            fixes = ["penalty on deviation: " + ", ".join(f"{players[t.player]} >= {fmt(t.gain)}"
                                                          for t in row.temptations)]
            fixes += [_payment_words(s, players) for s in row.side_payments]
            lines += _wrap("Fix: " + "; ".join(fixes))
        else:
            lines += _wrap("No single deviation pays, but no subgame-perfect equilibrium plays it out "
                           "(play after a deviation would have to differ).")
        for region in row.parameter_regions:
            some = region.words("some")
            if some not in ("never", "always"):
                lines += _wrap(f"or, {region.name} alone: {some}")
    best = [r for r in report.outcomes if r.comparison == "Pareto improvement"]
    if best:
        top = best[0]
        lines.append("")
        if top.self_enforcing:
            lines += _wrap(f"{top.label} makes everyone at least as well off and holds by itself.", "")
        else:
            lines += _wrap(f"The cheapest Pareto improvement to stabilise is {top.label}: a total penalty of "
                           f"{fmt(top.penalty)} on deviation would do it.", "")
    return "\n".join(lines)


def tree_concessions_json(report: Any) -> dict[str, Any]:
    players = list(report.tree.players)

    def row(r: Any) -> dict[str, Any]:
        return {
            "play": r.label,
            "moves": [{"node": n, "move": m} for n, m in r.play.steps],
            "payoffs": {p: fmt(v) for p, v in zip(players, r.payoffs, strict=True)},
            "change": {p: fmt(v) for p, v in zip(players, r.change, strict=True)},
            "comparison": r.comparison,
            "self_enforcing": r.self_enforcing,
            "temptations": [{"player": players[t.player], "node": t.node, "move": t.move, "gain": fmt(t.gain)}
                            for t in r.temptations],
            "penalties": {players[t.player]: fmt(t.gain) for t in r.temptations},
            "side_payments": [{"from": players[s.payer], "to": players[s.receiver], "at_least": fmt(s.at_least),
                               "at_most": None if s.at_most is None else fmt(s.at_most)}
                              for s in r.side_payments if s.at_most is None or s.at_most >= s.at_least],
            "parameter_changes": [{"parameter": g.name, "condition": g.condition("some"), "words": g.words("some")}
                                  for g in r.parameter_regions],
        }

    return {
        "schema": "negsolve.tree-concessions/1",
        "game": report.tree.title,
        "parameters": {k: fmt(v) for k, v in report.values.items()},
        "self_enforcing_means": "some subgame-perfect equilibrium follows the play",
        "status_quo": row(report.status_quo),
        "outcomes": [row(r) for r in report.outcomes],
    }


def tree_sweep_text(tree: Any, results: list) -> str:
    """One row per point: the subgame-perfect plays by letter (A, B, ...), then the legend."""
    if not results:
        return "(no points)"
    keys: dict[str, str] = {}
    for r in results:
        for label in r.plays:
            keys.setdefault(label, _letter(len(keys)))
    names = [n for n, _ in results[0].point]
    header = names + ["subgame-perfect plays", "equilibria"]
    table = [[fmt(v) for _, v in r.point]
             + [", ".join(keys[label] for label in r.plays) if r.valid else "(probabilities invalid)",
                str(r.count) if r.valid else ""] for r in results]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *table, strict=True)]
    out = [" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
           "-+-".join("-" * w for w in widths)]
    out += [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in table]
    out.append("")
    out.append("Plays:")
    for label, key in keys.items():
        out += textwrap.wrap(f"{key} = {label}", WIDTH, initial_indent="  ", subsequent_indent="      ")
    return "\n".join(out)


def _letter(k: int) -> str:
    return chr(ord("A") + k) if k < 26 else f"P{k + 1}"


def tree_sweep_rows(results: list) -> list[dict[str, Any]]:
    return [{"point": {k: fmt(v) for k, v in r.point}, "subgame_perfect_plays": list(r.plays),
             "subgame_perfect_count": r.count, "valid": r.valid} for r in results]
