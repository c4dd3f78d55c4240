"""The command line's side of long computations: progress lines on standard error and Ctrl-C.

The library reports progress through a :class:`negsolve.progress.Budget`; here it is drawn
as one line rewritten in place, only when standard error is a terminal and ``--quiet`` is not
given.  The first Ctrl-C asks the computation to stop (it returns what it found, marked
incomplete); a second one interrupts at once.  :class:`ProgressLine` is the counted variant
for runs of known size (sweeps, batches): done/total, share and time left.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

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

class ProgressLine:
    def __init__(self, label: str, total: int, enabled: bool = True, delay: float = 1.0,
                 stream: TextIO | None = None) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.enabled = enabled and self.stream.isatty()
        self.start = time.monotonic()
        self.delay = delay
        self.last = 0.0
        self.shown = False

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < self.delay or now - self.last < 0.2:
            return
        self.last = now
        elapsed = now - self.start
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = f", about {(self.total - self.done) / rate:.0f} s left" if rate > 0 and self.total else ""
        share = f" ({100 * self.done / self.total:.0f}%)" if self.total else ""
        self.stream.write(f"\r{self.label}: {self.done:,}/{self.total:,}{share}, {elapsed:.0f} s{left}\033[K")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False
