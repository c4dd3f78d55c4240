r"""The Nash equilibria of a tree that are not subgame perfect, and the threat that is not credible in each.

Each equilibrium of the reduced strategic form (:func:`negsolve.solvers.tree_strategic.nash_of_tree`)
that differs from every subgame-perfect plan is traced to the deepest subgame where its plan is not
an equilibrium of that subgame: a one-shot better reply there is the non-credible threat.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from negsolve.explain.document import (
    Block,
    Bullets,
    Em,
    Step,
)
from negsolve.explain.tree_words import (
    MAX_NASH_NODES,
    MAX_STRATEGIES,
    _behaviour_list,
    _Context,
    _is,
    _move_key,
    _move_words,
    possessive_plain,
)
from negsolve.explain.wording import (
    and_list,
    flatten,
    join_parts,
    num,
    para,
    plural,
    vec,
)
from negsolve.model.tree import DECISION, TERMINAL
from negsolve.model.walk import descend_value, positions


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
    blocks.extend(_strategic_form_blocks(game))
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
        items.append(_equilibrium_item(ctx, k, eq, reference, overrides, failures))
    blocks.append(Bullets(tuple(items)))
    if failures:
        blocks.append(para("Why these threats are not credible:" if ctx.perfect else
                           "Why these threats and plans are not credible:"))
        blocks.append(Bullets(tuple(flatten([c["long"], " (Part of Nash equilibri", "um " if len(c["used"]) == 1
                                             else "a ", and_list([str(u) for u in c["used"]]), ".)"])
                                    for c in failures.values())))
    return Step("Nash equilibria that are not subgame perfect: non-credible threats", tuple(blocks), "threats")


def _strategic_form_blocks(game: Any) -> list[Block]:
    """The reduced strategic form of a small two-player tree, best responses marked (long names coded)."""
    blocks: list[Block] = []
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
    return blocks


def _equilibrium_item(ctx: _Context, k: int, eq: Any, reference: dict, overrides: Mapping[str, Fraction] | None,
                      failures: dict[tuple, dict]) -> tuple:
    """Nash equilibrium ``k``: how it departs from the first subgame-perfect plan and the threats in it
    (collected in ``failures`` for the explanation that follows)."""
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
    return flatten([head, what, tail])


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
    plan = dict(reference)
    plan.update(behaviour)
    failing: list[tuple[str, int, list, tuple, Fraction, Fraction]] = []
    failing_roots: set[int] = set()
    for k in range(len(nodes) - 1, -1, -1):
        if not ctx.is_root[k] or nodes[k].kind == TERMINAL:
            continue
        if any(_inside(ctx, r, k) for r in failing_roots):
            continue  # report the deepest failures only
        inside = _subtree(ctx, k)
        base = _plan_value(ctx, k, plan, {})
        for p in range(len(ctx.tree.players)):
            found = _best_deviation(ctx, k, p, inside, plan, base[p])
            if found is not None:
                keys, best_choice, best = found
                changed = [(key, c) for key, c in zip(keys, best_choice, strict=False)
                           if _move_key(plan.get(nodes[ctx.groups[key][0]].id)) != nodes[ctx.groups[key][0]].moves[c]]
                failing.append((nodes[k].id, p, [key for key, _ in changed], tuple(c for _, c in changed),
                                base[p], best))
                failing_roots.add(k)
                break
    order = positions(ctx.tree)
    return sorted(failing, key=lambda f: order[f[0]])


def _plan_value(ctx: _Context, i: int, plan: dict, override: dict) -> tuple:
    """The expected totals at node ``i`` when ``plan`` is played (a node it does not name: its first
    move), except at the information sets of ``override`` (key -> move index)."""
    nodes = ctx.nodes

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
                         lambda j: ctx.probabilities[j], len(ctx.tree.players), Fraction(0))


def _subtree(ctx: _Context, k: int) -> list[int]:
    """The positions of the subtree at ``k``."""
    inside = []
    stack = [k]
    while stack:
        i = stack.pop()
        inside.append(i)
        stack.extend(ctx.children[i])
    return inside


def _best_deviation(ctx: _Context, k: int, p: int, inside: list[int], plan: dict,
                    now: Fraction) -> tuple[list, tuple, Fraction] | None:
    """Player ``p``'s best pure deviation in the subgame at ``k`` (its information sets there, the move
    index at each, the payoff) when it pays more than ``now``; None when none does (or too many)."""
    nodes = ctx.nodes
    keys = sorted({ctx.key(nodes[i]) for i in inside if nodes[i].kind == DECISION and nodes[i].player == p}, key=str)
    if not keys:
        return None
    sizes = [len(nodes[ctx.groups[key][0]].moves) for key in keys]
    total = 1
    for s in sizes:
        total *= s
    if total > MAX_STRATEGIES:
        return None
    best, best_choice = now, None
    for choice in itertools.product(*(range(s) for s in sizes)):
        value = _plan_value(ctx, k, plan, dict(zip(keys, choice, strict=False)))[p]
        if value > best:
            best, best_choice = value, choice
    return None if best_choice is None else (keys, best_choice, best)


def _inside(ctx: _Context, node: int, root: int) -> bool:
    return root < node < root + ctx.size[root]
