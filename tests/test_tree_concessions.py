"""Concessions and sweeps on trees work on plays (issue 8, items 11 and 15)."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction

import pytest
from click.testing import CliRunner

from negsolve.analysis.tree_concessions import tree_concessions
from negsolve.analysis.tree_plays import play_of_plan, plays
from negsolve.cli.main import cli
from negsolve.io import load_game
from negsolve.model.expression import evaluate
from negsolve.model.tree import DECISION, TERMINAL, GameTree


def _tree(name: str) -> GameTree:
    tree = load_game(name)
    assert isinstance(tree, GameTree)
    return tree


def brute_force_spe_plays(tree: GameTree) -> set:
    """Plays of every pure plan that is subgame perfect, by the definition (perfect information:
    at every decision node the planned move is a best move given the plan below)."""
    index = {n.id: n for n in tree.nodes}
    deciders = [n for n in tree.nodes if n.kind == DECISION]
    values = tree.parameter_values()

    def value(node_id: str, plan: dict) -> tuple:
        node = index[node_id]
        own = tuple(evaluate(e, values) for e in node.outcome.payoffs) if node.outcome else (0,) * len(tree.players)
        if node.kind == TERMINAL:
            return own
        below = value(node.children[node.moves.index(plan[node_id])], plan)
        return tuple(a + b for a, b in zip(own, below, strict=True))

    out = set()
    for moves in itertools.product(*(n.moves for n in deciders)):
        plan = {n.id: m for n, m in zip(deciders, moves, strict=True)}
        ok = all(value(n.children[n.moves.index(plan[n.id])], plan)[n.player or 0]
                 >= value(c, plan)[n.player or 0] for n in deciders for c in n.children)
        if ok:
            out.add(play_of_plan(tree, plan))
    return out


@pytest.mark.parametrize("name", ["entry-deterrence", "ultimatum", "centipede", "default-button"])
def test_self_enforcing_means_some_spe_follows_the_play(name: str) -> None:
    tree = _tree(name)
    report = tree_concessions(tree)
    expected = brute_force_spe_plays(tree)
    assert {r.play for r in report.outcomes if r.self_enforcing} == expected
    assert len(report.outcomes) == len(plays(tree))


def test_entry_deterrence_stay_out_is_not_self_enforcing() -> None:
    # item 15: (Stay out, Fight) is a Nash equilibrium resting on a non-credible threat
    report = tree_concessions(_tree("entry-deterrence"))
    row = next(r for r in report.outcomes if r.label == "Stay out")
    assert not row.self_enforcing
    assert [(t.player, t.move, t.gain) for t in row.temptations] == [(0, "Enter", Fraction(1))]
    result = CliRunner().invoke(cli, ["concessions", "entry-deterrence"])
    assert " 1. Stay out\n    winners and losers (Entrant -1; Incumbent +1); self-enforcing: no" in result.output


def test_ultimatum_generous_offer_needs_a_penalty() -> None:
    report = tree_concessions(_tree("ultimatum"))
    rows = {r.label: r for r in report.outcomes}
    assert rows["Offer 0 → Accept 0"].self_enforcing and rows["Offer 1 → Accept 1"].self_enforcing
    offer2 = rows["Offer 2 → Accept 2"]
    assert not offer2.self_enforcing
    # the proposer keeps 2 instead of 3 after 'Offer 1' (accepted in every subgame-perfect equilibrium)
    assert [(t.move, t.gain) for t in offer2.temptations] == [("Offer 1", Fraction(1))]
    pay = offer2.side_payments[0]
    assert (pay.at_least, pay.at_most) == (Fraction(1), Fraction(2))  # the responder gains 2 over rejecting


def test_talks_about_talks_concessions_and_sweep_run_on_plays() -> None:
    # item 11: 28 plays, not the 245 profiles of the reduced strategic form; lines of at most 100 characters
    runner = CliRunner()
    result = runner.invoke(cli, ["concessions", "talks-about-talks"])
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) <= 100
    assert "@" not in result.output  # no reduced-form strategy names
    data = json.loads(runner.invoke(cli, ["concessions", "talks-about-talks", "--format", "json"]).output)
    assert len(data["outcomes"]) == 28
    assert data["status_quo"]["play"].startswith("Unconditional talks")
    for row in data["outcomes"]:
        for pay in row["side_payments"]:
            assert set(pay) == {"from", "to", "at_least", "at_most"}
    sweep = runner.invoke(cli, ["sweep", "talks-about-talks", "--param", "p=0:1:5"])
    assert sweep.exit_code == 0, sweep.output
    assert max(len(line) for line in sweep.output.splitlines()) <= 100
    rows = dict(line.split(" | ")[:2] for line in sweep.output.splitlines()[2:7])
    # talks win iff p > (r - b)/(d + c + 1) = 1/4: at p = 1/4 exactly both openings are subgame perfect
    assert rows["1/2"].strip() == "C" and rows["1/4"].strip() == "C, B"
    assert "C = Unconditional talks → [Serious: Engage → Formal negotiations | Not serious: Engage → Pressure]" \
        in sweep.output
