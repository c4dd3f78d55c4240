"""Exact numbers as text: ``Fraction(1, 3)`` -> ``"1/3"``, ``Fraction(2)`` -> ``"2"``."""

from __future__ import annotations

from negsolve.formatting import fmt  # noqa: F401  (the one home is negsolve.formatting)

__all__ = ["fmt"]
