"""The command line's side of long computations: a progress line on standard error and Ctrl-C.

The library reports progress through a :class:`negsolve.progress.Budget`; here it is drawn
as one line rewritten in place, only when standard error is a terminal and ``--quiet`` is not
given.  The first Ctrl-C asks the computation to stop (it returns what it found, marked
incomplete); a second one interrupts at once.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from negsolve.progress import INTERRUPTED, Budget, Progress

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_TIME_LIMIT = 124  # as timeout(1)


def progress_text(progress: Progress) -> str:
    unit = f" {progress.unit}" if progress.unit else ""
    done = f"{progress.done:,}{unit}, " if progress.done else ""
    return (f"{progress.task}: {done}{progress.found} found, {progress.elapsed:.0f} s "
            "(Ctrl-C stops and shows what was found)")


@contextmanager
def cli_budget(time_limit: float | None, quiet: bool, stream: Any = None) -> Iterator[Budget]:
    """A :class:`Budget` wired to a progress line on ``stream`` (stderr) and to SIGINT."""
    stream = stream if stream is not None else sys.stderr
    show = not quiet and hasattr(stream, "isatty") and stream.isatty()
    width = [0]

    def report(progress: Progress) -> None:
        text = progress_text(progress)
        stream.write("\r" + text.ljust(width[0]))
        stream.flush()
        width[0] = len(text)

    budget = Budget(time_limit, report if show else None, delay=0.5)
    presses = [0]

    def on_sigint(signum: int, frame: Any) -> None:
        presses[0] += 1
        if presses[0] > 1:
            raise KeyboardInterrupt
        budget.cancel()

    install = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, on_sigint) if install else None
    try:
        yield budget
    finally:
        if install:
            signal.signal(signal.SIGINT, previous)
        if show and budget.reported:
            stream.write("\r" + " " * width[0] + "\r")
            stream.flush()


def exit_code(stopped: str | None) -> int:
    """0 for a complete result, 130 when interrupted, 124 when the time limit was reached."""
    if stopped is None:
        return 0
    return EXIT_INTERRUPTED if stopped == INTERRUPTED else EXIT_TIME_LIMIT
