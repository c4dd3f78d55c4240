r"""Teaching explanation of a Bayesian game (a game with types).

Steps: the types and what each player knows; the common prior and the beliefs it gives each
type by Bayes' rule, :math:`\pi(t_{-i} \mid t_i) = \pi(t) / \sum_{s_{-i}} \pi(t_i, s_{-i})`; one
payoff table per type profile; plans and the ex-ante versus interim view; then each Bayesian
Nash equilibrium found by :func:`negsolve.solvers.bayesian.solve_bayesian`, with every type's
expected payoff of each action under its beliefs, so the reader sees why its choice is optimal.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from negsolve.explain.document import (
    Block,
    Bullets,
    Cell,
    Em,
    Equation,
    Equations,
    Explanation,
    Inline,
    Math,
    Matrix,
    Paragraph,
    Step,
)
from negsolve.explain.latex import escape
from negsolve.explain.wording import num, tex_number
from negsolve.formatting import fmt
from negsolve.model.bayesian import BayesianGame, BayesianValues
from negsolve.solvers.bayesian import BayesianEquilibrium, action_terms, action_values, solve_bayesian


def _who(game: BayesianGame, player: int, type_: int) -> str:
    p = game.players[player]
    return f"{p.name} ({p.types[type_]})" if p.has_types else p.name


def _others(game: BayesianGame, types: tuple[int, ...], player: int) -> str:
    return ", ".join(f"{p.name} is {p.types[t]}" for j, (p, t) in enumerate(zip(game.players, types, strict=True))
                     if j != player and p.has_types)


def _types_step(game: BayesianGame) -> Step:
    items: list[tuple[Inline, ...]] = []
    for p in game.players:
        if p.has_types:
            items.append((Em(p.name), " has the types ", ", ".join(p.types),
                          ": it knows its own type, the others do not."))
        else:
            items.append((Em(p.name), " has no private information (one type)."))
    intro = Paragraph((("This is a Bayesian game (a game with types, Harsanyi 1967): some players know something "
                       "about themselves, their type, that the others do not. A type fixes the player's payoffs. "
                       "Each player chooses one of its strategies ("
                       + "; ".join(f"{p.name}: {', '.join(p.strategies)}" for p in game.players) + ")."),))
    return Step("Types: who knows what", (intro, Bullets(tuple(items))), key="types")


def _prior_step(game: BayesianGame, values: BayesianValues) -> Step:
    rows = []
    for k, types in enumerate(game.type_profiles()):
        rows.append((game.type_profile_name(types), ": ", Math(f"{game.prior[k]} = {fmt(values.prior[k])}"
                                                               if str(game.prior[k]) != fmt(values.prior[k])
                                                               else fmt(values.prior[k]),
                                                               tex_number(values.prior[k]))))
    beliefs = []
    for i, p in enumerate(game.players):
        if not any(o.has_types for j, o in enumerate(game.players) if j != i):
            continue  # nothing to learn about the others
        for t in range(len(p.types)):
            parts = [f"{_others(game, s, i)} with probability {fmt(q)}" for s, q in values.belief(i, t)]
            beliefs.append((Em(_who(game, i, t)), " believes: " + "; ".join(parts) + "."))
    blocks: list[Block] = [
        Paragraph(("The types are drawn by chance from a common prior: every player knows these probabilities, "
                   "and knows that the others know them.",)),
        Bullets(tuple(rows)),
        Paragraph(("Knowing its own type, each player updates the prior by Bayes' rule: the probability of the "
                   "others' types given its own is the prior of the whole type profile divided by the prior "
                   "probability of its own type.",)),
        Bullets(tuple(beliefs)),
    ]
    return Step("The common prior and each type's beliefs", tuple(blocks), key="prior")


def _tables_step(game: BayesianGame, values: BayesianValues) -> Step | None:
    if len(game.players) != 2:
        return None
    blocks: list = []
    rows, cols = game.players[0].strategies, game.players[1].strategies
    for k, types in enumerate(game.type_profiles()):
        cells = tuple(tuple(Cell(values.payoffs[k][game.index((i, j))]) for j in range(len(cols)))
                      for i in range(len(rows)))
        blocks.append(Matrix(tuple(p.name for p in game.players), game.players[0].name, game.players[1].name,
                             rows, cols, cells,
                             caption=(f"When {game.type_profile_name(types)} (probability ",
                                      num(values.prior[k]), ")")))
    blocks.append(Paragraph(("No player sees which table is being played; a type weighs the tables it "
                             "cannot rule out by its beliefs.",)))
    return Step("One payoff table per type profile", tuple(blocks), key="tables")


def _exante_step(game: BayesianGame) -> Step:
    counts = [f"{p.name} has {len(p.strategies) ** len(p.types)} plans" for p in game.players if p.has_types]
    return Step("Plans, ex ante and interim", (
        Paragraph(("A strategy in a Bayesian game is a plan: an action for each of the player's types. "
                   + ("; ".join(counts) + ". " if counts else "")
                   + "Ex ante, before the types are drawn, a player compares plans by their expected payoff "
                   "over all its types, weighted by the prior. Interim, once it knows its type, each type "
                   "compares its actions by their expected payoff under its beliefs. Because every type has "
                   "positive probability, a plan is an ex-ante best response exactly when each type's action "
                   "is an interim best response; negsolve solves the ex-ante strategic form exactly and checks "
                   "every type's choice at the interim stage.",)),), key="ex-ante")


def _weighted(values: BayesianValues, eq: BayesianEquilibrium, player: int, type_: int, action: int,
              total: Fraction) -> Math:
    """``1/3 × 1 + 2/3 × (-1) = -1/3``: the beliefs times the expected payoff in each type profile."""
    terms = action_terms(values, eq.strategies, player, type_, action)
    if len(terms) < 2:
        return Math(fmt(total), tex_number(total))

    def paren(v: Fraction, text: str) -> str:
        return f"({text})" if v < 0 else text

    text = " + ".join(f"{fmt(b)} × {paren(v, fmt(v))}" for b, v in terms) + f" = {fmt(total)}"
    tex = " + ".join(f"{tex_number(b)} \\cdot {paren(v, tex_number(v))}" for b, v in terms) + f" = {tex_number(total)}"
    return Math(text, tex)


def _equilibrium_blocks(values: BayesianValues, eq: BayesianEquilibrium, number: int) -> list:
    game = values.game
    from negsolve.formatting import describe_mixture as describe

    plan = "; ".join(f"{_who(game, i, t)}: {describe(p.strategies, dist)}"
                     for i, p in enumerate(game.players) for t, dist in enumerate(eq.strategies[i]))
    blocks: list = [Paragraph((f"Equilibrium {number} ({'pure' if eq.pure else 'mixed'}): ", plan, "."))]
    for i, p in enumerate(game.players):
        for t in range(len(p.types)):
            vals = action_values(values, eq.strategies, i, t)
            best = max(vals)
            lines = tuple(Equation(Math(f"E[{a}]", f"E[\\text{{{escape(a)}}}]"), _weighted(values, eq, i, t, m, v))
                          for m, (a, v) in enumerate(zip(p.strategies, vals, strict=True)))
            played = [p.strategies[k] for k, x in enumerate(eq.strategies[i][t]) if x]
            why = ("it is a best response given its beliefs: no action pays more than " + fmt(best)
                   + (", and it is indifferent between the actions it mixes" if len(played) > 1 else ""))
            blocks.append(Paragraph((Em(_who(game, i, t)), " expects from each action, given its beliefs and "
                                     "the others' strategies:")))
            blocks.append(Equations(lines))
            blocks.append(Paragraph((Em(_who(game, i, t)), f" plays {' and '.join(played)}: {why}.")))
    return blocks


def _equilibria_step(values: BayesianValues, equilibria: tuple[BayesianEquilibrium, ...], scope: str) -> Step:
    count = len(equilibria)
    which = f"{count} of them (found exactly)" if scope == "all" else f"{count} pure ones (mixed ones not sought)"
    blocks: list = [Paragraph((f"A Bayesian Nash equilibrium gives every type of every player a strategy that is a "
                               f"best response given its beliefs about the others' types and the others' "
                               f"strategies. This game has {which}:",))]
    for k, eq in enumerate(equilibria, start=1):
        blocks.extend(_equilibrium_blocks(values, eq, k))
    return Step("Bayesian Nash equilibria, type by type", tuple(blocks), key="equilibria")


def explain_bayesian(game: BayesianGame, overrides: Mapping[str, Fraction] | None = None) -> Explanation:
    """The step-by-step explanation of ``game`` at its parameter values (defaults or ``overrides``)."""
    result = solve_bayesian(game, dict(overrides or {}))
    values = result.values
    steps = [_types_step(game), _prior_step(game, values), _tables_step(game, values), _exante_step(game),
             _equilibria_step(values, result.equilibria, result.scope)]
    parameters = tuple((p.name, result.parameter_values[p.name], p.about) for p in game.parameters)
    return Explanation(game.title, "bayesian", tuple(s for s in steps if s is not None), parameters)
