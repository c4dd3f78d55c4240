"""Exact numbers as text: ``Fraction(1, 3)`` -> ``"1/3"``, ``Fraction(2)`` -> ``"2"``."""

from __future__ import annotations

from negsolve.expr import format_number as fmt

__all__ = ["fmt"]
