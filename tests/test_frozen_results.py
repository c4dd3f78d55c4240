"""Results are immutable all the way down: the mappings inside frozen results cannot be changed.

A frozen dataclass only stops rebinding its fields; these tests change the mappings inside real
results (subgame-perfect plans, the behaviour of a tree's Nash equilibria, mixed moves inside a
plan) and expect ``TypeError``, and check that every frozen dataclass in negsolve that declares a
dict field freezes it.
"""

from __future__ import annotations

import ast
import copy
import json
import pickle
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from negsolve.io import load_game
from negsolve.model.frozen import FrozenDict, frozen
from negsolve.solvers.backward import SubgamePerfectEquilibrium, solve_tree
from negsolve.solvers.tree_strategic import nash_of_tree

CHANGES = [
    pytest.param(lambda m: m.__setitem__("new", "x"), id="setitem"),
    pytest.param(lambda m: m.__delitem__(next(iter(m))), id="delitem"),
    pytest.param(lambda m: m.update({"new": "x"}), id="update"),
    pytest.param(lambda m: m.pop(next(iter(m))), id="pop"),
    pytest.param(lambda m: m.popitem(), id="popitem"),
    pytest.param(lambda m: m.setdefault("new", "x"), id="setdefault"),
    pytest.param(lambda m: m.clear(), id="clear"),
]


def _ior(m: Any) -> None:
    m |= {"new": "x"}


@pytest.mark.parametrize("change", [*CHANGES, pytest.param(_ior, id="ior")])
def test_a_subgame_perfect_plan_cannot_change(change: Any) -> None:
    plan = solve_tree(load_game("entry-deterrence")).equilibria[0].plan
    before = dict(plan)
    with pytest.raises(TypeError):
        change(plan)
    assert plan == before


@pytest.mark.parametrize("change", CHANGES)
def test_the_parameter_values_of_a_bayesian_solve_cannot_change(change: Any) -> None:
    from negsolve.model.bayesian import BayesianGame
    from negsolve.solvers.bayesian import solve_bayesian

    game = load_game("uncertain-incumbent")
    assert isinstance(game, BayesianGame)
    values = solve_bayesian(game).parameter_values
    assert values == {"p": Fraction(1, 3)}  # the file's value of its one parameter
    with pytest.raises(TypeError):
        change(values)
    assert values == {"p": Fraction(1, 3)}


def test_a_mixed_move_inside_a_plan_cannot_change() -> None:
    result = solve_tree(load_game("talks-about-talks"))
    mixed = [move for eq in result.equilibria for move in eq.plan.values() if isinstance(move, dict)]
    assert mixed, "talks-about-talks has a subgame-perfect equilibrium that mixes"
    with pytest.raises(TypeError):
        mixed[0][next(iter(mixed[0]))] = Fraction(1)


@pytest.mark.parametrize("change", CHANGES)
def test_the_behaviour_of_a_nash_equilibrium_of_a_tree_cannot_change(change: Any) -> None:
    tree = load_game("entry-deterrence")
    nash = nash_of_tree(tree, solve_tree(tree))
    behaviour = nash.marked[0].behaviour
    with pytest.raises(TypeError):
        change(behaviour)


def test_a_result_made_from_a_plain_dict_holds_a_frozen_copy() -> None:
    plan: dict[str, Any] = {"root": "In", "mix": {"a": Fraction(1, 2), "b": Fraction(1, 2)}}
    eq = SubgamePerfectEquilibrium(plan, ("In",), (Fraction(1), Fraction(2)))
    plan["root"] = "Out"  # the caller's dict stays the caller's
    assert eq.plan == {"root": "In", "mix": {"a": Fraction(1, 2), "b": Fraction(1, 2)}}
    assert hash(eq) == hash(SubgamePerfectEquilibrium({"mix": {"b": Fraction(1, 2), "a": Fraction(1, 2)},
                                                       "root": "In"}, ("In",), (Fraction(1), Fraction(2))))


def test_a_frozen_mapping_reads_like_a_dict() -> None:
    plain = {"x": {"a": Fraction(1, 3)}, "y": "b"}
    fixed = frozen(plain)
    assert isinstance(fixed, FrozenDict) and isinstance(fixed["x"], FrozenDict)
    assert fixed == plain and repr(fixed) == repr(plain)
    assert json.dumps(frozen({"a": 1})) == '{"a": 1}'
    assert pickle.loads(pickle.dumps(fixed)) == plain and copy.deepcopy(fixed) == plain
    assert type(dict(fixed)) is dict and type(fixed | {"z": 1}) is dict


# -- every frozen dataclass with a dict field freezes it -----------------------------------------

# working records that are not results: the narrator's options (merged plan fragments) and the
# polynomial engine's support system (its dicts hold sympy ring polynomials)
NOT_RESULTS = {("explain/tree_words.py", "_Option"), ("solvers/polynomial/system.py", "SupportSystem")}


def _frozen_dataclasses() -> list[tuple[str, ast.ClassDef]]:
    root = Path(__file__).resolve().parents[1] / "negsolve"
    out = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                    isinstance(d, ast.Call) and any(k.arg == "frozen" and getattr(k.value, "value", False)
                                                    for k in d.keywords) for d in node.decorator_list):
                out.append((path.relative_to(root).as_posix(), node))
    return out


def test_every_dict_field_of_a_frozen_result_is_frozen() -> None:
    classes = _frozen_dataclasses()
    assert len(classes) > 50
    unfrozen = []
    for where, cls in classes:
        fields = [ast.unparse(s.target) for s in cls.body if isinstance(s, ast.AnnAssign)
                  and re.search(r"\bdict\b", ast.unparse(s.annotation))]
        post = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__post_init__"), None)
        frozen_names = {a.value for c in ast.walk(post) if isinstance(c, ast.Call)
                        and getattr(c.func, "id", "") == "freeze_fields"
                        for a in c.args if isinstance(a, ast.Constant)} if post else set()
        missing = [f for f in fields if f not in frozen_names]
        if missing and (where, cls.name) not in NOT_RESULTS:
            unfrozen.append(f"{where}::{cls.name}.{','.join(missing)}")
    assert unfrozen == []


def test_the_arrays_of_a_large_tree_result_are_read_only() -> None:
    import random

    from test_backward import random_tree

    from negsolve.io.efg import dumps_efg
    from negsolve.io.efg_fast import read_compact
    from negsolve.solvers.fast_backward import solve_compact

    compact = read_compact(dumps_efg(random_tree(random.Random(1), 2, 4, chance=False)))
    assert compact is not None
    result = solve_compact(compact)
    assert result is not None
    with pytest.raises(ValueError):
        result.choice[0] = 1
    assert result.plan(compact)  # still readable


def test_the_parameter_values_a_result_carries_cannot_change() -> None:
    import negsolve

    for name in ("entry-deterrence", "prisoners-dilemma"):
        result = negsolve.solve(load_game(name))
        with pytest.raises(TypeError):
            result.values["x"] = Fraction(1)
