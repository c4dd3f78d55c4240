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


@dataclass(frozen=True)
class _Sides:
    """The two sides of one derivation: ``me`` (player ``i``) is indifferent over ``own_support``,
    which pins down ``other``'s (player ``j``) probabilities on ``mix_support``."""

    table: PayoffTable
    i: int
    own_support: tuple[int, ...]
    mix_support: tuple[int, ...]
    me: str
    other: str
    mine: tuple[str, ...]
    theirs: tuple[str, ...]
    actual: tuple[Fraction, ...]  # the solver's mix on mix_support
    value: Fraction

    def pay(self, own: int, other: int) -> Fraction:
        return _payoff(self.table, self.i, own, other)


def derive(table: PayoffTable, names: tuple[tuple[str, ...], tuple[str, ...]], players: tuple[str, str],
           eq: Equilibrium, indifferent: int) -> Derivation:
    """The indifference of ``indifferent`` (0 or 1) over its support, solved for the other's mix."""
    i, j = indifferent, 1 - indifferent
    mix_support = eq.support(j)
    sides = _Sides(table, i, eq.support(i), mix_support, players[i], players[j], names[i], names[j],
                   tuple(eq.profile[j][t] for t in mix_support), eq.payoffs[i])
    if len(mix_support) == 1:
        return _pure_other(sides)
    letter = "q" if j == 1 else "p"
    if len(mix_support) == 2:
        return _two_in_the_mix(sides, letter)
    return _many_in_the_mix(sides, letter)


def _pure_other(sides: _Sides) -> Derivation:
    """The other player plays one strategy for sure: nothing to solve, only the payoffs against it."""
    me, other, mine, own_support = sides.me, sides.other, sides.mine, sides.own_support
    t = sides.mix_support[0]
    pays = [(s, sides.pay(s, t)) for s in range(len(mine))]
    blocks: list[Block] = [para(Em(other), " plays ", Em(sides.theirs[t]), " for sure, so nothing needs solving on ",
                                possessive(other), " side. Against it ",
                                _pay_list([(mine[s], num(v)) for s, v in pays]), ".")]
    best = max(v for _, v in pays)
    ok = all(pays[s][1] == best for s in own_support)
    if len(own_support) > 1:
        blocks.append(para(Em(me), " mixes ", _em_and([mine[s] for s in own_support]),
                           ", which all pay the best amount, ", num(best), ", so every mix of them is a best "
                           "response for ", Em(me), "; which mixes are equilibria also depends on ",
                           possessive(other), " side."))
    return Derivation(tuple(blocks), sides.actual, ok)


def _two_in_the_mix(sides: _Sides, letter: str) -> Derivation:
    """Two strategies in the other's mix: one equation in ``q`` (the second probability ``1 - q``)."""
    me, other, mine, theirs, own_support = sides.me, sides.other, sides.mine, sides.theirs, sides.own_support
    t1, t2 = sides.mix_support
    q = Var(letter, letter)
    rest = Var(f"1 - {letter}", f"1 - {letter}", compound=True)
    blocks: list[Block] = [para("Let ", Math(letter, letter), " be the probability that ", Em(other), " plays ",
                                Em(theirs[t1]), ", so ", Em(theirs[t2]), " has probability ",
                                Math(f"1 - {letter}", f"1 - {letter}"), ". Against this mix, ", Em(me), " expects:")]
    expressions = {s: linear([(sides.pay(s, t1), q), (sides.pay(s, t2), rest)]) for s in range(len(mine))}
    blocks.append(Bullets(tuple((Em(mine[s]), ": ", expressions[s]) for s in own_support)))
    solution: tuple[Fraction, ...] | None = None
    if len(own_support) >= 2:
        blocks.append(para(Em(me), " is willing to mix ", _em_and([mine[s] for s in own_support]),
                           " only if ", "they pay" if len(own_support) == 2 else "all of them pay", " the same:"))
        equations, solution = _one_equation(sides, letter, q, expressions)
        blocks.append(Equations(tuple(equations)))
        if solution is None:
            blocks.append(para("The ", Math(letter, letter), " terms cancel: this condition does not pin down ",
                               possessive(other), " mix (the game is degenerate), so we check the mix the solver "
                               "found instead."))
        for s3 in own_support[2:]:
            blocks.append(para("(", Em(mine[s3]), " must pay the same too; the check below confirms it.)"))
    check_mix = solution if solution is not None else sides.actual
    return _checked(sides, blocks, solution, check_mix, [(letter, check_mix[0])])


def _one_equation(sides: _Sides, letter: str, q: Var, expressions: dict) -> tuple[list[Equation], tuple | None]:
    """The indifference between the first two strategies of the support, tidied and solved for ``q``
    (no solution when the ``q`` terms cancel)."""
    s1, s2 = sides.own_support[0], sides.own_support[1]
    t1, t2 = sides.mix_support
    a1, b1 = sides.pay(s1, t1), sides.pay(s1, t2)
    a2, b2 = sides.pay(s2, t1), sides.pay(s2, t2)
    equations = [Equation(expressions[s1], expressions[s2])]
    left = tidy_linear(a1 - b1, q, b1)
    right = tidy_linear(a2 - b2, q, b2)
    if (left, right) != (expressions[s1], expressions[s2]):
        equations.append(Equation(left, right))
    coef, const = a1 - b1 - a2 + b2, b2 - b1
    if coef < 0:
        coef, const = -coef, -const
    if coef == 0:
        return equations, None
    step = Equation(linear([(coef, q)], explicit=False), num(const))
    if step not in equations:
        equations.append(step)
    x = const / coef
    final = Equation(Math(letter, letter), num(x))
    if final not in equations:
        equations.append(final)
    return equations, (x, 1 - x)


def _many_in_the_mix(sides: _Sides, letter: str) -> Derivation:
    """Three or more strategies in the other's mix: the whole linear system, solved exactly."""
    me, other, mine, own_support, mix_support = sides.me, sides.other, sides.mine, sides.own_support, sides.mix_support
    k = len(mix_support)
    variables = [Var(f"{letter}{n}", f"{letter}_{{{n}}}") for n in range(1, k + 1)]
    blocks: list[Block] = [para("Write ", _legend([(Math(v.text, v.tex),) for v in variables]),
                                " for the probabilities that ", Em(other), " plays ",
                                _legend([(Em(sides.theirs[t]),) for t in mix_support]), ". Against this mix, ",
                                Em(me), " expects:")]
    expressions = {s: linear([(sides.pay(s, t), v) for t, v in zip(mix_support, variables, strict=False)])
                   for s in range(len(mine))}
    blocks.append(Bullets(tuple((Em(mine[s]), ": ", expressions[s]) for s in own_support)))
    matrix, rhs, equations = _indifference_system(sides, variables, expressions)
    if len(own_support) > 1:
        blocks.append(para(Em(me), " is willing to mix ", _em_and([mine[s] for s in own_support]),
                           " only if they all pay the same. Each condition is followed by the same condition tidied "
                           "up (everything moved to the left), and the probabilities add up to 1:"))
    else:
        blocks.append(para("The probabilities add up to 1:"))
    blocks.append(Equations(tuple(equations)))
    solved = solve_linear(matrix, rhs)
    solution: tuple[Fraction, ...] | None
    if solved is not None:
        blocks.append(para("Solving these ", str(len(matrix)), " equations together gives ",
                           _legend([(Math(v.text, v.tex), " = ", num(x))
                                    for v, x in zip(variables, solved, strict=False)]), "."))
        solution = tuple(solved)
    else:
        blocks.append(para("These conditions do not pin down ", possessive(other),
                           " probabilities on their own (the game is degenerate); we check the mix the solver found."))
        solution = None
    check_mix = solution if solution is not None else sides.actual
    return _checked(sides, blocks, solution, check_mix,
                    [(v.text, x) for v, x in zip(variables, check_mix, strict=False)])


def _indifference_system(sides: _Sides, variables: list[Var], expressions: dict
                         ) -> tuple[list[list[Fraction]], list[Fraction], list[Equation]]:
    """Each strategy of the support pays what the first does, and the probabilities add up to 1: the
    matrix, right-hand side and the equations as shown (each followed by its tidied form)."""
    matrix: list[list[Fraction]] = []
    rhs: list[Fraction] = []
    equations: list[Equation] = []
    s1 = sides.own_support[0]
    for s in sides.own_support[1:]:
        diff = [sides.pay(s1, t) - sides.pay(s, t) for t in sides.mix_support]
        matrix.append(diff)
        rhs.append(Fraction(0))
        equations.append(Equation(expressions[s1], expressions[s]))
        equations.append(Equation(linear(list(zip(diff, variables, strict=False)), explicit=False, keep_zero=False),
                                  num(Fraction(0))))
    matrix.append([Fraction(1)] * len(variables))
    rhs.append(Fraction(1))
    equations.append(Equation(linear([(Fraction(1), v) for v in variables], explicit=False), num(Fraction(1))))
    return matrix, rhs, equations


def _checked(sides: _Sides, blocks: list[Block], solution: tuple[Fraction, ...] | None,
             check_mix: Sequence[Fraction], letter_values: list) -> Derivation:
    """The check of ``check_mix`` against every strategy, and the conclusion."""
    blocks.extend(_check(sides.table, sides.i, sides.mine, sides.own_support, sides.mix_support, check_mix,
                         sides.value, sides.me, letter_values=letter_values))
    agrees = check_mix == sides.actual and _consistent(sides.table, sides.i, sides.own_support, sides.mix_support,
                                                       check_mix)
    blocks.append(_conclusion(sides.other, [sides.theirs[t] for t in sides.mix_support], check_mix, agrees))
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
