"""Progress reports, time budgets and cancellation for long computations (no I/O here).

A :class:`Budget` is handed to a long computation, which calls :meth:`Budget.tick` now
and then (cheap: a clock read).  ``tick`` calls the ``report`` callback at most once per
``interval`` seconds after the first ``delay`` seconds, and raises :class:`Stopped` once
:meth:`Budget.cancel` was called (e.g. from a SIGINT handler) or the time limit has passed.
The computation catches :class:`Stopped` at a point where its partial results are
consistent and returns them marked incomplete.  The command line renders reports on
standard error; the library never prints.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

INTERRUPTED = "interrupted"
TIME_LIMIT = "time limit"


@dataclass(frozen=True)
class Progress:
    """A snapshot: what is being done, how much of it, how long it has run."""

    task: str
    done: int
    found: int
    elapsed: float
    unit: str = "bases"


class Stopped(Exception):
    """Raised by :meth:`Budget.tick` to stop a computation; ``reason`` is INTERRUPTED or TIME_LIMIT."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Budget:
    """Time limit, cancellation flag and progress callback for one computation.

    Parameters
    ----------
    time_limit:
        Seconds of wall time allowed from construction (None: no limit).
    report:
        Called with a :class:`Progress` every ``interval`` seconds once ``delay`` seconds have passed.
    """

    def __init__(self, time_limit: float | None = None, report: Callable[[Progress], None] | None = None,
                 delay: float = 1.0, interval: float = 0.5) -> None:
        self.started = time.monotonic()
        self.deadline = None if time_limit is None else self.started + time_limit
        self.report = report
        self.next_report = self.started + delay
        self.interval = interval
        self.cancelled = False
        self.reason: str | None = None
        self.reported = False

    def cancel(self) -> None:
        """Ask the computation to stop at its next tick (safe to call from a signal handler)."""
        self.cancelled = True

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def tick(self, task: str, done: int, found: int, unit: str = "bases") -> None:
        """Report progress when due; raise :class:`Stopped` when cancelled or out of time."""
        now = time.monotonic()
        if self.cancelled:
            self.reason = INTERRUPTED
            raise Stopped(INTERRUPTED)
        if self.deadline is not None and now >= self.deadline:
            self.reason = TIME_LIMIT
            raise Stopped(TIME_LIMIT)
        if self.report is not None and now >= self.next_report:
            self.next_report = now + self.interval
            self.reported = True
            self.report(Progress(task, done, found, now - self.started, unit))
