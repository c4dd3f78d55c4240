"""Small helpers that turn exact numbers and names into inline pieces (text and LaTeX at once)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

from negsolve.explain.document import Em, Inline, Math, Paragraph, Parts
from negsolve.formatting import fmt


def tex_number(value: Fraction) -> str:
    """``Fraction(-1, 3)`` -> ``-\\tfrac{1}{3}``; whole numbers as they are."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    sign = "-" if value < 0 else ""
    return f"{sign}\\tfrac{{{abs(value.numerator)}}}{{{value.denominator}}}"


def num(value: Fraction) -> Math:
    """An exact number."""
    value = Fraction(value)
    return Math(fmt(value), tex_number(value))


def vec(values: Sequence[Fraction]) -> Math:
    """A payoff vector ``(1, -1/2)``."""
    return Math("(" + ", ".join(fmt(Fraction(v)) for v in values) + ")",
                "(" + ", ".join(tex_number(Fraction(v)) for v in values) + ")")


def em(name: str) -> Em:
    return Em(name)


def and_list(items: Sequence[str], word: str = "and") -> str:
    """``["a", "b", "c"]`` -> ``"a, b and c"``."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def join_parts(pieces: Sequence[Iterable[object]], word: str = "and") -> Parts:
    """Inline pieces joined like :func:`and_list`."""
    if word in (";", ","):
        middle = last = f"{word} "
    elif word[0] in ";,":
        middle, last = f"{word[0]} ", f"{word} "
    else:
        middle, last = ", ", f" {word} "
    out: list[Inline] = []
    for k, piece in enumerate(pieces):
        if k:
            out.append(last if k == len(pieces) - 1 else middle)
        out.extend(flatten(piece))
    return tuple(out)


def em_list(names: Sequence[str], word: str = "and") -> Parts:
    return join_parts([(Em(n),) for n in names], word)


def para(*parts: Inline | Iterable[Inline]) -> Paragraph:
    """A paragraph from strings, Math, Em, or sequences of them."""
    return Paragraph(flatten(parts))


def flatten(parts: Iterable) -> Parts:  # type: ignore[type-arg]
    out: list[Inline] = []
    for part in parts:
        if isinstance(part, (str, Math, Em)):
            out.append(part)
        else:
            out.extend(flatten(part))
    return tuple(out)


def profile_parts(names: Sequence[str]) -> Parts:
    """``(Defect, Defect)`` with each strategy in italics."""
    out: list[Inline] = ["("]
    for k, name in enumerate(names):
        if k:
            out.append(", ")
        out.append(Em(name))
    out.append(")")
    return tuple(out)


# -- linear expressions such as 3q + 0(1 - q) ------------------------------------------------------

class Var:
    """A variable (or a small expression in one) as it appears after a coefficient."""

    def __init__(self, text: str, tex: str, compound: bool = False) -> None:
        self.text, self.tex, self.compound = text, tex, compound


ONE = Var("", "")


def _coefficient(value: Fraction, var: Var, explicit: bool) -> tuple[str, str]:
    """Coefficient times variable for a non-negative ``value`` (the sign is written separately)."""
    if var is ONE:
        return fmt(value), tex_number(value)
    body_text = f"({var.text})" if var.compound else var.text
    body_tex = f"({var.tex})" if var.compound else var.tex
    if value == 1 and not explicit:
        return body_text, body_tex
    if value.denominator != 1:
        return f"({fmt(value)}){body_text}", f"{tex_number(value)}{body_tex}"
    return f"{fmt(value)}{body_text}", f"{fmt(value)}{body_tex}"


def tidy_linear(coef: Fraction, var: Var, const: Fraction) -> Math:
    """``c v + d`` tidied: ``2q``, ``1 - q``, ``3q - 1``, ``0``."""
    if coef < 0 and const > 0:
        return linear([(const, ONE), (coef, var)], explicit=False, keep_zero=False)
    return linear([(coef, var), (const, ONE)], explicit=False, keep_zero=False)


def linear(terms: Sequence[tuple[Fraction, Var]], explicit: bool = True, keep_zero: bool = True) -> Math:
    """``a1 v1 + a2 v2 + ...``; with ``explicit`` every coefficient is written (``1q``, ``0(1 - q)``),
    so the numbers of the table stay visible; otherwise the expression is tidied (``q``, no zeros)."""
    text: list[str] = []
    tex: list[str] = []
    for coef, var in terms:
        coef = Fraction(coef)
        if coef == 0 and not keep_zero:
            continue
        t, x = _coefficient(abs(coef), var, explicit)
        if not text:
            text.append(("-" if coef < 0 else "") + t)
            tex.append(("-" if coef < 0 else "") + x)
        else:
            text.append((" - " if coef < 0 else " + ") + t)
            tex.append((" - " if coef < 0 else " + ") + x)
    if not text:
        return Math("0", "0")
    return Math("".join(text), "".join(tex))


def products(pairs: Sequence[tuple[Fraction, Fraction]]) -> Math:
    """``a1(p1) + a2(p2)``: payoffs weighted by probabilities, written out for a check."""
    text: list[str] = []
    tex: list[str] = []
    for k, (a, p) in enumerate(pairs):
        a, p = Fraction(a), Fraction(p)
        sign = "-" if a < 0 else "+"
        body_text = f"{fmt(abs(a))}({fmt(p)})" if a.denominator == 1 else f"({fmt(abs(a))})({fmt(p)})"
        body_tex = f"{tex_number(abs(a))}\\cdot {tex_number(p)}"
        if k == 0:
            text.append(("-" if a < 0 else "") + body_text)
            tex.append(("-" if a < 0 else "") + body_tex)
        else:
            text.append(f" {sign} {body_text}")
            tex.append(f" {sign} {body_tex}")
    return Math("".join(text), "".join(tex))


def math_join(*pieces: Math, sep: str = " ") -> Math:
    return Math(sep.join(p.text for p in pieces), sep.join(p.tex for p in pieces))


def condition_math(words: str) -> Math:
    """A condition in words from :mod:`negsolve.analysis` (``c - r <= 2``, ``s < -1 or s > 2``) as math."""
    import re

    tex = words
    tex = re.sub(r"\s+or\s+", r" \\text{ or } ", tex)
    tex = re.sub(r"\s+and\s+", r" \\text{ and } ", tex)
    tex = tex.replace("<=", r"\leq").replace(">=", r"\geq").replace("**", "^").replace("*", r"\,")

    def ident(match: re.Match) -> str:  # type: ignore[type-arg]
        word = match.group(0)
        if word in ("text", "leq", "geq", "or", "and"):
            return word
        return word if len(word) == 1 else f"\\mathit{{{word}}}"

    tex = re.sub(r"(?<![\\a-zA-Z])[A-Za-z_][A-Za-z_0-9]*", ident, tex)
    tex = tex.replace("_", r"\_")
    if words in ("always", "never"):
        tex = f"\\text{{{words}}}"
    return Math(words, tex)


def sympy_math(expr: object) -> Math:
    """A sympy expression (from :mod:`negsolve.analysis`) as text and LaTeX."""
    import sympy

    return Math(str(expr), sympy.latex(expr))


def possessive(name: str) -> Parts:
    """``Ann's``, ``United States'`` (the name in italics)."""
    return (Em(name), "'" if name.endswith("s") else "'s")


def strategy_name(names: Sequence[str], index: int) -> str:
    return names[index]


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


__all__ = [
    "ONE", "Var", "and_list", "condition_math", "em", "em_list", "flatten", "join_parts", "linear", "math_join",
    "num", "para", "plural", "possessive", "products", "profile_parts", "sympy_math", "tex_number", "vec",
]
