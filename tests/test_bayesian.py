"""Games with types (issue 12, part A): format, Bayesian Nash equilibria, tree, stability, CLI.

The facts come from outside the solver: hand derivations (in comments), a brute force over
every pure per-type strategy profile written here from the definition (interim best responses
under Bayes'-rule beliefs), and the Nash equilibria of the equivalent tree's reduced strategic
form (convert -> .efg -> tree -> reduced form -> exact engine).
"""

from __future__ import annotations

import itertools
import json
from fractions import Fraction as F

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.cli.main import cli
from negsolve.errors import InputError
from negsolve.io import load_game, loads_game
from negsolve.io.efg import loads_efg
from negsolve.model.bayesian import BayesianGame, is_bayesian
from negsolve.model.expression import evaluate
from negsolve.model.strategic import payoff_table
from negsolve.solvers import solve_table
from negsolve.solvers.bayesian import solve_bayesian
from negsolve.solvers.bayesian_tree import bayesian_tree, infoset_name
from negsolve.solvers.tree_strategic import reduced_form

BAYESIAN = ["serious-or-stalling", "uncertain-incumbent"]


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


# -- an independent brute force, straight from the definition ---------------------------------------

def _numbers(game: BayesianGame, values: dict[str, F] | None = None):  # type: ignore[no-untyped-def]
    v = game.parameter_values(values)
    prior = [evaluate(e, v) for e in game.prior]
    pay = [[[evaluate(e, v) for e in cell] for cell in block] for block in game.payoffs]
    return prior, pay


def _expected(game: BayesianGame, prior, pay, strategies, i: int, t: int, a: int) -> F:  # type: ignore[no-untyped-def]
    """Interim payoff of action a for player i of type t: sum over type profiles with t_i = t of
    prior / P(t_i = t) times the expectation over the others' (mixed) actions."""
    shape_t = [len(p.types) for p in game.players]
    shape_a = [len(p.strategies) for p in game.players]
    mass = F(0)
    total = F(0)
    for k, types in enumerate(itertools.product(*(range(n) for n in shape_t))):
        if types[i] != t:
            continue
        mass += prior[k]
        for actions in itertools.product(*(range(n) for n in shape_a)):
            if actions[i] != a:
                continue
            w = prior[k]
            for j in range(len(game.players)):
                if j != i:
                    w *= strategies[j][types[j]][actions[j]]
            flat = 0
            for n, x in zip(shape_a, actions, strict=True):
                flat = flat * n + x
            total += w * pay[k][flat][i]
    return total / mass


def _is_bne(game: BayesianGame, prior, pay, strategies) -> bool:  # type: ignore[no-untyped-def]
    for i, p in enumerate(game.players):
        for t in range(len(p.types)):
            vals = [_expected(game, prior, pay, strategies, i, t, a) for a in range(len(p.strategies))]
            if any(x and vals[a] != max(vals) for a, x in enumerate(strategies[i][t])):
                return False
    return True


def _pure_bne(game: BayesianGame, values: dict[str, F] | None = None) -> set:  # type: ignore[type-arg]
    prior, pay = _numbers(game, values)
    found = set()
    per_player = [list(itertools.product(range(len(p.strategies)), repeat=len(p.types))) for p in game.players]
    for plans in itertools.product(*per_player):
        strategies = tuple(tuple(tuple(F(int(a == k)) for a in range(len(p.strategies))) for k in plan)
                           for p, plan in zip(game.players, plans, strict=True))
        if _is_bne(game, prior, pay, strategies):
            found.add(strategies)
    return found


# -- hand-derived textbook answers -------------------------------------------------------------------

def test_entry_with_an_uncertain_incumbent_matches_fudenberg_tirole() -> None:
    # Fudenberg and Tirole (1991), section 6.1.  High cost: Don't build pays 2 > 0 against Enter and
    # 3 > 2 against Stay out, so it never builds.  Low cost with entry probability y: Build pays
    # 3/2 y + 7/2 (1 - y), Don't build 2y + 3(1 - y): builds iff y <= 1/2.  Entrant with x = P(low builds):
    # Enter pays -1 * (1 - p) x + 1 * (1 - (1 - p) x) = 1 - 2(1 - p)x, Stay out 0.
    # (a) x = 1: Entrant stays out iff 1 - 2(1 - p) <= 0 iff p <= 1/2;  (b) x = 0: Enter, y = 1 > 1/2 ok;
    # (c) y = 1/2 and x = 1/(2(1 - p)) < 1 iff p < 1/2.  At p = 1/3: (a), (b) and x = 3/4, y = 1/2.
    game = load_game("uncertain-incumbent")
    got = {e.strategies for e in solve_bayesian(game).equilibria}
    one, zero, half = F(1), F(0), F(1, 2)
    assert got == {
        (((zero, one), (one, zero)), ((zero, one),)),
        (((zero, one), (zero, one)), ((one, zero),)),
        (((zero, one), (F(3, 4), F(1, 4))), ((half, half),)),
    }
    late = {e.strategies for e in solve_bayesian(game, {"p": F(3, 4)}).equilibria}
    assert late == {(((zero, one), (zero, one)), ((one, zero),))}


BOS = """
[game]
title = "Battle of the sexes with uncertain preferences"
[[players]]
name = "Ann"
strategies = ["Ballet", "Soccer"]
[[players]]
name = "Bob"
types = ["Meet", "Avoid"]
prior = { Meet = "1/2", Avoid = "1/2" }
strategies = ["Ballet", "Soccer"]
[payoffs.Meet]
Ballet = [[2, 1], [0, 0]]
Soccer = [[0, 0], [1, 2]]
[payoffs.Avoid]
Ballet = [[2, 0], [0, 2]]
Soccer = [[0, 1], [1, 0]]
"""


def test_bayesian_battle_of_the_sexes() -> None:
    # Osborne (2004), example 9.3.  With x = P(Ann plays Ballet): Bob-Meet gets x from Ballet and 2(1 - x)
    # from Soccer (Ballet iff x >= 2/3); Bob-Avoid gets 1 - x from Ballet and 2x from Soccer (Soccer iff
    # x >= 1/3).  Ann gets 2 P(Bob Ballet) from Ballet and P(Bob Soccer) from Soccer: indifferent iff
    # P(Bob Ballet) = 1/3.  Pure: x = 1 gives Bob (Ballet, Soccer), P(Ballet) = 1/2 > 1/3, Ann keeps Ballet;
    # x = 0 gives (Soccer, Ballet), P(Ballet) = 1/2, Ann would switch.  Mixed: x = 2/3 (Meet indifferent,
    # Avoid on Soccer) needs 1/2 yMeet = 1/3, yMeet = 2/3; x = 1/3 (Avoid indifferent, Meet on Soccer)
    # needs 1/2 yAvoid = 1/3, yAvoid = 2/3.  Three equilibria.
    game = loads_game(BOS, "bos.toml")
    result = solve_bayesian(game)
    one, zero, third = F(1), F(0), F(1, 3)
    assert {e.strategies for e in result.equilibria} == {
        (((one, zero),), ((one, zero), (zero, one))),
        (((2 * third, third),), ((2 * third, third), (zero, one))),
        (((third, 2 * third),), ((zero, one), (2 * third, third))),
    }
    assert {e.strategies for e in result.equilibria if e.pure} == _pure_bne(game)
    prior, pay = _numbers(game)
    assert all(_is_bne(game, prior, pay, e.strategies) for e in result.equilibria)


# -- brute force and the tree, on the bundled games and random small games ---------------------------

def _tree_equilibria(game: BayesianGame, values: dict[str, F] | None = None) -> set:  # type: ignore[type-arg]
    """Per-type strategies of the Nash equilibria of the tree's reduced form (tree read back from .efg)."""
    import dataclasses

    from negsolve.io.efg import dumps_efg

    if values:
        game = dataclasses.replace(game, parameters=tuple(dataclasses.replace(p, value=values.get(p.name, p.value))
                                                          for p in game.parameters))
    tree = loads_efg(dumps_efg(bayesian_tree(game)))
    form = reduced_form(tree)
    result = solve_table(payoff_table(form.game))
    out = set()
    for eq in result.equilibria:
        strategies = []
        for i, p in enumerate(game.players):
            per_type = []
            for t in range(len(p.types)):
                name = infoset_name(game, i, t)
                dist = [F(0)] * len(p.strategies)
                for assignment, x in zip(form.assignments[i], eq.profile[i], strict=True):
                    (move,) = [m for key, m in assignment.items() if tree_label(tree, key) == name]
                    dist[move] += x
                per_type.append(tuple(dist))
            strategies.append(tuple(per_type))
        out.add(tuple(strategies))
    return out


def tree_label(tree, key) -> str:  # type: ignore[no-untyped-def]
    """The information-set label of a reduced-form key (as read back from the .efg file)."""
    for node in tree.nodes:
        if node.kind == key[0] and node.player == key[1] and (node.infoset or f"#{node.id}") == key[2]:
            return node.infoset_label or node.infoset
    raise AssertionError(key)


@pytest.mark.parametrize("name", BAYESIAN)
def test_bundled_games_agree_with_brute_force_and_tree(name: str) -> None:
    game = load_game(name)
    result = solve_bayesian(game)
    prior, pay = _numbers(game)
    assert result.verified and all(_is_bne(game, prior, pay, e.strategies) for e in result.equilibria)
    assert {e.strategies for e in result.equilibria if e.pure} == _pure_bne(game)
    assert {e.strategies for e in result.equilibria} == _tree_equilibria(game)


payoff = st.integers(-4, 4)


@st.composite
def small_games(draw):  # type: ignore[no-untyped-def]
    types = [draw(st.integers(1, 2)), draw(st.integers(1, 2))]
    actions = [draw(st.integers(2, 3)), 2]
    weights = [draw(st.integers(1, 4)) for _ in range(types[0] * types[1])]
    lines = ['[game]\ntitle = "random"']
    for k, (nt, na) in enumerate(zip(types, actions, strict=True)):
        lines.append(f'[[players]]\nname = "P{k}"\nstrategies = [' + ", ".join(f'"a{k}{m}"' for m in range(na)) + "]")
        if nt > 1:
            lines.append("types = [" + ", ".join(f'"T{k}{m}"' for m in range(nt)) + "]")
    typed = [k for k in range(2) if types[k] > 1]
    if typed:
        lines.append("[prior]")
    total = sum(weights)
    for idx, (t0, t1) in enumerate(itertools.product(range(types[0]), range(types[1]))):
        keys = [f"T0{t0}"] * (types[0] > 1) + [f"T1{t1}"] * (types[1] > 1)
        if keys:
            lines.append(".".join(f'"{x}"' for x in keys) + f' = "{weights[idx]}/{total}"')
    for t0, t1 in itertools.product(range(types[0]), range(types[1])):
        keys = [f"T0{t0}"] * (types[0] > 1) + [f"T1{t1}"] * (types[1] > 1)
        lines.append("[" + ".".join(["payoffs"] + [f'"{x}"' for x in keys]) + "]")
        for r in range(actions[0]):
            cells = ", ".join(f"[{draw(payoff)}, {draw(payoff)}]" for _ in range(actions[1]))
            lines.append(f'"a0{r}" = [{cells}]')
    if not typed:
        lines[0] += '\nform = "bayesian"'
    return "\n".join(lines) + "\n"


@settings(max_examples=25, deadline=None)
@given(small_games())
def test_random_games_agree_with_brute_force_and_tree(text: str) -> None:
    game = loads_game(text, "random.toml")
    assert is_bayesian(game)
    result = solve_bayesian(game)
    prior, pay = _numbers(game)
    assert all(_is_bne(game, prior, pay, e.strategies) for e in result.equilibria)
    assert {e.strategies for e in result.equilibria if e.pure} == _pure_bne(game)
    assert {e.strategies for e in result.equilibria} == _tree_equilibria(game)


def test_three_players_pure_equilibria_by_brute_force() -> None:
    text = """
[game]
title = "three"
[parameters]
q = { value = "1/4", min = 0, max = 1 }
[[players]]
name = "A"
strategies = ["x", "y"]
types = ["hi", "lo"]
prior = { hi = "q", lo = "1 - q" }
[[players]]
name = "B"
strategies = ["x", "y"]
[[players]]
name = "C"
strategies = ["x", "y"]
""" + "\n".join(f"""[payoffs.{t}.x]
x = [[{a}, 1, 1], [0, 0, 2]]
y = [[0, 2, 0], [{b}, 1, 1]]
[payoffs.{t}.y]
x = [[1, 0, 0], [2, 1, 0]]
y = [[0, 1, 2], [1, 2, {a}]]""" for t, a, b in (("hi", 3, 0), ("lo", 0, 2)))
    game = loads_game(text, "three.toml")
    result = solve_bayesian(game)
    assert result.scope == "pure"
    assert {e.strategies for e in result.equilibria} == _pure_bne(game)


# -- the prior's region -----------------------------------------------------------------------------

def test_stability_region_in_the_prior_is_exact_on_both_sides() -> None:
    # Entrant stays out against (Don't build if High cost, Build if Low cost) iff 1 - 2(1 - p) <= 0 iff p <= 1/2.
    result = run("stability", "uncertain-incumbent", "--outcome", "Don't build/Build,Stay out", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "p <= 1/2" in run("stability", "uncertain-incumbent", "--outcome",
                             "High cost=Don't build/Low cost=Build,Stay out").stdout
    game = load_game("uncertain-incumbent")
    one, zero = F(1), F(0)
    profile = (((zero, one), (one, zero)), ((zero, one),))
    for p in (F(1, 100), F(1, 3), F(49, 100), F(1, 2), F(51, 100), F(2, 3), F(99, 100)):
        found = {e.strategies for e in solve_bayesian(game, {"p": p}).equilibria}
        assert (profile in found) == (p <= F(1, 2)), p


def test_article_game_condition_on_the_prior() -> None:
    # Washington's freeze-for-freeze against (Freeze if Serious, Keep testing if Stalling) pays
    # p d - (1 - p) c, pressure p b - (1 - p) r: it holds iff p (d + c - b - r) >= c - r.
    game = load_game("serious-or-stalling")
    one, zero = F(1), F(0)
    profile = (((one, zero),), ((one, zero), (zero, one)))
    for p, d in itertools.product((F(1, 5), F(2, 5), F(1, 2), F(3, 5), F(9, 10)), (F(2), F(3), F(5))):
        c, b, r = F(3), F(1), F(1)
        found = {e.strategies for e in solve_bayesian(game, {"p": p, "d": d}).equilibria}
        assert (profile in found) == (p * (d + c - b - r) >= c - r), (p, d)
    out = run("stability", "serious-or-stalling", "--outcome", "Freeze for freeze,Freeze tests/Keep testing")
    assert out.exit_code == 0 and "1/2 <= p <= 1" in out.stdout


# -- format errors -----------------------------------------------------------------------------------

def _errors(text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        loads_game(text, "g.toml")
    return [str(p) for p in info.value.problems]


HEAD = """[game]
title = "t"
[parameters]
p = { value = "1/2", min = 0, max = 1 }
[[players]]
name = "A"
strategies = ["x", "y"]
[[players]]
name = "B"
types = ["S", "T"]
"""
BLOCKS = """[payoffs.S]
x = [[1, 1], [0, 0]]
y = [[0, 0], [1, 1]]
[payoffs.T]
x = [[1, 1], [0, 0]]
y = [[0, 0], [1, 1]]
"""


def test_prior_must_sum_to_one_as_an_identity() -> None:
    # at p = 1/2 the sum p + p is 1, but not for other p: rejected whatever the default
    errors = _errors(HEAD + 'prior = { S = "p", T = "p" }\nstrategies = ["x", "y"]\n' + BLOCKS)
    assert errors == ["g.toml:11: players[1].prior: the probabilities of the types of B do not sum to 1 (p + p)"]
    assert is_bayesian(loads_game(HEAD + 'prior = { S = "p", T = "1 - p" }\nstrategies = ["x", "y"]\n' + BLOCKS))


def test_bad_files_name_line_and_key() -> None:
    text = (HEAD + 'prior = { S = "p", U = "1 - p" }\nstrategies = ["x", "y"]\n'
            + BLOCKS.replace("[payoffs.T]", "[payoffs.Tt]"))
    errors = _errors(text)
    assert "g.toml:11: players[1].prior.U: 'U' is not a type (hint: types: S, T)" in errors
    assert "g.toml:11: players[1].prior: missing the probability of type 'T'" in errors
    assert "g.toml:16: payoffs.Tt: 'Tt' is not a type of B (hint: did you mean 'T'?)" in errors
    missing = _errors(HEAD + 'strategies = ["x", "y"]\n' + BLOCKS)
    assert missing == ["g.toml:8: players[1]: no prior for the types of B (hint: add prior = "
                       "{ TYPE = PROBABILITY, ... } to the player, or a joint [prior] table)"]
    negative = _errors(HEAD + 'prior = { S = "3/2", T = "-1/2" }\nstrategies = ["x", "y"]\n' + BLOCKS)
    assert any("below 0 at the default parameter values" in e for e in negative)
    cell = _errors(HEAD + 'prior = { S = "p", T = "1 - p" }\nstrategies = ["x", "y"]\n'
                   + BLOCKS.replace("y = [[0, 0], [1, 1]]\n[payoffs.T]", 'y = [[0, 0], [1, "q"]]\n[payoffs.T]'))
    assert len(cell) == 1 and cell[0].startswith("g.toml:15:") and "payoffs.S.y" in cell[0] and "'q'" in cell[0]


def test_joint_prior() -> None:
    text = HEAD.replace('name = "A"\n', 'name = "A"\ntypes = ["H", "L"]\n') + 'strategies = ["x", "y"]\n' + """
[prior.H]
S = "p/2"
T = "1/4"
[prior.L]
S = "1/4"
T = "1/2 - p/2"
""" + "".join(f"[payoffs.{a}.{b}]\nx = [[1, 0], [0, 1]]\ny = [[0, 1], [1, 0]]\n" for a in "HL" for b in "ST")
    game = loads_game(text, "joint.toml")
    values = solve_bayesian(game).values
    assert values.prior == (F(1, 4),) * 4
    assert values.belief(0, 0) == [((0, 0), F(1, 2)), ((0, 1), F(1, 2))]


# -- the command line ---------------------------------------------------------------------------------

def test_show_prints_one_table_per_type_profile_with_its_probability() -> None:
    out = run("show", "uncertain-incumbent", "--set", "p=1/4")
    assert out.exit_code == 0, out.stderr
    assert "When Incumbent is High cost (prior probability p = 1/4):" in out.stdout
    assert "When Incumbent is Low cost (prior probability 1 - p = 3/4):" in out.stdout
    assert out.stdout.count("Incumbent \\ Entrant") == 2


def test_solve_json_contract() -> None:
    out = run("solve", "uncertain-incumbent", "--format", "json")
    data = json.loads(out.stdout)
    assert data["schema"] == "negsolve.bayesian/1" and data["degenerate"] is False and data["verified"] is True
    mixed = [e for e in data["equilibria"] if not e["pure"]][0]
    assert mixed["profile"] == {"Incumbent": {"High cost": {"Build": "0", "Don't build": "1"},
                                              "Low cost": {"Build": "3/4", "Don't build": "1/4"}},
                                "Entrant": {"Entrant": {"Enter": "1/2", "Stay out": "1/2"}}}
    text = run("solve", "uncertain-incumbent").stdout
    assert "Incumbent (Low cost): 3/4 Build + 1/4 Don't build" in text


def test_convert_writes_the_tree_with_chance_at_the_root() -> None:
    out = run("convert", "serious-or-stalling", "--to", "efg", "--set", "p=1/4")
    assert out.exit_code == 0, out.stderr
    tree = loads_efg(out.stdout)
    assert tree.root.kind == "chance" and tree.root.moves == ("Serious", "Stalling")
    assert [evaluate(e, {}) for e in tree.root.probabilities] == [F(1, 4), F(3, 4)]
    sets = {n.infoset_label for n in tree.nodes if n.kind == "decision"}
    assert sets == {"United States", "North Korea: Serious", "North Korea: Stalling"}


def test_other_commands_on_games_with_types() -> None:
    assert run("explain", "serious-or-stalling").exit_code == 0
    assert "(2 players, 2x2 with types, parameters: p)" in run("validate", "games/uncertain-incumbent.toml").stdout
    sweep = run("sweep", "uncertain-incumbent", "--param", "p=1/4:3/4:3")
    assert sweep.exit_code == 0 and "Build if Low cost" in sweep.stdout
    quiz = run("quiz", "uncertain-incumbent")
    assert quiz.exit_code == 2 and "negsolve explain uncertain-incumbent" in quiz.stderr
    bad = run("stability", "uncertain-incumbent", "--outcome", "Build/Build/Build,Enter")
    assert bad.exit_code == 2 and "Incumbent has 2 types" in bad.stderr
    zero = run("solve", "uncertain-incumbent", "--set", "p=0")
    assert zero.exit_code == 2 and "type 'High cost' of Incumbent has prior probability 0" in zero.stderr


def test_python_api_solves_a_game_with_types() -> None:
    from negsolve import solve

    result = solve(load_game("serious-or-stalling"), {"p": F(2, 5)})
    # below p = 1/2 pressure wins: p b - (1 - p) r = 2/5 - 3/5 = -1/5 > p d - (1 - p) c = 6/5 - 9/5 = -3/5
    assert [e.strategies[0] for e in result.equilibria] == [((F(0), F(1)),)]
    assert result.equilibria[0].payoffs[0] == F(-1, 5)


@pytest.mark.parametrize("texts,expected", [
    (("p", "1 - p"), True),
    (("p*q", "p*(1 - q)", "(1 - p)"), True),
    (("p", "p"), False),                     # 1 only at p = 1/2
    (("(1 - p)**2", "2*p*(1 - p)", "p**2"), True),
    (("p/(p + 1)", "1/(p + 1)"), True),     # a quotient: the sympy fallback
    (("p/(p + 1)", "p/(p + 1)"), False),
], ids=["p", "product", "p+p", "binomial", "quotient", "quotient-false"])
def test_prior_sum_identity(texts: tuple[str, ...], expected: bool) -> None:
    from negsolve.expr import parse_expression
    from negsolve.model.identity import sum_is_one

    assert sum_is_one(tuple(parse_expression(t, {"p", "q"}) for t in texts)) is expected


def test_an_equilibrium_failing_the_interim_check_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # never expected (the ex-ante and interim conditions are equivalent): a checker that refuses
    # everything stands in for a solver that returned a wrong profile
    from negsolve.errors import SolverError

    monkeypatch.setattr("negsolve.solvers.bayesian.interim_best", lambda values, strategies: False)
    game = load_game("uncertain-incumbent")
    assert isinstance(game, BayesianGame)
    with pytest.raises(SolverError, match="^an equilibrium of the ex-ante form failed the interim best-response "
                                          "check$"):
        solve_bayesian(game)
