"""Markdown rendering of an explanation, for notes (GitHub, Pandoc, Jupyter: math in ``$...$``)."""

from __future__ import annotations

import re

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
    TreeFigure,
)
from negsolve.explain.text import tree_lines
from negsolve.formatting import fmt

_SPECIAL = re.compile(r"([\\`*_\[\]<>|$])")
_PLAIN_NUMBER = re.compile(r"^[-()0-9/, ]+$")


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _math(part: Math) -> str:
    if _PLAIN_NUMBER.match(part.text):
        return escape(part.text)
    return f"${part.tex}$"


def inline_markdown(parts: Parts) -> str:
    out = []
    for part in parts:
        if isinstance(part, Math):
            out.append(_math(part))
        elif isinstance(part, Em):
            out.append(f"*{escape(part.text)}*")
        else:
            out.append(escape(part))
    return "".join(out)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def block_markdown(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [inline_markdown(block.parts)]
    if isinstance(block, Bullets):
        return ["- " + inline_markdown(item) for item in block.items]
    if isinstance(block, Equations):
        body = " \\\\\n".join(f"{e.left.tex} &{e.relation} {e.right.tex}" for e in block.lines)
        return ["$$", "\\begin{aligned}", body, "\\end{aligned}", "$$"]
    if isinstance(block, Matrix):
        lines = []
        if block.caption:
            lines.extend([inline_markdown(block.caption), ""])
        header = [f"{escape(block.row_player)} \\\\ {escape(block.column_player)}"] + [escape(c) for c in block.columns]
        rows = []
        for name, cells in zip(block.rows, block.cells, strict=False):
            row = [f"*{escape(name)}*"]
            for cell in cells:
                marks = cell.marks or (False,) * len(cell.values)
                row.append(", ".join(f"**{escape(fmt(v))}**" if f else escape(fmt(v))
                                     for v, f in zip(cell.values, marks, strict=False)))
            rows.append(row)
        lines.extend(_table(header, rows))
        legend = f"Payoffs ({escape(', '.join(block.players))})"
        legend += "; best responses in bold." if block.marked else "."
        lines.extend(["", f"*{legend}*"])
        return lines
    if isinstance(block, Table):
        return _table([escape(h) for h in block.header], [[inline_markdown(c) for c in row] for row in block.rows])
    if isinstance(block, TreeFigure):
        return ["```text", *[line[2:] if line.startswith("  ") else line for line in tree_lines(block)], "```"]
    raise TypeError(f"unknown block {type(block).__name__}")


def render_markdown(explanation: Explanation) -> str:
    lines = [f"# {escape(explanation.title)}", ""]
    for number, step in enumerate(explanation.steps, start=1):
        lines.extend([f"## Step {number}. {escape(step.title)}", ""])
        for block in step.blocks:
            lines.extend(block_markdown(block))
            lines.append("")
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


__all__ = ["render_markdown", "escape"]
