"""Text and JSON (schema ``negsolve.repeated/2``) for the repeated-play analysis."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from negsolve.render.numbers import fmt


def _profile_name(game: Any, profile: tuple[int, ...]) -> str:
    return ", ".join(p.strategies[k] for p, k in zip(game.players, profile, strict=False))


def _mix_words(game: Any, i: int, mix: tuple[Fraction, ...]) -> str:
    strategies = game.players[i].strategies
    parts = [(strategies[k], p) for k, p in enumerate(mix) if p]
    if len(parts) == 1:
        return repr(parts[0][0])
    return " + ".join(f"{fmt(p)} {s!r}" for s, p in parts)


def equilibrium_words(game: Any, e: Any) -> str:
    """``(Escalate, Slow down)``, ``the mixed equilibrium (A: 1/2 'X' + 1/2 'Y'; B: ...)`` or its label."""
    if e.profile is None:
        return e.label or "a subgame-perfect equilibrium that mixes"
    if e.pure is not None:
        return f"({_profile_name(game, e.pure)})"
    return "the mixed equilibrium (" + "; ".join(
        f"{p.name}: {_mix_words(game, i, mix)}"
        for i, (p, mix) in enumerate(zip(game.players, e.profile, strict=False))) + ")"


def _minmax_words(game: Any, i: int, mix: tuple) -> str:
    others = [k for k in range(len(game.players)) if k != i]
    if len(others) == 1:
        j = others[0]
        size = len(game.players[j].strategies)
        probs = [Fraction(0)] * size
        for rest, p in mix:
            probs[rest[0]] += p
        return f"{game.players[j].name} plays {_mix_words(game, j, tuple(probs))}"
    joint = " + ".join(f"{fmt(p)} "
                       f"({', '.join(game.players[j].strategies[s] for j, s in zip(others, rest, strict=False))})"
                       for rest, p in mix)
    return f"the others play {joint} (jointly)"


def _delta_text(value: Fraction | None) -> str:
    return "never" if value is None else fmt(value)


def _pieces_text(piece_list: tuple) -> str:
    out = []
    for piece in piece_list:
        when = " and ".join(c.words() for c in piece.conditions) or "whatever the parameters"
        what = {"any": "any delta", "never": "no delta < 1"}.get(piece.delta, None) if isinstance(piece.delta, str) \
            else None
        out.append(f"{'' if not piece.conditions else 'if '}{when}: {what or f'delta >= {piece.delta}'}")
    return "; ".join(out)


def repeated_text(report: Any) -> str:
    game = report.game
    lines = [f"Repeated play of {game.title!r}: keeping to ({_profile_name(game, report.outcome)})"]
    if game.parameters:
        lines.append("Parameters now: " + ", ".join(f"{k} = {fmt(v)}" for k, v in report.values.items()))
    lines.append("")
    lines += _nash_lines(report)
    lines.append("")
    lines += _minmax_lines(report)
    if report.tit_for_tat is not None:
        lines.append("")
        lines.append("Tit-for-tat (copy the other's last move), 2x2 game:")
        for t in report.tit_for_tat:
            name = game.players[t.player].name
            if not t.tempted:
                lines.append(f"  {name}: never tempted")
            elif not t.thresholds:
                lines.append(f"  {name}: {t.reason}")
            else:
                now = fmt(t.value) if t.value is not None else "never, at the current values"
                lines.append(f"  {name}: needs delta >= {t.thresholds[0]} and delta >= {t.thresholds[1]}  (now {now})")
    if report.finite is not None:
        lines.append("")
        lines += _finite_lines(report)
    return "\n".join(_wrap(line) for line in lines)


def _wrap(line: str, width: int = 100) -> str:
    """Long lines folded at ``width``, continuation lines indented under the text."""
    import textwrap

    if len(line) <= width:
        return line
    indent = " " * (len(line) - len(line.lstrip()) + 2)
    return textwrap.fill(line, width=width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)


def _nash_lines(report: Any) -> list[str]:
    game = report.game
    scope = {"all": "", "pure": " (pure stage equilibria only: mixed ones of games with three or more players "
             "are not computed)", "subgame perfect": " (subgame-perfect equilibria of the tree only)"}
    head = ("Nash reversion: keep the agreement; whoever breaks it is punished for ever by "
            + ("the chosen stage equilibrium " + equilibrium_words(game, report.chosen_punishment)
               if report.chosen_punishment is not None else "the stage equilibrium worst for them")
            + scope.get(report.stage_scope, "") + ".")
    lines = [head]
    for p in report.players:
        name = game.players[p.player].name
        if p.deviation is None or p.gain <= 0:
            lines.append(f"  {name}: never tempted to break it (any delta)")
            continue
        alt = game.players[p.player].strategies[p.deviation]
        line = f"  {name}: gains {fmt(p.gain)} by {alt!r}; "
        if p.punishment is None:
            line += "no stage equilibrium to punish with, so Nash reversion cannot hold it"
        elif p.nash_delta is None:
            line += (f"punished by {equilibrium_words(game, p.punishment)} (worth {fmt(p.punishment.payoffs[p.player])}"
                     " to it), which it likes at least as much as the agreement: no delta < 1 works")
        else:
            line += (f"punished by {equilibrium_words(game, p.punishment)} (worth {fmt(p.punishment.payoffs[p.player])}"
                     f" to it): needs delta >= {fmt(p.nash_delta)}")
        lines.append(line)
        if p.pieces and not (len(p.pieces) == 1 and not p.pieces[0].conditions
                             and not getattr(p.pieces[0].delta, "free_symbols", True)):
            lines.append(f"    with the parameters: {_pieces_text(p.pieces)}")
    if report.delta_star is None:
        lines.append("  => not sustainable by Nash reversion at the current values")
    elif report.delta_star == 0:
        lines.append("  => sustainable for any delta: nobody gains by breaking it")
    else:
        lines.append(f"  => sustainable iff delta >= {fmt(report.delta_star)} (at the current values)")
    return lines


def _minmax_lines(report: Any) -> list[str]:
    game = report.game
    lines = ["The minmax bound, which no strategy beats: each player can secure its minmax value in every round,",
             "so no subgame-perfect equilibrium of the repeated game sustains the agreement for a smaller delta:"]
    for p in report.players:
        name = game.players[p.player].name
        c = p.minmax + 0  # keep exact
        how = _minmax_words(game, p.player, p.minmax_strategy)
        if p.minmax_delta is None:
            lines.append(f"  {name}: the agreement pays less than its minmax value {fmt(c)} (held to it when {how}); "
                         "it is never sustainable, whatever delta")
        elif p.minmax_delta == 0:
            lines.append(f"  {name}: not tempted (minmax value {fmt(c)})")
        else:
            lines.append(f"  {name}: minmax value {fmt(c)} (held to it when {how}): "
                         f"impossible for delta < {fmt(p.minmax_delta)}")
    if report.delta_lower_bound is None:
        lines.append("  => never sustainable in the repeated game")
    elif report.delta_lower_bound > 0:
        lines.append(f"  => impossible for delta < {fmt(report.delta_lower_bound)}, whatever the strategies")
    return lines


def _finite_lines(report: Any) -> list[str]:
    game, f = report.game, report.finite
    where = f"{f.rounds} rounds, discount {fmt(f.discount)}"
    lines = [f"With a known last round ({where}); rewards and punishments by stage equilibria (Benoit-Krishna):"]
    if f.last_round_kept == f.rounds:
        lines.append("  the agreement is itself a stage equilibrium: it can be played in every round, "
                     f"1 to {f.rounds}.")
    elif f.last_round_kept == 0:
        if f.unique_stage_equilibrium:
            only = equilibrium_words(game, report.stage_equilibria[0])
            lines.append(f"  round {f.rounds}: nothing comes after it, so each side plays as in the one-shot "
                         f"game: {only}.")
            lines.append("  the stage game has a unique equilibrium, so every earlier round's future is fixed whatever "
                         f"is done now: the agreement unravels back to round 1, and {only} is played in every round.")
        else:
            lines.append("  no round: even the largest reward the stage equilibria allow after it is smaller than the"
                         " gain from breaking the agreement.")
    else:
        runs: list[list] = []
        for e in f.rewards:
            if runs and runs[-1][0] is e:
                runs[-1][1] += 1
            else:
                runs.append([e, 1])
        after = ", ".join(equilibrium_words(game, e) + (f" for {k} rounds" if k > 1 else "") for e, k in runs)
        kept = "round 1" if f.last_round_kept == 1 else f"rounds 1 to {f.last_round_kept}"
        rest = f"round {f.rounds}" if f.last_round_kept + 1 == f.rounds else \
            f"rounds {f.last_round_kept + 1} to {f.rounds}"
        lines.append(f"  the agreement can be played in {kept}; in {rest} the players play stage equilibria "
                     f"({after}),")
        lines.append("  and a breach is punished by the stage equilibrium worst for the deviator in every later round."
                     " The last round must be a stage equilibrium, so the agreement cannot hold to the end.")
        if f.trimmed:
            lines.append("  (a long horizon: the search over reward sequences was trimmed, so the agreement may "
                         "hold a little longer than this)")
    return lines


def _profile_json(game: Any, e: Any) -> dict | None:
    if e is None or e.profile is None:
        return None
    return {p.name: {s: fmt(x) for s, x in zip(p.strategies, mix, strict=False) if x}
            for p, mix in zip(game.players, e.profile, strict=False)}


def repeated_json(report: Any) -> dict:
    game = report.game

    def pieces(p: Any) -> list[dict]:
        return [{"when": [{"condition": c.sympy_text(), "words": c.words()} for c in piece.conditions],
                 "delta_at_least": piece.delta if isinstance(piece.delta, str) else str(piece.delta)}
                for piece in p.pieces]

    data: dict[str, Any] = {
        "schema": "negsolve.repeated/2",
        "game": game.title,
        "outcome": {p.name: p.strategies[k] for p, k in zip(game.players, report.outcome, strict=False)},
        "parameters": {k: fmt(v) for k, v in report.values.items()},
        "stage_equilibria": report.stage_scope,
        "players": [
            {"player": game.players[p.player].name,
             "deviation": (None if p.deviation is None or p.gain <= 0
                           else game.players[p.player].strategies[p.deviation]),
             "deviation_gain": fmt(max(p.gain, Fraction(0))),
             "nash_reversion": {"punishment": _profile_json(game, p.punishment),
                                "delta_at_least": _delta_text(p.nash_delta),
                                "piecewise": pieces(p)},
             "minmax": {"value": fmt(p.minmax), "delta_at_least": _delta_text(p.minmax_delta)}}
            for p in report.players
        ],
        "delta_star": _delta_text(report.delta_star),
        "delta_lower_bound": _delta_text(report.delta_lower_bound),
    }
    if report.finite is not None:
        f = report.finite
        data["finite"] = {"rounds": f.rounds, "discount": fmt(f.discount), "last_round_kept": f.last_round_kept,
                          "rewards": [_profile_json(game, e) for e in f.rewards], "search_trimmed": f.trimmed,
                          "unravels": f.last_round_kept == 0}
    return data
