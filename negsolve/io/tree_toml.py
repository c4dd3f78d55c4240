"""The TOML game-tree format: a flat list of nodes with ids.

Why a flat list rather than nested tables: a tree of 5-50 nodes nests 5-10 levels deep,
which TOML writes badly (``[nodes.a.moves.Enter.moves.Fight]``); a list of nodes, each
naming the node every move leads to, stays one level deep, lets a node be found by id in
error messages, and makes information sets (nodes sharing an ``infoset`` name) easy::

    [[players]]
    name = "Entrant"
    [[players]]
    name = "Incumbent"

    [[nodes]]                 # the first node is the root
    id = "start"
    player = "Entrant"
    moves = { "Stay out" = "out", "Enter" = "respond" }

    [[nodes]]
    id = "nature"
    player = "chance"
    moves = { "Serious" = "deal", "Not serious" = "stall" }
    probabilities = { "Serious" = "p", "Not serious" = "1 - p" }

    [[nodes]]
    id = "out"
    payoffs = [0, 2]          # a leaf: one payoff per player

See ``docs/game-format.md``.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from negsolve.errors import InputError, Problem
from negsolve.expr import ExpressionError, parse_expression
from negsolve.io.toml_format import (
    _Collector,
    _exact,
    _kind,
    _payoff_text,
    _quote,
    _read_parameters,
    _suggest,
    header_lines,
)
from negsolve.model.expression import Expr, Number
from negsolve.model.tree import (
    CHANCE,
    DECISION,
    TERMINAL,
    GameTree,
    Node,
    Outcome,
    tree_problems,
    with_probability_domains,
)

TOP_LEVEL_KEYS = ("game", "parameters", "players", "nodes")
GAME_KEYS = ("title", "summary", "form", "source")
NODE_KEYS = ("id", "player", "moves", "probabilities", "payoffs", "infoset", "label", "outcome")
CHANCE_NAME = "chance"


def is_tree_data(data: dict[str, Any]) -> bool:
    game = data.get("game")
    return "nodes" in data or (isinstance(game, dict) and game.get("form") == "tree")


def _expr(raw: Any, names: set[str]) -> Expr:
    exact = _exact(raw)
    if exact is not None:
        return Number(exact)
    if isinstance(raw, str):
        return parse_expression(raw, names)
    raise ExpressionError(f"must be a number or a string expression, not {_kind(raw)}")


def tree_from_data(data: dict[str, Any], text: str, filename: str) -> GameTree:
    out = _Collector(text, filename)
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            out.add([key], "unknown table or key", _suggest(key, TOP_LEVEL_KEYS) or
                    "a game tree has [game], [parameters], [[players]] and [[nodes]]")
    game = data.get("game", {})
    if not isinstance(game, dict):
        out.add(["game"], "must be a table: [game]")
        game = {}
    for key, value in game.items():
        if key not in GAME_KEYS:
            out.add(["game", key], "unknown key", _suggest(key, GAME_KEYS))
        elif not isinstance(value, str):
            out.add(["game", key], f"must be a string, not {_kind(value)}")
        else:
            out.text_ok(["game", key], value, f"the {key}", free_text=key == "summary")
    if game.get("form", "tree") != "tree":
        out.add(["game", "form"], f"form is {game.get('form')!r} but the file has [[nodes]]: a game tree",
                "write form = \"tree\" or leave it out")
    title = game.get("title", "") if isinstance(game.get("title"), str) else ""
    if not title.strip():
        out.add(["game"] if "game" in data else [], "missing key 'title'" if "game" in data
                else "missing the [game] table with a title")
    parameters = _read_parameters(data.get("parameters", {}), out)
    names = {p.name for p in parameters}

    players: list[str] = []
    raw_players = data.get("players")
    if not isinstance(raw_players, list) or not all(isinstance(p, dict) for p in raw_players):
        out.add(["players"] if raw_players is not None else [],
                "missing the players: add one [[players]] table (with a name) per player")
    else:
        for k, spec in enumerate(raw_players):
            for key in spec:
                if key not in ("name", "about"):
                    out.add(["players", k, key], "unknown key" + (" (a game tree's strategies come from its nodes)"
                                                                  if key == "strategies" else ""),
                            _suggest(key, ("name", "about")))
            name = spec.get("name")
            if not isinstance(name, str) or not name.strip():
                out.add(["players", k], "missing key 'name' (a non-empty string)")
            elif name in players:
                out.add(["players", k, "name"], f"player name {name!r} is used twice")
            elif name == CHANCE_NAME:
                out.add(["players", k, "name"], f"{CHANCE_NAME!r} is reserved for chance moves")
            elif not out.text_ok(["players", k, "name"], name, "player name"):
                players.append(name)  # known, so nodes naming it get no second error
            else:
                players.append(name)

    raw_nodes = data.get("nodes")
    if not isinstance(raw_nodes, list) or not raw_nodes or not all(isinstance(n, dict) for n in raw_nodes):
        out.add(["nodes"] if raw_nodes is not None else [], "missing the nodes: add one [[nodes]] table per node")
        raise InputError(out.problems)

    specs: dict[str, tuple[int, dict[str, Any]]] = {}
    for k, spec in enumerate(raw_nodes):
        node_id = spec.get("id")
        if not isinstance(node_id, str) or not node_id.strip():
            out.add(["nodes", k], "missing key 'id' (a non-empty string)")
            continue
        if node_id in specs:
            out.add(["nodes", k, "id"], f"node id {node_id!r} is used twice")
            continue
        out.text_ok(["nodes", k, "id"], node_id, "node id")
        specs[node_id] = (k, spec)
    ids = list(specs)

    built: dict[str, Node] = {}
    known = set(ids)  # membership tests in constant time: a list made validation quadratic
    for node_id, (k, spec) in specs.items():
        node = _read_node(node_id, k, spec, players, names, known, ids, out)
        if node is not None:
            built[node_id] = node

    nodes = _preorder(ids[0] if ids else None, built, specs, out) if ids else []
    if not out.problems:
        _check_infosets(nodes, specs, players, out)
    if out.problems:
        raise InputError(sorted(out.problems, key=lambda p: (p.line is None, p.line or 0)))
    tree = GameTree(
        title=title.strip(),
        players=tuple(players),
        nodes=tuple(nodes),
        parameters=tuple(parameters),
        summary=str(game.get("summary", "")).strip(),
        reference=str(game.get("source", "")).strip(),
        source=filename,
    )
    problems = tree_problems(tree)
    if problems:
        where = ", at the parameters' default values" if tree.parameters else ""
        from negsolve.io.locate import LineIndex

        index = LineIndex(text)
        raise InputError([Problem(f"{message}{where}", file=filename,
                                  line=_node_line(index, specs, message)) for message in problems])
    bounded = with_probability_domains(tree)
    for declared, implied in zip(tree.parameters, bounded.parameters, strict=False):
        if implied.minimum is not None and implied.maximum is not None and implied.minimum > implied.maximum:
            out.add(["parameters", declared.name], f"{declared.name!r} is a chance probability, so it lies in "
                    f"[0, 1], but its declared domain is {declared.domain_words()}")
    if out.problems:
        raise InputError(out.problems)
    return bounded


def _node_line(index: Any, specs: dict[str, tuple[int, dict[str, Any]]], message: str) -> int | None:
    match = re.match(r"node '([^']*)'", message)
    if match and match.group(1) in specs:
        return index.line(["nodes", specs[match.group(1)][0]])  # type: ignore[no-any-return]
    return None


def _read_node(node_id: str, k: int, spec: dict[str, Any], players: list[str], names: set[str],
               known: set[str], ids: list[str], out: _Collector) -> Node | None:
    path: list[str | int] = ["nodes", k]
    good = True
    for key in spec:
        if key not in NODE_KEYS:
            out.add(path + [key], "unknown key", _suggest(key, NODE_KEYS))
            good = False
    label = spec.get("label", "")
    if not isinstance(label, str):
        out.add(path + ["label"], "must be a string")
        label = ""
    elif not out.text_ok(path + ["label"], label, f"node {node_id!r}: label"):
        good = False
    outcome_name = spec.get("outcome")
    if isinstance(outcome_name, str) and not out.text_ok(path + ["outcome"], outcome_name,
                                                         f"node {node_id!r}: outcome"):
        good = False
    infoset_name = spec.get("infoset")
    if isinstance(infoset_name, str) and not out.text_ok(path + ["infoset"], infoset_name,
                                                         f"node {node_id!r}: infoset"):
        good = False
    outcome = None
    if "payoffs" in spec:
        raw = spec["payoffs"]
        if not isinstance(raw, list):
            out.add(path + ["payoffs"], f"node {node_id!r}: payoffs must be a list with one payoff per player")
            good = False
        elif len(raw) != len(players):
            out.add(path + ["payoffs"], f"node {node_id!r}: expected {len(players)} payoffs (one per player: "
                    f"{', '.join(players)}), got {len(raw)}")
            good = False
        else:
            values = []
            for j, item in enumerate(raw):
                try:
                    values.append(_expr(item, names))
                except ExpressionError as exc:
                    out.add(path + ["payoffs"], f"node {node_id!r}: payoff {j + 1}: {exc.message}", exc.hint,
                            column=exc.column, snippet=item if isinstance(item, str) else None)
                    good = False
            outcome_label = spec.get("outcome", "")
            outcome = Outcome(tuple(values), outcome_label if isinstance(outcome_label, str) else "")
    moves_raw = spec.get("moves")
    if moves_raw is None:
        if "payoffs" not in spec:
            out.add(path, f"node {node_id!r} has neither moves nor payoffs: a leaf needs payoffs")
            return None
        for key in ("player", "probabilities", "infoset"):
            if key in spec:
                out.add(path + [key], f"node {node_id!r} is a leaf (no moves), so {key!r} does not apply")
                good = False
        return Node(node_id, TERMINAL, outcome=outcome, label=label) if good else None
    if not isinstance(moves_raw, dict):
        out.add(path + ["moves"], f"node {node_id!r}: moves must be a table of move = \"next node id\"")
        return None
    if not moves_raw:
        out.add(path + ["moves"], f"node {node_id!r} is a decision node with no moves")
        return None
    moves, children = [], []
    for move, target in moves_raw.items():
        if not out.text_ok(path + ["moves"], move, f"node {node_id!r}: move"):
            good = False
        if not isinstance(target, str):
            out.add(path + ["moves"], f"node {node_id!r}: move {move!r} must name the next node's id")
            good = False
            continue
        if target not in known:
            close = difflib.get_close_matches(target, ids, n=1)
            out.add(path + ["moves"], f"node {node_id!r}: move {move!r} leads to unknown node {target!r}",
                    f"did you mean {close[0]!r}?" if close else None)
            good = False
            continue
        moves.append(move)
        children.append(target)
    player_name = spec.get("player")
    if not isinstance(player_name, str):
        out.add(path, f"node {node_id!r} has moves but no 'player' (a player's name, or \"chance\")")
        return None
    infoset = spec.get("infoset")
    if infoset is not None and not isinstance(infoset, str):
        out.add(path + ["infoset"], f"node {node_id!r}: infoset must be a name (a string)")
        good = False
        infoset = None
    if player_name == CHANCE_NAME:
        probs_raw = spec.get("probabilities")
        if not isinstance(probs_raw, dict):
            out.add(path, f"chance node {node_id!r} needs 'probabilities' = {{ move = probability, ... }}")
            return None
        probabilities = []
        for move in moves_raw:
            if move not in probs_raw:
                out.add(path + ["probabilities"], f"chance node {node_id!r}: no probability for move {move!r}")
                good = False
                continue
            try:
                probabilities.append(_expr(probs_raw[move], names))
            except ExpressionError as exc:
                out.add(path + ["probabilities"], f"chance node {node_id!r}: probability of {move!r}: {exc.message}",
                        exc.hint)
                good = False
        for move in probs_raw:
            if move not in moves_raw:
                out.add(path + ["probabilities"], f"chance node {node_id!r}: probability given for {move!r}, "
                        "which is not one of its moves", _suggest(move, list(moves_raw)))
                good = False
        if not good:
            return None
        return Node(node_id, CHANCE, tuple(children), tuple(moves), None, infoset, "", tuple(probabilities),
                    outcome, label)
    if "probabilities" in spec:
        out.add(path + ["probabilities"], f"node {node_id!r} belongs to {player_name!r}: only chance nodes "
                "have probabilities")
        good = False
    if player_name not in players:
        out.add(path + ["player"], f"node {node_id!r}: {player_name!r} is not a declared player",
                _suggest(player_name, players + [CHANCE_NAME]) or "players: " + ", ".join(players))
        return None
    if not good:
        return None
    return Node(node_id, DECISION, tuple(children), tuple(moves), players.index(player_name), infoset, "", (),
                outcome, label)


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
    for node_id, (k, _) in specs.items():
        if node_id != root and node_id not in parent and node_id in built and node_id not in raw_reach:
            out.add(["nodes", k], f"node {node_id!r} cannot be reached from the root {root!r} "
                    "(the first node listed is the root)")
            bad = True
    return [] if bad else order


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


def dumps_tree_toml(tree: GameTree) -> str:
    """TOML text of a game tree (flat node list, root first)."""
    lines = header_lines(tree.title, tree.summary, tree.reference, tree.parameters)
    for player in tree.players:
        lines += ["", "[[players]]", f"name = {_quote(player)}"]
    owners: dict[str, set[tuple[str, int | None]]] = {}
    members: dict[tuple[str, int | None, str], int] = {}
    for node in tree.nodes:
        if node.infoset is not None:
            owners.setdefault(node.infoset, set()).add((node.kind, node.player))
            key = (node.kind, node.player, node.infoset)
            members[key] = members.get(key, 0) + 1

    def infoset_name(node: Node) -> str | None:
        # TOML names information sets globally; Gambit numbers them per player. Singletons are left out.
        if node.infoset is None or members[(node.kind, node.player, node.infoset)] < 2:
            return None
        if len(owners[node.infoset]) == 1:
            return node.infoset
        who = CHANCE_NAME if node.kind == CHANCE else tree.players[node.player or 0]
        return f"{who}:{node.infoset}"

    for node in tree.nodes:
        lines += ["", "[[nodes]]", f"id = {_quote(node.id)}"]
        if node.label:
            lines.append(f"label = {_quote(node.label)}")
        if node.kind != TERMINAL:
            who = CHANCE_NAME if node.kind == CHANCE else tree.players[node.player or 0]
            lines.append(f"player = {_quote(who)}")
            if (name := infoset_name(node)) is not None:
                lines.append(f"infoset = {_quote(name)}")
            lines.append("moves = { " + ", ".join(f"{_quote(m)} = {_quote(c)}"
                                                   for m, c in zip(node.moves, node.children, strict=False)) + " }")
            if node.kind == CHANCE:
                lines.append("probabilities = { " + ", ".join(
                    f"{_quote(m)} = {_payoff_text(p)}"
                    for m, p in zip(node.moves, node.probabilities, strict=False)) + " }")
        if node.outcome is not None:
            if node.outcome.label:
                lines.append(f"outcome = {_quote(node.outcome.label)}")
            lines.append("payoffs = [" + ", ".join(_payoff_text(e) for e in node.outcome.payoffs) + "]")
        elif node.kind == TERMINAL:
            lines.append("payoffs = [" + ", ".join("0" for _ in tree.players) + "]")
    return "\n".join(lines) + "\n"


__all__ = ["dumps_tree_toml", "is_tree_data", "tree_from_data"]
