"""negsolve: a negotiation game-theory solver.

Write a negotiation down as a game (a TOML file, or a Gambit ``.nfg``), then find every
equilibrium exactly and see the reasoning behind it::

    >>> from negsolve import load_game, solve
    >>> game = load_game("prisoners-dilemma")
    >>> result = solve(game)
    >>> [eq.profile for eq in result.equilibria]       # doctest: +SKIP

Importing this package is cheap: numeric libraries load only when a solver needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["InputError", "analyse", "load_game", "loads_game", "solve", "solve_tree", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from negsolve.errors import InputError
    from negsolve.io import load_game, loads_game
    from negsolve.solvers import analyse, solve
    from negsolve.solvers.backward import solve_tree


def __getattr__(name: str) -> Any:
    # Lazy re-exports keep `import negsolve` (and the CLI's start-up) light.
    if name == "InputError":
        from negsolve.errors import InputError

        return InputError
    if name in ("load_game", "loads_game"):
        import negsolve.io as io

        return getattr(io, name)
    if name == "solve":
        from negsolve.solvers import solve

        return solve
    if name == "analyse":
        from negsolve.solvers import analyse

        return analyse
    if name == "solve_tree":
        from negsolve.solvers.backward import solve_tree

        return solve_tree
    raise AttributeError(f"module 'negsolve' has no attribute {name!r}")
