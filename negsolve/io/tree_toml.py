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

import re
from typing import Any

from negsolve.errors import InputError, Problem
from negsolve.io.toml_common import GAME_KEYS, read_game_table  # noqa: F401  (GAME_KEYS: importable here)
from negsolve.io.toml_format import (
    _Collector,
    _payoff_text,
    _quote,
    _read_parameters,
    _suggest,
    header_lines,
)
from negsolve.io.tree_toml_nodes import (  # noqa: F401  (NODE_KEYS, _expr: importable from here as before)
    CHANCE_NAME,
    NODE_KEYS,
    _check_infosets,
    _expr,
    _preorder,
    _read_node,
)
from negsolve.model.tree import (
    CHANCE,
    TERMINAL,
    GameTree,
    Node,
    tree_problems,
    with_probability_domains,
)

TOP_LEVEL_KEYS = ("game", "parameters", "players", "nodes")


def is_tree_data(data: dict[str, Any]) -> bool:
    game = data.get("game")
    return "nodes" in data or (isinstance(game, dict) and game.get("form") == "tree")


def tree_from_data(data: dict[str, Any], text: str, filename: str) -> GameTree:
    """The game tree in TOML ``data`` (read from ``text``); an :class:`InputError` listing every problem."""
    out = _Collector(text, filename)
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            out.add([key], "unknown table or key", _suggest(key, TOP_LEVEL_KEYS) or
                    "a game tree has [game], [parameters], [[players]] and [[nodes]]")
    game, title = _read_game_table(data, out)
    parameters = _read_parameters(data.get("parameters", {}), out)
    names = {p.name for p in parameters}
    players = _read_tree_players(data.get("players"), out)
    raw_nodes = data.get("nodes")
    if not isinstance(raw_nodes, list) or not raw_nodes or not all(isinstance(n, dict) for n in raw_nodes):
        out.add(["nodes"] if raw_nodes is not None else [], "missing the nodes: add one [[nodes]] table per node")
        raise InputError(out.problems)
    specs = _node_specs(raw_nodes, out)
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
    return _checked(tree, specs, text, filename, out)


def _read_game_table(data: dict[str, Any], out: _Collector) -> tuple[dict[str, Any], str]:
    """The ``[game]`` table (empty when unusable) and the title."""
    game = read_game_table(data, out)
    if game.get("form", "tree") != "tree":
        out.add(["game", "form"], f"form is {game.get('form')!r} but the file has [[nodes]]: a game tree",
                "write form = \"tree\" or leave it out")
    title = game.get("title", "") if isinstance(game.get("title"), str) else ""
    if not title.strip():
        out.add(["game"] if "game" in data else [], "missing key 'title'" if "game" in data
                else "missing the [game] table with a title")
    return game, title


def _read_tree_players(raw_players: Any, out: _Collector) -> list[str]:
    """The players' names from ``[[players]]`` (a tree's strategies come from its nodes)."""
    players: list[str] = []
    if not isinstance(raw_players, list) or not all(isinstance(p, dict) for p in raw_players):
        out.add(["players"] if raw_players is not None else [],
                "missing the players: add one [[players]] table (with a name) per player")
        return players
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
        else:
            out.text_ok(["players", k, "name"], name, "player name")
            players.append(name)  # even with a bad character: known, so nodes naming it get no second error
    return players


def _node_specs(raw_nodes: list[dict[str, Any]], out: _Collector) -> dict[str, tuple[int, dict[str, Any]]]:
    """Node id -> (its entry number, its table); entries without a usable, unique id are reported."""
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
    return specs


def _checked(tree: GameTree, specs: dict[str, tuple[int, dict[str, Any]]], text: str, filename: str,
             out: _Collector) -> GameTree:
    """``tree`` with chance-probability parameters bounded to [0, 1], or the problems of its default values."""
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
