#!/usr/bin/env python3
"""List the functions longer than a limit (default 60 lines, decorators and docstring included).

Usage: ``python .ci/long_functions.py [--limit N] [DIR ...]`` (default: negsolve/explain, negsolve/io,
negsolve/solvers, negsolve/analysis).  Prints ``lines  path:line  name`` longest first and a count;
exit status 0 (a report, not a gate).
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

DEFAULT_DIRS = ("negsolve/explain", "negsolve/io", "negsolve/solvers", "negsolve/analysis")


def long_functions(dirs: list[str], limit: int) -> list[tuple[int, str, int, str]]:
    """(lines, path, first line, qualified name) of every function over ``limit`` lines."""
    found = []
    for top in dirs:
        for path in [Path(top)] if Path(top).is_file() else sorted(Path(top).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            stack: list[tuple[ast.AST, str]] = [(tree, "")]
            while stack:
                node, prefix = stack.pop()
                for child in ast.iter_child_nodes(node):
                    name = prefix
                    if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                        name = f"{prefix}{child.name}"
                        if not isinstance(child, ast.ClassDef):
                            first = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                            lines = (child.end_lineno or child.lineno) - first + 1
                            if lines > limit:
                                found.append((lines, path.as_posix(), child.lineno, name))
                        name += "."
                    stack.append((child, name))
    return sorted(found, key=lambda f: (-f[0], f[1], f[2]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("dirs", nargs="*", default=list(DEFAULT_DIRS))
    args = parser.parse_args()
    found = long_functions(args.dirs, args.limit)
    for lines, path, line, name in found:
        print(f"{lines:4d}  {path}:{line}  {name}")
    print(f"{len(found)} function(s) over {args.limit} lines in {', '.join(args.dirs)}")


if __name__ == "__main__":
    main()
