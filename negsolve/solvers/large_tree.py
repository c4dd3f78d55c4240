"""The large-tree path: a big perfect-information Gambit ``.efg`` file solved without building a
:class:`~negsolve.model.tree.GameTree` (compact arrays, level-wise backward induction).

:func:`solve_large_efg` reads the file with :func:`negsolve.io.efg_fast.read_compact` and
solves it with :func:`negsolve.solvers.fast_backward.solve_compact`; it returns ``None`` when
the general path applies (a small file, imperfect information, chance nodes, non-integer
payoffs...), so callers fall back to :func:`negsolve.load_game` and :func:`negsolve.solve`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

LARGE_EFG_BYTES = 1_000_000
"""Files smaller than this always take the general path."""


@dataclass(frozen=True)
class LargeTreeSolution:
    """A big tree (a :class:`~negsolve.io.efg_fast.CompactTree`) and its subgame-perfect
    equilibrium (a :class:`~negsolve.solvers.fast_backward.FastResult`)."""

    tree: Any
    result: Any


def solve_large_efg(path: str | Path, min_bytes: int | None = None) -> LargeTreeSolution | None:
    """The large-tree path's answer for the ``.efg`` file at ``path``; ``None`` when it does not apply.

    Parameters
    ----------
    path : str or Path
        A Gambit ``.efg`` file.
    min_bytes : int, optional
        Smaller files return ``None`` (default :data:`LARGE_EFG_BYTES`).

    Returns
    -------
    LargeTreeSolution or None
        The compact tree and one subgame-perfect equilibrium with the exact count of them.
    """
    file = Path(path)
    limit = LARGE_EFG_BYTES if min_bytes is None else min_bytes
    if not file.is_file() or file.stat().st_size < limit:
        return None
    from negsolve.io.efg_fast import read_compact
    from negsolve.io.reading import read_game_bytes
    from negsolve.solvers.fast_backward import solve_compact

    try:  # the size limit is checked before reading
        tree = read_compact(read_game_bytes(file, str(path), "efg").decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    result = solve_compact(tree) if tree is not None else None
    return LargeTreeSolution(tree, result) if result is not None else None
