"""A condition on one parameter in words and as sympy text: hand-derived solution sets of non-linear
conditions (:meth:`negsolve.analysis.symbolic.Condition.words`), and the sympy-parsable form of a union of
intervals (:func:`negsolve.analysis.univariate.sympy_condition`) read back by sympy and checked against the
membership it was built from."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
import sympy
from hypothesis import example, given, settings
from hypothesis import strategies as st

from negsolve.analysis.symbolic import Condition
from negsolve.analysis.univariate import Interval, intersect, piecewise_set, sympy_condition

S = sympy.Symbol("s", real=True)

WORDS = [  # (expression, strict, the set where expression >= 0 (> 0 when strict), by hand)
    (-(S - 1) ** 2 * (S - 2) ** 2, False, "s = 1 or s = 2"),   # a square, <= 0: zero only at its roots
    (-(S - 1) ** 2 * (S - 2) ** 2, True, "never"),
    ((S - 1) ** 2 * (S - 2), False, "s = 1 or s >= 2"),        # the double root 1 is an isolated point
    ((S - 1) ** 2 * (S - 2), True, "s > 2"),
    ((S - 1) * (S - 2), True, "s < 1 or s > 2"),
    (-(S - 1) ** 2, False, "s = 1"),
    (S ** 2 + 1, True, "always"),
]


@pytest.mark.parametrize("expr,strict,expected", WORDS, ids=[f"{e}{'>' if s else '>='}0" for e, s, _ in WORDS])
def test_a_non_linear_condition_in_words(expr, strict: bool, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert Condition(expr, strict, None).words() == expected


def _holds(text: str, x: F) -> bool:
    parsed = sympy.sympify(sympy.parse_expr(text, local_dict={"s": S}))  # "True" parses to Python's True
    value = parsed.subs(S, sympy.Rational(x.numerator, x.denominator))
    assert value in (sympy.true, sympy.false), (text, x, value)
    return bool(value)


def _probes(points: list[F]) -> list[F]:
    """The points themselves, one inside each gap between them, and one beyond each end."""
    if not points:
        return [F(0)]
    inner = [(a + b) / 2 for a, b in zip(points, points[1:], strict=False)]
    return [points[0] - 1, *points, *inner, points[-1] + 1]


membership = st.lists(st.fractions(min_value=-5, max_value=5, max_denominator=4), max_size=4, unique=True).flatmap(
    lambda pts: st.tuples(st.just(sorted(pts)), st.lists(st.booleans(), min_size=2 * len(pts) + 1,
                                                          max_size=2 * len(pts) + 1)))


def _member(points: list[F], bits: list[bool]):  # type: ignore[no-untyped-def]
    """Membership that is bits[2k] on the k-th gap and bits[2k + 1] at the k-th point."""
    def member(x: F) -> bool:
        k = sum(1 for p in points if p < x)
        return bits[2 * k + 1] if k < len(points) and points[k] == x else bits[2 * k]
    return member


@settings(max_examples=60, deadline=None)
@given(membership)
@example(([], [True]))                    # every value: the condition is simply True
@example(([], [False]))                   # no value
@example(([F(1)], [False, True, False]))  # one point: Eq(s, 1)
def test_the_sympy_condition_holds_exactly_on_the_set(case: tuple[list[F], list[bool]]) -> None:
    points, bits = case
    member = _member(points, bits)
    intervals = piecewise_set(points, member)
    text = sympy_condition(intervals, "s")
    for x in _probes(points):
        assert _holds(text, x) == member(x), (text, x)


@settings(max_examples=60, deadline=None)
@given(membership, membership)
@example(([], [True]), ([F(-1), F(1)], [False, True, True, True, False]))      # the whole domain: True
@example(([F(0)], [False, False, True]),                                         # the upper piece of two
         ([F(-2), F(-1), F(1), F(2)], [False, True, True, True, False, True, True, True, False]))
@example(([F(-3, 2), F(3, 2)], [False, True, True, True, False]),               # a part of each piece
         ([F(-2), F(-1), F(1), F(2)], [False, True, True, True, False, True, True, True, False]))
def test_within_a_domain_the_condition_holds_exactly_on_the_set(
        case: tuple[list[F], list[bool]], domain_case: tuple[list[F], list[bool]]) -> None:
    # the domain may come in pieces (a parameter whose chance probabilities are >= 0 on two intervals):
    # inside it, the condition must hold exactly where the membership does, bounds left out or not
    points, bits = case
    member, in_domain = _member(points, bits), _member(*domain_case)
    domain = piecewise_set(domain_case[0], in_domain)
    intervals = intersect(piecewise_set(points, member), domain)
    text = sympy_condition(intervals, "s", domain)
    for x in _probes(sorted({*points, *domain_case[0]})):
        if in_domain(x):
            assert _holds(text, x) == member(x), (text, x)


def test_the_whole_line_reads_the_same_with_or_without_a_domain() -> None:
    # the text depends on the set only: every value, given as the domain or not, is True
    line = [Interval(None, None, False, False)]
    assert sympy_condition(line, "s") == sympy_condition(line, "s", line) == "True"
    assert sympy_condition([], "s") == "False"


def test_the_condition_text_of_the_docstring_examples() -> None:
    # one bound reads bare, two are joined by '&' in parentheses, pieces by '|' in parentheses, a point by Eq
    # (the forms the JSON 'condition' field shows)
    assert sympy_condition([Interval(F(3, 10), None, True, False)], "p") == "p >= 3/10"
    assert sympy_condition([Interval(None, F(2), False, True)], "p") == "p <= 2"
    assert sympy_condition([Interval(F(1), F(2), False, True)], "p") == "(p > 1) & (p <= 2)"
    assert sympy_condition([Interval(F(2), F(2), True, True)], "s") == "Eq(s, 2)"
    assert sympy_condition([Interval(None, F(-1), False, False), Interval(F(1), F(2), True, False)], "p") == \
        "(p < -1) | ((p >= 1) & (p < 2))"
    # inside the domain p >= 0 the lower bound 0 holds anyway: only the upper one is said
    assert sympy_condition([Interval(F(0), F(1), True, False)], "p", [Interval(F(0), None, True, False)]) == "p < 1"
