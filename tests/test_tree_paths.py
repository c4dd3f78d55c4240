"""Path regions of trees (issue 8, items 7 and 13): checked against solve_tree at grid points."""

from __future__ import annotations

import functools
import json
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.analysis.tree_paths import follows, parse_path, path_region
from negsolve.cli.main import cli
from negsolve.io import load_game
from negsolve.model.expression import Binary, Number, Variable
from negsolve.model.strategic import Parameter
from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree, Node, Outcome, tree_problems
from negsolve.solvers.backward import solve_tree

OUTSIDE = str(Path(__file__).parent / "data" / "trees" / "outside-option.toml")


def oracle(tree: GameTree, path_text: str, values: dict) -> tuple[bool, bool] | None:
    """(some, every) subgame-perfect equilibrium follows the path, by solving the tree at ``values``."""
    if tree_problems(tree, values):
        return None
    path = parse_path(tree, path_text)
    result = solve_tree(tree, values, limit=10_000)
    assert not result.truncated
    flags = [follows(tree, e.plan, path) for e in result.equilibria]
    return any(flags), all(flags)


def grid_for(region, current: Fraction) -> list[Fraction]:
    """Every bound of the answer, points just beside each, and a coarse grid."""
    points = {current + k for k in range(-6, 7)} | {Fraction(k, 4) for k in range(-12, 13)}
    for intervals in (region.domain, region.some, region.every):
        for i in intervals:
            for x in (i.low, i.high):
                if isinstance(x, Fraction):
                    points |= {x, x - Fraction(1, 1000), x + Fraction(1, 1000)}
    return sorted(points)


def check_against_oracle(tree: GameTree, path_text: str) -> None:
    report = path_region(tree, path_text)
    for region in report.parameters:
        declared = next(p for p in tree.parameters if p.name == region.name)
        for x in grid_for(region, report.values[region.name]):
            if not declared.contains(x):
                continue  # outside the parameter's declared domain: not a value the lever can take
            values = dict(report.values, **{region.name: x})
            expected = oracle(tree, path_text, values)
            in_domain = any(i.contains(x) for i in region.domain)
            if expected is None:
                assert not in_domain, (region.name, x)
                continue
            assert in_domain, (region.name, x)
            some = any(i.contains(x) for i in region.some)
            every = any(i.contains(x) for i in region.every)
            assert (some, every) == expected, (tree.title, path_text, region.name, x)


CASES = [
    pytest.param("default-button", "Diplomatic track", id="default-button-diplomatic"),
    pytest.param("default-button", "Default button", id="default-button-button"),
    pytest.param("talks-about-talks", "Unconditional talks", id="talks-unconditional"),
    pytest.param("talks-about-talks", "Preconditions", id="talks-preconditions"),
    pytest.param("entry-deterrence", "Enter", id="entry-enter"),
    pytest.param("ultimatum", None, id="ultimatum-first-move"),
    pytest.param(OUTSIDE, "In,D,R", id="outside-option-in-d-r"),
    pytest.param(OUTSIDE, "In,U,L", id="outside-option-in-u-l"),
    pytest.param(OUTSIDE, "Out", id="outside-option-out"),
]


@pytest.mark.parametrize("game,path", CASES)
def test_path_regions_equal_solving_the_tree_at_grid_points(game: str, path: str | None) -> None:
    tree = load_game(game)
    assert isinstance(tree, GameTree)
    check_against_oracle(tree, path or tree.nodes[0].moves[0])


@functools.cache
def _report(game: str, path: str):  # type: ignore[no-untyped-def]
    tree = load_game(game)
    assert isinstance(tree, GameTree)
    return path_region(tree, path)


def _region(game: str, path: str, name: str):  # type: ignore[no-untyped-def]
    return next(p for p in _report(game, path).parameters if p.name == name)


def test_default_button_path_kept_when_china_enforces():
    # item 7: at s = 3 China enforces after the button, the North still escalates, the path is unchanged
    s = _region("default-button", "Diplomatic track", "s")
    assert s.words("some") == "always"
    assert s.words("every") == "s < 2 or s > 2"  # at s = 2 China's tie lets the button be pressed
    t = _region("default-button", "Diplomatic track", "t")
    assert (t.words("some"), t.words("every")) == ("t <= 4", "t < 4")


def test_talks_about_talks_unconditional_talks_for_high_pressure_cost():
    # item 7: at c = 3 the path still opens with unconditional talks
    c = _region("talks-about-talks", "Unconditional talks", "c")
    assert any(i.contains(Fraction(3)) for i in c.some)
    # the path holds for c >= -1; c is a cost (declared c >= 0), so for every value it can take
    assert (c.words("some"), c.domain_words()) == ("always", "c >= 0")
    p = _region("talks-about-talks", "Unconditional talks", "p")
    # talks win iff p > (r - b)/(d + c + 1) = 1/4 (Washington presses after a refused pledge below p = 2/5)
    assert (p.words("some"), p.words("every"), p.domain_words()) == ("p >= 1/4", "p > 1/4", "0 <= p <= 1")


def test_information_set_path_region():
    # item 13: In, D, R is followed by a subgame-perfect equilibrium exactly when o <= 1
    o = _region(OUTSIDE, "In,D,R", "o")
    assert (o.words("some"), o.words("every")) == ("o <= 1", "never")


def test_cli_path_region_json_is_sympy_parsable():
    import sympy

    result = CliRunner().invoke(cli, ["stability", "talks-about-talks", "--outcome", "Unconditional talks",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    some = {e["parameter"]: e for e in data["path_region"]["some_spe"]}
    every = {e["parameter"]: e for e in data["path_region"]["every_spe"]}
    assert some["p"]["words"] == "p >= 1/4" and every["p"]["words"] == "p > 1/4"
    p = sympy.Symbol("p", real=True)
    cond = sympy.parse_expr(some["p"]["condition"], local_dict={"p": p})
    assert cond.subs(p, sympy.Rational(1, 4)) == sympy.true
    assert cond.subs(p, sympy.Rational(1, 5)) == sympy.false


def test_cli_plan_with_information_set_gives_true_region():
    # item 13: --plan keeps the whole-plan conditions, with one move per information set
    result = CliRunner().invoke(cli, ["stability", OUTSIDE, "--outcome", "In,D,R", "--plan", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["plan"]["bob-u"] == data["plan"]["bob-d"] == "R"
    assert [r["words"] for r in data["region"]] == ["o <= 1"]
    assert data["possible"] is True
    assert all(c["on_path"] for c in data["conditions"] if c["node"] in ("start", "bos"))
    assert "path_region" in data


def test_cli_default_text_answers_for_the_path():
    result = CliRunner().invoke(cli, ["stability", "default-button", "--outcome", "Diplomatic track"])
    assert result.exit_code == 0, result.output
    assert "t  some: t <= 4;  every: t < 4" in result.output
    assert "s  some: always" in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 100


# -- random perfect-information trees with one linear parameter -------------------------------------

def _leaf(k: int, a: int, b: int, c: int) -> Node:
    return Node(f"leaf{k}", TERMINAL, outcome=Outcome((Binary("+", Number(Fraction(a)), Binary("*", Number(Fraction(b)),
                                                                                              Variable("x"))),
                                                       Number(Fraction(c)))))


@st.composite
def random_trees(draw):  # type: ignore[no-untyped-def]
    payoffs = draw(st.lists(st.tuples(st.integers(-3, 3), st.integers(-2, 2), st.integers(-3, 3)),
                            min_size=6, max_size=6))
    leaves = [_leaf(k, *p) for k, p in enumerate(payoffs)]
    # root (player 0): L -> node a (player 1: 3 leaves), R -> node b (player 1: 2 leaves) ... then leaf 5 below
    nodes = (
        Node("root", DECISION, ("a", "b"), ("L", "R"), player=0),
        Node("a", DECISION, ("leaf0", "leaf1", "leaf2"), ("l", "m", "r"), player=1),
        leaves[0], leaves[1], leaves[2],
        Node("b", DECISION, ("leaf3", "c"), ("u", "d"), player=1),
        leaves[3],
        Node("c", DECISION, ("leaf4", "leaf5"), ("s", "t"), player=0),
        leaves[4], leaves[5],
    )
    return GameTree("random", ("Row", "Column"), nodes, (Parameter("x", Fraction(draw(st.integers(-2, 2)))),))


@settings(max_examples=25, deadline=None)
@given(random_trees(), st.sampled_from(["L", "R", "R,d", "L,m", "R,d,t"]))
def test_random_tree_path_regions_match_the_solver(tree: GameTree, path: str) -> None:
    check_against_oracle(tree, path)


@st.composite
def random_trees_with_chance_and_information_sets(draw):  # type: ignore[no-untyped-def]
    """Row chooses Out or In, then U or D; after U Column moves, after D chance first; with
    ``imperfect`` Column's two nodes form one information set (a 2x2 subgame whose mixed
    equilibria move with x).  x enters both players' payoffs."""
    def lin(a: int, b: int) -> Binary:
        return Binary("+", Number(Fraction(a)), Binary("*", Number(Fraction(b)), Variable("x")))

    pay = draw(st.lists(st.tuples(st.integers(-3, 3), st.integers(-2, 2), st.integers(-3, 3), st.integers(-2, 2)),
                        min_size=6, max_size=6))
    leaves = [Node(f"l{k}", TERMINAL, outcome=Outcome((lin(a, b), lin(c, d)))) for k, (a, b, c, d) in enumerate(pay)]
    infoset = "B" if draw(st.booleans()) else None
    q = draw(st.sampled_from([Fraction(1, 2), Fraction(1, 3)]))
    nodes = (
        Node("root", DECISION, ("l0", "mid"), ("Out", "In"), player=0), leaves[0],
        Node("mid", DECISION, ("b1", "ch"), ("U", "D"), player=0),
        Node("b1", DECISION, ("l1", "l2"), ("L", "R"), player=1, infoset=infoset), leaves[1], leaves[2],
        Node("ch", CHANCE, ("b2", "l3"), ("h", "t"), probabilities=(Number(q), Number(1 - q))),
        Node("b2", DECISION, ("l4", "l5"), ("L", "R"), player=1, infoset=infoset), leaves[4], leaves[5],
        leaves[3],
    )
    return GameTree("random", ("Row", "Column"), nodes, (Parameter("x", Fraction(draw(st.integers(-2, 2)))),))


@settings(max_examples=examples(100), deadline=None)
@given(random_trees_with_chance_and_information_sets(), st.sampled_from(["Out", "In,U", "In,U,L", "In,D,h,L"]))
def test_random_imperfect_tree_path_regions_match_the_solver(tree: GameTree, path: str) -> None:
    check_against_oracle(tree, path)


SPLIT = str(Path(__file__).parent / "data" / "trees" / "split-domain.toml")


@pytest.mark.parametrize("path,words,inside,outside", [
    ("Go", "p >= 1", Fraction(3, 2), Fraction(-3, 2)),
    ("Stop", "p <= -1", Fraction(-3, 2), Fraction(3, 2)),
])
def test_a_domain_in_two_pieces_keeps_the_bound_between_them(path: str, words: str, inside: Fraction,
                                                              outside: Fraction) -> None:
    # the chance probabilities (p^2 - 1)/3 and (4 - p^2)/3 make the domain -2 <= p <= -1 or 1 <= p <= 2; X goes
    # (payoff p) where p >= 0 and stops (0) where p <= 0, so each path holds on one piece.  Leaving out every
    # bound some piece of the domain has said "always" for both (issue 16: a survivor led there)
    import sympy

    tree = load_game(SPLIT)
    assert isinstance(tree, GameTree)
    check_against_oracle(tree, path)
    (p,) = path_region(tree, path).parameters
    assert p.domain_words() == "-2 <= p <= -1 or 1 <= p <= 2"
    assert (p.words("some"), p.words("every")) == (words, words)
    symbol = sympy.Symbol("p", real=True)
    condition = sympy.parse_expr(p.condition("some"), local_dict={"p": symbol})
    assert condition.subs(symbol, sympy.Rational(inside.numerator, inside.denominator)) == sympy.true
    assert condition.subs(symbol, sympy.Rational(outside.numerator, outside.denominator)) == sympy.false


def imperfect_tree(pay: dict, title: str = "imperfect") -> GameTree:
    """The shape of the random imperfect trees above with chance at 1/2 and one information set: Out or In,
    then Row's U or D and Column's L or R, chance before Column after D; ``pay[k]`` = (a, b, c, d) gives
    leaf k the payoffs (a + b x, c + d x)."""
    def lin(a: int, b: int) -> Binary:
        return Binary("+", Number(Fraction(a)), Binary("*", Number(Fraction(b)), Variable("x")))

    leaf = {k: Node(f"l{k}", TERMINAL, outcome=Outcome((lin(a, b), lin(c, d)))) for k, (a, b, c, d) in pay.items()}
    half = Number(Fraction(1, 2))
    nodes = (
        Node("root", DECISION, ("l0", "mid"), ("Out", "In"), player=0), leaf[0],
        Node("mid", DECISION, ("b1", "ch"), ("U", "D"), player=0),
        Node("b1", DECISION, ("l1", "l2"), ("L", "R"), player=1, infoset="B"), leaf[1], leaf[2],
        Node("ch", CHANCE, ("b2", "l3"), ("h", "t"), probabilities=(half, half)),
        Node("b2", DECISION, ("l4", "l5"), ("L", "R"), player=1, infoset="B"), leaf[4], leaf[5], leaf[3],
    )
    return GameTree(title, ("Row", "Column"), nodes, (Parameter("x", Fraction(0)),))


def _mixed_subgame_tree() -> GameTree:
    """A case hypothesis found for test_random_imperfect_tree_path_regions_match_the_solver: after In, Row's
    U or D and Column's L or R (one information set, chance before Column after D) mix with probabilities
    that move with x, so Row's value of In is a rational function of x, not a polynomial."""
    pay = {0: (-1, 2, 3, -1), 1: (-1, -2, 3, 2), 2: (3, 2, 0, 0), 3: (0, -2, 0, 0), 4: (-2, 2, 0, 0), 5: (3, 0, 0, 0)}
    return imperfect_tree(pay, "mixed subgame")


def test_a_mixed_subgame_whose_mix_moves_with_the_parameter() -> None:
    # the solver: below x = 1/6 an equilibrium goes In (then D), at 1/6 Row is indifferent, above it every
    # equilibrium stays Out; the region put the bound of 'every' at 85/504, a little above 1/6
    tree = _mixed_subgame_tree()
    inside = Fraction(1, 6) + Fraction(1, 1000)
    assert oracle(tree, "Out", {"x": Fraction(1, 6)}) == (True, False)
    assert oracle(tree, "Out", {"x": inside}) == (True, True)
    (x,) = path_region(tree, "Out").parameters
    assert any(i.contains(inside) for i in x.every)
