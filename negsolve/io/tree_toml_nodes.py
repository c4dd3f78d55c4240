"""One ``[[nodes]]`` entry of a TOML game tree, and the order of the nodes from the root.

Part of the reader in :mod:`negsolve.io.tree_toml` (the format is described there).  Every
problem is recorded in the collector with the node's key path, not raised, so a file's
problems are reported together; a node with a problem is left out (``None``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from negsolve.expr import ExpressionError, parse_expression
from negsolve.io.toml_common import _Collector, _exact, _kind, _suggest
from negsolve.model.expression import Expr, Number
from negsolve.model.tree import CHANCE, DECISION, TERMINAL, Node, Outcome

NODE_KEYS = ("id", "player", "moves", "probabilities", "payoffs", "infoset", "label", "outcome")
CHANCE_NAME = "chance"


def _expr(raw: Any, names: set[str]) -> Expr:
    exact = _exact(raw)
    if exact is not None:
        return Number(exact)
    if isinstance(raw, str):
        return parse_expression(raw, names)
    raise ExpressionError(f"must be a number or a string expression, not {_kind(raw)}")


@dataclass
class _Entry:
    """One node being read: its id, key path and spec; ``good`` turns False at the first problem."""

    node_id: str
    path: list[str | int]
    spec: dict[str, Any]
    out: _Collector
    good: bool = True

    def problem(self, key: str | None, message: str, hint: str | None = None, **where: Any) -> None:
        self.out.add(self.path + ([key] if key else []), message, hint, **where)
        self.good = False


def _read_node(node_id: str, k: int, spec: dict[str, Any], players: list[str], names: set[str],
               known: set[str], ids: list[str], out: _Collector) -> Node | None:
    """The node ``node_id`` (entry ``k``), or None when it has a problem (recorded in ``out``)."""
    entry = _Entry(node_id, ["nodes", k], spec, out)
    label = _check_texts(entry)
    outcome = _read_outcome(entry, players, names) if "payoffs" in spec else None
    moves_raw = spec.get("moves")
    if moves_raw is None:
        if "payoffs" not in spec:
            out.add(entry.path, f"node {node_id!r} has neither moves nor payoffs: a leaf needs payoffs")
            return None
        for key in ("player", "probabilities", "infoset"):
            if key in spec:
                entry.problem(key, f"node {node_id!r} is a leaf (no moves), so {key!r} does not apply")
        return Node(node_id, TERMINAL, outcome=outcome, label=label) if entry.good else None
    if not isinstance(moves_raw, dict):
        out.add(entry.path + ["moves"], f"node {node_id!r}: moves must be a table of move = \"next node id\"")
        return None
    if not moves_raw:
        out.add(entry.path + ["moves"], f"node {node_id!r} is a decision node with no moves")
        return None
    moves, children = _read_moves(entry, moves_raw, known, ids)
    player_name = spec.get("player")
    if not isinstance(player_name, str):
        out.add(entry.path, f"node {node_id!r} has moves but no 'player' (a player's name, or \"chance\")")
        return None
    infoset = spec.get("infoset")
    if infoset is not None and not isinstance(infoset, str):
        entry.problem("infoset", f"node {node_id!r}: infoset must be a name (a string)")
        infoset = None
    if player_name == CHANCE_NAME:
        probabilities = _read_probabilities(entry, moves_raw, names)
        if probabilities is None or not entry.good:
            return None
        return Node(node_id, CHANCE, tuple(children), tuple(moves), None, infoset, "", tuple(probabilities),
                    outcome, label)
    if "probabilities" in spec:
        entry.problem("probabilities", f"node {node_id!r} belongs to {player_name!r}: only chance nodes "
                      "have probabilities")
    if player_name not in players:
        out.add(entry.path + ["player"], f"node {node_id!r}: {player_name!r} is not a declared player",
                _suggest(player_name, players + [CHANCE_NAME]) or "players: " + ", ".join(players))
        return None
    if not entry.good:
        return None
    return Node(node_id, DECISION, tuple(children), tuple(moves), players.index(player_name), infoset, "", (),
                outcome, label)


def _check_texts(entry: _Entry) -> str:
    """Unknown keys and the free texts (label, outcome, infoset); the label ("" when unusable)."""
    node_id, spec, out, path = entry.node_id, entry.spec, entry.out, entry.path
    for key in spec:
        if key not in NODE_KEYS:
            entry.problem(key, "unknown key", _suggest(key, NODE_KEYS))
    label = spec.get("label", "")
    if not isinstance(label, str):
        out.add(path + ["label"], "must be a string")
        label = ""
    elif not out.text_ok(path + ["label"], label, f"node {node_id!r}: label"):
        entry.good = False
    for key in ("outcome", "infoset"):
        value = spec.get(key)
        if isinstance(value, str) and not out.text_ok(path + [key], value, f"node {node_id!r}: {key}"):
            entry.good = False
    return label  # type: ignore[no-any-return]


def _read_outcome(entry: _Entry, players: list[str], names: set[str]) -> Outcome | None:
    """The node's ``payoffs`` (and ``outcome`` name) as an :class:`Outcome`."""
    node_id, raw = entry.node_id, entry.spec["payoffs"]
    if not isinstance(raw, list):
        entry.problem("payoffs", f"node {node_id!r}: payoffs must be a list with one payoff per player")
        return None
    if len(raw) != len(players):
        entry.problem("payoffs", f"node {node_id!r}: expected {len(players)} payoffs (one per player: "
                      f"{', '.join(players)}), got {len(raw)}")
        return None
    values = []
    for j, item in enumerate(raw):
        try:
            values.append(_expr(item, names))
        except ExpressionError as exc:
            entry.problem("payoffs", f"node {node_id!r}: payoff {j + 1}: {exc.message}", exc.hint,
                          column=exc.column, snippet=item if isinstance(item, str) else None)
    outcome_label = entry.spec.get("outcome", "")
    return Outcome(tuple(values), outcome_label if isinstance(outcome_label, str) else "")


def _read_moves(entry: _Entry, moves_raw: dict[str, Any], known: set[str],
                ids: list[str]) -> tuple[list[str], list[str]]:
    """The moves and the ids of the nodes they lead to (unknown targets reported and left out)."""
    node_id, out = entry.node_id, entry.out
    moves, children = [], []
    for move, target in moves_raw.items():
        if not out.text_ok(entry.path + ["moves"], move, f"node {node_id!r}: move"):
            entry.good = False
        if not isinstance(target, str):
            entry.problem("moves", f"node {node_id!r}: move {move!r} must name the next node's id")
            continue
        if target not in known:
            close = difflib.get_close_matches(target, ids, n=1)
            entry.problem("moves", f"node {node_id!r}: move {move!r} leads to unknown node {target!r}",
                          f"did you mean {close[0]!r}?" if close else None)
            continue
        moves.append(move)
        children.append(target)
    return moves, children


def _read_probabilities(entry: _Entry, moves_raw: dict[str, Any], names: set[str]) -> list[Expr] | None:
    """A chance node's probabilities, one per move; None when the table is missing."""
    node_id, probs_raw = entry.node_id, entry.spec.get("probabilities")
    if not isinstance(probs_raw, dict):
        entry.out.add(entry.path, f"chance node {node_id!r} needs 'probabilities' = {{ move = probability, ... }}")
        return None
    probabilities = []
    for move in moves_raw:
        if move not in probs_raw:
            entry.problem("probabilities", f"chance node {node_id!r}: no probability for move {move!r}")
            continue
        try:
            probabilities.append(_expr(probs_raw[move], names))
        except ExpressionError as exc:
            entry.problem("probabilities", f"chance node {node_id!r}: probability of {move!r}: {exc.message}",
                          exc.hint)
    for move in probs_raw:
        if move not in moves_raw:
            entry.problem("probabilities", f"chance node {node_id!r}: probability given for {move!r}, "
                          "which is not one of its moves", _suggest(move, list(moves_raw)))
    return probabilities


def _preorder(root: str | None, built: dict[str, Node], specs: dict[str, tuple[int, dict[str, Any]]],
              out: _Collector) -> list[Node]:
    """Nodes in preorder from the root; reports cycles, nodes reached twice and unreachable nodes."""
    if root is None:
        return []
    order: list[Node] = []
    parent: dict[str, str] = {}
    on_path: list[str] = []
    on_path_set: set[str] = set()
    bad = False
    # depth-first, iteratively (a chain of 100,000 levels needs no recursion limit), children in move order
    stack: list[tuple[str, Any]] = []

    def enter(node_id: str) -> None:
        node = built.get(node_id)
        if node is None:
            return
        order.append(node)
        on_path.append(node_id)
        on_path_set.add(node_id)
        stack.append((node_id, iter(zip(node.moves, node.children, strict=True))))

    enter(root)
    while stack:
        node_id, moves = stack[-1]
        step = next(moves, None)
        if step is None:
            stack.pop()
            on_path_set.discard(on_path.pop())
            continue
        move, child = step
        if child in on_path_set:
            cycle = " -> ".join(on_path[on_path.index(child):] + [child])
            out.add(["nodes", specs[node_id][0], "moves"], f"cycle: {cycle}")
            bad = True
            continue
        if child in parent or child == root:
            first = parent.get(child, "(root)")
            out.add(["nodes", specs[node_id][0], "moves"],
                    f"node {child!r} is reached twice: from {first!r} and from {node_id!r} (move {move!r})",
                    "a tree gives every node one parent; use an infoset to group nodes a player cannot tell apart")
            bad = True
            continue
        parent[child] = node_id
        enter(child)
    if _report_unreachable(root, parent, built, specs, out):
        bad = True
    return [] if bad else order


def _report_unreachable(root: str, parent: dict[str, str], built: dict[str, Node],
                        specs: dict[str, tuple[int, dict[str, Any]]], out: _Collector) -> bool:
    """Report the nodes no move leads to from the root; whether there were any."""
    # reachable through the moves as written (a node with an error still leads to its children)
    raw_reach = {root}
    todo = [root]
    while todo:
        spec = specs[todo.pop()][1]
        moves = spec.get("moves")
        if isinstance(moves, dict):
            for target in moves.values():
                if isinstance(target, str) and target in specs and target not in raw_reach:
                    raw_reach.add(target)
                    todo.append(target)
    bad = False
    for node_id, (k, _) in specs.items():
        if node_id != root and node_id not in parent and node_id in built and node_id not in raw_reach:
            out.add(["nodes", k], f"node {node_id!r} cannot be reached from the root {root!r} "
                    "(the first node listed is the root)")
            bad = True
    return bad


def _check_infosets(nodes: list[Node], specs: dict[str, tuple[int, dict[str, Any]]], players: list[str],
                    out: _Collector) -> None:
    groups: dict[str, list[Node]] = {}
    for node in nodes:
        if node.infoset is not None:
            groups.setdefault(node.infoset, []).append(node)
    for name, members in groups.items():
        first = members[0]
        for node in members[1:]:
            path: list[str | int] = ["nodes", specs[node.id][0], "infoset"]
            if node.kind != first.kind or node.player != first.player:
                who = lambda n: "chance" if n.kind == CHANCE else players[n.player]  # noqa: E731
                out.add(path, f"information set {name!r} spans nodes of different players: {first.id!r} "
                        f"({who(first)}) and {node.id!r} ({who(node)})")
            elif node.moves != first.moves:
                out.add(path, f"information set {name!r}: node {node.id!r} has moves {list(node.moves)} but "
                        f"{first.id!r} has {list(first.moves)}; "
                        "a player who cannot tell nodes apart has the same moves at each")
            elif node.kind == CHANCE and node.probabilities != first.probabilities:
                out.add(path, f"chance event {name!r}: nodes {first.id!r} and {node.id!r} give different probabilities")
