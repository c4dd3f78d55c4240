"""Result objects returned by the solvers: equilibria and diagnostics, exact."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from negsolve.model.frozen import freeze_fields


@dataclass(frozen=True)
class Equilibrium:
    """A Nash equilibrium: one mixed strategy per player and the expected payoffs, exact.

    ``profile[i][k]`` is the probability that player ``i`` plays strategy ``k``.
    """

    profile: tuple[tuple[Fraction, ...], ...]
    payoffs: tuple[Fraction, ...]

    @property
    def pure(self) -> bool:
        """Whether every player plays one strategy with probability 1."""
        return all(max(s) == 1 for s in self.profile)

    def support(self, player: int) -> tuple[int, ...]:
        """The strategies ``player`` plays with positive probability (indices)."""
        return tuple(k for k, p in enumerate(self.profile[player]) if p)


@dataclass(frozen=True)
class NashSubset:
    """A maximal Nash subset of a degenerate two-player game.

    Every profile (x, y) with x in the convex hull of ``row_vertices`` (strategies of the
    first player) and y in that of ``column_vertices`` is an equilibrium
    (Winkels 1979; Avis, Rosenberg, Savani and von Stengel 2010).  Entries are indices into
    the extreme equilibria's distinct strategies of each player.
    """

    strategies: tuple[tuple[tuple[Fraction, ...], ...], tuple[tuple[Fraction, ...], ...]]


@dataclass(frozen=True)
class SolveResult:
    """What :func:`negsolve.solvers.solve` found.

    Attributes
    ----------
    equilibria:
        Every extreme equilibrium (two players) or every pure equilibrium (three or more),
        each verified in exact arithmetic.
    scope:
        ``"all"`` when ``equilibria`` holds every extreme equilibrium, mixed included;
        ``"pure"`` when only pure equilibria were sought; ``"incomplete"`` when the n-player
        enumeration stopped early (time limit, unsolved support system): see ``notes``.
    degenerate:
        True when some mixed strategy has more pure best responses than the size of its
        support; then equilibria may form continua, described by ``nash_subsets``.
        For three or more players: True when some support profile's equations have a
        positive-dimensional solution set (see ``solution_sets``).
    nash_subsets:
        For degenerate two-player games, the maximal convex sets of equilibria.
    method:
        The algorithm used.
    rejected:
        Candidate profiles from a numeric engine that failed exact verification (they
        are never shown as equilibria).
    algebraic:
        Three or more players: the equilibria with irrational entries
        (:class:`negsolve.solvers.polynomial.AlgebraicEquilibrium`, exact real algebraic numbers);
        ``equilibria`` holds the rational ones.
    solution_sets:
        Three or more players: positive-dimensional solution sets of support equations
        (:class:`negsolve.solvers.polynomial.SolutionSet`), each with a sample equilibrium if found.
    complete:
        False when the computation was stopped (interrupted or out of time) before the end;
        ``equilibria`` then holds those found so far.
    stopped:
        Why it was stopped (``"interrupted"`` or ``"time limit"``), or None.
    """

    equilibria: tuple[Equilibrium, ...]
    scope: str
    degenerate: bool | None
    method: str
    nash_subsets: tuple[NashSubset, ...] = ()
    rejected: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)
    algebraic: tuple[Any, ...] = ()
    solution_sets: tuple[Any, ...] = ()
    complete: bool = True
    stopped: str | None = None
    game: Any = field(default=None, compare=False, repr=False)  # set by solve(): for pictures
    values: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        freeze_fields(self, "values")

    def _repr_svg_(self) -> str | None:
        """Jupyter (and marimo): the payoff table with these equilibria highlighted, through the picture hook."""
        if self.game is None:
            return None
        from negsolve.pictures import result_svg

        return result_svg(self)

    @property
    def count(self) -> int:
        """Number of isolated equilibria listed (rational and irrational)."""
        return len(self.equilibria) + len(self.algebraic)
