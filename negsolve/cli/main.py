"""Click commands: list, show, solve, validate, convert."""

from __future__ import annotations

import json
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import click

from negsolve import __version__
from negsolve.errors import InputError, NegsolveError, Problem
from negsolve.model.tree import GameTree

EXIT_INPUT = 2
EXIT_FAILURE = 1
EXIT_INTERNAL = 70


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
    from negsolve.expr import ExpressionError, parse_number
    import difflib

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

    GAME is the name of a bundled game (see 'negsolve list'), a .toml file or a Gambit .nfg file.

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
@click.option("--max-nodes", default=400, show_default=True, help="Trees: draw at most this many nodes.")
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
                       + f" subgame-perfect equilibri{'um' if result.count == 1 else 'a'} ('negsolve solve' lists them).")
        return
    click.echo(payoff_table_text(g, payoff_table(g, overrides)))


@cli.command()
@GAME
@SET
@click.option("--format", "fmt_", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format; json is a stable contract for other tools.")
@click.option("--engine", type=click.Choice(["exact", "nashpy-vertex", "nashpy-support"]), default="exact",
              show_default=True,
              help="exact: complete rational vertex enumeration. nashpy-*: nashpy's enumerations, "
                   "each profile certified exactly (may miss equilibria).")
@click.option("--nash", is_flag=True, help="Trees: also the Nash equilibria of the reduced strategic form, "
              "marking those that are not subgame perfect and naming the non-credible moves.")
@click.option("--limit", default=20, show_default=True,
              help="Trees: list at most this many subgame-perfect (and, with --nash, Nash) equilibria.")
def solve(game: str, settings: tuple[str, ...], fmt_: str, engine: str, nash: bool, limit: int) -> None:
    """Find every Nash equilibrium of a game, exactly, with the reasoning around it.

    Two players: all equilibria, pure and mixed (for degenerate games every extreme
    equilibrium and the maximal sets they span). Three or more: every pure equilibrium.
    Also: dominated strategies, iterated elimination, security levels, Pareto efficiency.
    Trees: every subgame-perfect equilibrium by backward induction (path, full plan, payoffs).

    \b
    Examples:
      negsolve solve freeze-for-freeze
      negsolve solve freeze-for-freeze --set s=5 --format json
      negsolve solve entry-deterrence --nash
    """
    if game.lower().endswith(".efg") and not nash and not settings and _solve_large_efg(game, fmt_):
        return
    g = _load(game)
    overrides = parse_settings(settings, g)
    if _is_tree(g):
        _solve_tree(g, overrides, fmt_, engine, nash, limit)
        return
    from negsolve.render.report import json_report, text_report
    from negsolve.solvers.summary import analyse

    analysis = analyse(g, overrides, engine)
    if fmt_ == "json":
        click.echo(json.dumps(json_report(analysis), indent=2, ensure_ascii=False))
    else:
        click.echo(text_report(analysis))


def _check_tree(tree: Any, overrides: dict[str, Fraction]) -> None:
    from negsolve.model.tree import tree_problems

    problems = tree_problems(tree, overrides)
    if problems:
        where = ", at the chosen parameter values" if overrides else ""
        raise InputError([Problem(m + where, file=tree.source or None, hint="choose other parameter values with --set")
                          for m in problems])


LARGE_EFG_BYTES = 1_000_000


def _solve_large_efg(path: str, fmt_: str) -> bool:
    """The scalable path for big perfect-information .efg files; False when it does not apply."""
    file = Path(path)
    if not file.is_file() or file.stat().st_size < LARGE_EFG_BYTES:
        return False
    from negsolve.io.efg_fast import read_compact
    from negsolve.render.numbers import fmt
    from negsolve.solvers.fast_backward import solve_compact

    try:
        tree = read_compact(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return False
    result = solve_compact(tree) if tree is not None else None
    if tree is None or result is None:
        return False
    payoffs = {name: fmt(v) for name, v in zip(tree.players, result.payoffs)}
    if fmt_ == "json":
        data = {
            "schema": "negsolve.tree/1",
            "game": tree.title,
            "players": tree.players,
            "parameters": {},
            "perfect_information": True,
            "subgame_perfect": [{"path": list(result.path), "plan": result.plan(tree), "payoffs": payoffs}],
            "subgame_perfect_count": result.count,
            "truncated": result.count > 1,
            "method": "level-wise backward induction in exact integer arithmetic (large-tree path)",
            "notes": [],
        }
        click.echo(json.dumps(data, ensure_ascii=False))
        return True
    lines = [tree.title, "=" * len(tree.title),
             f"{len(tree.players)} players, {len(tree)} nodes, perfect information (large-tree path)", "",
             f"{result.count} subgame-perfect equilibri{'um' if result.count == 1 else 'a'} (exact)"
             + ("; one is shown:" if result.count > 1 else ":"),
             f"  1. path: {' → '.join(result.path)}",
             "     payoffs: " + ", ".join(f"{k} {v}" for k, v in payoffs.items()),
             f"     plan: a move at each of {int((tree.kind == 1).sum())} decision nodes (--format json lists them)"]
    click.echo("\n".join(lines))
    return True


def _solve_tree(tree: Any, overrides: dict[str, Fraction], fmt_: str, engine: str, nash: bool, limit: int) -> None:
    from negsolve.render.tree import nash_text, tree_json, tree_text_report
    from negsolve.solvers.backward import solve_tree

    _check_tree(tree, overrides)
    result = solve_tree(tree, overrides, limit=limit)
    values = tree.parameter_values(overrides)
    form = marked = nash_result = None
    if nash:
        from negsolve.solvers.tree_strategic import nash_of_tree

        form, nash_result, marked = nash_of_tree(tree, result, overrides, engine)
    if fmt_ == "json":
        click.echo(json.dumps(tree_json(tree, result, values, marked, form), indent=2, ensure_ascii=False))
        return
    click.echo(tree_text_report(tree, result, values))
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
            g = load_game(spec)
        except InputError as exc:
            failed = True
            for problem in exc.problems:
                click.echo(f"Error: {problem}", err=True)
            continue
        params = f", parameters: {', '.join(p.name for p in g.parameters)}" if g.parameters else ""
        if isinstance(g, GameTree):
            from collections import Counter

            groups = Counter((n.kind, n.player, n.infoset) for n in g.nodes if n.infoset is not None and n.kind == "decision")
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
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
@SET
def convert(game: str, target: str, output: str | None, settings: tuple[str, ...]) -> None:
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

    from negsolve.model import Parameter

    g = _load(game)
    overrides = parse_settings(settings, g)
    if overrides:
        g = dataclasses.replace(g, parameters=tuple(
            Parameter(p.name, overrides.get(p.name, p.value), p.about) for p in g.parameters))
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
    _write(text, output)


def _write(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@cli.command()
@GAME
@click.option("--to", "target", type=click.Choice(["dot"]), default="dot", show_default=True,
              help="Output format (Graphviz DOT).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
@SET
def export(game: str, target: str, output: str | None, settings: tuple[str, ...]) -> None:
    """Export a game tree as Graphviz DOT, a subgame-perfect equilibrium's moves in bold red.

    \b
    Example:
      negsolve export entry-deterrence --to dot -o entry.dot && dot -Tpng entry.dot -o entry.png
    """
    from negsolve.render.tree import tree_dot
    from negsolve.solvers.backward import solve_tree

    g = _load(game)
    overrides = parse_settings(settings, g)
    if not _is_tree(g):
        raise InputError([Problem("DOT export draws game trees; this is a strategic game (try 'negsolve show')",
                                  file=g.source or None)])
    _check_tree(g, overrides)
    result = solve_tree(g, overrides, limit=1)
    plan = result.equilibria[0].plan if result.equilibria else None
    _write(tree_dot(g, plan, overrides), output)


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
def stability(game: str, outcome: str, settings: tuple[str, ...], fmt_: str) -> None:
    """Exact conditions on the parameters under which an outcome is a (strict) equilibrium.

    Each player's condition is shown in plain words (e.g. 's > 2'), the whole region with
    redundant conditions removed, whether the current values lie inside (or exactly on the
    boundary: a tie), and for 2x2 games the mixed equilibrium in closed form.
    For a tree, --outcome is a path of moves; the conditions are those under which the
    current subgame-perfect plan, which follows that path, stays subgame perfect.

    \b
    Examples:
      negsolve stability freeze-for-freeze --outcome "Suspend exercises,Freeze tests"
      negsolve stability talks-about-talks --outcome "Unconditional talks"
    """
    g = _load(game)
    overrides = parse_settings(settings, g)
    if _is_tree(g):
        from negsolve.analysis.tree_stability import tree_stability
        from negsolve.render.analysis import tree_stability_json, tree_stability_text

        _check_tree(g, overrides)
        tree_report = tree_stability(g, outcome, overrides)
        click.echo(json.dumps(tree_stability_json(tree_report), indent=2, ensure_ascii=False) if fmt_ == "json"
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
    g, start = _strategic(loaded, "concessions", overrides)
    label = "the subgame-perfect equilibrium" if start is not None else "the chosen status quo"
    if status_quo:
        start, label = parse_outcome(g, status_quo), "the chosen status quo"
    report = analyse_concessions(g, overrides, start, status_quo_label=label)
    click.echo(json.dumps(concessions_json(report), indent=2, ensure_ascii=False) if fmt_ == "json"
               else concessions_text(report))


@cli.command()
@GAME
@OUTCOME
@click.option("--rounds", type=click.IntRange(min=1), default=None, help="A known number of rounds (finite horizon).")
@click.option("--punish", default=None, metavar="S1,S2,...",
              help="The stage equilibrium played after a breach (default: the harshest pure one).")
@SET
@FORMAT
def repeated(game: str, outcome: str, rounds: int | None, punish: str | None, settings: tuple[str, ...], fmt_: str) -> None:
    """Repeated play: the critical discount factor above which an agreement is sustained
    (grim trigger; tit-for-tat for 2x2), exactly and as a function of the parameters;
    with --rounds, why it unravels when the last round is known.

    \b
    Examples:
      negsolve repeated prisoners-dilemma --outcome "Cooperate,Cooperate"
      negsolve repeated freeze-for-freeze --outcome "Suspend exercises,Freeze tests" --rounds 5
    """
    from negsolve.analysis.repeated import repeated as analyse_repeated
    from negsolve.analysis.stability import parse_outcome
    from negsolve.render.analysis import repeated_json, repeated_text

    loaded = _load(game)
    overrides = parse_settings(settings, loaded)
    g, _ = _strategic(loaded, "repeated", overrides)
    report = analyse_repeated(g, parse_outcome(g, outcome), overrides,
                              parse_outcome(g, punish) if punish else None, rounds)
    click.echo(json.dumps(repeated_json(report), indent=2, ensure_ascii=False) if fmt_ == "json"
               else repeated_text(report))


@cli.command()
@GAME
@click.option("--param", "params", multiple=True, required=True, metavar="NAME=START:STOP:COUNT",
              help="A parameter axis, e.g. s=0:10:21 (21 values) or s=1,2,5/2. Repeatable.")
@click.option("--plot", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Draw the regions to this PNG file (needs matplotlib: pip install 'negsolve[plot]').")
@SET
@FORMAT
def sweep(game: str, params: tuple[str, ...], plot: str | None, settings: tuple[str, ...], fmt_: str) -> None:
    """Tabulate how the equilibria change over a grid of parameter values (exact at every point).

    \b
    Examples:
      negsolve sweep freeze-for-freeze --param s=0:4:9
      negsolve sweep freeze-for-freeze --param s=0:4:41 --param c=0:4:41 --plot regions.png
    """
    import dataclasses

    from negsolve.analysis.sweep import parse_axis
    from negsolve.analysis.sweep import sweep as run_sweep
    from negsolve.model import Parameter
    from negsolve.render.analysis import plot_sweep, sweep_rows, sweep_text

    loaded = _load(game)
    overrides = parse_settings(settings, loaded)
    g, _ = _strategic(loaded, "sweep", overrides)
    if overrides:
        g = dataclasses.replace(g, parameters=tuple(
            Parameter(p.name, overrides.get(p.name, p.value), p.about) for p in g.parameters))
    axes = [parse_axis(text, g) for text in params]
    if plot and len(axes) > 2:
        raise InputError([Problem("--plot draws one or two parameters")])
    results = run_sweep(g, axes)
    if plot:
        plot_sweep(g, axes, results, plot)
        click.echo(f"wrote {plot}", err=True)
    if fmt_ == "json":
        click.echo(json.dumps({"schema": "negsolve.sweep/1", "game": g.title, "points": sweep_rows(g, results)},
                              indent=2, ensure_ascii=False))
    else:
        click.echo(sweep_text(g, results))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="negsolve")
from negsolve.cli import teach as _teach  # noqa: E402,F401  (registers explain, concepts, quiz)
from negsolve.cli import deals as _deals  # noqa: E402,F401  (registers deals, correlated, bargain)
