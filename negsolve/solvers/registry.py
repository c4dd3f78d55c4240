"""The solver registry: every engine, what kind of game it solves, and one way to call it.

An :class:`Engine` declares the kind of game it solves (:data:`KINDS`) and points at a
function (``"module:function"``, imported only when the engine runs, so the registry costs
nothing at start-up).  Every engine of a kind takes the same input and returns the same result
type:

=================  =====================================  ==============================================
kind               input                                  result
=================  =====================================  ==============================================
``strategic-2``    a two-player :class:`PayoffTable`      :class:`~negsolve.solvers.results.SolveResult`
``strategic-n``    a payoff table, three or more players  :class:`~negsolve.solvers.results.SolveResult`
``tree``           a :class:`GameTree` (and overrides)    :class:`~negsolve.solvers.backward.TreeSolveResult`
``large-tree``     a path to a big perfect-info ``.efg``  :class:`~negsolve.solvers.large_tree.LargeTreeSolution`
=================  =====================================  ==============================================

:func:`negsolve.solve` picks the kind from the game's type and the engine by name (the
default engine of a kind is its first); ``negsolve solve --engine`` offers the names of the
``strategic-2`` engines; the conformance suite (``tests/test_engine_conformance.py``) runs
every two-player engine on the same cases.  A new engine is one :class:`Engine` entry here
(docs/architecture.md, "Adding a solver").
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from negsolve.errors import InputError, Problem

KINDS = ("strategic-2", "strategic-n", "tree", "large-tree")


@dataclass(frozen=True)
class Engine:
    """One solver: its name, the kind of game it solves, and where its function lives.

    Attributes
    ----------
    name : str
        The name users choose it by (``--engine``, ``solve(..., engine=...)``).
    kind : str
        One of :data:`KINDS`.
    target : str
        ``"module:function"``; the function takes the kind's input (and a ``budget`` for
        strategic kinds) and returns the kind's result type.
    complete : bool
        Whether it finds every equilibrium it is meant to (every extreme equilibrium for two
        players, every isolated one for more, every subgame-perfect one for trees).
    summary : str
        One line for documentation.
    options : tuple of (str, Any) pairs
        Fixed keyword arguments passed to the function (e.g. nashpy's method).
    """

    name: str
    kind: str
    target: str
    complete: bool
    summary: str
    options: tuple[tuple[str, Any], ...] = ()

    def function(self) -> Callable[..., Any]:
        """The engine's function, imported now."""
        module, _, attr = self.target.partition(":")
        return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]

    def run(self, subject: Any, *args: Any, **kwargs: Any) -> Any:
        """Solve ``subject`` (the kind's input); extra arguments go to the engine's function."""
        return self.function()(subject, *args, **dict(self.options), **kwargs)


ENGINES: tuple[Engine, ...] = (
    Engine("exact", "strategic-2", "negsolve.solvers.bimatrix:solve_two_player", True,
           "complete rational vertex enumeration of the best-response polytopes (default)"),
    Engine("lrs", "strategic-2", "negsolve.solvers.lrs_engine:solve_with_lrs", True,
           "lrslib's lrsnash (external program), each equilibrium verified exactly"),
    Engine("nashpy-vertex", "strategic-2", "negsolve.solvers.nashpy_engine:solve_with_nashpy", False,
           "nashpy's vertex enumeration, each profile certified exactly (may miss equilibria)",
           (("method", "vertex"),)),
    Engine("nashpy-support", "strategic-2", "negsolve.solvers.nashpy_engine:solve_with_nashpy", False,
           "nashpy's support enumeration, each profile certified exactly (may miss equilibria)",
           (("method", "support"),)),
    Engine("polynomial", "strategic-n", "negsolve.solvers.polynomial.adapter:solve_n_player", True,
           "support enumeration with Groebner bases: every isolated equilibrium, exact or algebraic"),
    Engine("backward-induction", "tree", "negsolve.solvers.backward:solve_tree", True,
           "every subgame-perfect equilibrium by backward induction, exact"),
    Engine("level-wise", "large-tree", "negsolve.solvers.large_tree:solve_large_efg", True,
           "level-wise backward induction over compact arrays, exact integers (big perfect-information .efg)"),
)


def engine_names(kind: str) -> tuple[str, ...]:
    """The names of the engines that solve ``kind``, the default first."""
    return tuple(e.name for e in ENGINES if e.kind == kind)


def find_engine(kind: str, name: str | None = None) -> Engine:
    """The engine called ``name`` for ``kind`` (its default when ``name`` is None).

    Raises
    ------
    InputError
        When no engine of that name solves this kind of game.
    """
    candidates = [e for e in ENGINES if e.kind == kind]
    if name is None:
        return candidates[0]
    for engine in candidates:
        if engine.name == name:
            return engine
    names = ", ".join(e.name for e in candidates)
    raise InputError([Problem(f"unknown engine {name!r}; choose from {names}")])


def kind_of(game: Any) -> str:
    """The kind of ``game``: ``"tree"``, ``"strategic-2"`` or ``"strategic-n"``.

    Raises
    ------
    InputError
        For anything that is not a negsolve game.
    """
    from negsolve.model.strategic import PayoffTable, StrategicGame
    from negsolve.model.tree import GameTree

    if isinstance(game, GameTree):
        return "tree"
    if isinstance(game, StrategicGame):
        return "strategic-2" if len(game.players) == 2 else "strategic-n"
    if isinstance(game, PayoffTable):
        return "strategic-2" if game.n_players == 2 else "strategic-n"
    raise InputError([Problem(f"solve() takes a game from negsolve.load_game, not {type(game).__name__}")])
