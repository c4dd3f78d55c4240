"""A tiny SVG writer: shapes and escaped text, no third-party dependencies.

Text is measured with a fixed estimate (:func:`text_width`) so layouts can keep labels apart
without a font library; the estimate is generous (0.6 em per character), so real glyphs fit
inside the boxes the layouts reserve.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
CHAR_EM = 0.6  # estimated advance of one character, in ems


def text_width(text: str, size: float) -> float:
    """Estimated width of ``text`` at font size ``size`` (0.6 em per character)."""
    return len(text) * size * CHAR_EM


def num(x: float) -> str:
    """A coordinate as short text: two decimals at most, no trailing zeros."""
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _attrs(attrs: dict[str, object]) -> str:
    out = []
    for key, value in attrs.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        text = num(value) if isinstance(value, float) else str(value)
        out.append(f"{name}={quoteattr(text)}")
    return " ".join(out)


@dataclass
class Svg:
    """An SVG document being written: elements appended in drawing order."""

    width: float
    height: float
    title: str = ""
    parts: list[str] = field(default_factory=list)

    def add(self, tag: str, text: str | None = None, /, **attrs: object) -> None:
        a = _attrs(attrs)
        if text is None:
            self.parts.append(f"<{tag} {a}/>")
        else:
            self.parts.append(f"<{tag} {a}>{escape(text)}</{tag}>")

    def rect(self, x: float, y: float, w: float, h: float, **attrs: object) -> None:
        self.add("rect", x=float(x), y=float(y), width=float(w), height=float(h), **attrs)

    def line(self, x1: float, y1: float, x2: float, y2: float, **attrs: object) -> None:
        self.add("line", x1=float(x1), y1=float(y1), x2=float(x2), y2=float(y2), **attrs)

    def circle(self, x: float, y: float, r: float, **attrs: object) -> None:
        self.add("circle", cx=float(x), cy=float(y), r=float(r), **attrs)

    def polygon(self, points: list[tuple[float, float]], **attrs: object) -> None:
        self.add("polygon", points=" ".join(f"{num(x)},{num(y)}" for x, y in points), **attrs)

    def polyline(self, points: list[tuple[float, float]], **attrs: object) -> None:
        self.add("polyline", points=" ".join(f"{num(x)},{num(y)}" for x, y in points), fill="none", **attrs)

    def text(self, x: float, y: float, text: str, size: float = 13, anchor: str = "middle", **attrs: object) -> None:
        """Text whose baseline is at ``y``; ``anchor`` is start, middle or end."""
        self.add("text", text, x=float(x), y=float(y), font_size=float(size), text_anchor=anchor, **attrs)

    def comment(self, text: str) -> None:
        self.parts.append("<!-- " + text.replace("--", "- -") + " -->")

    def to_string(self) -> str:
        head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(self.width)}" height="{num(self.height)}" '
                f'viewBox="0 0 {num(self.width)} {num(self.height)}" font-family={quoteattr(FONT)}>')
        title = f"<title>{escape(self.title)}</title>" if self.title else ""
        background = f'<rect x="0" y="0" width="{num(self.width)}" height="{num(self.height)}" fill="white"/>'
        return "\n".join([head, title, background, *self.parts, "</svg>"]) + "\n"
