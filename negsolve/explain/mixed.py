r"""Mixed equilibria of two-player games derived from the indifference conditions, exactly.

A player mixes only between strategies that pay it the same against the other player's mix
(otherwise it would drop the worse one).  So in a mixed equilibrium the *other* player's
probabilities :math:`x_t` (:math:`t` in that player's support) solve

.. math:: \sum_t u_i(s_1, t)\, x_t = \sum_t u_i(s_r, t)\, x_t \quad (r = 2, \dots, m), \qquad \sum_t x_t = 1,

for the support :math:`s_1, \dots, s_m` of player :math:`i`.  With two strategies in the mix the
system is one equation in one unknown :math:`q` (the second probability is :math:`1 - q`), solved
line by line; larger systems are shown whole and solved by exact Gaussian elimination.  Every
solution is checked against the equilibrium the solver found, and the strategies outside the
support are checked to pay no more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from negsolve.explain.document import Block, Bullets, Em, Equation, Equations, Math, Paragraph
from negsolve.explain.wording import Var, and_list, linear, num, para, possessive, products, tidy_linear
from negsolve.formatting import fmt
from negsolve.model.strategic import PayoffTable
from negsolve.solvers.exact_linear import solve_linear
from negsolve.solvers.results import Equilibrium


@dataclass(frozen=True)
class Derivation:
    """How player ``indifferent``'s indifference pins down player ``mixer``'s probabilities."""

    blocks: tuple[Block, ...]
    solution: tuple[Fraction, ...] | None  # the mixer's probabilities on its support, if pinned down
    agrees: bool  # the solution (or the solver's mix) satisfies every condition


def _payoff(table: PayoffTable, player: int, own: int, other: int) -> Fraction:
    profile = (own, other) if player == 0 else (other, own)
    return table.at(profile)[player]


def derive(table: PayoffTable, names: tuple[tuple[str, ...], tuple[str, ...]], players: tuple[str, str],
           eq: Equilibrium, indifferent: int) -> Derivation:
    """The indifference of ``indifferent`` (0 or 1) over its support, solved for the other's mix."""
    i, j = indifferent, 1 - indifferent
    own_support = eq.support(i)
    mix_support = eq.support(j)
    me, other = players[i], players[j]
    mine, theirs = names[i], names[j]
    actual = tuple(eq.profile[j][t] for t in mix_support)
    value = eq.payoffs[i]
    blocks: list[Block] = []

    if len(mix_support) == 1:
        t = mix_support[0]
        pays = [(s, _payoff(table, i, s, t)) for s in range(len(mine))]
        blocks.append(para(Em(other), " plays ", Em(theirs[t]), " for sure, so nothing needs solving on ",
                           possessive(other), " side. Against it ",
                           _pay_list([(mine[s], num(v)) for s, v in pays]), "."))
        best = max(v for _, v in pays)
        ok = all(pays[s][1] == best for s in own_support)
        if len(own_support) > 1:
            blocks.append(para(Em(me), " mixes ", _em_and([mine[s] for s in own_support]),
                               ", which all pay the best amount, ", num(best), ", so every mix of them is a best "
                               "response for ", Em(me), "; which mixes are equilibria also depends on ",
                               possessive(other), " side."))
        return Derivation(tuple(blocks), actual, ok)

    letter = "q" if j == 1 else "p"
    if len(mix_support) == 2:
        t1, t2 = mix_support
        q = Var(letter, letter)
        rest = Var(f"1 - {letter}", f"1 - {letter}", compound=True)
        blocks.append(para("Let ", Math(letter, letter), " be the probability that ", Em(other), " plays ",
                           Em(theirs[t1]), ", so ", Em(theirs[t2]), " has probability ",
                           Math(f"1 - {letter}", f"1 - {letter}"), ". Against this mix, ",
                           Em(me), " expects:"))
        expressions = {s: linear([(_payoff(table, i, s, t1), q), (_payoff(table, i, s, t2), rest)])
                       for s in range(len(mine))}
        blocks.append(Bullets(tuple((Em(mine[s]), ": ", expressions[s]) for s in own_support)))
        s1 = own_support[0]
        equations: list[Equation] = []
        solution: tuple[Fraction, ...] | None = None
        if len(own_support) >= 2:
            blocks.append(para(Em(me), " is willing to mix ", _em_and([mine[s] for s in own_support]),
                               " only if ", "they pay" if len(own_support) == 2 else "all of them pay",
                               " the same:"))
            s2 = own_support[1]
            a1, b1 = _payoff(table, i, s1, t1), _payoff(table, i, s1, t2)
            a2, b2 = _payoff(table, i, s2, t1), _payoff(table, i, s2, t2)
            equations.append(Equation(expressions[s1], expressions[s2]))
            left = tidy_linear(a1 - b1, q, b1)
            right = tidy_linear(a2 - b2, q, b2)
            if (left, right) != (expressions[s1], expressions[s2]):
                equations.append(Equation(left, right))
            coef, const = a1 - b1 - a2 + b2, b2 - b1
            if coef < 0:
                coef, const = -coef, -const
            if coef != 0:
                step = Equation(linear([(coef, q)], explicit=False), num(const))
                if step not in equations:
                    equations.append(step)
                x = const / coef
                final = Equation(Math(letter, letter), num(x))
                if final not in equations:
                    equations.append(final)
                solution = (x, 1 - x)
            blocks.append(Equations(tuple(equations)))
            if coef == 0:
                blocks.append(para("The ", Math(letter, letter), " terms cancel: this condition does not pin down ",
                                   possessive(other), " mix (the game is degenerate), so we check the mix the solver "
                                   "found instead."))
            for s3 in own_support[2:]:
                blocks.append(para("(", Em(mine[s3]), " must pay the same too; the check below confirms it.)"))
        check_mix = solution if solution is not None else actual
        blocks.extend(_check(table, i, mine, own_support, mix_support, check_mix, value, me,
                             letter_values=[(letter, check_mix[0])]))
        agrees = check_mix == actual and _consistent(table, i, own_support, mix_support, check_mix)
        blocks.append(_conclusion(other, [theirs[t] for t in mix_support], check_mix, agrees))
        return Derivation(tuple(blocks), solution, agrees)

    # three or more strategies in the mix: the whole linear system
    k = len(mix_support)
    variables = [Var(f"{letter}{n}", f"{letter}_{{{n}}}") for n in range(1, k + 1)]
    blocks.append(para("Write ", _legend([(Math(v.text, v.tex),) for v in variables]),
                       " for the probabilities that ", Em(other), " plays ",
                       _legend([(Em(theirs[t]),) for t in mix_support]), ". Against this mix, ", Em(me), " expects:"))
    expressions = {s: linear([(_payoff(table, i, s, t), v) for t, v in zip(mix_support, variables, strict=False)])
                   for s in range(len(mine))}
    blocks.append(Bullets(tuple((Em(mine[s]), ": ", expressions[s]) for s in own_support)))
    matrix: list[list[Fraction]] = []
    rhs: list[Fraction] = []
    equations = []
    s1 = own_support[0]
    for s in own_support[1:]:
        diff = [_payoff(table, i, s1, t) - _payoff(table, i, s, t) for t in mix_support]
        matrix.append(diff)
        rhs.append(Fraction(0))
        equations.append(Equation(expressions[s1], expressions[s]))
        equations.append(Equation(linear(list(zip(diff, variables, strict=False)), explicit=False, keep_zero=False),
                                  num(Fraction(0))))
    matrix.append([Fraction(1)] * k)
    rhs.append(Fraction(1))
    equations.append(Equation(linear([(Fraction(1), v) for v in variables], explicit=False), num(Fraction(1))))
    if len(own_support) > 1:
        blocks.append(para(Em(me), " is willing to mix ", _em_and([mine[s] for s in own_support]),
                           " only if they all pay the same. Each condition is followed by the same condition tidied "
                           "up (everything moved to the left), and the probabilities add up to 1:"))
    else:
        blocks.append(para("The probabilities add up to 1:"))
    blocks.append(Equations(tuple(equations)))
    solved = solve_linear(matrix, rhs)
    if solved is not None:
        blocks.append(para("Solving these ", str(len(matrix)), " equations together gives ",
                           _legend([(Math(v.text, v.tex), " = ", num(x))
                                    for v, x in zip(variables, solved, strict=False)]), "."))
        solution = tuple(solved)
    else:
        blocks.append(para("These conditions do not pin down ", possessive(other),
                           " probabilities on their own (the game is degenerate); we check the mix the solver found."))
        solution = None
    check_mix = solution if solution is not None else actual
    blocks.extend(_check(table, i, mine, own_support, mix_support, check_mix, value, me,
                         letter_values=[(v.text, x) for v, x in zip(variables, check_mix, strict=False)]))
    agrees = check_mix == actual and _consistent(table, i, own_support, mix_support, check_mix)
    blocks.append(_conclusion(other, [theirs[t] for t in mix_support], check_mix, agrees))
    return Derivation(tuple(blocks), solution, agrees)


def _consistent(table: PayoffTable, i: int, own_support: tuple[int, ...], mix_support: tuple[int, ...],
                mix: Sequence[Fraction]) -> bool:
    values = [sum((_payoff(table, i, s, t) * x for t, x in zip(mix_support, mix, strict=False)), Fraction(0))
              for s in range(table.shape[i])]
    best = max(values)
    return all(values[s] == best for s in own_support)


def _check(table: PayoffTable, i: int, mine: tuple[str, ...], own_support: tuple[int, ...],
           mix_support: tuple[int, ...], mix: Sequence[Fraction], value: Fraction, me: str,
           letter_values: list[tuple[str, Fraction]]) -> list[Block]:
    """Substitute the probabilities back: every support strategy pays the same, the others no more."""
    lines = []
    for s in range(len(mine)):
        pairs = [(_payoff(table, i, s, t), x) for t, x in zip(mix_support, mix, strict=False)]
        total = sum((a * x for a, x in pairs), Fraction(0))
        lines.append((s, Equation(products(pairs), num(total)), total))
    given = ", ".join(f"{name} = {fmt(x)}" for name, x in letter_values)
    given_tex = ", ".join(f"{name if len(name) == 1 else name[0] + '_{' + name[1:] + '}'} = "
                          f"{num(x).tex}" for name, x in letter_values)
    blocks: list[Block] = [para("Check, with ", Math(given, given_tex), ":")]
    items = []
    for s, equation, total in lines:
        inside = s in own_support
        items.append((Em(mine[s]), " pays ", Math(f"{equation.left.text} = {equation.right.text}",
                                                 f"{equation.left.tex} = {equation.right.tex}"),
                      "" if inside else (" (not played: it pays no more)" if total <= value
                                         else " (not played, yet it pays more: something is wrong)")))
    blocks.append(Bullets(tuple(items)))
    return blocks


def _conclusion(other: str, strategies: list[str], mix: Sequence[Fraction], agrees: bool) -> Paragraph:
    parts: list = [Em(other), " plays "]
    for k, (name, x) in enumerate(zip(strategies, mix, strict=False)):
        if k:
            parts.append(" and " if k == len(strategies) - 1 else ", ")
        parts.extend([Em(name), " with probability ", num(x)])
    parts.append(", as the solver found." if agrees else
                 "; this does not match the solver's equilibrium: please report it.")
    return para(*parts)


def _em_and(names: list[str]) -> tuple:
    out: list = []
    for k, n in enumerate(names):
        if k:
            out.append(" and " if k == len(names) - 1 else ", ")
        out.append(Em(n))
    return tuple(out)


def _legend(items: list[tuple]) -> tuple:
    out: list = []
    for k, item in enumerate(items):
        if k:
            out.append(" and " if k == len(items) - 1 else ", ")
        out.extend(item)
    return tuple(out)


def _pay_list(items: list[tuple[str, Math]]) -> tuple:
    return _legend([(Em(n), " pays ", v) for n, v in items])


__all__ = ["Derivation", "derive", "solve_linear", "and_list"]
