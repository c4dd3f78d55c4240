"""Every equilibrium of small games with three or more players, exact or certified algebraic.

See :mod:`.enumeration` for the algorithm; :func:`solve_polynomial` is the entry point.
"""

from negsolve.solvers.polynomial.enumeration import solve_polynomial
from negsolve.solvers.polynomial.results import (
    AlgebraicEquilibrium,
    PolynomialResult,
    SolutionSet,
    SupportRecord,
)

__all__ = ["AlgebraicEquilibrium", "PolynomialResult", "SolutionSet", "SupportRecord", "solve_polynomial"]
