"""Gambit .efg game trees: reading, writing, round trips, the Gambit corpus, pygambit as the oracle."""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import pytest
from conftest import SOURCES, corpus_key, corpus_params, examples, oracle_answer
from hypothesis import given, settings
from hypothesis import strategies as st
from oracle import frozen, gambit
from oracle.corpus import content_hash
from oracle.views import canonical, node_digests

from negsolve.errors import InputError
from negsolve.io import load_game
from negsolve.io.efg import dumps_efg, loads_efg
from negsolve.io.efg_labels import gambit_labels
from negsolve.model import Binary, Number, Parameter, Variable
from negsolve.model.tree import CHANCE, DECISION, TERMINAL, GameTree, Node, Outcome


def _accepted_by_pygambit(path: Path) -> bool:
    entry = frozen.load("corpus_efg")["entries"].get(corpus_key(path))
    return entry is None or entry["rejected"] is None  # a file without a frozen answer fails in the test


CORPUS_EFG = corpus_params(".efg")
ACCEPTED_EFG = corpus_params(".efg", _accepted_by_pygambit)


def N(value: object) -> Number:
    return Number(F(str(value)))


# --------------------------------------------------------------------------------------
# A small game, structure checked field by field

ENTRY = """EFG 2 R "Entry deterrence" { "Entrant" "Incumbent" }
"The incumbent's threat to fight is not credible."

p "start" 1 1 "Entrant" { "Out" "In" } 0
t "stay out" 1 "Out" { 0, 2 }
p "respond" 2 1 "Incumbent" { "Fight" "Accommodate" } 0
t "" 2 "Fight" { -1, -1 }
t "" 3 "Accommodate" { 1, 1 }
"""


def test_entry_deterrence_structure() -> None:
    tree = loads_efg(ENTRY, "entry.efg")
    assert tree.title == "Entry deterrence"
    assert tree.players == ("Entrant", "Incumbent")
    assert tree.summary == "The incumbent's threat to fight is not credible."
    assert tree.source == "entry.efg"
    assert tree.nodes == (
        Node("n1", DECISION, ("n2", "n3"), ("Out", "In"), 0, "1", "Entrant", (), None, "start"),
        Node("n2", TERMINAL, outcome=Outcome((N(0), N(2)), "Out", 1), label="stay out"),
        Node("n3", DECISION, ("n4", "n5"), ("Fight", "Accommodate"), 1, "1", "Incumbent", (), None, "respond"),
        Node("n4", TERMINAL, outcome=Outcome((N(-1), N(-1)), "Fight", 2)),
        Node("n5", TERMINAL, outcome=Outcome((N(1), N(1)), "Accommodate", 3)),
    )
    assert tree.parameters == ()


def test_entry_deterrence_is_written_back_as_gambit_writes_it() -> None:
    tree = loads_efg(ENTRY)
    assert dumps_efg(tree) == ENTRY  # the same text, byte for byte
    assert loads_efg(dumps_efg(tree)) == tree


def test_loaded_through_the_generic_loader(tmp_path: Path) -> None:
    path = tmp_path / "entry.efg"
    path.write_text(ENTRY)
    assert load_game(str(path)) == loads_efg(ENTRY)


# --------------------------------------------------------------------------------------
# The format's liberties

BAYES = """EFG 2 D "Two stages, descriptions omitted on repeats" { "Player 1" "Player 2" }
c "ROOT" 1 "(0,1)" { "1G" 0.500000 "1B" 1/2 } 0
p "" 1 1 "(1,1)" { "H" "L" } 1 "stage" { 1 -1/2 }
t "" 2 "Outcome 2" { 10.000000 2.000000 }
t "" 3 "Outcome 3" { 0, 10 }
p "" 1 1 0
t "" 3
t "" 2 "Outcome 2" { 10 2.0 }
"""


def test_omitted_and_repeated_descriptions_inner_outcomes_and_number_forms() -> None:
    tree = loads_efg(BAYES)
    n1, n2, n3, n4, n5, n6, n7 = tree.nodes
    assert tree.summary == ""
    assert n1.kind == CHANCE and n1.player is None and n1.infoset == "1" and n1.infoset_label == "(0,1)"
    assert n1.probabilities == (N("1/2"), N("1/2"))
    assert n1.moves == ("1G", "1B") and n1.children == ("n2", "n5")
    # the repeat with the description left out takes the first one
    assert (n5.kind, n5.player, n5.infoset, n5.infoset_label, n5.moves) == (DECISION, 0, "1", "(1,1)", ("H", "L"))
    assert n5.outcome is None and n5.children == ("n6", "n7")
    # an outcome on an inner node, a repeat without description, an identical repeat
    assert n2.outcome == Outcome((N(1), N("-1/2")), "stage", 1)
    assert n6.outcome is n4.outcome and n7.outcome is n3.outcome
    assert n3.outcome.payoffs == (N(10), N(2))
    assert loads_efg(dumps_efg(tree)) == tree


def test_duplicate_labels_are_read_as_written_and_renamed_on_writing() -> None:
    text = """EFG 2 R "Nim-like" { "A" "B" }
""
p "2 left" 1 1 "A moves" { "take 1" "take 2" } 0
p "1 left" 2 1 "A moves" { "take 1" } 0
t "0 left" 1 "A wins" { 1, -1 }
t "0 left" 1
"""
    tree = loads_efg(text)
    assert [n.label for n in tree.nodes] == ["2 left", "1 left", "0 left", "0 left"]
    assert [n.infoset_label for n in tree.nodes[:2]] == ["A moves", "A moves"]  # different players' sets
    # Gambit 16.7 wants node labels unique in the game: the second "0 left" is renamed on writing
    again = loads_efg(dumps_efg(tree))
    assert [n.label for n in again.nodes] == ["2 left", "1 left", "0 left", "0 left (2)"]
    assert [n.infoset_label for n in again.nodes[:2]] == ["A moves", "A moves"]  # unique per player: kept
    assert again == gambit_labels(tree)


def test_repeated_or_empty_move_names_are_made_distinct_as_gambit_does() -> None:
    text = """EFG 2 R "" { "P" }
c "" 1 "" { "1/2" 1/2 "1/2" 1/2 } 0
p "" 1 1 "" { "" "" "x_1" "x" "x" } 0
t "" 0
t "" 0
t "" 0
t "" 0
t "" 0
p "" 1 1 "" { "" "" "x_1" "x" "x" } 0
t "" 0
t "" 0
t "" 0
t "" 0
t "" 0
"""
    tree = loads_efg(text, "moves.efg")
    assert tree.title == "moves.efg"  # an empty title becomes the file name
    assert tree.nodes[0].moves == ("1/2_1", "1/2_2")
    assert tree.nodes[1].moves == ("_1", "_2", "x_1", "x_2", "x_3")
    assert tree.nodes[1].moves is tree.nodes[7].moves
    assert loads_efg(dumps_efg(tree)) == tree


def test_quotes_in_strings() -> None:
    text = r"""EFG 2 R "The \"quoted\" game" { "Ann \"A\"" }
"a comment
over two lines"
p "node \"1\"" 1 1 "set \"1\"" { "say \"yes\"" "no" } 0
t "" 1 "\"yes\"" { 1 }
t "" 0
"""
    tree = loads_efg(text)
    assert tree.title == 'The "quoted" game' and tree.players == ('Ann "A"',)
    assert tree.summary == "a comment\nover two lines"
    assert tree.nodes[0].label == 'node "1"' and tree.nodes[0].moves == ('say "yes"', "no")
    assert tree.nodes[1].outcome.label == '"yes"'
    assert loads_efg(dumps_efg(tree)) == tree


def test_player_names_are_made_usable_like_nfg() -> None:
    tree = loads_efg('EFG 2 R "x" { "" "B" "B" }\n""\nt "" 0\n')
    assert tree.players == ("Player 1", "B", "B (2)")


# --------------------------------------------------------------------------------------
# Errors: each names the line

HEAD = 'EFG 2 R "g" { "A" "B" }\n""\n'


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        pytest.param("", None, "the file is empty", id="empty"),
        pytest.param(" \n ,\n", None, "the file is empty", id="blank"),
        pytest.param(",", None, "the file is empty", id="only-a-comma"),
        pytest.param('EFG', 1, "the file ends early: expected the version number 2", id="only-efg"),
        pytest.param('EFG 2', 1, "the file ends early: expected 'R' or 'D' after the version", id="no-letter"),
        pytest.param('EFG 2 R', 1, "the file ends early: expected the quoted title", id="no-title"),
        pytest.param('NFG 1 R "g" { "A" } { 2 }\n1 2\n', 1, "expected 'EFG', found 'NFG' (this is a strategic game)",
                     id="nfg"),
        pytest.param('EFG 1 R "g" { "A" }\nt "" 0\n', 1, "unsupported .efg version '1'", id="version"),
        pytest.param('EFG 2 Q "g" { "A" }\nt "" 0\n', 1, "expected 'R' or 'D' after the version, found 'Q'",
                     id="letter"),
        pytest.param('EFG 2 R "g" { }\nt "" 0\n', 1, "the game has no players", id="no-players"),
        pytest.param('EFG 2 R "g" { "A" ', 1, "the file ends early: expected a quoted player name or '}'",
                     id="header-cut"),
        pytest.param(HEAD, 2, "the file ends early: expected the root node ('c', 'p' or 't')", id="no-nodes"),
        pytest.param(HEAD + 'x "" 0\n', 3, "expected the root node ('c', 'p' or 't'), found 'x'", id="bad-kind"),
        pytest.param(HEAD + 'p "" 1 1 "" { "a" "b" } 0\nt "" 0\nq "" 0\n', 5,
                     "expected a node ('c', 'p' or 't'), found 'q'", id="bad-kind-inside"),
        pytest.param(HEAD + 't x 0\n', 3, "expected the quoted name of the node, found 'x'", id="unquoted-name"),
        pytest.param(HEAD + 'p "" 1 1 "" { "a" "b" } 0\nt "" 0\n', 4,
                     "the file ends early: expected a node ('c', 'p' or 't'), child 2 of 2 of the node on line 3",
                     id="truncated"),
        pytest.param(HEAD + 'p "" 1 1 "" { "a" "b" } 0\nt "" 1 "o" { 1, 2\n', 4,
                     "the file ends early: expected a number (a payoff of outcome 1) or '}' closing its payoffs",
                     id="truncated-payoffs"),
        pytest.param(HEAD + 'p "" 0 1 "" { "a" } 0\nt "" 0\n', 3, "unknown player number 0", id="player-0"),
        pytest.param(HEAD + 'p "" 3 1 "" { "a" } 0\nt "" 0\n', 3,
                     "unknown player number 3: the game has 2 players, numbered from 1", id="player-3"),
        pytest.param(HEAD + 'p "" one 1 "" { "a" } 0\nt "" 0\n', 3, "expected a player number, found 'one'",
                     id="player-word"),
        pytest.param(HEAD + 'p "" 1 0 "" { "a" } 0\nt "" 0\n', 3,
                     "expected an information set number of player 1 (1 or more), found '0'", id="infoset-0"),
        pytest.param(HEAD + 'p "" 1 1 0\nt "" 0\n', 3,
                     "information set 1 of player 1 appears for the first time without a name and moves",
                     id="undeclared-infoset"),
        pytest.param(HEAD + 'p "" 1 1 "" { } 0\n', 3, "information set 1 of player 1 has no moves", id="no-moves"),
        pytest.param(HEAD + 'p "" 1 1 "" { a } 0\n', 3,
                     "expected a quoted move or '}' closing the moves of information set 1 of player 1, found 'a'",
                     id="unquoted-move"),
        pytest.param(HEAD + 'p "" 1 1 "s" { "a" "b" } 0\np "" 2 1 "" { "x" } 0\nt "" 0\np "" 1 1 "s" { "a" } 0\n'
                     't "" 0\nt "" 0\n', 6,
                     'information set 1 of player 1 is described as "s" { "a" } here but as "s" { "a" "b" } on line 3',
                     id="infoset-mismatch"),
        pytest.param(HEAD + 'c "" 1 "e" { "a" 1/2 "b" 1/3 } 0\nt "" 0\nt "" 0\n', 3,
                     "the probabilities of chance event 1 add up to 5/6, not 1", id="probabilities-sum"),
        pytest.param(HEAD + 'c "" 1 "e" { "a" 3/2 "b" -1/2 } 0\nt "" 0\nt "" 0\n', 3,
                     "chance event 1 has a negative probability", id="negative-probability"),
        pytest.param(HEAD + 'c "" 1 "e" { "a" 1/0 } 0\nt "" 0\n', 3,
                     "found '1/0' (division by zero)", id="division-by-zero"),
        pytest.param(HEAD + 'c "" 1 "e" { "a" 1e99999 } 0\nt "" 0\n', 3,
                     "the number 1e99999 is out of range: its decimal exponent 99999 is beyond the limit of 1000",
                     id="huge-exponent"),
        pytest.param(HEAD + 'c "" 1 "e" { "a" 1 } 0\nc "" 1 "e" { "a" 1.0 } 0\nc "" 1 "e" { "b" 1 } 0\nt "" 0\n', 5,
                     'chance event 1 is described as "e" { "b" 1 } here but as "e" { "a" 1 } on line 3',
                     id="event-mismatch"),
        pytest.param(HEAD + 'c "" 1 0\nt "" 0\n', 3,
                     "chance event 1 appears for the first time without a name, moves and probabilities",
                     id="undeclared-event"),
        pytest.param(HEAD + 't "" 0 "nothing" { 0, 0 }\n', 3,
                     "outcome 0 is the null outcome: it cannot have a name or payoffs", id="null-outcome-described"),
        pytest.param(HEAD + 't "" 1 "o" { 1 }\n', 3, "outcome 1 has 1 payoff, expected 2 (one per player)",
                     id="payoff-count"),
        pytest.param(HEAD + 't "" 1 "o" { 1 x }\n', 3,
                     "expected a number (a payoff of outcome 1) or '}' closing its payoffs, found 'x'",
                     id="payoff-word"),
        pytest.param(HEAD + 't "" 1 "o" { 1 inf }\n', 3, "found 'inf'", id="payoff-inf"),
        pytest.param(HEAD + 'p "" 1 1 "" { "a" "b" } 0\nt "" 1 "o" { 1 2 }\n\nt "" 1 "o" { 1 3 }\n', 6,
                     'outcome 1 is described as "o" { 1, 3 } here but as "o" { 1, 2 } on line 4',
                     id="outcome-mismatch"),
        pytest.param(HEAD + 'p "" 1 1 "" { "a" "b" } 0\nt "" 2\nt "" 2 "o" { 1 2 }\n', 4,
                     "outcome 2 appears for the first time without a name and payoffs", id="undeclared-outcome"),
        pytest.param(HEAD + 't "" x\n', 3, "expected an outcome number (0 for none), found 'x'", id="outcome-word"),
        pytest.param(HEAD + 't "" 0\n\nt "" 0\n', 5,
                     "unexpected text after the end of the game tree: 't' (the tree's last node is on line 3)",
                     id="extra"),
        pytest.param(HEAD + 't "" 1 "unclosed { 1 2 }\n', 3,
                     "unterminated string: a quote opened here is never closed", id="unterminated"),
    ],
)
def test_errors_name_the_file_and_line(text: str, line: int | None, message: str) -> None:
    with pytest.raises(InputError) as info:
        loads_efg(text, "game.efg")
    (problem,) = info.value.problems
    assert problem.file == "game.efg"
    assert problem.line == line
    assert message in problem.message


# --------------------------------------------------------------------------------------
# Writing trees that did not come from a .efg file


def test_writing_a_tree_with_parameters_and_unnumbered_sets() -> None:
    p = Variable("p")
    win = Outcome((Number(F(3)), Binary("-", Number(F(0)), p)), "win")  # number 0: none given
    tree = GameTree(
        title="Built by hand",
        players=("Ann", "Bob"),
        parameters=(Parameter("p", F(1, 4)),),
        nodes=(
            Node("root", CHANCE, ("a", "b"), ("hi", "lo"), None, None, "", (p, Binary("-", Number(F(1)), p))),
            Node("a", DECISION, ("a1", "a2"), ("L", "R"), 0, "guess", "Ann's guess"),
            Node("a1", TERMINAL, outcome=win),
            Node("a2", TERMINAL, outcome=Outcome((Number(F(0)), Number(F(0))), "tie", 7)),
            Node("b", DECISION, ("b1", "b2"), ("L", "R"), 0, "guess", "Ann's guess"),
            Node("b1", TERMINAL, outcome=Outcome((Number(F(1)), Number(F(1))), "other", 7)),  # clashes with 7
            Node("b2", TERMINAL, outcome=win),
        ),
    )
    text = dumps_efg(tree)
    assert text == """EFG 2 R "Built by hand" { "Ann" "Bob" }
""

c "root" 1 "" { "hi" 1/4 "lo" 3/4 } 0
p "a" 1 1 "Ann's guess" { "L" "R" } 0
t "a1" 1 "win" { 3, -1/4 }
t "a2" 7 "tie" { 0, 0 }
p "b" 1 1 "Ann's guess" { "L" "R" } 0
t "b1" 2 "other" { 1, 1 }
t "b2" 1 "win" { 3, -1/4 }
"""
    back = loads_efg(text)
    assert [n.label for n in back.nodes] == ["root", "a", "a1", "a2", "b", "b1", "b2"]  # ids kept as Gambit names
    assert [n.infoset for n in back.nodes if n.kind != TERMINAL] == ["1", "1", "1"]
    assert back.nodes[0].probabilities == (N("1/4"), N("3/4"))
    assert back.nodes[2].outcome is back.nodes[6].outcome


def test_singleton_sets_and_kept_numbers() -> None:
    tree = GameTree(
        title="t",
        players=("A",),
        nodes=(
            Node("r", DECISION, ("x", "y"), ("a", "b"), 0, None),  # no infoset: a set of its own
            Node("x", DECISION, ("x1",), ("c",), 0, "2"),  # a number, kept
            Node("x1", TERMINAL),
            Node("y", DECISION, ("y1",), ("d",), 0, "named"),
            Node("y1", TERMINAL),
        ),
    )
    lines = dumps_efg(tree).splitlines()[3:]
    assert [line.split()[3] for line in lines if line.startswith("p")] == ["1", "2", "3"]


def test_inconsistent_sets_are_refused() -> None:
    tree = GameTree(
        title="t",
        players=("A",),
        nodes=(
            Node("r", DECISION, ("x", "y"), ("a", "b"), 0, "1"),
            Node("x", DECISION, ("x1",), ("c",), 0, "1"),
            Node("x1", TERMINAL),
            Node("y", TERMINAL),
        ),
    )
    with pytest.raises(InputError, match="share an information set"):
        dumps_efg(tree)


# --------------------------------------------------------------------------------------
# Random trees written and read back


@st.composite
def efg_trees(draw) -> GameTree:  # type: ignore[no-untyped-def]
    nplayers = draw(st.integers(1, 3))
    # control, line-separator and bidirectional characters are refused in names (negsolve.limits)
    text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                                 blacklist_characters="\\\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                                      "\u2066\u2067\u2068\u2069"), max_size=6)
    players = tuple(f"P{k + 1}{draw(text).strip()}" for k in range(nplayers))
    infosets: dict[tuple[int | None, int], tuple[str, tuple[str, ...], tuple[Number, ...]]] = {}
    outcomes: dict[int, Outcome] = {}
    nodes: list[dict] = []
    budget = draw(st.integers(1, 25))

    def outcome() -> Outcome | None:
        k = draw(st.integers(0, 4))
        if k == 0:
            return None
        if k not in outcomes:
            payoffs = tuple(Number(F(draw(st.integers(-9, 9)), draw(st.integers(1, 4)))) for _ in players)
            outcomes[k] = Outcome(payoffs, draw(text), k)
        return outcomes[k]

    def build() -> int:  # preorder, recursion is shallow here
        index = len(nodes)
        kind = draw(st.sampled_from([TERMINAL, DECISION, CHANCE])) if len(nodes) < budget else TERMINAL
        node: dict = {"id": f"n{index + 1}", "kind": kind, "label": draw(text), "outcome": outcome()}
        nodes.append(node)
        if kind == TERMINAL:
            return index
        player = draw(st.integers(0, nplayers - 1)) if kind == DECISION else None
        key = (player, draw(st.integers(1, 3)))
        if key not in infosets:
            moves = tuple(f"m{k}" for k in range(draw(st.integers(1, 3))))
            weights = [draw(st.integers(0, 3)) for _ in moves]
            if sum(weights) == 0:
                weights[0] = 1
            probs = tuple(Number(F(w, sum(weights))) for w in weights) if kind == CHANCE else ()
            infosets[key] = (draw(text), moves, probs)
        node.update(player=player, infoset=str(key[1]), infoset_label=infosets[key][0],
                    moves=infosets[key][1], probabilities=infosets[key][2])
        node["children"] = tuple(nodes[build()]["id"] for _ in node["moves"])
        return index

    build()
    return GameTree(title="T" + draw(text).strip(), players=players, nodes=tuple(Node(**n) for n in nodes),
                    summary=draw(text).strip())


@settings(max_examples=examples(150), deadline=None)
@given(efg_trees())
def test_random_trees_round_trip(tree: GameTree) -> None:
    # repeated labels are renamed on writing (Gambit requires unique ones): equal up to that
    assert loads_efg(dumps_efg(tree)) == gambit_labels(tree)
    assert_gambit_labels_unique(dumps_efg(tree))


# --------------------------------------------------------------------------------------
# Size


def binary_tree_text(depth: int) -> str:
    """A perfect-information binary tree, players alternating, every leaf its own outcome."""
    lines = ['EFG 2 R "binary" { "A" "B" }', '""', ""]
    counts = [0, 0]
    leaves = 0
    stack = [0]
    while stack:
        d = stack.pop()
        if d == depth:
            leaves += 1
            lines.append(f't "" {leaves} "" {{ {leaves % 7}, {-(leaves % 5)} }}')
            continue
        counts[d % 2] += 1
        lines.append(f'p "" {d % 2 + 1} {counts[d % 2]} "" {{ "L" "R" }} 0')
        stack += [d + 1, d + 1]
    return "\n".join(lines) + "\n"


def test_a_tree_with_2_to_the_17_leaves() -> None:
    text = binary_tree_text(17)
    tree = loads_efg(text)
    assert len(tree.nodes) == 2**18 - 1
    assert sum(n.kind == TERMINAL for n in tree.nodes) == 2**17
    assert tree.nodes[-1].outcome == Outcome((N(2**17 % 7), N(-(2**17 % 5))), "", 2**17)
    assert dumps_efg(tree) == text


def test_a_deep_tree_needs_no_recursion() -> None:
    depth = 20000
    lines = ['EFG 2 R "centipede" { "A" "B" }', '""']
    for k in range(depth):
        lines.append(f'p "" {k % 2 + 1} {k // 2 + 1} "" {{ "take" "pass" }} 0')
        lines.append(f't "" {k + 1} "" {{ {k}, {-k} }}')
    lines.append('t "" 0')
    tree = loads_efg("\n".join(lines))
    assert len(tree.nodes) == 2 * depth + 1
    assert loads_efg(dumps_efg(tree)) == tree


# --------------------------------------------------------------------------------------
# The Gambit corpus


def test_the_whole_corpus_is_there(corpus) -> None:  # type: ignore[no-untyped-def]
    assert len(list(corpus.rglob("*.efg"))) == 174
    assert {corpus_key(p) for p in corpus.rglob("*.efg")} == set(frozen.load("corpus_efg")["entries"])


@pytest.mark.parametrize("path", CORPUS_EFG)
def test_corpus_file_reads_and_round_trips(path: Path, corpus) -> None:  # type: ignore[no-untyped-def]
    tree = loads_efg(path.read_text(encoding="utf-8"), str(path))
    assert loads_efg(dumps_efg(tree), str(path)) == gambit_labels(tree)
    assert_gambit_labels_unique(dumps_efg(tree))


def assert_gambit_labels_unique(text: str) -> None:
    """Non-empty node labels unique in the game, information-set labels unique per player (the rules
    pygambit 16.7 enforces), outcome labels unique per distinct outcome -- read from the text itself."""
    tree = loads_efg(text)
    nodes = [n.label for n in tree.nodes if n.label]
    assert len(nodes) == len(set(nodes))
    sets = {(n.kind, n.player, n.infoset): n.infoset_label for n in tree.nodes if n.infoset_label}
    owners = [(kind, player, label) for (kind, player, _), label in sets.items()]
    assert len(owners) == len(set(owners))
    outcomes = {(n.outcome.label, n.outcome.payoffs) for n in tree.nodes if n.outcome is not None and n.outcome.label}
    assert len([label for label, _ in outcomes]) == len({label for label, _ in outcomes})


def our_view(tree: GameTree) -> tuple[tuple[str, ...], list[tuple]]:
    """Per node in preorder: kind, number of children, move names, set key, probabilities, payoffs
    summed from the root (terminal nodes only); ``oracle.gambit.efg_view`` computes the same with pygambit."""
    index = {n.id: n for n in tree.nodes}
    rows = []
    stack = [(tree.root, tuple(F(0) for _ in tree.players))]
    while stack:
        node, total = stack.pop()
        if node.outcome is not None:
            total = tuple(t + p.value for t, p in zip(total, node.outcome.payoffs, strict=True))  # type: ignore[union-attr]
        key = None if node.kind == TERMINAL else (node.player if node.kind == DECISION else "chance", node.infoset)
        probs = tuple(p.value for p in node.probabilities)  # type: ignore[union-attr]
        rows.append((node.kind, len(node.children), node.moves, key, probs,
                     total if node.kind == TERMINAL else None))
        stack.extend((index[c], total) for c in reversed(node.children))
    return tree.players, rows


def _gambit_rejections(paths: list[Path]) -> dict[str, str]:
    found = {corpus_key(path): gambit.read_efg(path) for path in paths}
    return {key: str(game) for key, game in found.items() if isinstance(game, Exception)}


@pytest.mark.parametrize("source", SOURCES)
def test_pygambit_rejects_only_the_files_with_duplicate_labels(source, corpus) -> None:  # type: ignore[no-untyped-def]
    paths = sorted(corpus.rglob("*.efg"))
    entries = frozen.load("corpus_efg")["entries"]
    rejected = oracle_answer(source, {k: e["rejected"] for k, e in entries.items() if e["rejected"] is not None},
                             lambda: _gambit_rejections(paths))
    assert len(rejected) == 8, rejected
    assert all("label must be unique" in message for message in rejected.values()), rejected
    for key in rejected:
        path = corpus / key
        loads_efg(path.read_text(encoding="utf-8"), str(path))  # we read them all the same


def _gambit_reading(path: Path) -> tuple[list[str], list[str]]:
    players, rows = gambit.efg_view(gambit.read_efg(path))
    return list(players), node_digests((players, rows))


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("path", ACCEPTED_EFG)
def test_corpus_file_agrees_with_pygambit(path: Path, source: str, corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    answer = frozen.corpus_entry("corpus_efg", corpus_key(path), content_hash(path))
    players, nodes = oracle_answer(source, (answer["players"], answer["nodes"]), lambda: _gambit_reading(path))
    tree = loads_efg(path.read_text(encoding="utf-8"), str(path))
    ours = canonical(our_view(tree))
    assert list(ours[0]) == players
    assert len(ours[1]) == len(nodes) == len(tree.nodes)
    for k, (row, digest, theirs) in enumerate(zip(ours[1], node_digests(ours), nodes, strict=True)):
        assert digest == theirs, f"node {k + 1} in preorder: our reading {row} differs from pygambit's"
    if source == "live":
        # pygambit reads what we write, and finds the same game
        written = tmp_path / path.name
        written.write_text(dumps_efg(tree), encoding="utf-8")
        again = gambit.read_efg(written)
        assert not isinstance(again, Exception), again
        assert _gambit_reading(written) == (players, nodes)
