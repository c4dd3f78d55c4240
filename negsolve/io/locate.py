"""Find the line of a key path in TOML text.

``tomllib`` keeps no positions, so error messages locate a key by a light scan of the
text: every table header (``[a."b c"]``, ``[[players]]``) and every ``key =`` line is
given its full key path, array-of-tables entries numbered in order.  The line whose path
equals the wanted one is returned, else the line of its longest known prefix.  A best
effort: keys inside multi-line arrays or inline tables fall back to their parent's line.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(?:#.*)?$")
_KEY_LINE = re.compile(r'^\s*((?:"(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_-]+)'
                       r'(?:\s*\.\s*(?:"(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_-]+))*)\s*=')
_PART = re.compile(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([A-Za-z0-9_-]+)')


def _split(dotted: str) -> list[str]:
    parts = []
    for match in _PART.finditer(dotted):
        text = match.group(1) if match.group(1) is not None else match.group(2) or match.group(3) or ""
        if match.group(1) is not None:
            text = re.sub(r"\\(.)", r"\1", text)
        parts.append(text)
    return parts


def find_line(text: str, path: list[str | int]) -> int | None:
    """1-based line of ``path`` (e.g. ``["players", 1, "strategies"]``) in ``text``, or None."""
    return LineIndex(text).line(path)


class LineIndex:
    """The key paths of a TOML text, scanned once: many look-ups cost one pass over the text.

    ``line(path)`` is the first line whose key path equals ``path``, else the first line of
    its longest prefix that has a line.
    """

    def __init__(self, text: str):
        self.first: dict[tuple[str | int, ...], int] = {}
        current: list[str | int] = []
        counters: dict[tuple[str, ...], int] = {}
        in_multiline = False
        for number, line in enumerate(text.splitlines(), start=1):
            if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
                in_multiline = not in_multiline
                if not in_multiline:
                    continue
            elif in_multiline:
                continue
            header = _HEADER.match(line)
            if header and not _KEY_LINE.match(line):
                keys: list[str | int] = list(_split(header.group(2)))
                if header.group(1) == "[[":
                    key = tuple(str(k) for k in keys)
                    counters[key] = counters.get(key, -1) + 1
                    keys.append(counters[key])
                current = keys
                full = current
            else:
                match = _KEY_LINE.match(line)
                if not match:
                    continue
                full = current + list(_split(match.group(1)))
            self.first.setdefault(tuple(full), number)

    def line(self, path: list[str | int]) -> int | None:
        for size in range(len(path), 0, -1):
            number = self.first.get(tuple(path[:size]))
            if number is not None:
                return number
        return None
