"""Path regions of trees whose subgames with imperfect information are solved with mixed equilibria that move
with the parameter: checked against solve_tree at grid points (the oracle of tests/test_tree_paths.py)."""

from __future__ import annotations

from fractions import Fraction

from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from test_tree_paths import _mixed_subgame_tree, check_against_oracle, imperfect_tree, oracle

from negsolve.analysis.tree_path_mixes import mixed_plan_breakpoints
from negsolve.analysis.tree_paths import LIMIT, path_region
from negsolve.model.expression import Binary, Number, Variable
from negsolve.model.strategic import Parameter
from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree, Node, Outcome
from negsolve.render.tree_paths import path_region_data, path_region_text
from negsolve.solvers.backward import solve_tree


def _lin(a: int, b: int) -> Binary:
    return Binary("+", Number(Fraction(a)), Binary("*", Number(Fraction(b)), Variable("x")))


def _leaf(k: int, a: int, b: int, c: int, d: int) -> Node:
    return Node(f"l{k}", TERMINAL, outcome=Outcome((_lin(a, b), _lin(c, d))))


@st.composite
def random_nested_trees(draw):  # type: ignore[no-untyped-def]
    """Row goes Out or In; after In chance (h or t); after h a 2x2 simultaneous subgame (Row U/D, then Column
    L/R in one information set) whose cells U,L and D,R lead to further decisions (Row's a/b, Column's c/d),
    proper subgames solved first.  x enters both players' payoffs; the mixed equilibrium of the 2x2 moves with
    x and with the choices below it."""
    pay = draw(st.lists(st.tuples(st.integers(-3, 3), st.integers(-2, 2), st.integers(-3, 3), st.integers(-2, 2)),
                        min_size=8, max_size=8))
    q = draw(st.sampled_from([Fraction(1, 2), Fraction(1, 3), Fraction(3, 4)]))
    return _nested_tree(pay, q, Fraction(draw(st.integers(-2, 2))))


def _nested_tree(pay: list, q: Fraction, x: Fraction) -> GameTree:
    leaf = [_leaf(k, *p) for k, p in enumerate(pay)]
    nodes = (
        Node("root", DECISION, ("l0", "ch"), ("Out", "In"), player=0), leaf[0],
        Node("ch", CHANCE, ("s", "l1"), ("h", "t"), probabilities=(Number(q), Number(1 - q))),
        Node("s", DECISION, ("c1", "c2"), ("U", "D"), player=0),
        Node("c1", DECISION, ("f", "l4"), ("L", "R"), player=1, infoset="B"),
        Node("f", DECISION, ("l2", "l3"), ("a", "b"), player=0), leaf[2], leaf[3], leaf[4],
        Node("c2", DECISION, ("l5", "g"), ("L", "R"), player=1, infoset="B"), leaf[5],
        Node("g", DECISION, ("l6", "l7"), ("c", "d"), player=1), leaf[6], leaf[7],
        leaf[1],
    )
    return GameTree("nested", ("Row", "Column"), nodes, (Parameter("x", x),))


NESTED_PATHS = ["Out", "In", "In,h,U", "In,h,U,L", "In,h,D,R", "In,h,U,L,a", "In,h,D,R,d"]


@settings(max_examples=examples(10), deadline=None)
@given(random_nested_trees(), st.sampled_from(NESTED_PATHS))
def test_random_nested_mixed_subgame_path_regions_match_the_solver(tree: GameTree, path: str) -> None:
    check_against_oracle(tree, path)


def test_the_mix_is_followed_as_a_rational_function_of_the_parameter() -> None:
    # the reproducer of tests/test_tree_paths.py: the bound of 'every' is where Row's value of In, carried up
    # with the mix as a function of x, equals Out's; that is 1/6 (the solver's tie), not 85/504
    tree = _mixed_subgame_tree()
    plans = [e.plan for e in solve_tree(tree, {"x": Fraction(1, 10)}, limit=LIMIT).equilibria]
    mixed = [p for p in plans if any(isinstance(m, dict) for m in p.values())]
    assert mixed
    points = set()
    for plan in mixed:
        found, exact = mixed_plan_breakpoints(tree, plan, "x", {"x": Fraction(0)}, Fraction(1, 10), LIMIT)
        assert exact
        points |= found
    assert Fraction(1, 6) in points and Fraction(85, 504) not in points
    (x,) = path_region(tree, "Out").parameters
    assert x.exact
    assert (x.words("some"), x.words("every")) == ("x >= 0", "x > 1/6")
    assert oracle(tree, "Out", {"x": Fraction(-1, 1000)}) == (False, False)


def test_a_mix_that_cannot_be_followed_is_reported_as_not_exact(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # when a mixed subgame's equilibrium cannot be followed (say its binding constraints hold together only
    # at the point solved, in no way that leaves it unique) the answer is not guessed: solved on a finer grid
    # and flagged, in words and JSON; a plan without a mix keeps its exact breakpoints
    import negsolve.analysis.tree_path_mixes as mixes

    monkeypatch.setattr(mixes, "mixed_plan_breakpoints", lambda *args: (set(), False))
    report = path_region(_mixed_subgame_tree(), "Out")
    (x,) = report.parameters
    assert not x.exact
    assert "NOT exact for x" in path_region_text(report)
    data = path_region_data(report)
    assert data["some_spe"][0]["exact"] is False and data["every_spe"][0]["exact"] is False
    # the finer grid still gets the far side right: Out is what every equilibrium does at x = 1
    assert x.every and any(i.contains(Fraction(1)) for i in x.every)
    # the explanation says so too
    from negsolve.explain.tree_paths import path_blocks

    texts = ["".join(str(part) for part in block.parts) for block in path_blocks(_mixed_subgame_tree(), ("Out",), None)]
    assert any(text.startswith("For x these bounds are not exact") for text in texts)


def test_exact_reports_keep_their_json_keys() -> None:
    report = path_region(_mixed_subgame_tree(), "Out")
    data = path_region_data(report)
    assert set(data["some_spe"][0]) == {"parameter", "condition", "words", "domain"}
    assert "NOT exact" not in path_region_text(report)
    from negsolve.explain.tree_paths import path_blocks

    assert len(path_blocks(_mixed_subgame_tree(), ("Out",), None)) == 2


def test_a_pure_equilibrium_of_the_subgame_appearing_inside_a_gap() -> None:
    # HYPOTHESIS_PROFILE=ci, seed 11: Row's D against R pays x/2 - 1 (U pays 0), so (D, R) is an equilibrium of
    # the 2x2 from x = 2 on and at x = 2 Row is indifferent between In and Out.  No comparison of the plan found
    # at x = 0 (U, L) had a root at 2: the region said "x <= 0".  The subgame's cell comparisons find it
    pay = {0: (0, 0, 0, 0), 1: (0, 1, 0, -2), 2: (0, 0, -1, -2), 3: (-2, 1, 0, 0), 4: (0, 1, 0, 0), 5: (0, 0, 0, 0)}
    tree = imperfect_tree(pay)
    check_against_oracle(tree, "Out")
    (x,) = path_region(tree, "Out").parameters
    assert (x.words("some"), x.words("every")) == ("x <= 0 or x = 2", "x < 0")


def test_a_nested_mixed_subgame_bound_where_the_mix_puts_it() -> None:
    # the old code on the nested random trees (seed 1): "some" ended at 37/20, the solver says 11/6
    pay = [(-2, 1, 3, 0), (-3, 2, 0, -2), (1, -2, 0, 0), (-3, 0, 0, 0), (0, 0, 0, 0), (0, -1, 0, 0), (-2, 1, 3, 0),
           (0, 0, 0, 0)]
    tree = _nested_tree(pay, Fraction(3, 4), Fraction(0))
    check_against_oracle(tree, "Out")
    (x,) = path_region(tree, "Out").parameters
    assert (x.words("some"), x.words("every")) == ("1 <= x <= 11/6 or x >= 3", "never")
    assert oracle(tree, "Out", {"x": Fraction(11, 6)}) == (True, False)
    assert oracle(tree, "Out", {"x": Fraction(1849, 1000)}) == (False, False)
