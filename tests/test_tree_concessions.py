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


def _toml_tree(text: str) -> GameTree:
    from negsolve.io.loader import loads_game

    tree = loads_game(text, "tree.toml", "toml")
    assert isinstance(tree, GameTree)
    return tree


def _leaf(node_id: str, payoffs: str) -> str:
    return f'[[nodes]]\nid = "{node_id}"\noutcome = "{node_id}"\npayoffs = {payoffs}\n'


def test_every_play_of_fifty_tied_equilibria_is_self_enforcing() -> None:
    # A is indifferent between L and R (1 either way); B is indifferent among five moves after each: 2 x 5 x 5 =
    # 50 subgame-perfect equilibria, 25 through each of A's moves, and every one of the 10 plays is followed
    # by some of them (the brute force agrees), however many equilibria a solver lists by default
    text = ('[game]\ntitle = "ties"\n[[players]]\nname = "A"\n[[players]]\nname = "B"\n'
            '[[nodes]]\nid = "root"\nplayer = "A"\nmoves = { "L" = "b1", "R" = "b2" }\n')
    for side, payoffs in (("1", "[1, 1]"), ("2", "[1, 0]")):
        moves = ", ".join(f'"m{k}" = "b{side}-{k}"' for k in range(5))
        text += f'[[nodes]]\nid = "b{side}"\nplayer = "B"\nmoves = {{ {moves} }}\n'
        text += "".join(_leaf(f"b{side}-{k}", payoffs) for k in range(5))
    tree = _toml_tree(text)
    expected = brute_force_spe_plays(tree)
    assert len(expected) == len(plays(tree)) == 10
    report = tree_concessions(tree)
    assert {r.play for r in report.outcomes if r.self_enforcing} == expected
    assert all(not r.temptations and not r.side_payments for r in report.outcomes)


# the Proposer offers k of 4 units or walks away with 3; the Responder accepts (4 - k, k) or rejects and takes
# its outside option o (default 1/2).  Subgame-perfect: the Responder accepts every k >= 1 and rejects 0; the
# Proposer gets 3 from 'Offer 1' or 'Walk away' (a tie) and less from anything else.
SPLIT = ('[game]\ntitle = "split with an outside option"\n[parameters]\no = "1/2"\n'
         '[[players]]\nname = "Proposer"\n[[players]]\nname = "Responder"\n'
         '[[nodes]]\nid = "root"\nplayer = "Proposer"\nmoves = { '
         + ", ".join(f'"Offer {k}" = "r{k}"' for k in range(5)) + ', "Walk away" = "walk" }\n'
         + _leaf("walk", "[3, 0]")
         + "".join(f'[[nodes]]\nid = "r{k}"\nplayer = "Responder"\n'
                   f'moves = {{ "Accept {k}" = "a{k}", "Reject {k}" = "x{k}" }}\n'
                   + _leaf(f"a{k}", f"[{4 - k}, {k}]") + _leaf(f"x{k}", '[0, "o"]') for k in range(5)))


def test_a_generous_offer_tempts_to_the_first_best_move_and_the_payer_keeps_its_margin() -> None:
    report = tree_concessions(_toml_tree(SPLIT))
    row = next(r for r in report.outcomes if r.label == "Offer 2 → Accept 2")
    assert (row.payoffs, row.self_enforcing) == ((Fraction(2), Fraction(2)), False)
    # 'Offer 1' (accepted) and 'Walk away' both give the Proposer 3 instead of 2: the first of the equally
    # tempting moves in the tree's order is named, as the strategic concessions do
    assert [(t.player, t.node, t.move, t.gain) for t in row.temptations] == [(0, "root", "Offer 1", Fraction(1))]
    # the Responder can pay the Proposer at least 1 and at most 2 - 1/2: rejecting would give it o = 1/2
    assert [(s.payer, s.receiver, s.at_least, s.at_most) for s in row.side_payments] == [
        (1, 0, Fraction(1), Fraction(3, 2))]


def test_parameter_regions_go_to_the_three_best_ranked_plays_that_need_them() -> None:
    # not self-enforcing and not Pareto worse than the status quo 'Offer 1 → Accept 1' (3, 1), ranked by the
    # penalty needed: Offer 0 accepted (the Responder is tempted by o = 1/2), Offers 2, 3 and 4 accepted (the
    # Proposer by 1, 2 and 3).  Only the first three get the region of o where some subgame-perfect
    # equilibrium follows them: accepting 0 needs o <= 0; no o saves Offer 2 or 3 (walking away pays 3)
    report = tree_concessions(_toml_tree(SPLIT))
    assert report.status_quo.label == "Offer 1 → Accept 1"
    candidates = [r.label for r in report.outcomes if not r.self_enforcing and r.comparison != "Pareto worse"]
    assert candidates == ["Offer 0 → Accept 0", "Offer 2 → Accept 2", "Offer 3 → Accept 3", "Offer 4 → Accept 4"]
    regions = {r.label: [p.words("some") for p in r.parameter_regions] for r in report.outcomes if r.parameter_regions}
    assert regions == {"Offer 0 → Accept 0": ["o <= 0"], "Offer 2 → Accept 2": ["never"],
                       "Offer 3 → Accept 3": ["never"]}


def test_a_pareto_worse_play_gets_no_parameter_region() -> None:
    # entry deterrence with the Incumbent's price-war payoff f (default -1): staying out is subgame perfect iff
    # the Incumbent would fight (f >= 1); the price war itself is Pareto worse than the status quo (1, 1), so
    # no lever is looked for, although it is not self-enforcing either
    text = ('[game]\ntitle = "entry"\n[parameters]\nf = -1\n[[players]]\nname = "Entrant"\n[[players]]\n'
            'name = "Incumbent"\n[[nodes]]\nid = "entry"\nplayer = "Entrant"\n'
            'moves = { "Stay out" = "out", "Enter" = "respond" }\n' + _leaf("out", "[0, 2]")
            + '[[nodes]]\nid = "respond"\nplayer = "Incumbent"\n'
            'moves = { "Fight" = "war", "Accommodate" = "shared" }\n' + _leaf("war", '[-1, "f"]')
            + _leaf("shared", "[1, 1]"))
    report = tree_concessions(_toml_tree(text))
    rows = {r.label: r for r in report.outcomes}
    assert rows["Enter → Fight"].comparison == "Pareto worse" and not rows["Enter → Fight"].self_enforcing
    assert [p.words("some") for p in rows["Stay out"].parameter_regions] == ["f >= 1"]
    assert rows["Enter → Fight"].parameter_regions == ()


def test_the_payers_margin_is_its_smallest_loss_with_the_equilibrium_continuation() -> None:
    # A deals (B then shares (5, 3) or grabs (0, 5)), sues (B then settles (3, 0) or fights (2, 1)) or walks
    # away (0, 1).  Subgame perfect: B grabs and fights, so A sues; the status quo is (2, 1).  On the play
    # 'Deal → Share' only B is tempted (grabbing gains 2), and A can pay it at least 2 and at most 3: A's
    # losses from leaving the play are 5 - 2 = 3 by suing (after which B fights, as in the equilibrium) and
    # 5 - 0 = 5 by walking away, and its margin is the smaller
    text = ('[game]\ntitle = "deal, sue or walk"\n[[players]]\nname = "A"\n[[players]]\nname = "B"\n'
            '[[nodes]]\nid = "root"\nplayer = "A"\nmoves = { "Deal" = "b1", "Sue" = "b2", "Walk" = "walk" }\n'
            '[[nodes]]\nid = "b1"\nplayer = "B"\nmoves = { "Share" = "share", "Grab" = "grab" }\n'
            + _leaf("share", "[5, 3]") + _leaf("grab", "[0, 5]")
            + '[[nodes]]\nid = "b2"\nplayer = "B"\nmoves = { "Settle" = "settle", "Fight" = "fight" }\n'
            + _leaf("settle", "[3, 0]") + _leaf("fight", "[2, 1]") + _leaf("walk", "[0, 1]"))
    report = tree_concessions(_toml_tree(text))
    assert (report.status_quo.label, report.status_quo.payoffs) == ("Sue → Fight", (2, 1))
    row = next(r for r in report.outcomes if r.label == "Deal → Share")
    assert (row.comparison, row.self_enforcing) == ("Pareto improvement", False)
    assert [(t.player, t.node, t.move, t.gain) for t in row.temptations] == [(1, "b1", "Grab", 2)]
    assert [(s.payer, s.receiver, s.at_least, s.at_most) for s in row.side_payments] == [(0, 1, 2, 3)]


def _brute_force_plays(tree: GameTree) -> set:
    """The plays by the definition: every pure plan (one move per information set) followed from the root,
    below every move of a chance node, each as the set of its (node, move) steps."""
    index = {n.id: n for n in tree.nodes}
    deciders = [n for n in tree.nodes if n.kind == DECISION]
    sets = sorted({(n.player, n.infoset) if n.infoset is not None else n.id for n in deciders}, key=str)
    moves_of = {key: next(n.moves for n in deciders if ((n.player, n.infoset) if n.infoset is not None else n.id)
                          == key) for key in sets}
    out = set()
    for choice in itertools.product(*(moves_of[key] for key in sets)):
        plan = dict(zip(sets, choice, strict=True))
        steps, stack = set(), [tree.nodes[0].id]
        while stack:
            node = index[stack.pop()]
            if node.kind == DECISION:
                move = plan[(node.player, node.infoset) if node.infoset is not None else node.id]
                steps.add((node.id, move))
                stack.append(node.children[node.moves.index(move)])
            elif node.kind != TERMINAL:
                stack.extend(node.children)
        out.add(frozenset(steps))
    return out


def test_plays_of_a_signalling_tree_by_the_definition() -> None:
    # beer-quiche: the Newcomer orders for each type (2 x 2), the Bully answers in the information sets its
    # order reaches: 2 plays for each pooling order, 4 for each separating one (both of the Bully's
    # information sets reached, answered independently): 12
    tree = _tree("beer-quiche")
    found = plays(tree)
    assert len(found) == 12
    assert {frozenset(p.steps) for p in found} == _brute_force_plays(tree)


@pytest.mark.parametrize("name", ["job-market", "preconditions-screen", "test-moratorium", "talks-about-talks"])
def test_plays_of_the_bundled_trees_with_information_sets_by_the_definition(name: str) -> None:
    tree = _tree(name)
    found = plays(tree)
    assert len({frozenset(p.steps) for p in found}) == len(found)
    assert {frozenset(p.steps) for p in found} == _brute_force_plays(tree)
