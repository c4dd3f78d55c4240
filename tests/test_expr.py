"""The safe expression parser: exact numbers, precedence, refusal of anything that is not arithmetic."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from negsolve.expr import ExpressionError, parse_expression, parse_number
from negsolve.model.expression import Binary, EvaluationError, Negate, Number, Power, Variable, evaluate, variables

VALUES = {"s": Fraction(2), "c": Fraction(1, 3), "delta": Fraction(9, 10)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("3", Fraction(3), id="integer"),
        pytest.param("-0.25", Fraction(-1, 4), id="decimal-exact"),
        pytest.param("2/3", Fraction(2, 3), id="fraction"),
        pytest.param("1e-3", Fraction(1, 1000), id="exponent-notation"),
        pytest.param("3 - s", Fraction(1), id="parameter"),
        pytest.param("1 + 2 * 3", Fraction(7), id="precedence"),
        pytest.param("(1 + 2) * 3", Fraction(9), id="parentheses"),
        pytest.param("8 / 4 / 2", Fraction(1), id="left-assoc-division"),
        pytest.param("2 - 3 - 4", Fraction(-5), id="left-assoc-subtraction"),
        pytest.param("-s**2", Fraction(-4), id="unary-minus-binds-looser-than-power"),
        pytest.param("s**-1", Fraction(1, 2), id="negative-exponent"),
        pytest.param("c * (1 - delta)", Fraction(1, 30), id="two-parameters"),
        pytest.param("--1", Fraction(1), id="double-negation"),
        pytest.param("0.1 + 0.2", Fraction(3, 10), id="no-float-rounding"),
    ],
)
def test_values(text: str, expected: Fraction) -> None:
    assert evaluate(parse_expression(text, VALUES.keys()), VALUES) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("__import__('os').system('echo hi')", "unexpected character \"'\"", id="import-call"),
        pytest.param("open", "unknown parameter 'open'", id="builtin-name"),
        pytest.param("s.real", "unexpected character '.'", id="attribute"),
        pytest.param("abs(s)", "function calls are not allowed", id="function-call"),
        pytest.param("s[0]", "unexpected character '['", id="indexing"),
        pytest.param("1; 2", "unexpected character ';'", id="statement"),
        pytest.param("lambda: 1", "unexpected character ':'", id="lambda"),
        pytest.param("2 ** s", "the exponent after ** must be a whole number", id="symbolic-exponent"),
        pytest.param("2 ** 100", "exponent 100 is too large", id="huge-exponent"),
        pytest.param("2 ** 1.5", "the exponent after ** must be a whole number", id="fractional-exponent"),
        pytest.param("1 +", "expected a number, a parameter or '(' but found the end", id="dangling-operator"),
        pytest.param("(1 + 2", "expected ')' but found the end", id="unclosed"),
        pytest.param("1 2", "expected an operator but found '2'", id="missing-operator"),
        pytest.param("", "empty payoff expression", id="empty"),
        pytest.param("x", "unknown parameter 'x'", id="undeclared"),
    ],
)
def test_refused(text: str, message: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse_expression(text, VALUES.keys())
    assert message in info.value.message


def test_unknown_parameter_suggests_the_nearest() -> None:
    with pytest.raises(ExpressionError) as info:
        parse_expression("3 - ss", VALUES.keys())
    assert info.value.hint == "did you mean 's'?"
    assert info.value.column == 5


def test_division_by_zero_is_an_evaluation_error() -> None:
    with pytest.raises(EvaluationError):
        evaluate(parse_expression("1 / (s - 2)", VALUES.keys()), VALUES)


def test_parse_number_rejects_names() -> None:
    assert parse_number(" -2/4 ") == Fraction(-1, 2)
    with pytest.raises(ExpressionError):
        parse_number("s")


def test_variables() -> None:
    assert variables(parse_expression("s * c - s / 2 + 1")) == {"s", "c"}


_leaf = st.one_of(
    st.fractions(min_value=-20, max_value=20, max_denominator=7).map(Number),
    st.sampled_from(sorted(VALUES)).map(Variable),
)


def _extend(children):  # type: ignore[no-untyped-def]
    return st.one_of(
        st.builds(Binary, st.sampled_from("+-*"), children, children),
        st.builds(Negate, children),
        st.builds(Power, children, st.integers(0, 3)),
    )


@given(st.recursive(_leaf, _extend, max_leaves=12))
def test_printed_expressions_parse_back_to_the_same_value(expr) -> None:  # type: ignore[no-untyped-def]
    reparsed = parse_expression(str(expr), VALUES.keys())
    assert evaluate(reparsed, VALUES) == evaluate(expr, VALUES)
