r"""Stability on game trees: when is a path the subgame-perfect outcome?

Given a path of moves from the root, take a plan that follows it: the path's moves on it,
and off it the subgame-perfect choices at the current parameter values.  The plan is
subgame perfect exactly when, at every decision node, the planned move is worth at least
as much to the mover as every other move, play continuing by the plan (one-shot deviation
principle, for perfect information).  Each such comparison is a sympy inequality in the
parameters (values carried up from the leaves symbolically, chance nodes as exact
expectations); together, simplified, they are the region where this plan — and so this
path — is subgame perfect.  Outside it, another plan takes over.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.analysis.stability import Region, region_of
from negsolve.analysis.symbolic import Condition, linear_form, symbols_for, to_sympy
from negsolve.errors import InputError, Problem
from negsolve.model.frozen import freeze_fields
from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree, node_index
from negsolve.model.walk import chance_average, descend_value, follow, positions, post_order, tree_structure


@dataclass(frozen=True)
class NodeCondition:
    node: str
    player: str
    move: str
    alternative: str
    keeps: Condition
    status: str
    on_path: bool


@dataclass(frozen=True)
class TreeStabilityReport:
    tree: GameTree
    path: tuple[str, ...]
    plan: dict[str, Any]
    values: dict[str, Fraction]
    conditions: tuple[NodeCondition, ...]
    region: Region
    strict_region: Region
    holds_now: bool
    follows_now: bool   # a subgame-perfect equilibrium at the current values follows the path

    def __post_init__(self) -> None:
        freeze_fields(self, "plan", "values")

    def parameter_ranges(self) -> dict[str, str]:
        """Each parameter alone, the others at their current values: where every node condition holds."""
        from negsolve.analysis.stability import lever_ranges

        return lever_ranges([c.keeps for c in self.conditions], self.values)


def tree_stability(
    tree: GameTree, path_text: str, overrides: Mapping[str, Fraction] | None = None
) -> TreeStabilityReport:
    from negsolve.solvers.backward import solve_tree, subgame_roots

    roots = subgame_roots(tree)
    perfect = all(roots[k] or n.kind == TERMINAL for k, n in enumerate(tree.nodes))
    values = tree.parameter_values(overrides)
    index = node_index(tree)
    wanted = [m.strip() for m in path_text.split(",") if m.strip()]
    forced, end = _forced_moves(tree, wanted, index)
    spe = solve_tree(tree, overrides, limit=200)
    follows = [e for e in spe.equilibria if tuple(e.path[:len(wanted)]) == tuple(wanted)]
    plan = dict(follows[0].plan) if follows else dict(spe.equilibria[0].plan)
    plan.update(forced)
    from negsolve.solvers.backward import infoset_key

    for nd in tree.nodes:  # a plan gives every node of an information set the same move
        for nid, move in forced.items():
            if nd.infoset is not None and infoset_key(nd) == infoset_key(index[nid]):
                plan[nd.id] = move
    if not perfect:
        on_path = {nid for nid in forced} | {end}
        return _imperfect(tree, wanted, plan, values, roots, bool(follows), on_path)
    conditions = _perfect_conditions(tree, plan, values, index)
    return _report(tree, wanted, plan, values, conditions, bool(follows))


def _forced_moves(tree: GameTree, wanted: list[str], index: dict) -> tuple[dict[str, str], str]:
    """The move the path takes at each decision node on it, and the id of the node it ends at."""
    node = tree.nodes[0]
    forced: dict[str, str] = {}
    for move in wanted:
        if node.kind != DECISION:
            raise InputError([Problem(f"--outcome: the path reaches "
                                      f"{'a chance node' if node.kind == CHANCE else 'a leaf'} "
                                      f"({node.id!r}) before {move!r}; a path lists decision moves from the root")])
        if move not in node.moves:
            import difflib

            close = difflib.get_close_matches(move, list(node.moves), n=1, cutoff=0.4)
            raise InputError([Problem(f"--outcome: {move!r} is not a move at {node.id!r} "
                                      f"({tree.players[node.player or 0]})",
                                      hint=f"did you mean {close[0]!r}?" if close
                                      else "moves: " + ", ".join(node.moves))])
        forced[node.id] = move
        node = index[node.children[node.moves.index(move)]]
    return forced, node.id


def _perfect_conditions(tree: GameTree, plan: dict, values: dict, index: dict) -> list[NodeCondition]:
    """Perfect information: at each decision node, the planned move against each other move, root first."""
    import sympy

    symbols = symbols_for([p.name for p in tree.parameters])
    pos = positions(tree)
    on_path = {nd.id for nd, _ in follow(tree, plan, index=index)}
    value: dict[int, tuple] = {}
    conditions = []
    zero = tuple(sympy.Integer(0) for _ in tree.players)
    for k in post_order(tree):
        nd = tree.nodes[k]
        own = tuple(to_sympy(e, symbols) for e in nd.outcome.payoffs) if nd.outcome else zero
        if nd.kind == TERMINAL:
            value[k] = own
            continue
        kids = [value[pos[c]] for c in nd.children]
        if nd.kind == CHANCE:
            probs = [to_sympy(p, symbols) for p in nd.probabilities]
            below = tuple(sympy.expand(v) for v in chance_average(probs, kids, len(own)))
        else:
            p = nd.player or 0
            planned = plan[nd.id]  # a move name: plans of perfect-information trees are pure
            chosen = kids[nd.moves.index(planned)]
            for alt, kid in zip(nd.moves, kids, strict=False):
                if alt == planned:
                    continue
                diff = sympy.cancel(chosen[p] - kid[p])
                cond = Condition(diff, False, linear_form(diff, False))
                conditions.append(NodeCondition(nd.id, tree.players[p], str(planned), alt, cond, cond.status(values),
                                                nd.id in on_path))
            below = chosen
        value[k] = tuple(a + b for a, b in zip(own, below, strict=False))
    conditions.reverse()
    return conditions


def _report(tree: GameTree, wanted: list[str], plan: dict, values: dict, conditions: list[NodeCondition],
            follows: bool) -> TreeStabilityReport:
    """The report: the region where every condition holds (and where every one holds strictly)."""
    region = region_of([c.keeps for c in conditions])
    strict = region_of([Condition(c.keeps.expr, True, linear_form(c.keeps.expr, True)) for c in conditions])
    holds = all(c.status != "fails" for c in conditions)
    return TreeStabilityReport(tree, tuple(wanted), plan, values, tuple(conditions), region, strict, holds, follows)


MAX_STRATEGIES = 4096


def _imperfect(tree: GameTree, wanted: list[str], plan: dict, values: dict, roots: list[bool],
               follows: bool, on_path: set[str] | None = None) -> TreeStabilityReport:
    """Subgame perfection with information sets: the plan must be a Nash equilibrium of every subgame.

    For each subgame and each player, every pure strategy over the player's information sets in
    that subgame is a possible deviation; the plan's behaviour (mixed where the equilibrium mixes,
    at the probabilities it has now) is held fixed for the others.
    """
    pos, _, children = tree_structure(tree)
    walk = _plan_walker(tree, plan, children)
    conditions: list[NodeCondition] = []
    seen: set = set()
    for k, nd in enumerate(tree.nodes):
        if not roots[k] or nd.kind == TERMINAL:
            continue
        inside = []
        stack = [k]
        while stack:
            i = stack.pop()
            inside.append(i)
            stack.extend(pos[c] for c in tree.nodes[i].children)
        base = walk(k, {})
        for p in range(len(tree.players)):
            conditions.extend(_deviations(tree, walk, k, inside, base, p, values, seen,
                                          nd.id in (on_path or {tree.nodes[0].id})))
    return _report(tree, wanted, plan, values, conditions, follows)


def _plan_walker(tree: GameTree, plan: dict, children: list) -> Any:
    """``walk(k, override)``: the symbolic payoffs below node ``k`` under the plan, with the pure moves
    ``override`` (information-set key -> move number) in place of the plan's behaviour there."""
    import sympy

    from negsolve.solvers.backward import infoset_key

    symbols = symbols_for([p.name for p in tree.parameters])
    zero = tuple(sympy.Integer(0) for _ in tree.players)

    def behaviour(node_id: str) -> dict:
        move = plan[node_id]
        if isinstance(move, str):
            return {move: sympy.Integer(1)}
        return {m: sympy.Rational(p.numerator, p.denominator) for m, p in move.items() if p}

    def walk(k: int, override: dict) -> tuple:
        def choose(i: int) -> list[tuple]:
            nd = tree.nodes[i]
            key = infoset_key(nd)
            dist = {nd.moves[override[key]]: sympy.Integer(1)} if key in override else behaviour(nd.id)
            return [(p, children[i][nd.moves.index(m)]) for m, p in dist.items()]

        def own(i: int) -> tuple:
            nd = tree.nodes[i]
            return tuple(to_sympy(e, symbols) for e in nd.outcome.payoffs) if nd.outcome else zero

        return descend_value(k, tree.nodes, children, choose, own,
                             lambda i: [to_sympy(p, symbols) for p in tree.nodes[i].probabilities], len(zero), 0)

    return walk


def _deviations(tree: GameTree, walk: Any, k: int, inside: list[int], base: tuple, p: int, values: dict,
                seen: set, on_path: bool) -> list[NodeCondition]:
    """Player ``p``'s pure strategies in the subgame at node ``k`` that could beat the plan, as conditions."""
    import itertools

    import sympy

    from negsolve.solvers.backward import infoset_key

    nd = tree.nodes[k]
    keys = sorted({infoset_key(tree.nodes[i]) for i in inside
                   if tree.nodes[i].kind == DECISION and tree.nodes[i].player == p}, key=str)
    if not keys:
        return []
    sizes = [len(next(tree.nodes[i] for i in inside if infoset_key(tree.nodes[i]) == key).moves)
             for key in keys]
    total = 1
    for size in sizes:
        total *= size
    if total > MAX_STRATEGIES:
        raise InputError([Problem(f"stability: {tree.players[p]} has {total} pure strategies in the subgame at "
                                  f"{nd.id!r}, too many to check exactly", file=tree.source or None)])
    conditions = []
    for choice in itertools.product(*(range(size) for size in sizes)):
        override = dict(zip(keys, choice, strict=False))
        diff = sympy.cancel(base[p] - walk(k, override)[p])
        if diff.is_number and diff >= 0:
            continue
        if (nd.id, p, diff) in seen:
            continue
        seen.add((nd.id, p, diff))
        names = []
        for key, c in override.items():
            node = next(tree.nodes[i] for i in inside if infoset_key(tree.nodes[i]) == key)
            names.append(f"{node.id}:{node.moves[c]}")
        cond = Condition(diff, False, linear_form(diff, False))
        conditions.append(NodeCondition(nd.id, tree.players[p], "the plan", ", ".join(names), cond,
                                        cond.status(values), on_path))
    return conditions
