"""Signalling games: perfect Bayesian equilibria, the Intuitive Criterion, regions of the prior.

Expected answers come from the published games (Cho and Kreps 1987 for Beer-Quiche, Spence's job
market in its discrete textbook form) derived by hand in the comments, and from an independent brute
force of the PBE definition (pure sender strategies x receiver responses x belief-simplex vertices).
"""

from __future__ import annotations

import functools
import itertools
import json
from fractions import Fraction as F

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.cli.main import cli
from negsolve.io import load_game
from negsolve.model.expression import Binary, Number, Variable
from negsolve.model.strategic import Parameter
from negsolve.model.tree import GameTree, Node, Outcome
from negsolve.signalling.screening import solve_signalling
from negsolve.signalling.solve import signalling_equilibria
from negsolve.signalling.structure import NotSignalling, signalling_stages

TYPES = ("T1", "T2")
MESSAGES = ("m1", "m2")
ACTIONS = ("a1", "a2")


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def stage(name: str):  # type: ignore[no-untyped-def]
    return signalling_stages(load_game(name)).stages[0]


def solve(name: str, **values: str):  # type: ignore[no-untyped-def]
    g = load_game(name)
    return signalling_equilibria(stage(name), g.parameter_values({k: F(v) for k, v in values.items()}))


def pure(e) -> tuple:  # type: ignore[no-untyped-def]
    """(sender message per type, receiver action per information set) of a pure equilibrium."""
    return (tuple(next(iter(e.sender[t])) for t in sorted(e.sender)),
            tuple(sorted((i, next(iter(d))) for i, d in e.receiver.items())))


# -- Beer-Quiche (Cho and Kreps 1987) ---------------------------------------------------------------------

def test_beer_quiche_two_pooling_equilibria_quiche_fails_the_intuitive_criterion() -> None:
    # Prior Strong 9/10 > 1/2: the Bully never duels a pooled newcomer, so no type can be told apart at a
    # profit; separating fails (Weak would copy Strong's Beer to avoid the duel).  Pooling on Beer: Strong 3,
    # Weak 2; Quiche deterred by Duel (Weak would get 1 < 2), a best reply iff mu(Weak | Quiche) >= 1/2.
    # Pooling on Quiche: Strong 2, Weak 3; Beer deterred by Duel iff mu(Strong | Beer) <= 1/2.  Weak gets at
    # most 2 < 3 from Beer, so the belief must be Strong, who then gets 3 > 2: the Quiche one fails.
    result = solve("beer-quiche")
    assert [e.kind for e in result.equilibria] == ["pooling", "pooling"]
    beer, quiche = result.equilibria
    assert beer.sender == {"Strong": {"Beer": 1}, "Weak": {"Beer": 1}}
    assert beer.receiver == {"after-beer": {"Don't duel": 1}, "after-quiche": {"Duel": 1}}
    assert beer.beliefs == {"after-beer": {"Strong": F(9, 10), "Weak": F(1, 10)}}
    assert beer.off_path["after-quiche"].conditions == ("μ(Strong | Quiche) <= 1/2",)
    assert beer.type_payoffs == {"Strong": 3, "Weak": 2}
    assert beer.intuitive.passes
    assert quiche.sender == {"Strong": {"Quiche": 1}, "Weak": {"Quiche": 1}}
    assert quiche.off_path["after-beer"].action == "Duel"
    assert not quiche.intuitive.passes
    assert quiche.intuitive.reasons[0].startswith(
        "type Weak would never send Beer: the most it can get from it, 2, is below its equilibrium payoff, 3; "
        "so after Beer Bully should believe it faces Strong")
    assert result.continua == ()


def test_beer_quiche_low_prior_hybrid() -> None:
    # p = 1/4 < 1/2: no pooling (the Bully would duel the pool).  Hybrid: Strong drinks Beer, Weak mixes.
    # The Bully mixes after Beer only if mu(Strong | Beer) = p / (p + (1-p) s) = 1/2, so s = p/(1-p) = 1/3.
    # Weak is indifferent: Quiche (then surely dueled) gives 1, Beer gives 2 (1 - x), so x = 1/2.
    result = solve("beer-quiche", p="1/4")
    assert len(result.equilibria) == 1
    (e,) = result.equilibria
    assert e.kind == "semi-separating"
    assert e.sender == {"Strong": {"Beer": 1}, "Weak": {"Beer": F(1, 3), "Quiche": F(2, 3)}}
    assert e.receiver == {"after-beer": {"Duel": F(1, 2), "Don't duel": F(1, 2)}, "after-quiche": {"Duel": 1}}
    assert e.beliefs["after-beer"] == {"Strong": F(1, 2), "Weak": F(1, 2)}
    assert e.type_payoffs == {"Strong": 2, "Weak": 1}


# -- Job market (Spence, discrete) -------------------------------------------------------------------------

def test_job_market_textbook_answers() -> None:
    # q = 1/3, cH = 1/2, cL = 3/2, wages 2 (Manager) and 1 (Clerk); the Employer hires as a Manager iff
    # mu(High) >= 1/2.  Separating: High 2 - 1/2 = 3/2 >= 1, Low 1 >= 2 - 3/2 = 1/2.  Pooling on No education:
    # q < 1/2, so Clerk; Educate deterred by Clerk iff mu(High | Educate) <= 1/2.  Low could get at most
    # 1/2 < 1 from education, so the belief must be High and High would get 3/2 > 1: fails the criterion.
    # Pooling on Education fails (Low would drop it: 1 > 1/2); no hybrid (Low's indifference needs a wage mix
    # above 1).
    result = solve("job-market")
    kinds = {e.kind: e for e in result.equilibria}
    assert sorted(kinds) == ["pooling", "separating"]
    sep, pool = kinds["separating"], kinds["pooling"]
    assert sep.sender == {"High": {"Educate": 1}, "Low": {"No education": 1}}
    assert sep.type_payoffs == {"High": F(3, 2), "Low": 1} and sep.intuitive.passes
    assert pool.receiver == {"after-no-education": {"Clerk": 1}, "after-educate": {"Clerk": 1}}
    assert pool.off_path["after-educate"].conditions == ("μ(High | Educate) <= 1/2",)
    assert not pool.intuitive.passes


def test_job_market_optimistic_prior() -> None:
    # q = 2/3: besides the separating one, pooling on No education with Manager (off path: Manager or Clerk),
    # and a hybrid: High mixes; mu(High | None) = (2/3) s / ((2/3) s + 1/3) = 1/2 gives s = 1/2, and High is
    # indifferent when 1 + x = 3/2 (x: the Manager share after No education), so x = 1/2.
    result = solve("job-market", q="2/3")
    assert len(result.equilibria) == 4
    hybrid = next(e for e in result.equilibria if e.kind == "semi-separating")
    assert hybrid.sender == {"High": {"Educate": F(1, 2), "No education": F(1, 2)}, "Low": {"No education": 1}}
    assert hybrid.receiver["after-no-education"] == {"Manager": F(1, 2), "Clerk": F(1, 2)}
    pools = [e for e in result.equilibria if e.kind == "pooling"]
    assert sorted(e.receiver["after-educate"]["Manager" if "Manager" in e.receiver["after-educate"] else "Clerk"]
                  and next(iter(e.receiver["after-educate"])) for e in pools) == ["Clerk", "Manager"]
    assert all(e.intuitive.passes for e in pools)  # High cannot gain from schooling (3/2 < 2)


# -- the article's games ------------------------------------------------------------------------------------

def test_moratorium_separates_and_the_pool_fails_the_criterion() -> None:
    result = solve("test-moratorium")
    sep = next(e for e in result.equilibria if e.kind == "separating")
    assert sep.sender == {"Serious": {"Test moratorium": 1}, "Stalling": {"Keep testing": 1}}
    pool = next(e for e in result.equilibria if e.kind == "pooling")
    assert pool.sender["Serious"] == {"Keep testing": 1} and not pool.intuitive.passes


def test_screen_is_chosen_when_it_sorts_the_types() -> None:
    report = solve_signalling(load_game("preconditions-screen"), {})
    assert [s.screen for s in report.stages.stages] == ["Preconditions", "No preconditions"]
    pc = report.results[0].equilibria[0]
    assert pc.kind == "separating" and pc.receiver_payoff == F(7, 5)  # 2 p + (1 - p) at p = 2/5
    # with the separating branch equilibrium, Washington opens with Preconditions (7/5 against 3/5)
    assert {p.screen for p in report.plans if p.picks[0] == 0} == {"Preconditions"}
    # the pooling refusal fails the criterion: a staller could never gain from pledging (2 - 3 < 0), a serious
    # North would (2 - 1 > 0); so only the separating branch is plausible, and with it Preconditions
    assert not report.results[0].equilibria[1].intuitive.passes
    text = run("signal", "preconditions-screen", "--explain").stdout
    assert ("If every branch plays an equilibrium that survives the Intuitive Criterion, United States opens with "
            "Preconditions (its payoffs: Preconditions 7/5, No preconditions 3/5).") in text


@pytest.mark.parametrize("name", ["entry-deterrence", "centipede", "ultimatum"])
def test_trees_that_are_not_signalling_games_say_why(name: str) -> None:
    with pytest.raises(NotSignalling):
        signalling_stages(load_game(name))
    result = run("signal", name)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {name}: not a signalling game: ")


def test_strategic_game_is_refused() -> None:
    result = run("signal", "prisoners-dilemma")
    assert result.exit_code == 2 and "needs a game tree" in result.stderr


# -- brute force of the definition ---------------------------------------------------------------------------

def make_game(prior: F, us: dict, ur: dict) -> GameTree:
    """A 2 types x 2 messages x 2 actions signalling tree; the receiver's information set after m is 'after-m'."""
    nodes = [Node("root", "chance", children=("T1", "T2"), moves=TYPES,
                  probabilities=(Variable("p"), Binary("-", Number(F(1)), Variable("p"))))]
    for t in TYPES:
        nodes.append(Node(t, "decision", children=tuple(f"{t}-{m}" for m in MESSAGES), moves=MESSAGES, player=0,
                          infoset=f"sender-{t}"))
        for m in MESSAGES:
            nodes.append(Node(f"{t}-{m}", "decision", children=tuple(f"{t}-{m}-{a}" for a in ACTIONS), moves=ACTIONS,
                              player=1, infoset=f"after-{m}"))
            for a in ACTIONS:
                nodes.append(Node(f"{t}-{m}-{a}", "terminal",
                                  outcome=Outcome((Number(F(us[t, m, a])), Number(F(ur[t, m, a]))))))
    return GameTree("random", ("S", "R"), tuple(nodes), (Parameter("p", prior),))


def brute_force(prior: F, us: dict, ur: dict) -> set[tuple]:
    """Pure PBE by the definition: sender optimal per type; on the path the receiver's action is a best reply
    to the Bayes belief; off the path it is a best reply to some belief (two actions: a vertex suffices)."""
    pi = {"T1": prior, "T2": 1 - prior}
    found = set()
    for sent in itertools.product(MESSAGES, repeat=2):
        s = dict(zip(TYPES, sent, strict=True))
        for acts in itertools.product(ACTIONS, repeat=2):
            r = dict(zip(MESSAGES, acts, strict=True))
            if any(us[t, m, r[m]] > us[t, s[t], r[s[t]]] for t in TYPES for m in MESSAGES):
                continue
            ok = True
            for m in MESSAGES:
                senders = [t for t in TYPES if s[t] == m]
                beliefs = [{t: pi[t] / sum(pi[x] for x in senders) if t in senders else F(0) for t in TYPES}] \
                    if senders else [{"T1": F(1), "T2": F(0)}, {"T1": F(0), "T2": F(1)}]
                if not any(all(sum(b[t] * ur[t, m, r[m]] for t in TYPES) >= sum(b[t] * ur[t, m, a] for t in TYPES)
                               for a in ACTIONS) for b in beliefs):
                    ok = False
            if ok:
                found.add((sent, tuple(sorted((f"after-{m}", r[m]) for m in MESSAGES))))
    return found


payoff = st.integers(-3, 3)
cells = [(t, m, a) for t in TYPES for m in MESSAGES for a in ACTIONS]
games = st.tuples(st.fractions(min_value=F(1, 7), max_value=F(6, 7), max_denominator=7),
                  st.lists(payoff, min_size=8, max_size=8), st.lists(payoff, min_size=8, max_size=8))


@settings(max_examples=40, deadline=None)
@given(games)
def test_pure_equilibria_agree_with_brute_force(game) -> None:  # type: ignore[no-untyped-def]
    prior, su, ru = game
    us, ur = dict(zip(cells, su, strict=True)), dict(zip(cells, ru, strict=True))
    tree = make_game(prior, us, ur)
    result = signalling_equilibria(signalling_stages(tree).stages[0], {"p": prior})
    mine = {pure(e) for e in result.equilibria
            if all(len(d) == 1 for d in e.sender.values()) and all(len(d) == 1 for d in e.receiver.values())}
    assert mine == brute_force(prior, us, ur)


@settings(max_examples=40, deadline=None)
@given(games)
def test_every_reported_equilibrium_has_zero_regret(game) -> None:  # type: ignore[no-untyped-def]
    """Mixed ones too: each type's messages and each used receiver action are exact best replies, beliefs on
    the path are Bayes' rule recomputed here, off-path actions are best replies to the stated belief range."""
    prior, su, ru = game
    us, ur = dict(zip(cells, su, strict=True)), dict(zip(cells, ru, strict=True))
    pi = {"T1": prior, "T2": 1 - prior}
    result = signalling_equilibria(signalling_stages(make_game(prior, us, ur)).stages[0], {"p": prior})
    for e in result.equilibria:
        rho = {m: e.receiver[f"after-{m}"] for m in MESSAGES}
        value = {(t, m): sum(q * us[t, m, a] for a, q in rho[m].items()) for t in TYPES for m in MESSAGES}
        for t in TYPES:
            assert sum(e.sender[t].values()) == 1
            best = max(value[t, m] for m in MESSAGES)
            assert all(value[t, m] == best for m in e.sender[t])
            assert e.type_payoffs[t] == best
        for m in MESSAGES:
            weight = {t: pi[t] * e.sender[t].get(m, F(0)) for t in TYPES}
            total = sum(weight.values())
            if total == 0:
                assert f"after-{m}" in e.off_path
                continue
            belief = {t: w / total for t, w in weight.items()}
            assert e.beliefs[f"after-{m}"] == belief
            expected = {a: sum(belief[t] * ur[t, m, a] for t in TYPES) for a in ACTIONS}
            assert all(expected[a] == max(expected.values()) for a in rho[m])


# -- regions of the prior and payoffs ------------------------------------------------------------------------

def _exists(region, point: dict[str, F]) -> bool:  # type: ignore[no-untyped-def]
    return any(all(c.status(point) != "fails" for c in case.region.conditions) for case in region.cases)


def _pure_kind(result, kind: str) -> bool:  # type: ignore[no-untyped-def]
    return any(e.kind == kind and all(len(d) == 1 for d in e.receiver.values()) for e in result.equilibria)


@pytest.mark.parametrize(("name", "kind", "param", "boundary"), [
    ("beer-quiche", "pooling", "p", F(1, 2)),          # the Bully leaves a pool alone iff p >= 1/2
    ("test-moratorium", "separating", "m", F(2)),      # a serious North pays the moratorium iff m <= g
    ("test-moratorium", "separating", "s", F(2)),      # a staller does not copy it iff s >= g
    ("job-market", "separating", "cH", F(1)),          # High studies iff cH <= 1 (the wage gap)
    ("job-market", "separating", "cL", F(1)),          # Low does not iff cL >= 1
    ("job-market", "pooling", "q", F(1, 2)),
])
def test_region_matches_the_solver_on_both_sides_of_each_boundary(name: str, kind: str, param: str,
                                                                 boundary: F) -> None:
    from negsolve.signalling.region import kind_region

    g = load_game(name)
    values = g.parameter_values()
    region = kind_region(stage(name), kind, g.parameters, values)
    for delta in (F(-1, 7), F(-1, 100), F(0), F(1, 100), F(1, 7)):
        point = dict(values, **{param: boundary + delta})
        assert _exists(region, point) == _pure_kind(signalling_equilibria(stage(name), point), kind), point


def test_region_words_for_the_moratorium() -> None:
    from negsolve.signalling.region import kind_region

    g = load_game("test-moratorium")
    region = kind_region(stage("test-moratorium"), "separating", g.parameters, g.parameter_values())
    words = [[c.words() for c in case.region.conditions] for case in region.cases]
    assert ["p > 0", "p < 1", "g - m >= 0", "s - g >= 0"] in words
    assert region.exists_now and region.exact


@functools.cache
def _moratorium_regions() -> dict:
    from negsolve.signalling.region import kind_region

    g = load_game("test-moratorium")
    return {k: kind_region(stage("test-moratorium"), k, g.parameters, g.parameter_values())
            for k in ("pooling", "separating")}


@settings(max_examples=20, deadline=None)
@given(st.fractions(min_value=F(1, 20), max_value=F(19, 20), max_denominator=20),
       st.fractions(min_value=0, max_value=4, max_denominator=4),
       st.fractions(min_value=0, max_value=4, max_denominator=4))
def test_moratorium_region_agrees_with_the_solver_at_random_points(p: F, m: F, s: F) -> None:
    values = load_game("test-moratorium").parameter_values()
    regions = _moratorium_regions()
    point = dict(values, p=p, m=m, s=s)
    result = signalling_equilibria(stage("test-moratorium"), point)
    for kind, region in regions.items():
        assert _exists(region, point) == _pure_kind(result, kind)


# -- command line -----------------------------------------------------------------------------------------

def test_cli_json_schema_and_contract() -> None:
    result = run("signal", "beer-quiche", "--format", "json", "--region", "pooling")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema"] == "negsolve.signalling/1"
    (stage_,) = data["stages"]
    assert [e["kind"] for e in stage_["equilibria"]] == ["pooling", "pooling"]
    assert stage_["equilibria"][1]["off_path_beliefs"] == {
        "after-beer": {"action": "Duel", "conditions": ["μ(Strong | Beer) <= 1/2"]}}
    assert [e["intuitive_criterion"]["passes"] for e in stage_["equilibria"]] == [True, False]
    assert stage_["regions"][0]["cases"][0]["conditions"] == ["p < 1", "p >= 1/2"]


def test_cli_text_set_and_explain() -> None:
    result = run("signal", "beer-quiche", "--set", "p=1/4", "--explain")
    assert result.exit_code == 0
    assert "1. Semi-separating: Strong sends Beer; Weak sends Beer 1/3, Quiche 2/3" in result.stdout
    assert "Bayes' rule gives μ(Strong | Beer) = 1/4·1 / (1/4·1 + 3/4·1/3) = 1/2" in result.stdout
    bad = run("signal", "beer-quiche", "--set", "p=0")
    assert bad.exit_code == 2 and "prior probability of type 'Weak'" not in bad.stderr
    assert "prior probability of type 'Strong' is 0" in bad.stderr


def test_signal_command_imports_no_heavy_library_at_start() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import sys, negsolve.cli.main, negsolve.cli.signalling; "
                           "print(sorted(m for m in ('numpy', 'sympy', 'scipy', 'nashpy') if m in sys.modules))"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(("p", "replies"), [("1/2", ["Wait"]), ("2/5", ["Pressure", "Wait"]), ("1/5", ["Pressure"])])
def test_talks_about_talks_reply_to_a_refused_pledge_depends_on_the_belief(p: str, replies: list[str]) -> None:
    # Both types refuse the pledge (k = 4), so the belief after a refusal is the prior p.  Waiting pays
    # p (-1/2 - b) + (1 - p)(-2 - b), pressing p (-c - b - 1) + (1 - p)(-c - b): wait iff p >= 2 (2 - c) / 5 = 2/5,
    # and at p = 2/5 exactly both (and every mix of them: a continuum) are best replies.
    report = solve_signalling(load_game("talks-about-talks"), {"p": F(p)})
    result = report.results[0]
    assert all(e.kind == "pooling" and e.sender["Serious"] == {"Refuse": 1} for e in result.equilibria)
    assert all(e.beliefs["pc-refused"] == {"Serious": F(p), "Not serious": 1 - F(p)} for e in result.equilibria)
    assert sorted(next(iter(e.receiver["pc-refused"])) for e in result.equilibria) == replies
    assert len(result.continua) == (1 if len(replies) == 2 else 0)
