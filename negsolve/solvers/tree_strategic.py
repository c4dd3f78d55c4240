r"""The reduced strategic form of a game tree, its Nash equilibria, and which are subgame perfect.

A *reduced* pure strategy of a player names a move at each of its information sets that its
own earlier moves do not rule out (Osborne & Rubinstein, *A Course in Game Theory*,
section 6.1); strategies that differ only at information sets they themselves avoid are one
reduced strategy.  The payoff of a reduced profile is computed by walking the tree (exact
expectations at chance nodes).  Nash equilibria of that table come from
:mod:`negsolve.solvers`.

Which Nash equilibria are subgame perfect: each equilibrium is turned into behaviour at every
node its strategies specify (Kuhn's theorem).  In a perfect-information tree it is subgame
perfect exactly when at every decision node each move it plays with positive probability is
optimal for the mover there, given play below (one-shot deviation principle); nodes that a
reduced strategy leaves open are filled by backward induction.  A move that fails the test is a
**non-credible** threat or promise, and is named.  For trees with imperfect information the
behaviour is compared with the subgame-perfect equilibria found by backward induction.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from negsolve.model.expression import Binary, Expr, Number
from negsolve.model.frozen import freeze_fields
from negsolve.model.strategic import Player, StrategicGame
from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree, Node, node_index
from negsolve.model.walk import chance_average, descend_value, positions, post_order, tree_structure
from negsolve.solvers.backward import TreeSolveResult, infoset_key, numeric_tree


@dataclass(frozen=True)
class ReducedForm:
    game: StrategicGame
    # per player, per reduced strategy: {infoset key: move index}
    assignments: tuple[tuple[dict, ...], ...]

    def __post_init__(self) -> None:
        freeze_fields(self, "assignments")


@dataclass(frozen=True)
class NonCredible:
    node: str
    player: str
    move: str
    better: str
    move_value: Fraction
    better_value: Fraction


@dataclass(frozen=True)
class NashOfTree:
    profile: tuple[tuple[Fraction, ...], ...]  # over reduced strategies
    payoffs: tuple[Fraction, ...]
    subgame_perfect: bool | None
    non_credible: tuple[NonCredible, ...]
    behaviour: dict  # node id -> move or {move: probability}; only nodes the strategies specify

    def __post_init__(self) -> None:
        freeze_fields(self, "behaviour")


def reduced_strategies(tree: GameTree, player: int) -> list[dict]:
    """Every reduced pure strategy of ``player``: {infoset key: move index}."""
    index = node_index(tree)
    out: list[dict] = []

    def expand(frontier: list[str], assignment: dict) -> None:
        while frontier:
            node = index[frontier.pop()]
            if node.kind == TERMINAL:
                continue
            if node.kind == DECISION and node.player == player:
                key = infoset_key(node)
                if key in assignment:
                    frontier.append(node.children[assignment[key]])
                    continue
                for m, child in enumerate(node.children):
                    expand(frontier + [child], {**assignment, key: m})
                return
            frontier.extend(node.children)
        out.append(assignment)

    expand([tree.nodes[0].id], {})
    return out


def _label(tree: GameTree, assignment: dict, several: bool) -> str:
    """``Fight``; or, for a player with several information sets, ``Pass@turn-2, Take@turn-4``."""
    first: dict = {}
    for k, node in enumerate(tree.nodes):
        if node.kind == DECISION:
            first.setdefault(infoset_key(node), (k, node))
    parts = sorted((first[key][0], first[key][1], m) for key, m in assignment.items())
    if not parts:
        return "(no move)"
    if not several:
        return ", ".join(node.moves[m] for _, node, m in parts)
    return ", ".join(f"{node.moves[m]}@{node.infoset if node.infoset is not None else node.id}" for _, node, m in parts)


def reduced_form(tree: GameTree, overrides: Mapping[str, Fraction] | None = None) -> ReducedForm:
    """The reduced strategic form of ``tree`` at the given parameter values (perfect recall required)."""
    from negsolve.model.recall import require_perfect_recall

    require_perfect_recall(tree)
    outcomes, probabilities = numeric_tree(tree, overrides)
    _, _, children = tree_structure(tree)
    strategies = [reduced_strategies(tree, p) for p in range(len(tree.players))]
    labels = []
    for _, strats in enumerate(strategies):
        keys = {key for a in strats for key in a}
        labels.append(tuple(_label(tree, a, len(keys) > 1) for a in strats))

    def value(profile: tuple[dict, ...]) -> tuple:
        return descend_value(0, tree.nodes, children, lambda i: [(None, children[i][_chosen(tree.nodes[i], profile)])],
                             lambda i: outcomes[i], lambda i: probabilities[i], len(tree.players))

    payoffs = []
    for profile in itertools.product(*strategies):
        payoffs.append(tuple(Number(Fraction(v)) for v in value(profile)))
    game = StrategicGame(
        title=f"{tree.title} (reduced strategic form)",
        players=tuple(Player(name, labels[p]) for p, name in enumerate(tree.players)),
        payoffs=tuple(payoffs),
        summary=tree.summary,
    )
    return ReducedForm(game, tuple(tuple(s) for s in strategies))


def _chosen(node: Node, profile: tuple[dict, ...]) -> int:
    """The move index a profile of reduced strategies plays at a decision node."""
    return profile[node.player or 0][infoset_key(node)]  # type: ignore[no-any-return]


def _plus(a: Expr, b: Expr) -> Expr:
    if isinstance(a, Number) and isinstance(b, Number):
        return Number(a.value + b.value)
    if isinstance(a, Number) and a.value == 0:
        return b
    if isinstance(b, Number) and b.value == 0:
        return a
    return Binary("+", a, b)


def _times(a: Expr, b: Expr) -> Expr:
    if isinstance(a, Number) and isinstance(b, Number):
        return Number(a.value * b.value)
    if (isinstance(a, Number) and a.value == 0) or (isinstance(b, Number) and b.value == 0):
        return Number(Fraction(0))
    if isinstance(a, Number) and a.value == 1:
        return b
    return Binary("*", a, b)


def symbolic_reduced_form(tree: GameTree) -> ReducedForm:
    """The reduced strategic form with payoffs as expressions over the tree's parameters.

    The parameter analyses (stability, concessions, repeated play, sweeps) then apply to trees.
    Perfect recall is required.
    """
    from negsolve.model.recall import require_perfect_recall

    require_perfect_recall(tree)
    numeric = reduced_form(tree)
    _, _, children = tree_structure(tree)
    zero: tuple[Expr, ...] = tuple(Number(Fraction(0)) for _ in tree.players)
    nodes = tree.nodes

    def value(profile: tuple[dict, ...]) -> tuple:
        return descend_value(0, nodes, children, lambda i: [(None, children[i][_chosen(nodes[i], profile)])],
                             lambda i: tuple(nodes[i].outcome.payoffs) if nodes[i].outcome else zero,  # type: ignore[union-attr]
                             lambda i: nodes[i].probabilities, len(zero), zero[0], add=_plus, mul=_times)

    payoffs = tuple(value(profile) for profile in itertools.product(*numeric.assignments))
    game = StrategicGame(
        title=numeric.game.title,
        players=numeric.game.players,
        payoffs=payoffs,
        parameters=tree.parameters,
        summary=tree.summary,
        source=tree.source,
    )
    return ReducedForm(game, numeric.assignments)


def reduced_profile_of_plan(tree: GameTree, form: ReducedForm, plan: dict) -> tuple[int, ...] | None:
    """The reduced pure profile that plays like ``plan`` (None if the plan mixes somewhere it matters)."""
    moves_at: dict = {}
    for node in tree.nodes:
        if node.kind == DECISION and node.id in plan:
            moves_at[infoset_key(node)] = plan[node.id]
    profile = []
    for _, strategies in enumerate(form.assignments):
        found = None
        for k, assignment in enumerate(strategies):
            ok = True
            for key, m in assignment.items():
                chosen = moves_at.get(key)
                node = next(n for n in tree.nodes if n.kind == DECISION and infoset_key(n) == key)
                if not isinstance(chosen, str) or node.moves[m] != chosen:
                    ok = False
                    break
            if ok:
                found = k
                break
        if found is None:
            return None
        profile.append(found)
    return tuple(profile)


def behaviour(tree: GameTree, form: ReducedForm, profile: tuple[tuple[Fraction, ...], ...]) -> dict:
    """Behaviour at each node that the reduced strategies specify: a move, or {move: probability}."""
    out: dict[str, str | dict[str, Fraction]] = {}
    for node in tree.nodes:
        if node.kind != DECISION:
            continue
        key = infoset_key(node)
        p = node.player or 0
        weights: dict[int, Fraction] = {}
        for assignment, prob in zip(form.assignments[p], profile[p], strict=False):
            if prob and key in assignment:
                weights[assignment[key]] = weights.get(assignment[key], Fraction(0)) + prob
        total = sum(weights.values())
        if not total:
            continue  # left open by the player's own earlier moves
        if len(weights) == 1:
            out[node.id] = node.moves[next(iter(weights))]
        else:
            out[node.id] = {node.moves[m]: weights.get(m, Fraction(0)) / total for m in range(len(node.moves))}
    return out


def _credibility(tree: GameTree, plan: dict, overrides: Mapping[str, Fraction] | None) -> list[NonCredible]:
    """One-shot deviation test at every decision node (perfect information)."""
    outcomes, probabilities = numeric_tree(tree, overrides)
    _, _, children = tree_structure(tree)
    values: dict[int, tuple] = {}
    found: list[NonCredible] = []
    for k in post_order(tree):
        node = tree.nodes[k]
        own = outcomes[k]
        if node.kind == TERMINAL:
            values[k] = own
            continue
        kids = [values[c] for c in children[k]]
        if node.kind == CHANCE:
            below = chance_average(probabilities[k], kids, len(own))
        else:
            p = node.player or 0
            best = max(v[p] for v in kids)
            choice = plan.get(node.id)
            if choice is None:  # open: filled by backward induction (first optimal move)
                choice = node.moves[[v[p] for v in kids].index(best)]
            dist = {choice: Fraction(1)} if isinstance(choice, str) else choice
            for move, prob in dist.items():
                v = kids[node.moves.index(move)][p]
                if prob and v < best:
                    better = node.moves[[w[p] for w in kids].index(best)]
                    found.append(NonCredible(node.id, tree.players[p], move, better, Fraction(v), Fraction(best)))
            below = tuple(sum(Fraction(prob) * kids[node.moves.index(m)][i] for m, prob in dist.items())
                          for i in range(len(own)))
        values[k] = tuple(a + b for a, b in zip(own, below, strict=False))
    # Report the root causes: a failing node whose subtree holds another failing node fails only
    # because of play below it; keep the deepest ones, in tree order.
    index = node_index(tree)
    failing = {f.node for f in found}

    def below_fails(node_id: str) -> bool:
        stack = list(index[node_id].children)
        while stack:
            child = stack.pop()
            if child in failing:
                return True
            stack.extend(index[child].children)
        return False

    order = positions(tree)
    return sorted((f for f in found if not below_fails(f.node)), key=lambda f: order[f.node])


@dataclass(frozen=True)
class TreeNashResult:
    """The Nash equilibria of a tree's reduced strategic form, each marked subgame perfect or not.

    Attributes
    ----------
    form : ReducedForm
        The reduced strategic form that was solved.
    result : SolveResult
        The equilibria of ``form.game`` as the strategic solver returned them.
    marked : tuple of NashOfTree
        One entry per distinct behaviour, with its credibility.
    """

    form: ReducedForm
    result: object
    marked: tuple[NashOfTree, ...]

    def __iter__(self):  # type: ignore[no-untyped-def]
        # Transitional: callers written for the old ``(form, result, marked)`` tuple still unpack it.
        return iter((self.form, self.result, self.marked))


def nash_of_tree(tree: GameTree, spe: TreeSolveResult, overrides: Mapping[str, Fraction] | None = None,
                 engine: str = "exact") -> TreeNashResult:
    """Nash equilibria of the reduced strategic form, each marked subgame perfect or not."""
    from negsolve.model import payoff_table
    from negsolve.solvers import solve_table

    form = reduced_form(tree, overrides)
    table = payoff_table(form.game)
    if table.n_players > 2:  # reduced forms of n-player trees are large: pure equilibria only, as before
        from negsolve.solvers.pure import pure_equilibria
        from negsolve.solvers.results import SolveResult

        result = SolveResult(tuple(pure_equilibria(table)), "pure", None,
                             "exact best-response check of every pure profile",
                             notes=("mixed equilibria of the reduced strategic form of a tree with three or more "
                                    "players are not computed",))
    else:
        result = solve_table(table, engine)
    marked = []
    seen_plans: list[dict] = []
    for eq in result.equilibria:
        plan = behaviour(tree, form, eq.profile)
        if plan in seen_plans:
            continue  # the same behaviour at every node as an equilibrium already listed
        seen_plans.append(plan)
        if spe.perfect_information:
            bad = _credibility(tree, plan, overrides)
            perfect: bool | None = not bad
        else:
            bad = []
            matches = any(all(e.plan.get(node) == move for node, move in plan.items()) for e in spe.equilibria)
            perfect = True if matches else (False if not spe.truncated else None)
        marked.append(NashOfTree(eq.profile, eq.payoffs, perfect, tuple(bad), plan))
    return TreeNashResult(form, result, tuple(marked))
