"""Pictures drawn by negsolve.draw: every bundled game, structure, exact marks, no overlapping labels."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from svg_boxes import NS, overlaps

import negsolve
from negsolve.draw import KINDS, kinds, render_result_svg, render_svg
from negsolve.errors import InputError
from negsolve.io.registry import bundled_names
from negsolve.model.bayesian import is_bayesian
from negsolve.model.expression import Number
from negsolve.model.strategic import StrategicGame, payoff_table
from negsolve.model.tree import DECISION, TERMINAL, GameTree, Node, Outcome

BUNDLED = sorted(bundled_names())


def _texts(svg: str) -> list[str]:
    return [el.text or "" for el in ET.fromstring(svg).iter(NS + "text")]


def _by_class(svg: str, cls: str) -> list[ET.Element]:
    return [el for el in ET.fromstring(svg).iter() if el.get("class") == cls]


def _brute_pure_equilibria(table) -> set[tuple[int, ...]]:  # type: ignore[no-untyped-def]
    """The definition: no player gains by a unilateral deviation."""
    found = set()
    for prof in table.profiles():
        ok = True
        for i, size in enumerate(table.shape):
            for t in range(size):
                alt = prof[:i] + (t,) + prof[i + 1:]
                if table.at(alt)[i] > table.at(prof)[i]:
                    ok = False
        if ok:
            found.add(prof)
    return found


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_game_draws_every_kind_that_applies(name: str) -> None:
    game = negsolve.load_game(name)
    applicable = kinds(game)
    assert applicable and set(applicable) <= set(KINDS)
    if is_bayesian(game):  # a game with types is drawn as its tree (chance draws the types)
        svg = render_svg(game)
        ET.fromstring(svg)
        assert applicable == ["tree"] and all(t in svg for p in game.players for t in p.types)
        return
    assert ("tree" in applicable) == isinstance(game, GameTree)
    if isinstance(game, StrategicGame):
        assert ("best-response" in applicable) == (game.shape == (2, 2))
    assert ("region" in applicable) == bool(game.parameters)
    # a tree's region and payoff space come from its reduced strategic form: drawn for the small trees
    # (below); talks-about-talks' 16x16 form takes seconds of sympy and LPs
    for what in [w for w in applicable if not isinstance(game, GameTree) or w == "tree"]:
        svg = render_svg(game, what)
        root = ET.fromstring(svg)  # valid XML
        assert root.tag == NS + "svg"
        texts = " ".join(_texts(svg))
        assert game.title in texts, what
        if what == "table":
            for player in game.players:
                assert player.name in texts
                for s in player.strategies:
                    assert s in texts
        if what in ("tree", "table"):
            assert overlaps(svg) == [], name
        if what == "best-response":
            assert "best response" in texts
    for what in set(KINDS) - set(applicable):
        with pytest.raises(InputError, match="does not apply"):
            render_svg(game, what)


def test_auto_is_table_for_strategic_games_and_tree_for_trees() -> None:
    assert "class=\"equilibrium\"" in render_svg(negsolve.load_game("prisoners-dilemma"))
    assert "class=\"mover\"" in render_svg(negsolve.load_game("ultimatum"))
    with pytest.raises(InputError, match="unknown picture"):
        render_svg(negsolve.load_game("prisoners-dilemma"), "pie")


@pytest.mark.parametrize("name", [n for n in BUNDLED if isinstance(negsolve.load_game(n), StrategicGame)])
def test_table_highlights_exactly_the_pure_equilibria_and_marks_best_responses(name: str) -> None:
    game = negsolve.load_game(name)
    table = payoff_table(game)
    svg = render_svg(game, "table")
    assert len(_by_class(svg, "equilibrium")) == len(_brute_pure_equilibria(table))
    # one bold payoff per (player, profile) where it is a best response, by brute force
    best = 0
    for prof in table.profiles():
        for i, size in enumerate(table.shape):
            alts = [table.at(prof[:i] + (t,) + prof[i + 1:])[i] for t in range(size)]
            best += table.at(prof)[i] == max(alts)
    assert len(_by_class(svg, "best")) == best


def test_three_players_are_drawn_as_blocks() -> None:
    game = negsolve.load_game("three-party")
    svg = render_svg(game, "table")
    texts = _texts(svg)
    third = game.players[2]
    for s in third.strategies:
        assert f"{third.name}: {s}" in texts
    assert len(_by_class(svg, "cell")) + len(_by_class(svg, "equilibrium")) == len(payoff_table(game))


@pytest.mark.parametrize("name", ["battle-of-the-sexes", "matching-pennies", "stag-hunt", "prisoners-dilemma",
                                  "head-on-collision"])
def test_best_response_diagram_marks_the_solvers_equilibria(name: str) -> None:
    game = negsolve.load_game(name)
    result = negsolve.solve(game)
    svg = render_svg(game, "best-response")
    dots = _by_class(svg, "equilibrium")
    assert len(dots) == len(result.equilibria)
    labels = [t for t in _texts(svg) if t.startswith("p = ")]
    for eq in result.equilibria:
        p, q = eq.profile[0][0], eq.profile[1][0]
        assert any(t.startswith(f"p = {negsolve_fmt(p)}, q = {negsolve_fmt(q)}:") for t in labels)


def negsolve_fmt(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def test_battle_of_the_sexes_diagram_by_hand() -> None:
    """Ann (2,1 / 0,0 / 0,0 / 1,2): she is indifferent at q = 1/3, Ben at p = 2/3."""
    from negsolve.draw.best_response import best_response_scene

    scene = best_response_scene(negsolve.load_game("battle-of-the-sexes"), {})
    assert (scene.q_star, scene.p_star) == (Fraction(1, 3), Fraction(2, 3))
    assert set(scene.equilibria) == {(Fraction(1), Fraction(1)), (Fraction(0), Fraction(0)),
                                     (Fraction(1, 3), Fraction(2, 3))}


small = st.integers(-3, 3)


@settings(max_examples=60, deadline=None)
@given(low=small, high=small, t=st.fractions(0, 1))
def test_best_response_correspondence_is_the_definition(low: int, high: int, t: Fraction) -> None:
    """At every t the segments contain (t, s) exactly for the best responses s."""
    from negsolve.draw.best_response import _correspondence

    points, root, whole = _correspondence(Fraction(low), Fraction(high))
    advantage = low + (high - low) * t
    if whole:
        assert low == high == 0
        return
    on = set()
    for (t1, s1), (t2, s2) in zip(points, points[1:], strict=False):
        if t1 == t2 == t:
            on |= {Fraction(0), Fraction(1)} | ({s1, s2})
            on.add(Fraction(1, 2))  # a vertical piece: every s
        elif min(t1, t2) <= t <= max(t1, t2) and s1 == s2:
            on.add(s1)
    if advantage > 0:
        assert Fraction(1) in on
        assert Fraction(1, 2) not in on and Fraction(0) not in on
    elif advantage < 0:
        assert Fraction(0) in on
        assert Fraction(1, 2) not in on and Fraction(1) not in on
    else:
        assert root == t and Fraction(1, 2) in on


def _is_equilibrium(game: StrategicGame, profile: tuple[int, ...], values: dict[str, Fraction]) -> bool:
    table = payoff_table(game, values)
    return profile in _brute_pure_equilibria(table)


def _inside(polygon: tuple, p: tuple[Fraction, Fraction]) -> bool:
    from negsolve.deals.geometry import contains

    return contains(list(polygon), p)


def test_two_parameter_region_is_exact_against_brute_force() -> None:
    """Random rational points: inside the drawn polygon iff the outcome is an equilibrium there."""
    from negsolve.draw.region import region_scene

    game = negsolve.load_game("freeze-for-freeze")
    scene = region_scene(game, {}, "Hold exercises,Keep testing", ["c", "r"])
    assert scene.polygon
    profile = (0, 0) if game.players[0].strategies[0] == "Hold exercises" else None
    profile = tuple(p.strategies.index(s) for p, s in zip(game.players, ("Hold exercises", "Keep testing"),
                                                              strict=True))
    rng = random.Random(14)
    (x0, x1), (y0, y1) = scene.window
    for _ in range(60):
        c = x0 + (x1 - x0) * Fraction(rng.randint(0, 40), 40)
        r = y0 + (y1 - y0) * Fraction(rng.randint(0, 40), 40)
        assert _inside(scene.polygon, (c, r)) == _is_equilibrium(game, profile, {"c": c, "r": r}), (c, r)
    for x, y in scene.polygon:  # the vertices themselves: equilibria (closed region)
        assert _is_equilibrium(game, profile, {"c": x, "r": y})


def test_one_parameter_region_is_an_exact_interval() -> None:
    from negsolve.draw.region import region_scene

    game = negsolve.load_game("head-on-collision")
    scene = region_scene(game, {}, None)
    assert scene.interval is not None
    low, high = scene.interval
    name = scene.axes[0]
    profile = tuple(p.strategies.index(s.strip()) for p, s in zip(game.players, scene.outcome.split(","),
                                                                     strict=True))
    assert _is_equilibrium(game, profile, {name: low})
    assert _is_equilibrium(game, profile, {name: high})
    ((w0, _),) = scene.window
    if low > w0:
        assert not _is_equilibrium(game, profile, {name: low - Fraction(1, 1000)})
    svg = render_svg(game, "region")
    assert negsolve_fmt(low) in _texts(svg)


@pytest.mark.parametrize("name,what", [("default-button", "region"), ("entry-deterrence", "payoff-space"),
                                       ("centipede", "payoff-space")])
def test_small_trees_draw_their_reduced_form_pictures(name: str, what: str) -> None:
    svg = render_svg(negsolve.load_game(name), what)
    assert negsolve.load_game(name).title in " ".join(_texts(svg))


@pytest.mark.parametrize("name,axes", [("freeze-for-freeze", ["s", "c"]), ("alliance-assurance", None),
                                       ("head-on-collision", None)])
def test_region_map_is_exact_against_brute_force(name: str, axes: list[str] | None) -> None:
    """Every pure outcome: inside its drawn region iff it is an equilibrium there (random rational points)."""
    from negsolve.draw.region_map import region_map_scene

    game = negsolve.load_game(name)
    scene = region_map_scene(game, {}, axes)
    by_label = {r.label: r for r in scene.regions}
    rng = random.Random(13)
    names = scene.axes
    for _ in range(40):
        at = {a: lo + (hi - lo) * Fraction(rng.randint(0, 30), 30) for a, (lo, hi) in zip(names, scene.window,
                                                                                         strict=True)}
        found = _brute_pure_equilibria(payoff_table(game, at))
        for profile in game.profiles():
            label = ", ".join(p.strategies[s] for p, s in zip(game.players, profile, strict=True))
            region = by_label.get(label)
            if region is None:
                inside = False
            elif len(names) == 2:
                inside = _inside(region.polygon, (at[names[0]], at[names[1]]))
            else:
                inside = region.interval is not None and region.interval[0] <= at[names[0]] <= region.interval[1]
            assert inside == (profile in found), (label, at)
    svg = render_svg(game, "region", outcome="all", axes=axes)
    assert len(_by_class(svg, "region")) == len(scene.regions)


def test_region_axis_windows_and_errors() -> None:
    game = negsolve.load_game("freeze-for-freeze")
    svg = render_svg(game, "region", axes=["c=0:2", "r=0:3"])
    assert {"0", "2", "3"} <= set(_texts(svg))
    with pytest.raises(InputError):
        render_svg(game, "region", axes=["c=2:1"])
    with pytest.raises(InputError):
        render_svg(game, "region", axes=["nope"])


@pytest.mark.parametrize("name", ["head-on-collision", "battle-of-the-sexes", "entry-deterrence"])
def test_payoff_space_shows_the_solvers_facts(name: str) -> None:
    from negsolve.deals.geometry import contains
    from negsolve.draw.payoff_space import payoff_space_scene

    game = negsolve.load_game(name)
    scene = payoff_space_scene(game, {})
    for p in scene.outcomes:
        assert contains(list(scene.hull), p)
    for p in scene.correlated:
        assert contains(list(scene.hull), p)
    for p in scene.equilibria:  # every Nash equilibrium is a correlated equilibrium
        assert not scene.correlated_complete or contains(list(scene.correlated), p)
    svg = render_svg(game, "payoff-space")
    assert len(_by_class(svg, "equilibrium")) == len(scene.equilibria)
    assert _by_class(svg, "frontier")


def _random_tree(seed: int, n_players: int = 2) -> GameTree:
    rng = random.Random(seed)
    nodes: list[Node] = []

    def build(node_id: str, depth: int) -> None:
        if depth >= 4 or (depth > 0 and rng.random() < 0.35):
            pay = tuple(Number(Fraction(rng.randint(-9, 9))) for _ in range(n_players))
            nodes.append(Node(node_id, TERMINAL, outcome=Outcome(pay)))
            return
        k = rng.randint(2, 3)
        kids = tuple(f"{node_id}.{i}" for i in range(k))
        moves = tuple(rng.choice(["Up", "Down", "Wait", "Hold on", "Go"]) + str(i) for i in range(k))
        nodes.append(Node(node_id, DECISION, kids, moves, player=depth % n_players))
        for kid in kids:
            build(kid, depth + 1)

    build("r", 0)
    return GameTree("Random tree", tuple(f"Player {i + 1}" for i in range(n_players)), tuple(nodes))


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10**6))
def test_random_trees_have_no_overlapping_labels(seed: int) -> None:
    tree = _random_tree(seed)
    svg = render_svg(tree, "tree")
    assert overlaps(svg) == []
    assert len(_by_class(svg, "payoffs")) == sum(1 for n in tree.nodes if n.kind == TERMINAL)


def test_tree_marks_the_plan_and_ties() -> None:
    from negsolve.draw.tree import tree_scene
    from negsolve.solvers.backward import solve_tree

    tree = negsolve.load_game("talks-about-talks")
    result = solve_tree(tree)
    scene = tree_scene(tree, {})
    plan = result.equilibria[0].plan
    for node_id, move in plan.items():
        drawn = scene.nodes[node_id]
        k = next(i for i, text in enumerate(drawn.moves) if text.startswith(move))
        assert drawn.chosen[k] > 0
    differing = {nid for nid in plan if len({str(eq.plan.get(nid)) for eq in result.equilibria}) > 1}
    assert differing and {n.id for n in scene.nodes.values() if n.tie} == differing
    assert scene.infosets  # information sets are linked


def test_large_tree_is_collapsed() -> None:
    nodes = []
    n = 400
    for k in range(n):
        nodes.append(Node(f"t{k}", DECISION, (f"x{k}", f"t{k + 1}"), ("Take", "Pass"), player=k % 2))
        nodes.append(Node(f"x{k}", TERMINAL, outcome=Outcome((Number(Fraction(k)), Number(Fraction(-k))))))
    nodes.append(Node(f"t{n}", TERMINAL, outcome=Outcome((Number(Fraction(0)), Number(Fraction(0))))))
    # preorder: t0, x0, t1, x1, ...
    tree = GameTree("Long centipede", ("Ann", "Ben"), tuple(nodes))
    svg = render_svg(tree, "tree")
    assert any("nodes not drawn" in t for t in _texts(svg))
    assert len(_by_class(svg, "mover")) <= 300
    assert overlaps(svg) == []


def test_results_and_games_display_in_notebooks() -> None:
    game = negsolve.load_game("stag-hunt")
    result = negsolve.solve(game)
    svg = result._repr_svg_()
    assert svg is not None and len(_by_class(svg, "equilibrium")) == sum(1 for e in result.equilibria if e.pure)
    assert game._repr_svg_().startswith("<svg")
    assert game._mime_()[0] == "image/svg+xml"
    tree = negsolve.load_game("entry-deterrence")
    assert "Enter" in _texts(negsolve.solve(tree)._repr_svg_())
    assert render_result_svg(result) == svg


def test_text_is_escaped() -> None:
    from negsolve.draw.svg import Svg

    svg = Svg(10, 10)
    svg.text(1, 1, "a < b & \"c\"")
    ET.fromstring(svg.to_string())
    assert "a &lt; b &amp;" in svg.to_string()


