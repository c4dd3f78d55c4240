"""The options and small helpers every command shares: GAME, --set, --format, --outcome.

Only Click and negsolve's light modules are imported here; the model, io and solvers are
imported inside the helpers, so a command module that imports this one stays cheap to load.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import click

from negsolve.cli.files import write_output
from negsolve.errors import InputError, Problem


def parse_settings(settings: tuple[str, ...], game: Any) -> dict[str, Fraction]:
    """``("s=5", "c=1/2")`` -> exact overrides; unknown names and bad numbers are InputErrors."""
    import difflib

    from negsolve.expr import ExpressionError, parse_number

    declared = [p.name for p in game.parameters]
    out: dict[str, Fraction] = {}
    problems = []
    for item in settings:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            problems.append(Problem(f"--set {item!r}: expected NAME=VALUE, e.g. --set s=5"))
            continue
        if name not in declared:
            close = difflib.get_close_matches(name, declared, n=1)
            hint = f"did you mean {close[0]!r}?" if close else (
                "declared: " + ", ".join(declared) if declared else "this game has no parameters")
            problems.append(Problem(f"--set {item!r}: unknown parameter {name!r}", hint=hint))
            continue
        try:
            out[name] = parse_number(text)
        except (ExpressionError, ArithmeticError) as exc:
            problems.append(Problem(f"--set {item!r}: the value must be an exact number such as 5, -0.5 or 2/3"
                                    f" ({getattr(exc, 'message', exc)})"))
    from negsolve.model.strategic import domain_problems

    problems += [Problem(m, hint="choose a value inside the parameter's domain (min/max in the game file)")
                 for m in domain_problems(game.parameters, out)]
    if problems:
        raise InputError(problems)
    return out


def is_tree(game: Any) -> bool:
    """Whether ``game`` is a game tree (rather than a strategic game)."""
    return hasattr(game, "nodes")


def shape(game: Any) -> str:
    """``"2x2"`` for a strategic game, ``"tree:N"`` for a tree of N nodes (the ``list`` column)."""
    if is_tree(game):
        return f"tree:{len(game.nodes)}"
    if is_bayesian(game):
        return "types:" + "x".join(str(k) for k in game.shape)
    return "x".join(str(k) for k in game.shape)


def is_bayesian(game: Any) -> bool:
    """Whether ``game`` is a game with types (:class:`~negsolve.model.bayesian.BayesianGame`)."""
    from negsolve.model.bayesian import is_bayesian as _is_bayesian

    return _is_bayesian(game)


def load(spec: str) -> Any:
    """The game named by a GAME argument: a bundled name, a file, or ``-`` (standard input)."""
    from negsolve.io import load_game

    if spec == "-":
        from negsolve.cli.files import read_stdin_game

        return read_stdin_game()
    return load_game(spec)


def check_tree(tree: Any, overrides: dict[str, Fraction]) -> None:
    """InputError when a tree cannot be solved at these parameter values (e.g. a bad chance probability)."""
    from negsolve.model.tree import tree_problems

    problems = tree_problems(tree, overrides)
    if problems:
        where = ", at the chosen parameter values" if overrides else ""
        raise InputError([Problem(m + where, file=tree.source or None, hint="choose other parameter values with --set")
                          for m in problems])


def write(text: str, output: str | None, force: bool = False, inputs: tuple[str, ...] = ()) -> None:
    """Every command's output: standard output, or a file written safely (negsolve.cli.files)."""
    write_output(text, output, force, inputs)


def with_values(game: Any, overrides: dict[str, Fraction]) -> Any:
    """``game`` with its parameters' default values replaced by ``overrides``."""
    import dataclasses

    if not overrides:
        return game
    return dataclasses.replace(game, parameters=tuple(
        dataclasses.replace(p, value=overrides.get(p.name, p.value)) for p in game.parameters))


def strategic(g: Any, command: str, overrides: dict[str, Fraction] | None = None) -> Any:
    """The strategic game to analyse and its default status quo: the game itself (None), or a tree's
    reduced strategic form (symbolic) with the profile of its first subgame-perfect equilibrium."""
    if is_bayesian(g):
        from negsolve.solvers.bayesian import exante_form

        click.echo(f"Note: '{command}' analyses the ex-ante strategic form of the game with types: each strategy "
                   "names an action for every type ('Build if Low cost').", err=True)
        return exante_form(g).game, None
    if not is_tree(g):
        return g, None
    from negsolve.solvers.backward import solve_tree
    from negsolve.solvers.tree_strategic import reduced_profile_of_plan, symbolic_reduced_form

    check_tree(g, overrides or {})
    click.echo(f"Note: '{command}' analyses the tree's reduced strategic form: each strategy names a move at every "
               "information set the player's own moves do not rule out (move@information set).", err=True)
    form = symbolic_reduced_form(g)
    spe = solve_tree(g, overrides, limit=1)
    start = reduced_profile_of_plan(g, form, spe.equilibria[0].plan) if spe.equilibria else None
    return form.game, start


def discount(text: str) -> Fraction:
    """The ``--discount`` value: an exact number with 0 < DELTA <= 1."""
    from negsolve.expr import ExpressionError, parse_number

    try:
        value = parse_number(text)
    except (ExpressionError, ArithmeticError):
        value = None
    if value is None or not 0 < value <= 1:
        raise InputError([Problem(f"--discount {text!r}: expected an exact number with 0 < DELTA <= 1, e.g. 9/10")])
    return value


def echo_json(data: Any, indent: int | None = 2) -> None:
    """``data`` as JSON on standard output (UTF-8 kept readable)."""
    import json

    click.echo(json.dumps(data, indent=indent, ensure_ascii=False))


def _bundled_names(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    from click.shell_completion import CompletionItem

    from negsolve.io.registry import bundled_names

    return [CompletionItem(n) for n in bundled_names() if n.startswith(incomplete)]


GAME = click.argument("game", metavar="GAME", shell_complete=_bundled_names)
SET = click.option("--set", "settings", multiple=True, metavar="NAME=VALUE",
                   help="Override a parameter's default value (exact: 5, 0.5, 2/3). Repeatable.")
OUTCOME = click.option("--outcome", required=True, metavar="S1,S2,...",
                       help="The outcome: one strategy per player, in player order, separated by commas.")
FORMAT = click.option("--format", "fmt_", type=click.Choice(["text", "json"]), default="text", show_default=True,
                      help="Output format.")
