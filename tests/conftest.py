"""Shared fixtures, the corpus rule, hypothesis profiles, and the frozen/live choice of the pygambit oracle."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, settings
from oracle.corpus import CORPUS, HOW_TO_GET, corpus_files, corpus_key

from negsolve.model.strategic import PayoffTable

__all__ = ["CORPUS", "corpus_files", "corpus_key", "corpus_params", "examples", "oracle_answer", "SOURCES"]

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"

# Hypothesis: the default profile is fast; HYPOTHESIS_PROFILE=ci runs CI_FACTOR times more examples.
CI_FACTOR = 5
settings.register_profile("fast", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "ci", max_examples=100 * CI_FACTOR, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "fast")
settings.load_profile(PROFILE)


_CORPUS_ABSENT = pytest.StashKey[int]()
_LATEX_ABSENT = pytest.StashKey[int]()

# pdflatex cannot come from pip: without it the LaTeX compile tests are deselected with a one-line note (like the
# corpus tests); CI=true installs TeX (.ci/run) and must run them.
HOW_TO_GET_LATEX = ("pdflatex is absent: apt-get install texlive-latex-extra texlive-pictures runs them "
                    "(.ci/run does)")


def examples(n: int) -> int:
    """A test's example count: ``n`` in the default profile, more in the ``ci`` profile."""
    return n * CI_FACTOR if PROFILE == "ci" else n


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("CI") == "true" and not CORPUS.is_dir():
        raise pytest.UsageError(f"CI=true but Gambit's corpus is absent at {CORPUS}: CI must run the corpus tests")
    if os.environ.get("CI") == "true" and shutil.which("pdflatex") is None:
        raise pytest.UsageError("CI=true but pdflatex is absent: CI must run the LaTeX compile tests")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """NEGSOLVE_NO_SKIPS=1 (set by .ci/run for the live-oracle run): a skipped test fails the run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None or os.environ.get("NEGSOLVE_NO_SKIPS") != "1":
        return
    skipped = len(reporter.stats.get("skipped", []))
    if skipped and session.exitstatus == 0:
        reporter.write_line(f"\nNEGSOLVE_NO_SKIPS=1: {skipped} test(s) skipped; this run must not skip any", red=True)
        session.exitstatus = 1


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without the corpus (or pdflatex), those tests are deselected and the summary says so in one line."""
    if shutil.which("pdflatex") is None:
        latex = [item for item in items if item.get_closest_marker("latex") is not None]
        if latex:
            items[:] = [item for item in items if item.get_closest_marker("latex") is None]
            config.hook.pytest_deselected(items=latex)
            config.stash[_LATEX_ABSENT] = len(latex)
    if CORPUS.is_dir():
        return
    absent = [item for item in items if "corpus" in getattr(item, "fixturenames", ())]
    if absent:
        items[:] = [item for item in items if "corpus" not in getattr(item, "fixturenames", ())]
        config.hook.pytest_deselected(items=absent)
        config.stash[_CORPUS_ABSENT] = len(absent)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if shutil.which("pdflatex") is None:
        count = config.stash.get(_LATEX_ABSENT, 0)
        terminalreporter.write_line(f"{count or 'The'} LaTeX compile tests not run: {HOW_TO_GET_LATEX}.", yellow=True)
    if not CORPUS.is_dir():  # under xdist the workers deselect, so the count is known only without it
        count = config.stash.get(_CORPUS_ABSENT, 0)
        terminalreporter.write_line(f"{count or 'The'} corpus tests not run. {HOW_TO_GET}.", yellow=True)


def pytest_report_header(config: pytest.Config) -> list[str]:
    lines = [f"hypothesis profile: {PROFILE} (HYPOTHESIS_PROFILE=ci for {CI_FACTOR}x more examples)"]
    lines.append(f"corpus: {CORPUS}" if CORPUS.is_dir() else HOW_TO_GET)
    return lines


# --------------------------------------------------------------------------------------
# Gambit's corpus


@pytest.fixture
def corpus() -> Path:
    """Gambit's corpus root (without it, the tests using this fixture are deselected, see above)."""
    if not CORPUS.is_dir():
        pytest.skip(HOW_TO_GET)
    return CORPUS


def corpus_params(suffix: str, keep: Callable[[Path], bool] = lambda path: True) -> list[Any]:
    """Corpus files as test parameters (id: the path in the corpus); one placeholder when the corpus is absent,
    so that the test is collected, deselected and counted in the one-line note instead of vanishing."""
    files = [p for p in corpus_files(suffix) if keep(p)]
    if not files:
        return [pytest.param(None, id="corpus-absent")]
    return [pytest.param(p, id=corpus_key(p)) for p in files]


# --------------------------------------------------------------------------------------
# pygambit: frozen answers by default, live under the ``oracle`` marker

SOURCES = [pytest.param("frozen", id="frozen"), pytest.param("live", id="live", marks=pytest.mark.oracle)]
T = TypeVar("T")


def oracle_answer(source: str, frozen: T, live: Callable[[], T]) -> T:
    """pygambit's answer: the frozen one, or (source "live") pygambit's own, which must equal the frozen one."""
    if source == "frozen":
        return frozen
    try:
        import pygambit  # noqa: F401
    except ImportError:
        pytest.skip("live oracle: pygambit is not installed (pip install -e '.[oracle]')")
    answer = live()
    assert answer == frozen, "pygambit's live answer differs from the frozen one: see tests/oracle/generate.py"
    return answer


# --------------------------------------------------------------------------------------
# Small helpers


def bimatrix(A: list[list[object]], B: list[list[object]]) -> PayoffTable:
    """A two-player payoff table from row-player and column-player matrices."""
    m, n = len(A), len(A[0])
    return PayoffTable(
        (m, n), tuple((Fraction(str(A[i][j])), Fraction(str(B[i][j]))) for i in range(m) for j in range(n))
    )


def profile_set(equilibria) -> set:  # type: ignore[no-untyped-def]
    return {tuple(tuple(s) for s in eq.profile) for eq in equilibria}


def linear_payoff(const: int, coeffs: list[int], names: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """The payoff expression const + sum(coeff * name), for random parametric games in property tests."""
    from negsolve.model.expression import Binary, Number, Variable

    expr = Number(Fraction(const))
    for coeff, name in zip(coeffs, names, strict=False):
        if coeff:
            expr = Binary("+", expr, Binary("*", Number(Fraction(coeff)), Variable(name)))
    return expr
