r"""Backward induction told node by node (the narrator of :mod:`negsolve.explain.tree`).

Leaves first: at a decision node the mover compares what each move gives it and keeps every
optimal move (ties kept); at a chance node the exact average; a part of the tree with an
information set inside is solved as a small strategic game (Selten's subgame perfection).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
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
from negsolve.model.walk import chance_average, descend_value
from negsolve.solvers.backward import InductionStep, optimal_moves
from negsolve.solvers.imperfect_subgame import behaviour_plan, collapsed_subgame


class _Narrator:
    """Tells backward induction node by node from the solver's trace (:class:`InductionStep`).

    The narrative follows each way a subtree can be played as a plan (the solver merges plans of
    equal value), so each node's entry is looked up by the values of its children's options, taken
    below the node (the narrative's totals along the path, less the node's own path total).  The
    solver's choice and expectation are told; only where the trace has no entry (an imperfect-
    information part narrated below, whose small game the narrative solves itself) is the same rule
    (:func:`~negsolve.solvers.backward.optimal_moves`, :func:`~negsolve.model.walk.chance_average`)
    applied here.
    """

    def __init__(self, ctx: _Context, trace: Sequence[InductionStep] = ()) -> None:
        self.ctx = ctx
        self.untraced = 0  # entries the trace lacked (measured in tests: none outside imperfect parts)
        self.trace = {(s.node, tuple(tuple(Fraction(v) for v in vals) for vals in s.values)): s for s in trace}
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
            merged: dict = {}
            for o in combo:
                merged.update(o.plan)
            step = self._step(k, combo)
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

    def _step(self, k: int, combo: Sequence[_Option]) -> InductionStep:
        """The solver's trace entry for node ``k`` when its children are played as ``combo``."""
        ctx = self.ctx
        node = ctx.nodes[k]
        below = tuple(tuple(v - t for v, t in zip(o.value, ctx.prefix[k], strict=False)) for o in combo)
        step = self.trace.get((node.id, below))
        if step is not None:
            return step
        self.untraced += 1
        if node.kind == CHANCE:
            return InductionStep(node.id, None, below, (),
                                 chance_average(ctx.probabilities[k], below, len(ctx.tree.players), Fraction(0)))
        p = node.player or 0
        return InductionStep(node.id, p, below, tuple(optimal_moves([v[p] for v in below])))

    # a subgame with an information set inside: solved as a small strategic game
    def _imperfect(self, k: int) -> list[_Option]:
        ctx = self.ctx
        nodes = ctx.nodes
        frontier, infosets = collapsed_subgame(nodes, ctx.children, ctx.is_root, k)
        players = sorted({key[1] for key in infosets})
        own = {p: [key for key in infosets if key[1] == p] for p in players}
        moves = {key: nodes[infosets[key][0]].moves for key in infosets}
        strategies = {p: list(itertools.product(*(range(len(moves[key])) for key in own[p]))) for p in players}
        if any(len(s) > MAX_STRATEGIES for s in strategies.values()):
            self.blocks.append(para("The part of the tree from ", Em(nodes[k].id), " has too many strategies to "
                                    "show here; 'negsolve solve' finds its equilibria."))
            self.gave_up = True
            return []
        self.blocks.append(self._imperfect_intro(k, infosets, frontier))
        out: list[_Option] = []
        combos = list(itertools.islice(itertools.product(*(self.options[i] for i in frontier)), MAX_OPTIONS))
        varying = [n for n, i in enumerate(frontier) if len(self.options[i]) > 1]
        for combo in combos:
            leaf = dict(zip(frontier, combo, strict=False))
            merged: dict = {}
            for o in combo:
                merged.update(o.plan)

            def walk(i: int, choice: dict, leaf: dict = leaf) -> tuple:
                return descend_value(i, nodes, ctx.children,
                                     lambda j: [(None, ctx.children[j][choice[ctx.key(nodes[j])]])],
                                     lambda j: None, lambda j: ctx.probabilities[j], len(ctx.tree.players),
                                     Fraction(0), known={j: o.value for j, o in leaf.items()})

            shape = tuple(len(strategies[p]) for p in players)
            cells: dict[tuple, tuple] = {}
            for idx in itertools.product(*(range(s) for s in shape)):
                choice = {key: strategies[p][i][j]
                          for p, i in zip(players, idx, strict=False) for j, key in enumerate(own[p])}
                cells[idx] = walk(k, choice)
            labels = {p: [", ".join(moves[key][m] for key, m in zip(own[p], s, strict=False)) for s in strategies[p]]
                      for p in players}
            if varying:
                self.blocks.append(para("If ", join_parts([_describe(ctx, combo[n], self.options[frontier[n]])
                                                           for n in varying], "and"), ":"))
            equilibria = self._small_game(k, players, own, labels, shape, cells, infosets)
            for mixed, value in equilibria:
                plan = dict(merged)
                plan.update(behaviour_plan(nodes, ctx.children, infosets, own, strategies, mixed))
                out.append(_Option(value, plan))
        return out

    def _imperfect_intro(self, k: int, infosets: dict[tuple, list[int]], frontier: list[int]) -> Block:
        ctx = self.ctx
        nodes = ctx.nodes
        shared = [key for key in infosets if len(infosets[key]) > 1]
        return para(
            "The part of the tree that starts at ", Em(nodes[k].id), " cannot be solved node by node: ",
            join_parts([(Em(ctx.tree.players[key[1]]), " moves at ", em_list([nodes[i].id for i in infosets[key]]),
                         " without knowing which of them it is at (information set ", Em(nodes[infosets[key][0]].infoset
                                                                                          or ""), ")")
                        for key in shared], "; and"),
            ". So this part is treated as a small game in which each player chooses in advance a move at each of "
            "its information sets in it, and its equilibria are found.",
            *([" The parts below it that start at ", em_list([nodes[i].id for i in sorted(frontier)
                                                              if nodes[i].kind != TERMINAL]),
               " are already solved and count with the payoffs found for them."]
              if any(nodes[i].kind != TERMINAL for i in frontier) else []))

    def _small_game(self, k: int, players: list[int], own: dict, labels: dict, shape: tuple, cells: dict,
                    infosets: dict) -> list[tuple[dict, tuple]]:
        from negsolve.model.strategic import PayoffTable
        from negsolve.solvers import solve_table
        from negsolve.solvers.pure import pure_equilibria

        ctx = self.ctx
        names = [ctx.tree.players[p] for p in players]

        def order_words(p: int) -> tuple:
            keys = own[p]
            if len(keys) == 1:
                return ()
            where = [ctx.nodes[infosets[key][0]].infoset if len(infosets[key]) > 1 else ctx.nodes[infosets[key][0]].id
                     for key in keys]
            return flatten(["A strategy of ", Em(ctx.tree.players[p]), " names its move at ",
                            join_parts([(Em(w or ""),) for w in where], ", then at"), " (in that order). "])

        if not players:
            value = cells[()]
            self.blocks.append(para("Nobody chooses in this part; it is worth ", vec(value), "."))
            return [({}, value)]
        if len(players) == 1:
            return self._one_player(players[0], order_words(players[0]), labels, shape, cells)
        table = PayoffTable(shape, tuple(tuple(cells[idx][p] for p in players)
                                         for idx in itertools.product(*(range(s) for s in shape))))
        intro = flatten([order_words(p) for p in players])
        self.blocks.append(para(intro, "The payoffs of this small game (expected totals, chance moves averaged "
                                       "out), best responses marked:"))
        if len(players) == 2:
            from negsolve.explain.strategic import payoff_matrices

            self.blocks.extend(payoff_matrices(names, [labels[p] for p in players], table, marked=True))
            result = solve_table(table)
        else:
            from negsolve.explain.strategic import payoff_matrices
            from negsolve.solvers.results import SolveResult

            self.blocks.extend(payoff_matrices(names, [labels[p] for p in players], table, marked=True))
            result = SolveResult(tuple(pure_equilibria(table)), "pure", None, "pure")
        out = []
        items = []
        for eq in result.equilibria:
            total = [Fraction(0)] * len(ctx.tree.players)
            for idx in itertools.product(*(range(s) for s in shape)):
                weight = Fraction(1)
                for i, dist in zip(idx, eq.profile, strict=False):
                    weight *= dist[i]
                if weight:
                    total = [t + weight * v for t, v in zip(total, cells[idx], strict=False)]
            value = tuple(total)
            mixed = dict(zip(players, eq.profile, strict=False))
            out.append((mixed, value))
            items.append(flatten([join_parts([(Em(names[n]), " plays ", _mix(labels[p], eq.profile[n]))
                                              for n, p in enumerate(players)], ";"),
                                  ": the part is worth ", vec(value)]))
        self._tell_equilibria(result, items, out)
        return out

    def _one_player(self, p: int, order: tuple, labels: dict, shape: tuple, cells: dict) -> list[tuple[dict, tuple]]:
        """A part where only player ``p`` moves: its best plans (the backward-induction rule)."""
        values = [cells[(i,)] for i in range(shape[0])]
        picks = optimal_moves([v[p] for v in values])
        self.blocks.append(para(order, "Only ", Em(self.ctx.tree.players[p]), " moves in this part. Its plans pay it ",
                                join_parts([(num(v[p]), " for (", Em(labels[p][i]), ")")
                                            for i, v in enumerate(values)]),
                                ", so it picks ", join_parts([("(", Em(labels[p][i]), ")") for i in picks], "or"),
                                ": the part is worth ", join_parts([(vec(values[i]),) for i in picks], "or"), "."))
        out = []
        for i in picks:
            out.append(({p: tuple(Fraction(1 if j == i else 0) for j in range(shape[0]))}, values[i]))
        return out

    def _tell_equilibria(self, result: Any, items: list, out: list[tuple[dict, tuple]]) -> None:
        what = ("all of them" if result.scope == "all" else "every pure one")
        self.blocks.append(para(f"Its equilibria ({what}, exact):" if len(items) != 1 else
                                "Its only equilibrium:" if result.scope == "all" else "Its only pure equilibrium:"))
        self.blocks.append(Bullets(tuple(items)))
        if result.degenerate and len(items) > 1:
            self.blocks.append(para("(This small game is degenerate: a player is indifferent between some plans, "
                                    "so mixtures of the equilibria listed are equilibria too; they are worth the "
                                    "same here.)" if len({v for _, v in out}) == 1 else
                                    "(This small game is degenerate: mixtures of the equilibria listed can be "
                                    "equilibria too.)"))
