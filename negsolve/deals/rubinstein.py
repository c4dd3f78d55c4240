r"""Alternating offers (Rubinstein 1982): exact subgame-perfect shares, finite and infinite horizon.

Two players divide a surplus :math:`S`.  In round :math:`t = 1, 2, \dots` one of them proposes a
split and the other accepts (the game ends) or rejects (the roles swap and round :math:`t+1`
begins).  Payoffs from agreement in round :math:`t` are discounted by :math:`\delta_i^{t-1}`
(:math:`0 \le \delta_i < 1`).  An indifferent responder accepts.

**Infinite horizon** (A. Rubinstein, "Perfect equilibrium in a bargaining model", Econometrica 50,
1982): the unique subgame-perfect equilibrium has immediate agreement; player 1, proposing first,
gets the share

.. math::

    x^* = \frac{1 - \delta_2}{1 - \delta_1 \delta_2}, \qquad\text{player 2: } 1 - x^* =
    \frac{\delta_2 (1 - \delta_1)}{1 - \delta_1 \delta_2}.

**Finite horizon** :math:`T` (Ståhl 1972): in the last round the proposer takes everything
(disagreement pays 0); by backward induction the proposer of round :math:`t` keeps
:math:`v_t = 1 - \delta_r v_{t+1}` with :math:`\delta_r` the responder's discount factor.  As
:math:`T \to \infty` the first proposer's share converges to :math:`x^*`, alternating above and
below it (the error shrinks by :math:`\delta_1 \delta_2` every two rounds).

**Outside options** (Binmore, Shaked and Sutton, QJE 104, 1989): a responder may walk away to
:math:`w_i` (a share of :math:`S`) instead of making a counter-offer.  The outside-option
principle: an option changes the outcome only if it beats what the player would get without it,
and then the player gets exactly the option.  The infinite-horizon shares solve
:math:`1 - x = \max(w_2, \delta_2 y)`, :math:`1 - y = \max(w_1, \delta_1 x)` (:math:`x`, :math:`y`:
the proposer's share when 1, resp. 2, proposes); the four cases (which options bind) are linear and
exactly one is consistent.  Requires :math:`w_1 + w_2 \le 1` (otherwise no agreement is possible).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from negsolve.errors import InputError, Problem, SolverError


@dataclass(frozen=True)
class RoundOffer:
    """Round ``round``: ``proposer`` (0 or 1) offers the responder ``offer`` (a share) and keeps ``keep``."""

    round: int
    proposer: int
    offer: Fraction
    keep: Fraction


@dataclass(frozen=True)
class BargainResult:
    """Subgame-perfect shares of the surplus (``shares[i]`` for player i) and payoffs (shares times S).

    ``rounds`` is None for the infinite horizon; ``schedule`` lists the backward-induction offers
    of the finite game, round 1 first.
    """

    surplus: Fraction
    deltas: tuple[Fraction, Fraction]
    first: int
    rounds: int | None
    outside: tuple[Fraction, Fraction]
    shares: tuple[Fraction, Fraction]
    schedule: tuple[RoundOffer, ...] = ()
    binding: tuple[bool, bool] = (False, False)

    @property
    def payoffs(self) -> tuple[Fraction, Fraction]:
        return (self.shares[0] * self.surplus, self.shares[1] * self.surplus)


def _check(deltas: tuple[Fraction, Fraction], outside: tuple[Fraction, Fraction], surplus: Fraction) -> None:
    problems = [Problem(f"--delta{i + 1} {d}: a discount factor must satisfy 0 <= delta < 1")
                for i, d in enumerate(deltas) if not 0 <= d < 1]
    if surplus <= 0:
        problems.append(Problem(f"--surplus {surplus}: the surplus must be positive"))
    if any(w < 0 for w in outside) or sum(outside) > surplus:
        problems.append(Problem("outside options must be non-negative and leave room for a deal "
                                "(their sum at most the surplus)"))
    if problems:
        raise InputError(problems)


def rubinstein(surplus: Fraction, delta1: Fraction, delta2: Fraction, first: int = 0,
               outside: tuple[Fraction, Fraction] = (Fraction(0), Fraction(0))) -> BargainResult:
    """The infinite-horizon subgame-perfect split (see the module docstring), exact."""
    deltas = (delta1, delta2)
    _check(deltas, outside, surplus)
    w = (outside[0] / surplus, outside[1] / surplus)
    for bind1 in (False, True):
        for bind2 in (False, True):
            solved = _case(deltas, w, bind1, bind2)
            if solved is not None:
                x, y = solved  # proposer's share when player 1 (x) or player 2 (y) proposes
                shares = (x, 1 - x) if first == 0 else (1 - y, y)
                return BargainResult(surplus, deltas, first, None, outside, shares, (), (bind1, bind2))
    raise SolverError("no consistent case")  # cannot happen: the fixed point exists and is unique


def _case(d: tuple[Fraction, Fraction], w: tuple[Fraction, Fraction], bind1: bool,
          bind2: bool) -> tuple[Fraction, Fraction] | None:
    """Solve 1 - x = (w2 if bind2 else d2 y), 1 - y = (w1 if bind1 else d1 x); None if inconsistent."""
    if bind1 and bind2:
        x, y = 1 - w[1], 1 - w[0]
    elif bind2:
        x = 1 - w[1]
        y = 1 - d[0] * x
    elif bind1:
        y = 1 - w[0]
        x = 1 - d[1] * y
    else:
        x = (1 - d[1]) / (1 - d[0] * d[1])
        y = (1 - d[0]) / (1 - d[0] * d[1])
    ok2 = (w[1] >= d[1] * y) if bind2 else (w[1] <= d[1] * y)
    ok1 = (w[0] >= d[0] * x) if bind1 else (w[0] <= d[0] * x)
    return (x, y) if ok1 and ok2 else None


def finite_horizon(surplus: Fraction, delta1: Fraction, delta2: Fraction, rounds: int, first: int = 0,
                   outside: tuple[Fraction, Fraction] = (Fraction(0), Fraction(0))) -> BargainResult:
    """The subgame-perfect split of the ``rounds``-round game, by backward induction, exact."""
    deltas = (delta1, delta2)
    _check(deltas, outside, surplus)
    if rounds < 1:
        raise InputError([Problem("--rounds must be at least 1")])
    w = (outside[0] / surplus, outside[1] / surplus)
    schedule = []
    keep_next = None  # the next round's proposer's share, in that round's money
    for t in range(rounds, 0, -1):
        proposer = first if t % 2 == 1 else 1 - first
        responder = 1 - proposer
        wait = Fraction(0) if keep_next is None else deltas[responder] * keep_next
        offer = max(w[responder], wait)
        keep = 1 - offer
        schedule.append(RoundOffer(t, proposer, offer, keep))
        keep_next = keep
    schedule.reverse()
    start = schedule[0]
    shares = (start.keep, start.offer) if first == 0 else (start.offer, start.keep)
    return BargainResult(surplus, deltas, first, rounds, outside, shares, tuple(schedule))


def symbolic_shares() -> tuple[object, object]:
    """The first proposer's and the responder's infinite-horizon shares in the symbols d1, d2 (sympy)."""
    import sympy

    d1, d2 = sympy.symbols("d1 d2", nonnegative=True)
    x = (1 - d2) / (1 - d1 * d2)
    return sympy.simplify(x), sympy.factor(sympy.simplify(1 - x))
