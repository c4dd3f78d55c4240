r"""Subgame-perfect equilibria of game trees, exact.

Method (Selten 1965/1975; Kuhn 1953; see Osborne & Rubinstein, *A Course in Game Theory*,
ch. 6-7):

1. Find the **subgames**: a node roots a subgame when no information set has nodes both
   inside and outside its subtree (a subgame never cuts an information set).
2. **Backward induction**, leaves first (reverse preorder, so no recursion).  At a decision
   node with a singleton information set whose subtree is a subgame, the mover picks every
   move that maximises its own payoff given each way its children can be played; at a
   chance node the value is the exact expectation.  Ties keep *every* optimal move, so every
   subgame-perfect equilibrium is found; each node keeps, per value vector its subtree can
   yield, the exact number of sub-plans giving it and up to ``limit`` examples.
3. A subgame with imperfect information (after its own proper subgames are replaced by
   their values) is solved through its strategic form: two active players, every extreme
   Nash equilibrium (:mod:`negsolve.solvers.bimatrix`); one player, every optimal pure
   plan; three or more, every pure equilibrium.  Mixed strategies are turned into behaviour
   strategies (probabilities at each information set, Kuhn's theorem).  Backward induction
   then continues above it.

Payoffs on inner nodes (Gambit outcomes) add up along the path.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from negsolve.model.expression import evaluate
from negsolve.model.frozen import freeze_fields
from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree, Move, Node, Plan
from negsolve.model.walk import (
    chance_average,
    descend_value,
    follow,
    infoset_key,
    parents,
    post_order,
    tree_structure,
)
from negsolve.solvers.imperfect_subgame import (
    SubgameEquilibrium,
    SubgameSolution,
    SubgameStep,
    behaviour_plan,
    collapsed_subgame,
    subgame_step,
)

DEFAULT_LIMIT = 20


@dataclass(frozen=True)
class SubgamePerfectEquilibrium:
    plan: dict[str, Move]
    path: tuple[str, ...]
    payoffs: tuple[Fraction, ...]

    def __post_init__(self) -> None:
        freeze_fields(self, "plan")


@dataclass(frozen=True)
class InductionStep:
    """One node of backward induction, for one way its children can be played (a trace entry).

    ``values[m]``: the payoffs of the subtree after move ``m`` (below the node, its own payoffs not
    included).  At a decision node ``mover`` is the player and ``chosen`` every move that maximises
    its payoff (``ties``: more than one); at a chance node ``mover`` is None, ``chosen`` is empty and
    ``value`` is the exact expectation of ``values``.
    """

    node: str
    mover: int | None
    values: tuple[tuple, ...]
    chosen: tuple[int, ...]
    value: tuple | None = None

    @property
    def ties(self) -> bool:
        return len(self.chosen) > 1


@dataclass(frozen=True)
class TreeSolveResult:
    """Subgame-perfect equilibria of a tree.

    ``count`` is the exact number of subgame-perfect equilibria in pure behaviour (for
    imperfect-information subgames: of combinations of their extreme equilibria);
    ``equilibria`` lists at most ``limit`` of them (``truncated`` says when more exist).
    """

    equilibria: tuple[SubgamePerfectEquilibrium, ...]
    count: int
    truncated: bool
    perfect_information: bool
    subgame_roots: tuple[str, ...]
    method: str
    notes: tuple[str, ...] = field(default_factory=tuple)
    trace: tuple[InductionStep, ...] = field(default_factory=tuple, compare=False)  # with trace=True only
    subgames: tuple[SubgameStep, ...] = field(default_factory=tuple, compare=False)  # with trace=True only
    game: Any = field(default=None, compare=False, repr=False)  # set by negsolve.solve(): for pictures
    values: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        freeze_fields(self, "values")

    def _repr_svg_(self) -> str | None:
        """Jupyter (and marimo): the tree with the equilibrium in colour, through the picture hook."""
        if self.game is None:
            return None
        from negsolve.pictures import result_svg

        return result_svg(self)


@dataclass
class _Option:
    """One way a subtree can be played: its value and how many sub-plans give it, with examples."""

    value: tuple
    count: int
    examples: list  # list of Plan fragments (at most limit)


def numeric_tree(tree: GameTree, overrides: Mapping[str, Fraction] | None = None) -> tuple[list, list]:
    """Exact outcome vectors and chance probabilities per node (ints where whole)."""
    values = tree.parameter_values(overrides)

    def num(expr):  # type: ignore[no-untyped-def]
        v = evaluate(expr, values)
        return v.numerator if v.denominator == 1 else v

    n = len(tree.players)
    outcomes = []
    probabilities = []
    for node in tree.nodes:
        outcomes.append(tuple(num(e) for e in node.outcome.payoffs) if node.outcome else (0,) * n)
        probabilities.append(tuple(num(p) for p in node.probabilities))
    return outcomes, probabilities


def optimal_moves(gets: list) -> list[int]:
    """The backward-induction rule at a decision node: every move whose payoff to the mover is the
    largest (``gets[m]``: the mover's payoff after move ``m``); ties keep them all, in move order."""
    best = max(gets)
    return [m for m, g in enumerate(gets) if g == best]


def subgame_roots(tree: GameTree) -> list[bool]:
    """For each node (preorder), whether its subtree is a subgame."""
    pos, size, children = tree_structure(tree)
    parent = parents(children)
    groups: dict[tuple, list[int]] = {}
    for k, node in enumerate(tree.nodes):
        if node.kind != TERMINAL and node.infoset is not None:
            groups.setdefault(infoset_key(node), []).append(k)
    root_ok = [True] * len(tree.nodes)
    for members in groups.values():
        if len(members) < 2:
            continue
        low, high = min(members), max(members)
        for m in members:
            k = m
            # every node on the way up that holds m but not the whole set cuts the information set
            while k >= 0 and not (k <= low and high < k + size[k]):
                root_ok[k] = False
                k = parent[k]
    return root_ok


def solve_tree(tree: GameTree, overrides: Mapping[str, Fraction] | None = None,
               limit: int = DEFAULT_LIMIT, trace: bool = False) -> TreeSolveResult:
    """Every subgame-perfect equilibrium of ``tree`` (listing at most ``limit``), exact.

    With ``trace`` the result records, at every node solved node by node, each way its children can
    be played and what backward induction did there (:class:`InductionStep`), and each subgame with
    imperfect information with its strategic form and chosen equilibria (:class:`SubgameStep`): the
    explanation narrates this trace instead of solving again.

    Raises :class:`~negsolve.errors.InputError` for a tree without perfect recall, or for an
    unknown parameter name in ``overrides``.
    """
    from negsolve.model.recall import require_perfect_recall
    from negsolve.solvers import check_overrides

    overrides = check_overrides(tree, overrides)
    require_perfect_recall(tree)
    outcomes, probabilities = numeric_tree(tree, overrides)
    pos, size, children = tree_structure(tree)
    is_root = subgame_roots(tree)
    nodes = tree.nodes
    perfect = all(is_root[k] or nodes[k].kind == TERMINAL for k in range(len(nodes)))
    options: list[list[_Option] | None] = [None] * len(nodes)
    notes: list[str] = []
    steps: list[InductionStep] = []
    subgames: list[SubgameStep] = []
    group_size = _information_set_sizes(nodes)
    for k in post_order(tree):
        node = nodes[k]
        if node.kind == TERMINAL:
            options[k] = [_Option(outcomes[k], 1, [{}])]
            continue
        if not is_root[k]:
            continue  # solved as part of the imperfect-information subgame above it
        children_solved = all(is_root[c] or nodes[c].kind == TERMINAL for c in children[k])
        alone = node.kind == CHANCE or group_size.get(infoset_key(node), 1) == 1
        if children_solved and alone:
            options[k] = _combine(node, children[k], options, outcomes[k], probabilities[k], limit,
                                  steps if trace else None)
        else:
            options[k] = _solve_imperfect_subgame(tree, k, is_root, options, outcomes, probabilities, limit, notes,
                                                  subgames if trace else None)
        for c in children[k]:
            options[c] = None  # free memory as we go up
    root_options = options[0] or []
    count = sum(o.count for o in root_options)
    listed = _listed(tree, root_options, limit)
    return TreeSolveResult(
        equilibria=tuple(listed),
        count=count,
        truncated=count > len(listed),
        perfect_information=perfect,
        subgame_roots=tuple(nodes[k].id for k in range(len(nodes)) if is_root[k] and nodes[k].kind != TERMINAL),
        method="backward induction in exact arithmetic"
        + ("" if perfect else "; imperfect-information subgames solved through their strategic form"),
        notes=tuple(dict.fromkeys(notes)),
        trace=tuple(steps),
        subgames=tuple(subgames),
    )


def _information_set_sizes(nodes: tuple[Node, ...]) -> dict[tuple, int]:
    """How many decision nodes each named information set has."""
    group_size: dict[tuple, int] = {}
    for node in nodes:
        if node.kind == DECISION and node.infoset is not None:
            group_size[infoset_key(node)] = group_size.get(infoset_key(node), 0) + 1
    return group_size


def _listed(tree: GameTree, root_options: list[_Option], limit: int) -> list[SubgamePerfectEquilibrium]:
    """At most ``limit`` of the equilibria, best payoffs first."""
    listed: list[SubgamePerfectEquilibrium] = []
    for option in root_options:
        for plan in option.examples:
            if len(listed) >= limit:
                break
            listed.append(SubgamePerfectEquilibrium(plan, _path(tree, plan), tuple(Fraction(v) for v in option.value)))
    listed.sort(key=lambda e: tuple(-v for v in e.payoffs))
    return listed


def _add(a: tuple, b: tuple) -> tuple:
    return tuple(x + y for x, y in zip(a, b, strict=False))


def _merge_examples(parts: list[list[Plan]], limit: int, extra: Plan | None = None) -> list[Plan]:
    out = []
    for combo in itertools.islice(itertools.product(*parts), limit):
        plan: Plan = {}
        for fragment in combo:
            plan.update(fragment)
        if extra:
            plan.update(extra)
        out.append(plan)
    return out


def _combine(node: Node, kids: list[int], options: list, outcome: tuple, probs: tuple,
             limit: int, steps: list[InductionStep] | None = None) -> list[_Option]:
    child_options = [options[c] for c in kids]
    merged: dict[tuple, _Option] = {}
    zero = all(v == 0 for v in outcome)
    for combo in itertools.product(*child_options):
        if node.kind == CHANCE:
            value = chance_average(probs, [o.value for o in combo], len(outcome))
            choices: list[tuple[tuple, int | None]] = [(value, None)]
            if steps is not None:
                steps.append(InductionStep(node.id, None, tuple(o.value for o in combo), (), value))
        else:
            player = node.player or 0
            best = optimal_moves([o.value[player] for o in combo])
            choices = [(combo[m].value, m) for m in best]
            if steps is not None:
                steps.append(InductionStep(node.id, player, tuple(o.value for o in combo), tuple(best)))
        count = 1
        for o in combo:
            count *= o.count
        for value, move in choices:
            if not zero:
                value = _add(value, outcome)
            extra = {node.id: node.moves[move]} if move is not None else None
            slot = merged.get(value)
            if slot is None:
                slot = merged[value] = _Option(value, 0, [])
            slot.count += count
            if len(slot.examples) < limit:
                slot.examples.extend(_merge_examples([o.examples for o in combo], limit - len(slot.examples), extra))
    return list(merged.values())


def _path(tree: GameTree, plan: Plan) -> tuple[str, ...]:
    return tuple(move for _, move in follow(tree, plan))


# -- imperfect-information subgames ----------------------------------------------------------------

def _solve_imperfect_subgame(tree: GameTree, k: int, is_root: list[bool], options: list, outcomes: list,
                             probabilities: list, limit: int, notes: list[str],
                             record: list[SubgameStep] | None = None) -> list[_Option]:
    """Solve the subgame at ``k`` whose proper subgames are already solved, via its strategic form
    (with ``record``, append its :class:`SubgameStep` there)."""
    nodes = tree.nodes
    _, _, children = tree_structure(tree)
    frontier, infosets = collapsed_subgame(nodes, children, is_root, k)
    players = sorted({key[1] for key in infosets})
    own = {p: [key for key in infosets if key[1] == p] for p in players}
    _check_subgame_size(nodes[k].id, [len(nodes[members[0]].moves) for members in infosets.values()],
                        [len(options[i]) for i in frontier], tree.source)
    strategies = {p: list(itertools.product(*(range(len(nodes[infosets[key][0]].moves)) for key in own[p])))
                  for p in players}
    results: dict[tuple, _Option] = {}
    frontier_options = [options[i] for i in sorted(frontier)]
    frontier_order = sorted(frontier)
    solutions: list[SubgameSolution] = []
    for combo in itertools.product(*frontier_options):
        leaf_value = dict(zip(frontier_order, combo, strict=False))
        count = 1
        for o in combo:
            count *= o.count
        examples = _merge_examples([o.examples for o in combo], limit)

        def value_of(choice: dict[tuple, int], leaves: dict = leaf_value) -> tuple:
            return descend_value(k, nodes, children,
                                 lambda i: [(None, children[i][choice[infoset_key(nodes[i])]])],
                                 lambda i: outcomes[i], lambda i: probabilities[i], len(tree.players),
                                 known={i: o.value for i, o in leaves.items()})

        def profile_value(profile: dict[int, tuple[int, ...]]) -> tuple:
            choice = {key: s[j] for p, s in profile.items() for j, key in enumerate(own[p])}
            return value_of(choice)

        equilibria, small = _subgame_equilibria(players, strategies, profile_value, notes)
        plans = [behaviour_plan(nodes, children, infosets, own, strategies, mixed) for mixed, _ in equilibria]
        if record is not None:
            solutions.append(_solution(combo, players, equilibria, plans, small))
        seen: list[tuple[tuple, Plan]] = []
        for (_, value), plan in zip(equilibria, plans, strict=True):
            if (value, plan) in seen:
                continue  # plans differing only where the player's own moves never lead: the same behaviour
            seen.append((value, plan))
            slot = results.get(value)
            if slot is None:
                slot = results[value] = _Option(value, 0, [])
            slot.count += count
            for fragment in examples[: max(0, limit - len(slot.examples))]:
                merged = dict(fragment)
                merged.update(plan)
                slot.examples.append(merged)
    if record is not None:
        record.append(subgame_step(nodes, k, frontier, infosets, strategies, solutions))
    return list(results.values())


def _solution(combo: tuple, players: list[int], equilibria: list[tuple[dict, tuple]], plans: list[Plan],
              small: tuple) -> SubgameSolution:
    """The trace record of one solved strategic form (``small``: its cells, scope and degeneracy flag)."""
    cells, scope, degenerate = small
    found = tuple(SubgameEquilibrium(tuple(mixed[p] for p in players), value, plan)
                  for (mixed, value), plan in zip(equilibria, plans, strict=True))
    return SubgameSolution(tuple(o.value for o in combo), cells, found, scope, degenerate)


def _check_subgame_size(node_id: str, moves: list[int], frontier: list[int], source: str) -> None:
    """Refuse, before any work, a subgame whose strategic form is beyond :data:`MAX_SUBGAME_WORK`
    (pure profiles times combinations of solved proper subgames): it would take hours and gigabytes."""
    from negsolve.limits import MAX_SUBGAME_WORK

    work = 1
    for count in moves + frontier:
        work *= max(count, 1)
        if work > MAX_SUBGAME_WORK:
            from negsolve.errors import InputError, Problem

            raise InputError([Problem(
                f"the imperfect-information subgame at node {node_id!r} is too large to solve exactly: its "
                f"strategic form has more than {MAX_SUBGAME_WORK} pure strategy profiles (times the "
                "equilibria of its proper subgames)", file=source or None, hint="see docs/limits.md")])


def _subgame_equilibria(players: list[int], strategies: dict[int, list], profile_value, notes: list[str]):  # type: ignore[no-untyped-def]
    """Equilibria of a small strategic form given by ``profile_value``: a list of (mixed per player, value
    vector), and (its cells row-major, the scope of the search, the degeneracy flag) for the trace."""
    if not players:
        value = profile_value({})
        return [({}, value)], ((value,), "all", None)
    if len(players) == 1:
        p = players[0]
        values = [profile_value({p: s}) for s in strategies[p]]
        single: list[tuple[dict, tuple]] = []
        for j in optimal_moves([v[p] for v in values]):
            mixed = tuple(Fraction(1 if i == j else 0) for i in range(len(values)))
            single.append(({p: mixed}, values[j]))
        return single, (tuple(values), "all", None)
    from negsolve.model.strategic import PayoffTable

    shape = tuple(len(strategies[p]) for p in players)
    cells = {}
    for idx in itertools.product(*(range(s) for s in shape)):
        cells[idx] = profile_value({p: strategies[p][i] for p, i in zip(players, idx, strict=False)})
    table = PayoffTable(shape, tuple(tuple(Fraction(cells[idx][p]) for p in players)
                                     for idx in itertools.product(*(range(s) for s in shape))))
    if len(players) == 2:
        from negsolve.solvers.bimatrix import solve_two_player

        result = solve_two_player(table)
    else:
        from negsolve.solvers.pure import pure_equilibria
        from negsolve.solvers.results import SolveResult

        result = SolveResult(tuple(pure_equilibria(table)), "pure", None, "pure")
        notes.append("a subgame with three or more players and imperfect information "
                     "was solved for pure equilibria only")
    out: list[tuple[dict, tuple]] = []
    for eq in result.equilibria:
        mix_by_player = dict(zip(players, eq.profile, strict=False))
        # expected full value vector (all players, not only the active ones)
        expected: tuple | None = None
        for idx in itertools.product(*(range(s) for s in shape)):
            weight = Fraction(1)
            for i, pl in zip(idx, players, strict=False):
                weight *= mix_by_player[pl][i]
            if weight:
                v = tuple(weight * x for x in cells[idx])
                expected = v if expected is None else _add(expected, v)
        out.append((mix_by_player, tuple(x.numerator if isinstance(x, Fraction) and x.denominator == 1 else x
                                 for x in expected or ())))
    return out, (tuple(cells[idx] for idx in itertools.product(*(range(s) for s in shape))), result.scope,
                 result.degenerate)
