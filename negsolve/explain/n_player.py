r"""Mixed equilibria of games with three or more players, narrated from the polynomial solver's trace.

With two players each indifference condition is linear in the other player's probabilities.  With
three or more, a player's expected payoff sums payoffs weighted by *products* of the others'
probabilities, so the conditions are polynomial equations (multilinear: no probability is squared).
The solver (:mod:`negsolve.solvers.polynomial`) enumerates support profiles, solves each one's
system exactly and certifies every solution; this module shows, for each mixed equilibrium, the
unknowns, the equations it solved (as recorded in the solver's trace), and the exact solution,
saying which numbers are irrational.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from negsolve.explain.document import Block, Em, Equation, Equations, Math, Step
from negsolve.explain.wording import em_list, flatten, join_parts, para, plural
from negsolve.formatting import fmt
from negsolve.solvers.summary import GameAnalysis

LETTERS = "pqrstuvw"
MAX_WORKED = 4  # equilibria derived in full; the rest are listed


def _unknown_names(unknowns: Sequence[tuple[int, int]]) -> list[tuple[str, str]]:
    """(text, tex) names: one letter per player, with the strategy number when a player has several."""
    per_player: dict[int, int] = {}
    for i, _ in unknowns:
        per_player[i] = per_player.get(i, 0) + 1
    names = []
    for i, k in unknowns:
        letter = LETTERS[i] if i < len(LETTERS) else f"x{i + 1}"
        if per_player[i] > 1:
            names.append((f"{letter}{k + 1}", f"{letter}_{{{k + 1}}}"))
        else:
            names.append((letter, letter))
    return names


def polynomial_math(terms: Sequence[tuple[Fraction, tuple[int, ...]]], names: Sequence[tuple[str, str]]) -> Math:
    """A polynomial in the named unknowns, highest degree first, as text and LaTeX."""
    ordered = sorted(terms, key=lambda t: (-sum(t[1]), tuple(-e for e in t[1])))
    text, tex = "", ""
    for position, (coeff, exps) in enumerate(ordered):
        mono_text = "".join(names[v][0] + (f"^{e}" if e > 1 else "") for v, e in enumerate(exps) if e)
        mono_tex = " ".join(names[v][1] + (f"^{{{e}}}" if e > 1 else "") for v, e in enumerate(exps) if e)
        size = abs(coeff)
        body_text = fmt(size) + ("*" if mono_text and size != 1 else "") if size != 1 or not mono_text else ""
        body_tex = (f"\\tfrac{{{size.numerator}}}{{{size.denominator}}}" if size.denominator != 1 else str(size)) \
            if size != 1 or not mono_tex else ""
        sign = "-" if coeff < 0 else "+"
        if position == 0:
            text += ("-" if sign == "-" else "") + body_text + mono_text
            tex += ("-" if sign == "-" else "") + body_tex + mono_tex
        else:
            text += f" {sign} {body_text}{mono_text}"
            tex += f" {sign} {body_tex}{mono_tex}"
    return Math(text or "0", tex or "0")


def _value_math(x: Any) -> Math:
    if x.is_rational:
        value = x.as_fraction()
        return Math(fmt(value), f"\\tfrac{{{value.numerator}}}{{{value.denominator}}}" if value.denominator != 1
                    else str(value))
    from negsolve.formatting import polynomial_text

    low, high = x.isolating_interval()
    poly = polynomial_text(x.minimal_polynomial())
    return Math(f"≈{x.decimal(6)} (the root of {poly} in [{fmt(low)}, {fmt(high)}])",
                f"\\approx {x.decimal(6)}")


def _worked(a: GameAnalysis, record: Any, eq: Any, number: int) -> list[Block]:
    game = a.game
    names_ = [p.name for p in game.players]
    strategies = [p.strategies for p in game.players]
    who = []
    for i, support in enumerate(record.supports):
        who.append((Em(names_[i]), " mixes ", em_list([strategies[i][s] for s in support])) if len(support) > 1
                   else (Em(names_[i]), " plays ", Em(strategies[i][support[0]]), " for sure"))
    blocks: list[Block] = [para(f"Equilibrium {number}: ", join_parts(who, ";"), ".")]
    names = _unknown_names(record.unknowns)
    meaning = []
    for (i, k), (text, tex) in zip(record.unknowns, names, strict=False):
        meaning.append((Math(text, tex), " for the probability that ", Em(names_[i]), " plays ",
                        Em(strategies[i][k])))
    first = [(Em(names_[i]), "'s ", Em(strategies[i][s[0]])) for i, s in enumerate(record.supports) if len(s) > 1]
    blocks.append(para("Write ", join_parts(meaning, ";"), ". Each player's first strategy in the mix gets the rest "
                       "of the probability (", join_parts(first, ","), ")."))
    blocks.append(para("Each player who mixes must get the same expected payoff from every strategy in the mix. "
                       "An expected payoff adds up the payoffs of the cells weighted by the product of the other "
                       "players' probabilities, so each condition is a polynomial equation (payoff of the "
                       "strategy minus payoff of the first one):"))
    lines = []
    for i, k, terms in record.equations:
        first_strategy = strategies[i][record.supports[i][0]]
        lines.append(Equation(polynomial_math(terms, names), Math("0", "0")))
        blocks.append(para(Em(names_[i]), " is indifferent between ", Em(strategies[i][k]), " and ",
                           Em(first_strategy), ":"))
        blocks.append(Equations((lines[-1],)))
    solved = [(Math(text, tex), " = " if eq.profile[i][k].is_rational else " ", _value_math(eq.profile[i][k]))
              for (i, k), (text, tex) in zip(record.unknowns, names, strict=False)]
    count = record.solutions
    blocks.append(para(f"Solved exactly (a Gröbner basis), the equations have {plural(count, 'real solution')}; "
                       f"{record.equilibria} of them {'is' if record.equilibria == 1 else 'are'} a probability "
                       "profile strictly inside the "
                       "simplex with no better strategy outside the mix. "
                       + ("That one is " if record.equilibria == 1 else "This one is "),
                       join_parts(solved, ","), "."))
    if eq.irrational:
        blocks.append(para("These probabilities are irrational: no fraction is exactly right. Each is given by "
                           "the polynomial it is a root of and an interval containing no other root; the decimals "
                           "are certified (the interval is narrowed with exact arithmetic)."))
    blocks.append(para("Check: every strategy outside a player's mix pays no more than the mix "
                       "(verified in exact arithmetic)."))
    return blocks


def n_player_mixed_step(a: GameAnalysis) -> Step:
    """The indifference equations of each mixed equilibrium of a game with three or more players."""
    from negsolve.solvers.polynomial import solve_polynomial

    result = solve_polynomial(a.table, trace=True)
    considered = result.supports_total - result.supports_pruned
    blocks: list[Block] = [para(
        "A player randomises only between strategies that pay it the same against what the others do. With "
        f"{len(a.game.players)} players, negsolve looks at every support profile (which strategies each player "
        f"uses): {result.supports_total} here, of which {result.supports_pruned} are dropped at once because some "
        "strategy in them is beaten outright by another whatever the others do within their supports, leaving "
        f"{considered} to solve.")]
    mixed = [eq for eq in result.equilibria if not eq.pure]
    if not mixed:
        blocks.append(para("None of them gives an equilibrium in which someone randomises: the pure equilibria "
                           "above are all the isolated equilibria there are."))
    records = {r.supports: r for r in result.trace}
    for number, eq in enumerate(mixed[:MAX_WORKED], start=1):
        blocks.extend(_worked(a, records[eq.supports], eq, number))
    if len(mixed) > MAX_WORKED:
        blocks.append(para(f"The other {len(mixed) - MAX_WORKED} mixed equilibria are found the same way "
                           "('negsolve solve' lists them)."))
    if result.solution_sets:
        blocks.append(para(f"On {plural(len(result.solution_sets), 'support profile')} the equations have a whole "
                           "continuum of solutions (the game is degenerate); 'negsolve solve' reports them."))
    return Step("Mixed equilibria: polynomial indifference equations", tuple(blocks), "mixed")


def algebraic_summary_items(a: GameAnalysis, start: int) -> list[tuple]:
    """Summary lines for the irrational equilibria, numbered from ``start``."""
    from negsolve.formatting import strategy_text

    items = []
    for k, (eq, efficient) in enumerate(zip(a.result.algebraic, a.algebraic_pareto, strict=False), start=start):
        words = "; ".join(f"{p.name} {strategy_text(a.game, i, eq.profile[i], 6)}"
                          for i, p in enumerate(a.game.players))
        items.append(flatten([f"Equilibrium {k} (mixed, irrational): {words}",
                              "." if efficient else " (Pareto-dominated)."]))
    return items


__all__ = ["algebraic_summary_items", "n_player_mixed_step", "polynomial_math"]

