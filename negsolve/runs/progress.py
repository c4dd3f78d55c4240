"""A one-line progress display on standard error for long runs (sweeps, batches).

Shown only on a terminal, only after ``delay`` seconds (short runs stay silent), redrawn at
most five times a second; ``close`` clears it.  Quiet when standard error is piped or
with ``--quiet``.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


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
