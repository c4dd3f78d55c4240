"""What a game page shows, computed from the game's text and the form's values (no HTML, no web framework).

:func:`game_view` reads the text (the same parser and the same ``file:line`` messages as the
command line), reads the slider values (exact: ``2.5`` is 5/2), and gathers the story, the
equilibria, the pictures, the explanation steps and the stability region of the chosen outcome.
Work is bounded: a game larger than :data:`MAX_CELLS` profiles or :data:`MAX_TREE_NODES` nodes is
shown without a solution (the page says so), the equilibrium search runs under a
:class:`negsolve.progress.Budget`, and explanation and pictures are made only for small games.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from negsolve.errors import InputError, NegsolveError, Problem
from negsolve.web.pictures import Picture

MAX_CELLS = 10_000  # pure profiles solved at all (the Budget bounds the time spent)
MAX_EXPLAIN_CELLS = 144  # explanation and pictures: up to 12x12 (two players)
MAX_TREE_NODES = 2_000  # trees solved at all
MAX_EXPLAIN_NODES = 400  # tree explanation and pictures
TREE_LIMIT = 20  # subgame-perfect equilibria listed
ALL = "all"  # the outcome choice that maps every pure outcome's region (negsolve draw --outcome all)


@dataclass(frozen=True)
class Slider:
    """A parameter's slider: its domain (or a range around the default when unbounded) and value."""

    name: str
    about: str
    low: Fraction
    high: Fraction
    step: Fraction
    value: Fraction
    default: Fraction


@dataclass
class GameView:
    """Everything a game page shows; ``problems`` non-empty means the text could not be used."""

    problems: list[str] = field(default_factory=list)
    game: Any = None
    title: str = ""
    summary: str = ""
    sliders: list[Slider] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    outcome: str | None = None
    equilibria: str = ""
    pictures: list[Picture] = field(default_factory=list)
    explanation: Any = None
    stability: str = ""
    notes: list[str] = field(default_factory=list)


def parse_game(text: str, filename: str, fmt: str | None) -> Any:
    """The game written in ``text`` (InputError with file:line problems, as ``negsolve validate``)."""
    from negsolve.io import loads_game

    return loads_game(text, filename, fmt)


def check_text(text: str, filename: str, fmt: str | None) -> list[str]:
    """The problems of ``text``, each as the command line prints it after ``Error:``; [] when it reads."""
    try:
        game = parse_game(text, filename, fmt)
    except InputError as exc:
        return [str(p) for p in exc.problems]
    if _is_tree(game):
        from negsolve.model.recall import recall_problems

        return [f"{filename}: {message}" for _, message in recall_problems(game)]
    return []


def _is_tree(game: Any) -> bool:
    return hasattr(game, "nodes")


def slider_for(p: Any) -> Slider:
    """The slider of parameter ``p``: its domain; an unbounded side reaches 10 past the default."""
    low = p.minimum if p.minimum is not None else min(p.value, p.maximum if p.maximum is not None else p.value) - 10
    high = p.maximum if p.maximum is not None else max(p.value, low) + 10
    span = high - low
    step = Fraction(1, 100)
    while span / step > 400:
        step *= 10
    return Slider(p.name, p.about, low, high, step, p.value, p.value)


def decimal(value: Fraction) -> str:
    """A slider's value as decimal text (12 significant digits; :func:`read_values` maps it back exactly)."""
    return f"{float(value):.12g}"


def read_values(game: Any, form: Mapping[str, str]) -> tuple[dict[str, Fraction], list[str]]:
    """Exact parameter values from the form (``name=2.5``); problems for bad or out-of-domain values."""
    from negsolve.expr import ExpressionError, parse_number
    from negsolve.model.strategic import domain_problems

    values: dict[str, Fraction] = {}
    problems = []
    for p in game.parameters:
        raw = form.get(f"p.{p.name}")
        if raw is None or raw.strip() == "":
            continue
        try:
            values[p.name] = p.value if raw.strip() == decimal(p.value) else parse_number(raw.strip())
        except (ExpressionError, ArithmeticError):
            problems.append(f"{p.name} = {raw[:40]!r}: expected an exact number such as 5, -0.5 or 2/3")
    problems += domain_problems(game.parameters, values, option="parameter")
    return values, problems


def _size(game: Any) -> int:
    if _is_tree(game):
        return len(game.nodes)
    size = 1
    for k in game.shape:
        size *= k
    return size


MAIN, MORE = "main", "more"  # the quick part (equilibria, pictures) and the slow one (stability, explanation)


def game_view(text: str, filename: str, fmt: str | None, form: Mapping[str, str], time_limit: float,
              parts: tuple[str, ...] = (MAIN, MORE)) -> GameView:
    """The page of the game written in ``text`` at the form's parameter values and outcome.

    ``parts``: :data:`MAIN` is what a slider redraws at once (equilibria, table, tree and
    best-response pictures); :data:`MORE` is the stability region of the chosen outcome and the
    explanation (sympy: slower, fetched right after the redraw and cached).
    """
    view = GameView()
    try:
        game = parse_game(text, filename, fmt)
    except InputError as exc:
        view.problems = [str(p) for p in exc.problems]
        return view
    view.game, view.title, view.summary = game, game.title, game.summary.strip()
    values, problems = read_values(game, form)
    view.sliders = [_with_value(slider_for(p), values.get(p.name)) for p in game.parameters]
    if problems:
        view.problems = problems
        return view
    try:
        _solve_into(view, game, values, form.get("outcome") or None, time_limit, parts)
    except InputError as exc:
        view.problems = [str(p) for p in exc.problems]
    except NegsolveError as exc:
        view.problems = [str(exc)]
    return view


def _with_value(slider: Slider, value: Fraction | None) -> Slider:
    if value is None:
        return slider
    return Slider(slider.name, slider.about, slider.low, slider.high, slider.step, value, slider.default)


def _solve_into(view: GameView, game: Any, values: dict[str, Fraction], outcome: str | None,
                time_limit: float, parts: tuple[str, ...]) -> None:
    size = _size(game)
    tree = _is_tree(game)
    if size > (MAX_TREE_NODES if tree else MAX_CELLS):
        unit = "nodes" if tree else "pure-strategy profiles"
        view.notes.append(f"This game is too large for the web explorer ({size:,} {unit}; at most "
                          f"{MAX_TREE_NODES if tree else MAX_CELLS:,}): use 'negsolve solve' on the command line.")
        return
    from negsolve.model.bayesian import is_bayesian

    if is_bayesian(game):
        _solve_bayesian(view, game, values, time_limit, parts)
    elif tree:
        _solve_tree(view, game, values, parts)
    else:
        _solve_strategic(view, game, values, outcome, time_limit, parts)
    if size > (MAX_EXPLAIN_NODES if tree else MAX_EXPLAIN_CELLS):
        view.notes.append("Pictures and explanation are left out for a game this large ('negsolve explain' "
                          "and 'negsolve draw' make them).")
        return
    from negsolve.web.pictures import pictures

    kinds = (("region",) if MORE in parts else ()) + (("table", "tree", "best-response") if MAIN in parts else ())
    view.pictures = pictures(game, values, view.outcome, kinds)
    if MORE in parts:
        view.explanation = _explanation(game, tuple(sorted(values.items())))


@functools.lru_cache(maxsize=64)
def _explanation(game: Any, values: tuple[tuple[str, Fraction], ...]) -> Any:
    from negsolve.explain import explain

    return explain(game, dict(values))


@functools.lru_cache(maxsize=64)
def _stability_text(game: Any, outcome: str, values: tuple[tuple[str, Fraction], ...]) -> str:
    if _is_tree(game):
        from negsolve.analysis.tree_paths import path_region
        from negsolve.render.tree_paths import path_region_text

        return path_region_text(path_region(game, outcome, dict(values)))
    from negsolve.analysis.stability import parse_outcome, stability
    from negsolve.render.analysis import stability_text

    report = stability(game, parse_outcome(game, outcome), dict(values))
    return stability_text(report, report.parameter_ranges())


def _solve_strategic(view: GameView, game: Any, values: dict[str, Fraction], outcome: str | None,
                     time_limit: float, parts: tuple[str, ...]) -> None:
    from negsolve.progress import Budget
    from negsolve.render.report import text_report
    from negsolve.solvers.summary import analyse

    analysis = analyse(game, values, "exact", Budget(time_limit))
    if MAIN in parts:
        view.equilibria = text_report(analysis)
        if not analysis.result.complete:
            view.notes.append(f"The search stopped after {time_limit:g} s: the equilibria listed are those found "
                              "so far ('negsolve solve' can run longer).")
    view.outcomes = [",".join(p.strategies[i] for p, i in zip(game.players, profile, strict=True))
                     for profile in game.profiles()][:MAX_EXPLAIN_CELLS]
    pure = [eq for eq in analysis.result.equilibria if eq.pure]
    if outcome is None or (outcome not in view.outcomes and outcome != ALL):
        outcome = _first_pure(game, pure) or (view.outcomes[0] if view.outcomes else None)
    view.outcome = outcome
    if outcome == ALL:  # the region map of every outcome: no single outcome's conditions to list
        return
    if MORE in parts and game.parameters and outcome is not None and _size(game) <= MAX_EXPLAIN_CELLS:
        view.stability = _stability_text(game, outcome, tuple(sorted(values.items())))


def _solve_bayesian(view: GameView, game: Any, values: dict[str, Fraction], time_limit: float,
                    parts: tuple[str, ...]) -> None:
    """A game with types: one table per type profile, then every Bayesian Nash equilibrium."""
    from negsolve.model.bayesian import bayesian_values
    from negsolve.progress import Budget
    from negsolve.render.bayesian import tables_text, text_report
    from negsolve.solvers.bayesian import solve_bayesian

    if MAIN in parts:
        result = solve_bayesian(game, values, "exact", Budget(time_limit))
        view.equilibria = tables_text(game, bayesian_values(game, values), values) + "\n\n" + text_report(result)


def _first_pure(game: Any, pure: list[Any]) -> str | None:
    for eq in pure:
        picks = [s.index(1) for s in eq.profile]
        return ",".join(p.strategies[i] for p, i in zip(game.players, picks, strict=True))
    return None


def _solve_tree(view: GameView, game: Any, values: dict[str, Fraction], parts: tuple[str, ...]) -> None:
    from negsolve.model.tree import tree_problems
    from negsolve.render.tree import tree_text_report
    from negsolve.solvers.backward import solve_tree
    from negsolve.solvers.sequential import check_plan

    problems = tree_problems(game, values)
    if problems:
        raise InputError([Problem(m + ", at the chosen parameter values", file=game.source or None)
                          for m in problems])
    result = solve_tree(game, values, limit=TREE_LIMIT)
    if MAIN in parts:
        checks = [check_plan(game, eq.plan, values) for eq in result.equilibria]
        view.equilibria = tree_text_report(game, result, game.parameter_values(values), checks)
    if result.equilibria:
        view.outcome = ",".join(result.equilibria[0].path)
    if MORE in parts and game.parameters and view.outcome:
        view.stability = _stability_text(game, view.outcome, tuple(sorted(values.items())))
