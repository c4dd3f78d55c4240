"""Shared fixtures and the independent oracle (pygambit), used only by tests."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from negsolve.model.strategic import PayoffTable

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
CORPUS = ROOT.parent / "shared" / "corpus" / "gambit"


def corpus_files(suffix: str) -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(CORPUS.rglob(f"*{suffix}"))


def bimatrix(A: list[list[object]], B: list[list[object]]) -> PayoffTable:
    """A two-player payoff table from row-player and column-player matrices."""
    m, n = len(A), len(A[0])
    return PayoffTable(
        (m, n), tuple((Fraction(str(A[i][j])), Fraction(str(B[i][j]))) for i in range(m) for j in range(n))
    )


def profile_set(equilibria) -> set:  # type: ignore[no-untyped-def]
    return {tuple(tuple(s) for s in eq.profile) for eq in equilibria}


def gambit_extreme_equilibria(table: PayoffTable) -> set:  # type: ignore[no-untyped-def]
    """Every extreme equilibrium by pygambit's exact enummixed (the oracle), as exact tuples."""
    gbt = pytest.importorskip("pygambit")
    A = table.matrix(0)
    B = table.matrix(1)
    game = gbt.Game.from_arrays(A, B)
    result = gbt.nash.enummixed_solve(game, rational=True)
    out = set()
    for eq in result.equilibria:
        out.add(tuple(tuple(Fraction(str(eq[s])) for s in p.strategies) for p in game.players))
    return out


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "oracle: compares with an oracle live (skipped when it is not installed)")
