r"""LaTeX rendering of an explanation, to paste into a teacher's document.

Payoff matrices are ``tabular`` environments with best responses underlined, equations are
``align*``, trees are drawn with the ``forest`` package (part of TeX Live's ``texlive-pictures``;
it lays out any tree without hand-tuned distances).  The fragment needs, in the preamble::

    \usepackage{amsmath}
    \usepackage{adjustbox}
    \usepackage{forest}

``standalone=True`` wraps the fragment in a complete ``article`` document that compiles with
``pdflatex``.
"""

from __future__ import annotations

from fractions import Fraction

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
from negsolve.explain.wording import tex_number

PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[utf8]{inputenc}
\usepackage[margin=2.5cm]{geometry}
\usepackage{amsmath}
\usepackage{adjustbox}
\usepackage{forest}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.6em}
\setlength{\emergencystretch}{2em}
"""

_ESCAPES = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{",
    "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "<": r"\ensuremath{<}",
    ">": r"\ensuremath{>}", '"': "''",
    "→": r"\ensuremath{\rightarrow}", "⇒": r"\ensuremath{\Rightarrow}", "—": "---", "–": "--", "’": "'", "‘": "`",
    "“": "``", "”": "''", "≥": r"\ensuremath{\geq}", "≤": r"\ensuremath{\leq}", "δ": r"\ensuremath{\delta}",
    "×": r"\ensuremath{\times}", "…": r"\ldots{}", "\u00a0": "~", "\x00": " ",
}


def escape(text: str) -> str:
    """Text-mode LaTeX for arbitrary text (strategy names, stories); straight double quotes become `` and ''."""
    import re

    text = re.sub(r'"([^"\n]*)"', "\x01\\1\x02", text)
    text = text.replace("<=", "\x03").replace(">=", "\x04")
    out = "".join(_ESCAPES.get(ch, ch) for ch in text)
    return (out.replace("\x01", "``").replace("\x02", "''").replace("\x03", r"\ensuremath{\leq}")
            .replace("\x04", r"\ensuremath{\geq}"))


def inline_latex(parts: Parts) -> str:
    out = []
    for part in parts:
        if isinstance(part, Math):
            out.append(f"${part.tex}$")
        elif isinstance(part, Em):
            out.append(f"\\emph{{{escape(part.text)}}}")
        else:
            out.append(escape(part))
    return "".join(out)


def _number(value: Fraction, marked: bool) -> str:
    tex = tex_number(value)
    return f"\\underline{{{tex}}}" if marked else tex


def _matrix(m: Matrix) -> list[str]:
    lines = [r"\begin{center}"]
    if m.caption:
        lines.append(inline_latex(m.caption) + r"\\[4pt]")
    lines.append(r"\begin{adjustbox}{max width=\linewidth}")
    lines.append(r"\begin{tabular}{l|" + "c" * len(m.columns) + "}")
    lines.append(f"{escape(m.row_player)} $\\backslash$ {escape(m.column_player)} & "
                 + " & ".join(escape(c) for c in m.columns) + r" \\ \hline")
    for name, cells in zip(m.rows, m.cells, strict=False):
        row = []
        for cell in cells:
            marks = cell.marks or (False,) * len(cell.values)
            row.append("$" + ", ".join(_number(v, f) for v, f in zip(cell.values, marks, strict=False)) + "$")
        lines.append(escape(name) + " & " + " & ".join(row) + r" \\")
    lines.append(r"\end{tabular}")
    lines.append(r"\end{adjustbox}\\[2pt]")
    legend = f"Payoffs ({', '.join(m.players)})" + ("; best responses are underlined." if m.marked else ".")
    lines.append(r"{\footnotesize " + escape(legend) + "}")
    lines.append(r"\end{center}")
    return lines


def _table(t: Table) -> list[str]:
    lines = [r"\begin{center}", r"\begin{tabular}{" + "l" * len(t.header) + "}",
             " & ".join(r"\textbf{" + escape(h) + "}" for h in t.header) + r" \\ \hline"]
    for row in t.rows:
        lines.append(" & ".join(inline_latex(c) for c in row) + r" \\")
    lines.extend([r"\end{tabular}", r"\end{center}"])
    return lines


def _tree(figure: TreeFigure) -> list[str]:
    infosets: dict[str, list[str]] = {}
    body: list[str] = []

    def content(box: TreeBox) -> str:
        if box.payoffs is not None:
            return "$(" + ", ".join(tex_number(v) for v in box.payoffs) + ")$"
        text = escape(box.who) + r"\\{\scriptsize " + escape(box.id) + "}"
        if box.value is not None:
            text += r"\\{\scriptsize $\Rightarrow " + box.value.tex + "$}"
        return text

    def walk(box: TreeBox, depth: int, edge: str) -> None:
        name = f"n{box.number}"
        if box.infoset:
            infosets.setdefault(box.infoset, []).append(name)
        indent = "  " * depth
        body.append(f"{indent}[{{{content(box)}}}, name={name}{edge}")
        count = len(box.edges)
        for m, e in enumerate(box.edges):
            label = escape(e.move)
            if e.probability is not None:
                label += f" (${tex_number(e.probability)}$)"
            if e.mark and e.mark != "*":
                label += f" [{escape(e.mark.lstrip('*'))}]"
            style = ", edge={very thick}" if e.mark else ""
            side = ("left" if 2 * m + 1 < count else "right" if 2 * m + 1 > count else "fill=white")
            walk(e.child, depth + 1,
                 f"{style}, edge label={{node[midway, {side}, inner sep=1pt, font=\\scriptsize]{{{label}}}}}")
        body.append(f"{indent}]")

    walk(figure.root, 1, "")
    lines = [r"\begin{center}", r"\begin{adjustbox}{max width=\linewidth, max totalheight=0.8\textheight}",
             r"\begin{forest}"]
    lines.append(r"for tree={align=center, font=\small, l sep=12mm, s sep=8mm, inner sep=2pt}")
    lines.extend(body)
    for members in infosets.values():
        for a, b in zip(members, members[1:], strict=False):
            lines.append(f"\\draw[dashed] ({a}) -- ({b});")
    lines.append(r"\end{forest}")
    lines.append(r"\end{adjustbox}")
    legend = f"Payoffs ({', '.join(figure.players)})"
    if figure.marked:
        legend += "; thick lines are the equilibrium's moves"
    if figure.values:
        legend += "; => marks the payoffs carried up to a node"
    if infosets:
        legend += "; dashed lines join nodes the mover cannot tell apart"
    lines.append(r"\\[2pt]{\footnotesize " + escape(legend.replace("=>", "⇒")) + ".}")
    if figure.omitted:
        lines.append(r"\\{\footnotesize " + f"({figure.omitted} more nodes not drawn)" + "}")
    lines.append(r"\end{center}")
    return lines


def block_latex(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [inline_latex(block.parts)]
    if isinstance(block, Bullets):
        return [r"\begin{itemize}"] + [r"\item " + inline_latex(item) for item in block.items] + [r"\end{itemize}"]
    if isinstance(block, Equations):
        rows = [f"{e.left.tex} &{e.relation} {e.right.tex}" for e in block.lines]
        return [r"\begin{align*}", " \\\\\n".join(rows), r"\end{align*}"]
    if isinstance(block, Matrix):
        return _matrix(block)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, TreeFigure):
        return _tree(block)
    raise TypeError(f"unknown block {type(block).__name__}")


def render_latex(explanation: Explanation, standalone: bool = False) -> str:
    lines = []
    if standalone:
        lines.extend([PREAMBLE.rstrip("\n"), r"\begin{document}", ""])
    else:
        lines.extend([r"% negsolve explain: needs \usepackage{amsmath}, \usepackage{adjustbox} and \usepackage{forest}",
                      ""])
    lines.extend([r"\section*{" + escape(explanation.title) + "}", ""])
    for number, step in enumerate(explanation.steps, start=1):
        lines.extend([r"\subsection*{Step " + f"{number}. " + escape(step.title) + "}", ""])
        for block in step.blocks:
            lines.extend(block_latex(block))
            lines.append("")
    if standalone:
        lines.append(r"\end{document}")
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


__all__ = ["PREAMBLE", "escape", "render_latex"]
