"""Teaching commands: explain, concepts, quiz.  Thin: options -> negsolve.explain -> text.

Loaded lazily by the main group (:data:`negsolve.cli.app.COMMANDS`).
Heavy libraries are imported only inside the commands.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import click

from negsolve.cli.files import FORCE, check_output, output_option
from negsolve.cli.options import GAME, SET, parse_settings
from negsolve.cli.options import check_tree as _check_tree
from negsolve.cli.options import is_tree as _is_tree
from negsolve.cli.options import load as _load
from negsolve.cli.options import write as _write
from negsolve.errors import InputError, Problem


@click.command()
@GAME
@SET
@click.option("--format", "fmt_", type=click.Choice(["text", "markdown", "latex"]), default="text",
              show_default=True, help="text for the terminal, markdown for notes, latex for a teacher's document.")
@click.option("--standalone", is_flag=True, help="LaTeX only: a complete document that compiles with pdflatex.")
@output_option()
@FORCE
def explain(game: str, settings: tuple[str, ...], fmt_: str, standalone: bool, output: str | None,
            force: bool) -> None:
    """Explain a game's solution step by step, for a first-year student.

    Strategic games: best responses cell by cell, dominance and iterated elimination, pure
    equilibria, each mixed equilibrium derived from the indifference conditions, security
    levels, Pareto efficiency, why an equilibrium is inefficient, and (with parameters) when
    outcomes are stable.  Trees: backward induction node by node, the subgame-perfect
    equilibria, and the non-credible threat behind every other Nash equilibrium.

    \b
    Examples:
      negsolve explain prisoners-dilemma
      negsolve explain entry-deterrence --format markdown -o entry.md
      negsolve explain battle-of-the-sexes --format latex --standalone -o bos.tex && pdflatex bos.tex
    """
    from negsolve.explain import explain as build
    from negsolve.explain import render

    if standalone and fmt_ != "latex":
        raise click.UsageError("--standalone goes with --format latex")
    check_output(output, force, (game,))
    g = _load(game)
    overrides = parse_settings(settings, g)
    if _is_tree(g):
        _check_tree(g, overrides)
    _write(render(build(g, overrides), fmt_, standalone), output, force, (game,))


@click.command()
@click.argument("name", required=False, metavar="[NAME]")
def concepts(name: str | None) -> None:
    """A short glossary of game theory; each entry names a bundled game whose explanation is the worked example.

    \b
    Examples:
      negsolve concepts
      negsolve concepts "credible threat"
    """
    from negsolve.explain.concepts import CONCEPTS, find, suggest

    if name is None:
        width = max(len(c.name) for c in CONCEPTS)
        click.echo("Concepts ('negsolve concepts NAME' for one of them):")
        for c in CONCEPTS:
            click.echo(f"  {c.name.ljust(width)}  {c.title}  (example: {c.game})")
        return
    concept = find(name)
    if concept is None:
        close = suggest(name)
        raise InputError([Problem(f"no concept called {name!r}",
                                  hint=(f"did you mean {close!r}? " if close else "")
                                  + "'negsolve concepts' lists them")])
    if concept.command:
        click.echo(concept.title)
        click.echo("=" * len(concept.title))
        click.echo(_wrap(concept.text))
        click.echo("")
        click.echo(f"Worked example: {concept.command}")
        if concept.see:
            click.echo("See also: " + ", ".join(concept.see))
        return
    from negsolve.explain import explain as build
    from negsolve.io import load_game

    example = build(load_game(concept.game))
    number = next((k for k, s in enumerate(example.steps, start=1) if s.key == concept.step), None)
    click.echo(concept.title)
    click.echo("=" * len(concept.title))
    click.echo(_wrap(concept.text))
    click.echo("")
    where = f", step {number} ({example.steps[number - 1].title})" if number else ""
    click.echo(f"Worked example: negsolve explain {concept.game}{where}")
    if concept.see:
        click.echo("See also: " + ", ".join(concept.see))


def _wrap(text: str) -> str:
    import textwrap

    return textwrap.fill(text, 92)


# -- quiz ------------------------------------------------------------------------------------------

ATTEMPTS = 2


def _ask(prompt: str, parse: Callable[[str], Any]) -> Any:
    """Ask until the answer can be read (a wrong answer is not re-asked here; unreadable input is)."""
    from negsolve.explain.quiz import AnswerError

    while True:
        text = click.prompt(prompt, type=str, prompt_suffix=" ")
        try:
            return parse(text)
        except AnswerError as exc:
            click.echo(f"  ({exc}; try again)")


class _Score:
    def __init__(self) -> None:
        self.right = 0
        self.asked = 0

    def mark(self, ok: bool) -> None:
        self.asked += 1
        self.right += ok


@click.command()
@GAME
@SET
@click.option("--answers", is_flag=True, help="Print the solution instead of asking.")
def quiz(game: str, settings: tuple[str, ...], answers: bool) -> None:
    """Test yourself: name the game's equilibria; answers are checked exactly, with hints.

    Strategic games: the number of pure equilibria and each of them (strategy names, one per
    player, separated by commas), then, for two players, the mixed equilibria (exact
    probabilities such as 1/3, 2/3).  Trees: the subgame-perfect equilibria (their paths).
    Each question allows two attempts; a wrong first answer gets a hint.

    \b
    Examples:
      negsolve quiz prisoners-dilemma
      negsolve quiz battle-of-the-sexes --answers
    """
    g = _load(game)
    overrides = parse_settings(settings, g)
    from negsolve.model.bayesian import is_bayesian

    if is_bayesian(g):
        raise InputError([Problem("the quiz covers strategic games and trees; for a game with types try "
                                  f"'negsolve explain {game}'")])
    if _is_tree(g):
        _check_tree(g, overrides)
        _tree_quiz(g, overrides, answers)
        return
    _strategic_quiz(g, overrides, answers, game)


def _strategic_quiz(g: Any, overrides: dict[str, Fraction], answers: bool, spec: str) -> None:
    from negsolve.explain.quiz import solution_lines, why_not_pure
    from negsolve.render.table import payoff_table_text
    from negsolve.solvers.summary import analyse

    a = analyse(g, overrides)
    table, result = a.table, a.result
    if answers:
        click.echo(g.title)
        click.echo("\n".join(solution_lines(g, result.equilibria, result.scope, result)))
        if result.algebraic:
            click.echo(f"  and {len(result.algebraic)} more with irrational probabilities ('negsolve solve' shows "
                       "them exactly)")
        return
    click.echo(g.title)
    click.echo("=" * len(g.title))
    click.echo(payoff_table_text(g, table))
    click.echo("")
    score = _Score()
    pure = [tuple(s.index(Fraction(1)) for s in e.profile) for e in result.equilibria if e.pure]
    _ask_count("How many pure Nash equilibria does the game have?", len(pure), score,
               hint=_pure_count_hint(g, table, pure, why_not_pure))
    _ask_pure(g, table, pure, score)
    if result.scope == "all" and len(g.players) == 2:
        mixed = [e for e in result.equilibria if not e.pure]
        if result.degenerate:
            click.echo("This game is degenerate (its equilibria form continua); the quiz stops at the pure ones. "
                       f"'negsolve explain {spec}' describes the rest.")
        else:
            _ask_count("How many equilibria are there in which someone mixes (randomises)?", len(mixed), score,
                       hint="a player mixes only between strategies that pay it the same against the other's mix; "
                            "in a 2x2 game with two pure equilibria there is usually a third, mixed one.")
            _ask_mixed(g, table, mixed, score)
    else:
        click.echo("(With three or more players only pure equilibria are asked.)")
    click.echo(f"Score: {score.right} of {score.asked}.")


def _ask_pure(g: Any, table: Any, pure: list[tuple[int, ...]], score: _Score) -> None:
    """Ask for each pure equilibrium in turn (two attempts each; the answer after the second)."""
    from negsolve.explain.quiz import check_pure, parse_profile

    found: list[tuple[int, ...]] = []
    order = ", ".join(p.name for p in g.players)
    for k in range(1, len(pure) + 1):
        for attempt in range(ATTEMPTS):
            profile = _ask(f"Pure equilibrium {k} of {len(pure)}: one strategy per player ({order}), "
                           "separated by commas:", lambda t: parse_profile(g, t))
            check = check_pure(g, table, profile, found, pure)
            click.echo(f"  {check.message}")
            if check.correct:
                found.append(profile)
                score.mark(True)
                break
            if attempt == ATTEMPTS - 1:
                missing = next(p for p in pure if p not in found)
                found.append(missing)
                score.mark(False)
                click.echo("  One answer: ("
                           + ", ".join(pl.strategies[s] for pl, s in zip(g.players, missing, strict=False)) + ")")


def _ask_mixed(g: Any, table: Any, mixed: list[Any], score: _Score) -> None:
    """Ask for each mixed equilibrium in turn: every player's exact probabilities."""
    from negsolve.explain.quiz import check_mixed, parse_probabilities
    from negsolve.render.numbers import fmt

    got: list[Any] = []
    for k in range(1, len(mixed) + 1):
        for attempt in range(ATTEMPTS):
            mixes = tuple(_ask(f"Mixed equilibrium {k} of {len(mixed)}: {p.name}'s probabilities for "
                               f"{', '.join(p.strategies)} (exact, e.g. 1/3, 2/3):",
                               _probabilities_of(len(p.strategies), parse_probabilities))
                          for p in g.players)
            check = check_mixed(g, table, mixes, got, mixed)
            click.echo(f"  {check.message}")
            if check.correct:
                got.append(next(e for e in mixed if e.profile == mixes))
                score.mark(True)
                break
            if attempt == ATTEMPTS - 1:
                left = next(e for e in mixed if e not in got)
                got.append(left)
                score.mark(False)
                click.echo("  The answer: " + "; ".join(
                    f"{p.name} " + ", ".join(fmt(x) for x in s)
                    for p, s in zip(g.players, left.profile, strict=False)))


def _probabilities_of(size: int, parse: Callable[[str, int], Any]) -> Callable[[str], Any]:
    return lambda text: parse(text, size)


def _pure_count_hint(g: Any, table: Any, pure: list, why_not: Callable) -> str:
    example = next((p for p in table.profiles() if p not in pure), None)
    text = "a pure equilibrium is a cell in which nobody wants to switch."
    if example is not None:
        text += f" For example, {why_not(g, table, example)}."
    return text


def _ask_count(question: str, expected: int, score: _Score, hint: str) -> int:
    from negsolve.explain.quiz import parse_count

    for attempt in range(ATTEMPTS):
        answer = _ask(question, parse_count)
        if answer == expected:
            click.echo("  Right.")
            score.mark(True)
            return answer
        if attempt < ATTEMPTS - 1:
            click.echo(f"  Not quite. Hint: {hint}")
    click.echo(f"  The answer is {expected}.")
    score.mark(False)
    return expected


def _tree_quiz(tree: Any, overrides: dict[str, Fraction], answers: bool) -> None:
    from negsolve.render.numbers import fmt
    from negsolve.render.tree import draw_tree
    from negsolve.solvers.backward import solve_tree

    result = solve_tree(tree, overrides)
    paths = list(dict.fromkeys(tuple(e.path) for e in result.equilibria))
    payoffs = {tuple(e.path): e.payoffs for e in result.equilibria}
    if answers:
        click.echo(tree.title)
        click.echo(f"Subgame-perfect equilibria: {result.count}")
        for path in paths:
            click.echo(f"  path: {' → '.join(path) or '(starts with chance)'}  (payoffs "
                       + ", ".join(fmt(v) for v in payoffs[path]) + ")")
        return
    click.echo(tree.title)
    click.echo("=" * len(tree.title))
    click.echo(draw_tree(tree, None, overrides))
    click.echo("")
    score = _Score()
    _ask_count("How many subgame-perfect equilibria (in pure moves) does the game have?", result.count, score,
               hint="work backwards from the last moves; where a mover is indifferent, each tied move gives "
                    "its own subgame-perfect equilibrium.")
    hint = _first_backward_step(tree, overrides)
    got: list[tuple[str, ...]] = []
    for k in range(1, len(paths) + 1):
        for attempt in range(ATTEMPTS):
            text = click.prompt(f"Path {k} of {len(paths)} of subgame-perfect play: the moves from the start, "
                                "separated by commas (up to the first chance move):", type=str, prompt_suffix=" ")
            path = tuple(m.strip() for m in text.split(",") if m.strip())
            lowered = {tuple(m.lower() for m in p): p for p in paths}
            key = tuple(m.lower() for m in path)
            if key in lowered and lowered[key] not in got:
                got.append(lowered[key])
                click.echo("  Right: payoffs " + ", ".join(fmt(v) for v in payoffs[lowered[key]]) + ".")
                score.mark(True)
                break
            if key in lowered:
                click.echo("  Right, but you have given it already.")
            elif attempt < ATTEMPTS - 1:
                click.echo(f"  Not quite. Hint: {hint}")
            if attempt == ATTEMPTS - 1:
                missing = next(p for p in paths if p not in got)
                got.append(missing)
                score.mark(False)
                click.echo(f"  One answer: {', '.join(missing)}")
    click.echo(f"Score: {score.right} of {score.asked}.")


def _first_backward_step(tree: Any, overrides: dict[str, Fraction]) -> str:
    from negsolve.explain.document import Bullets
    from negsolve.explain.text import inline_text
    from negsolve.explain.tree import backward_induction_step

    step = backward_induction_step(tree, overrides)
    for block in step.blocks if step else ():
        if isinstance(block, Bullets) and block.items:
            return "start at the end. " + inline_text(block.items[0])
    return "start at the end of the tree and work backwards."
