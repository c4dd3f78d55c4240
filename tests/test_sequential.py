"""Sequential rationality of listed subgame-perfect equilibria (issue 8, item 8)."""

from __future__ import annotations

import json
from fractions import Fraction

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.cli.main import cli
from negsolve.model.expression import Number
from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree, Node, Outcome
from negsolve.solvers.sequential import check_plan


def test_talks_about_talks_second_equilibrium_is_flagged() -> None:
    result = CliRunner().invoke(cli, ["solve", "talks-about-talks", "--format", "json"])
    assert result.exit_code == 0, result.output
    spe = json.loads(result.output)["subgame_perfect"]
    assert [e["sequentially_rational"] for e in spe] == [True, False]
    bad = spe[1]["not_sequentially_rational_at"]
    assert bad == [{"player": "United States", "nodes": ["uc-serious-refused", "uc-stalling-refused"],
                    "behaviour": {"Pressure": "1/2", "Wait": "1/2"}, "beaten_by": "Pressure"}]
    text = CliRunner().invoke(cli, ["solve", "talks-about-talks"]).output
    assert "NOT sequentially rational at uc-serious-refused, uc-stalling-refused" in text


def test_perfect_information_equilibria_are_sequentially_rational() -> None:
    data = json.loads(CliRunner().invoke(cli, ["solve", "ultimatum", "--format", "json"]).output)
    assert all(e["sequentially_rational"] for e in data["subgame_perfect"])


def test_glossary_and_explain_define_subgame_perfection_exactly() -> None:
    concept = " ".join(CliRunner().invoke(cli, ["concepts", "subgame-perfection"]).output.split())
    assert "cuts no information set" in concept and "sequential rationality" in concept
    text = " ".join(CliRunner().invoke(cli, ["explain", "talks-about-talks"]).output.split())
    assert "This equilibrium is not sequentially rational" in text


def _belief_oracle(payoffs: list[list[int]], support: list[int]) -> bool:
    """Two nodes, belief t on the first: some t in [0, 1] makes every support move a best move.
    The feasible t form an interval whose ends are 0, 1 or crossings of two moves' lines."""
    candidates = {Fraction(0), Fraction(1)}
    moves = range(len(payoffs[0]))
    for a in moves:
        for b in moves:
            slope = (payoffs[0][a] - payoffs[1][a]) - (payoffs[0][b] - payoffs[1][b])
            if slope:
                t = Fraction(payoffs[1][b] - payoffs[1][a], slope)
                if 0 <= t <= 1:
                    candidates.add(t)
    for t in candidates:
        value = [t * payoffs[0][m] + (1 - t) * payoffs[1][m] for m in moves]
        if all(value[s] == max(value) for s in support):
            return True
    return False


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 3).flatmap(lambda k: st.tuples(
    st.lists(st.lists(st.integers(-3, 3), min_size=k, max_size=k), min_size=2, max_size=2),
    st.sets(st.integers(0, k - 1), min_size=1))))
def test_check_matches_belief_enumeration(case) -> None:  # type: ignore[no-untyped-def]
    payoffs, support = case
    k = len(payoffs[0])
    moves = tuple(f"m{j}" for j in range(k))
    nodes = [Node("root", CHANCE, ("x", "y"), ("left", "right"), probabilities=(Number(Fraction(1, 2)),) * 2)]
    for name, row in zip(("x", "y"), payoffs, strict=True):
        nodes.append(Node(name, DECISION, tuple(f"{name}{j}" for j in range(k)), moves, player=0, infoset="I"))
        nodes += [Node(f"{name}{j}", TERMINAL, outcome=Outcome((Number(Fraction(v)),))) for j, v in enumerate(row)]
    tree = GameTree("belief", ("Ann",), tuple(nodes))
    share = Fraction(1, len(support))
    behaviour = {m: (share if j in support else Fraction(0)) for j, m in enumerate(moves)}
    plan = {"x": behaviour, "y": behaviour}
    check = next(c for c in check_plan(tree, plan) if c.nodes == ("x", "y"))
    assert check.rational == _belief_oracle(payoffs, sorted(support))
