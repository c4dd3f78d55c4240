"""The explanation of a strategic-form game, step by step, from the solver's exact facts.

Steps: the game; best responses cell by cell; dominated strategies; iterated elimination;
pure equilibria as mutual best responses; mixed equilibria from the indifference conditions
(two players); security levels; Pareto efficiency; for a game whose every equilibrium is
Pareto-dominated, why (the prisoner's-dilemma lesson); with parameters, when outcomes are
stable (:mod:`negsolve.analysis.stability`, :mod:`negsolve.analysis.concessions`); a summary.
Every number shown is taken from :func:`negsolve.solvers.summary.analyse` or computed here
exactly from the payoff table and checked against it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from negsolve.explain.document import (
    Block,
    Bullets,
    Em,
    Explanation,
    Paragraph,
    Step,
)
from negsolve.explain.strategic_play import (  # noqa: F401  (re-exported: their old home)
    _best_response_sentence,
    _best_response_step,
    _comparisons,
    _dominance_step,
    _dominant_strategies,
    _each_better_somewhere,
    _elimination_step,
    _game_step,
    _mixed_step,
    _pure_step,
)
from negsolve.explain.strategic_welfare import (  # noqa: F401  (re-exported: their old home)
    _amount_parts,
    _dilemma_step,
    _dominating_outcomes,
    _pareto_step,
    _repeated_parts,
    _security_step,
)
from negsolve.explain.strategic_words import (  # noqa: F401  (re-exported: their old home)
    MAX_SENTENCES,
    _against,
    _equilibrium_words,
    _mix_short,
    _mix_words,
    _names,
    _others,
    _others_words,
    _payoff_words,
    _profile_of,
    _two,
    _whatever,
    _with,
    payoff_matrices,
    story_paragraphs,
)
from negsolve.explain.wording import (
    flatten,
    join_parts,
    num,
    para,
    plural,
    profile_parts,
)
from negsolve.model.strategic import StrategicGame
from negsolve.solvers.summary import GameAnalysis


def _parameters_step(a: GameAnalysis) -> Step | None:
    from negsolve.analysis.concessions import concessions
    from negsolve.analysis.stability import stability

    game = a.game
    if not game.parameters:
        return None
    names, strategies = _names(game)
    blocks: list[Block] = [para(
        "The payoffs depend on parameters (here ",
        join_parts([(Em(p.name), " = ", num(a.values[p.name])) for p in game.parameters]),
        "). For a pure outcome, the stability analysis finds exactly for which values no player gains by "
        "deviating alone.")]
    pure = [_profile_of(e) for e in a.result.equilibria if e.pure]
    for profile in pure:
        blocks.append(_stays_paragraph(stability(game, profile, a.values), profile, strategies))
    report_c = concessions(game, a.values, pure[0] if pure else None)
    candidates = [r for r in report_c.outcomes if r.comparison == "Pareto improvement" and not r.self_enforcing]
    if candidates:
        blocks.extend(_improvement_blocks(a, candidates[0], report_c.status_quo, names, strategies))
    if game.shape == (2, 2) and any(not e.pure for e in a.result.equilibria):
        blocks.extend(_mixed_closed_form(a, names, strategies))
    return Step("What the parameters change", tuple(blocks), "parameters")


def _stays_paragraph(report: Any, profile: tuple[int, ...], strategies: Sequence[Sequence[str]]) -> Block:
    """For which parameter values the pure equilibrium ``profile`` stays one."""
    from negsolve.explain.wording import condition_math

    words = [c.words() for c in report.region.conditions if c.words() != "always"]
    outcome = profile_parts([strategies[i][s] for i, s in enumerate(profile)])
    if not words:
        return para("The equilibrium ", outcome, " stays an equilibrium whatever the parameters.")
    return para("The equilibrium ", outcome, " stays an equilibrium exactly when ",
                join_parts([(condition_math(w),) for w in words]), ".")


def _improvement_blocks(a: GameAnalysis, row: Any, status_quo: tuple[int, ...] | None, names: Sequence[str],
                        strategies: Sequence[Sequence[str]]) -> list[Block]:
    """An outcome better for everyone that is not self-enforcing: what each player must keep to, and
    for which parameter values it would be an equilibrium."""
    from negsolve.analysis.stability import stability
    from negsolve.explain.wording import condition_math

    report = stability(a.game, row.profile, a.values)
    outcome = profile_parts([strategies[i][s] for i, s in enumerate(row.profile)])
    gains = join_parts([(Em(n), " gains " if c > 0 else " loses ", num(abs(c)))
                        for n, c in zip(names, row.change, strict=False) if c])
    base = (flatten(["the equilibrium ", profile_parts([strategies[i][s] for i, s in enumerate(status_quo)])])
            if status_quo is not None else ("the mixed equilibrium",))
    blocks: list[Block] = [para(outcome, " would make every player at least as well off as ", base, ": ", gains,
                                ". But it is not self-enforcing now. The conditions for each player to keep to it:")]
    items = []
    status = {"holds": "holds now", "boundary": "holds now, with a tie", "fails": "fails now"}
    for d in report.deviations:
        said = d.keeps.words()
        when = ((" whatever the parameters",) if said == "always" else (" for no parameter values",)
                if said == "never" else (" when ", condition_math(said)))
        items.append(flatten([Em(names[d.player]), " keeps to ", Em(strategies[d.player][row.profile[d.player]]),
                              " rather than ", Em(strategies[d.player][d.to]), when, f" ({status[d.status]})"]))
    blocks.append(Bullets(tuple(items)))
    if report.region.feasible:
        words = [c.words() for c in report.region.conditions if c.words() != "always"]
        exactly = join_parts([(condition_math(w),) for w in words]) if words else "always"
        blocks.append(para("So it is an equilibrium exactly when ", exactly, "."))
        ranges = report.parameter_ranges()
        if ranges:
            blocks.append(_lever_paragraph(ranges, "would do it"))
    else:
        blocks.append(para("No parameter values make it an equilibrium."))
    return blocks


def _mixed_closed_form(a: GameAnalysis, names: Sequence[str], strategies: Sequence[Sequence[str]]) -> list[Block]:
    """The mixed equilibrium of a 2x2 game as formulas in the parameters (none when it has no closed form)."""
    from negsolve.analysis.stability import stability
    from negsolve.explain.wording import sympy_math

    m = stability(a.game, (0, 0), a.values).mixed
    if (m is None or m.row_mix is None or m.column_mix is None or m.at_values[0] is None
            or m.at_values[1] is None):
        return []
    return [para("The mixed equilibrium in closed form: ", Em(names[0]), " plays ", Em(strategies[0][0]),
                 " with probability ", sympy_math(m.row_mix), " and ", Em(names[1]), " plays ", Em(strategies[1][0]),
                 " with probability ", sympy_math(m.column_mix), " (now ", num(m.at_values[0]), " and ",
                 num(m.at_values[1]), ")", *_proper_when(m.valid, a.values), ".")]


def _proper_when(valid: Sequence[Any], values: Mapping[str, Fraction]) -> list:
    """``; these are proper probabilities ... when 1 < d`` (exact for one parameter, else the conditions)."""
    from negsolve.analysis.stability import lever_ranges
    from negsolve.explain.wording import condition_math

    conditions = [c for c in valid if c.words() != "always"]
    if not conditions:
        return ["; these are proper probabilities (strictly between 0 and 1) whatever the parameters"]
    symbols = {str(x) for c in conditions for x in c.expr.free_symbols}
    lead = "; these are proper probabilities, strictly between 0 and 1, when "
    if len(symbols) == 1:
        words = lever_ranges(list(conditions), values)[symbols.pop()]
        if words == "never":
            return ["; these are never proper probabilities"]
        return [lead, condition_math(words)]
    return [lead, join_parts([(condition_math(f"({c.words()})" if " or " in c.words() else c.words()),)
                              for c in conditions])]


def _lever_paragraph(ranges: Mapping[str, str], works: str) -> Paragraph:
    """What each parameter alone can do, from :func:`negsolve.analysis.stability.lever_ranges`."""
    from negsolve.explain.wording import condition_math

    good = [(condition_math(v),) if v != "always" else (f"any value of {k}",) for k, v in ranges.items()
            if v != "never"]
    never = [k for k, v in ranges.items() if v == "never"]
    parts: list = ["Moving one parameter alone (the others as they are): "]
    if good:
        parts.extend([join_parts(good, "or"), f" {works}"])
    if never:
        parts.append("; " if good else "")
        parts.extend(["no value of ", " or ".join(never), " alone will do"])
    parts.append(".")
    return para(*parts)


def _summary_step(a: GameAnalysis) -> Step:
    game = a.game
    count = a.result.count
    from negsolve.solvers.continua import has_continuum

    if a.result.scope == "all" and has_continuum(a.result):
        head = ("The game is degenerate: it has infinitely many Nash equilibria (every mix within one of the sets "
                f"under 'Mixed equilibria'). The {plural(count, 'extreme one', 'extreme ones')}:")
    elif a.result.scope == "all":
        head = (f"The game has {plural(count, 'Nash equilibrium', 'Nash equilibria')}"
                + (" (extreme ones: the game is degenerate)" if a.result.degenerate else "") + ":")
    else:
        head = f"The game has {plural(count, 'pure Nash equilibrium', 'pure Nash equilibria')}:"
    items = []
    for k, (eq, efficient) in enumerate(zip(a.result.equilibria, a.pareto, strict=False), start=1):
        items.append(flatten([f"Equilibrium {k} ({'pure' if eq.pure else 'mixed'}): ", _equilibrium_words(game, eq),
                              "." if efficient else " (Pareto-dominated)."]))
    if a.result.algebraic:
        from negsolve.explain.n_player import algebraic_summary_items

        items.extend(algebraic_summary_items(a, len(items) + 1))
    blocks: list[Block] = [para(head), Bullets(tuple(items))]
    if count == 0:
        blocks = [para("The game has no pure Nash equilibrium." if a.result.scope == "pure" else
                       "No equilibrium was found.")]
    return Step("In short", tuple(blocks), "summary")


def explain_strategic(game: StrategicGame, overrides: Mapping[str, Fraction] | None = None) -> Explanation:
    """The step-by-step explanation of a strategic game at its parameter values (defaults or ``overrides``)."""
    from negsolve.explain.selection import selection_step
    from negsolve.solvers.summary import analyse

    a = analyse(game, overrides)
    # number the equilibria once for every step: pure ones first, then mixed, each in the solver's order
    order = sorted(range(len(a.result.equilibria)), key=lambda k: (not a.result.equilibria[k].pure, k))
    a = dataclasses.replace(a, result=dataclasses.replace(a.result, equilibria=tuple(a.result.equilibria[k]
                                                                                       for k in order)),
                            pareto=tuple(a.pareto[k] for k in order))
    builders: list[Any] = [_game_step, _best_response_step, _dominance_step, _elimination_step, _pure_step,
                           _mixed_step, _security_step, _pareto_step, selection_step, _dilemma_step, _parameters_step,
                           _summary_step]
    steps = [s for s in (b(a) for b in builders) if s is not None]
    return Explanation(game.title, "strategic", tuple(steps),
                       tuple((p.name, a.values[p.name], p.about) for p in game.parameters))


__all__ = ["explain_strategic", "payoff_matrices", "story_paragraphs"]
