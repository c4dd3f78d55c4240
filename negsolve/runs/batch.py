"""One task of ``negsolve batch``: solve game files, one JSON record each (errors as records).

A pure function of plain strings (file names), so it runs in this process, a worker process
or a Dask worker alike.  Each record holds what ``negsolve solve FILE --format json`` prints.
"""

from __future__ import annotations

from typing import Any


def solve_record(path: str) -> dict[str, Any]:
    """``{"file", "result"}`` with the solve JSON, or ``{"file", "error": [messages]}``."""
    from negsolve.errors import InputError, NegsolveError
    from negsolve.io import load_game
    from negsolve.model.tree import GameTree

    try:
        game = load_game(path)
        if isinstance(game, GameTree):
            from negsolve.model.tree import tree_problems
            from negsolve.render.tree import tree_json
            from negsolve.solvers.backward import solve_tree

            problems = tree_problems(game)
            if problems:
                return {"file": path, "error": problems}
            result = tree_json(game, solve_tree(game), game.parameter_values(), None, None)
        else:
            from negsolve.render.report import json_report
            from negsolve.solvers.summary import analyse

            result = json_report(analyse(game, {}, "exact"))
    except InputError as exc:
        return {"file": path, "error": [str(p) for p in exc.problems]}
    except (NegsolveError, ArithmeticError, RecursionError, MemoryError) as exc:
        return {"file": path, "error": [f"{type(exc).__name__}: {exc}"]}
    return {"file": path, "result": result}


def batch_task(payload: str, files: list[str]) -> list[dict[str, Any]]:
    """Solve each file of the chunk (``payload`` is unused: every file carries its own game)."""
    return [solve_record(path) for path in files]
