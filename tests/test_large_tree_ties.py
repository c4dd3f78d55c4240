"""Ties in large trees stay on the fast path (issue 9 item 8, issue 11 "Trees"): exact counts of
subgame-perfect equilibria against a brute-force oracle and the general solver."""

from __future__ import annotations

import importlib
import itertools
import json
import random
import sys
from fractions import Fraction as F
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_backward import random_tree

from negsolve.io.efg import dumps_efg, loads_efg
from negsolve.io.efg_fast import read_compact
from negsolve.model.tree import DECISION, TERMINAL
from negsolve.solvers.backward import solve_tree
from negsolve.solvers.fast_backward import solve_compact

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from large_trees import binary_efg, chain_efg  # noqa: E402

cli_main = importlib.import_module("negsolve.cli.main")
large_tree = importlib.import_module("negsolve.solvers.large_tree")
large_tree_render = importlib.import_module("negsolve.render.large_tree")


def brute_force_spe(tree) -> tuple[int, set]:  # type: ignore[no-untyped-def]
    """Every pure plan, checked against the definition: at every decision node the move taken
    maximises the mover's payoff given the plan below.  (count, set of root payoff vectors)."""
    index = {n.id: n for n in tree.nodes}
    decisions = [n for n in tree.nodes if n.kind == DECISION]

    def value(node_id, plan):  # type: ignore[no-untyped-def]
        node = index[node_id]
        if node.kind == TERMINAL:
            return tuple(e.value for e in node.outcome.payoffs)
        return value(node.children[plan[node.id]], plan)

    count, outcomes = 0, set()
    for choice in itertools.product(*(range(len(n.moves)) for n in decisions)):
        plan = {n.id: c for n, c in zip(decisions, choice, strict=True)}
        if all(value(n.children[plan[n.id]], plan)[n.player] >= max(value(c, plan)[n.player] for c in n.children)
               for n in decisions):
            count += 1
            outcomes.add(value(tree.nodes[0].id, plan))
    return count, outcomes


def compact_children(compact) -> list[list[int]]:  # type: ignore[no-untyped-def]
    """Each node's children in the compact preorder arrays, rebuilt from the child counts alone."""
    children: list[list[int]] = [[] for _ in compact.kind.tolist()]
    stack: list[list[int]] = []  # [node, children left]
    for k, c in enumerate(compact.children.tolist()):
        if stack:
            children[stack[-1][0]].append(k)
            stack[-1][1] -= 1
            if stack[-1][1] == 0:
                stack.pop()
        if c:
            stack.append([k, c])
    return children


def plan_is_subgame_perfect(compact, choice: list[int], payoffs: tuple) -> bool:  # type: ignore[no-untyped-def]
    """One-shot deviation check of a plan on the compact arrays: at every decision node the chosen
    child's value (under the plan) is best for the mover; the root's value is ``payoffs``."""
    kind, player, pay = compact.kind.tolist(), compact.player.tolist(), compact.payoff.tolist()
    children = compact_children(compact)
    value: list = [None] * len(kind)
    for k in range(len(kind) - 1, -1, -1):
        if kind[k] == 0:
            value[k] = tuple(pay[k])
            continue
        best = max(value[c][player[k]] for c in children[k])
        value[k] = value[children[k][choice[k]]]
        if value[k][player[k]] != best:
            return False
    return tuple(F(v) for v in value[0]) == payoffs


@pytest.mark.parametrize("method", ["levels", "nodes"])
def test_tied_counts_equal_the_definition(method: str) -> None:
    checked = 0
    for seed in range(250):
        rng = random.Random(seed)
        tree = random_tree(rng, rng.choice([2, 3]), rng.randint(1, 3), chance=False, low=0, high=rng.choice([1, 2]))
        if sum(n.kind == DECISION for n in tree.nodes) > 9:
            continue
        compact = read_compact(dumps_efg(tree))
        assert compact is not None
        fast = solve_compact(compact, method)
        count, outcomes = brute_force_spe(tree)
        assert (fast.count, fast.outcomes) == (count, len(outcomes)), seed
        assert fast.payoffs in {tuple(F(v) for v in o) for o in outcomes}
        checked += 1
    assert checked >= 90


@pytest.mark.parametrize("depth,modulus", [(12, 11), (10, 2), (8, 3)], ids=["2^12-mod-11", "2^10-mod-2", "2^8-mod-3"])
def test_binary_trees_with_many_ties_agree_with_the_general_solver(tmp_path: Path, depth: int, modulus: int) -> None:
    path = tmp_path / "tree.efg"
    binary_efg(depth, path, modulus=modulus, seed=depth)
    text = path.read_text()
    general = solve_tree(loads_efg(text), limit=50)
    compact = read_compact(text)
    assert compact is not None
    for method in ("levels", "nodes"):
        fast = solve_compact(compact, method)
        assert fast is not None
        assert fast.count == general.count and fast.count > 1
        assert plan_is_subgame_perfect(compact, fast.choice.tolist(), fast.payoffs)


def test_tied_chain_agrees_with_the_general_solver(tmp_path: Path) -> None:
    path = tmp_path / "chain.efg"
    chain_efg(300, path, modulus=2)
    text = path.read_text()
    general = solve_tree(loads_efg(text), limit=5)
    compact = read_compact(text)
    assert compact is not None
    for method in ("levels", "nodes", None):
        fast = solve_compact(compact, method)
        assert fast is not None and fast.count == general.count


def test_cli_large_path_reports_tied_counts_exactly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.efg"
    binary_efg(9, path, modulus=3, seed=4)
    monkeypatch.setattr(large_tree, "LARGE_EFG_BYTES", 10)
    out = CliRunner().invoke(cli_main.cli, ["solve", str(path), "--format", "json"])
    assert out.exit_code == 0, out.stderr
    data = json.loads(out.stdout)
    assert "large-tree path" in data["method"]
    assert data["subgame_perfect_count"] == solve_tree(loads_efg(path.read_text()), limit=1).count


def test_huge_counts_are_printed_without_overflowing() -> None:
    huge = 3**100_000
    assert large_tree_render.count_text(huge) == "about 1.33 x 10^47,712"
    digits = large_tree_render.count_json(huge)
    assert isinstance(digits, str) and len(digits) == 47_713 and digits.startswith("1334")
    assert large_tree_render.count_json(12) == 12 and large_tree_render.count_text(123_456) == "123,456"


def _drawing(text: str) -> str:
    lines = text.splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith("Payoffs in order"))
    end = next(k for k, line in enumerate(lines) if "more nodes not drawn" in line)
    return "\n".join(lines[start:end + 1])


@pytest.mark.parametrize("max_nodes", [1, 6, 40])
def test_show_on_a_large_efg_draws_the_same_top_as_the_general_path(tmp_path: Path, max_nodes: int,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.efg"
    binary_efg(6, path, modulus=10**9, seed=2)
    runner = CliRunner()
    general = runner.invoke(cli_main.cli, ["show", str(path), "--max-nodes", str(max_nodes)])
    monkeypatch.setattr(large_tree, "LARGE_EFG_BYTES", 10)
    large = runner.invoke(cli_main.cli, ["show", str(path), "--max-nodes", str(max_nodes)])
    assert large.exit_code == 0, large.stderr
    assert "127 nodes, perfect information (large-tree path)" in large.stdout
    assert _drawing(large.stdout) == _drawing(general.stdout)


@pytest.mark.parametrize("payoffs", ["1.5 2", "1/2 2", "12345678901234567890 1", "9999999999999999999 1", "+-1 2",
                                     "1-2 3", "- 3", "1e3 2", "abc 1",
                                     "1 2 3", "1"])
def test_the_regex_reader_declines_numbers_it_cannot_read_exactly(payoffs: str) -> None:
    text = ('EFG 2 R "d" { "A" "B" }\n""\n\np "" 1 1 "" { "x" "y" } 0\n'
            f't "" 1 "" {{ {payoffs} }}\nt "" 2 "" {{ 0 0 }}\n')
    assert read_compact(text) is None


def test_the_regex_reader_reads_signs_and_commas() -> None:
    text = 'EFG 2 R "d" { "A" "B" }\n""\n\np "" 1 1 "" { "x" "y" } 0\nt "" 1 "" { -5, +7 }\nt "" 2 "" { 0 0 }\n'
    compact = read_compact(text)
    assert compact is not None and compact.payoff.tolist() == [[0, 0], [-5, 7], [0, 0]]
