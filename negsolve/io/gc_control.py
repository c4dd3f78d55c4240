"""Pausing Python's cyclic garbage collector while big inputs are parsed.

Parsing a game of 10^5-10^6 nodes creates millions of small containers (lists, dicts,
tuples) that form no reference cycles and live until the parse ends.  The cyclic collector
re-walks every live container each time a generation fills, so its cost grows with the
heap: it was about half of parsing a 10^6-node ``.efg`` and made validating a 100,000-level
TOML chain superlinear.  Reference counting still frees everything as usual.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off inside the block (restored after, also on errors)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def with_paused_gc(func: F) -> F:
    """Decorator: run ``func`` with the cyclic garbage collector paused."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with paused_gc():
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
