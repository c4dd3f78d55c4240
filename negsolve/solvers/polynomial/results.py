"""Result objects of the polynomial (n-player) solver: exact equilibria, solution sets, diagnostics."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from negsolve.solvers.polynomial.algebraic import RealAlgebraic
from negsolve.solvers.polynomial.supports import Support
from negsolve.solvers.results import Equilibrium


@dataclass(frozen=True, eq=False)
class AlgebraicEquilibrium:
    """A Nash equilibrium whose probabilities and payoffs are exact real algebraic numbers.

    ``profile[i][k]`` is the probability that player ``i`` plays strategy ``k``; all numbers of
    one equilibrium lie in one field :math:`\\mathbb{Q}(\\alpha)`.
    """

    profile: tuple[tuple[RealAlgebraic, ...], ...]
    payoffs: tuple[RealAlgebraic, ...]
    supports: Support

    @property
    def pure(self) -> bool:
        return all(len(s) == 1 for s in self.supports)

    @property
    def irrational(self) -> bool:
        return any(not p.is_rational for s in self.profile for p in s) or \
            any(not v.is_rational for v in self.payoffs)

    def support(self, player: int) -> tuple[int, ...]:
        return self.supports[player]

    def as_rational(self) -> Equilibrium | None:
        """The same equilibrium with :class:`~fractions.Fraction` entries, or None if irrational."""
        if self.irrational:
            return None
        return Equilibrium(tuple(tuple(p.as_fraction() for p in s) for s in self.profile),
                           tuple(v.as_fraction() for v in self.payoffs))

    def floats(self) -> tuple[tuple[float, ...], ...]:
        return tuple(tuple(float(p) for p in s) for s in self.profile)


@dataclass(frozen=True, eq=False)
class SolutionSet:
    """A positive-dimensional solution set of one support's equations (a degenerate game).

    ``dimension`` is the dimension of the complex variety of the support's indifference equations;
    ``sample`` is an equilibrium in it found by fixing ``dimension`` unknowns at rational values
    (None when none of ``tried`` sample points gave an equilibrium: the set may hold none).
    """

    supports: Support
    dimension: int
    sample: AlgebraicEquilibrium | None
    tried: int


Term = tuple[Fraction, tuple[int, ...]]  # coefficient, exponent of each unknown


@dataclass(frozen=True)
class SupportRecord:
    """One support profile as the solver saw it (for explanations).

    ``unknowns[v] = (player, strategy)``: unknown ``v`` is that strategy's probability (each
    player's first support strategy gets one minus the others).  ``equations[e] = (player,
    strategy, terms)``: the player's payoff from ``strategy`` minus that from its first support
    strategy, a polynomial in the unknowns, must be 0.  ``solutions`` counts the real solutions
    (-1: a positive-dimensional set), ``equilibria`` those certified, ``rejections`` why the others failed.
    """

    supports: Support
    unknowns: tuple[tuple[int, int], ...]
    equations: tuple[tuple[int, int, tuple[Term, ...]], ...]
    solutions: int
    equilibria: int
    rejections: tuple[str, ...] = ()


@dataclass(frozen=True)
class PolynomialResult:
    """Every equilibrium of an n-player game found by support enumeration with exact polynomial solving.

    Attributes
    ----------
    equilibria:
        Isolated equilibria (zero-dimensional support systems), each certified exactly.
    solution_sets:
        Supports whose equations have positive-dimensional solution sets, with a sample equilibrium.
    complete:
        False when the time budget ran out or a support system could not be solved: then
        ``equilibria`` may miss some.
    supports_total, supports_pruned, supports_solved, supports_left:
        Support profiles of the game; of those examined, the ones removed by conditional dominance
        and the ones solved; the ones not reached before the time limit.
    unresolved:
        ``(supports, reason)`` for every support profile whose system was not solved (the one
        interrupted by the time limit included).
    """

    equilibria: tuple[AlgebraicEquilibrium, ...]
    solution_sets: tuple[SolutionSet, ...]
    complete: bool
    supports_total: int
    supports_pruned: int
    supports_solved: int
    unresolved: tuple[tuple[Support, str], ...]
    supports_left: int
    elapsed: float
    method: str
    trace: tuple[SupportRecord, ...] = field(default=())

    @property
    def rational_equilibria(self) -> tuple[Equilibrium, ...]:
        return tuple(e for e in (eq.as_rational() for eq in self.equilibria) if e is not None)

    @property
    def irrational_equilibria(self) -> tuple[AlgebraicEquilibrium, ...]:
        return tuple(eq for eq in self.equilibria if eq.irrational)
