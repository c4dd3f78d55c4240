r"""Backward induction told node by node (the narrator of :mod:`negsolve.explain.tree`).

Leaves first: at a decision node the mover compares what each move gives it and keeps every
optimal move (ties kept); at a chance node the exact average; a part of the tree with an
information set inside is solved as a small strategic game (Selten's subgame perfection).

Everything told here is read from the trace :func:`negsolve.solvers.backward.solve_tree` records with
``trace=True``: :class:`~negsolve.solvers.backward.InductionStep` per node and way its children are
played, :class:`~negsolve.solvers.imperfect_subgame.SubgameStep` per imperfect-information subgame
(its strategic form and the equilibria the solver chose).  Nothing is solved here.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from negsolve.explain.document import (
    Block,
    Bullets,
    Em,
)
from negsolve.explain.tree_words import (
    MAX_NARRATED,
    MAX_OPTIONS,
    MAX_STRATEGIES,
    _Context,
    _describe,
    _mix,
    _Option,
)
from negsolve.explain.wording import (
    em_list,
    flatten,
    join_parts,
    num,
    para,
    products,
    vec,
)
from negsolve.model.tree import CHANCE, TERMINAL
from negsolve.solvers.backward import InductionStep
from negsolve.solvers.imperfect_subgame import SubgameSolution, SubgameStep


class _Narrator:
    """Tells backward induction node by node from the solver's trace (:class:`InductionStep`,
    :class:`SubgameStep`).

    The narrative follows each way a subtree can be played as a plan (the solver merges plans of
    equal value), so each node's entry is looked up by the values of its children's options (of the
    solved parts below, for an imperfect-information subgame), taken below the node (the narrative's
    totals along the path, less the path total above).  The solver's choices, expectations, small
    games and equilibria are told; where the trace has no entry (a trace that does not match the tree:
    counted in ``untraced``, zero on every bundled and corpus tree) that way of playing is left out,
    and the explanation's closing note then reports that its values differ from the solver's.
    """

    def __init__(self, ctx: _Context, trace: Sequence[InductionStep] = (),
                 subgames: Sequence[SubgameStep] = ()) -> None:
        self.ctx = ctx
        self.untraced = 0  # entries the trace lacked
        self.trace = {(s.node, tuple(tuple(Fraction(v) for v in vals) for vals in s.values)): s for s in trace}
        self.subgames = {s.node: s for s in subgames}
        self.options: dict[int, list[_Option]] = {}
        self.blocks: list[Block] = []
        self.items: list[tuple] = []  # pending bullets
        self.narrated = 0
        self.gave_up = False

    def flush(self) -> None:
        if self.items:
            self.blocks.append(Bullets(tuple(self.items)))
            self.items = []

    def say(self, *parts: Any) -> None:
        self.narrated += 1
        if self.narrated <= MAX_NARRATED:
            self.items.append(flatten(parts))

    def run(self) -> dict[int, list[_Option]]:
        ctx = self.ctx
        for k in range(len(ctx.nodes) - 1, -1, -1):
            node = ctx.nodes[k]
            if node.kind == TERMINAL:
                self.options[k] = [_Option(ctx.prefix[k], {})]
                continue
            if not ctx.is_root[k]:
                continue
            simple = all(ctx.is_root[c] or ctx.nodes[c].kind == TERMINAL for c in ctx.children[k]) and (
                node.kind == CHANCE or len(ctx.groups.get(ctx.key(node), [])) == 1)
            if simple:
                self.options[k] = self._combine(k)
            else:
                self.flush()
                self.options[k] = self._imperfect(k)
            if len(self.options[k]) > MAX_OPTIONS:
                self.gave_up = True
                self.options[k] = self.options[k][:MAX_OPTIONS]
        self.flush()
        if self.narrated > MAX_NARRATED:
            self.blocks.append(para(f"... and {self.narrated - MAX_NARRATED} more nodes, solved the same way."))
        return self.options

    # decisions and chance moves at a single node
    def _combine(self, k: int) -> list[_Option]:
        ctx = self.ctx
        node = ctx.nodes[k]
        kids = ctx.children[k]
        child_options = [self.options[c] for c in kids]
        combos = list(itertools.islice(itertools.product(*child_options), MAX_OPTIONS + 1))
        varying = [i for i, opts in enumerate(child_options) if len(opts) > 1]
        out: list[_Option] = []
        for combo in combos:
            condition: tuple = ()
            if varying:
                condition = flatten(["If ", join_parts([_describe(ctx, combo[i], child_options[i]) for i in varying],
                                                       "and"), ", then a"])
            step = self._step(k, combo)
            if step is None:
                continue
            merged: dict = {}
            for o in combo:
                merged.update(o.plan)
            if node.kind == CHANCE:
                probs = ctx.probabilities[k]
                value = tuple(Fraction(a) + b for a, b in zip(step.value or (), ctx.prefix[k], strict=False))
                leads = join_parts([(Em(m), " with probability ", num(p), " (leading to ", vec(o.value), ")")
                                    for m, p, o in zip(node.moves, probs, combo, strict=False)])
                averages = join_parts([(Em(name), " ",
                                        products([(o.value[i], p) for p, o in zip(probs, combo, strict=False)]),
                                        " = ", num(value[i])) for i, name in enumerate(ctx.tree.players)], ";")
                self.say(condition or "A", "t ", Em(node.id), ", chance picks ", leads, ". On average: ", averages,
                         ". So ", Em(node.id), " is worth ", vec(value), ".")
                out.append(_Option(value, merged))
                continue
            p = node.player or 0
            name = ctx.tree.players[p]
            gets = [o.value[p] for o in combo]
            chosen = list(step.chosen)
            compare = join_parts([(num(g), " from ", Em(move)) for g, move in zip(gets, node.moves, strict=False)])
            if len(chosen) == 1:
                m = chosen[0]
                self.say(condition or "A", "t ", Em(node.id), ", ", Em(name), " gets ", compare, ", so ", Em(name),
                         " picks ", Em(node.moves[m]), ": ", Em(node.id), " is worth ", vec(combo[m].value), ".")
            else:
                worth = join_parts([(vec(combo[m].value), " after ", Em(node.moves[m])) for m in chosen], "or")
                self.say(condition or "A", "t ", Em(node.id), ", ", Em(name), " gets ", compare, ": ",
                         em_list([node.moves[m] for m in chosen]), " tie, so each is optimal and backward induction "
                         "keeps " + ("both" if len(chosen) == 2 else "them all") + ": ", Em(node.id), " is worth ",
                         worth, ".")
            for m in chosen:
                plan = dict(merged)
                plan[node.id] = node.moves[m]
                out.append(_Option(combo[m].value, plan))
        if len(combos) > MAX_OPTIONS:
            self.gave_up = True
        return out

    def _step(self, k: int, combo: Sequence[_Option]) -> InductionStep | None:
        """The solver's trace entry for node ``k`` when its children are played as ``combo`` (None: none)."""
        ctx = self.ctx
        below = tuple(tuple(v - t for v, t in zip(o.value, ctx.prefix[k], strict=False)) for o in combo)
        step = self.trace.get((ctx.nodes[k].id, below))
        if step is None:
            self.untraced += 1
        return step

    # a subgame with an information set inside: the small strategic game the solver built and solved
    def _imperfect(self, k: int) -> list[_Option]:
        ctx = self.ctx
        sub = self.subgames.get(ctx.nodes[k].id)
        if sub is None:
            self.untraced += 1
            return []
        if any(len(labels) > MAX_STRATEGIES for labels in sub.labels):
            self.blocks.append(para("The part of the tree from ", Em(ctx.nodes[k].id), " has too many strategies "
                                    "to show here; 'negsolve solve' finds its equilibria."))
            self.gave_up = True
            return []
        frontier = [ctx.pos[i] for i in sub.frontier]
        self.blocks.append(self._imperfect_intro(k, sub, frontier))
        solutions = {tuple(tuple(Fraction(v) for v in vals) for vals in s.values): s for s in sub.solutions}
        offset = ctx.prefix[ctx.parent[k]] if ctx.parent[k] >= 0 else tuple(Fraction(0) for _ in ctx.tree.players)
        out: list[_Option] = []
        combos = list(itertools.islice(itertools.product(*(self.options[i] for i in frontier)), MAX_OPTIONS))
        varying = [n for n, i in enumerate(frontier) if len(self.options[i]) > 1]
        for combo in combos:
            below = tuple(tuple(v - t for v, t in zip(o.value, ctx.prefix[ctx.parent[i]], strict=False))
                          for o, i in zip(combo, frontier, strict=False))
            solution = solutions.get(below)
            if solution is None:
                self.untraced += 1
                continue
            merged: dict = {}
            for o in combo:
                merged.update(o.plan)
            if varying:
                self.blocks.append(para("If ", join_parts([_describe(ctx, combo[n], self.options[frontier[n]])
                                                           for n in varying], "and"), ":"))
            for plan, value in self._small_game(sub, solution, offset):
                out.append(_Option(value, {**merged, **plan}))
        return out

    def _imperfect_intro(self, k: int, sub: SubgameStep, frontier: list[int]) -> Block:
        ctx = self.ctx
        nodes = ctx.nodes
        shared = [members for members in sub.infosets if len(members) > 1]
        return para(
            "The part of the tree that starts at ", Em(nodes[k].id), " cannot be solved node by node: ",
            join_parts([(Em(ctx.who(ctx.pos[members[0]])), " moves at ", em_list(list(members)),
                         " without knowing which of them it is at (information set ",
                         Em(nodes[ctx.pos[members[0]]].infoset or ""), ")")
                        for members in shared], "; and"),
            ". So this part is treated as a small game in which each player chooses in advance a move at each of "
            "its information sets in it, and its equilibria are found.",
            *([" The parts below it that start at ", em_list([nodes[i].id for i in sorted(frontier)
                                                              if nodes[i].kind != TERMINAL]),
               " are already solved and count with the payoffs found for them."]
              if any(nodes[i].kind != TERMINAL for i in frontier) else []))

    def _order_words(self, sub: SubgameStep, n: int) -> tuple:
        """How a strategy of the ``n``-th active player names its moves (when it has several sets here)."""
        ctx = self.ctx
        if len(sub.own[n]) == 1:
            return ()
        where = []
        for j in sub.own[n]:
            members = sub.infosets[j]
            first = ctx.nodes[ctx.pos[members[0]]]
            where.append(first.infoset if len(members) > 1 else first.id)
        return flatten(["A strategy of ", Em(ctx.tree.players[sub.players[n]]), " names its move at ",
                        join_parts([(Em(w or ""),) for w in where], ", then at"), " (in that order). "])

    def _small_game(self, sub: SubgameStep, solution: SubgameSolution,
                    offset: tuple[Fraction, ...]) -> list[tuple[Mapping, tuple]]:
        """Tell the small game and the equilibria the solver chose: (plan, value along the path) each."""
        from negsolve.explain.strategic import payoff_matrices
        from negsolve.model.strategic import PayoffTable

        ctx = self.ctx
        cells = [tuple(a + b for a, b in zip(offset, cell, strict=False)) for cell in solution.cells]
        found = [(eq.plan, tuple(a + b for a, b in zip(offset, eq.value, strict=False)), eq.profile)
                 for eq in solution.equilibria]
        if not sub.players:
            self.blocks.append(para("Nobody chooses in this part; it is worth ", vec(cells[0]), "."))
            return [(plan, value) for plan, value, _ in found]
        if len(sub.players) == 1:
            self._one_player(sub, cells, found)
            return [(plan, value) for plan, value, _ in found]
        players = sub.players
        names = [ctx.tree.players[p] for p in players]
        shape = tuple(len(labels) for labels in sub.labels)
        table = PayoffTable(shape, tuple(tuple(cell[p] for p in players) for cell in cells))
        intro = flatten([self._order_words(sub, n) for n in range(len(players))])
        self.blocks.append(para(intro, "The payoffs of this small game (expected totals, chance moves averaged "
                                       "out), best responses marked:"))
        self.blocks.extend(payoff_matrices(names, list(sub.labels), table, marked=True))
        items = [flatten([join_parts([(Em(names[n]), " plays ", _mix(sub.labels[n], profile[n]))
                                      for n in range(len(players))], ";"),
                          ": the part is worth ", vec(value)]) for _, value, profile in found]
        self._tell_equilibria(solution, items, [value for _, value, _ in found])
        return [(plan, value) for plan, value, _ in found]

    def _one_player(self, sub: SubgameStep, cells: list[tuple], found: list[tuple]) -> None:
        """A part where only one player moves: its best plans (the backward-induction rule, as the solver
        applied it)."""
        p = sub.players[0]
        labels = sub.labels[0]
        picks = [profile[0].index(1) for _, _, profile in found]
        self.blocks.append(para(self._order_words(sub, 0), "Only ", Em(self.ctx.tree.players[p]),
                                " moves in this part. Its plans pay it ",
                                join_parts([(num(v[p]), " for (", Em(labels[i]), ")") for i, v in enumerate(cells)]),
                                ", so it picks ", join_parts([("(", Em(labels[i]), ")") for i in picks], "or"),
                                ": the part is worth ", join_parts([(vec(cells[i]),) for i in picks], "or"), "."))

    def _tell_equilibria(self, solution: SubgameSolution, items: list, values: list[tuple]) -> None:
        what = ("all of them" if solution.scope == "all" else "every pure one")
        self.blocks.append(para(f"Its equilibria ({what}, exact):" if len(items) != 1 else
                                "Its only equilibrium:" if solution.scope == "all" else "Its only pure equilibrium:"))
        self.blocks.append(Bullets(tuple(items)))
        if solution.degenerate and len(items) > 1:
            self.blocks.append(para("(This small game is degenerate: a player is indifferent between some plans, "
                                    "so mixtures of the equilibria listed are equilibria too; they are worth the "
                                    "same here.)" if len(set(values)) == 1 else
                                    "(This small game is degenerate: mixtures of the equilibria listed can be "
                                    "equilibria too.)"))
