"""Text and JSON for the stability, concessions, repeated-play and sweep analyses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from negsolve.formatting import amount_words, change_words
from negsolve.render.numbers import fmt


def _profile_name(game: Any, profile: tuple[int, ...]) -> str:
    return ", ".join(p.strategies[k] for p, k in zip(game.players, profile, strict=False))


def _interval_words(name: str, spec: tuple) -> str:
    low, ls, high, hs = spec
    if low is None and high is None:
        return f"any {name}"
    if low is None:
        return f"{name} {'<' if hs else '<='} {fmt(high)}"
    if high is None:
        return f"{name} {'>' if ls else '>='} {fmt(low)}"
    return f"{fmt(low)} {'<' if ls else '<='} {name} {'<' if hs else '<='} {fmt(high)}"


STATUS_WORDS = {"holds": "holds now", "boundary": "holds now, exactly on the boundary (a tie)", "fails": "fails now"}


def stability_text(report: Any, ranges: Mapping[str, str]) -> str:
    """The stability report as text; ``ranges``: each parameter alone (``report.parameter_ranges()``)."""
    game, profile = report.game, report.profile
    name = _profile_name(game, profile)
    lines = [f"Stability of ({name}) in {game.title!r}"]
    if game.parameters:
        lines.append("Parameters now: " + ", ".join(f"{k} = {fmt(v)}" for k, v in report.values.items()))
    lines.append("")
    lines += _deviation_lines(report)
    lines.append("")
    lines += _region_lines(report, name, ranges)
    lines += _now_lines(report)
    if report.mixed is not None:
        lines.append("")
        lines += _mixed_lines(game, report.mixed)
    return "\n".join(lines)


def _deviation_lines(report: Any) -> list[str]:
    """One line per deviation: when the player keeps to its strategy, and whether it does now."""
    game, profile = report.game, report.profile
    lines = []
    for i, player in enumerate(game.players):
        own = player.strategies[profile[i]]
        for d in (d for d in report.deviations if d.player == i):
            alt = player.strategies[d.to]
            words = d.keeps.words()
            if words in ("never", "always"):  # no condition to state: say it plainly
                lines.append(f"{player.name} {'never keeps' if words == 'never' else 'always keeps'} to {own!r} "
                             f"rather than {alt!r}, whatever the parameters  [{STATUS_WORDS[d.status]}]")
                continue
            lines.append(f"{player.name} keeps to {own!r} rather than {alt!r} iff {words}"
                         f"  [{STATUS_WORDS[d.status]}]")
    return lines


def _region_lines(report: Any, name: str, ranges: Mapping[str, str]) -> list[str]:
    """Where the outcome is a (strict) equilibrium, each thing said once."""
    if not report.region.feasible:
        return [f"({name}) is never an equilibrium, whatever the parameters."]
    words = " and ".join(c.words() for c in report.region.conditions if c.words() != "always") or "always"
    lines = ["It is a Nash equilibrium whatever the parameters." if words == "always" else
             f"It is a Nash equilibrium iff {words}."]
    strict = " and ".join(c.words() for c in report.strict_region.conditions if c.words() != "always") or "always"
    lines.append("It is a strict equilibrium (nobody indifferent) whatever the parameters." if strict == "always"
                 else "It is never a strict equilibrium (some player is always indifferent)." if strict == "never"
                 else f"It is a strict equilibrium (nobody indifferent) iff {strict}.")
    said = {words}
    if report.region.intervals:
        region = "; ".join(_interval_words(k, v) for k, v in report.region.intervals.items())
        if region.replace("; ", " and ") not in said:
            lines.append("Region: " + region)
            said.add(region.replace("; ", " and "))
    alone = " and ".join(v for v in ranges.values())
    if ranges and alone not in said:
        lines.append("Each parameter alone, the others at their current values: " + "; ".join(
            f"no value of {k} works alone" if v == "never" else (f"any {k}" if v == "always" else v)
            for k, v in ranges.items()) + ".")
    return lines


def _now_lines(report: Any) -> list[str]:
    """Whether the outcome is an equilibrium at the current values, and who breaks it or ties."""
    game = report.game
    if not report.equilibrium_now:
        broken = sorted({game.players[d.player].name for d in report.deviations if d.status == "fails"})
        return [f"At the current values it is NOT an equilibrium: {', '.join(broken)} would break it."]
    if report.ties_now:
        who = ", ".join(sorted({game.players[d.player].name for d in report.ties_now}))
        return [f"At the current values it IS an equilibrium, but only weakly: {who} "
                "would lose nothing by deviating (a boundary point)."]
    return ["At the current values it IS a strict equilibrium: the agreement is self-enforcing."]


def _mixed_lines(game: Any, m: Any) -> list[str]:
    """The closed-form mixed equilibrium of a 2x2 game and where it is a proper mixture."""
    rows, cols = game.players[0], game.players[1]
    valid = list(dict.fromkeys(f"({c.words()})" if " or " in c.words() else c.words() for c in m.valid))
    never = "never" in valid
    verb = "would have to play" if never else "plays"
    lines = ["Mixed equilibrium of this 2x2 game, in closed form:"]
    if m.row_mix is not None:
        lines.append(f"  {rows.name} {verb} {rows.strategies[0]!r} with probability {m.row_mix}")
    if m.column_mix is not None:
        lines.append(f"  {cols.name} {verb} {cols.strategies[0]!r} with probability {m.column_mix}")
    if never:
        lines.append("  these are never both strictly between 0 and 1, whatever the parameters: no equilibrium "
                     "has both players mixing")
    elif valid:
        lines.append("  a proper mixture iff " + " and ".join(valid))
    for note in m.notes:
        lines.append(f"  note: {note}")
    if None not in m.at_values and not never:
        inside = all(0 < v < 1 for v in m.at_values)
        lines.append(f"  now: {fmt(m.at_values[0])} and {fmt(m.at_values[1])}"
                     + ("" if inside else " (not a proper mixture at these values)"))
    return lines


def _condition_json(c: Any) -> dict:
    return {"condition": c.sympy_text(), "words": c.words()}


def stability_json(report: Any, ranges: Mapping[str, str]) -> dict:
    """The stability report as JSON (schema ``negsolve.stability/1``); ``ranges`` as for :func:`stability_text`."""
    game = report.game
    data: dict[str, Any] = {
        "schema": "negsolve.stability/1",
        "game": game.title,
        "outcome": {p.name: p.strategies[k] for p, k in zip(game.players, report.profile, strict=False)},
        "parameters": {k: fmt(v) for k, v in report.values.items()},
        "deviations": [
            {"player": game.players[d.player].name,
             "keeps": game.players[d.player].strategies[report.profile[d.player]],
             "rather_than": game.players[d.player].strategies[d.to], **_condition_json(d.keeps), "status": d.status}
            for d in report.deviations
        ],
        "nash": {"conditions": [_condition_json(c) for c in report.region.conditions],
                 "possible": report.region.feasible,
                 "intervals": {k: _interval_words(k, v) for k, v in report.region.intervals.items()}},
        "strict": {"conditions": [_condition_json(c) for c in report.strict_region.conditions],
                   "possible": report.strict_region.feasible},
        "each_parameter_alone": dict(ranges),
        "equilibrium_now": report.equilibrium_now,
        "strict_now": report.strict_now,
        "ties_now": [{"player": game.players[d.player].name, "rather_than": game.players[d.player].strategies[d.to]}
                     for d in report.ties_now],
    }
    if report.mixed is not None:
        m = report.mixed
        data["mixed_2x2"] = {
            "row_first_strategy_probability": None if m.row_mix is None else str(m.row_mix),
            "column_first_strategy_probability": None if m.column_mix is None else str(m.column_mix),
            "valid_when": [_condition_json(c) for c in m.valid],
            "now": [None if v is None else fmt(v) for v in m.at_values],
            "notes": list(m.notes),
        }
    return data


def concessions_text(report: Any) -> str:
    game = report.game
    lines = [f"Concessions in {game.title!r}"]
    if game.parameters:
        lines.append("Parameters now: " + ", ".join(f"{k} = {fmt(v)}" for k, v in report.values.items()))
    sq = _profile_name(game, report.status_quo) if report.status_quo is not None else report.status_quo_label
    lines.append(f"Status quo: ({sq}), {report.status_quo_label}; payoffs "
                 + ", ".join(f"{p.name} {fmt(v)}"
                             for p, v in zip(game.players, report.status_quo_payoffs, strict=False)))
    lines.append("")
    rows = []
    for k, row in enumerate(report.outcomes):
        change = "; ".join(f"{p.name} {'+' if c > 0 else ''}{fmt(c)}"
                           for p, c in zip(game.players, row.change, strict=False) if c)
        compare = row.comparison + (f" ({change})" if change and row.comparison != "status quo" else "")
        fixes = "-" if row.self_enforcing else _fixes_words(game, row)
        rows.append([str(k), _profile_name(game, row.profile), compare, "yes" if row.self_enforcing else "no", fixes])
    # many strategy profiles of a tree's reduced form play out the same way: show each payoff/status once
    seen: dict[tuple, int] = {}
    keep = []
    for r, row in zip(rows, report.outcomes, strict=False):
        key = (row.payoffs, row.self_enforcing, row.comparison == "status quo")
        seen[key] = seen.get(key, 0) + 1
        if seen[key] == 1:
            keep.append((r, key))
    for r, key in keep:
        lines.append(f"{r[0]:>2}. ({r[1]})" + (f"  [and {seen[key] - 1} other profile(s) with the same payoffs]"
                                                 if seen[key] > 1 else ""))
        lines.append(f"    {r[2]}; self-enforcing: {r[3]}")
        if r[4] != "-":
            lines.append(f"    {r[4]}")
    best = [row for row in report.outcomes if row.comparison == "Pareto improvement"]
    if best:
        top = best[0]
        lines.append("")
        if top.self_enforcing:
            lines.append(f"({_profile_name(game, top.profile)}) "
                         "makes everyone at least as well off and holds by itself.")
        else:
            lines.append(f"The cheapest Pareto improvement to stabilise is ({_profile_name(game, top.profile)}): "
                         f"a total penalty of {fmt(top.penalty)} on deviation would do it.")
    return "\n".join(lines)


def _fixes_words(game: Any, row: Any) -> str:
    """Who is tempted by what, then each way to stabilise the outcome: penalty, side payment, parameter."""
    tempted = "; ".join(f"{game.players[t.player].name} gains {fmt(t.gain)} "
                        f"by {game.players[t.player].strategies[t.to]!r}"
                        for t in row.temptations)
    fixes = ["penalty on deviation: " + ", ".join(
        f"at least {fmt(t.gain)} on {game.players[t.player].name}" for t in row.temptations)]
    for s in row.side_payments:
        fixes.append(f"side payment {game.players[s.payer].name} -> {game.players[s.receiver].name} "
                     f"of {amount_words(s.amount, s.most)}")
    if row.side_payment_note:
        fixes.append(row.side_payment_note)
    for c in row.parameter_changes:
        if c.target is not None:
            fixes.append(change_words(c.parameter, c.current, c.target, c.included, c.region))
    return f"{tempted}. Fix: " + "; ".join(fixes)


def concessions_json(report: Any) -> dict:
    game = report.game
    players = [p.name for p in game.players]

    def outcome(profile: tuple[int, ...]) -> dict:
        return {p.name: p.strategies[k] for p, k in zip(game.players, profile, strict=False)}

    return {
        "schema": "negsolve.concessions/1",
        "game": game.title,
        "parameters": {k: fmt(v) for k, v in report.values.items()},
        "status_quo": None if report.status_quo is None else outcome(report.status_quo),
        "status_quo_payoffs": {n: fmt(v) for n, v in zip(players, report.status_quo_payoffs, strict=False)},
        "outcomes": [
            {
                "rank": k,
                "outcome": outcome(row.profile),
                "payoffs": {n: fmt(v) for n, v in zip(players, row.payoffs, strict=False)},
                "change": {n: fmt(v) for n, v in zip(players, row.change, strict=False)},
                "comparison": row.comparison,
                "self_enforcing": row.self_enforcing,
                "temptations": [{"player": players[t.player], "deviation": game.players[t.player].strategies[t.to],
                                 "gain": fmt(t.gain)} for t in row.temptations],
                "penalty_needed": fmt(row.penalty),
                "penalties": [{"player": players[t.player], "at_least": fmt(t.gain)} for t in row.temptations],
                "side_payments": [{"from": players[s.payer], "to": players[s.receiver], "at_least": fmt(s.amount),
                                   "at_most": None if s.most is None else fmt(s.most)} for s in row.side_payments],
                "side_payment_note": row.side_payment_note or None,
                "parameter_changes": [{"parameter": c.parameter, "current": fmt(c.current),
                                       "target": None if c.target is None else fmt(c.target),
                                       "target_included": c.included, "works_when": c.region}
                                      for c in row.parameter_changes],
            }
            for k, row in enumerate(report.outcomes)
        ],
    }


def sweep_rows(game: Any, results: list) -> list[dict]:
    rows = []
    for r in results:
        if getattr(r, "error", None):
            rows.append({"point": {k: fmt(v) for k, v in r.point}, "error": r.error})
            continue
        rows.append({
            "point": {k: fmt(v) for k, v in r.point},
            "pure_equilibria": [_profile_name(game, p) for p in r.pure],
            "mixed_equilibria": r.mixed,
            "degenerate": r.degenerate,
        })
    return rows


def sweep_text(game: Any, results: list) -> str:
    return sweep_rows_text(sweep_rows(game, results))


def sweep_rows_text(rows: list[dict]) -> str:
    """The sweep table from its JSON rows (as :func:`sweep_rows` makes them)."""
    if not rows:
        return "(no points)"
    names = list(rows[0]["point"])
    header = names + ["pure equilibria", "mixed", "degenerate"]
    table = []
    for r in rows:
        if "error" in r:
            table.append([r["point"][n] for n in names] + [f"undefined: {r['error']}", "", ""])
            continue
        table.append([r["point"][n] for n in names] + ["; ".join(f"({e})" for e in r["pure_equilibria"]) or "-",
                                                        str(r["mixed_equilibria"]), "yes" if r["degenerate"] else ""])
    widths = [max(len(str(x)) for x in col) for col in zip(header, *table, strict=False)]
    out = [" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=False)).rstrip(),
           "-+-".join("-" * w for w in widths)]
    out += [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)).rstrip() for row in table]
    return "\n".join(out)

def tree_stability_text(report: Any, ranges: Mapping[str, str]) -> str:
    """A path's stability as text; ``ranges``: each parameter alone (``report.parameter_ranges()``)."""
    tree = report.tree
    lines = [f"Stability of the path {' → '.join(report.path) or '(root)'} in {tree.title!r}"]
    if tree.parameters:
        lines.append("Parameters now: " + ", ".join(f"{k} = {fmt(v)}" for k, v in report.values.items()))
    lines.append("")
    lines.append("The plan that follows this path is subgame perfect iff every mover prefers its planned move:")
    for c in report.conditions:
        if c.keeps.words() == "always":
            continue
        where = "on the path" if c.on_path else "off the path"
        if c.move == "the plan":
            lines.append(f"  in the subgame at {c.node}, {c.player} keeps to the plan rather than ({c.alternative}) "
                         f"iff {c.keeps.words()}  [{STATUS_WORDS[c.status]}]")
        else:
            lines.append(f"  at {c.node} ({where}), {c.player} plays {c.move!r} rather than {c.alternative!r} iff "
                         f"{c.keeps.words()}  [{STATUS_WORDS[c.status]}]")
    always = sum(1 for c in report.conditions if c.keeps.words() == "always")
    if always:
        lines.append(f"  ({always} other comparison(s) hold whatever the parameters)")
    lines.append("")
    if not report.region.feasible:
        lines.append("This plan is never subgame perfect, whatever the parameters.")
    else:
        words = " and ".join(c.words() for c in report.region.conditions if c.words() != "always") or "always"
        lines.append(f"Region: {words}.")
        if ranges:
            lines.append("Each parameter alone, the others at their current values: " + "; ".join(
                f"no value of {k} works alone" if v == "never" else (f"any {k}" if v == "always" else v)
                for k, v in ranges.items()) + ".")
    lines.append("At the current values: " + ("this path IS the subgame-perfect outcome."
                                               if report.holds_now and report.follows_now else
                                               "this path is NOT the subgame-perfect outcome."))
    return "\n".join(lines)


def tree_stability_json(report: Any, ranges: Mapping[str, str]) -> dict[str, Any]:
    """A path's stability as JSON (schema ``negsolve.tree-stability/1``); ``ranges`` as for the text."""
    return {
        "schema": "negsolve.tree-stability/1",
        "game": report.tree.title,
        "path": list(report.path),
        "plan": report.plan,
        "parameters": {k: fmt(v) for k, v in report.values.items()},
        "conditions": [{"node": c.node, "player": c.player, "move": c.move, "rather_than": c.alternative,
                        "condition": c.keeps.sympy_text(), "words": c.keeps.words(), "status": c.status,
                        "on_path": c.on_path} for c in report.conditions],
        "region": [{"condition": c.sympy_text(), "words": c.words()} for c in report.region.conditions],
        "possible": report.region.feasible,
        "each_parameter_alone": dict(ranges),
        "subgame_perfect_now": report.holds_now and report.follows_now,
    }

