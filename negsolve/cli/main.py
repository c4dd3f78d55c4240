"""Click commands: list, show, solve, validate, convert."""

from __future__ import annotations

import json
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import click

from negsolve import __version__
from negsolve.cli.files import FORCE, check_output, output_option, write_output
from negsolve.errors import InputError, NegsolveError, Problem
from negsolve.model.tree import GameTree

EXIT_INPUT = 2
EXIT_FAILURE = 1
EXIT_INTERNAL = 70
MAX_SWEEP_POINTS = 100_000  # negsolve.analysis.sweep.MAX_POINTS (kept here so --help imports no analysis)


class _Group(click.Group):
    """A group that turns negsolve's exceptions into clean messages (tracebacks only with --debug)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except InputError as exc:
            if _debug(ctx):
                raise
            for problem in exc.problems:
                click.echo(f"Error: {problem}", err=True)
            ctx.exit(EXIT_INPUT)
        except NegsolveError as exc:
            if _debug(ctx):
                raise
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(EXIT_FAILURE)
        except (KeyboardInterrupt, BrokenPipeError):
            ctx.exit(EXIT_FAILURE)
        except Exception as exc:  # the boundary: never a bare traceback for users
            if _debug(ctx):
                raise
            click.echo(f"Error: internal error ({type(exc).__name__}: {exc}); rerun with --debug for details "
                       "and please report it", err=True)
            ctx.exit(EXIT_INTERNAL)


def _debug(ctx: click.Context) -> bool:
    root = ctx.find_root()
    return bool(root.params.get("debug")) if root.params else False


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


def _is_tree(game: Any) -> bool:
    return hasattr(game, "nodes")


def _shape(game: Any) -> str:
    if _is_tree(game):
        return f"tree:{len(game.nodes)}"
    return "x".join(str(k) for k in game.shape)


def _load(spec: str) -> Any:
    from negsolve.io import load_game

    if spec == "-":
        from negsolve.cli.files import read_stdin_game

        return read_stdin_game()
    return load_game(spec)


def _bundled_names(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    from click.shell_completion import CompletionItem

    from negsolve.io.registry import bundled_names

    return [CompletionItem(n) for n in bundled_names() if n.startswith(incomplete)]


GAME = click.argument("game", metavar="GAME", shell_complete=_bundled_names)
SET = click.option("--set", "settings", multiple=True, metavar="NAME=VALUE",
                   help="Override a parameter's default value (exact: 5, 0.5, 2/3). Repeatable.")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="negsolve")
@click.option("--debug", is_flag=True, help="Show Python tracebacks on errors.")
def cli(debug: bool) -> None:
    """negsolve: write a negotiation down as a game, see every equilibrium exactly.

    GAME is the name of a bundled game (see 'negsolve list'), a .toml file, a Gambit .nfg or .efg
    file, or '-' for standard input (TOML, or Gambit when the text starts with NFG/EFG).
    -o FILE never overwrites an existing file without --force, never the input; -o - is stdout.

    \b
    Examples:
      negsolve list
      negsolve show freeze-for-freeze
      negsolve solve freeze-for-freeze --set s=5
      negsolve solve my-game.toml --format json
    """


@cli.command("list")
def list_games() -> None:
    """List the bundled games.

    \b
    Example:
      negsolve list
    """
    from negsolve.io import load_game
    from negsolve.io.registry import bundled_names

    names = bundled_names()
    width = max((len(n) for n in names), default=0)
    for name in names:
        game = load_game(name)
        click.echo(f"{name.ljust(width)}  {_shape(game).ljust(9)} {game.title}")


@cli.command()
@GAME
@SET
@click.option("--max-nodes", type=click.IntRange(min=1), default=400, show_default=True,
              help="Trees: draw at most this many nodes.")
def show(game: str, settings: tuple[str, ...], max_nodes: int) -> None:
    """Show a game: its story, parameters, and its payoff table (best responses marked *)
    or its tree (the moves of a subgame-perfect equilibrium marked *).

    \b
    Examples:
      negsolve show freeze-for-freeze --set s=5
      negsolve show entry-deterrence
    """
    from negsolve.model import payoff_table
    from negsolve.render.numbers import fmt
    from negsolve.render.table import payoff_table_text

    if game.lower().endswith(".efg") and not settings and _show_large_efg(game, max_nodes):
        return
    g = _load(game)
    overrides = parse_settings(settings, g)
    click.echo(g.title)
    click.echo("=" * len(g.title))
    if g.summary:
        click.echo(g.summary)
    if g.parameters:
        click.echo("")
        click.echo("Parameters:")
        values = g.parameter_values(overrides)
        for p in g.parameters:
            click.echo(f"  {p.name} = {fmt(values[p.name])}" + (f"  ({p.about})" if p.about else ""))
    click.echo("")
    if _is_tree(g):
        from negsolve.render.tree import draw_tree
        from negsolve.solvers.backward import solve_tree

        _check_tree(g, overrides)
        result = solve_tree(g, overrides, limit=1)
        plan = result.equilibria[0].plan if result.equilibria else None
        click.echo(draw_tree(g, plan, overrides, max_nodes=max_nodes))
        if plan is not None:
            click.echo("")
            click.echo("The marked moves are " + ("the" if result.count == 1 else "one of the")
                       + f" subgame-perfect equilibri{'um' if result.count == 1 else 'a'}"
                       " ('negsolve solve' lists them).")
        return
    click.echo(payoff_table_text(g, payoff_table(g, overrides)))


@cli.command()
@GAME
@SET
@click.option("--format", "fmt_", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format; json is a stable contract for other tools.")
@click.option("--engine", type=click.Choice(["exact", "lrs", "nashpy-vertex", "nashpy-support"]), default=None,
              help="Two-player games (and --nash on two-player trees). exact (the default): complete rational "
                   "vertex enumeration. lrs: lrslib's lrsnash (apt-get install lrslib), each equilibrium "
                   "verified exactly. nashpy-*: nashpy's enumerations, each profile certified exactly "
                   "(may miss equilibria).")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help="Stop after SECONDS and show the equilibria found so far, marked INCOMPLETE (exit 124). "
                   "Ctrl-C does the same at any time (exit 130). Three or more players: 300 unless given.")
@click.option("--quiet", "-q", is_flag=True, help="No progress line on standard error.")
@click.option("--nash", is_flag=True, help="Trees: also the Nash equilibria of the reduced strategic form, "
              "marking those that are not subgame perfect and naming the non-credible moves.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="Trees: list at most this many subgame-perfect (and, with --nash, Nash) equilibria.")
@click.option("--digits", type=click.IntRange(min=0, max=100), default=6, show_default=True,
              help="Three or more players: decimals shown for irrational probabilities and payoffs.")
def solve(game: str, settings: tuple[str, ...], fmt_: str, engine: str | None, time_limit: float | None,
          quiet: bool, nash: bool, limit: int, digits: int) -> None:
    """Find every Nash equilibrium of a game, exactly, with the reasoning around it.

    Two players: all equilibria, pure and mixed (for degenerate games every extreme
    equilibrium and the maximal sets they span). Three or more: every isolated equilibrium,
    pure and mixed, exact or as certified algebraic numbers (small games: see docs/n-player.md).
    Also: dominated strategies, iterated elimination, security levels, Pareto efficiency.
    Trees: every subgame-perfect equilibrium by backward induction (path, full plan, payoffs).

    \b
    Examples:
      negsolve solve freeze-for-freeze
      negsolve solve freeze-for-freeze --set s=5 --format json
      negsolve solve entry-deterrence --nash
    """
    from negsolve.cli.option_checks import check_engine, check_engine_for_file

    check_engine_for_file(game, engine, nash)
    if game.lower().endswith(".efg") and not nash and not settings and _solve_large_efg(game, fmt_):
        return
    g = _load(game)
    overrides = parse_settings(settings, g)
    engine = check_engine(g, engine, nash)
    if _is_tree(g):
        _solve_tree(g, overrides, fmt_, engine, nash, limit)
        return
    from negsolve.cli.progress_line import cli_budget, exit_code
    from negsolve.render.report import json_report, text_report
    from negsolve.solvers.summary import analyse

    if time_limit is None and len(g.players) > 2:
        time_limit = N_PLAYER_TIME_LIMIT
    with cli_budget(time_limit, quiet) as budget:
        analysis = analyse(g, overrides, engine, budget)
    if fmt_ == "json":
        click.echo(json.dumps(json_report(analysis, digits), indent=2, ensure_ascii=False))
    else:
        click.echo(text_report(analysis, digits))
    if not analysis.result.complete:
        click.get_current_context().exit(exit_code(analysis.result.stopped))


def _check_tree(tree: Any, overrides: dict[str, Fraction]) -> None:
    from negsolve.model.tree import tree_problems

    problems = tree_problems(tree, overrides)
    if problems:
        where = ", at the chosen parameter values" if overrides else ""
        raise InputError([Problem(m + where, file=tree.source or None, hint="choose other parameter values with --set")
                          for m in problems])


LARGE_EFG_BYTES = 1_000_000
N_PLAYER_TIME_LIMIT = 300.0  # seconds: the n-player enumeration's default budget (docs/n-player.md)


def _solve_large_efg(path: str, fmt_: str) -> bool:
    """The scalable path for big perfect-information .efg files; False when it does not apply."""
    from negsolve.render.numbers import fmt

    found = _read_large_efg(path)
    if found is None:
        return False
    tree, result = found
    payoffs = {name: fmt(v) for name, v in zip(tree.players, result.payoffs, strict=False)}
    if fmt_ == "json":
        data = {
            "schema": "negsolve.tree/1",
            "game": tree.title,
            "players": tree.players,
            "parameters": {},
            "perfect_information": True,
            "subgame_perfect": [{"path": list(result.path), "plan": result.plan(tree), "payoffs": payoffs}],
            "subgame_perfect_count": _count_json(result.count),
            "subgame_perfect_outcomes": result.outcomes,
            "truncated": result.count > 1,
            "method": "level-wise backward induction in exact integer arithmetic (large-tree path)",
            "notes": [],
        }
        click.echo(json.dumps(data, ensure_ascii=False))
        return True
    lines = [tree.title, "=" * len(tree.title),
             f"{len(tree.players)} players, {len(tree)} nodes, perfect information (large-tree path)", "",
             f"{_count_text(result.count)} subgame-perfect equilibri{'um' if result.count == 1 else 'a'} (exact)"
             + (f" with {result.outcomes} different payoff vectors" if result.outcomes > 1 else "")
             + ("; one is shown:" if result.count > 1 else ":"),
             f"  1. path: {' → '.join(result.path)}",
             "     payoffs: " + ", ".join(f"{k} {v}" for k, v in payoffs.items()),
             f"     plan: a move at each of {int((tree.kind == 1).sum())} decision nodes (--format json lists them)"]
    click.echo("\n".join(lines))
    return True


def _big_int_digits(n: int) -> str:
    """The exact decimal digits of a very large integer (Python limits int -> str to 4300 digits)."""
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        return str(n)
    finally:
        sys.set_int_max_str_digits(limit)


def _count_json(n: int) -> int | str:
    """Counts of up to 13,000 bits (about 3,900 digits) as JSON integers; larger ones as a string of digits."""
    return n if n.bit_length() <= 13_000 else _big_int_digits(n)


def _count_text(n: int) -> str:
    if n.bit_length() <= 200:
        return f"{n:,}" if n >= 10_000 else str(n)
    import math

    exponent = math.floor(n.bit_length() * math.log10(2))
    lead = n >> max(0, n.bit_length() - 60)
    mantissa = lead * 2.0 ** max(0, n.bit_length() - 60) / 10.0 ** exponent if exponent < 300 else \
        10 ** (math.log10(lead) + max(0, n.bit_length() - 60) * math.log10(2) - exponent)
    if mantissa >= 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    return f"about {mantissa:.2f} x 10^{exponent:,}"


def _read_large_efg(path: str) -> tuple[Any, Any] | None:
    """(compact tree, fast result) for a big perfect-information .efg file; None when the general path applies."""
    file = Path(path)
    if not file.is_file() or file.stat().st_size < LARGE_EFG_BYTES:
        return None
    from negsolve.io.efg_fast import read_compact
    from negsolve.io.reading import read_game_bytes
    from negsolve.solvers.fast_backward import solve_compact

    try:  # the size limit is checked before reading
        tree = read_compact(read_game_bytes(file, path, "efg").decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    result = solve_compact(tree) if tree is not None else None
    return (tree, result) if result is not None else None


def _show_large_efg(path: str, max_nodes: int) -> bool:
    """``show`` for a big perfect-information .efg: draws only the top ``max_nodes`` nodes."""
    found = _read_large_efg(path)
    if found is None:
        return False
    from negsolve.render.compact_tree import excerpt
    from negsolve.render.tree import draw_tree

    tree, result = found
    top, plan = excerpt(tree, result, max_nodes)
    click.echo(tree.title)
    click.echo("=" * len(tree.title))
    click.echo(f"{len(tree.players)} players, {len(tree):,} nodes, perfect information (large-tree path)")
    click.echo("")
    click.echo(draw_tree(top, plan, None, max_nodes=max_nodes, total_nodes=len(tree)))
    click.echo("")
    click.echo("The marked moves are " + ("the" if result.count == 1 else "one of the")
               + f" subgame-perfect equilibri{'um' if result.count == 1 else 'a'} ('negsolve solve' lists them).")
    return True


def _solve_tree(tree: Any, overrides: dict[str, Fraction], fmt_: str, engine: str, nash: bool, limit: int) -> None:
    from negsolve.render.tree import nash_text, tree_json, tree_text_report
    from negsolve.solvers.backward import solve_tree

    _check_tree(tree, overrides)
    result = solve_tree(tree, overrides, limit=limit)
    values = tree.parameter_values(overrides)
    from negsolve.solvers.sequential import check_plan

    checks = [check_plan(tree, eq.plan, overrides) for eq in result.equilibria]
    form = marked = nash_result = None
    if nash:
        from negsolve.solvers.tree_strategic import nash_of_tree

        form, nash_result, marked = nash_of_tree(tree, result, overrides, engine)
    if fmt_ == "json":
        click.echo(json.dumps(tree_json(tree, result, values, marked, form, checks), indent=2, ensure_ascii=False))
        return
    click.echo(tree_text_report(tree, result, values, checks))
    if nash and marked is not None:
        click.echo(nash_text(tree, form, marked, nash_result, limit))


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
def validate(files: tuple[str, ...]) -> None:
    """Check game files and report every problem at once.

    \b
    Example:
      negsolve validate my-game.toml other.nfg
    """
    from negsolve.io import load_game

    failed = False
    for spec in files:
        try:
            g = _load(spec) if spec == "-" else load_game(spec)
        except InputError as exc:
            failed = True
            for problem in exc.problems:
                click.echo(f"Error: {problem}", err=True)
            continue
        params = f", parameters: {', '.join(p.name for p in g.parameters)}" if g.parameters else ""
        if isinstance(g, GameTree):
            from collections import Counter

            from negsolve.model.recall import recall_problems

            recall = recall_problems(g)
            if recall:  # readable, but no solver would take it: validate says so
                failed = True
                for _, message in recall:
                    click.echo(f"Error: {spec}: {message}", err=True)
                continue

            groups = Counter((n.kind, n.player, n.infoset) for n in g.nodes
                             if n.infoset is not None and n.kind == "decision")
            info = sum(1 for size in groups.values() if size > 1)
            kind = f"game tree, {len(g.nodes)} nodes" + (", information sets" if info else "")
            click.echo(f"{spec}: OK: {g.title!r} ({len(g.players)} players, {kind}{params})")
        else:
            shape = "x".join(str(k) for k in g.shape)
            click.echo(f"{spec}: OK: {g.title!r} ({len(g.players)} players, {shape}{params})")
    if failed:
        sys.exit(EXIT_INPUT)


@cli.command()
@GAME
@click.option("--to", "target", type=click.Choice(["nfg", "toml", "efg"]), required=True, help="Output format.")
@output_option()
@FORCE
@SET
def convert(game: str, target: str, output: str | None, force: bool, settings: tuple[str, ...]) -> None:
    """Convert a game between TOML, Gambit .nfg and Gambit .efg.

    Strategic games: toml, nfg. Trees: toml, efg, or nfg (the reduced strategic form).
    Writing Gambit files fixes parameters at their values (defaults or --set).

    \b
    Examples:
      negsolve convert freeze-for-freeze --to nfg -o f4f.nfg
      negsolve convert f4f.nfg --to toml
      negsolve convert entry-deterrence --to efg
    """
    import dataclasses


    check_output(output, force, (game,))
    g = _load(game)
    overrides = parse_settings(settings, g)
    if overrides:
        g = dataclasses.replace(g, parameters=tuple(
            dataclasses.replace(p, value=overrides.get(p.name, p.value)) for p in g.parameters))
    if target != "toml" and g.parameters:
        click.echo(f"Note: .{target} has no parameters; payoffs are written at "
                   + ", ".join(f"{p.name} = {p.value}" for p in g.parameters), err=True)
    if _is_tree(g):
        _check_tree(g, {})
        if target == "efg":
            from negsolve.io.efg import dumps_efg

            text = dumps_efg(g)
        elif target == "toml":
            from negsolve.io.tree_toml import dumps_tree_toml

            text = dumps_tree_toml(g)
        else:
            from negsolve.io.nfg import dumps_nfg
            from negsolve.solvers.tree_strategic import reduced_form

            text = dumps_nfg(reduced_form(g).game)
    else:
        from negsolve.io.nfg import dumps_nfg
        from negsolve.io.toml_format import dumps_toml

        if target == "efg":
            raise InputError([Problem("a strategic game has no tree to write as .efg; use --to nfg or --to toml",
                                      file=g.source or None)])
        text = dumps_nfg(g) if target == "nfg" else dumps_toml(g)
    _write(text, output, force, (game,))


def _write(text: str, output: str | None, force: bool = False, inputs: tuple[str, ...] = ()) -> None:
    """Every command's output: standard output, or a file written safely (negsolve.cli.files)."""
    write_output(text, output, force, inputs)


@cli.command()
@GAME
@click.option("--to", "target", type=click.Choice(["dot"]), default="dot", show_default=True,
              help="Output format (Graphviz DOT).")
@output_option()
@FORCE
@SET
def export(game: str, target: str, output: str | None, force: bool, settings: tuple[str, ...]) -> None:
    """Export a game tree as Graphviz DOT, a subgame-perfect equilibrium's moves in bold red.

    \b
    Example:
      negsolve export entry-deterrence --to dot -o entry.dot && dot -Tpng entry.dot -o entry.png
    """
    from negsolve.render.tree import tree_dot
    from negsolve.solvers.backward import solve_tree

    check_output(output, force, (game,))
    g = _load(game)
    overrides = parse_settings(settings, g)
    if not _is_tree(g):
        raise InputError([Problem("DOT export draws game trees; this is a strategic game (try 'negsolve show')",
                                  file=g.source or None)])
    _check_tree(g, overrides)
    result = solve_tree(g, overrides, limit=1)
    plan = result.equilibria[0].plan if result.equilibria else None
    _write(tree_dot(g, plan, overrides), output, force, (game,))


def _strategic(g: Any, command: str, overrides: dict[str, Fraction] | None = None) -> Any:
    """The strategic game to analyse and its default status quo: the game itself (None), or a tree's
    reduced strategic form (symbolic) with the profile of its first subgame-perfect equilibrium."""
    if not _is_tree(g):
        return g, None
    from negsolve.solvers.backward import solve_tree
    from negsolve.solvers.tree_strategic import reduced_profile_of_plan, symbolic_reduced_form

    _check_tree(g, overrides or {})
    click.echo(f"Note: '{command}' analyses the tree's reduced strategic form: each strategy names a move at every "
               "information set the player's own moves do not rule out (move@information set).", err=True)
    form = symbolic_reduced_form(g)
    spe = solve_tree(g, overrides, limit=1)
    start = reduced_profile_of_plan(g, form, spe.equilibria[0].plan) if spe.equilibria else None
    return form.game, start


OUTCOME = click.option("--outcome", required=True, metavar="S1,S2,...",
                       help="The outcome: one strategy per player, in player order, separated by commas.")
FORMAT = click.option("--format", "fmt_", type=click.Choice(["text", "json"]), default="text", show_default=True,
                      help="Output format.")


@cli.command()
@GAME
@OUTCOME
@SET
@FORMAT
@click.option("--plan", "whole_plan", is_flag=True,
              help="Trees: the conditions under which one whole plan that follows the path stays subgame perfect.")
def stability(game: str, outcome: str, settings: tuple[str, ...], fmt_: str, whole_plan: bool) -> None:
    """Exact conditions on the parameters under which an outcome is a (strict) equilibrium.

    Each player's condition is shown in plain words (e.g. 's > 2'), the whole region with
    redundant conditions removed, whether the current values lie inside (or exactly on the
    boundary: a tie), and for 2x2 games the mixed equilibrium in closed form.
    For a tree, --outcome is a path of moves from the root: for each parameter (the others
    fixed) where some and where every subgame-perfect equilibrium follows it; with --plan, the
    conditions under which one whole plan that follows the path stays subgame perfect.

    \b
    Examples:
      negsolve stability freeze-for-freeze --outcome "Suspend exercises,Freeze tests"
      negsolve stability talks-about-talks --outcome "Unconditional talks"
    """
    g = _load(game)
    overrides = parse_settings(settings, g)
    if _is_tree(g):
        from negsolve.analysis.tree_paths import path_region
        from negsolve.analysis.tree_stability import tree_stability
        from negsolve.render.analysis import tree_stability_json, tree_stability_text
        from negsolve.render.tree_paths import path_region_data, path_region_json, path_region_text

        _check_tree(g, overrides)
        region = path_region(g, outcome, overrides)
        if not whole_plan:
            click.echo(json.dumps(path_region_json(region), indent=2, ensure_ascii=False) if fmt_ == "json"
                       else path_region_text(region))
            return
        tree_report = tree_stability(g, outcome, overrides)
        data = dict(tree_stability_json(tree_report), path_region=path_region_data(region))
        click.echo(json.dumps(data, indent=2, ensure_ascii=False) if fmt_ == "json"
                   else tree_stability_text(tree_report))
        return
    from negsolve.analysis.stability import parse_outcome
    from negsolve.analysis.stability import stability as analyse_stability
    from negsolve.render.analysis import stability_json, stability_text

    report = analyse_stability(g, parse_outcome(g, outcome), overrides)
    click.echo(json.dumps(stability_json(report), indent=2, ensure_ascii=False) if fmt_ == "json"
               else stability_text(report))


@cli.command()
@GAME
@click.option("--from", "status_quo", default=None, metavar="S1,S2,...",
              help="The status quo (default: the game's equilibrium now).")
@SET
@FORMAT
def concessions(game: str, status_quo: str | None, settings: tuple[str, ...], fmt_: str) -> None:
    """Rank every outcome against the status quo: who gains, what is self-enforcing, and the
    smallest penalty, side payment or parameter change that would make each one stable.

    \b
    Example:
      negsolve concessions freeze-for-freeze
    """
    from negsolve.analysis.concessions import concessions as analyse_concessions
    from negsolve.analysis.stability import parse_outcome
    from negsolve.render.analysis import concessions_json, concessions_text

    loaded = _load(game)
    overrides = parse_settings(settings, loaded)
    if _is_tree(loaded):
        from negsolve.analysis.tree_concessions import tree_concessions
        from negsolve.render.tree_concessions import tree_concessions_json, tree_concessions_text

        _check_tree(loaded, overrides)
        tree_report = tree_concessions(loaded, overrides, status_quo)
        click.echo(json.dumps(tree_concessions_json(tree_report), indent=2, ensure_ascii=False) if fmt_ == "json"
                   else tree_concessions_text(tree_report))
        return
    g, start = _strategic(loaded, "concessions", overrides)
    label = "the subgame-perfect equilibrium" if start is not None else "the chosen status quo"
    if status_quo:
        start, label = parse_outcome(g, status_quo, "--from"), "the chosen status quo"
    report = analyse_concessions(g, overrides, start, status_quo_label=label)
    click.echo(json.dumps(concessions_json(report), indent=2, ensure_ascii=False) if fmt_ == "json"
               else concessions_text(report))


@cli.command()
@GAME
@OUTCOME
@click.option("--rounds", type=click.IntRange(min=1, max=200), default=None,
              help="A known number of rounds (finite horizon).")
@click.option("--discount", default="1", show_default=True, metavar="DELTA",
              help="With --rounds: the discount factor per round (exact, 0 < DELTA <= 1).")
@click.option("--punish", default=None, metavar="S1,S2,...",
              help="A pure stage equilibrium to punish every breach with (default: for each deviator, "
                   "the stage equilibrium worst for it).")
@SET
@FORMAT
def repeated(game: str, outcome: str, rounds: int | None, discount: str, punish: str | None,
             settings: tuple[str, ...], fmt_: str) -> None:
    """Repeated play: the discount factors for which an agreement is sustained (Nash reversion
    against each deviator, the minmax bound no strategy beats, tit-for-tat for 2x2), exactly and
    as a function of the parameters; with --rounds, the last round the agreement can be kept.

    \b
    Examples:
      negsolve repeated prisoners-dilemma --outcome "Cooperate,Cooperate"
      negsolve repeated freeze-for-freeze --outcome "Suspend exercises,Freeze tests" --rounds 5
    """
    from negsolve.analysis.repeated import repeated as analyse_repeated
    from negsolve.analysis.repeated_tree import tree_stage_equilibria
    from negsolve.analysis.stability import parse_outcome
    from negsolve.render.repeated import repeated_json, repeated_text

    loaded = _load(game)
    overrides = parse_settings(settings, loaded)
    delta = _discount(discount)
    g, _ = _strategic(loaded, "repeated", overrides)
    stage = tree_stage_equilibria(loaded, g, overrides) if _is_tree(loaded) else None
    report = analyse_repeated(g, parse_outcome(g, outcome), overrides,
                              parse_outcome(g, punish, "--punish") if punish else None, rounds, delta, stage,
                              "subgame perfect" if stage is not None else None)
    click.echo(json.dumps(repeated_json(report), indent=2, ensure_ascii=False) if fmt_ == "json"
               else repeated_text(report))


def _discount(text: str) -> Fraction:
    from negsolve.expr import ExpressionError, parse_number

    try:
        value = parse_number(text)
    except (ExpressionError, ArithmeticError):
        value = None
    if value is None or not 0 < value <= 1:
        raise InputError([Problem(f"--discount {text!r}: expected an exact number with 0 < DELTA <= 1, e.g. 9/10")])
    return value


@cli.command()
@GAME
@click.option("--param", "params", multiple=True, required=True, metavar="NAME=START:STOP:COUNT",
              help="A parameter axis, e.g. s=0:10:21 (21 values) or s=1,2,5/2. Repeatable.")
@click.option("--plot", default=None, metavar="FILE.png",
              help="Draw the regions to this PNG file (needs matplotlib: pip install 'negsolve[plot]').")
@SET
@click.option("--format", "fmt_", type=click.Choice(["text", "json", "jsonl"]), default="text", show_default=True,
              help="jsonl: a header line, then one line per point as it finishes (streamed; resumable).")
@output_option()
@FORCE
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(min=1),
              help="Worker processes evaluating grid points in parallel.")
@click.option("--executor", default=None, metavar="processes|dask[:ADDRESS]",
              help="Where points are evaluated: local processes (default) or Dask ('dask': a local cluster "
                   "of --jobs workers; 'dask:ADDRESS': a running scheduler). Needs pip install 'negsolve[dask]'.")
@click.option("--resume", default=None, metavar="FILE.jsonl",
              help="Continue an interrupted --format jsonl run: skip the points FILE holds, append the rest.")
@click.option("--shard", default=None, metavar="K/N",
              help="Evaluate only every N-th grid point, starting with the K-th (job arrays); join the "
                   "parts with 'negsolve sweep-merge'.")
@click.option("--max-points", default=MAX_SWEEP_POINTS, show_default=True, type=click.IntRange(min=1),
              help="Refuse larger grids (checked before any work).")
@click.option("--quiet", "-q", is_flag=True, help="No progress line on standard error.")
def sweep(game: str, params: tuple[str, ...], plot: str | None, settings: tuple[str, ...], fmt_: str,
          output: str | None, force: bool, jobs: int, executor: str | None, resume: str | None,
          shard: str | None, max_points: int, quiet: bool) -> None:
    """Tabulate how the equilibria change over a grid of parameter values (exact at every point).

    A point where the game is undefined (a payoff divides by zero there) is reported as such
    and the sweep goes on.  Ctrl-C stops, keeping every point already written (exit 130).

    \b
    Examples:
      negsolve sweep freeze-for-freeze --param s=0:4:9
      negsolve sweep freeze-for-freeze --param s=0:4:41 --param c=0:4:41 --plot regions.png
      negsolve sweep freeze-for-freeze --param s=0:4:101 --param c=0:4:101 --jobs 2 --format jsonl -o s.jsonl
      negsolve sweep freeze-for-freeze --param s=0:4:101 --param c=0:4:101 --format jsonl --resume s.jsonl
    """
    import dataclasses

    from negsolve.analysis.sweep import check_grid, parse_axis
    from negsolve.cli.runs import SweepOptions, check_sweep_options, run_sweep

    opts = SweepOptions(fmt_, output, force, jobs, executor, resume, shard, quiet, plot)
    check_sweep_options(opts, game)
    loaded = _load(game)
    overrides = parse_settings(settings, loaded)
    if _is_tree(loaded) and not plot:
        _tree_sweep(loaded, overrides, params, fmt_)
        return
    g, _ = _strategic(loaded, "sweep", overrides)
    if overrides:
        g = dataclasses.replace(g, parameters=tuple(
            dataclasses.replace(p, value=overrides.get(p.name, p.value)) for p in g.parameters))
    axes = [parse_axis(text, g, max_points) for text in params]
    if plot and len(axes) > 2:
        raise InputError([Problem("--plot draws one or two parameters")])
    check_grid(axes, max_points)
    run_sweep(g, axes, opts, game)


def _tree_sweep(tree: Any, overrides: dict[str, Fraction], params: tuple[str, ...], fmt_: str) -> None:
    from negsolve.analysis.sweep import parse_axis
    from negsolve.analysis.tree_sweep import tree_sweep
    from negsolve.render.tree_concessions import tree_sweep_rows, tree_sweep_text

    axes = [parse_axis(text, tree) for text in params]
    results = tree_sweep(tree, axes, fixed=overrides)
    if fmt_ == "json":
        click.echo(json.dumps({"schema": "negsolve.tree-sweep/1", "game": tree.title,
                               "points": tree_sweep_rows(results)}, indent=2, ensure_ascii=False))
    else:
        click.echo(tree_sweep_text(tree, results))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="negsolve")
from negsolve.cli import runs as _runs  # noqa: E402,F401,I001  (registers sweep-merge, batch)
from negsolve.cli import teach as _teach  # noqa: E402,F401  (registers explain, concepts, quiz)
from negsolve.cli import deals as _deals  # noqa: E402,F401  (registers deals, correlated, bargain)
from negsolve.cli import signalling as _signalling  # noqa: E402,F401  (registers signal)
