"""Game trees as SVG: chance, information sets, the equilibrium plan and path in colour, ties marked.

Layout (root at the left, time running rightwards): each leaf gets a row of its own, in preorder,
and every leaf is drawn in the last column, so payoffs line up at the right; an inner node sits
in the column of its depth, half-way between the first and last row of its subtree.  Edges are
elbows (right, then up or down, then right).  This layout needs no overlap search: two nodes of one
column have disjoint row spans, so their heights differ by at least one row, and a label never
leaves its column and row (:data:`ROW` is larger than a label's height).  Columns are as wide as
their widest label (estimated by :func:`negsolve.draw.svg.text_width`).

Beyond :data:`MAX_NODES` nodes the tree is collapsed: nodes are kept in breadth-first order, the
equilibrium path first, and a cut subtree is drawn as one box saying how many nodes it holds.

The scene (:func:`tree_scene`) solves the tree once (subgame-perfect equilibria by
:func:`negsolve.solvers.backward.solve_tree`); :func:`render_tree` only draws.  A *tie* is a node
where the listed subgame-perfect equilibria choose differently (the mover is indifferent there).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from negsolve.draw.palette import CHANCE, EQUILIBRIUM, MUTED, PLAYER_COLOURS, TEXT
from negsolve.draw.svg import Svg, text_width
from negsolve.model.expression import evaluate
from negsolve.model.tree import CHANCE as CHANCE_KIND
from negsolve.model.tree import TERMINAL, GameTree, Node
from negsolve.render.numbers import fmt

MAX_NODES = 300
SIZE = 12.0
ROW = 2.2 * SIZE
GAP = 24.0  # space around a move label within a gap column


@dataclass
class DrawnNode:
    id: str
    kind: str                  # decision, chance, terminal, collapsed
    depth: int
    children: list[str]
    moves: list[str]           # edge labels (with probabilities / equilibrium mixtures)
    chosen: list[int]          # 0 not in plan, 1 in plan, 2 in plan and on the path
    label: str                 # above the node (player name) or right of a leaf (payoffs)
    player: int | None = None
    tie: bool = False
    infoset: str | None = None
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0         # from the node to its column's right edge


@dataclass
class TreeScene:
    title: str
    players: tuple[str, ...]
    nodes: dict[str, DrawnNode]
    root: str
    infosets: list[list[str]]  # groups of node ids joined by dashed links
    legend: list[str]
    collapsed: int = 0         # nodes not drawn
    width: float = 0.0
    height: float = 0.0
    columns: list[float] = field(default_factory=list)


def tree_scene(tree: GameTree, values: dict[str, Fraction], max_nodes: int = MAX_NODES) -> TreeScene:
    """Solve ``tree`` once and lay it out (see the module docstring)."""
    from negsolve.render.tree import path_totals
    from negsolve.solvers.backward import solve_tree

    result = solve_tree(tree, values)
    plans = [eq.plan for eq in result.equilibria]
    plan = plans[0] if plans else {}
    index = {n.id: n for n in tree.nodes}
    on_path = _on_path(tree, index, plan)
    kept = _kept(tree, index, on_path, max_nodes)
    totals = path_totals(tree, tree.parameter_values(values))
    nodes: dict[str, DrawnNode] = {}
    for node_id, depth in kept.items():
        node = index[node_id]
        nodes[node_id] = _drawn(tree, node, depth, kept, plans, plan, on_path, totals, values)
    scene = TreeScene(tree.title, tree.players, nodes, tree.nodes[0].id, _infosets(tree, kept),
                      _legend(result, any(n.infoset for n in tree.nodes if n.kind != CHANCE_KIND)),
                      collapsed=len(tree.nodes) - len(kept))
    _layout(scene)
    return scene


def _on_path(tree: GameTree, index: dict[str, Node], plan: dict) -> set[str]:
    """Nodes reached with positive probability when everybody follows ``plan``."""
    seen = set()
    stack = [tree.nodes[0].id]
    while stack:
        node = index[stack.pop()]
        seen.add(node.id)
        chosen = plan.get(node.id)
        for move, child in zip(node.moves, node.children, strict=False):
            if node.kind == CHANCE_KIND or chosen == move or (isinstance(chosen, dict) and chosen.get(move)):
                stack.append(child)
    return seen


def _kept(tree: GameTree, index: dict[str, Node], on_path: set[str], max_nodes: int) -> dict[str, int]:
    """Node ids to draw with their depths: breadth first, path nodes first, at most ``max_nodes``."""
    depth = {tree.nodes[0].id: 0}
    first: deque[str] = deque([tree.nodes[0].id])
    later: deque[str] = deque()
    kept: dict[str, int] = {}
    while (first or later) and len(kept) < max_nodes:
        node_id = first.popleft() if first else later.popleft()
        kept[node_id] = depth[node_id]
        for child in index[node_id].children:
            depth[child] = depth[node_id] + 1
            (first if child in on_path else later).append(child)
    # a kept inner node keeps all its children (cut ones become "collapsed" boxes)
    for node_id in list(kept):
        for child in index[node_id].children:
            kept.setdefault(child, depth[child])
    return dict(sorted(kept.items(), key=lambda item: _preorder(tree)[item[0]]))


_PREORDER_CACHE: dict[int, dict[str, int]] = {}


def _preorder(tree: GameTree) -> dict[str, int]:
    key = id(tree)
    if key not in _PREORDER_CACHE:
        _PREORDER_CACHE.clear()
        _PREORDER_CACHE[key] = {n.id: k for k, n in enumerate(tree.nodes)}
    return _PREORDER_CACHE[key]


def _subtree_size(index: dict[str, Node], node_id: str) -> int:
    count, stack = 0, [node_id]
    while stack:
        count += 1
        stack.extend(index[stack.pop()].children)
    return count


def _drawn(tree: GameTree, node: Node, depth: int, kept: dict[str, int], plans: list[dict], plan: dict,
           on_path: set[str], totals: dict, values: dict[str, Fraction]) -> DrawnNode:
    if node.kind == TERMINAL:
        text = "(" + ", ".join(fmt(v) for v in totals[node.id]) + ")"
        if node.outcome is not None and node.outcome.label:
            text += " " + node.outcome.label
        return DrawnNode(node.id, TERMINAL, depth, [], [], [], text)
    if node.children and node.children[0] not in kept:
        size = _subtree_size({n.id: n for n in tree.nodes}, node.id)
        return DrawnNode(node.id, "collapsed", depth, [], [], [], f"[{size - 1:,} nodes not drawn]")
    chosen_move = plan.get(node.id)
    moves, chosen = [], []
    for k, move in enumerate(node.moves):
        text = move
        if node.kind == CHANCE_KIND:
            text += f" ({fmt(evaluate(node.probabilities[k], tree.parameter_values(values)))})"
            flag = 2 if node.id in on_path else 0
        elif isinstance(chosen_move, dict):
            p = chosen_move.get(move, 0)
            text += f" [{fmt(Fraction(p))}]" if p else ""
            flag = (2 if node.id in on_path else 1) if p else 0
        else:
            flag = (2 if node.id in on_path else 1) if chosen_move == move else 0
        moves.append(text)
        chosen.append(flag)
    tie = len({_key(p.get(node.id)) for p in plans}) > 1
    who = "chance" if node.kind == CHANCE_KIND else tree.players[node.player or 0]
    return DrawnNode(node.id, node.kind, depth, list(node.children), moves, chosen, who + (" (tie)" if tie else ""),
                     player=node.player, tie=tie, infoset=node.infoset)


def _key(move: Any) -> Any:
    return tuple(sorted(move.items())) if isinstance(move, dict) else move


def _infosets(tree: GameTree, kept: dict[str, int]) -> list[list[str]]:
    groups: dict[tuple, list[str]] = {}
    for node in tree.nodes:
        if node.kind != TERMINAL and node.kind != CHANCE_KIND and node.infoset is not None and node.id in kept:
            groups.setdefault((node.player, node.infoset), []).append(node.id)
    return [ids for ids in groups.values() if len(ids) > 1]


def _legend(result: Any, infosets: bool) -> list[str]:
    lines = ["Red: the subgame-perfect equilibrium's plan (thick: the path played)"
             + ("; dashed: an information set" if infosets else "")]
    if result.count > 1:
        lines.append(f"{result.count} subgame-perfect equilibria; (tie) marks a node where they differ; "
                     "the first is drawn")
    elif result.count == 1:
        lines.append("One subgame-perfect equilibrium")
    return lines


def _layout(scene: TreeScene) -> None:
    """Rows for leaves (preorder), columns per depth as wide as their labels; sets x, y, width, height."""
    nodes = scene.nodes
    leaves = [n for n in nodes.values() if not n.children]
    max_depth = max(n.depth for n in nodes.values())
    for n in leaves:
        n.depth = max_depth  # leaves line up in the last column
    node_w = [0.0] * (max_depth + 1)
    gap_w = [0.0] * (max_depth + 1)
    for n in nodes.values():
        if n.children:
            node_w[n.depth] = max(node_w[n.depth], text_width(n.label, SIZE))
            for child, text in zip(n.children, n.moves, strict=True):
                d = nodes[child].depth
                gap_w[d] = max(gap_w[d], text_width(text, SIZE) + GAP)
    top = 3.2 * SIZE
    rows = {n.id: k for k, n in enumerate(leaves)}
    x = 12.0
    columns = []
    for d in range(max_depth + 1):
        x += gap_w[d]
        columns.append(x + 6)  # the node; its label starts at the column's left edge
        x += max(node_w[d] + 6, 18.0)
    for n in nodes.values():
        n.width = max(node_w[n.depth] + 6, 18.0) - 6 + 6
    for n in leaves:
        n.x, n.y = columns[n.depth], top + ROW * (rows[n.id] + 1)
    _place_inner(scene, scene.root, columns)
    leaf_w = max(text_width(n.label, SIZE) for n in leaves) + 24
    scene.columns = columns
    legend_w = max(text_width(t, SIZE) for t in scene.legend + [scene.title])
    scene.width = max(x + leaf_w, legend_w + 24)
    scene.height = top + ROW * (len(leaves) + 1) + ROW * len(scene.legend) + SIZE


def _place_inner(scene: TreeScene, root: str, columns: list[float]) -> None:
    order: list[str] = []
    stack = [root]
    while stack:
        node_id = stack.pop()
        order.append(node_id)
        stack.extend(scene.nodes[node_id].children)
    for node_id in reversed(order):
        n = scene.nodes[node_id]
        if n.children:
            ys = [scene.nodes[c].y for c in n.children]
            n.x, n.y = columns[n.depth], (min(ys) + max(ys)) / 2


def render_tree(scene: TreeScene) -> str:
    """The SVG text of a :class:`TreeScene`."""
    svg = Svg(scene.width, scene.height, title=scene.title)
    svg.text(12, SIZE * 1.8, scene.title, size=SIZE * 1.25, anchor="start", font_weight="bold", fill=TEXT)
    for group in scene.infosets:
        pts = sorted((scene.nodes[i] for i in group), key=lambda n: n.y)
        for a, b in zip(pts, pts[1:], strict=False):
            svg.line(a.x, a.y, b.x, b.y, stroke=MUTED, stroke_width=1.5, stroke_dasharray="5,4", class_="infoset")
    edges = [(flag, n, scene.nodes[child_id], text) for n in scene.nodes.values()
             for child_id, text, flag in zip(n.children, n.moves, n.chosen, strict=True)]
    for flag, parent, child, text in sorted(edges, key=lambda e: e[0]):  # the plan drawn over the rest
        _edge(svg, parent, child, text, flag)
    for n in scene.nodes.values():
        _node(svg, n)
    y = scene.height - ROW * len(scene.legend)
    for line in scene.legend + ([f"{scene.collapsed:,} nodes not drawn"] if scene.collapsed else []):
        svg.text(12, y, line, size=SIZE, anchor="start", fill=TEXT)
        y += ROW * 0.8
    return svg.to_string()


def _edge(svg: Svg, parent: DrawnNode, child: DrawnNode, text: str, flag: int) -> None:
    colour = EQUILIBRIUM if flag else "#999999"
    width = 3.5 if flag == 2 else (2.0 if flag else 1.2)
    x_turn = parent.x + parent.width  # just right of the parent's column: labels sit right of the turns
    points = [(parent.x, parent.y), (x_turn, parent.y), (x_turn, child.y), (child.x, child.y)]
    svg.polyline(points, stroke=colour, stroke_width=width, class_="plan" if flag else "edge")
    svg.text(child.x - GAP / 2, child.y - 4, text, size=SIZE, anchor="end", fill=EQUILIBRIUM if flag else TEXT,
             class_="move")


def _node(svg: Svg, n: DrawnNode) -> None:
    if n.kind == TERMINAL:
        svg.rect(n.x - 3, n.y - 3, 6, 6, fill=TEXT)
        svg.text(n.x + 8, n.y + SIZE * 0.35, n.label, size=SIZE, anchor="start", fill=TEXT, class_="payoffs")
    elif n.kind == "collapsed":
        svg.polygon([(n.x - 3, n.y), (n.x + 9, n.y - 6), (n.x + 9, n.y + 6)], fill=MUTED)
        svg.text(n.x + 14, n.y + SIZE * 0.35, n.label, size=SIZE, anchor="start", fill=MUTED, class_="collapsed")
    elif n.kind == CHANCE_KIND:
        svg.polygon([(n.x, n.y - 7), (n.x + 7, n.y), (n.x, n.y + 7), (n.x - 7, n.y)], fill="white", stroke=CHANCE,
                    stroke_width=2)
        svg.text(n.x - 6, n.y - 10, n.label, size=SIZE, anchor="start", fill=CHANCE, class_="mover")
    else:
        colour = PLAYER_COLOURS[(n.player or 0) % len(PLAYER_COLOURS)]
        svg.circle(n.x, n.y, 6, fill=colour, stroke="white" if not n.tie else EQUILIBRIUM,
                   stroke_width=2.5 if n.tie else 1)
        svg.text(n.x - 6, n.y - 10, n.label, size=SIZE, anchor="start", fill=colour, font_weight="bold",
                 class_="mover")
