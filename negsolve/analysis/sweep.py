"""Parameter sweeps: how the equilibria change over a grid of parameter values.

The grid is built first (:func:`grid`), then each point is evaluated on its own by
:func:`evaluate_point`, a pure function of (game, point) that returns plain data — so the
evaluation can be handed to any map (a process pool, or a cluster engine such as Dask) for
grids beyond one machine.  Every point is solved exactly by the complete solver.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction

from negsolve.errors import InputError, Problem
from negsolve.model.strategic import StrategicGame


@dataclass(frozen=True)
class Axis:
    name: str
    values: tuple[Fraction, ...]

    def cell_edges(self) -> tuple[Fraction, ...]:
        """The edges of the grid cells centred on the sampled values: half way between neighbours,
        the outer cells as wide outside their sample as inside (one value: ``v - 1/2`` to ``v + 1/2``)."""
        values = self.values
        if len(values) == 1:
            return (values[0] - Fraction(1, 2), values[0] + Fraction(1, 2))
        mids = [(a + b) / 2 for a, b in zip(values, values[1:], strict=False)]
        return (2 * values[0] - mids[0], *mids, 2 * values[-1] - mids[-1])


@dataclass(frozen=True)
class PointResult:
    point: tuple[tuple[str, Fraction], ...]
    pure: tuple[tuple[int, ...], ...]      # pure equilibria
    mixed: int                              # number of (extreme; n >= 3: isolated) mixed equilibria
    degenerate: bool | None
    error: str | None = None                # why the game is undefined at this point (then no equilibria)


MAX_POINTS = 100_000  # the default ceiling on a sweep's grid; --max-points raises it


def parse_axis(text: str, game: StrategicGame, max_values: int = MAX_POINTS) -> Axis:
    """``"s=0:10:21"`` (start:stop:count, inclusive) or ``"s=1,2,5/2"`` (a list) -> an Axis.

    A COUNT above ``max_values`` is refused before any value is built.
    """
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
                                  ("parameters: " + ", ".join(declared) if declared
                                   else "this game has no parameters"))])
    try:
        if ":" in spec:
            parts = spec.split(":")
            if len(parts) != 3:
                raise ValueError("give START:STOP:COUNT")
            start, stop = parse_number(parts[0]), parse_number(parts[1])
            if not parts[2].strip().isascii() or not parts[2].strip().isdigit() or len(parts[2].strip()) > 12:
                raise ValueError("COUNT must be a whole number such as 21")
            count = int(parts[2])
            if count < 1:
                raise ValueError("COUNT must be at least 1")
            if count > max_values:
                raise ValueError(f"{count:,} values on one axis is more than the {max_values:,} points a sweep "
                                 "may have "
                                 "(raise the limit with --max-points)")
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
    parameter = next(p for p in game.parameters if p.name == name)
    outside = [v for v in values if not parameter.contains(v)]
    if outside:
        raise InputError([Problem(f"--param {text!r}: {len(outside)} value(s) outside the domain of {name!r} "
                                  f"({parameter.domain_words()})",
                                  hint="keep the range inside the domain declared in the game file")])
    return Axis(name, values)


def grid_size(axes: list[Axis]) -> int:
    """The number of grid points, computed without building the grid."""
    size = 1
    for axis in axes:
        size *= len(axis.values)
    return size


def check_grid(axes: list[Axis], max_points: int = MAX_POINTS) -> int:
    """Refuse a repeated parameter or a grid above ``max_points`` (before any work); the grid's size."""
    names = [a.name for a in axes]
    if len(set(names)) != len(names):
        raise InputError([Problem("--param: the same parameter is given twice")])
    size = grid_size(axes)
    if size > max_points:
        shape = " x ".join(f"{len(a.values):,}" for a in axes)
        raise InputError([Problem(f"--param: the grid has {size:,} points ({shape}), more than the limit of "
                                  f"{max_points:,}", hint="use fewer values, or raise the limit with --max-points")])
    return size


def grid(axes: list[Axis]) -> list[tuple[tuple[str, Fraction], ...]]:
    """Every combination of the axes' values, as ((name, value), ...) tuples."""
    check_grid(axes, max(grid_size(axes), 1))
    names = [a.name for a in axes]
    return [tuple(zip(names, combo, strict=False)) for combo in itertools.product(*(a.values for a in axes))]


def iter_grid(axes: list[Axis]) -> Iterator[tuple[tuple[str, Fraction], ...]]:
    """The grid points one at a time, in the order of :func:`grid` (first axis slowest)."""
    names = [a.name for a in axes]
    for combo in itertools.product(*(a.values for a in axes)):
        yield tuple(zip(names, combo, strict=True))


def evaluate_point(game: StrategicGame, point: tuple[tuple[str, Fraction], ...]) -> PointResult:
    """Exact equilibria at one grid point (independent of every other point)."""
    from negsolve.errors import NegsolveError
    from negsolve.solvers import solve

    try:
        result = solve(game, dict(point))
    except (NegsolveError, ArithmeticError) as exc:  # e.g. a payoff dividing by zero at this point
        return PointResult(point, (), 0, None, _reason(exc))
    pure = tuple(tuple(s.index(Fraction(1)) for s in eq.profile) for eq in result.equilibria if eq.pure)
    mixed = sum(1 for eq in result.equilibria if not eq.pure) + len(result.algebraic)
    return PointResult(point, pure, mixed, result.degenerate)


def sweep(game: StrategicGame, axes: list[Axis],
          mapper: Callable[[Callable, Iterable], Iterable] = map) -> list[PointResult]:
    """Evaluate every grid point; ``mapper`` may be a parallel map (``pool.map``, a Dask bag's map...)."""
    from functools import partial

    points = grid(axes)
    return list(mapper(partial(evaluate_point, game), points))


def _reason(exc: Exception) -> str:
    if isinstance(exc, InputError):
        return "; ".join(p.message for p in exc.problems)
    return str(exc) or type(exc).__name__
