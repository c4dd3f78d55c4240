r"""The explanation of a game tree: backward induction node by node, and the threats that are not credible.

Steps: the game (story, tree); backward induction from the last moves to the first, with the
payoffs carried up to each node (totals along the path, chance nodes as exact expectations;
ties keep every optimal move; a part of the tree with an information set inside is solved as a
small strategic game, Selten's subgame perfection); the subgame-perfect equilibria (from
:func:`negsolve.solvers.backward.solve_tree`, which the narrative is checked against); the Nash
equilibria of the reduced strategic form that are not subgame perfect, each with the threat it
includes and why such a threat is not credible (:func:`negsolve.solvers.tree_strategic.nash_of_tree`);
with parameters, when the subgame-perfect path stays so (:mod:`negsolve.analysis.tree_stability`);
a summary.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from negsolve.explain.document import (
    Block,
    Bullets,
    Em,
    Explanation,
    Math,
    Paragraph,
    Step,
    TreeBox,
    TreeEdge,
    TreeFigure,
)
from negsolve.explain.wording import (
    and_list,
    condition_math,
    em_list,
    flatten,
    join_parts,
    num,
    para,
    plural,
    products,
    vec,
)
from negsolve.formatting import fmt
from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree
from negsolve.model.walk import descend_value, positions

MAX_DRAWN = 400          # nodes drawn in a figure
MAX_NARRATED = 150       # decision and chance nodes explained one by one
MAX_OPTIONS = 24         # ways a subtree can be played that the narrative follows
MAX_NASH_NODES = 80      # trees larger than this skip the Nash-equilibrium step
MAX_STRATEGIES = 4096    # pure strategies per player in an imperfect-information subgame


@dataclass(frozen=True)
class _Option:
    """One way a subtree can be played by backward induction: totals along the path and the plan inside."""

    value: tuple[Fraction, ...]
    plan: dict


class _Context:
    """Positions, payoffs and structure of a tree at fixed parameter values."""

    def __init__(self, tree: GameTree, overrides: Mapping[str, Fraction] | None) -> None:
        from negsolve.model.walk import parents, tree_structure
        from negsolve.solvers.backward import infoset_key, numeric_tree, subgame_roots

        self.tree = tree
        self.overrides = overrides
        outcomes, probabilities = numeric_tree(tree, overrides)
        self.outcomes = [tuple(Fraction(v) for v in o) for o in outcomes]
        self.probabilities = [tuple(Fraction(p) for p in ps) for ps in probabilities]
        self.pos, self.size, self.children = tree_structure(tree)
        self.is_root = subgame_roots(tree)
        self.nodes = tree.nodes
        self.key = infoset_key
        n = len(tree.players)
        self.prefix: list[tuple[Fraction, ...]] = [tuple(Fraction(0) for _ in range(n))] * len(tree.nodes)
        parent = parents(self.children)
        self.parent = parent
        for k in range(len(tree.nodes)):
            above = self.prefix[parent[k]] if parent[k] >= 0 else tuple(Fraction(0) for _ in range(n))
            self.prefix[k] = tuple(a + b for a, b in zip(above, self.outcomes[k], strict=False))
        groups: dict[tuple, list[int]] = {}
        for k, node in enumerate(tree.nodes):
            if node.kind == DECISION:
                groups.setdefault(infoset_key(node), []).append(k)
        self.groups = groups
        self.perfect = all(self.is_root[k] or n_.kind == TERMINAL for k, n_ in enumerate(tree.nodes))

    def shared(self, k: int) -> str | None:
        """The information-set name of node ``k`` when it shares it with other nodes."""
        node = self.nodes[k]
        if node.kind != DECISION:
            return None
        members = self.groups.get(self.key(node), [])
        return node.infoset if len(members) > 1 else None

    def who(self, k: int) -> str:
        node = self.nodes[k]
        return "chance" if node.kind == CHANCE else self.tree.players[node.player or 0]


# -- drawing ---------------------------------------------------------------------------------------

def _figure(ctx: _Context, plan: dict | None, values: dict[int, list[_Option]] | None) -> TreeFigure:
    drawn = [0]

    def box(k: int) -> TreeBox:
        drawn[0] += 1
        node = ctx.nodes[k]
        if node.kind == TERMINAL:
            return TreeBox(node.id, "", payoffs=ctx.prefix[k], number=k)
        edges = []
        chosen = plan.get(node.id) if plan else None
        for m, (move, child) in enumerate(zip(node.moves, ctx.children[k], strict=False)):
            if drawn[0] >= MAX_DRAWN:
                break
            mark = ""
            if isinstance(chosen, str) and chosen == move:
                mark = "*"
            elif isinstance(chosen, dict) and chosen.get(move):
                mark = f"*{fmt(Fraction(chosen[move]))}"
            prob = ctx.probabilities[k][m] if node.kind == CHANCE else None
            edges.append(TreeEdge(move, box(child), prob, mark))
        value = None
        if values is not None and values.get(k):
            distinct = list(dict.fromkeys(o.value for o in values[k]))
            value = Math(" or ".join(vec(v).text for v in distinct),
                         r" \text{ or } ".join(vec(v).tex for v in distinct))
        return TreeBox(node.id, ctx.who(k), tuple(edges), None, value, ctx.shared(k), k)

    root = box(0)
    return TreeFigure(root, tuple(ctx.tree.players), plan is not None, values is not None,
                      max(0, len(ctx.nodes) - drawn[0]))


# -- backward induction with a narrative ------------------------------------------------------------

class _Narrator:
    def __init__(self, ctx: _Context) -> None:
        self.ctx = ctx
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
            if node.kind == CHANCE:
                probs = ctx.probabilities[k]
                value = tuple(sum((p * o.value[i] for p, o in zip(probs, combo, strict=False)), Fraction(0))
                              for i in range(len(ctx.tree.players)))
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
            best = max(gets)
            chosen = [m for m, g in enumerate(gets) if g == best]
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

    # a subgame with an information set inside: solved as a small strategic game
    def _imperfect(self, k: int) -> list[_Option]:
        ctx = self.ctx
        nodes = ctx.nodes
        inner: list[int] = []
        frontier: list[int] = []
        stack = [k]
        while stack:
            i = stack.pop()
            if i != k and (ctx.is_root[i] or nodes[i].kind == TERMINAL):
                frontier.append(i)
                continue
            inner.append(i)
            stack.extend(ctx.children[i])
        infosets: dict[tuple, list[int]] = {}
        for i in sorted(inner):
            if nodes[i].kind == DECISION:
                infosets.setdefault(ctx.key(nodes[i]), []).append(i)
        players = sorted({key[1] for key in infosets})
        own = {p: [key for key in infosets if key[1] == p] for p in players}
        moves = {key: nodes[infosets[key][0]].moves for key in infosets}
        strategies = {p: list(itertools.product(*(range(len(moves[key])) for key in own[p]))) for p in players}
        if any(len(s) > MAX_STRATEGIES for s in strategies.values()):
            self.blocks.append(para("The part of the tree from ", Em(nodes[k].id), " has too many strategies to "
                                    "show here; 'negsolve solve' finds its equilibria."))
            self.gave_up = True
            return []
        shared = [key for key in infosets if len(infosets[key]) > 1]
        self.blocks.append(para(
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
              if any(nodes[i].kind != TERMINAL for i in frontier) else [])))
        frontier.sort()
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
                for p in players:
                    for j, key in enumerate(own[p]):
                        dist: dict[str, Fraction] = {}
                        for s, prob in zip(strategies[p], mixed[p], strict=False):
                            if prob:
                                move = moves[key][s[j]]
                                dist[move] = dist.get(move, Fraction(0)) + prob
                        behaviour: Any = next(iter(dist)) if len(dist) == 1 else {m: dist.get(m, Fraction(0))
                                                                                  for m in moves[key]}
                        for i in infosets[key]:
                            plan[nodes[i].id] = behaviour
                out.append(_Option(value, plan))
        return out

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
            p = players[0]
            values = [cells[(i,)] for i in range(shape[0])]
            best = max(v[p] for v in values)
            picks = [i for i, v in enumerate(values) if v[p] == best]
            self.blocks.append(para(order_words(p), "Only ", Em(names[0]), " moves in this part. Its plans pay it ",
                                    join_parts([(num(v[p]), " for (", Em(labels[p][i]), ")")
                                                for i, v in enumerate(values)]),
                                    ", so it picks ", join_parts([("(", Em(labels[p][i]), ")") for i in picks], "or"),
                                    ": the part is worth ", join_parts([(vec(values[i]),) for i in picks], "or"), "."))
            out = []
            for i in picks:
                out.append(({p: tuple(Fraction(1 if j == i else 0) for j in range(shape[0]))}, values[i]))
            return out
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
        return out


def _is(count: int) -> str:
    return "is" if count == 1 else "are"


def possessive_plain(name: str) -> tuple:
    return (Em(name), "'" if name.endswith("s") else "'s")


def _mix(labels: Sequence[str], mix: Sequence[Fraction]) -> tuple:
    def name(label: str) -> tuple:
        return ("(", Em(label), ")") if ", " in label else (Em(label),)

    support = [(labels[k], p) for k, p in enumerate(mix) if p]
    if len(support) == 1:
        return name(support[0][0])
    return join_parts([name(n) + (" with probability ", num(p)) for n, p in support])


def _describe(ctx: _Context, option: _Option, siblings: list[_Option]) -> tuple:
    """What distinguishes ``option`` among ``siblings``: the moves at nodes where they differ."""
    index = ctx.pos
    nodes = sorted({n for o in siblings for n in o.plan}, key=lambda n: index[n])
    differ = [n for n in nodes if len({_move_key(o.plan.get(n)) for o in siblings}) > 1
              and option.plan.get(n) is not None]
    return _behaviour_list(ctx, differ, option.plan) if differ else ("this way",)


def _move_key(move: Any) -> Any:
    return tuple(sorted(move.items())) if isinstance(move, dict) else move


def _behaviour_words(ctx: _Context, node_id: str, move: Any) -> tuple:
    return _behaviour_list(ctx, [node_id], {node_id: move})


def _move_words(move: Any) -> tuple:
    """``Reject 1``, or ``Accept 0 or Reject 0 with probabilities 3/4 and 1/4``."""
    if isinstance(move, str):
        return (Em(move),)
    support = [(m, Fraction(p)) for m, p in move.items() if p]
    if len(support) == 1:
        return (Em(support[0][0]),)
    return flatten([em_list([m for m, _ in support], "or"), " with probabilities ",
                    join_parts([(num(p),) for _, p in support])])


def _behaviour_list(ctx: _Context, node_ids: Sequence[str], behaviour: dict) -> tuple:
    """``Proposer plays Offer 1 at proposal; Responder plays Reject 0 at offer-0 and Reject 2 at offer-2``:
    grouped by player, an information set named once."""
    index = ctx.pos
    by_player: dict[str, list[tuple]] = {}
    seen: set[str] = set()
    for node_id in node_ids:
        k = index[node_id]
        infoset = ctx.shared(k)
        if infoset is not None:
            if infoset in seen:
                continue
            seen.add(infoset)
            where: tuple = (" at information set ", Em(infoset))
        else:
            where = (" at ", Em(node_id))
        by_player.setdefault(ctx.who(k), []).append(flatten([_move_words(behaviour[node_id]), where]))
    return join_parts([flatten([Em(who), " plays ", join_parts(entries, "and")]) for who, entries in by_player.items()],
                      ";")


# -- steps -----------------------------------------------------------------------------------------

def _game_step(ctx: _Context, values: dict[str, Fraction]) -> Step:
    from negsolve.explain.strategic import story_paragraphs

    tree = ctx.tree
    blocks: list[Block] = list(story_paragraphs(tree.summary)) if tree.summary else []
    hidden = any(len(members) > 1 for members in ctx.groups.values())
    blocks.append(para(f"There are {len(tree.players)} players: ", em_list(list(tree.players)),
                       ". They move in turn, and each sees the moves made before",
                       " (except where an information set says otherwise)" if hidden else "",
                       ". The game starts at the top, at ", Em(tree.nodes[0].id), ", where ", Em(ctx.who(0)),
                       " moves."))
    if tree.parameters:
        blocks.append(para("The payoffs depend on parameters. This explanation uses ",
                           join_parts([(Em(p.name), " = ", num(values[p.name])) +
                                       ((f" ({p.about})",) if p.about else ()) for p in tree.parameters]), "."))
    notes = ["Each line is a node: who moves there, in brackets its name. Each branch is a move."]
    if any(n.kind == CHANCE for n in tree.nodes):
        notes.append(" At chance nodes the move is random, with the probability shown.")
    notes.append(" The numbers at the ends are the payoffs, in the order " + ", ".join(tree.players) + ".")
    if any(n.outcome is not None and n.kind != TERMINAL for n in tree.nodes):
        notes.append(" Some nodes add payoffs on the way; the ends show the totals along the path.")
    blocks.append(para("".join(notes)))
    shared = {}
    for key, members in ctx.groups.items():
        if len(members) > 1:
            shared[key] = members
    if shared:
        blocks.append(para("An information set groups nodes the mover cannot tell apart, so it must make the same "
                           "move at all of them: ",
                           join_parts([(Em(tree.players[key[1]]), " cannot tell ",
                                        em_list([ctx.nodes[i].id for i in members]), " apart (information set ",
                                        Em(ctx.nodes[members[0]].infoset or ""), ")")
                                       for key, members in shared.items()], "; and"), "."))
    blocks.append(_figure(ctx, None, None))
    return Step("The game", tuple(blocks), "game")


def _backward_step(ctx: _Context, narrator: _Narrator, spe: Any) -> Step:
    chance = any(n.kind == CHANCE for n in ctx.nodes)
    blocks: list[Block] = [para(
        "Backward induction starts at the end of the tree. At each last decision, the mover picks the move that pays "
        "it most; that node is then worth the payoffs of the chosen move, which are carried up to it. Repeat, moving "
        "towards the start: each earlier mover knows what will happen after each of its moves.",
        " Chance nodes are worth the average, weighted by the probabilities." if chance else "")]
    blocks.extend(narrator.blocks)
    root_values = list(dict.fromkeys(o.value for o in narrator.options.get(0, [])))
    solver_values = list(dict.fromkeys(e.payoffs for e in spe.equilibria))
    first = spe.equilibria[0].plan if spe.equilibria else None
    if root_values:
        blocks.append(para("At the start the game is worth ", join_parts([(vec(v),) for v in root_values], "or"),
                           ". The tree with the payoffs carried up to each node and the moves of ",
                           "the subgame-perfect equilibrium" if spe.count == 1 else "subgame-perfect equilibrium 1",
                           " marked:"))
    if not narrator.gave_up and spe.equilibria and not spe.truncated and set(root_values) != set(solver_values):
        blocks.append(para("Note: these values differ from the solver's (", join_parts(
            [(vec(v),) for v in solver_values], "or"), "); please report this game."))
    blocks.append(_figure(ctx, first, narrator.options))
    return Step("Backward induction, node by node", tuple(blocks), "backward-induction")


def _plan_items(ctx: _Context, plan: dict) -> list[tuple]:
    order = ctx.pos
    seen = set()
    items = []
    for node_id in sorted(plan, key=lambda n: order[n]):
        k = order[node_id]
        infoset = ctx.shared(k)
        if infoset is not None:
            if infoset in seen:
                continue
            seen.add(infoset)
            members = [ctx.nodes[i].id for i in ctx.groups[ctx.key(ctx.nodes[k])]]
            where: tuple = (" at ", em_list(members), " (information set ", Em(infoset), ")")
        else:
            where = (" at ", Em(node_id))
        move = plan[node_id]
        if isinstance(move, str):
            items.append(flatten([Em(ctx.who(k)), " plays ", Em(move), where]))
        else:
            items.append(flatten([Em(ctx.who(k)), " plays ",
                                  join_parts([(Em(m), " with probability ", num(Fraction(p))) for m, p in move.items()
                                              if p]), where]))
    return items


def _path_words(path: Sequence[str]) -> tuple:
    if not path:
        return ("(it starts with a chance move)",)
    out: list = []
    for k, move in enumerate(path):
        if k:
            out.append(" → ")
        out.append(Em(move))
    return tuple(out)


def _spe_step(ctx: _Context, spe: Any) -> Step:
    tree = ctx.tree
    n = spe.count
    from negsolve.explain.sequential import definition_note, sequential_blocks

    blocks: list[Block] = [para(
        "A subgame-perfect equilibrium is a complete plan (a move for every player at every node where it moves, "
        "even nodes that are never reached) that is a Nash equilibrium of every subgame: every part of the tree "
        "that starts at a node and cuts no information set. Backward induction produces these.")]
    if not ctx.perfect:
        blocks.append(definition_note(tree))
    kind = "in pure moves" if ctx.perfect else "(combining the equilibria of the small games above)"
    blocks.append(para(f"This game has {plural(n, 'subgame-perfect equilibrium', 'subgame-perfect equilibria')} {kind}"
                       + (f"; the first {len(spe.equilibria)} are listed." if spe.truncated else ".")))
    if ctx.perfect and n > 1:
        blocks.append(para("Where a mover is indifferent, any mixture of its tied moves is subgame perfect too."))
    for k, eq in enumerate(spe.equilibria, start=1):
        blocks.append(para(f"Subgame-perfect equilibrium {k}: path: ", _path_words(eq.path), "; payoffs: ",
                           join_parts([(Em(p), " gets ", num(v))
                                       for p, v in zip(tree.players, eq.payoffs, strict=False)], ","),
                           ". The full plan:"))
        blocks.append(Bullets(tuple(_plan_items(ctx, eq.plan))))
        if not ctx.perfect:
            blocks.extend(sequential_blocks(tree, eq.plan, ctx.overrides))
    return Step("The subgame-perfect equilibria" if n != 1 else "The subgame-perfect equilibrium",
                tuple(blocks), "subgame-perfect")


def _differences(ctx: _Context, behaviour: dict, plan: dict) -> list[str]:
    order = ctx.pos
    return [n for n in sorted(behaviour, key=lambda n: order[n]) if _move_key(behaviour[n]) != _move_key(plan.get(n))]


def _nash_step(ctx: _Context, spe: Any, overrides: Mapping[str, Fraction] | None) -> Step | None:
    from negsolve.solvers.tree_strategic import nash_of_tree

    tree = ctx.tree
    if len(tree.nodes) > MAX_NASH_NODES or not spe.equilibria:
        return None
    result: Any
    try:
        form, result, marked = nash_of_tree(tree, spe, overrides)
    except (MemoryError, ValueError):  # pragma: no cover - very large reduced forms
        return None
    blocks: list[Block] = [para(
        "Now look at the game as if every player wrote down a complete plan in advance and the plans were played "
        "out (the strategic form of the tree). Its Nash equilibria include the subgame-perfect ones, but can "
        "include more: plans that rest on a threat (or a promise) to play a move the player would not actually "
        "choose if that node were reached. As long as the node is never reached, the threat costs nothing, and it "
        "can still deter. Backward induction rules such threats out: they are not credible.")]
    game = form.game
    if len(game.players) == 2 and game.shape[0] * game.shape[1] <= 16:
        from negsolve.explain.strategic import payoff_matrices
        from negsolve.model import payoff_table

        labels = [list(p.strategies) for p in game.players]
        legend: list[tuple] = []
        if any(len(x) > 18 for ls in labels for x in ls):
            initials = [p.name[:1].upper() for p in game.players]
            if len(set(initials)) < len(initials):
                initials = [f"P{i + 1}." for i in range(len(initials))]
            for i, p in enumerate(game.players):
                codes = [f"{initials[i]}{k + 1}" for k in range(len(p.strategies))]
                legend.append(flatten([Em(p.name), ": ", join_parts(
                    [(Em(c), " = ", p.strategies[k].replace("@", " at ")) for k, c in enumerate(codes)], ";")]))
                labels[i] = codes
        blocks.append(para("The strategic form, best responses marked. A strategy names a move at each node where "
                           "the player moves and has not ruled it out by an earlier move of its own",
                           ("; short names stand for the strategies:" if legend else ":")))
        if legend:
            blocks.append(Bullets(tuple(legend)))
        blocks.extend(payoff_matrices([p.name for p in game.players], labels, payoff_table(game), marked=True))
    scope = " (pure ones only: three or more players)" if result.scope == "pure" else ""
    bad = [e for e in marked if e.subgame_perfect is False]
    blocks.append(para(f"It has {plural(len(marked), 'Nash equilibrium', 'Nash equilibria')}{scope} with distinct "
                       "behaviour; ", (((f"{len(marked) - len(bad)} of them {_is(len(marked) - len(bad))}"
                                         if len(marked) > len(bad) else "none of them is") + " subgame perfect")
                                       if bad else "all of them are subgame perfect"), "."))
    if result.degenerate:
        if len(game.players) == 2 and not any(e.subgame_perfect for e in marked):
            blocks.append(para("(The strategic form is degenerate: mixtures of these equilibria can be equilibria "
                               "too. None of the extreme equilibria listed is subgame perfect; the subgame-perfect "
                               "equilibrium is one of those mixtures.)"))
        else:
            blocks.append(para("(The strategic form is degenerate: mixtures of these equilibria can be equilibria "
                               "too.)"))
    reference = spe.equilibria[0].plan
    failures: dict[tuple, dict] = {}
    items = []
    for k, eq in enumerate(marked, start=1):
        status = {True: "subgame perfect", False: "not subgame perfect", None: "subgame perfection not decided"}[
            eq.subgame_perfect]
        head = flatten([f"Nash equilibrium {k} (payoffs ", vec(eq.payoffs), f"), {status}"])
        differ = _differences(ctx, eq.behaviour, reference)
        if not differ:
            what: tuple = (": its moves agree with subgame-perfect equilibrium 1.",)
        else:
            what = flatten([": where it departs from subgame-perfect equilibrium 1, ",
                            _behaviour_list(ctx, differ, eq.behaviour), "."])
        reasons: list[tuple] = []
        threats: dict[str, list[tuple]] = {}
        if eq.subgame_perfect is False:
            causes = _causes(ctx, eq, overrides, reference)
            for key, cause in causes:
                failures.setdefault(key, dict(cause, used=[]))["used"].append(k)
                if "core" in cause:
                    threats.setdefault(cause["who"], []).append(cause["core"])
                else:
                    reasons.append(cause["short"])
        for who, cores in threats.items():
            reasons.insert(0, flatten([possessive_plain(who), " threat" if len(cores) == 1 else " threats",
                                       " to play ", join_parts(cores, "and")]))
        tail: tuple = ()
        if reasons:
            tail = flatten([" Its plan includes ", join_parts(reasons, "and"), "."])
        items.append(flatten([head, what, tail]))
    blocks.append(Bullets(tuple(items)))
    if failures:
        blocks.append(para("Why these threats are not credible:" if ctx.perfect else
                           "Why these threats and plans are not credible:"))
        blocks.append(Bullets(tuple(flatten([c["long"], " (Part of Nash equilibri", "um " if len(c["used"]) == 1
                                             else "a ", and_list([str(u) for u in c["used"]]), ".)"])
                                    for c in failures.values())))
    return Step("Nash equilibria that are not subgame perfect: non-credible threats", tuple(blocks), "threats")


def _causes(ctx: _Context, eq: Any, overrides: Mapping[str, Fraction] | None,
            reference: dict) -> list[tuple[tuple, dict]]:
    """Why a Nash equilibrium is not subgame perfect: its non-credible moves (perfect information) or the
    deepest subgames where its plan is not an equilibrium (information sets)."""
    out: list[tuple[tuple, dict]] = []
    index = ctx.pos
    for bad in eq.non_credible:
        k = index[bad.node]
        p = ctx.tree.players.index(bad.player)
        move_total = ctx.prefix[k][p] + bad.move_value
        better_total = ctx.prefix[k][p] + bad.better_value
        short = flatten([possessive_plain(bad.player), " threat to play ", Em(bad.move), " at ", Em(bad.node)])
        long = flatten([possessive_plain(bad.player), " threat to play ", Em(bad.move), " at ", Em(bad.node),
                        ": if ", Em(bad.node), " were reached, ", Em(bad.move), " would pay ", Em(bad.player), " ",
                        num(move_total), ", while ", Em(bad.better), " pays ", num(better_total), ". Once there, ",
                        Em(bad.player), " would not carry the threat out, so it is not credible; it costs nothing "
                        "only because the equilibrium never reaches ", Em(bad.node), "."])
        out.append(((bad.node, bad.move), {"short": short, "long": long, "who": bad.player,
                                            "core": flatten([Em(bad.move), " at ", Em(bad.node)])}))
    if out or ctx.perfect:
        return out
    for root, player, keys, choice, now, better in _subgame_failures(ctx, eq.behaviour, reference):
        name = ctx.tree.players[player]
        k = index[root]
        node = ctx.nodes[k]
        # the deviating player's own moves there are the equilibrium's (not filled in from backward induction)
        own = all(any(ctx.nodes[i].id in eq.behaviour for i in ctx.groups[key]) for key in keys)
        planned = eq.behaviour.get(root)
        dev = join_parts([(Em(ctx.nodes[ctx.groups[key][0]].moves[c]), " at ",
                           (Em(ctx.nodes[ctx.groups[key][0]].infoset or ""),) if len(ctx.groups[key]) > 1 else
                           (Em(ctx.nodes[ctx.groups[key][0]].id),))
                          for key, c in zip(keys, choice, strict=False)], "and")
        if own and planned is not None and len(keys) == 1 and ctx.key(node) == keys[0] and ctx.shared(k) is None:
            better_move = node.moves[choice[0]]
            short = flatten([possessive_plain(name), " threat to play ", _move_words(planned), " at ", Em(root)])
            long = flatten([possessive_plain(name), " threat to play ", _move_words(planned), " at ", Em(root),
                            ": if ", Em(root), " were reached, it would pay ", Em(name), " ", num(now), ", while ",
                            Em(better_move), " pays ", num(better), ". Once there, ", Em(name),
                            " would not carry the threat out, so it is not credible."])
        elif own:
            short = flatten([possessive_plain(name), " plan for the part of the tree from ", Em(root)])
            long = flatten([possessive_plain(name), " plan for the part of the tree that starts at ", Em(root),
                            ": it is not a best reply there. ", Em(name), " would do better by switching to ", dev,
                            " (", num(better), " instead of ", num(now), " on average), so if that part were reached, ",
                            Em(name), " would not stick to the plan: it is not credible."])
        else:
            inside = [n.id for i, n in enumerate(ctx.nodes) if (i == k or _inside(ctx, i, k)) and n.id in eq.behaviour]
            prescribed = (flatten([" (", _behaviour_list(ctx, inside, eq.behaviour), ")"]) if inside else ())
            short = flatten(["a plan for the part of the tree from ", Em(root), " that would not be followed"])
            long = flatten(["The plan for the part of the tree that starts at ", Em(root), prescribed,
                            " is not an equilibrium of that part: against it ", Em(name),
                            " would do better with ", dev, " (", num(better), " instead of ", num(now),
                            " on average), so if that part were reached, the plan would not be followed: it is not "
                            "credible."])
        out.append(((root, player, tuple(keys), tuple(choice)), {"short": short, "long": long, "who": name}))
    return out


def _subgame_failures(ctx: _Context, behaviour: dict,
                      reference: dict) -> list[tuple[str, int, list, tuple, Fraction, Fraction]]:
    """The deepest subgame roots where ``behaviour`` (filled in by the first subgame-perfect plan where it
    is silent) is not a Nash equilibrium of the subgame: (root, player, deviation words, payoff now, best)."""
    nodes = ctx.nodes
    n = len(ctx.tree.players)

    def walk(i: int, plan: dict, override: dict) -> tuple:
        def choose(j: int) -> list[tuple]:
            node = nodes[j]
            key = ctx.key(node)
            if key in override:
                return [(None, ctx.children[j][override[key]])]
            move = plan.get(node.id)
            if move is None:
                move = node.moves[0]
            dist = {move: Fraction(1)} if isinstance(move, str) else {m: Fraction(p) for m, p in move.items() if p}
            return [(p, ctx.children[j][node.moves.index(m)]) for m, p in dist.items()]

        return descend_value(i, nodes, ctx.children, choose,
                             lambda j: ctx.prefix[j] if nodes[j].kind == TERMINAL else None,
                             lambda j: ctx.probabilities[j], n, Fraction(0))

    plan = dict(reference)
    plan.update(behaviour)
    failing: list[tuple[str, int, list, tuple, Fraction, Fraction]] = []
    failing_roots: set[int] = set()
    for k in range(len(nodes) - 1, -1, -1):
        if not ctx.is_root[k] or nodes[k].kind == TERMINAL:
            continue
        if any(_inside(ctx, r, k) for r in failing_roots):
            continue  # report the deepest failures only
        inside = []
        stack = [k]
        while stack:
            i = stack.pop()
            inside.append(i)
            stack.extend(ctx.children[i])
        base = walk(k, plan, {})
        for p in range(n):
            keys = sorted({ctx.key(nodes[i]) for i in inside if nodes[i].kind == DECISION and nodes[i].player == p},
                          key=str)
            if not keys:
                continue
            sizes = [len(nodes[ctx.groups[key][0]].moves) for key in keys]
            total = 1
            for s in sizes:
                total *= s
            if total > MAX_STRATEGIES:
                continue
            best, best_choice = base[p], None
            for choice in itertools.product(*(range(s) for s in sizes)):
                value = walk(k, plan, dict(zip(keys, choice, strict=False)))[p]
                if value > best:
                    best, best_choice = value, choice
            if best_choice is not None:
                changed = [(key, c) for key, c in zip(keys, best_choice, strict=False)
                           if _move_key(plan.get(nodes[ctx.groups[key][0]].id)) != nodes[ctx.groups[key][0]].moves[c]]
                failing.append((nodes[k].id, p, [key for key, _ in changed], tuple(c for _, c in changed),
                                base[p], best))
                failing_roots.add(k)
                break
    order = positions(ctx.tree)
    return sorted(failing, key=lambda f: order[f[0]])


def _inside(ctx: _Context, node: int, root: int) -> bool:
    return root < node < root + ctx.size[root]


def _parameters_step(ctx: _Context, spe: Any, overrides: Mapping[str, Fraction] | None) -> Step | None:
    from negsolve.analysis.tree_stability import tree_stability
    from negsolve.errors import NegsolveError

    tree = ctx.tree
    if not tree.parameters or not spe.equilibria:
        return None
    path = spe.equilibria[0].path
    if any("," in move for move in path):
        return None
    try:
        report = tree_stability(tree, ",".join(path), overrides)
    except (NegsolveError, ArithmeticError, ValueError, TypeError):
        return None
    values = tree.parameter_values(overrides)
    blocks: list[Block] = [para(
        "The payoffs depend on parameters (here ",
        join_parts([(Em(p.name), " = ", num(values[p.name])) for p in tree.parameters]),
        "). The stability analysis finds exactly for which values the subgame-perfect plan that follows the path ",
        _path_words(path), " stays subgame perfect: every mover must still prefer its planned move.")]
    status = {"holds": "holds now", "boundary": "holds now, with a tie", "fails": "fails now"}
    if ctx.perfect:
        items = []
        for c in report.conditions:
            words = c.keeps.words()
            if words == "always":
                continue
            where = "on the path" if c.on_path else "off the path"
            items.append(flatten(["At ", Em(c.node), f" ({where}), ", Em(c.player), " plays ", Em(c.move),
                                  " rather than ", Em(c.alternative), " when ", condition_math(words),
                                  f" ({status[c.status]})."]))
        always = sum(1 for c in report.conditions if c.keeps.words() == "always")
        if items:
            blocks.append(Bullets(tuple(items)))
        if always:
            blocks.append(para(f"The other {plural(always, 'comparison')} hold whatever the parameters."
                               if always > 1 else "The other comparison holds whatever the parameters."))
    region = [c.words() for c in report.region.conditions if c.words() != "always"]
    if not report.region.feasible:
        blocks.append(para("No parameter values make this plan subgame perfect."))
    elif region and len(region) <= 4:
        blocks.append(para("Together: the plan is subgame perfect exactly when ",
                           join_parts([(condition_math(w),) for w in region]), "."))
    elif not region:
        blocks.append(para("It stays subgame perfect whatever the parameters."))
    from negsolve.explain.tree_paths import path_blocks

    blocks.extend(path_blocks(tree, path, overrides))
    return Step("What the parameters change", tuple(blocks), "parameters")


def _summary_step(ctx: _Context, spe: Any, nash: Step | None, nash_number: int = 0) -> Step:
    tree = ctx.tree
    items = []
    for k, eq in enumerate(spe.equilibria, start=1):
        items.append(flatten([f"Subgame-perfect equilibrium {k}: path: ", _path_words(eq.path), "; payoffs: ",
                              join_parts([(Em(p), " gets ", num(v))
                                          for p, v in zip(tree.players, eq.payoffs, strict=False)], ","),
                              "."]))
    blocks: list[Block] = [para(f"Backward induction gives "
                                f"{plural(spe.count, 'subgame-perfect equilibrium', 'subgame-perfect equilibria')}"
                                + (":" if items else "."))]
    if items:
        blocks.append(Bullets(tuple(items)))
    if nash is not None:
        blocks.append(para("The other Nash equilibria of the strategic form include threats that would not be "
                           f"carried out: they are not credible (step {nash_number})."
                           if any("not subgame perfect" in _flat_text(b) for b in nash.blocks) else
                           "Every Nash equilibrium of the strategic form is subgame perfect here: no threat needs "
                           "to be ruled out."))
    return Step("In short", tuple(blocks), "summary")


def _flat_text(block: Block) -> str:
    from negsolve.explain.text import inline_text

    if isinstance(block, Paragraph):
        return inline_text(block.parts)
    if isinstance(block, Bullets):
        return " ".join(inline_text(i) for i in block.items)
    return ""


def backward_induction_step(tree: GameTree, overrides: Mapping[str, Fraction] | None = None) -> Step:
    """The backward-induction step alone (used for hints)."""
    from negsolve.solvers.backward import solve_tree

    ctx = _Context(tree, overrides)
    narrator = _Narrator(ctx)
    narrator.run()
    return _backward_step(ctx, narrator, solve_tree(tree, overrides))


def explain_tree(tree: GameTree, overrides: Mapping[str, Fraction] | None = None) -> Explanation:
    """The step-by-step explanation of a game tree at its parameter values (defaults or ``overrides``)."""
    from negsolve.solvers.backward import solve_tree

    ctx = _Context(tree, overrides)
    values = tree.parameter_values(overrides)
    spe = solve_tree(tree, overrides)
    narrator = _Narrator(ctx)
    narrator.run()
    steps = [_game_step(ctx, values), _backward_step(ctx, narrator, spe), _spe_step(ctx, spe)]
    nash = _nash_step(ctx, spe, overrides)
    if nash is not None:
        steps.append(nash)
    params = _parameters_step(ctx, spe, overrides)
    if params is not None:
        steps.append(params)
    steps.append(_summary_step(ctx, spe, nash, 4 if nash is not None else 0))
    return Explanation(tree.title, "tree", tuple(steps),
                       tuple((p.name, values[p.name], p.about) for p in tree.parameters))


__all__ = ["backward_induction_step", "explain_tree"]
