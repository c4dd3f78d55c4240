"""Exact numbers as text."""

from __future__ import annotations

from fractions import Fraction


def fmt(value: Fraction) -> str:
    """``Fraction(1, 3)`` -> ``"1/3"``; ``Fraction(2)`` -> ``"2"``."""
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
