"""``--outcome`` for games with types (:mod:`negsolve.analysis.bayesian_stability`): every accepted
spelling of the same per-type strategies, every refusal with its exact message and hint, and the
parameter values reaching both the prior check and the stability report.

uncertain-incumbent: the Incumbent has types (High cost, Low cost) and strategies (Build, Don't build);
the Entrant has no types and strategies (Enter, Stay out).  The ex-ante form lists the Incumbent's plans
as (High cost's action, Low cost's action) in the order (B, B), (B, D), (D, B), (D, D).
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from negsolve.analysis.bayesian_stability import bayesian_stability, parse_bayesian_outcome
from negsolve.errors import InputError
from negsolve.io import load_game
from negsolve.solvers.bayesian import exante_form

GAME = load_game("uncertain-incumbent")
FORM = exante_form(GAME)
TYPES_HINT = "types: High cost, Low cost"
STRATEGIES_HINT = "strategies: Build, Don't build"
USAGE = ("give one entry per player (Incumbent, Entrant), separated by commas; a player with types gives one "
         "action per type separated by '/', e.g. \"Don't build/Build,Stay out\"")


@pytest.mark.parametrize("text,profile", [
    ("Don't build/Build,Stay out", (2, 1)),                      # one action per type, in the types' order
    ("Low cost=Build/High cost=Don't build,Stay out", (2, 1)),   # Type=Action pairs, any order
    ("high COST = don't build / low cost = build , stay out", (2, 1)),  # case and spaces do not matter
    ("Don't build if High cost, Build if Low cost,Stay out", (2, 1)),   # the plan label (it has commas)
    ("Build,Enter", (0, 0)),                                     # one action for every type
    ("Build if High cost, Don't build if Low cost,Enter", (1, 0)),
], ids=["per-type", "named", "loose-spelling", "plan-label", "same-for-all-types", "plan-label-2"])
def test_accepted_outcomes(text: str, profile: tuple[int, int]) -> None:
    assert parse_bayesian_outcome(GAME, FORM, text) == profile


def _problems(text: str) -> list[tuple[str, str | None]]:
    with pytest.raises(InputError) as info:
        parse_bayesian_outcome(GAME, FORM, text)
    return [(p.message, p.hint) for p in info.value.problems]


@pytest.mark.parametrize("text,problems", [
    ("Biuld/Build,Stay out", [("--outcome: 'Biuld' is not a strategy of Incumbent", "did you mean 'Build'?")]),
    # a looser match still gets a suggestion: 'Dont' is 53 % like "Don't build"
    ("Dont,Stay out", [("--outcome: 'Dont' is not a strategy of Incumbent", "did you mean \"Don't build\"?")]),
    ("Wait,Stay out", [("--outcome: 'Wait' is not a strategy of Incumbent", STRATEGIES_HINT)]),
    ("Biuld/Wait,Stay out", [("--outcome: 'Biuld' is not a strategy of Incumbent", "did you mean 'Build'?"),
                             ("--outcome: 'Wait' is not a strategy of Incumbent", STRATEGIES_HINT)]),
    ("Low cost=Biuld/High cost=Build,Enter",
     [("--outcome: 'Biuld' is not a strategy of Incumbent", "did you mean 'Build'?")]),
    # the first '=' ends the type's name
    ("High cost=Build=x/Low cost=Build,Stay out",
     [("--outcome: 'Build=x' is not a strategy of Incumbent", "did you mean 'Build'?")]),
    ("Mid cost=Build/Low cost=Build,Stay out", [("--outcome: 'Mid cost' is not a type of Incumbent", TYPES_HINT)]),
    ("Low cost=Build,Stay out",
     [("--outcome: give an action for every type of Incumbent (High cost, Low cost)", None)]),
    ("Build/Build/Build,Enter",
     [("--outcome: 'Build/Build/Build' gives 3 actions; Incumbent has 2 types (High cost, Low cost): one action "
       "per type, separated by '/'", None)]),
    ("Build/Build,Wait", [("--outcome: 'Wait' is not a strategy of Entrant", "strategies: Enter, Stay out")]),
    ("Build", [(f"--outcome 'Build': {USAGE}", None)]),
    ("a,b,c", [(f"--outcome 'a,b,c': {USAGE}", None)]),
], ids=["typo", "loose-typo", "no-match", "two-problems", "named-typo", "two-equals", "unknown-type",
        "missing-type", "too-many-actions", "uninformed-player", "one-entry", "three-entries"])
def test_refused_outcomes(text: str, problems: list) -> None:
    assert _problems(text) == problems


def test_the_values_given_reach_the_prior_check_and_the_report() -> None:
    outcome = "Don't build/Build,Stay out"  # an equilibrium iff p <= 1/2 (tests/test_bayesian.py)
    assert bayesian_stability(GAME, outcome).equilibrium_now  # p = 1/3 by default
    report = bayesian_stability(GAME, outcome, {"p": F(2, 3)})
    assert report.values["p"] == F(2, 3) and not report.equilibrium_now
    with pytest.raises(InputError) as info:
        bayesian_stability(GAME, outcome, {"p": F(3, 2)})  # Low cost has prior 1 - 3/2 < 0
    assert [p.message for p in info.value.problems] == [
        "the prior probability of (Incumbent is Low cost) is -1/2, below 0 at the chosen parameter values"]
