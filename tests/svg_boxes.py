"""Text boxes of an SVG drawn by negsolve.draw, from the SVG itself (x, y, anchor, font size, text).

The width estimate is the layouts' own (0.6 em per character, generous for DejaVu Sans); the
height is the font size (ascent 0.8, descent 0.2 of it).  Rotated labels (axis titles) are left out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def text_boxes(svg: str) -> list[tuple[float, float, float, float, str]]:
    boxes = []
    for el in ET.fromstring(svg).iter(NS + "text"):
        if el.get("transform"):
            continue
        text = el.text or ""
        size = float(el.get("font-size", "12"))
        width = len(text) * size * 0.6
        x, y = float(el.get("x", "0")), float(el.get("y", "0"))
        anchor = el.get("text-anchor", "start")
        left = x - width / 2 if anchor == "middle" else (x - width if anchor == "end" else x)
        boxes.append((left, y - 0.8 * size, left + width, y + 0.2 * size, text))
    return boxes


def overlaps(svg: str, tolerance: float = 0.1) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes overlap by more than ``tolerance`` (coordinates are written with two
    decimals, so boxes laid edge to edge may seem to touch by 0.01)."""
    boxes = sorted(text_boxes(svg))
    found = []
    e = tolerance
    for k, a in enumerate(boxes):
        for b in boxes[k + 1:]:
            if b[0] >= a[2] - e:
                break
            if b[1] < a[3] - e and a[1] < b[3] - e and b[0] < a[2] - e and a[0] < b[2] - e:
                found.append((a[4], b[4]))
    return found
