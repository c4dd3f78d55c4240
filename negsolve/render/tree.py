"""Game trees as text (indented drawing), JSON and Graphviz DOT."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from negsolve.model.expression import evaluate
from negsolve.model.tree import CHANCE, TERMINAL, GameTree, Node, node_index
from negsolve.model.walk import positions
from negsolve.render.numbers import fmt
from negsolve.solvers.backward import SubgamePerfectEquilibrium, TreeSolveResult

TREE_SCHEMA = "negsolve.tree/1"


def _num(value: Any) -> str:
    return fmt(Fraction(value))


def _leaf_payoffs(tree: GameTree, node: Node, values: dict) -> str:
    if node.outcome is None:
        return "(" + ", ".join("0" for _ in tree.players) + ")"
    return "(" + ", ".join(_num(evaluate(e, values)) for e in node.outcome.payoffs) + ")"


def path_totals(tree: GameTree, values: dict) -> dict[str, tuple]:
    """Each leaf's payoffs summed along its path (payoffs on inner nodes add up)."""
    index = node_index(tree)
    totals: dict[str, tuple] = {}
    zero = tuple(Fraction(0) for _ in tree.players)
    stack = [(tree.nodes[0].id, zero)]
    while stack:
        node_id, acc = stack.pop()
        node = index[node_id]
        if node.outcome is not None:
            acc = tuple(a + evaluate(e, values) for a, e in zip(acc, node.outcome.payoffs, strict=False))
        if node.kind == TERMINAL:
            totals[node_id] = acc
        stack.extend((c, acc) for c in node.children)
    return totals


def _total_text(totals: dict, node: Node) -> str:
    return "(" + ", ".join(_num(v) for v in totals[node.id]) + ")"


def _who(tree: GameTree, node: Node) -> str:
    if node.kind == CHANCE:
        return "chance"
    return tree.players[node.player or 0]


def _plan_move(plan: dict | None, node: Node) -> Any:
    return None if plan is None else plan.get(node.id)


def draw_tree(tree: GameTree, plan: dict | None = None, overrides: dict | None = None, max_nodes: int = 400,
              total_nodes: int | None = None) -> str:
    """An indented drawing: moves (with probabilities), payoffs at leaves, ``*`` on the moves of ``plan``.

    ``total_nodes``: the size of the whole tree when ``tree`` is only its top (a large tree's excerpt).
    """
    values = tree.parameter_values(overrides)
    index = node_index(tree)
    totals = path_totals(tree, values)
    inner = any(n.outcome is not None and n.kind != TERMINAL for n in tree.nodes)
    lines = [f"Payoffs in order: {', '.join(tree.players)}" + ("; * marks the equilibrium's moves" if plan else "")
             + ("; leaves show totals along the path" if inner else "")]
    shown = 0
    sizes: dict = {}
    for node in tree.nodes:
        if node.kind != TERMINAL and node.infoset is not None:
            key = (node.kind, node.player, node.infoset)
            sizes[key] = sizes.get(key, 0) + 1

    def header(node: Node) -> str:
        if node.kind == TERMINAL:
            return _total_text(totals, node)
        text = f"{_who(tree, node)} [{node.id}]"
        if node.label and node.label != node.id:
            text += f" {node.label!r}"
        if node.infoset is not None and node.kind != CHANCE and sizes[(node.kind, node.player, node.infoset)] > 1:
            text += f" (information set {node.infoset!r} of {_who(tree, node)})"
        if node.outcome is not None:
            text += f" +{_leaf_payoffs(tree, node, values)}"
        return text

    stack: list[tuple[Node, str, str]] = [(tree.nodes[0], "", "")]
    while stack:
        node, prefix, lead = stack.pop()
        if shown >= max_nodes:
            lines.append(f"{prefix}... ({(total_nodes or len(tree.nodes)) - shown:,} more nodes not drawn)")
            break
        shown += 1
        lines.append(f"{lead}{header(node)}")
        chosen = _plan_move(plan, node)
        entries = []
        for k, (move, child) in enumerate(zip(node.moves, node.children, strict=False)):
            mark = ""
            if isinstance(chosen, str) and chosen == move:
                mark = " *"
            elif isinstance(chosen, dict) and chosen.get(move):
                mark = f" *{fmt(chosen[move])}"
            prob = f" (p = {_num(evaluate(node.probabilities[k], values))})" if node.kind == CHANCE else ""
            last = k == len(node.moves) - 1
            branch = "└─ " if last else "├─ "
            entries.append((index[child], prefix + ("   " if last else "│  "),
                            f"{prefix}{branch}{move}{prob}{mark} → "))
        stack.extend(reversed(entries))
    return "\n".join(lines)


def _plan_json(plan: dict) -> dict:
    return {node: (move if isinstance(move, str) else {m: fmt(Fraction(p)) for m, p in move.items()})
            for node, move in plan.items()}


def _in_tree_order(tree: GameTree, plan: dict) -> dict:
    order = positions(tree)
    return dict(sorted(plan.items(), key=lambda item: order[item[0]]))


def spe_json(tree: GameTree, eq: SubgamePerfectEquilibrium, checks: tuple | None = None) -> dict:
    data: dict[str, Any] = {
        "path": list(eq.path),
        "plan": _plan_json(_in_tree_order(tree, eq.plan)),
        "payoffs": {name: fmt(v) for name, v in zip(tree.players, eq.payoffs, strict=False)},
    }
    if checks is not None:
        data["sequentially_rational"] = all(c.rational for c in checks)
        data["not_sequentially_rational_at"] = [
            {"player": tree.players[c.player], "nodes": list(c.nodes),
             "behaviour": {m: fmt(q) for m, q in c.behaviour.items() if q}, "beaten_by": c.beaten_by}
            for c in checks if not c.rational]
    return data


def sequential_text(tree: GameTree, checks: tuple) -> list[str]:
    """Lines flagging behaviour that is a best response to no belief at its information set."""
    lines = []
    for c in checks:
        if c.rational:
            continue
        act = " + ".join(f"{fmt(q)} {m}" for m, q in c.behaviour.items() if q) if len(c.behaviour) > 1 \
            else next(iter(c.behaviour))
        why = f": {c.beaten_by!r} does better at every node of it" if c.beaten_by else ""
        lines.append(f"     NOT sequentially rational at {', '.join(c.nodes)}: {tree.players[c.player]}'s {act} "
                     f"is a best response to no belief{why}")
    return lines


def tree_text_report(tree: GameTree, result: TreeSolveResult, values: dict, checks: list | None = None) -> str:
    lines = [tree.title, "=" * len(tree.title)]
    kind = "perfect information" if result.perfect_information else "imperfect information"
    lines.append(f"{len(tree.players)} players, {len(tree.nodes)} nodes, {kind}")
    if tree.parameters:
        lines.append("Parameters: " + ", ".join(f"{p.name} = {fmt(values[p.name])}" for p in tree.parameters))
    lines.append("")
    n = result.count
    scope = " in pure behaviour" if result.perfect_information else ""
    lines.append(f"{n} subgame-perfect equilibri{'um' if n == 1 else 'a'}{scope} (exact)"
                 + (f"; the first {len(result.equilibria)} are shown:" if result.truncated else ":"))
    if result.perfect_information and n > 1:
        lines.append("  (where a mover is indifferent, any mixture of its tied moves is subgame perfect too)")
    for k, eq in enumerate(result.equilibria, start=1):
        start = "(starts with chance)" if tree.nodes[0].kind == CHANCE else "(the first mover mixes)"
        lines.append(f"  {k}. path: {' → '.join(eq.path) if eq.path else start}")
        lines.append("     payoffs: "
                     + ", ".join(f"{p} {fmt(v)}" for p, v in zip(tree.players, eq.payoffs, strict=False)))
        index = node_index(tree)
        plan = []
        for node_id, move in eq.plan.items():
            who = _who(tree, index[node_id])
            text = move if isinstance(move, str) else " + ".join(f"{fmt(Fraction(p))} {m}"
                                                                 for m, p in move.items() if p)
            plan.append(f"{node_id}: {who} {text}")
        order = positions(tree)
        plan.sort(key=lambda s: order[s.split(":")[0]])
        lines.append("     plan: " + "; ".join(plan))
        if checks is not None:
            lines.extend(sequential_text(tree, checks[k - 1]))
    if checks is not None and any(not c.rational for cs in checks for c in cs):
        lines.append("  (subgame perfection asks for equilibrium in every subgame; an information set off the path "
                     "within its subgame is not held to a best response to any belief)")
    if not result.perfect_information:
        lines.append("")
        lines.append("Subgames start at: " + ", ".join(result.subgame_roots))
    for note in result.notes:
        lines.append(f"Note: {note}")
    return "\n".join(lines)


def nash_text(tree: GameTree, form: Any, marked: tuple, result: Any = None, limit: int | None = None) -> str:
    from negsolve.render.report import describe_strategy

    lines = ["", "Nash equilibria of the reduced strategic form"
             + (" (pure only: three or more players)" if result is not None and result.scope == "pure" else "")
             + (f" ({len(marked)} with distinct behaviour):" if True else ":")]
    if result is not None and result.degenerate:
        lines.append("  (the reduced form is degenerate: the extreme equilibria below span continua of equilibria)")
    shown = marked if limit is None else marked[:limit]
    for k, eq in enumerate(shown, start=1):
        strategies = "; ".join(f"{p.name}: {describe_strategy(form.game, i, eq.profile[i])}"
                               for i, p in enumerate(form.game.players))
        status = {True: "subgame perfect", False: "NOT subgame perfect", None: "subgame perfection not decided"}[
            eq.subgame_perfect]
        lines.append(f"  {k}. {strategies}")
        lines.append("     payoffs: "
                     + ", ".join(f"{p} {fmt(v)}" for p, v in zip(tree.players, eq.payoffs, strict=False))
                     + f"  [{status}]")
        for bad in eq.non_credible:
            lines.append(f"     non-credible: at {bad.node}, {bad.player}'s {bad.move!r} — once there, "
                         f"{bad.better!r} pays {bad.player} {fmt(bad.better_value)} instead of {fmt(bad.move_value)}")
    if len(shown) < len(marked):
        lines.append(f"  ... {len(marked) - len(shown)} more (raise --limit, or use --format json for all)")
    return "\n".join(lines)


def tree_json(tree: GameTree, result: TreeSolveResult, values: dict, nash: tuple | None = None,
              form: Any = None, checks: list | None = None) -> dict:
    data: dict[str, Any] = {
        "schema": TREE_SCHEMA,
        "game": tree.title,
        "players": list(tree.players),
        "parameters": {p.name: fmt(values[p.name]) for p in tree.parameters},
        "perfect_information": result.perfect_information,
        "subgame_roots": list(result.subgame_roots),
        "subgame_perfect": [spe_json(tree, eq, checks[k] if checks is not None else None)
                            for k, eq in enumerate(result.equilibria)],
        "subgame_perfect_count": result.count,
        "truncated": result.truncated,
        "method": result.method,
        "notes": list(result.notes),
    }
    if nash is not None:
        players = [p.name for p in form.game.players]
        data["strategies"] = {p.name: list(p.strategies) for p in form.game.players}
        data["equilibria"] = [
            {
                "profile": {players[i]: {s: fmt(p)
                                         for s, p in zip(form.game.players[i].strategies, eq.profile[i], strict=False)}
                            for i in range(len(players))},
                "payoffs": {players[i]: fmt(v) for i, v in enumerate(eq.payoffs)},
                "pure": all(max(s) == 1 for s in eq.profile),
                "subgame_perfect": eq.subgame_perfect,
                "non_credible": [{"node": b.node, "player": b.player, "move": b.move, "better": b.better,
                                  "move_payoff": fmt(b.move_value), "better_payoff": fmt(b.better_value)}
                                 for b in eq.non_credible],
                "behaviour": _plan_json(_in_tree_order(tree, eq.behaviour)),
            }
            for eq in nash
        ]
    return data


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def tree_dot(tree: GameTree, plan: dict | None = None, overrides: dict | None = None) -> str:
    """Graphviz DOT of the tree; the moves of ``plan`` drawn bold and red; information sets dashed."""
    values = tree.parameter_values(overrides)
    totals = path_totals(tree, values)
    lines = [f"digraph {_dot_quote(tree.title)} {{", "  rankdir=TB;", "  node [fontname=Helvetica];",
             "  edge [fontname=Helvetica];"]
    for node in tree.nodes:
        if node.kind == TERMINAL:
            label = _total_text(totals, node)
            lines.append(f"  {_dot_quote(node.id)} [shape=plaintext, label={_dot_quote(label)}];")
        else:
            shape = "diamond" if node.kind == CHANCE else "ellipse"
            label = _dot_quote(_who(tree, node))[:-1] + "\\n" + _dot_quote(node.id)[1:]  # two lines, both escaped
            lines.append(f"  {_dot_quote(node.id)} [shape={shape}, label={label}];")
    for node in tree.nodes:
        chosen = _plan_move(plan, node)
        for k, (move, child) in enumerate(zip(node.moves, node.children, strict=False)):
            label = move
            if node.kind == CHANCE:
                label += f" ({_num(evaluate(node.probabilities[k], values))})"
            on = (isinstance(chosen, str) and chosen == move) or (isinstance(chosen, dict) and bool(chosen.get(move)))
            style = ", color=red, penwidth=2.5, fontcolor=red" if on else ""
            lines.append(f"  {_dot_quote(node.id)} -> {_dot_quote(child)} [label={_dot_quote(label)}{style}];")
    groups: dict[tuple, list[str]] = {}
    for node in tree.nodes:
        if node.kind != TERMINAL and node.kind != CHANCE and node.infoset is not None:
            groups.setdefault((node.player, node.infoset), []).append(node.id)
    for members in groups.values():
        for a, b in zip(members, members[1:], strict=False):
            lines.append(f"  {_dot_quote(a)} -> {_dot_quote(b)} [style=dashed, dir=none, constraint=false];")
        if len(members) > 1:
            lines.append("  { rank=same; " + " ".join(_dot_quote(m) for m in members) + " }")
    lines.append("}")
    return "\n".join(lines) + "\n"
