r"""Support profiles of an n-player game, pruned by conditional dominance.

A support profile :math:`(S_1, \dots, S_n)` lists, for each player, the strategies played with
positive probability.  At an equilibrium with these supports every strategy of :math:`S_i` is a
best response to the others' mixed strategies, which put positive weight on exactly the pure
profiles of :math:`S_{-i} = \prod_{j \ne i} S_j`.  So :math:`k \in S_i` is impossible when some
strategy :math:`j` of player :math:`i` (inside or outside :math:`S_i`) is *conditionally dominating*:

.. math:: u_i(j, s_{-i}) > u_i(k, s_{-i}) \quad \text{for every } s_{-i} \in S_{-i}.

This is the pruning of Gambit's ``enumpoly`` (McKelvey and McLennan 1996, section 6; Turocy 2008).
Profiles are listed smallest total size first, so pure profiles come first.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from negsolve.model.strategic import PayoffTable

Support = tuple[tuple[int, ...], ...]


def _column(table: PayoffTable, player: int, own: int, others: list[tuple[int, ...]]) -> list:
    values = []
    for rest in others:
        profile = rest[:player] + (own,) + rest[player:]
        values.append(table.at(profile)[player])
    return values


def conditionally_dominated(table: PayoffTable, support: Support, player: int) -> bool:
    """True when some strategy of ``support[player]`` is strictly beaten, profile by profile over the
    others' supports, by another strategy of ``player``."""
    others = [support[j] for j in range(table.n_players) if j != player]
    rest = list(itertools.product(*others))
    payoffs = [_column(table, player, k, rest) for k in range(table.shape[player])]
    for k in support[player]:
        for j in range(table.shape[player]):
            if j != k and all(a > b for a, b in zip(payoffs[j], payoffs[k], strict=False)):
                return True
    return False


def all_support_profiles(shape: tuple[int, ...]) -> Iterator[Support]:
    """Every support profile, by increasing total size (pure profiles first), generated lazily."""
    n = len(shape)
    for total in range(n, sum(shape) + 1):
        for sizes in itertools.product(*(range(1, k + 1) for k in shape)):
            if sum(sizes) != total:
                continue
            yield from itertools.product(*(itertools.combinations(range(k), size)
                                           for k, size in zip(shape, sizes, strict=False)))


def survives(table: PayoffTable, support: Support) -> bool:
    """False when some strategy of the profile is conditionally dominated."""
    return not any(conditionally_dominated(table, support, i) for i in range(table.n_players))


def count_support_profiles(shape: tuple[int, ...]) -> int:
    total = 1
    for size in shape:
        total *= 2**size - 1
    return total
