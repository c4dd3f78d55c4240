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

from negsolve import pictures as _pictures

__version__ = "0.1.0"

__all__ = ["InputError", "analyse", "load_game", "loads_game", "solve", "solve_tree", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from negsolve.errors import InputError
    from negsolve.io import load_game, loads_game
    from negsolve.solvers import analyse, solve
    from negsolve.solvers.backward import solve_tree


def _game_svg(game: Any) -> str | None:
    from negsolve.draw import render_svg

    return render_svg(game)


def _result_svg(result: Any) -> str | None:
    from negsolve.draw import render_result_svg

    return render_result_svg(result)


# The model and the results draw themselves in notebooks through this ground-floor hook, so that
# no low floor imports the drawing layer (docs/architecture.md, "Floors").
_pictures.install(_game_svg, _result_svg)


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
