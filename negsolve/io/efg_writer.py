"""Writing a :class:`~negsolve.model.tree.GameTree` as Gambit ``.efg`` text (version 2).

The format is described in :mod:`negsolve.io.efg`.  Steps: the nodes in preorder; a number
for every information set and chance event (kept when it is already a positive integer);
each set's description, checked to agree between its nodes; each outcome's number (kept
while every outcome carrying it is the same) and text; one line per node.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from fractions import Fraction

from negsolve.errors import InputError
from negsolve.expr import format_number
from negsolve.io.efg_parser import describe, quote
from negsolve.model.expression import Expr, Number, evaluate
from negsolve.model.tree import DECISION, TERMINAL, GameTree, Node, Outcome

_POSITIVE = re.compile(r"[1-9]\d*")


def dumps_efg(tree: GameTree) -> str:
    """Gambit ``.efg`` text of ``tree`` (version 2, one node per line, in preorder).

    Every information set, chance event and outcome is described in full wherever it
    appears.  Parameters are fixed at their current values: ``.efg`` has no symbolic payoffs
    or probabilities.  Information-set and event numbers are kept when the ``infoset`` is a
    positive integer (as read from a ``.efg``); other sets (a node with no ``infoset`` is a
    set of its own) are numbered in order of first appearance, per player and for chance.
    Outcome numbers are kept where every outcome with that number is the same; others are
    numbered afresh.  Repeated non-empty node, information-set and outcome labels are made
    unique (``"x"``, ``"x (2)"``; see :mod:`negsolve.io.efg_labels`), as Gambit requires.
    Raises :class:`~negsolve.errors.InputError` for a tree that cannot be written (a child
    missing, moves and children not matching, nodes of one set described differently).
    A label with a backslash just before a quote or at its end cannot be written so that
    Gambit reads it back unchanged.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _dumps(tree)
    finally:
        if collecting:
            gc.enable()


def _fresh(taken: set[int]) -> Iterator[int]:
    """Generator of the positive integers not in ``taken`` (which it extends)."""
    k = 0
    while True:
        k += 1
        if k not in taken:
            taken.add(k)
            yield k


def _dumps(tree: GameTree) -> str:
    from negsolve.io.efg_labels import gambit_labels

    tree = gambit_labels(tree)  # Gambit 16.7 refuses repeated node and information-set labels
    values = tree.parameter_values()
    nplayers = len(tree.players)

    def value(expr: Expr) -> Fraction:
        return expr.value if isinstance(expr, Number) else evaluate(expr, values)

    order = _preorder(tree)
    inner = [n for n in order if n.kind != TERMINAL]
    set_numbers = _set_numbers(inner, nplayers)
    descriptions = _descriptions(inner, set_numbers, nplayers, value)
    outcome_text = _outcome_texts(order, nplayers, value)
    lines = [f"EFG 2 R {quote(tree.title)} {{ {' '.join(quote(p) for p in tree.players)} }}", quote(tree.summary), ""]
    append = lines.append
    for k, n in enumerate(order):
        # a node without a label keeps its id as the Gambit name, unless the id is the n<k> that
        # reading would give it back anyway (so .efg -> .efg stays byte for byte)
        name = quote(n.label if n.label or n.id == f"n{k + 1}" else n.id)
        if n.kind == TERMINAL:
            append(f"t {name} {outcome_text(n.outcome)}")
        elif n.kind == DECISION:
            append(f"p {name} {n.player + 1} {set_numbers[n.id]} {descriptions[n.id]} "  # type: ignore[operator]
                   f"{outcome_text(n.outcome)}")
        else:
            append(f"c {name} {set_numbers[n.id]} {descriptions[n.id]} {outcome_text(n.outcome)}")
    return "\n".join(lines) + "\n"


def _preorder(tree: GameTree) -> list[Node]:
    """The nodes in preorder from the root (the order of tree.nodes when the tree is well formed)."""
    by_id = {node.id: node for node in tree.nodes}
    order: list[Node] = []
    stack = [tree.root]
    while stack:
        node = stack.pop()
        order.append(node)
        if node.children:
            try:
                stack.extend([by_id[c] for c in reversed(node.children)])
            except KeyError as exc:
                raise InputError.single(f"node {node.id!r} has an unknown child {exc.args[0]!r}") from None
        if len(order) > len(by_id):
            raise InputError.single("the nodes do not form a tree (a node is reached twice)")
    return order


def _owner(n: Node, nplayers: int) -> int:
    """The player index owning ``n``'s set, or -1 for chance."""
    if n.kind == DECISION:
        if n.player is None or not 0 <= n.player < nplayers:
            raise InputError.single(f"node {n.id!r} has no valid player")
        return n.player
    return -1


def _set_numbers(inner: list[Node], nplayers: int) -> dict[str, int]:
    """Node id -> the number of its information set or chance event (per owner)."""
    as_number: dict[str, int | None] = {}  # infoset text -> its number, if a positive integer

    def given(infoset: str | None) -> int | None:
        if infoset is None:
            return None
        k = as_number.get(infoset, 0)
        if k == 0:
            k = as_number[infoset] = int(infoset) if _POSITIVE.fullmatch(infoset) and len(infoset) <= 9 else None
        return k

    taken: dict[int, set[int]] = {}
    for n in inner:
        k = given(n.infoset)
        if k is not None:
            taken.setdefault(_owner(n, nplayers), set()).add(k)
    fresh_sets = {who: _fresh(taken.setdefault(who, set())) for who in [*range(nplayers), -1]}
    named: dict[tuple[int, str], int] = {}
    set_numbers: dict[str, int] = {}
    for n in inner:
        who = _owner(n, nplayers)
        k = given(n.infoset)
        if k is None:
            if n.infoset is None:
                k = next(fresh_sets[who])
            else:
                k = named.get((who, n.infoset)) or named.setdefault((who, n.infoset), next(fresh_sets[who]))
        set_numbers[n.id] = k
    return set_numbers


def _descriptions(inner: list[Node], set_numbers: dict[str, int], nplayers: int,
                  value: Callable[[Expr], Fraction]) -> dict[str, str]:
    """Node id -> its set's ``"name" { moves }`` text, checked to agree within a set."""
    texts: dict[tuple[str, int, int], str] = {}  # (label, id(moves), id(probabilities)) -> text
    descriptions: dict[str, str] = {}
    seen: dict[tuple[int, int], tuple[str, str]] = {}
    for n in inner:
        if len(n.moves) != len(n.children) or not n.moves:
            raise InputError.single(f"node {n.id!r} has {len(n.moves)} moves and {len(n.children)} children")
        cache_key = (n.infoset_label, id(n.moves), id(n.probabilities))
        text = texts.get(cache_key)
        if text is None:
            if n.kind == DECISION:
                text = f"{quote(n.infoset_label)} {{ {' '.join(quote(m) for m in n.moves)} }}"
            else:
                if len(n.probabilities) != len(n.moves):
                    raise InputError.single(f"chance node {n.id!r} has {len(n.moves)} moves but "
                                            f"{len(n.probabilities)} probabilities")
                text = describe(n.infoset_label, n.moves, [value(p) for p in n.probabilities])
            texts[cache_key] = text
        key = (_owner(n, nplayers), set_numbers[n.id])
        first = seen.setdefault(key, (n.id, text))
        if first[1] != text:
            raise InputError.single(f"nodes {first[0]!r} and {n.id!r} share an information set but not "
                                    "its name, moves or probabilities")
        descriptions[n.id] = text
    return descriptions


def _outcome_texts(order: list[Node], nplayers: int,
                   value: Callable[[Expr], Fraction]) -> Callable[[Outcome | None], str]:
    """The writer of each node's outcome field: keep a number while every outcome carrying it is the same."""
    contents: dict[int, tuple[int, str]] = {}  # id(outcome) -> (number, "label" { payoffs })
    claimed: dict[int, str] = {}
    pending: dict[str, None] = {}
    for n in order:
        o = n.outcome
        if o is None or id(o) in contents:
            continue
        if len(o.payoffs) != nplayers:
            raise InputError.single(f"node {n.id!r}: the outcome has {len(o.payoffs)} payoffs for {nplayers} players")
        text = f"{quote(o.label)} {{ {', '.join(format_number(value(p)) for p in o.payoffs)} }}"
        contents[id(o)] = (o.number, text)
        if o.number <= 0 or claimed.setdefault(o.number, text) != text:
            pending[text] = None
    fresh = _fresh(set(claimed))
    renumbered = {text: next(fresh) for text in pending}

    def outcome_text(o: Outcome | None) -> str:
        if o is None:
            return "0"
        number, text = contents[id(o)]
        if number <= 0 or claimed[number] != text:
            number = renumbered[text]
        return f"{number} {text}"

    return outcome_text
