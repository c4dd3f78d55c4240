"""An explanation as plain data: numbered steps made of paragraphs, tables, equations and trees.

The builders (:mod:`negsolve.explain.strategic`, :mod:`negsolve.explain.tree`) produce an
:class:`Explanation`; the renderers (:mod:`negsolve.explain.text`, :mod:`.markdown`,
:mod:`.latex`) turn the same data into plain text, Markdown or LaTeX, so the three formats
always say the same thing.  Inline pieces of a paragraph are plain strings, :class:`Em`
(a name from the game: a player, a strategy, a move, set in italics where the format
allows) and :class:`Math` (a formula or number, with its text and its LaTeX spelling).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True)
class Math:
    """A formula: ``text`` for plain text and Markdown, ``tex`` (math mode, without ``$``) for LaTeX."""

    text: str
    tex: str


@dataclass(frozen=True)
class Em:
    """A name taken from the game (player, strategy, move, node)."""

    text: str


Inline = str | Math | Em
Parts = tuple[Inline, ...]


@dataclass(frozen=True)
class Paragraph:
    parts: Parts


@dataclass(frozen=True)
class Bullets:
    items: tuple[Parts, ...]


@dataclass(frozen=True)
class Equation:
    """``left relation right``; lines of one :class:`Equations` block are aligned on the relation."""

    left: Math
    right: Math
    relation: str = "="


@dataclass(frozen=True)
class Equations:
    lines: tuple[Equation, ...]


@dataclass(frozen=True)
class Cell:
    """One cell of a payoff matrix: a payoff per player, and which of them are best responses."""

    values: tuple[Fraction, ...]
    marks: tuple[bool, ...] = ()


@dataclass(frozen=True)
class Matrix:
    """A payoff table: rows are ``row_player``'s strategies, columns ``column_player``'s.

    ``players`` names whose payoffs each cell lists, in order.  ``marked`` says whether the
    cells carry best-response marks.
    """

    players: tuple[str, ...]
    row_player: str
    column_player: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]
    caption: Parts = ()
    marked: bool = False


@dataclass(frozen=True)
class Table:
    """A plain table of inline parts."""

    header: tuple[str, ...]
    rows: tuple[tuple[Parts, ...], ...]


@dataclass(frozen=True)
class TreeEdge:
    move: str
    child: TreeBox
    probability: Fraction | None = None  # chance moves
    mark: str = ""  # "" (not played), "*" (played), or a probability as text (played with it)


@dataclass(frozen=True)
class TreeBox:
    """A node of a drawn tree.  Leaves carry ``payoffs`` (totals along the path); inner nodes may
    carry ``value``, the payoffs carried up to them by backward induction (text and LaTeX)."""

    id: str
    who: str  # a player's name, "chance", or "" for a leaf
    edges: tuple[TreeEdge, ...] = ()
    payoffs: tuple[Fraction, ...] | None = None
    value: Math | None = None
    infoset: str | None = None  # name of the (non-singleton) information set this node belongs to
    number: int = 0  # position in the tree, for naming in LaTeX


@dataclass(frozen=True)
class TreeFigure:
    root: TreeBox
    players: tuple[str, ...]
    marked: bool = False
    values: bool = False
    omitted: int = 0  # nodes not drawn (very large trees)


Block = Paragraph | Bullets | Equations | Matrix | Table | TreeFigure


@dataclass(frozen=True)
class Step:
    title: str
    blocks: tuple[Block, ...]
    key: str = ""  # a stable identifier ("best-responses", "mixed", ...) for tests and the glossary


@dataclass(frozen=True)
class Explanation:
    title: str
    game_kind: str  # "strategic" or "tree"
    steps: tuple[Step, ...]
    parameters: tuple[tuple[str, Fraction, str], ...] = field(default_factory=tuple)

    def step(self, key: str) -> Step | None:
        """The step with ``key``, or None."""
        return next((s for s in self.steps if s.key == key), None)


__all__ = [
    "Block", "Bullets", "Cell", "Em", "Equation", "Equations", "Explanation", "Inline", "Math", "Matrix",
    "Paragraph", "Parts", "Step", "Table", "TreeBox", "TreeEdge", "TreeFigure",
]
