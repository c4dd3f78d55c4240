r"""Continua of equilibria in degenerate two-player games: how many, and each player's ranges.

A maximal Nash subset (:class:`~negsolve.solvers.results.NashSubset`) is a product
:math:`X \times Y` of convex hulls of extreme strategies; every profile in it is an equilibrium
(Winkels 1979).  When :math:`X` or :math:`Y` has two or more distinct extreme strategies the
subset holds infinitely many equilibria, all but finitely many of them mixed.  Each
probability is linear on the hull, so its range over the subset runs from its smallest to its
largest value at the extreme strategies.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from negsolve.solvers.results import NashSubset, SolveResult

INFINITELY_MANY = "infinitely many"


@dataclass(frozen=True)
class SubsetRanges:
    """One maximal Nash subset: per player, per strategy, the (lowest, highest) probability."""

    subset: NashSubset
    ranges: tuple[tuple[tuple[Fraction, Fraction], ...], ...]

    def varies(self, player: int) -> bool:
        return any(lo != hi for lo, hi in self.ranges[player])

    @property
    def infinite(self) -> bool:
        return any(self.varies(i) for i in range(len(self.ranges)))


def subset_ranges(result: SolveResult) -> tuple[SubsetRanges, ...]:
    out = []
    for subset in result.nash_subsets:
        per_player = []
        for vertices in subset.strategies:
            size = len(vertices[0])
            per_player.append(tuple((min(v[k] for v in vertices), max(v[k] for v in vertices))
                                    for k in range(size)))
        out.append(SubsetRanges(subset, tuple(per_player)))
    return tuple(out)


def has_continuum(result: SolveResult) -> bool:
    return any(s.infinite for s in subset_ranges(result))


def mixed_count(result: SolveResult) -> int | str:
    """The number of mixed equilibria: ``"infinitely many"`` when a Nash subset is a continuum."""
    if has_continuum(result):
        return INFINITELY_MANY
    return sum(1 for e in result.equilibria if not e.pure) + len(result.algebraic)


def range_words(names: tuple[str, ...], ranges: tuple[tuple[Fraction, Fraction], ...]) -> str:
    """``Reassure`` (a fixed pure strategy), ``1/2 Align + 1/2 Own channel`` (fixed), or
    ``Align 1/2 to 1, Own channel 0 to 1/2`` (a range per strategy it may use)."""
    from negsolve.formatting import fmt

    if all(lo == hi for lo, hi in ranges):
        used = [(n, lo) for n, (lo, _) in zip(names, ranges, strict=True) if lo]
        if len(used) == 1:
            return used[0][0]
        return " + ".join(f"{fmt(p)} {n}" for n, p in used)
    parts = []
    for n, (lo, hi) in zip(names, ranges, strict=True):
        if hi == 0:
            continue
        parts.append(f"{n} {fmt(lo)}" if lo == hi else f"{n} {fmt(lo)} to {fmt(hi)}")
    return ", ".join(parts)
