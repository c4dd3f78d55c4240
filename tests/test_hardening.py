"""Issue 9, the input side: limits on numbers, expressions, files and sizes; names; perfect
recall; interoperability fixes.  Each test reproduces a finding of the issue (it failed on
main before the fix); the golden messages of bad files are in tests/data/invalid/."""

from __future__ import annotations

import json
import re
from fractions import Fraction as F
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import negsolve
from negsolve import limits
from negsolve.cli.main import cli
from negsolve.errors import InputError
from negsolve.expr import ExpressionError, parse_expression, parse_number
from negsolve.io import load_game, loads_game
from negsolve.io.efg import dumps_efg, loads_efg
from negsolve.io.nfg import unique_names
from negsolve.model.expression import EvaluationError, evaluate
from negsolve.model.recall import recall_problems
from negsolve.model.tree import DECISION, TERMINAL, GameTree, Node, Outcome

DATA = Path(__file__).parent / "data"
TINY = (DATA / "valid" / "tiny.toml").read_text(encoding="utf-8")


def run(args: list[str]):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, args)


def with_payoff(tmp_path: Path, payoff: str, name: str = "game.toml") -> str:
    path = tmp_path / name
    path.write_text(TINY.replace('"3 - s"', payoff), encoding="utf-8")
    return str(path)


# -- 1. number literals ----------------------------------------------------------------------------

@pytest.mark.parametrize("literal", ["1e999999", "1e-999999", "1e99999", "1e1001", "-1e-1001", "1" * 1001,
                                     "1/" + "3" * 1001, "0." + "1" * 1001])
def test_number_literals_beyond_the_limits_are_refused(literal: str) -> None:
    with pytest.raises(limits.LimitError):
        limits.parse_literal(literal)
    if len(literal) <= 500:  # longer text is refused by the expression length limit first
        with pytest.raises(ExpressionError, match="is out of range"):
            parse_number(literal)


@pytest.mark.parametrize(("literal", "value"), [("1e1000", F(10) ** 1000), ("1e-1000", F(1, 10**1000)),
                                                ("9" * 1000, F(10**1000 - 1)), ("2.5e-3", F(1, 400)),
                                                ("-3/" + "7" * 999, F(-3, int("7" * 999)))])
def test_number_literals_at_the_limits_are_exact(literal: str, value: F) -> None:
    assert limits.parse_literal(literal) == value


@pytest.mark.parametrize("payoff", ['"1e999999"', "1e999999", '"1e-999999"', "1e-999999", '"1e99999"'])
@pytest.mark.parametrize("command", ["validate", "show", "solve"])
def test_huge_payoffs_are_input_errors_everywhere(tmp_path: Path, payoff: str, command: str) -> None:
    result = run([command, with_payoff(tmp_path, payoff)])
    assert result.exit_code == 2
    assert "is out of range: its decimal exponent" in result.stderr
    assert "internal error" not in result.stderr


@pytest.mark.parametrize("value", ["1e999999", "1e-999999", "١٢"])
def test_set_refuses_huge_and_non_ascii_numbers(value: str) -> None:
    result = run(["solve", "freeze-for-freeze", "--set", f"s={value}"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: --set 's={value}': the value must be an exact number")


@pytest.mark.parametrize("axis", ["s=0:1e999999:3", "s=1,1e-999999", "s=1e99999:2:2"])
def test_param_refuses_huge_numbers(axis: str) -> None:
    result = run(["sweep", "freeze-for-freeze", "--param", axis])
    assert result.exit_code == 2
    assert "is out of range" in result.stderr


def test_a_toml_integer_beyond_pythons_digit_limit(tmp_path: Path) -> None:
    path = with_payoff(tmp_path, "9" * 5000)
    result = run(["validate", path])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}:19: a number is out of range: it has more than 1000 digits\n"


# -- 2. expressions ---------------------------------------------------------------------------------

def test_a_tower_of_small_exponents_is_checked_by_its_size() -> None:
    with pytest.raises(ExpressionError, match=r"the exact value of '\(\(\(\(2\*\*12\)\*\*12\)\*\*12\)\*\*12\)' is "
                                              r"too large: beyond the limit of 4096 bits"):
        parse_number("((((2**12)**12)**12)**12)")
    assert parse_number("((2**12)**12)**12") == 2**1728  # 1,729 bits: within the limit


def test_deep_parentheses_give_a_message_not_a_recursion_error() -> None:
    with pytest.raises(ExpressionError, match="nests parentheses and signs more than 50 deep"):
        parse_expression("(" * 200 + "1" + ")" * 200)
    with pytest.raises(ExpressionError, match="more than 50 deep"):
        parse_expression("-" * 300 + "1")
    assert parse_number("(" * 50 + "7" + ")" * 50) == 7


def test_values_computed_with_parameters_are_bounded() -> None:
    expr = parse_expression("s**12 * s", {"s"})
    assert evaluate(expr, {"s": F(10**90)}) == F(10**1170)
    with pytest.raises(EvaluationError, match="too large"):
        evaluate(expr, {"s": F(10**400)})


def test_a_parameter_value_that_makes_a_payoff_too_large(tmp_path: Path) -> None:
    result = run(["solve", with_payoff(tmp_path, '"s**12"'), "--set", "s=1e400"])
    assert result.exit_code == 2
    assert "would be too large" in result.stderr


@settings(max_examples=60, deadline=None)
@given(st.integers(-(2**600), 2**600).filter(bool), st.integers(1, 12), st.integers(1, 2**600))
def test_a_refused_power_is_really_too_large(numerator: int, exponent: int, denominator: int) -> None:
    base = F(numerator, denominator)
    if not limits.power_fits(base, exponent):  # refused before computing: it would not have fitted
        assert limits.size_problem(base**exponent) is not None


# -- 3. files and declared sizes ---------------------------------------------------------------------

def test_a_device_is_not_read() -> None:
    result = run(["validate", "/dev/null"])
    assert result.exit_code == 2
    assert result.stderr == ("Error: /dev/null: is not a regular file (a device, pipe or socket); "
                             "negsolve reads game files only\n")


@pytest.mark.parametrize(("suffix", "size"), [(".toml", "16 MB"), (".nfg", "64 MB"), (".efg", "256 MB")])
def test_files_over_the_size_limit_are_refused_before_reading(tmp_path: Path, suffix: str, size: str) -> None:
    path = tmp_path / f"big{suffix}"
    with open(path, "wb") as handle:  # sparse: nothing is written
        handle.truncate(limits.MAX_FILE_BYTES[suffix[1:]] + 1)
    result = run(["validate", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {path}: the file is too large: a {suffix} file may have at most {size} "
                             "(hint: see docs/limits.md)\n")


def test_too_many_profiles_in_toml(tmp_path: Path) -> None:
    strategies = "[" + ", ".join(f'"s{k}"' for k in range(1001)) + "]"
    text = (f'[game]\ntitle = "x"\n[[players]]\nname = "A"\nstrategies = {strategies}\n'
            f'[[players]]\nname = "B"\nstrategies = {strategies}\n[payoffs]\n')
    path = tmp_path / "wide.toml"
    path.write_text(text, encoding="utf-8")
    result = run(["validate", str(path)])
    assert result.stderr == (f"Error: {path}: players: the game has 1002001 strategy profiles, the limit is "
                             "1000000 (hint: see docs/limits.md)\n")


def test_problems_are_capped_and_located_in_one_scan(tmp_path: Path) -> None:
    path = tmp_path / "unknown.toml"
    path.write_text("".join(f"k{k} = {k}\n" for k in range(300)) + '[game]\ntitle = "x"\n', encoding="utf-8")
    lines = run(["validate", str(path)]).stderr.splitlines()
    assert len(lines) == 101  # 100 problems and the note
    assert lines[0] == f"Error: {path}:1: k0: unknown table or key (hint: a strategic game has [game], " \
                       "[parameters], [[players]] and [payoffs])"
    assert lines[99].startswith(f"Error: {path}:100: k99: unknown table or key")
    assert f"Error: {path}: more problems follow; only the first 100 are listed" in lines


def test_deeply_nested_toml(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("a = " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    result = run(["validate", str(path)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}: arrays or inline tables are nested too deeply to read " \
                            "(hint: a game file needs a few levels)\n"


def test_one_player_is_refused_alike_in_toml_and_nfg(tmp_path: Path) -> None:
    toml = tmp_path / "one.toml"
    toml.write_text('[game]\ntitle = "x"\n[[players]]\nname = "A"\nstrategies = ["a", "b"]\n[payoffs]\n'
                    "a = [[1]]\nb = [[2]]\n", encoding="utf-8")
    nfg = tmp_path / "one.nfg"
    nfg.write_text('NFG 1 R "x" { "A" } { 2 }\n""\n1 2\n', encoding="utf-8")
    messages = [run(["validate", str(p)]).stderr for p in (toml, nfg)]
    for message in messages:
        assert "a game needs at least 2 players, found 1" in message


def test_unique_names_renumber_repeats() -> None:
    assert unique_names(["x", "x", "", "x (2)", "x"], "S") == ("x", "x (2)", "S3", "x (2) (2)", "x (3)")


# -- 9. names, digits, recall ------------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["\x00", "\n", "\t", "\x1b", "\u202e", "\u2066", "\u200f", "\u2028", "\x85"])
def test_names_with_control_or_bidi_characters_are_refused_with_the_position(tmp_path: Path, bad: str) -> None:
    name = json.dumps(f"Sus{bad}pend", ensure_ascii=False)  # TOML reads JSON's string escapes
    text = TINY.replace('"Suspend"', name).replace("Suspend = [[", f"{name} = [[")
    path = tmp_path / "names.toml"
    path.write_text(text, encoding="utf-8")
    result = run(["validate", str(path)])
    assert result.exit_code == 2
    assert f"character U+{ord(bad):04X}" in result.stderr
    assert "at position 4 is not allowed" in result.stderr


def test_free_text_may_hold_newlines_and_tabs() -> None:
    assert limits.character_problem("line one\n\tline two\r\n", free_text=True) is None
    assert limits.character_problem("a\u202eb", free_text=True) is not None


def test_non_ascii_digits_are_not_numbers() -> None:
    for text in ("١٢", "１２", "߁"):
        with pytest.raises(ExpressionError):
            parse_number(text)
        assert limits.parse_literal(text) is None
    nfg = 'NFG 1 R "x" { "A" "B" } { 1 1 }\n""\n\u0661\u0662 2\n'
    with pytest.raises(InputError, match="ASCII digits"):
        loads_game(nfg, "x.nfg")
    efg = 'EFG 2 R "x" { "A" "B" }\n""\np "" 1 1 "" { "L" "R" } 0\nt "" 1 "" { \u0661, 2 }\nt "" 2 "" { 3, 4 }\n'
    with pytest.raises(InputError, match="expected a number"):
        loads_efg(efg)


def _node(node_id: str, player: int | None, infoset: str | None, moves: dict[str, str] | None = None,
          payoff: int = 0) -> Node:
    if moves is None:
        return Node(node_id, TERMINAL, outcome=Outcome((negsolve_number(payoff),)))
    return Node(node_id, DECISION, tuple(moves.values()), tuple(moves), player, infoset)


def negsolve_number(value: int):  # type: ignore[no-untyped-def]
    from negsolve.model.expression import Number

    return Number(F(value))


def test_the_absent_minded_driver_is_refused() -> None:
    tree = GameTree("AMD", ("Driver",), (
        _node("x", 0, "J", {"Exit": "a", "Continue": "y"}), _node("a", None, None),
        _node("y", 0, "J", {"Exit": "b", "Continue": "c"}), _node("b", None, None, payoff=4),
        _node("c", None, None, payoff=1)))
    [(node, message)] = recall_problems(tree)
    assert node == "y"
    assert message.startswith("imperfect recall (absent-mindedness): information set 'J' of Driver holds node "
                              "'x' and its descendant 'y'")
    with pytest.raises(InputError, match="absent-mindedness"):
        negsolve.solve_tree(tree)
    result = run(["solve", str(DATA / "invalid" / "absent-minded-driver.toml")])
    assert result.exit_code == 2 and "imperfect recall" in result.stderr


def test_forgetting_an_own_move_is_refused_but_the_file_still_converts() -> None:
    path = str(DATA / "invalid" / "forgetful-player.efg")
    assert run(["solve", path]).exit_code == 2
    assert "A cannot tell nodes 'u' and 'v' apart" in run(["show", path]).stderr
    assert run(["convert", path, "--to", "toml"]).exit_code == 0


def test_bundled_trees_have_perfect_recall() -> None:
    from negsolve.io.registry import bundled_names

    trees = [load_game(name) for name in bundled_names()]
    trees = [t for t in trees if isinstance(t, GameTree)]
    assert trees and all(recall_problems(t) == [] for t in trees)


def _recall_by_definition(tree: GameTree) -> bool:
    """Perfect recall straight from the definition: per node, the list of the mover's own (set, move)
    pairs on the root path; nodes of one set must have equal lists."""
    parent: dict[str, tuple[str, str]] = {}
    for node in tree.nodes:
        for move, child in zip(node.moves, node.children, strict=True):
            parent[child] = (node.id, move)
    index = {n.id: n for n in tree.nodes}
    seen: dict[tuple, list] = {}
    for node in tree.nodes:
        if node.kind != DECISION:
            continue
        own, at = [], node.id
        while at in parent:
            up, move = parent[at]
            if index[up].kind == DECISION and index[up].player == node.player:
                own.append((index[up].infoset or "#" + up, move))
            at = up
        key = (node.player, node.infoset or "#" + node.id)
        if seen.setdefault(key, own[::-1]) != own[::-1]:
            return False
    return True


@st.composite
def small_trees(draw) -> GameTree:  # type: ignore[no-untyped-def]
    nodes: list[Node] = []

    def build(depth: int) -> str:
        node_id = f"n{len(nodes) + 1}"
        nodes.append(None)  # type: ignore[arg-type]
        slot = len(nodes) - 1
        if depth >= 3 or draw(st.booleans()):
            nodes[slot] = _node(node_id, None, None)
            return node_id
        player = draw(st.integers(0, 1))
        infoset = draw(st.sampled_from(["a", "b", None]))
        kids = [build(depth + 1) for _ in range(2)]
        nodes[slot] = Node(node_id, DECISION, tuple(kids), ("L", "R"), player, infoset)
        return node_id

    build(0)
    return GameTree("random", ("P1", "P2"), tuple(nodes))


@settings(max_examples=150, deadline=None)
@given(small_trees())
def test_recall_check_agrees_with_the_definition(tree: GameTree) -> None:
    assert (recall_problems(tree) == []) == _recall_by_definition(tree)


# -- 10. interoperability and options -------------------------------------------------------------------

def test_talks_about_talks_efg_has_unique_labels_and_pygambit_reads_it(tmp_path: Path) -> None:
    result = run(["convert", "talks-about-talks", "--to", "efg"])
    assert result.exit_code == 0
    tree = loads_efg(result.stdout)
    labels = [n.label for n in tree.nodes if n.label]
    assert len(labels) == len(set(labels))
    assert "preconditions refused (2)" in labels
    pygambit = pytest.importorskip("pygambit")
    path = tmp_path / "tat.efg"
    path.write_text(result.stdout, encoding="utf-8")
    game = pygambit.read_efg(str(path))
    assert len(list(game.nodes)) == len(tree.nodes)


def _dot_strings(text: str) -> list[str]:
    """Every double-quoted DOT string, unescaped; fails if a quote is left unescaped inside a label."""
    out = []
    for line in text.splitlines():
        for match in re.finditer(r'"((?:[^"\\]|\\.)*)"', line):
            out.append(re.sub(r"\\(.)", r"\1", match.group(1)))
        rest = re.sub(r'"((?:[^"\\]|\\.)*)"', "", line)
        assert '"' not in rest, line
    return out


def test_dot_escapes_quotes_and_backslashes() -> None:
    text = ('[game]\ntitle = "q"\n[[players]]\nname = "The \\"A\\" team \\\\"\n[[players]]\nname = "B"\n'
            '[[nodes]]\nid = "r\\"oot"\nplayer = "The \\"A\\" team \\\\"\nmoves = { "say \\"hi\\"" = "x", '
            '"go\\\\" = "y" }\n[[nodes]]\nid = "x"\npayoffs = [1, 0]\n[[nodes]]\nid = "y"\npayoffs = [0, 1]\n')
    tree = loads_game(text, "q.toml")
    from negsolve.render.tree import tree_dot

    strings = _dot_strings(tree_dot(tree))
    assert 'The "A" team \\nr"oot' in strings  # two lines: player, then id (\n is DOT's line break)
    assert 'say "hi"' in strings and "go\\" in strings


@pytest.mark.parametrize(("args", "option"), [
    (["solve", "entry-deterrence", "--limit", "-3"], "'--limit'"),
    (["show", "entry-deterrence", "--max-nodes", "-1"], "'--max-nodes'"),
    (["solve", "entry-deterrence", "--engine", "nashpy-vertex"], "'--engine'"),
    (["solve", "six-party", "--engine", "exact"], "'--engine'"),
])
def test_option_errors_name_their_option(args: list[str], option: str) -> None:
    result = run(args)
    assert result.exit_code == 2
    assert f"Error: Invalid value for {option}" in result.stderr


def test_engine_still_works_where_it_applies() -> None:
    assert run(["solve", "prisoners-dilemma", "--engine", "nashpy-vertex"]).exit_code == 0


@pytest.mark.parametrize(("args", "message"), [
    (["repeated", "prisoners-dilemma", "--outcome", "Cooperate,Cooperate", "--punish", "Cooperate,Nope"],
     "Error: --punish: 'Nope' is not a strategy of Prisoner 2"),
    (["concessions", "prisoners-dilemma", "--from", "Cooperate"],
     "Error: --from 'Cooperate' names 1 strategies; this game has 2 players"),
    (["repeated", "prisoners-dilemma", "--outcome", "Cooperate,Cooperate", "--punish", "Cooperate,Defect"],
     "Error: --punish (Cooperate, Defect) is not a stage equilibrium"),
])
def test_outcome_like_options_report_under_their_own_name(args: list[str], message: str) -> None:
    result = run(args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)


def test_the_api_solves_trees_and_refuses_unknown_parameters() -> None:
    tree = load_game("entry-deterrence")
    assert negsolve.solve(tree).count == 1
    game = load_game("freeze-for-freeze")
    with pytest.raises(InputError, match="unknown parameter 'zz'"):
        negsolve.solve(game, {"zz": F(1)})
    with pytest.raises(InputError, match="exact number"):
        negsolve.solve(game, {"s": 1.5})
    with pytest.raises(InputError, match="unknown parameter 'q'"):
        negsolve.solve_tree(tree, {"q": F(1)})
    with pytest.raises(InputError, match="unknown engine"):
        negsolve.solve(game, engine="magic")


def test_written_efg_is_read_back_after_relabelling() -> None:
    tree = load_game("talks-about-talks")
    again = loads_efg(dumps_efg(tree))
    assert [n.label for n in again.nodes].count("talks refused (2)") == 1
