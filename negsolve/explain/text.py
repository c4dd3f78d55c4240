"""Plain-text rendering of an :class:`~negsolve.explain.document.Explanation` (for the terminal)."""

from __future__ import annotations

import textwrap

from negsolve.explain.document import (
    Block,
    Bullets,
    Em,
    Equations,
    Explanation,
    Math,
    Matrix,
    Paragraph,
    Parts,
    Table,
    TreeBox,
    TreeFigure,
)
from negsolve.formatting import fmt

WIDTH = 92
_NBSP = "\x00"


def inline_text(parts: Parts, keep_formulas: bool = False) -> str:
    """Inline pieces as plain text; with ``keep_formulas`` spaces inside formulas are protected from wrapping."""
    out = []
    for part in parts:
        if isinstance(part, Math):
            out.append(part.text.replace(" ", _NBSP) if keep_formulas else part.text)
        elif isinstance(part, Em):
            out.append(part.text)
        else:
            out.append(part)
    return "".join(out)


def _wrap(parts: Parts, first: str = "", rest: str = "") -> list[str]:
    text = inline_text(parts, keep_formulas=True)
    lines = textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest,
                          break_long_words=False, break_on_hyphens=False) or [first.rstrip()]
    return [line.replace(_NBSP, " ") for line in lines]


def grid(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[c]) for r in [header] + rows) for c in range(len(header))]

    def line(cells: list[str]) -> str:
        return " | ".join(cell.ljust(w) for cell, w in zip(cells, widths, strict=False)).rstrip()

    return [line(header), "-+-".join("-" * w for w in widths)] + [line(r) for r in rows]


def matrix_lines(m: Matrix) -> list[str]:
    lines = []
    if m.caption:
        lines.append(inline_text(m.caption))
    header = [f"{m.row_player} \\ {m.column_player}", *m.columns]
    rows = []
    for name, cells in zip(m.rows, m.cells, strict=False):
        row = [name]
        for cell in cells:
            marks = cell.marks or (False,) * len(cell.values)
            row.append(", ".join(fmt(v) + ("*" if f else "") for v, f in zip(cell.values, marks, strict=False)))
        rows.append(row)
    lines.extend("  " + line for line in grid(header, rows))
    order = ", ".join(m.players)
    lines.append(f"  (payoffs: {order}" + ("; * marks a best response)" if m.marked else ")"))
    return lines


def tree_lines(figure: TreeFigure) -> list[str]:
    legend = [f"payoffs in order: {', '.join(figure.players)}"]
    if figure.marked:
        legend.append("* marks the equilibrium's moves")
    if figure.values:
        legend.append("=> the payoffs carried up to a node")
    lines = [f"  ({'; '.join(legend)})"]

    def header(box: TreeBox) -> str:
        if box.payoffs is not None:
            return "(" + ", ".join(fmt(v) for v in box.payoffs) + ")"
        text = f"{box.who} [{box.id}]"
        if box.infoset:
            text += f" (information set {box.infoset})"
        if box.value is not None:
            text += f"  => {box.value.text}"
        return text

    stack: list[tuple[TreeBox, str, str]] = [(figure.root, "  ", "  ")]
    while stack:
        box, prefix, lead = stack.pop()
        lines.append(lead + header(box))
        entries = []
        for k, edge in enumerate(box.edges):
            last = k == len(box.edges) - 1
            prob = f" (p = {fmt(edge.probability)})" if edge.probability is not None else ""
            mark = f" {edge.mark}" if edge.mark else ""
            entries.append((edge.child, prefix + ("   " if last else "│  "),
                            f"{prefix}{'└─ ' if last else '├─ '}{edge.move}{prob}{mark} → "))
        stack.extend(reversed(entries))
    if figure.omitted:
        lines.append(f"  ... ({figure.omitted} more nodes not drawn)")
    return lines


def block_lines(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return _wrap(block.parts)
    if isinstance(block, Bullets):
        out = []
        for item in block.items:
            out.extend(_wrap(item, "  - ", "    "))
        return out
    if isinstance(block, Equations):
        width = max(len(e.left.text) for e in block.lines)
        return [f"      {e.left.text.rjust(width)} {e.relation} {e.right.text}" for e in block.lines]
    if isinstance(block, Matrix):
        return matrix_lines(block)
    if isinstance(block, Table):
        return ["  " + line for line in grid(list(block.header),
                                              [[inline_text(c) for c in row] for row in block.rows])]
    if isinstance(block, TreeFigure):
        return tree_lines(block)
    raise TypeError(f"unknown block {type(block).__name__}")


def render_text(explanation: Explanation) -> str:
    lines = [explanation.title, "=" * len(explanation.title), ""]
    for number, step in enumerate(explanation.steps, start=1):
        head = f"Step {number}. {step.title}"
        lines.extend([head, "-" * len(head), ""])
        for block in step.blocks:
            lines.extend(block_lines(block))
            lines.append("")
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


__all__ = ["render_text", "inline_text", "grid"]
