"""The safe expression parser: payoff text -> expression tree.

Grammar (precedence low to high)::

    expr   := term (('+' | '-') term)*
    term   := unary (('*' | '/') unary)*
    unary  := ('+' | '-') unary | power
    power  := atom ('**' unary_int)?
    atom   := NUMBER | NAME | '(' expr ')'

NUMBER is an integer, a decimal (``0.25``, ``1e-3``) or is written as a fraction with
``/``; every number is read exactly as a :class:`fractions.Fraction`.  NAME must be a
declared parameter.  Exponents must be integer literals with ``|e| <= 12``.  Nothing else
is accepted: no function calls, attributes, indexing or other operators, and the text is
never handed to ``eval``, ``exec`` or sympy's parsers.

Limits (:mod:`negsolve.limits`): digits are ASCII only; a literal has at most 1,000 digits
and a decimal exponent of at most 1,000 in absolute value; every constant part is folded
into one exact number whose numerator and denominator stay within 4,096 bits (a power is
checked before it is computed); parentheses and signs nest at most 50 deep, so the
recursive-descent parser never meets Python's recursion limit.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from fractions import Fraction

from negsolve.limits import MAX_BITS, MAX_EXPRESSION_DEPTH, LimitError, out_of_range, parse_literal
from negsolve.model.expression import (
    Binary,
    EvaluationError,
    Expr,
    Negate,
    Number,
    Power,
    Variable,
    evaluate,
    variables,
)

MAX_EXPONENT = 12
MAX_LENGTH = 500

_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>\*\*|[-+*/()]))",
    re.ASCII,  # "١٢" is not a number here
)


class ExpressionError(ValueError):
    """Text that is not a valid payoff expression; ``column`` is 1-based within the text."""

    def __init__(self, message: str, column: int | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.column = column
        self.hint = hint


@dataclass
class _Token:
    kind: str
    text: str
    column: int


def _tokenize(text: str) -> list[_Token]:
    tokens = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            bad = text[pos:].lstrip()
            col = len(text) - len(bad) + 1
            raise ExpressionError(
                f"unexpected character {bad[0]!r} in payoff expression {text!r}",
                col,
                "numbers are written with the ASCII digits 0-9" if bad[0].isdigit() else
                "payoffs may use numbers, parameter names, + - * / ** and parentheses",
            )
        kind = match.lastgroup or ""
        tokens.append(_Token(kind, match.group(kind), match.start(kind) + 1))
        pos = match.end()
    tokens.append(_Token("end", "", len(text) + 1))
    return tokens


def _fold(expr: Expr, text: str) -> Expr:
    """Constant parts become one exact Number, so "2/3" reads as the number 2/3."""
    if not variables(expr):
        try:
            return Number(evaluate(expr, {}))
        except EvaluationError as exc:
            shown = text if len(text) <= 60 else text[:57] + "..."
            message = str(exc)
            if "too large" in message:  # the operands are folded numbers: show the text instead
                message = (f"the exact value of {shown!r} is too large: beyond the limit of {MAX_BITS} bits "
                           "for a numerator or denominator")
                raise ExpressionError(message) from None
            raise ExpressionError(f"{message} (in {shown!r})") from None
    return expr


class _Parser:
    def __init__(self, text: str, names: Collection[str] | None):
        self.text = text
        self.names = names
        self.tokens = _tokenize(text)
        self.pos = 0
        self.depth = 0  # open parentheses and signs: bounded so the recursion stays shallow

    def enter(self, tok: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_EXPRESSION_DEPTH:
            raise ExpressionError(f"the expression nests parentheses and signs more than {MAX_EXPRESSION_DEPTH} "
                                  "deep", tok.column, "simplify the expression")

    def peek(self) -> _Token:
        return self.tokens[self.pos]

    def take(self) -> _Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def error(self, tok: _Token, what: str) -> ExpressionError:
        found = "the end" if tok.kind == "end" else repr(tok.text)
        return ExpressionError(f"expected {what} but found {found} in {self.text!r}", tok.column)

    def parse(self) -> Expr:
        expr = self.expr()
        if self.peek().kind != "end":
            raise self.error(self.peek(), "an operator")
        return expr

    def expr(self) -> Expr:
        left = self.term()
        while self.peek().text in ("+", "-") and self.peek().kind == "op":
            op = self.take().text
            left = _fold(Binary(op, left, self.term()), self.text)
        return left

    def term(self) -> Expr:
        left = self.unary()
        while self.peek().text in ("*", "/") and self.peek().kind == "op":
            op = self.take().text
            left = _fold(Binary(op, left, self.unary()), self.text)
        return left

    def unary(self) -> Expr:
        tok = self.peek()
        if tok.kind == "op" and tok.text in ("+", "-"):
            self.take()
            self.enter(tok)
            operand = self.unary()
            self.depth -= 1
            if tok.text == "+":
                return operand
            if isinstance(operand, Number):
                return Number(-operand.value)
            return Negate(operand)
        return self.power()

    def power(self) -> Expr:
        base = self.atom()
        if self.peek().kind == "op" and self.peek().text == "**":
            self.take()
            sign = 1
            while self.peek().kind == "op" and self.peek().text in ("+", "-"):
                if self.take().text == "-":
                    sign = -sign
            tok = self.take()
            if tok.kind != "number" or not tok.text.isdigit():
                raise ExpressionError(
                    f"the exponent after ** must be a whole number, found {tok.text or 'the end'!r} in {self.text!r}",
                    tok.column,
                )
            exponent = sign * int(tok.text) if len(tok.text) <= 6 else sign * 10**6
            if abs(exponent) > MAX_EXPONENT:
                raise ExpressionError(
                    f"exponent {exponent} is too large (at most {MAX_EXPONENT}) in {self.text!r}", tok.column
                )
            return _fold(Power(base, exponent), self.text)
        return base

    def atom(self) -> Expr:
        tok = self.take()
        if tok.kind == "number":
            try:
                value = parse_literal(tok.text)
            except LimitError as exc:
                raise ExpressionError(out_of_range(tok.text, exc), tok.column) from None
            assert value is not None  # the token pattern only matches literals
            return Number(value)
        if tok.kind == "name":
            if self.names is not None and tok.text not in self.names:
                hint = None
                if self.names:
                    import difflib

                    close = difflib.get_close_matches(tok.text, list(self.names), n=1)
                    hint = f"did you mean {close[0]!r}?" if close else "declared: " + ", ".join(sorted(self.names))
                else:
                    hint = "declare it under [parameters]"
                if self.peek().kind == "op" and self.peek().text == "(":
                    raise ExpressionError(f"function calls are not allowed: {self.text!r}", tok.column)
                raise ExpressionError(f"unknown parameter {tok.text!r} in {self.text!r}", tok.column, hint)
            return Variable(tok.text)
        if tok.kind == "op" and tok.text == "(":
            self.enter(tok)
            inner = self.expr()
            self.depth -= 1
            closing = self.take()
            if closing.text != ")":
                raise self.error(closing, "')'")
            return inner
        raise self.error(tok, "a number, a parameter or '('")


def parse_expression(text: str, names: Collection[str] | None = None) -> Expr:
    """Parse payoff ``text`` into an expression tree.

    Parameters
    ----------
    text:
        The payoff as written, e.g. ``"3 - s"`` or ``"2/3"``.
    names:
        The declared parameter names; any other name is an error.  ``None`` accepts any name.

    Raises
    ------
    ExpressionError
        With a message, the 1-based column and sometimes a hint.
    """
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"payoff expression is longer than {MAX_LENGTH} characters")
    if not text.strip():
        raise ExpressionError("empty payoff expression")
    return _Parser(text, names).parse()


def parse_number(text: str) -> Fraction:
    """An exact number from text: ``"3"``, ``"-0.25"``, ``"2/3"``, ``"1e-3"``; nothing else."""
    return evaluate(parse_expression(text.strip(), names=()), {})


def format_number(value: Fraction) -> str:
    """Exact text of a rational: ``"3"``, ``"-1/3"``."""
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
