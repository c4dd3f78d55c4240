"""The shape of a Bayesian game's tree (issue 16): chance at the root named "types", one move per
type profile named by the types of the players who have several, the prior's probabilities, and
the game's description carried over."""

from __future__ import annotations

from fractions import Fraction as F

from negsolve.io import load_game
from negsolve.model import Number
from negsolve.model.bayesian import BayesianGame, TypedPlayer
from negsolve.model.tree import CHANCE, DECISION
from negsolve.solvers.bayesian_tree import bayesian_tree


def two_typed_players(types_a: tuple[str, ...], types_b: tuple[str, ...]) -> BayesianGame:
    profiles = len(types_a) * len(types_b)
    zero = (Number(F(0)), Number(F(0)))
    return BayesianGame(
        "typed", (TypedPlayer("A", types_a, ("x", "y")), TypedPlayer("B", types_b, ("u", "v"))),
        tuple(Number(F(1, profiles)) for _ in range(profiles)), tuple((zero,) * 4 for _ in range(profiles)),
        summary="s", reference="r", source="typed.toml")


def test_the_root_draws_the_type_profiles() -> None:
    game = load_game("uncertain-incumbent")
    tree = bayesian_tree(game)
    root = tree.nodes[0]
    assert (root.id, root.kind, root.label) == ("types", CHANCE, "types drawn from the common prior")
    assert root.moves == ("High cost", "Low cost")  # the Entrant has one type: not named
    assert root.probabilities == game.prior
    assert [n.kind for n in tree.nodes if n.id in root.children] == [DECISION, DECISION]


def test_move_names_join_the_types_of_every_player_with_several() -> None:
    tree = bayesian_tree(two_typed_players(("a1", "a2"), ("b1", "b2")))
    assert tree.nodes[0].moves == ("a1 / b1", "a1 / b2", "a2 / b1", "a2 / b2")
    assert len(tree.nodes) == 1 + 4 * (1 + 2 + 4)  # per profile: A's node, B's two, four leaves


def test_a_game_without_private_information_has_one_type_profile() -> None:
    tree = bayesian_tree(two_typed_players(("A",), ("B",)))
    assert tree.nodes[0].moves == ("the only type profile",)
    assert tree.nodes[0].probabilities == (Number(F(1)),)


def test_the_description_is_carried_over() -> None:
    game = two_typed_players(("a1", "a2"), ("B",))
    tree = bayesian_tree(game)
    assert (tree.title, tree.players, tree.summary, tree.reference, tree.source) == (
        "typed", ("A", "B"), "s", "r", "typed.toml")
    real = load_game("uncertain-incumbent")
    assert bayesian_tree(real).reference == real.reference and real.reference.startswith("Fudenberg and Tirole")
