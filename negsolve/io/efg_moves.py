"""Move names as Gambit makes them: distinct and nonempty within an information set."""

from __future__ import annotations


def distinct_moves(labels: tuple[str, ...]) -> tuple[str, ...]:
    """Move names made distinct and nonempty as Gambit does: every empty or repeated name
    ``x`` becomes ``x_1``, ``x_2``, ... (skipping names already in use)."""
    if "" not in labels and len(set(labels)) == len(labels):
        return labels
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    used = set(labels)
    visited: dict[str, int] = {}
    out = []
    for label in labels:
        if counts[label] == 1 and label:
            out.append(label)
            continue
        while True:
            visited[label] = visited.get(label, 0) + 1
            candidate = f"{label}_{visited[label]}"
            if candidate not in used:
                break
        used.add(candidate)
        out.append(candidate)
    return tuple(out)
