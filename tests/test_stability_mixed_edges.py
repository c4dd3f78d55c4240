"""2x2 closed forms at their edges and concessions at overridden parameters (issue 16, late survivors).

Every expected value below is derived by hand in the test's docstring."""

from __future__ import annotations

import json
from fractions import Fraction as F

import sympy

from negsolve.analysis.concessions import Temptation, concessions
from negsolve.analysis.stability import mixed_closed_form
from negsolve.io.loader import loads_game
from negsolve.model import StrategicGame

E = sympy.Symbol("e", real=True)


def _game(row: list[list[object]], column: list[list[object]]) -> StrategicGame:
    """Row (T, D) against Col (L, R), one parameter e = 2; ``row``/``column``: each player's payoffs."""
    cells = "\n".join(f'"{name}" = [{json.dumps([row[i][0], column[i][0]])}, {json.dumps([row[i][1], column[i][1]])}]'
                      for i, name in enumerate(["T", "D"]))
    game = loads_game('[game]\ntitle = "g"\n[parameters]\ne = { value = 2 }\n'
                      '[[players]]\nname = "Row"\nstrategies = ["T", "D"]\n'
                      '[[players]]\nname = "Col"\nstrategies = ["L", "R"]\n'
                      f"[payoffs]\n{cells}\n", "g.toml")
    assert isinstance(game, StrategicGame)
    return game


def test_column_mix_is_found_when_the_row_mix_has_no_denominator() -> None:
    """Col prefers L whatever Row does (1 - 0 - 1 + 0 = 0): no row mix makes it indifferent.

    Row is indifferent when q * e = (1 - q) * 1, so q = 1/(e + 1): 1/3 at e = 2, inside (0, 1) iff e > 0."""
    game = _game([["e", 0], [0, 1]], [[1, 0], [1, 0]])
    m = mixed_closed_form(game, game.parameter_values(None))
    assert m.row_mix is None and m.row_denominator == 0
    assert sympy.simplify(m.column_mix - 1 / (E + 1)) == 0
    assert m.at_values == (None, F(1, 3))
    assert [c.words() for c in m.valid] == ["e > 0"]
    assert len(m.notes) == 1 and "row player mixing" in m.notes[0]


def test_a_row_mix_stuck_at_zero_is_never_a_proper_probability() -> None:
    """Col is indifferent when p * 1 + (1 - p) * 0 = 0, so p = 0 for every e: never strictly inside (0, 1)."""
    game = _game([["e", 0], [0, 1]], [[1, 0], [0, 0]])
    m = mixed_closed_form(game, game.parameter_values(None))
    assert m.row_mix == 0 and m.at_values == (F(0), F(1, 3))
    assert sorted(c.words() for c in m.valid) == ["e > 0", "never"]


def test_concessions_evaluate_the_table_at_the_overridden_values() -> None:
    """At e = -1, (T, L) pays Row -1 and Col 1; Row gains 0 - (-1) = 1 by playing D instead.

    (At the default e = 2 the same outcome would be self-enforcing, paying (2, 1).)"""
    game = _game([["e", 0], [0, 1]], [[1, 0], [0, 2]])
    report = concessions(game, {"e": F(-1)}, status_quo=(1, 1))
    assert report.values == {"e": F(-1)} and report.status_quo_payoffs == (F(1), F(2))
    (tl,) = [o for o in report.outcomes if o.profile == (0, 0)]
    assert tl.payoffs == (F(-1), F(1)) and tl.change == (F(-2), F(-1))
    assert not tl.self_enforcing and tl.temptations == (Temptation(0, 1, F(1)),) and tl.penalty == F(1)
