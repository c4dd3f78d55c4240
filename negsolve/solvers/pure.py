"""Best responses and pure Nash equilibria of n-player games, exact."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from negsolve.model.strategic import PayoffTable
from negsolve.solvers.results import Equilibrium


def best_response_marks(table: PayoffTable) -> dict[tuple[int, ...], tuple[bool, ...]]:
    """For each pure profile, whether each player's strategy there is a best response.

    One pass to find, for each player and each profile of the others, the best payoff
    (``O(cells * players)``), then one pass to compare: linear in the size of the table.
    """
    n = table.n_players
    profiles = list(table.profiles())
    cells = [table.at(profile) for profile in profiles]
    best: list[dict[tuple[int, ...], Fraction]] = [{} for _ in range(n)]
    for profile, cell in zip(profiles, cells, strict=True):
        for i in range(n):
            rest = profile[:i] + profile[i + 1:]
            top = best[i].get(rest)
            if top is None or cell[i] > top:
                best[i][rest] = cell[i]
    return {
        profile: tuple(cell[i] == best[i][profile[:i] + profile[i + 1:]] for i in range(n))
        for profile, cell in zip(profiles, cells, strict=True)
    }


@dataclass(frozen=True)
class MarkedTable:
    """A payoff table with its best responses marked: what ``show`` prints for a strategic game."""

    table: PayoffTable
    marks: Mapping[tuple[int, ...], tuple[bool, ...]]  # read-only; as :func:`best_response_marks` gives them


def marked_table(table: PayoffTable) -> MarkedTable:
    """``table`` with :func:`best_response_marks` computed once."""
    return MarkedTable(table, MappingProxyType(best_response_marks(table)))


def pure_equilibria(table: PayoffTable) -> list[Equilibrium]:
    """Every pure-strategy Nash equilibrium: profiles where each strategy is a best response."""
    found = []
    for profile, marks in best_response_marks(table).items():
        if all(marks):
            mixed = tuple(
                tuple(Fraction(1) if k == s else Fraction(0) for k in range(size))
                for s, size in zip(profile, table.shape, strict=True)
            )
            found.append(Equilibrium(mixed, table.at(profile)))
    return found
