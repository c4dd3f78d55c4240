"""Find the line of a dotted key path in TOML text.

``tomllib`` keeps no positions, so error messages find the line of a key by scanning
the text: the table header of the first part, then each later key in turn.  It is a
best effort; when a key cannot be found the message simply has no line.
"""

from __future__ import annotations

import re


def _key_pattern(part: str) -> re.Pattern[str]:
    quoted = re.escape(part)
    return re.compile(rf'^\s*(?:"{quoted}"|\'{quoted}\'|{quoted})\s*=|[{{,]\s*(?:"{quoted}"|{quoted})\s*=')


def _header_pattern(part: str) -> re.Pattern[str]:
    quoted = re.escape(part)
    return re.compile(rf'^\s*\[\[?\s*(?:"{quoted}"|{quoted})\s*\]\]?')


def find_line(text: str, path: list[str | int]) -> int | None:
    """1-based line of ``path`` (e.g. ``["players", 1, "strategies"]``) in ``text``."""
    lines = text.splitlines()
    start = 0
    found: int | None = None
    header = ".".join(f'"{p}"' if isinstance(p, str) and not re.fullmatch(r"[A-Za-z0-9_-]+", p) else str(p)
                      for p in path if isinstance(p, str))
    # A nested table header such as [payoffs."Cooperate"] names several parts at once.
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("[") and header and stripped.strip("[]").replace(" ", "") == header.replace(" ", ""):
            return i + 1
    for part in path:
        if isinstance(part, int):
            if found is None:
                return None
            # the (part+1)-th [[name]] header from here on
            name = path[path.index(part) - 1]
            pattern = re.compile(rf"^\s*\[\[\s*{re.escape(str(name))}\s*\]\]")
            count = -1
            for i in range(found - 1, len(lines)):
                if pattern.match(lines[i]):
                    count += 1
                    if count == part:
                        found = i + 1
                        start = i + 1
                        break
            continue
        header_re = _header_pattern(part)
        key_re = _key_pattern(part)
        hit = None
        for i in range(start, len(lines)):
            if header_re.match(lines[i]) or key_re.search(lines[i]):
                hit = i
                break
        if hit is None:
            return found
        found = hit + 1
        start = hit + 1 if header_re.match(lines[hit]) else hit
    return found
