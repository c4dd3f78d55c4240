"""Symbolic analysis with sympy: stability conditions, concessions, repeated play, sweeps.

sympy is imported inside the functions that need it, never at module import.
"""
