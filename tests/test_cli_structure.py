"""The thin CLI and the solver registry (issue 16): lazy command loading, no import cycle,
one table for every command, one registry for every engine, and the API's dispatch on the
game's type with negsolve's own errors."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction

import click
import pytest
from click.testing import CliRunner

import negsolve
from negsolve.cli.app import COMMANDS, cli
from negsolve.errors import InputError, SolverError
from negsolve.solvers.registry import ENGINES, KINDS, engine_names, find_engine, kind_of


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_importing_the_cli_loads_no_command_module() -> None:
    loaded = _modules_after("import negsolve.cli.main")
    assert not {m for m in loaded if m.startswith("negsolve.cli.") and m.rsplit(".", 1)[1] in
                {"browse", "solving", "formats", "analysis", "teach", "deals", "runs"}}
    assert not {m for m in loaded if m.startswith(("negsolve.solvers", "negsolve.analysis", "negsolve.render"))}


def test_list_loads_only_its_own_command_module() -> None:
    loaded = _modules_after("from click.testing import CliRunner\nfrom negsolve.cli.main import cli\n"
                            "CliRunner().invoke(cli, ['list'])")
    assert "negsolve.cli.browse" in loaded
    assert not {"negsolve.cli.solving", "negsolve.cli.analysis", "negsolve.cli.teach"} & loaded
    assert not {m for m in loaded if m.startswith(("negsolve.solvers", "negsolve.analysis"))}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_table_entry_is_a_click_command_of_that_name(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert isinstance(command, click.Command)
    assert command.name == name


def test_help_lists_exactly_the_table_and_registered_commands() -> None:
    help_text = CliRunner().invoke(cli, ["--help"], terminal_width=200).stdout
    listed = [line.split()[0] for line in help_text.split("Commands:")[1].strip().splitlines()]
    assert listed == sorted(set(COMMANDS) | set(cli.commands))


def test_a_module_registering_with_cli_command_still_works() -> None:
    @cli.command("zz-probe")
    def probe() -> None:
        """A probe."""
        click.echo("probe ran")

    try:
        assert "zz-probe" in cli.list_commands(click.Context(cli))
        assert CliRunner().invoke(cli, ["zz-probe"]).stdout == "probe ran\n"
    finally:
        del cli.commands["zz-probe"]


def test_console_script_entry_is_a_callable_module_not_a_shadowing_function() -> None:
    import importlib

    import negsolve.cli as package

    module = importlib.import_module("negsolve.cli.main")
    assert package.main is module and callable(module)
    out = subprocess.run([sys.executable, "-c", "from negsolve.cli import main; main()", "--version"],
                         capture_output=True, text=True)
    assert out.stdout.strip() == f"negsolve, version {negsolve.__version__}"


def test_engine_choices_come_from_the_registry() -> None:
    solve = cli.get_command(click.Context(cli), "solve")
    assert solve is not None
    option = next(p for p in solve.params if p.name == "engine")
    assert list(option.type.choices) == list(engine_names("strategic-2")) == list(negsolve.solvers.ENGINES)


def test_every_engine_points_at_a_function_and_every_kind_has_one() -> None:
    assert {e.kind for e in ENGINES} == set(KINDS)
    for engine in ENGINES:
        assert callable(engine.function()), engine.name
    assert find_engine("strategic-2").name == "exact"
    with pytest.raises(InputError, match="unknown engine 'simplex'; choose from exact, lrs"):
        find_engine("strategic-2", "simplex")


def test_kind_of_dispatches_on_the_game_type() -> None:
    assert kind_of(negsolve.load_game("stag-hunt")) == "strategic-2"
    assert kind_of(negsolve.load_game("three-party")) == "strategic-n"
    assert kind_of(negsolve.load_game("entry-deterrence")) == "tree"
    with pytest.raises(InputError, match="not str"):
        kind_of("stag-hunt")


def test_solve_and_analyse_dispatch_on_the_game_type() -> None:
    tree = negsolve.load_game("entry-deterrence")
    # Entry deterrence: the incumbent accommodates, so the entrant enters (one SPE).
    assert negsolve.solve(tree).count == 1
    report = negsolve.analyse(tree, nash=True)
    assert report.result.count == 1
    assert report.nash is not None and any(m.subgame_perfect is False for m in report.nash.marked)
    pd = negsolve.analyse(negsolve.load_game("prisoners-dilemma"))
    assert [eq.profile for eq in pd.result.equilibria] == [((Fraction(0), Fraction(1)), (Fraction(0), Fraction(1)))]


@pytest.mark.parametrize("call", [
    lambda: negsolve.solve("prisoners-dilemma"),
    lambda: negsolve.analyse(negsolve.load_game("stag-hunt"), {"zz": 1}),
    lambda: negsolve.analyse(negsolve.load_game("stag-hunt"), nash=True),
    lambda: negsolve.analyse(negsolve.load_game("entry-deterrence"), depth=3),
    lambda: negsolve.solve(negsolve.load_game("stag-hunt"), engine="simplex"),
    lambda: negsolve.solve(negsolve.load_game("entry-deterrence"), engine="lrs"),
], ids=["not-a-game", "unknown-parameter", "tree-option-on-strategic", "unknown-option", "unknown-engine",
        "engine-on-tree"])
def test_api_misuse_is_an_input_error(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError):
        call()


def test_results_hold_no_mutable_mappings() -> None:
    report = negsolve.analyse(negsolve.load_game("freeze-for-freeze"))
    with pytest.raises(TypeError):
        report.values["s"] = Fraction(1)  # type: ignore[index]
    tree_report = negsolve.analyse(negsolve.load_game("talks-about-talks"))
    with pytest.raises(TypeError):
        tree_report.values["p"] = Fraction(1)  # type: ignore[index]


def test_solver_failures_are_solver_errors() -> None:
    from negsolve.solvers.polytope import VertexLimitError

    assert issubclass(VertexLimitError, SolverError)
