"""Teaching mode: explanations (golden files), their numbers against the solvers, LaTeX, concepts, quiz.

Golden files: ``tests/data/explain/NAME.txt`` and ``NAME.md`` hold the exact output of
``negsolve explain NAME`` (text and ``--format markdown``) for every bundled game.  Regenerate
with ``NEGSOLVE_REGEN_GOLDEN=1 pytest tests/test_explain.py`` and read every changed file as a
student would before accepting it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import bimatrix, examples
from hypothesis import given, settings
from hypothesis import strategies as st

from negsolve.cli.main import cli
from negsolve.explain import explain, render
from negsolve.explain.concepts import CONCEPTS, find, suggest
from negsolve.explain.document import Bullets, Em, Math, Paragraph
from negsolve.explain.latex import escape
from negsolve.explain.mixed import derive, solve_linear
from negsolve.explain.text import inline_text
from negsolve.io import load_game
from negsolve.io.registry import bundled_names
from negsolve.model.strategic import StrategicGame
from negsolve.render.numbers import fmt
from negsolve.solvers import solve_table
from negsolve.solvers.backward import solve_tree
from negsolve.solvers.summary import analyse

GOLDEN = Path(__file__).parent / "data" / "explain"
NAMES = bundled_names()
STRATEGIC = [n for n in NAMES if isinstance(load_game(n), StrategicGame)]
TREES = [n for n in NAMES if hasattr(load_game(n), "nodes")]


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=input)


def _step_text(explanation, key: str) -> str:  # type: ignore[no-untyped-def]
    step = explanation.step(key)
    assert step is not None, f"no step {key!r}"
    parts = []
    for block in step.blocks:
        if isinstance(block, Paragraph):
            parts.append(inline_text(block.parts))
        elif isinstance(block, Bullets):
            parts.extend(inline_text(item) for item in block.items)
    return "\n".join(parts)


def _pieces(explanation, key: str):  # type: ignore[no-untyped-def]
    """Every paragraph and bullet of a step, as its list of inline parts."""
    step = explanation.step(key)
    for block in step.blocks if step else ():
        if isinstance(block, Paragraph):
            yield block.parts
        elif isinstance(block, Bullets):
            yield from block.items


# -- golden files ----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt_,suffix", [("text", ".txt"), ("markdown", ".md")], ids=["text", "markdown"])
@pytest.mark.parametrize("name", NAMES)
def test_golden_explanations(name: str, fmt_: str, suffix: str) -> None:
    result = run("explain", name, "--format", fmt_)
    assert result.exit_code == 0, result.stderr
    golden = GOLDEN / f"{name}{suffix}"
    if os.environ.get("NEGSOLVE_REGEN_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_no_explanation_reports_a_mismatch_with_the_solver(name: str) -> None:
    text = render(explain(load_game(name)), "text")
    assert "please report" not in text
    assert "something is wrong" not in text


# -- every number agrees with the solvers ----------------------------------------------------------

def _claims(explanation, key: str, players: list[str]):  # type: ignore[no-untyped-def]
    """(player, strategy, probability) for every "P plays S with probability x", and (player, verb, value)
    for every "P gets v" / "P expects v", read from the structured parts (not from the wording)."""
    probabilities, payoffs = [], []
    for parts in _pieces(explanation, key):
        player = None
        for k, part in enumerate(parts):
            nxt = parts[k + 1] if k + 1 < len(parts) else None
            after = parts[k + 2] if k + 2 < len(parts) else None
            if isinstance(part, Em) and part.text in players and isinstance(nxt, str):
                if nxt.startswith(" plays"):
                    player = part.text
                if nxt in (" gets ", " expects ") and isinstance(after, Math):
                    payoffs.append((part.text, nxt.strip(), Fraction(after.text)))
            if (isinstance(part, Em) and nxt == " with probability " and isinstance(after, Math)
                    and player is not None):
                probabilities.append((player, part.text, Fraction(after.text)))
    return probabilities, payoffs


@pytest.mark.parametrize("name", STRATEGIC)
def test_every_equilibrium_number_appears_and_every_shown_number_is_real(name: str) -> None:
    game = load_game(name)
    analysis = analyse(game)
    explanation = explain(game)
    players = [p.name for p in game.players]
    real_probabilities = {(players[i], game.players[i].strategies[s], p)
                          for eq in analysis.result.equilibria for i, mix in enumerate(eq.profile)
                          for s, p in enumerate(mix) if 0 < p < 1}
    real_payoffs = {(players[i], "gets" if eq.pure else "expects", v)
                    for eq in analysis.result.equilibria for i, v in enumerate(eq.payoffs)}
    for key in ("summary", "mixed", "pure"):
        if explanation.step(key) is None:
            continue
        probabilities, payoffs = _claims(explanation, key, players)
        assert set(probabilities) <= real_probabilities, key
        assert set(payoffs) <= real_payoffs, key
    # the summary states every equilibrium completely
    probabilities, payoffs = _claims(explanation, "summary", players)
    assert set(probabilities) == real_probabilities
    assert set(payoffs) == real_payoffs
    summary = _step_text(explanation, "summary")
    for eq in analysis.result.equilibria:
        for i, mix in enumerate(eq.profile):
            for s, p in enumerate(mix):
                name_s = game.players[i].strategies[s]
                if p == 1:
                    assert f"{players[i]} plays {name_s};" in summary
                elif p:
                    assert f"{name_s} with probability {fmt(p)}" in summary


@pytest.mark.parametrize("name", STRATEGIC)
def test_security_and_pareto_steps_match_the_analysis(name: str) -> None:
    game = load_game(name)
    analysis = analyse(game)
    text = _step_text(explain(game), "security")
    stated = [Fraction(x) for x in re.findall(r"The best worst case is (-?\d+(?:/\d+)?)", text)]
    assert stated == [lv.pure_value for lv in analysis.security]
    guaranteed = [Fraction(x) for x in re.findall(r"it guarantees (-?\d+(?:/\d+)?)", text)]
    assert guaranteed == [lv.mixed_value for lv in analysis.security if lv.mixed_value > lv.pure_value]
    pareto = _step_text(explain(game), "pareto")
    flags = re.findall(r"paying \([^)]*\), is (not )?Pareto-efficient", pareto)
    assert [not f for f in flags] == list(_ordered_pareto(analysis))


def _ordered_pareto(analysis):  # type: ignore[no-untyped-def]
    order = sorted(range(len(analysis.result.equilibria)), key=lambda k: (not analysis.result.equilibria[k].pure, k))
    return [analysis.pareto[k] for k in order]


def test_mixed_derivation_shows_the_equations_and_solves_them() -> None:
    text = render(explain(load_game("battle-of-the-sexes")), "text")
    assert "2q + 0(1 - q) = 0q + 1(1 - q)" in text
    assert "q = 1/3" in text and "p = 2/3" in text
    assert "Concert pays 2(1/3) + 0(2/3) = 2/3" in text
    rps = render(explain(load_game("rock-paper-scissors")), "text")
    assert "q1 + q2 + q3 = 1" in rps
    assert "Solving these 3 equations together gives q1 = 1/3, q2 = 1/3 and q3 = 1/3." in rps


@pytest.mark.parametrize("name", TREES)
def test_tree_explanations_agree_with_backward_induction(name: str) -> None:
    tree = load_game(name)
    spe = solve_tree(tree)
    explanation = explain(tree)
    summary = _step_text(explanation, "summary")
    for eq in spe.equilibria:
        words = ", ".join(f"{p} gets {fmt(v)}" for p, v in zip(tree.players, eq.payoffs, strict=False))
        assert words in summary
    assert f"gives {spe.count} subgame-perfect equilibri" in summary
    start = re.search(r"At the start the game is worth (.*?)\. The tree", _step_text(explanation, "backward-induction"),
                      re.S)
    assert start is not None
    stated = {tuple(Fraction(x) for x in v.split(", ")) for v in re.findall(r"\(([^()]*)\)", start.group(1))}
    assert stated == {e.payoffs for e in spe.equilibria}


def test_non_credible_threat_is_spelled_out() -> None:
    text = _step_text(explain(load_game("entry-deterrence")), "threats")
    assert "Its plan includes Incumbent's threat to play Fight at respond." in text
    assert "if respond were reached, Fight would pay Incumbent -1, while Accommodate pays 1" in text
    ultimatum = _step_text(explain(load_game("ultimatum")), "threats")
    assert "Responder's threats to play Reject 1 at offer-1 and Reject 2 at offer-2" in ultimatum


def test_imperfect_information_part_is_solved_as_a_small_game() -> None:
    text = render(explain(load_game("talks-about-talks")), "text")
    assert "The part of the tree that starts at pc-nature cannot be solved node by node" in text
    assert "Its only equilibrium:" in text
    assert "North Korea's plan for the part of the tree that starts at uc-nature" in text


def test_parameters_step_uses_the_stability_conditions() -> None:
    text = _step_text(explain(load_game("freeze-for-freeze")), "parameters")
    assert "North Korea keeps to Freeze tests rather than Keep testing when s >= 2 (fails now)" in text
    assert "So it is an equilibrium exactly when c - r <= 2 and s >= 2." in text
    closed = _step_text(explain(load_game("alliance-assurance")), "parameters")
    assert "Washington plays Reassure with probability e/3" in closed and "0 < e < 3" in closed


def test_overrides_change_the_explanation() -> None:
    result = run("explain", "freeze-for-freeze", "--set", "s=3")
    assert result.exit_code == 0
    assert "Equilibrium 2, (Suspend exercises, Freeze tests)" in result.stdout
    assert "This explanation uses s = 3" in result.stdout


def test_prisoners_dilemma_lesson() -> None:
    text = _step_text(explain(load_game("prisoners-dilemma")), "dilemma")
    assert "This is the shape of a prisoner's dilemma." in text
    assert "at least 2 on Prisoner 1 and 2 on Prisoner 2" in text
    assert "δ ≥ 1/2" in text


# -- the exact solving helpers ---------------------------------------------------------------------

def test_solve_linear() -> None:
    F = Fraction
    assert solve_linear([[F(1), F(1)], [F(1), F(-1)]], [F(1), F(0)]) == [F(1, 2), F(1, 2)]
    assert solve_linear([[F(1), F(1)], [F(2), F(2)]], [F(1), F(2)]) is None  # not unique
    assert solve_linear([[F(1), F(1)], [F(1), F(1)]], [F(1), F(2)]) is None  # inconsistent


small = st.integers(min_value=-4, max_value=4)


@settings(max_examples=examples(60), deadline=None)
@given(st.integers(2, 3), st.integers(2, 3), st.data())
def test_indifference_conditions_reproduce_every_mixed_equilibrium(m: int, n: int, data) -> None:  # type: ignore[no-untyped-def]
    """An independent second method: solving the indifference equations on each support gives exactly the
    probabilities that vertex enumeration found, whenever the equations pin them down."""
    A = [[data.draw(small) for _ in range(n)] for _ in range(m)]
    B = [[data.draw(small) for _ in range(n)] for _ in range(m)]
    table = bimatrix(A, B)
    names = (tuple(f"r{i}" for i in range(m)), tuple(f"c{j}" for j in range(n)))
    for eq in solve_table(table).equilibria:
        if eq.pure:
            continue
        for player in (0, 1):
            derivation = derive(table, names, ("Row", "Column"), eq, player)
            assert derivation.agrees
            if derivation.solution is not None:
                other = 1 - player
                assert derivation.solution == tuple(eq.profile[other][t] for t in eq.support(other))


# -- LaTeX ------------------------------------------------------------------------------------------

def _balanced(tex: str) -> None:
    stripped = re.sub(r"\\\\", " ", tex)  # line breaks first, so that \\{ is not read as an escaped brace
    stripped = re.sub(r"\\[{}$%&#_]", "", stripped)
    stripped = re.sub(r"(?m)(?<!\\)%.*$", "", stripped)
    depth = 0
    for ch in stripped:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0
    assert depth == 0
    for paragraph in stripped.split("\n\n"):
        assert paragraph.count("$") % 2 == 0, paragraph
    envs = re.findall(r"\\(begin|end)\{([^}]*)\}", stripped)
    stack = []
    for kind, env in envs:
        if kind == "begin":
            stack.append(env)
        else:
            assert stack and stack.pop() == env
    assert not stack


@pytest.mark.parametrize("name", NAMES)
def test_latex_is_well_formed(name: str) -> None:
    result = run("explain", name, "--format", "latex")
    assert result.exit_code == 0
    assert result.stdout.startswith("% negsolve explain: needs")
    assert "\\documentclass" not in result.stdout
    _balanced(result.stdout)
    standalone = run("explain", name, "--format", "latex", "--standalone").stdout
    assert standalone.startswith("\\documentclass") and standalone.rstrip().endswith("\\end{document}")
    _balanced(standalone)


def test_latex_marks_best_responses_and_draws_trees() -> None:
    tex = render(explain(load_game("prisoners-dilemma")), "latex")
    assert "Defect & $\\underline{5}, 0$ & $\\underline{1}, \\underline{1}$ \\\\" in tex
    assert "\\begin{align*}" not in tex  # no mixed equilibrium to derive
    bos = render(explain(load_game("battle-of-the-sexes")), "latex")
    assert "2q + 0(1 - q) &= 0q + 1(1 - q)" in bos
    tree = render(explain(load_game("talks-about-talks")), "latex")
    assert "\\begin{forest}" in tree and "\\draw[dashed]" in tree


def test_latex_escapes_text() -> None:
    assert escape('50% of "A & B" costs $1_x <= 2') == "50\\% of ``A \\& B'' costs \\$1\\_x \\ensuremath{\\leq} 2"


@pytest.mark.latex  # deselected with a one-line note when pdflatex is absent (tests/conftest.py); CI installs TeX
@pytest.mark.parametrize("name", ["battle-of-the-sexes", "rock-paper-scissors", "six-party", "freeze-for-freeze",
                                  "entry-deterrence", "talks-about-talks", "ultimatum"])
def test_latex_compiles(name: str, tmp_path: Path) -> None:
    source = tmp_path / f"{name}.tex"
    source.write_text(run("explain", name, "--format", "latex", "--standalone").stdout, encoding="utf-8")
    done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", source.name], cwd=tmp_path,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout[-2000:]
    assert (tmp_path / f"{name}.pdf").stat().st_size > 1000


# -- the command line -------------------------------------------------------------------------------

def test_explain_writes_a_file(tmp_path: Path) -> None:
    out = tmp_path / "pd.md"
    result = run("explain", "prisoners-dilemma", "--format", "markdown", "-o", str(out))
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Prisoner's dilemma\n")
    assert result.stderr == f"wrote {out}\n"


def test_standalone_needs_latex() -> None:
    result = run("explain", "prisoners-dilemma", "--standalone")
    assert result.exit_code == 2
    assert "--standalone goes with --format latex" in result.stderr


def test_explain_unknown_game_is_an_input_error() -> None:
    result = run("explain", "prisoners-dilema")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")


def test_teaching_commands_import_no_heavy_libraries() -> None:
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import negsolve.cli.teach"],
                          capture_output=True, text=True, check=True)
    heavy = [line for line in done.stderr.splitlines() if re.search(r"\b(numpy|scipy|sympy|nashpy)\b", line)]
    assert heavy == []


# -- concepts ---------------------------------------------------------------------------------------

def test_concepts_list() -> None:
    result = run("concepts")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines()[1:]]
    assert listed == [c.name for c in CONCEPTS]
    assert len(listed) >= 10


@pytest.mark.parametrize("concept", CONCEPTS, ids=[c.name for c in CONCEPTS])
def test_every_concept_has_a_worked_example(concept) -> None:  # type: ignore[no-untyped-def]
    assert concept.game in NAMES
    if concept.command:  # a deal-space concept: its command's output is the example
        words = concept.command.split()
        assert words[:2] in (["negsolve", "deals"], ["negsolve", "correlated"], ["negsolve", "signal"]) \
            and words[2] == concept.game
        result = run(*words[1:])
        assert result.exit_code == 0 and concept.mentions in result.output
        return
    explanation = explain(load_game(concept.game))
    assert concept.mentions in _step_text(explanation, concept.step)
    for other in concept.see:
        assert find(other) is not None


def test_concept_entry_and_typo() -> None:
    result = run("concepts", "Credible threats")
    assert result.exit_code == 0
    assert result.stdout.startswith("Credible and non-credible threats\n")
    assert "Worked example: negsolve explain entry-deterrence, step 4 (Nash equilibria that are not subgame " \
           "perfect: non-credible threats)" in result.stdout
    typo = run("concepts", "nash-equilibrim")
    assert typo.exit_code == 2
    assert typo.stderr == ("Error: no concept called 'nash-equilibrim' (hint: did you mean 'nash-equilibrium'? "
                           "'negsolve concepts' lists them)\n")
    assert suggest("subgame perfct") == "subgame-perfection"
    assert find("maximin").name == "security-level"


# -- quiz -------------------------------------------------------------------------------------------

def test_quiz_all_right() -> None:
    result = run("quiz", "prisoners-dilemma", input="1\nDefect, Defect\n0\n")
    assert result.exit_code == 0
    assert "Right: (Defect, Defect) is an equilibrium" in result.stdout
    assert result.stdout.rstrip().endswith("Score: 3 of 3.")


def test_quiz_hints_and_exact_fractions() -> None:
    answers = "\n".join([
        "1",                      # wrong count: a hint follows
        "2",
        "concert, football",      # not an equilibrium: a hint says who switches
        "Concert, Concert",
        "Football, Football",
        "1",
        "1/2, 1/2", "1/2, 1/2",   # wrong mix: a hint about indifference
        "2/3, 1/3", "0.333333, 2/3",  # unreadable (does not add up to 1): asked again
        "1/3, 2/3",
    ]) + "\n"
    result = run("quiz", "battle-of-the-sexes", input=answers)
    assert result.exit_code == 0, result.stdout
    out = result.stdout
    assert "Not quite. Hint: a pure equilibrium is a cell in which nobody wants to switch." in out
    assert "Not an equilibrium: at (Concert, Football), Ann would switch to 'Football' and get 1 instead of 0." in out
    assert "Hint: Ann's indifference pins down Ben's probabilities" in out
    assert "not 1; try again" in out
    assert "Right: against each other's mix" in out
    assert out.rstrip().endswith("Score: 5 of 5.")


def test_quiz_answers() -> None:
    result = run("quiz", "battle-of-the-sexes", "--answers")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "Battle of the sexes",
        "Pure equilibria: 2",
        "  Ann: Concert; Ben: Concert  (payoffs 2, 1)",
        "  Ann: Football; Ben: Football  (payoffs 1, 2)",
        "Mixed equilibria: 1",
        "  Ann: 2/3 Concert + 1/3 Football; Ben: 1/3 Concert + 2/3 Football  (expected payoffs 2/3, 2/3)",
    ]


def test_quiz_on_a_tree() -> None:
    result = run("quiz", "entry-deterrence", input="1\nStay out\nenter, accommodate\n")
    assert result.exit_code == 0
    assert "Not quite. Hint: start at the end. At respond, Incumbent gets -1 from Fight and 1 from Accommodate" \
           in result.stdout
    assert result.stdout.rstrip().endswith("Score: 2 of 2.")


def test_quiz_gives_up_after_two_attempts() -> None:
    result = run("quiz", "matching-pennies", input="1\n1\n1\n1/2, 1/2\n1/2 1/2\n")
    assert result.exit_code == 0
    assert "The answer is 0." in result.stdout
    assert result.stdout.rstrip().endswith("Score: 2 of 3.")
