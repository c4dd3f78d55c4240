"""lrslib's ``lrsnash`` as an engine: every equilibrium it prints, certified in exact arithmetic.

``lrsnash`` (D. Avis, lrslib; Debian/Ubuntu package ``lrslib``) enumerates the extreme
equilibria of a bimatrix game exactly, in C with GMP integers (Avis, Rosenberg, Savani and
von Stengel, Economic Theory 42, 2010).  This module writes the game in its input format,

.. code-block:: text

    m n
    A (m rows of n integers)
    B (m rows of n integers)

runs it in a subprocess (with a time limit and cancellation through a
:class:`negsolve.progress.Budget`), and parses its output: groups separated by blank lines,
each holding lines ``2 y_1 ... y_n v`` (column strategies, then the row player's payoff) and
``1 x_1 ... x_m u`` (row strategies, then the column player's payoff); every ``1`` line of a
group forms an extreme equilibrium with every ``2`` line of the group.  Each pair is then
verified exactly (:func:`negsolve.solvers.verify.is_equilibrium`); a pair that fails is
counted in ``rejected`` and never shown.  Payoffs are first mapped to positive integers by a
positive affine change per player, which does not change the equilibria.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from fractions import Fraction

from negsolve.errors import NegsolveError
from negsolve.model.strategic import PayoffTable
from negsolve.progress import Budget, Stopped
from negsolve.solvers.results import Equilibrium, SolveResult
from negsolve.solvers.verify import expected_payoffs, is_equilibrium

INSTALL_HINT = "install lrslib (Debian/Ubuntu: 'apt-get install lrslib'; macOS: 'brew install lrs')"
DEFAULT_TIMEOUT = 3600.0


class EngineUnavailable(NegsolveError):
    """The external program an engine needs is not installed."""


def lrsnash_path() -> str | None:
    """The ``lrsnash`` executable on PATH, or None."""
    return shutil.which("lrsnash")


def lrs_input(table: PayoffTable) -> str:
    """The game in lrsnash's input format (payoffs made positive integers, equilibria unchanged)."""
    from negsolve.solvers.bimatrix import positive_integer_matrix

    m, n = table.shape
    A = positive_integer_matrix(table.matrix(0))
    B = positive_integer_matrix(table.matrix(1))
    lines = [f"{m} {n}", ""]
    lines += [" ".join(map(str, row)) for row in A]
    lines.append("")
    lines += [" ".join(map(str, row)) for row in B]
    return "\n".join(lines) + "\n"


def parse_lrsnash(output: str, m: int, n: int) -> list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    """The (x, y) pairs in lrsnash's output (see the module docstring for the format)."""
    pairs: list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]] = []
    xs: list[tuple[Fraction, ...]] = []
    ys: list[tuple[Fraction, ...]] = []

    def flush() -> None:
        pairs.extend((x, y) for x in xs for y in ys)
        xs.clear()
        ys.clear()

    for line in output.splitlines():
        fields = line.split()
        if not fields:
            if xs:
                flush()
            continue
        if fields[0] == "2" and len(fields) == n + 2:
            if xs:  # a new group starts without a blank line
                flush()
            ys.append(tuple(Fraction(v) for v in fields[1:n + 1]))
        elif fields[0] == "1" and len(fields) == m + 2:
            xs.append(tuple(Fraction(v) for v in fields[1:m + 1]))
    flush()
    return pairs


def _run(path: str, text: str, budget: Budget | None, timeout: float) -> tuple[str, str | None]:
    """Run lrsnash on ``text``; returns (stdout, reason it was stopped or None)."""
    with tempfile.TemporaryDirectory(prefix="negsolve-lrs-") as folder:
        game_file = os.path.join(folder, "game.txt")
        with open(game_file, "w", encoding="ascii") as handle:
            handle.write(text)
        out_file = os.path.join(folder, "out.txt")
        with open(out_file, "w+", encoding="ascii") as out:
            process = subprocess.Popen([path, game_file], stdout=out, stderr=subprocess.DEVNULL,
                                       stdin=subprocess.DEVNULL)
            stopped = None
            deadline = time.monotonic() + timeout
            try:
                while process.poll() is None:
                    try:
                        process.wait(0.05)
                    except subprocess.TimeoutExpired:
                        pass
                    if budget is not None:
                        budget.tick("lrsnash", 0, 0, unit="")
                    if time.monotonic() > deadline:
                        stopped = "time limit"
                        break
            except Stopped as exc:
                stopped = exc.reason
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait()
            out.seek(0)
            return out.read(), stopped


def solve_with_lrs(table: PayoffTable, budget: Budget | None = None, timeout: float = DEFAULT_TIMEOUT) -> SolveResult:
    """Every extreme equilibrium by ``lrsnash``, each verified exactly.

    Raises
    ------
    EngineUnavailable
        When ``lrsnash`` is not on PATH.
    """
    from negsolve.solvers.bimatrix import _order, nash_subsets, positive_integer_matrix
    from negsolve.solvers.enumeration import pure_ties

    path = lrsnash_path()
    if path is None:
        raise EngineUnavailable(f"the lrs engine needs the program 'lrsnash', which is not on PATH; {INSTALL_HINT}")
    if table.n_players != 2:
        raise NegsolveError("the lrs engine solves two-player games only")
    m, n = table.shape
    output, stopped = _run(path, lrs_input(table), budget, timeout)
    equilibria: list[Equilibrium] = []
    rejected = 0
    for x, y in parse_lrsnash(output, m, n):
        if not is_equilibrium(table, (x, y)):
            rejected += 1
            continue
        eq = Equilibrium((x, y), expected_payoffs(table, (x, y)))
        if eq not in equilibria:
            equilibria.append(eq)
    equilibria.sort(key=_order)
    A = positive_integer_matrix(table.matrix(0))
    B = positive_integer_matrix(table.matrix(1))
    degenerate = pure_ties(A, B) or _surplus_labels(table, equilibria)
    notes: tuple[str, ...] = ()
    if stopped is not None:
        notes = (f"INCOMPLETE: lrsnash was stopped ({stopped}); these are the equilibria it had printed",)
    return SolveResult(
        equilibria=tuple(equilibria),
        scope="all",
        degenerate=degenerate,
        method="lrsnash (lrslib, exact), each equilibrium verified in exact arithmetic",
        nash_subsets=nash_subsets(equilibria) if degenerate else (),
        rejected=rejected,
        notes=notes,
        complete=stopped is None,
        stopped=stopped,
    )


def _surplus_labels(table: PayoffTable, equilibria: list[Equilibrium]) -> bool:
    """Does some equilibrium strategy have more pure best responses than its support size?"""
    from negsolve.solvers.verify import deviation_payoffs

    for eq in equilibria:
        for player in range(2):
            other = 1 - player
            values = deviation_payoffs(table, eq.profile, other)
            best = max(values)
            if values.count(best) > len(eq.support(player)):
                return True
    return False
