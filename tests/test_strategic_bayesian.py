"""negsolve.solvers.bayesian: the ex-ante form against its definition, and solve_bayesian's arguments
(tests that say no, issue 16).

The ex-ante payoff of a plan profile is the prior expectation over type profiles,
:math:`U_i(\\pi) = \\sum_t \\pi(t) u_i(t, \\pi_1(t_1), \\pi_2(t_2))`; it is computed here by brute force
from the game's own numbers and compared with both the symbolic form (``exante_form``, evaluated)
and the numeric one (``exante_table``).  One cell by hand: Ann's plan "A if H, A if L" against X
pays Ann 1/2 * 2 + 1/2 * 1 = 3/2 and Bob 1/2 * 1 + 1/2 * 0 = 1/2 at p = 1/2.
"""

from __future__ import annotations

import itertools
import shutil
from fractions import Fraction as F

import pytest

import negsolve
from negsolve.errors import SolverError
from negsolve.model.bayesian import bayesian_values
from negsolve.model.strategic import payoff_table
from negsolve.progress import Budget
from negsolve.solvers.bayesian import exante_form, exante_table, interim_best, solve_bayesian

GAME = """
[game]
title = "Two types"
summary = "A small game with types."
source = "hand-made"
[parameters]
p = { value = "1/2", min = 0, max = 1 }
c = { value = 1 }
[[players]]
name = "Ann"
types = ["H", "L"]
prior = PRIOR
strategies = ["A", "B"]
about = "knows her type"
[[players]]
name = "Bob"
strategies = ["X", "Y"]
about = "does not"
[payoffs."H"]
"A" = [[2, 1], [0, 0]]
"B" = [[0, 0], [1, 2]]
[payoffs."L"]
"A" = [["c", 0], [2, 2]]
"B" = [[0, 1], [2, 0]]
"""
# (type, Ann's action, Bob's action) -> (Ann's payoff, Bob's payoff), as in GAME
U = {("H", 0, 0): (2, 1), ("H", 0, 1): (0, 0), ("H", 1, 0): (0, 0), ("H", 1, 1): (1, 2),
     ("L", 0, 0): ("c", 0), ("L", 0, 1): (2, 2), ("L", 1, 0): (0, 1), ("L", 1, 1): (2, 0)}
SYMBOLIC = GAME.replace("PRIOR", '{ "H" = "p", "L" = "1 - p" }')
NUMERIC = GAME.replace("PRIOR", '{ "H" = "1/2", "L" = "1/2" }')


def brute_exante(p: F, c: F) -> list[tuple[F, F]]:
    """Ann's plans (action if H, action if L) in product order, against Bob's X then Y."""
    def u(key: tuple[str, int, int], i: int) -> F:
        value = U[key][i]
        return c if value == "c" else F(value)

    cells = []
    for h, low in itertools.product(range(2), repeat=2):
        for bob in range(2):
            cells.append(tuple(p * u(("H", h, bob), i) + (1 - p) * u(("L", low, bob), i) for i in range(2)))
    return cells  # type: ignore[return-value]


@pytest.mark.parametrize("text, p, c", [
    pytest.param(NUMERIC, F(1, 2), F(1), id="numeric-prior"),
    pytest.param(NUMERIC, F(1, 2), F(3), id="numeric-prior-payoff-parameter"),
    pytest.param(SYMBOLIC, F(1, 2), F(1), id="symbolic-prior"),
    pytest.param(SYMBOLIC, F(1, 3), F(3), id="symbolic-prior-overridden"),
])
def test_exante_form_and_table_are_the_prior_expectation(text: str, p: F, c: F) -> None:
    game = negsolve.loads_game(text)
    overrides = {"p": p, "c": c}
    expected = brute_exante(p, c)
    assert expected[0] == (F(3, 2), F(1, 2)) or (p, c) != (F(1, 2), F(1))  # the cell worked by hand above
    symbolic = payoff_table(exante_form(game).game, overrides)
    assert list(symbolic.payoffs) == expected
    numeric, plans = exante_table(bayesian_values(game, overrides))
    assert list(numeric.payoffs) == expected and plans == [((0, 0), (0, 1), (1, 0), (1, 1)), ((0,), (1,))]


def test_exante_form_keeps_the_game_descriptions() -> None:
    form = exante_form(negsolve.loads_game(SYMBOLIC, "two-types.toml")).game
    assert form.title == "Two types (ex-ante form)"
    # the file's [game] source is the model's reference; the model's source is the file name
    assert (form.summary, form.reference, form.source) == ("A small game with types.", "hand-made", "two-types.toml")
    assert [(pl.name, pl.about) for pl in form.players] == [("Ann", "knows her type"), ("Bob", "does not")]
    assert form.players[0].strategies == ("A if H, A if L", "A if H, B if L", "B if H, A if L", "B if H, B if L")
    assert form.players[1].strategies == ("X", "Y")


def test_interim_best_says_no_to_a_type_that_could_do_better() -> None:
    values = bayesian_values(negsolve.loads_game(SYMBOLIC), {"p": F(1, 2)})
    pure = (F(1), F(0)), (F(0), F(1))
    # Bob plays Y: type H's best is B (1 > 0), type L's is A or B (2 = 2); Bob's Y pays 2 * 1/2 + 2 * 1/2
    # against (B if H, A if L), more than X's 1/2 * 0 + 1/2 * 0
    assert interim_best(values, ((pure[1], pure[0]), (pure[1],)))
    # type H playing A against Y gets 0 instead of 1
    assert not interim_best(values, ((pure[0], pure[0]), (pure[1],)))
    # Bob playing X against (B if H, A if L) gets 0 instead of 2
    assert not interim_best(values, ((pure[1], pure[0]), (pure[0],)))


def test_solve_bayesian_passes_its_arguments_on() -> None:
    game = negsolve.loads_game(SYMBOLIC)
    assert solve_bayesian(game, {"p": F(1, 3)}).parameter_values == {"p": F(1, 3), "c": 1}
    budget = Budget()
    budget.cancel()
    stopped = solve_bayesian(game, None, "exact", budget)
    assert (stopped.complete, stopped.stopped) == (False, "interrupted")


@pytest.mark.skipif(shutil.which("lrsnash") is None, reason="lrsnash is not installed (apt-get install lrslib)")
def test_solve_bayesian_uses_the_engine_asked_for() -> None:
    result = solve_bayesian(negsolve.loads_game(SYMBOLIC), None, "lrs")
    assert result.exante.method.startswith("lrsnash")
    assert result.method.startswith("ex-ante strategic form (4x2 plans) solved by: lrsnash")


PENNIES = """
[game]
title = "Pennies with types"
[[players]]
name = "Ann"
types = ["H", "L"]
prior = { "H" = "1/3", "L" = "2/3" }
strategies = ["A", "B"]
[[players]]
name = "Bob"
strategies = ["X", "Y"]
[payoffs."H"]
"A" = [[1, -1], [-1, 1]]
"B" = [[-1, 1], [1, -1]]
[payoffs."L"]
"A" = [[1, -1], [-1, 1]]
"B" = [[-1, 1], [1, -1]]
"""


def test_plan_mixes_with_the_same_behaviour_are_listed_once() -> None:
    # Both types play matching pennies, so Bob mixes 1/2 and Ann's a = P(A | H), b = P(A | L) must
    # satisfy a/3 + 2b/3 = 1/2.  The plan mixes meeting it at a vertex of the ex-ante form: on the edge
    # AA-BB a = b = 1/2; on AB-BA also a = b = 1/2 (a/3 + 2(1 - a)/3 = 1/2); on AA-AB a = 1, b = 1/4;
    # on BB-BA a = 0, b = 3/4.  Four extreme equilibria, three behaviours.
    result = solve_bayesian(negsolve.loads_game(PENNIES))
    h, q = F(1, 2), F(1, 4)
    assert {e.strategies for e in result.equilibria} == {
        (((h, h), (h, h)), ((h, h),)), (((F(1), F(0)), (q, 1 - q)), ((h, h),)),
        (((F(0), F(1)), (1 - q, q)), ((h, h),))}
    assert len(result.exante.equilibria) == 4
    assert result.notes[0] == ("the ex-ante form has 4 extreme equilibria; several mix plans that induce "
                               "the same per-type strategies, so they are listed once")


THREE = """
[game]
title = "Three with types"
[[players]]
name = "Ann"
types = ["H", "L"]
prior = { "H" = "1/2", "L" = "1/2" }
strategies = ["A", "B"]
[[players]]
name = "Bob"
strategies = ["X", "Y"]
[[players]]
name = "Cat"
strategies = ["Z0", "Z1"]
[payoffs."H".Z0]
"A" = [[1, 1, 1], [1, 0, 1]]
"B" = [[0, 1, 1], [0, 0, 1]]
[payoffs."H".Z1]
"A" = [[1, 1, 0], [1, 0, 0]]
"B" = [[0, 1, 0], [0, 0, 0]]
[payoffs."L".Z0]
"A" = [[0, 1, 1], [0, 0, 1]]
"B" = [[1, 1, 1], [1, 0, 1]]
[payoffs."L".Z1]
"A" = [[0, 1, 0], [0, 0, 0]]
"B" = [[1, 1, 0], [1, 0, 0]]
"""


def test_three_players_get_the_pure_equilibria_of_the_exante_form() -> None:
    # strictly dominant actions: Ann A if H and B if L (1 against 0), Bob X, Cat Z0; each pays 1
    result = solve_bayesian(negsolve.loads_game(THREE))
    one, zero = F(1), F(0)
    assert [(e.strategies, e.payoffs) for e in result.equilibria] == [
        ((((one, zero), (zero, one)), ((one, zero),), ((one, zero),)), (1, 1, 1))]
    assert (result.scope, result.exante.scope) == ("pure", "pure")
    assert result.exante.method == "pure profiles of the ex-ante form, checked exhaustively"
    assert result.method.startswith("ex-ante strategic form (4x2x2 plans) solved by: pure profiles of the ex-ante form")


@pytest.mark.timeout(60)  # a size check that let this through would build a 354294-cell form
def test_an_exante_form_too_large_is_refused() -> None:
    # Ann: 3 actions and 11 types, 3 ** 11 = 177147 plans; Bob's 2 make 354294 plan profiles > 200000
    types = [f"t{k}" for k in range(11)]
    blocks = "".join(f'[payoffs."{t}"]\n"A" = [[0, 0], [0, 0]]\n"B" = [[0, 0], [0, 0]]\n"C" = [[0, 0], [0, 0]]\n'
                     for t in types)
    prior = ", ".join(f'"{t}" = "1/11"' for t in types)
    text = (f'[game]\ntitle = "Many types"\n[[players]]\nname = "Ann"\ntypes = {types!r}\nprior = {{ {prior} }}\n'
            f'strategies = ["A", "B", "C"]\n[[players]]\nname = "Bob"\nstrategies = ["X", "Y"]\n{blocks}')
    game = negsolve.loads_game(text.replace("'", '"'))
    with pytest.raises(SolverError) as caught:
        exante_form(game)
    assert str(caught.value) == ("the ex-ante form has 354294 plan profiles, more than 200000: "
                                 "too large to solve exactly")
