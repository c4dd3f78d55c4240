"""Test oracles: pygambit's answers frozen as data, pygambit live, and brute-force checks in exact arithmetic.

Nothing here is part of negsolve; only the tests use it.
"""
