"""Alternating offers: closed form, backward induction, the tree solver and outside options agree."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.deals.rubinstein import finite_horizon, rubinstein
from negsolve.errors import InputError
from negsolve.model.expression import Number
from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree, Node, Outcome
from negsolve.solvers.backward import solve_tree

F = Fraction
deltas = st.fractions(min_value=0, max_value=F(19, 20), max_denominator=20)


@settings(max_examples=40, deadline=None)
@given(deltas, deltas, st.sampled_from([0, 1]))
def test_closed_form_solves_the_indifference_equations(d1: Fraction, d2: Fraction, first: int) -> None:
    r = rubinstein(F(1), d1, d2, first)
    # Rubinstein's equations: the responder is offered exactly the discounted value of proposing next
    x = rubinstein(F(1), d1, d2, 0).shares[0]  # player 1's share when proposing
    y = rubinstein(F(1), d1, d2, 1).shares[1]  # player 2's share when proposing
    assert 1 - x == d2 * y and 1 - y == d1 * x
    assert sum(r.shares) == 1
    if first == 0:
        assert r.shares[0] == (1 - d2) / (1 - d1 * d2)


@settings(max_examples=30, deadline=None)
@given(deltas, deltas)
def test_finite_horizon_converges_to_the_closed_form(d1: Fraction, d2: Fraction) -> None:
    limit = rubinstein(F(1), d1, d2).shares[0]
    gaps = [abs(finite_horizon(F(1), d1, d2, t).shares[0] - limit) for t in range(1, 41)]
    for t in range(2, 40):  # the error shrinks by d1*d2 every two rounds
        assert gaps[t] == d1 * d2 * gaps[t - 2]
    assert gaps[-1] <= (d1 * d2) ** 19


def test_finite_horizon_by_hand() -> None:
    # three rounds, d1 = d2 = 1/2, surplus 8: round 3: player 1 keeps 8; round 2: player 2 offers
    # 1/2 * 8 = 4; round 1: player 1 offers 1/2 * 4 = 2 and keeps 6
    r = finite_horizon(F(8), F(1, 2), F(1, 2), 3)
    assert r.payoffs == (6, 2)
    assert [(s.proposer, s.offer * 8) for s in r.schedule] == [(0, 2), (1, 4), (0, 0)]


def offers_tree(surplus: Fraction, d: tuple[Fraction, Fraction], rounds: int, offers: list[Fraction]) -> GameTree:
    """The alternating-offers game as a tree: in each round the proposer picks an offer to the
    responder from ``offers`` (amounts), who accepts or rejects; payoffs discounted per round."""
    nodes: list[Node] = []

    def payoff(a: Fraction, b: Fraction) -> Outcome:
        return Outcome((Number(a), Number(b)))

    def build(node_id: str, t: int) -> None:
        proposer = (t - 1) % 2
        names = [f"offer {o}" for o in offers]
        kids = [f"{node_id}.{k}" for k in range(len(offers))]
        nodes.append(Node(node_id, DECISION, tuple(kids), tuple(names), player=proposer))
        for kid, offer in zip(kids, offers, strict=True):
            keep = surplus - offer
            shares = (keep, offer) if proposer == 0 else (offer, keep)
            nodes.append(Node(kid, DECISION, (kid + ".a", kid + ".r"), ("accept", "reject"), player=1 - proposer))
            nodes.append(Node(kid + ".a", TERMINAL, outcome=payoff(shares[0] * d[0] ** (t - 1),
                                                                   shares[1] * d[1] ** (t - 1))))
            if t == rounds:
                nodes.append(Node(kid + ".r", TERMINAL, outcome=payoff(F(0), F(0))))
            else:
                build(kid + ".r", t + 1)

    build("r", 1)
    assert all(n.kind != CHANCE for n in nodes)
    return GameTree("alternating offers", ("one", "two"), tuple(nodes))


@pytest.mark.parametrize("d1, d2, rounds", [
    pytest.param(F(1, 2), F(1, 2), 3, id="half-half-3"),
    pytest.param(F(9, 10), F(2, 3), 3, id="patient-one-3"),
    pytest.param(F(1, 3), F(3, 4), 4, id="patient-two-4"),
])
def test_tree_solver_matches_backward_induction(d1: Fraction, d2: Fraction, rounds: int) -> None:
    surplus = F(12)
    expected = finite_horizon(surplus, d1, d2, rounds)
    # offers: a coarse grid plus each round's exact equilibrium offer (so the tree contains the answer)
    offers = sorted({F(0), F(6), surplus} | {s.offer * surplus for s in expected.schedule})
    result = solve_tree(offers_tree(surplus, (d1, d2), rounds, offers), limit=50)
    payoffs = {tuple(eq.payoffs) for eq in result.equilibria}
    assert expected.payoffs in payoffs


def test_outside_option_principle() -> None:
    # d1 = d2 = 9/10: without options player 2 gets 9/19 of the surplus
    base = rubinstein(F(1), F(9, 10), F(9, 10))
    assert base.shares == (F(10, 19), F(9, 19))
    # an option worth less than that changes nothing; a larger one is paid exactly
    assert rubinstein(F(1), F(9, 10), F(9, 10), outside=(F(0), F(2, 5))).shares == base.shares
    bound = rubinstein(F(1), F(9, 10), F(9, 10), outside=(F(0), F(3, 5)))
    assert bound.shares == (F(2, 5), F(3, 5)) and bound.binding == (False, True)


def test_bad_discount_factor_is_an_input_error() -> None:
    with pytest.raises(InputError, match="discount factor"):
        rubinstein(F(1), F(1), F(1, 2))
