"""Parameter sweeps: how the equilibria change over a grid of parameter values.

The grid is built first (:func:`grid`), then each point is evaluated on its own by
:func:`evaluate_point`, a pure function of (game, point) that returns plain data — so the
evaluation can be handed to any map (a process pool, or a cluster engine such as Dask) for
grids beyond one machine.  Every point is solved exactly by the complete solver.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Iterable

from negsolve.errors import InputError, Problem
from negsolve.model.strategic import StrategicGame


@dataclass(frozen=True)
class Axis:
    name: str
    values: tuple[Fraction, ...]


@dataclass(frozen=True)
class PointResult:
    point: tuple[tuple[str, Fraction], ...]
    pure: tuple[tuple[int, ...], ...]      # pure equilibria
    mixed: int                              # number of (extreme; n >= 3: isolated) mixed equilibria
    degenerate: bool | None


def parse_axis(text: str, game: StrategicGame) -> Axis:
    """``"s=0:10:21"`` (start:stop:count, inclusive) or ``"s=1,2,5/2"`` (a list) -> an Axis."""
    from negsolve.expr import ExpressionError, parse_number

    match = re.fullmatch(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+)", text)
    if not match:
        raise InputError([Problem(f"--param {text!r}: expected NAME=START:STOP:COUNT or NAME=V1,V2,...",
                                  hint="e.g. --param s=0:10:21")])
    name, spec = match.groups()
    declared = [p.name for p in game.parameters]
    if name not in declared:
        import difflib

        close = difflib.get_close_matches(name, declared, n=1)
        raise InputError([Problem(f"--param {text!r}: {name!r} is not a parameter of this game",
                                  hint=f"did you mean {close[0]!r}?" if close else
                                  ("parameters: " + ", ".join(declared) if declared else "this game has no parameters"))])
    try:
        if ":" in spec:
            parts = spec.split(":")
            if len(parts) != 3:
                raise ValueError("give START:STOP:COUNT")
            start, stop = parse_number(parts[0]), parse_number(parts[1])
            count = int(parts[2])
            if count < 1:
                raise ValueError("COUNT must be at least 1")
            values: tuple[Fraction, ...]
            if count == 1:
                values = (start,)
            else:
                if stop < start:
                    raise ValueError("STOP is below START: the range is empty")
                values = tuple(start + (stop - start) * k / (count - 1) for k in range(count))
        else:
            values = tuple(parse_number(v) for v in spec.split(","))
    except (ValueError, ExpressionError, ArithmeticError) as exc:
        raise InputError([Problem(f"--param {text!r}: {getattr(exc, 'message', exc)}",
                                  hint="e.g. --param s=0:10:21 (21 values from 0 to 10)")]) from None
    if not values:
        raise InputError([Problem(f"--param {text!r}: no values")])
    return Axis(name, values)


def grid(axes: list[Axis]) -> list[tuple[tuple[str, Fraction], ...]]:
    """Every combination of the axes' values, as ((name, value), ...) tuples."""
    names = [a.name for a in axes]
    if len(set(names)) != len(names):
        raise InputError([Problem("--param: the same parameter is given twice")])
    return [tuple(zip(names, combo)) for combo in itertools.product(*(a.values for a in axes))]


def evaluate_point(game: StrategicGame, point: tuple[tuple[str, Fraction], ...]) -> PointResult:
    """Exact equilibria at one grid point (independent of every other point)."""
    from negsolve.solvers import solve

    result = solve(game, dict(point))
    pure = tuple(tuple(s.index(Fraction(1)) for s in eq.profile) for eq in result.equilibria if eq.pure)
    mixed = sum(1 for eq in result.equilibria if not eq.pure) + len(result.algebraic)
    return PointResult(point, pure, mixed, result.degenerate)


def sweep(game: StrategicGame, axes: list[Axis],
          mapper: Callable[[Callable, Iterable], Iterable] = map) -> list[PointResult]:
    """Evaluate every grid point; ``mapper`` may be a parallel map (``pool.map``, a Dask bag's map...)."""
    points = grid(axes)
    from functools import partial

    return list(mapper(partial(evaluate_point, game), points))
