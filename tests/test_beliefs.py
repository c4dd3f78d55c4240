"""Assessments on trees (issue 12, part B): beliefs, weak PBE, PBE, sequential equilibrium.

Hand-derived textbook trees (derivations in the comments) and an independent brute force
(every pure plan; beliefs at a two-node information set checked at the vertices of its
supporting set: the simplex ends and the crossings of two moves' payoff lines) that decides the
definitions directly, without the package's Fourier–Motzkin or tremble code.
"""

from __future__ import annotations

import itertools
import json
import random
from collections import Counter
from fractions import Fraction
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.beliefs import assess
from negsolve.beliefs.log_linear import Monomial
from negsolve.beliefs.log_linear import feasible as log_feasible
from negsolve.cli.main import cli
from negsolve.io import load_game
from negsolve.model.expression import Number, evaluate
from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree, Node, Outcome

F = Fraction


def build(title: str, players: tuple[str, ...], spec: Any) -> GameTree:
    """A tree from nested specs: ("d", id, player, infoset|None, [(move, child)]),
    ("c", id, [(move, prob, child)]), ("t", id, payoffs)."""
    nodes: list[Node] = []

    def walk(s: Any) -> None:
        if s[0] == "t":
            nodes.append(Node(s[1], TERMINAL, outcome=Outcome(tuple(Number(F(v)) for v in s[2]))))
        elif s[0] == "c":
            nodes.append(Node(s[1], CHANCE, tuple(c[2][1] for c in s[2]), tuple(c[0] for c in s[2]),
                              probabilities=tuple(Number(F(c[1])) for c in s[2])))
            for c in s[2]:
                walk(c[2])
        else:
            nodes.append(Node(s[1], DECISION, tuple(c[1][1] for c in s[4]), tuple(c[0] for c in s[4]),
                              player=s[2], infoset=s[3]))
            for c in s[4]:
                walk(c[1])

    walk(spec)
    return GameTree(title, players, tuple(nodes))


def horse() -> GameTree:
    # Selten's horse (Selten 1975; Fudenberg & Tirole, Game Theory, fig. 8.6).
    return build("horse", ("1", "2", "3"), (
        "d", "n1", 0, None, [
            ("D", ("d", "x", 2, "H", [("L", ("t", "xL", (3, 3, 2))), ("R", ("t", "xR", (0, 0, 0)))])),
            ("A", ("d", "n2", 1, None, [
                ("a", ("t", "aa", (1, 1, 1))),
                ("d", ("d", "y", 2, "H", [("L", ("t", "yL", (4, 4, 0))), ("R", ("t", "yR", (0, 0, 1)))]))]))]))


def test_selten_horse_sequential_with_exact_off_path_set() -> None:
    # (A, a, R): 3's set is off the path.  3 gets L: 2 mu, R: 1 - mu, so R iff mu(x) <= 1/3.
    # 2: a pays 1, d then R pays 1 (a tie); 1: A pays 1, D then R pays 0.  x is reached by 1's
    # tremble D, y by 2's tremble d: the ratio rho_D / rho_d is free, so mu(x) = 0 is consistent.
    a = assess(horse(), {"n1": "A", "n2": "a", "x": "R", "y": "R"})
    assert a.off_path_beliefs == {"H": ("mu(x) <= 1/3",)}
    assert (a.sequentially_rational, a.weak_pbe, a.pbe, a.sequential) == (True, True, True, True)
    # (D, a, L): 3's set is reached at x (Bayes: mu(x) = 1, L pays 2 > 0), but 2's a is off the
    # path and pays 1 against d then L = 4: no belief helps a one-node set.  A Nash equilibrium only.
    b = assess(horse(), {"n1": "D", "n2": "a", "x": "L", "y": "L"})
    assert b.beliefs == {"H": {"x": F(1), "y": F(0)}}
    assert b.unsupported == ("n2",)
    assert (b.sequentially_rational, b.weak_pbe, b.pbe, b.sequential) == (False, False, False, False)


def common_cause(cut: tuple[int, int]) -> GameTree:
    # 1 ends the game with A (5 for 1) or moves L / R unseen by 2; 2 quits (u) or goes on (d);
    # 3 sees d but not L / R.  With 3 playing x, 2's d pays mu - (1 - mu): d iff mu(l2) >= 1/2.
    # 3's x pays (1 - mu) * c1, y pays mu * c0: x iff mu(l3) <= c1 / (c0 + c1).
    c0, c1 = cut
    return build("common cause", ("1", "2", "3"), (
        "d", "r", 0, None, [
            ("A", ("t", "out", (5, 0, 0))),
            ("L", ("d", "l2", 1, "J", [("u", ("t", "lu", (0, 0, 0))), ("d", ("d", "l3", 2, "K", [
                ("x", ("t", "lx", (0, 1, 0))), ("y", ("t", "ly", (0, 0, c0)))]))])),
            ("R", ("d", "r2", 1, "J", [("u", ("t", "ru", (0, 0, 0))), ("d", ("d", "r3", 2, "K", [
                ("x", ("t", "rx", (0, -1, c1))), ("y", ("t", "ry", (0, 0, 0)))]))]))]))


COMMON_PLAN = {"r": "A", "l2": "d", "r2": "d", "l3": "x", "r3": "x"}


def test_perfect_bayesian_but_not_sequential() -> None:
    # c0 = 3, c1 = 1: 3 needs mu(l3) <= 1/4 while 2 needs mu(l2) >= 1/2.  Both sets are reached
    # only through 1's trembles L and R (2's d has probability 1), so every consistent belief
    # has mu(l3) = mu(l2): no tremble supports both.  No proper subgame: weak PBE = PBE.
    a = assess(common_cause((3, 1)), COMMON_PLAN)
    assert a.off_path_beliefs == {"J": ("mu(l2) >= 1/2",), "K": ("mu(l3) <= 1/4",)}
    assert (a.weak_pbe, a.pbe, a.sequential) == (True, True, False)
    # c0 = 1, c1 = 3: 3 needs mu(l3) <= 3/4, compatible with mu(l2) in [1/2, 3/4]: sequential.
    b = assess(common_cause((1, 3)), COMMON_PLAN)
    assert b.off_path_beliefs == {"J": ("mu(l2) >= 1/2",), "K": ("mu(l3) <= 3/4",)}
    assert b.sequential is True


def nested_trembles() -> GameTree:
    # 1: O (end) or I; 2 (a subgame starts at n2): c or b; 3's set {x, y}: x after I, c and y after
    # I, b.  3's m pays mu(y), n pays mu(x): m iff mu(x) <= 1/2.  2 gets 1 after c, 0 after b.
    return build("nested", ("1", "2", "3"), (
        "d", "r", 0, None, [
            ("O", ("t", "o", (1, 0, 0))),
            ("I", ("d", "n2", 1, None, [
                ("c", ("d", "x", 2, "K", [("m", ("t", "xm", (0, 1, 0))), ("n", ("t", "xn", (0, 1, 1)))])),
                ("b", ("d", "y", 2, "K", [("m", ("t", "ym", (0, 0, 1))), ("n", ("t", "yn", (0, 0, 0)))]))]))]))


def test_weak_pbe_that_ignores_bayes_in_a_subgame() -> None:
    # (O, c, m): from the root K is unreached, so a weak PBE may believe y and play m.  But the
    # subgame at n2 reaches x with probability 1: Bayes there gives mu(x) = 1 and m is not optimal
    # (PBE fails); y needs trembles I and b, x only I, so consistency forces mu(x) = 1 as well.
    a = assess(nested_trembles(), {"r": "O", "n2": "c", "x": "m", "y": "m"})
    assert (a.sequentially_rational, a.weak_pbe, a.pbe, a.sequential) == (True, True, False, False)
    assert a.beliefs == {"K": {"x": F(1), "y": F(0)}}
    assert a.unsupported == ("K",)
    # (O, c, n): n iff mu(x) >= 1/2, Bayes in the subgame gives 1: sequential.
    b = assess(nested_trembles(), {"r": "O", "n2": "c", "x": "n", "y": "n"})
    assert b.sequential is True


# ---------- the independent brute force ----------

def _walk(tree: GameTree, plan: dict) -> tuple[dict, dict, dict]:
    """reach from the root, zero-probability moves on the path, payoff vectors below, by recursion."""
    index = {n.id: n for n in tree.nodes}
    values = tree.parameter_values()
    reach: dict[str, F] = {}
    zeros: dict[str, Counter] = {}
    weight: dict[str, F] = {}

    def down(x: str, p: F, z: Counter) -> None:
        reach[x], zeros[x], weight[x] = (p if not z else F(0)), z, p
        node = index[x]
        for k, c in enumerate(node.children):
            if node.kind == CHANCE:
                down(c, p * evaluate(node.probabilities[k], values), z)
            elif plan[x] == node.moves[k]:
                down(c, p, z)
            else:
                down(c, p, z + Counter([(node.infoset or x, node.moves[k])]))

    def value(x: str) -> tuple:  # outcomes on inner nodes count too (talks-about-talks has them)
        node = index[x]
        own = tuple(evaluate(e, values) for e in node.outcome.payoffs) if node.outcome else (0,) * len(tree.players)
        if node.kind == TERMINAL:
            return own
        if node.kind == CHANCE:
            parts = [value(c) for c in node.children]
            return tuple(own[i] + sum(evaluate(node.probabilities[k], values) * v[i] for k, v in enumerate(parts))
                         for i in range(len(tree.players)))
        return tuple(a + b for a, b in zip(own, value(node.children[node.moves.index(plan[x])]), strict=True))

    down(tree.nodes[0].id, F(1), Counter())
    below = {}
    for node in tree.nodes:
        if node.kind == DECISION:
            below[node.id] = {m: value(c)[node.player or 0] for m, c in zip(node.moves, node.children, strict=True)}
    return reach, zeros, {"weight": weight, "below": below}


def _candidates(table: dict) -> list[F]:
    """mu of the first node: 0, 1 and where two moves' lines cross (the supporting set's possible ends)."""
    x, y = table
    out = {F(0), F(1)}
    for a, b in itertools.combinations(table[x], 2):
        slope = (table[x][a] - table[y][a]) - (table[x][b] - table[y][b])
        if slope:
            t = F(table[y][b] - table[y][a], slope)
            if 0 <= t <= 1:
                out.add(t)
    return sorted(out)


def _best(table: dict, mu: dict, move: str) -> bool:
    value = {m: sum(mu[x] * table[x][m] for x in table) for m in next(iter(table.values()))}
    return value[move] == max(value.values())


def _subgame_roots(tree: GameTree) -> set[str]:
    index = {n.id: n for n in tree.nodes}

    def subtree(x: str) -> set[str]:
        out, stack = set(), [x]
        while stack:
            y = stack.pop()
            out.add(y)
            stack.extend(index[y].children)
        return out

    sets: dict[str, set] = {}
    for n in tree.nodes:
        if n.kind == DECISION and n.infoset is not None:
            sets.setdefault(n.infoset, set()).add(n.id)
    roots = set()
    for n in tree.nodes:
        inside = subtree(n.id)
        if n.kind != TERMINAL and all(s <= inside or not (s & inside) for s in sets.values()):
            roots.add(n.id)
    return roots


def oracle(tree: GameTree, plan: dict) -> tuple[bool, bool, bool, bool | None]:
    """(sequentially rational, weak PBE, PBE, sequential) straight from the definitions.

    Information sets: single nodes and at most one two-node set.  Consistency of a belief at the
    two-node set {x, y} off the path (its only possible limits): trembles Z_x = Z_y fix the belief
    at the ratio of the positive weights; Z_x strictly inside Z_y puts all belief on x; otherwise
    the orders and ratios are free and every belief is a limit."""
    reach, zeros, extra = _walk(tree, plan)
    below, weight = extra["below"], extra["weight"]
    index = {n.id: n for n in tree.nodes}
    sets: dict[str, list[str]] = {}
    for n in tree.nodes:
        if n.kind == DECISION:
            sets.setdefault(n.infoset or n.id, []).append(n.id)
    roots = _subgame_roots(tree)
    rational = weak = pbe = seq = True
    for members in sets.values():
        move = plan[members[0]]
        table = {x: below[x] for x in members}
        if len(members) == 1:
            ok = _best(table, {members[0]: F(1)}, move)
            rational, weak, pbe, seq = rational and ok, weak and ok, pbe and ok, seq and ok
            continue
        x, y = members
        good = [t for t in _candidates(table) if _best(table, {x: t, y: 1 - t}, move)]
        rational = rational and bool(good)
        total = reach[x] + reach[y]
        weak = weak and (_best(table, {x: reach[x] / total, y: reach[y] / total}, move) if total else bool(good))
        root = _smallest_root(index, roots, x, y)
        sub = [weight[z] / weight[root] if zeros[z] == zeros[root] else F(0) for z in (x, y)]
        pbe = pbe and (_best(table, {x: sub[0] / sum(sub), y: sub[1] / sum(sub)}, move) if sum(sub) else bool(good))
        if total:
            seq = seq and _best(table, {x: reach[x] / total, y: reach[y] / total}, move)
        elif zeros[x] == zeros[y]:
            t = weight[x] / (weight[x] + weight[y])
            seq = seq and _best(table, {x: t, y: 1 - t}, move)
        elif not (zeros[y] - zeros[x]) or not (zeros[x] - zeros[y]):
            t = F(1) if not (zeros[x] - zeros[y]) else F(0)
            seq = seq and _best(table, {x: t, y: 1 - t}, move)
        else:
            seq = seq and bool(good)
    return rational, weak, pbe, seq


def _smallest_root(index: dict, roots: set[str], x: str, y: str) -> str:
    parent = {c: n.id for n in index.values() for c in n.children}

    def ancestors(z: str) -> list[str]:
        out = [z]
        while out[-1] in parent:
            out.append(parent[out[-1]])
        return out

    common = [a for a in ancestors(x) if a in set(ancestors(y))]
    return next(a for a in common if a in roots)


def _tree(name: str) -> GameTree:
    tree = load_game(name)
    assert isinstance(tree, GameTree)
    return tree


def pure_plans(tree: GameTree) -> list[dict]:
    sets: dict[str, list[Node]] = {}
    for n in tree.nodes:
        if n.kind == DECISION:
            sets.setdefault(n.infoset or n.id, []).append(n)
    plans = []
    for moves in itertools.product(*(members[0].moves for members in sets.values())):
        plans.append({n.id: m for members, m in zip(sets.values(), moves, strict=True) for n in members})
    return plans


@pytest.mark.parametrize("make", [horse, nested_trembles, lambda: common_cause((3, 1)),
                                  lambda: common_cause((1, 3)), lambda: _tree("entry-deterrence"),
                                  lambda: _tree("ultimatum")],
                         ids=["horse", "nested", "common-cause-3-1", "common-cause-1-3", "entry-deterrence",
                              "ultimatum"])
def test_every_pure_plan_agrees_with_brute_force(make: Any) -> None:
    tree = make()
    sets = Counter(n.infoset for n in tree.nodes if n.kind == DECISION and n.infoset is not None)
    for plan in pure_plans(tree):
        a = assess(tree, plan)
        want = oracle(tree, plan)
        got = (a.sequentially_rational, a.weak_pbe, a.pbe, a.sequential)
        keep = 3 if sum(1 for k in sets.values() if k > 1) > 1 else 4  # the consistency oracle: one two-node set
        assert got[:keep] == want[:keep], plan


def test_talks_about_talks_sampled_plans_agree_with_brute_force() -> None:
    tree = _tree("talks-about-talks")
    rng = random.Random(12)
    plans = pure_plans(tree)
    for plan in rng.sample(plans, 60):
        a = assess(tree, plan)
        assert (a.sequentially_rational, a.weak_pbe, a.pbe) == oracle(tree, plan)[:3], plan


# ---------- random small trees with one information set (hypothesis) ----------

SHAPES = ("flat", "split", "chooser")


def random_tree(shape: str, root_chance: bool, pays: list[int]) -> GameTree:
    it = iter(pays)

    def leaf(name: str) -> Any:
        return ("t", name, (next(it), next(it)))

    def slot(name: str) -> Any:
        return ("d", name, 1, "S", [("u", leaf(name + "u")), ("v", leaf(name + "v"))])

    if shape == "flat":
        kids = [slot("x"), slot("y")]
    elif shape == "split":
        kids = [("d", "a", 0, None, [("in", slot("x")), ("out", leaf("ao"))]),
                ("d", "b", 0, None, [("out", leaf("bo")), ("in", slot("y"))])]
    else:
        kids = [("d", "a", 0, None, [("l", slot("x")), ("r", slot("y")), ("o", leaf("ao"))]), leaf("z")]
    if root_chance:
        return build("random", ("1", "2"), ("c", "r", [("h", F(1, 3), kids[0]), ("t", F(2, 3), kids[1])]))
    return build("random", ("1", "2"), ("d", "r", 0, None, [("p", kids[0]), ("q", kids[1])]))


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(SHAPES), st.booleans(), st.lists(st.integers(-2, 2), min_size=16, max_size=16))
def test_random_one_infoset_trees_agree_with_brute_force(shape: str, root_chance: bool, pays: list[int]) -> None:
    tree = random_tree(shape, root_chance, pays)
    for plan in pure_plans(tree):
        a = assess(tree, plan)
        assert (a.sequentially_rational, a.weak_pbe, a.pbe, a.sequential) == oracle(tree, plan), plan
        # the notions are nested
        assert not a.sequential or a.pbe
        assert not a.pbe or a.weak_pbe
        assert not a.weak_pbe or a.sequentially_rational


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(-2, 2), st.integers(1, 6), st.integers(1, 6)), min_size=1, max_size=4))
def test_log_linear_one_variable_is_an_interval(rows: list[tuple[int, int, int]]) -> None:
    # rho ** k >= p / q for k in [-2, 2]: compare with the exact interval test on rho ** (sign) in rationals
    system = [Monomial.make({"a": k}, F(p, q)) for k, p, q in rows]
    # brute force: only k = 0 rows or a rho in a fine rational grid of powers of 2 and the bounds' roots
    grid = [F(2) ** e for e in range(-12, 13)] + [F(p, q) for _, p, q in rows] + [F(q, p) for _, p, q in rows]
    found = any(all(r ** k >= F(p, q) for k, p, q in rows) for r in grid)
    if found:
        assert log_feasible(system)
    if all(abs(k) == 1 or k == 0 for k, _, _ in rows) and not found:
        assert not log_feasible(system)


# ---------- the solve command ----------

def test_solve_json_assessments_mark_talks_about_talks() -> None:
    result = CliRunner().invoke(cli, ["solve", "talks-about-talks", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    spe = data["subgame_perfect"]
    assessments = data["assessments"]
    assert [a["source"] for a in assessments] == ["subgame_perfect", "subgame_perfect"]
    assert [a["sequentially_rational"] for a in assessments] == [e["sequentially_rational"] for e in spe] \
        == [True, False]
    first, second = assessments
    # Bayes within the subgame after Preconditions: both types refuse, prior 1/2
    assert first["beliefs"] == {"pc-refused": {"pc-serious-refused": "1/2", "pc-stalling-refused": "1/2"}}
    assert first["off_path_beliefs"] == {"uc-refused": ["any belief"]}
    assert (first["pbe"], first["sequential"]) == (True, True)
    assert second["off_path_beliefs"] == {"uc-refused": ["no belief supports it"]}
    assert second["not_supported"] == ["uc-refused"] and second["sequential"] is False


@pytest.mark.parametrize("name", ["entry-deterrence", "centipede"])
def test_solve_nash_assessments_and_text_section(name: str) -> None:
    result = CliRunner().invoke(cli, ["solve", name, "--nash", "--format", "json"])
    data = json.loads(result.stdout)
    nash = [a for a in data["assessments"] if a["source"] == "nash"]
    assert len(nash) == len(data["equilibria"])
    # perfect information: a Nash equilibrium (its open nodes filled) is sequential exactly when
    # it is subgame perfect, which the tree solver decides by its own one-shot deviation test
    assert [a["sequential"] for a in nash] == [e["subgame_perfect"] for e in data["equilibria"]]
    # the filled nodes are exactly those the equilibrium's behaviour leaves open
    for a, e in zip(nash, data["equilibria"], strict=True):
        assert set(a.get("completed_at", [])) == set(a["plan"]) - set(e["behaviour"])
    text = CliRunner().invoke(cli, ["solve", "talks-about-talks"]).output
    assert "Beliefs (assessments" in text and "off the path at uc-refused: any belief" in text


def test_spe_of_bundled_trees_are_assessed_fully() -> None:
    from negsolve.beliefs.tree_assessments import tree_assessments
    from negsolve.io.registry import bundled_names
    from negsolve.solvers.backward import solve_tree

    for name in bundled_names():
        tree = load_game(name)
        if not isinstance(tree, GameTree):
            continue
        result = solve_tree(tree)
        for item in tree_assessments(tree, result.equilibria):
            a = item.assessment
            # every subgame-perfect equilibrium that is sequentially rational is, here, sequential
            assert a.sequential == a.sequentially_rational, (name, item.index)


def three_way(chance: bool) -> GameTree:
    # 2 cannot tell three nodes apart.  b pays 1 everywhere; a, c, e pay 3 at one node each, so
    # b is a best reply only at the centre mu = (1/3, 1/3, 1/3):  3 mu(x) <= 1 and so on.
    def receiver(name: str, k: int) -> Any:
        pays = [(0, 3 if j == k else 0) for j in range(3)]
        return ("d", name, 1, "J", [("a", ("t", name + "a", pays[0])), ("b", ("t", name + "b", (0, 1))),
                                    ("c", ("t", name + "c", pays[1])), ("e", ("t", name + "e", pays[2]))])

    if chance:  # 1 opts in (a tremble), then chance picks the node: the limit belief is the chance odds
        inner = ("c", "h", [("p", F(1, 3), receiver("x", 0)), ("q", F(1, 3), receiver("y", 1)),
                            ("s", F(1, 3), receiver("z", 2))])
        return build("three-chance", ("1", "2"), ("d", "r", 0, None, [("A", ("t", "o", (5, 0))), ("I", inner)]))
    return build("three-way", ("1", "2"), ("d", "r", 0, None, [
        ("A", ("t", "o", (5, 0))), ("L", receiver("x", 0)), ("M", receiver("y", 1)), ("R", receiver("z", 2))]))


def test_three_node_information_set_off_the_path() -> None:
    plan = {"r": "A", "x": "b", "y": "b", "z": "b"}
    # L, M, R are independent trembles: every interior belief is a limit, the centre included.
    a = assess(three_way(False), plan)
    assert set(a.off_path_beliefs["J"]) == {"mu(x) <= 1/3", "mu(y) <= 1/3", "mu(z) <= 1/3"}
    assert (a.pbe, a.sequential) == (True, True)
    # behind one tremble and a fair chance move, the only limit belief is (1/3, 1/3, 1/3): b holds there.
    # The subgame at h reaches J with probability 1, so even the PBE pins that belief.
    b = assess(three_way(True), plan)
    assert b.beliefs == {"J": {"x": F(1, 3), "y": F(1, 3), "z": F(1, 3)}}
    assert (b.pbe, b.sequential) == (True, True)


@pytest.mark.parametrize("q3,expected", [(F(4, 9), True), (F(1, 3), True), (F(1, 2), False)],
                         ids=["boundary", "inside", "outside"])
def test_log_linear_elimination_with_integer_multipliers(q3: F, expected: bool) -> None:
    # a**2 / b >= 4/9, b >= 9/4, 1 / (a b) >= q3.  The first gives a >= (2/3) sqrt(b), so
    # a b >= (2/3) b**(3/2) >= (2/3) (9/4)**(3/2) = 9/4, reached at b = 9/4, a = 1: feasible iff
    # 9/4 <= 1/q3, i.e. q3 <= 4/9 (the square roots never need to be computed).
    rows = [Monomial.make({"a": 2, "b": -1}, F(4, 9)), Monomial.make({"b": 1}, F(9, 4)),
            Monomial.make({"a": -1, "b": -1}, q3)]
    assert log_feasible(rows) is expected
