"""Best responses and pure Nash equilibria of n-player games, exact."""

from __future__ import annotations

from fractions import Fraction

from negsolve.model.strategic import PayoffTable
from negsolve.solvers.results import Equilibrium


def best_responses(table: PayoffTable, player: int, profile: tuple[int, ...]) -> tuple[int, ...]:
    """``player``'s pure best responses to the other players' strategies in ``profile``."""
    values = []
    for own in range(table.shape[player]):
        alt = profile[:player] + (own,) + profile[player + 1:]
        values.append(table.at(alt)[player])
    top = max(values)
    return tuple(k for k, v in enumerate(values) if v == top)


def best_response_marks(table: PayoffTable) -> dict[tuple[int, ...], tuple[bool, ...]]:
    """For each pure profile, whether each player's strategy there is a best response."""
    marks = {}
    for profile in table.profiles():
        marks[profile] = tuple(profile[i] in best_responses(table, i, profile) for i in range(table.n_players))
    return marks


def pure_equilibria(table: PayoffTable) -> list[Equilibrium]:
    """Every pure-strategy Nash equilibrium: profiles where each strategy is a best response."""
    found = []
    for profile, marks in best_response_marks(table).items():
        if all(marks):
            mixed = tuple(
                tuple(Fraction(1) if k == s else Fraction(0) for k in range(size))
                for s, size in zip(profile, table.shape)
            )
            found.append(Equilibrium(mixed, table.at(profile)))
    return found
