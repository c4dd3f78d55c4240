r"""Extensive-form games (game trees) as plain data.

A tree is a tuple of :class:`Node` in *preorder* (root first, then each child's subtree in
move order), each with a unique ``id``.  A node is

- a **decision** node: a ``player`` (index into ``players``) chooses one of ``moves``;
  nodes sharing an ``infoset`` name (for the same player) form an information set: the
  player cannot tell them apart, so they carry the same move names;
- a **chance** node: ``moves`` happen with ``probabilities`` (exact or parameter
  expressions); chance nodes with the same ``infoset`` share their distribution (Gambit's
  "events");
- a **terminal** node (no moves).

Any node may carry an :class:`Outcome`: payoffs added to every path through it (Gambit
allows outcomes on inner nodes; a path's payoff is the sum along it).  A terminal node
without an outcome pays zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from negsolve.model.expression import Expr
from negsolve.model.strategic import Parameter

DECISION = "decision"
CHANCE = "chance"
TERMINAL = "terminal"

Move = str | dict  # a move name, or {move: probability} where an equilibrium mixes
Plan = dict  # node id -> Move


@dataclass(frozen=True)
class Outcome:
    payoffs: tuple[Expr, ...]
    label: str = ""
    number: int = 0  # Gambit's outcome number, kept for round trips (0: none given)


@dataclass(frozen=True)
class Node:
    id: str
    kind: str
    children: tuple[str, ...] = ()
    moves: tuple[str, ...] = ()
    player: int | None = None
    infoset: str | None = None
    infoset_label: str = ""
    probabilities: tuple[Expr, ...] = ()
    outcome: Outcome | None = None
    label: str = ""


@dataclass(frozen=True)
class GameTree:
    """A game tree: players, nodes in preorder, parameters.  Plain data, no solver methods."""

    title: str
    players: tuple[str, ...]
    nodes: tuple[Node, ...]
    parameters: tuple[Parameter, ...] = ()
    summary: str = ""
    reference: str = ""
    source: str = field(default="", compare=False)

    @property
    def root(self) -> Node:
        return self.nodes[0]

    def parameter_values(self, overrides=None):  # type: ignore[no-untyped-def]
        values = {p.name: p.value for p in self.parameters}
        values.update(overrides or {})
        return values

    def _repr_svg_(self) -> str | None:
        """Jupyter (and marimo): the tree as SVG, through the picture hook (:mod:`negsolve.pictures`)."""
        from negsolve.pictures import game_svg

        return game_svg(self)

    def _mime_(self) -> tuple[str, str]:
        """marimo: the same picture."""
        return "image/svg+xml", self._repr_svg_() or ""


def node_index(tree: GameTree) -> dict[str, Node]:
    """Nodes by id."""
    return {node.id: node for node in tree.nodes}


def tree_problems(tree: GameTree, values=None) -> list[str]:  # type: ignore[no-untyped-def]
    """Problems that depend on parameter values: chance probabilities negative, not summing to 1,
    or not computable; payoffs not computable.  Each message names the node."""
    from fractions import Fraction

    from negsolve.model.expression import EvaluationError, evaluate

    values = tree.parameter_values(values)
    problems = []
    for node in tree.nodes:
        name = f"node {node.id!r}"
        if node.kind == CHANCE:
            total = Fraction(0)
            ok = True
            for move, expr in zip(node.moves, node.probabilities, strict=False):
                try:
                    p = evaluate(expr, values)
                except EvaluationError as exc:
                    problems.append(f"{name}: the probability of {move!r} cannot be computed: {exc}")
                    ok = False
                    continue
                if p < 0:
                    problems.append(f"{name}: the probability of {move!r} is negative ({p})")
                    ok = False
                total += p
            if ok and total != 1:
                problems.append(f"{name}: chance probabilities sum to {total}, not 1")
        if node.outcome is not None:
            for k, expr in enumerate(node.outcome.payoffs):
                try:
                    evaluate(expr, values)
                except EvaluationError as exc:
                    problems.append(f"{name}: payoff {k + 1} cannot be computed: {exc}")
    return problems


def probability_parameters(tree: GameTree) -> set[str]:
    """Parameters used directly as a chance probability (``"p"`` or ``"1 - p"``): their domain is within [0, 1]."""
    from negsolve.model.expression import Binary, Number, Variable

    names: set[str] = set()
    for node in tree.nodes:
        if node.kind != CHANCE:
            continue
        for expr in node.probabilities:
            if isinstance(expr, Variable):
                names.add(expr.name)
            elif (isinstance(expr, Binary) and expr.op == "-" and isinstance(expr.left, Number)
                  and expr.left.value == 1 and isinstance(expr.right, Variable)):
                names.add(expr.right.name)
    return names


def with_probability_domains(tree: GameTree) -> GameTree:
    """``tree`` with every parameter used as a chance probability bounded by [0, 1] (declared bounds kept
    where they are tighter)."""
    import dataclasses
    from fractions import Fraction

    used = probability_parameters(tree)
    if not used:
        return tree
    params = []
    for p in tree.parameters:
        if p.name in used:
            low = Fraction(0) if p.minimum is None else max(p.minimum, Fraction(0))
            high = Fraction(1) if p.maximum is None else min(p.maximum, Fraction(1))
            p = dataclasses.replace(p, minimum=low, maximum=high)
        params.append(p)
    return dataclasses.replace(tree, parameters=tuple(params))
