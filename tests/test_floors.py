"""The floors hold: no negsolve module imports a higher floor, and negsolve's imports have no cycle.

Floors, lowest first (docs/architecture.md; STYLE.md "Architecture"): shared leaves (errors,
limits, progress) → model (with the expression parser and the text formatting helpers that
explain and render share) → io → solvers / analysis / deals → explain → render → runs / cli.
A module may import its own floor or lower ones, at module level or inside a function; the few
upward imports that remain are listed in ``ALLOWED`` with the reason, and the list may only
shrink (an entry that no longer occurs fails too).  Read with :mod:`ast`: nothing is imported.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "negsolve"

FLOORS: dict[str, int] = {
    "errors": 0, "limits": 0, "progress": 0, "pictures": 0,
    "model": 1, "expr": 1, "formatting": 1,
    "io": 2,
    "solvers": 3, "analysis": 3, "deals": 3, "beliefs": 3, "signalling": 3,
    "explain": 4,
    "render": 5, "draw": 5,
    "runs": 6, "cli": 6, "web": 6, "__main__": 6, "": 6,  # "": the package's own __init__ (lazy API re-exports)
}

# (importing module, imported module): why an upward import stays.  None does: the notebook pictures,
# the last four, now go through the ground-floor hook negsolve.pictures that the package root installs.
ALLOWED: dict[tuple[str, str], str] = {}

# Import cycles that remain, each with its reason; none does.
ALLOWED_CYCLES: dict[tuple[str, str], str] = dict(ALLOWED)

# Renderers render: from the computing floors they import result types (capitalised names) and
# constants, never a computation; the caller computes and passes the values in.
RENDERERS = ("render",)
COMPUTING = {"solvers", "analysis", "deals", "beliefs", "signalling"}
# methods of result objects that compute on request (the caller calls them and passes the value)
COMPUTING_METHODS = {"parameter_ranges"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _floor(module: str) -> int:
    parts = module.split(".")
    return FLOORS[parts[1] if len(parts) > 1 else ""]


def _imports(path: Path, module: str) -> set[str]:
    """Every negsolve module ``path`` imports, wherever the import statement stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("negsolve"))
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, package)
            if not base.startswith("negsolve"):
                continue
            for alias in node.names:  # `from negsolve.cli import deals` imports a module
                candidate = f"{base}.{alias.name}"
                found.add(candidate if _exists(candidate) else base)
    return found


def _absolute(node: ast.ImportFrom, package: str) -> str:
    """The absolute module of ``from ... import``, relative ones resolved against ``package``."""
    base = node.module or ""
    if node.level:
        anchor = package.split(".")
        anchor = anchor[: len(anchor) - node.level + 1]
        base = ".".join([*anchor, base] if base else anchor)
    return base


def _exists(module: str) -> bool:
    rel = Path(*module.split(".")[1:])
    return (PACKAGE / rel).with_suffix(".py").exists() or (PACKAGE / rel / "__init__.py").exists()


def _graph() -> dict[str, set[str]]:
    graph = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        graph[module] = {m for m in _imports(path, module) if m != module}
    return graph


GRAPH = _graph()


def test_every_module_sits_on_a_floor() -> None:
    unknown = sorted(m for m in GRAPH if (m.split(".") + [""])[1] not in FLOORS)
    assert unknown == []


def test_no_module_imports_a_higher_floor() -> None:
    upward = {(m, t) for m, targets in GRAPH.items() for t in targets if _floor(t) > _floor(m)}
    assert sorted(upward - set(ALLOWED)) == []
    assert sorted(set(ALLOWED) - upward) == [], "an allowed exception is gone: remove it from ALLOWED"


def test_explain_never_imports_render() -> None:
    assert sorted((m, t) for m, ts in GRAPH.items() for t in ts
                  if m.startswith("negsolve.explain") and t.startswith("negsolve.render")) == []


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """A cycle of module-level-or-not imports among modules, as a list, or [] (iterative DFS)."""
    colour: dict[str, int] = {}
    for start in graph:
        if colour.get(start):
            continue
        stack = [(start, iter(sorted(graph[start])))]
        path = [start]
        colour[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                colour[node] = 2
            elif child in graph and colour.get(child) == 1:
                return path[path.index(child):] + [child]
            elif child in graph and not colour.get(child):
                colour[child] = 1
                path.append(child)
                stack.append((child, iter(sorted(graph[child]))))
    return []


def _package_parents(module: str) -> set[str]:
    parts = module.split(".")
    return {".".join(parts[:k]) for k in range(1, len(parts))}


def test_no_import_cycle_between_modules() -> None:
    # a package's __init__ importing its own submodules (re-exports) is not a cycle of design
    graph = {m: {t for t in ts if t not in _package_parents(m) and m not in _package_parents(t)
                 and (m, t) not in ALLOWED_CYCLES}
             for m, ts in GRAPH.items()}
    assert _cycle(graph) == []
    assert sorted(e for e in ALLOWED_CYCLES if e[1] not in GRAPH[e[0]]) == [], "remove it from ALLOWED_CYCLES"


def _computes(dotted: str) -> bool:
    """Whether ``dotted`` (a module, or ``negsolve.NAME``) names a computing floor or negsolve's lazy API."""
    parts = dotted.split(".")
    return parts[0] == "negsolve" and len(parts) > 1 and (
        parts[1] in COMPUTING or (not _exists(dotted) and not parts[1].startswith("_")))


def _computations(source: str, module: str) -> set[tuple[str, str]]:
    """What module ``module`` (its text ``source``) takes from a computing floor that is not a type.

    Caught: a lower-case name imported from a computing floor (a function, or a module:
    ``from negsolve.solvers import pure``), relative imports included; a lower-case name from
    negsolve's lazy API (``from negsolve import solve``); ``import negsolve.solvers.pure``; and
    ``importlib.import_module``/``__import__`` of such a module by a literal name; a call of a
    result method that computes on request (``COMPUTING_METHODS``).  Capitalised names (result
    types, constants such as ``LABELS``) are allowed.
    """
    package = module.rpartition(".")[0]
    found: set[tuple[str, str]] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            base = _absolute(node, package)
            found.update((module, alias.name) for alias in node.names
                         if not alias.name[0].isupper() and _computes(f"{base}.{alias.name}" if base == "negsolve"
                                                                      else base))
        elif isinstance(node, ast.Import):
            found.update((module, alias.name) for alias in node.names if _computes(alias.name))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in COMPUTING_METHODS):
            found.add((module, f".{node.func.attr}()"))
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str) and _computes(node.args[0].value)
              and (getattr(node.func, "attr", None) == "import_module" or getattr(node.func, "id", None)
                   in ("import_module", "__import__"))):
            found.add((module, node.args[0].value))
    return found


def test_renderers_call_no_computation() -> None:
    found = set()
    for floor in RENDERERS:
        for path in sorted((PACKAGE / floor).rglob("*.py")):
            found |= _computations(path.read_text(encoding="utf-8"), _module_name(path))
    assert sorted(found) == [], "a renderer computes: compute in the caller and pass the values in"


@pytest.mark.parametrize("source,expected", [
    ("from negsolve.solvers.pure import best_response_marks", {"best_response_marks"}),
    ("def f():\n    from negsolve.analysis.concessions import side_payments", {"side_payments"}),
    ("from ..deals.hull import hull", {"hull"}),
    ("from ..signalling import solve as go", {"solve"}),
    ("from negsolve.solvers import pure", {"pure"}),
    ("import negsolve.beliefs.assessment", {"negsolve.beliefs.assessment"}),
    ("from negsolve import solve, InputError, __version__", {"solve"}),
    ("import importlib\nimportlib.import_module('negsolve.analysis.sweep_boundaries')",
     {"negsolve.analysis.sweep_boundaries"}),
    ("def text(report):\n    return str(report.parameter_ranges())", {".parameter_ranges()"}),
    ("from negsolve.solvers.results import SolveResult\nfrom negsolve.deals.bargaining import LABELS", set()),
    ("from negsolve.formatting import fmt\nfrom ..render.numbers import fmt as f\nimport negsolve.model", set()),
], ids=["function", "inside-a-function", "relative", "relative-package", "module", "import-module", "lazy-api",
        "import_module-call", "computing-method", "types-and-constants", "lower-floors"])
def test_computation_detector_fires_on_synthetic_renderers(source: str, expected: set[str]) -> None:
    found = _computations(source, "negsolve.render.synthetic")
    assert found == {("negsolve.render.synthetic", name) for name in expected}


@pytest.mark.parametrize("graph,expected", [
    ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ({"a": {"b"}, "b": {"c"}, "c": {"b"}}, ["b", "c", "b"]),
], ids=["two-cycle", "chain", "inner-cycle"])
def test_cycle_finder_finds_cycles(graph: dict[str, set[str]], expected: list[str]) -> None:
    assert _cycle(graph) == expected


def test_import_reader_sees_imports_inside_functions() -> None:
    found = GRAPH["negsolve.solvers.backward"]
    assert "negsolve.model.recall" in found  # imported inside solve_tree
