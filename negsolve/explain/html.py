"""HTML rendering of an :class:`~negsolve.explain.document.Explanation` (for ``negsolve serve``).

Every piece of text from the game (player, strategy and move names, formulas) is escaped with
:func:`html.escape`; tables and trees reuse the plain-text layout inside ``<pre>``.
"""

from __future__ import annotations

from html import escape

from negsolve.explain.document import Block, Bullets, Em, Equations, Explanation, Math, Paragraph, Parts
from negsolve.explain.text import block_lines


def inline_html(parts: Parts) -> str:
    """Inline pieces: names in ``<em>``, formulas in ``<code>``, all escaped."""
    out = []
    for part in parts:
        if isinstance(part, Em):
            out.append(f"<em>{escape(part.text)}</em>")
        elif isinstance(part, Math):
            out.append(f"<code>{escape(part.text)}</code>")
        else:
            out.append(escape(part))
    return "".join(out)


def block_html(block: Block) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{inline_html(block.parts)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{inline_html(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Equations):
        lines = (f"{e.left.text} {e.relation} {e.right.text}" for e in block.lines)
        return "<pre class=\"equations\">" + escape("\n".join(lines)) + "</pre>"
    return "<pre>" + escape("\n".join(block_lines(block))) + "</pre>"


def render_html(explanation: Explanation) -> str:
    """The steps as an ordered list of sections (no page around them)."""
    out = ["<ol class=\"steps\">"]
    for step in explanation.steps:
        key = f" id=\"step-{escape(step.key)}\"" if step.key else ""
        out.append(f"<li{key}><h3>{escape(step.title)}</h3>")
        out.extend(block_html(b) for b in step.blocks)
        out.append("</li>")
    out.append("</ol>")
    return "\n".join(out)


__all__ = ["block_html", "inline_html", "render_html"]
