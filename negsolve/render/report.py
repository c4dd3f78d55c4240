"""The ``solve`` report for strategic games: text and JSON."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from negsolve.formatting import describe_strategy, fmt
from negsolve.model.strategic import StrategicGame
from negsolve.solvers.results import Equilibrium, SolveResult
from negsolve.solvers.summary import GameAnalysis

JSON_SCHEMA = "negsolve.solve/1"


def _equilibrium_lines(game: StrategicGame, eq: Equilibrium, number: int, efficient: bool) -> list[str]:
    kind = "pure" if eq.pure else "mixed"
    lines = [f"  {number}. ({kind}){'' if efficient else '  [Pareto-dominated]'}"]
    for i, player in enumerate(game.players):
        lines.append(f"     {player.name}: {describe_strategy(game, i, eq.profile[i])}")
    lines.append("     payoffs: "
                 + ", ".join(f"{p.name} {fmt(v)}" for p, v in zip(game.players, eq.payoffs, strict=False)))
    return lines


def text_report(analysis: GameAnalysis, digits: int = 6) -> str:
    game, result = analysis.game, analysis.result
    lines = [game.title, "=" * len(game.title)]
    shape = " x ".join(str(k) for k in game.shape)
    lines.append(f"{len(game.players)} players, {shape} strategies")
    if game.parameters:
        lines.append("Parameters: " + ", ".join(f"{p.name} = {fmt(analysis.values[p.name])}" for p in game.parameters))
    lines.append("")
    lines.append(_count_heading(result, len(game.players)))
    for k, (eq, efficient) in enumerate(zip(result.equilibria, analysis.pareto, strict=False), start=1):
        lines.extend(_equilibrium_lines(game, eq, k, efficient))
    if result.algebraic:
        from negsolve.render.algebraic import equilibrium_lines

        for k, (aeq, efficient) in enumerate(zip(result.algebraic, analysis.algebraic_pareto, strict=False),
                                             start=len(result.equilibria) + 1):
            lines.extend(equilibrium_lines(game, aeq, k, efficient, digits))
    if result.solution_sets:
        from negsolve.render.algebraic import solution_set_lines

        lines.append("")
        lines.extend(solution_set_lines(game, result.solution_sets, digits))
    if result.degenerate and result.nash_subsets:
        lines.append("")
        lines += _subset_lines(game, result)
    if result.rejected:
        lines.append(f"({result.rejected} numeric candidate(s) failed exact verification and were dropped)")
    if not result.complete:
        lines.append("")
        lines.append(f"INCOMPLETE: the search was stopped ({result.stopped}) before the end; the equilibria above")
        lines.append("are those found so far (each verified exactly); there may be more. Dominance and security")
        lines.append("levels were not computed.")
        lines.extend(f"Note: {note}" for note in result.notes)
        return "\n".join(lines)
    lines.append("")
    lines.extend(_dominance_lines(analysis))
    lines.append("")
    lines += _security_lines(analysis)
    from negsolve.render.selection import selection_lines

    selection = selection_lines(game, analysis.selection)
    if selection:
        lines += ["", *selection]
    for note in result.notes:
        lines.append(f"Note: {note}")
    return "\n".join(lines)


def _count_heading(result: SolveResult, n_players: int) -> str:
    """How many equilibria follow, and how sure the list is (complete, pure only, stopped, numeric)."""
    count = result.count
    if not result.complete:
        return f"{count} Nash equilibri{'um' if count == 1 else 'a'} found so far (INCOMPLETE, exact):"
    if result.scope == "all" and n_players > 2:
        return _n_player_heading(result, count)
    if result.scope == "all":
        what = "extreme Nash equilibria" if result.degenerate else "Nash equilibria"
        return (f"{count} {what} (all of them, pure and mixed; exact):" if count != 1 else
                "1 Nash equilibrium (the only one, exact):" if not result.degenerate else
                "1 extreme Nash equilibrium (exact):")
    if result.scope == "pure":
        return f"{count} pure Nash equilibri{'um' if count == 1 else 'a'} (exact):"
    return f"{count} Nash equilibri{'um' if count == 1 else 'a'} found by {result.method}:"


def _subset_lines(game: StrategicGame, result: SolveResult) -> list[str]:
    """The maximal Nash subsets of a degenerate two-player game, each as the mixes it allows."""
    lines = ["The game is degenerate: some strategy has more best responses than the size of its support,",
             "so equilibria can form continua. Every mix of the listed extreme equilibria within one",
             "maximal Nash subset is also an equilibrium:"]
    for k, subset in enumerate(result.nash_subsets, start=1):
        parts = []
        for i in range(2):
            options = [describe_strategy(game, i, s) for s in subset.strategies[i]]
            parts.append(f"{game.players[i].name} mixes any of [{'; '.join(options)}]" if len(options) > 1
                         else f"{game.players[i].name} plays {options[0]}")
        lines.append(f"  subset {k}: " + " while ".join(parts))
    return lines


def _security_lines(analysis: GameAnalysis) -> list[str]:
    """What each player can guarantee, with a pure strategy and mixing."""
    game = analysis.game
    lines = ["Security levels (what each player can guarantee whatever the others do):"]
    for level in analysis.security:
        name = game.players[level.player].name
        pure = ", ".join(game.players[level.player].strategies[k] for k in level.pure_strategies)
        lines.append(f"  {name}: {fmt(level.pure_value)} with a pure strategy ({pure}); "
                     f"{fmt(level.mixed_value)} mixing ({describe_strategy(game, level.player, level.mixed_strategy)})")
    return lines


def _n_player_heading(result: SolveResult, count: int) -> str:
    irrational = len(result.algebraic)
    what = "isolated Nash equilibria" if result.degenerate else "Nash equilibria"
    exact = (f"{irrational} with irrational probabilities, shown as decimals with their exact algebraic form"
             if irrational else "every number rational")
    if count == 1:
        return f"1 {what[:-1]}um (the only {'isolated ' if result.degenerate else ''}one; exact, {exact}):"
    return f"{count} {what} (all of them, pure and mixed; exact, {exact}):"


def _dominance_lines(analysis: GameAnalysis) -> list[str]:
    game = analysis.game
    lines = []
    if analysis.dominated:
        lines.append("Dominated strategies:")
        for d in analysis.dominated:
            player = game.players[d.player]
            lines.append(f"  {player.name}: {player.strategies[d.dominated]!r} "
                         f"is {'strictly' if d.strict else 'weakly'} "
                         f"dominated by {describe_strategy(game, d.player, d.by)!r}")
    else:
        lines.append("No strategy is dominated by another pure strategy.")
    steps = analysis.elimination.steps
    if steps:
        lines.append("Iterated elimination of strictly dominated strategies:")
        for k, step in enumerate(steps, start=1):
            removed = "; ".join(
                f"{game.players[d.player].name} drops {game.players[d.player].strategies[d.dominated]!r} "
                f"(beaten by {describe_strategy(game, d.player, d.by)!r})" for d in step.removed)
            lines.append(f"  round {k}: {removed}")
        left = "; ".join(
            f"{p.name}: {', '.join(p.strategies[k] for k in alive)}"
            for p, alive in zip(game.players, analysis.elimination.surviving, strict=False))
        lines.append(f"  left: {left}")
    return lines


def _mixed(game: StrategicGame, player: int, mixed: tuple[Fraction, ...]) -> dict[str, str]:
    return {name: fmt(p) for name, p in zip(game.players[player].strategies, mixed, strict=False)}


def json_report(analysis: GameAnalysis, digits: int = 6) -> dict[str, Any]:
    """The stable JSON contract of ``negsolve solve --format json`` (schema ``negsolve.solve/1``).

    Games of three or more players add irrational equilibria to ``equilibria`` (their numbers as
    ``{"root_of", "interval", "decimal"}`` objects, ``"irrational": true``) and the keys
    ``complete`` and ``solution_sets`` (positive-dimensional sets with a sample equilibrium).
    """
    game, result = analysis.game, analysis.result
    players = [p.name for p in game.players]
    report = _json_body(analysis, players)
    if len(players) > 2:
        from negsolve.render.algebraic import equilibrium_json, solution_sets_json

        for entry in report["equilibria"]:
            entry["irrational"] = False
        report["equilibria"].extend(equilibrium_json(game, eq, efficient, digits)
                                    for eq, efficient in zip(result.algebraic, analysis.algebraic_pareto, strict=False))
        report["solution_sets"] = solution_sets_json(game, result.solution_sets, digits)
    return report


def _json_body(analysis: GameAnalysis, players: list[str]) -> dict[str, Any]:
    game, result = analysis.game, analysis.result
    data: dict[str, Any] = {
        "schema": JSON_SCHEMA,
        "game": game.title,
        "players": players,
        "strategies": {p.name: list(p.strategies) for p in game.players},
        "parameters": {p.name: fmt(analysis.values[p.name]) for p in game.parameters},
        "equilibria": [
            {
                "profile": {players[i]: _mixed(game, i, s) for i, s in enumerate(eq.profile)},
                "payoffs": {players[i]: fmt(v) for i, v in enumerate(eq.payoffs)},
                "pure": eq.pure,
                "pareto_efficient": efficient,
            }
            for eq, efficient in zip(result.equilibria, analysis.pareto, strict=False)
        ],
        "scope": result.scope,
        "complete": result.complete,
        "stopped": result.stopped,
        "degenerate": result.degenerate,
        "maximal_nash_subsets": [
            {players[i]: [_mixed(game, i, s) for s in subset.strategies[i]] for i in range(2)}
            for subset in result.nash_subsets
        ],
        "method": result.method,
        "rejected_candidates": result.rejected,
        "dominated": [
            {"player": players[d.player], "strategy": game.players[d.player].strategies[d.dominated],
             "by": _mixed(game, d.player, d.by), "strict": d.strict}
            for d in analysis.dominated
        ],
        "iterated_elimination": {
            "rounds": [
                [{"player": players[d.player], "strategy": game.players[d.player].strategies[d.dominated],
                  "by": _mixed(game, d.player, d.by)} for d in step.removed]
                for step in analysis.elimination.steps
            ],
            "surviving": {p.name: [p.strategies[k] for k in alive]
                          for p, alive in zip(game.players, analysis.elimination.surviving, strict=False)},
        },
        "security": {
            players[s.player]: {
                "pure": fmt(s.pure_value),
                "pure_strategies": [game.players[s.player].strategies[k] for k in s.pure_strategies],
                "mixed": fmt(s.mixed_value),
                "mixed_strategy": _mixed(game, s.player, s.mixed_strategy),
            }
            for s in analysis.security
        },
        "notes": list(result.notes),
    }
    if not result.complete:  # not computed for a stopped search
        data["dominated"] = data["iterated_elimination"] = data["security"] = None
    data.update(equilibrium_sets_json(analysis))
    from negsolve.render.selection import selection_json

    data.update(selection_json(game, analysis.selection))
    return data


def equilibrium_sets_json(analysis: GameAnalysis) -> dict[str, Any]:
    """``mixed_equilibria`` (a count, or "infinitely many") and each maximal Nash subset's ranges."""
    game, result = analysis.game, analysis.result
    if result.scope != "all":
        return {}
    count = analysis.mixed_count
    return {
        "mixed_equilibria": count if isinstance(count, str) else str(count),
        "equilibrium_sets": [
            {"infinite": s.infinite,
             "ranges": {p.name: {name: {"at_least": fmt(lo), "at_most": fmt(hi)}
                                 for name, (lo, hi) in zip(p.strategies, s.ranges[i], strict=True)}
                        for i, p in enumerate(game.players)}}
            for s in analysis.subset_ranges
        ],
    }
