"""The scalable path for large .efg trees agrees with the general reader and solver."""

from __future__ import annotations

import importlib
import json
import random
from fractions import Fraction as F

from click.testing import CliRunner
from test_backward import random_tree

from negsolve.io.efg import dumps_efg, loads_efg
from negsolve.io.efg_fast import read_compact
from negsolve.solvers.backward import solve_tree
from negsolve.solvers.fast_backward import solve_compact

cli_main = importlib.import_module("negsolve.cli.main")
large_tree = importlib.import_module("negsolve.solvers.large_tree")
large_tree_render = importlib.import_module("negsolve.render.large_tree")


def _efg_text(rng: random.Random, players: int, depth: int, low: int, high: int) -> str:
    tree = random_tree(rng, players, depth, chance=False, low=low, high=high)
    return dumps_efg(tree)


def test_fast_path_agrees_with_the_general_solver() -> None:
    compared = 0
    for seed in range(60):
        rng = random.Random(seed)
        # small payoff ranges make ties (equal payoff vectors and different ones) common
        text = _efg_text(rng, rng.choice([2, 3]), rng.randint(2, 5), 0, rng.choice([2, 5, 1000]))
        compact = read_compact(text)
        assert compact is not None
        fast = solve_compact(compact)
        assert fast is not None  # ties, even between different payoff vectors, stay on the fast path
        general = solve_tree(loads_efg(text), limit=2000)
        assert fast.count == general.count
        if general.truncated:
            continue
        plans = [e.plan for e in general.equilibria]
        assert fast.plan(compact) in plans
        match = general.equilibria[plans.index(fast.plan(compact))]
        assert fast.payoffs == match.payoffs
        assert fast.path == match.path
        compared += 1
    assert compared >= 20


def test_fast_reader_declines_what_it_cannot_read() -> None:
    chance = 'EFG 2 R "c" { "A" }\n""\n\nc "" 1 "" { "h" 1/2 "t" 1/2 } 0\nt "" 1 "" { 1 }\nt "" 2 "" { 0 }\n'
    assert read_compact(chance) is None
    decimals = 'EFG 2 R "d" { "A" }\n""\n\np "" 1 1 "" { "x" "y" } 0\nt "" 1 "" { 1.5 }\nt "" 2 "" { 0 }\n'
    assert read_compact(decimals) is None
    infoset = ('EFG 2 R "i" { "A" "B" }\n""\n\np "" 1 1 "" { "x" "y" } 0\np "" 2 1 "" { "l" "r" } 0\n'
               't "" 1 "" { 1 0 }\nt "" 2 "" { 0 1 }\np "" 2 1 "" { "l" "r" } 0\n'
               't "" 3 "" { 0 0 }\nt "" 4 "" { 1 1 }\n')
    assert read_compact(infoset) is None


def test_cli_uses_the_fast_path_for_a_large_file(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(3)
    text = _efg_text(rng, 2, 6, -10**6, 10**6)
    path = tmp_path / "big.efg"
    path.write_text(text)
    monkeypatch.setattr(large_tree, "LARGE_EFG_BYTES", 10)
    out = CliRunner().invoke(cli_main.cli, ["solve", str(path), "--format", "json"])
    assert out.exit_code == 0, out.stderr
    data = json.loads(out.stdout)
    assert "large-tree path" in data["method"]
    general = solve_tree(loads_efg(text))
    assert data["subgame_perfect_count"] == general.count
    first = general.equilibria[0]
    assert [F(v) for v in data["subgame_perfect"][0]["payoffs"].values()] == list(first.payoffs)
