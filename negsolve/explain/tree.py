r"""The explanation of a game tree: backward induction node by node, and the threats that are not credible.

Steps: the game (story, tree); backward induction from the last moves to the first, with the
payoffs carried up to each node (totals along the path, chance nodes as exact expectations;
ties keep every optimal move; a part of the tree with an information set inside is solved as a
small strategic game, Selten's subgame perfection), told from the trace that
:func:`negsolve.solvers.backward.solve_tree` records (``trace=True``; :mod:`.tree_induction`);
the subgame-perfect equilibria (from the same result, which the narrative is checked against); the Nash
equilibria of the reduced strategic form that are not subgame perfect, each with the threat it
includes and why such a threat is not credible (:func:`negsolve.solvers.tree_strategic.nash_of_tree`);
with parameters, when the subgame-perfect path stays so (:mod:`negsolve.analysis.tree_stability`);
a summary.

Modules: :mod:`.tree_words` (context, figure, wording), :mod:`.tree_induction` (the narrator),
:mod:`.tree_threats` (non-credible threats); this module assembles the steps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from negsolve.explain.document import (
    Block,
    Bullets,
    Em,
    Explanation,
    Paragraph,
    Step,
)
from negsolve.explain.tree_induction import _Narrator
from negsolve.explain.tree_threats import _nash_step
from negsolve.explain.tree_words import (  # noqa: F401  (re-exported: their old home)
    MAX_DRAWN,
    MAX_NARRATED,
    MAX_NASH_NODES,
    MAX_OPTIONS,
    MAX_STRATEGIES,
    _behaviour_list,
    _behaviour_words,
    _Context,
    _describe,
    _figure,
    _is,
    _mix,
    _move_key,
    _move_words,
    _Option,
    possessive_plain,
)
from negsolve.explain.wording import (
    condition_math,
    em_list,
    flatten,
    join_parts,
    num,
    para,
    plural,
    vec,
)
from negsolve.model.tree import CHANCE, TERMINAL, GameTree

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
    spe = solve_tree(tree, overrides, trace=True)
    narrator = _Narrator(ctx, spe.trace, spe.subgames)
    narrator.run()
    return _backward_step(ctx, narrator, spe)


def explain_tree(tree: GameTree, overrides: Mapping[str, Fraction] | None = None) -> Explanation:
    """The step-by-step explanation of a game tree at its parameter values (defaults or ``overrides``)."""
    from negsolve.solvers.backward import solve_tree

    ctx = _Context(tree, overrides)
    values = tree.parameter_values(overrides)
    spe = solve_tree(tree, overrides, trace=True)
    narrator = _Narrator(ctx, spe.trace, spe.subgames)
    narrator.run()
    steps = [_game_step(ctx, values), _backward_step(ctx, narrator, spe), _spe_step(ctx, spe)]
    nash = _nash_step(ctx, spe, overrides)
    if nash is not None:
        steps.append(nash)
    params = _parameters_step(ctx, spe, overrides)
    if params is not None:
        steps.append(params)
    from negsolve.explain.beliefs import beliefs_step

    beliefs = beliefs_step(tree, spe, overrides)
    if beliefs is not None:
        steps.append(beliefs)
    steps.append(_summary_step(ctx, spe, nash, 4 if nash is not None else 0))
    return Explanation(tree.title, "tree", tuple(steps),
                       tuple((p.name, values[p.name], p.about) for p in tree.parameters))


__all__ = ["backward_induction_step", "explain_tree"]
