"""Fuzzing: hostile and broken game files through validate, show and solve.

Property (issue 9): every input ends with exit status 0 or 2, no traceback, no "internal
error", within a time cap (and, for a few adversarial files run in a subprocess, a memory
cap).  Inputs:

- byte-level mutations of the bundled games, the test games and a few Gambit corpus files
  (bytes flipped, deleted, repeated, and "interesting" tokens spliced in: huge numbers, deep
  parentheses, control and bidirectional characters, non-ASCII digits, huge declared sizes);
- hypothesis-generated TOML games (any text as names, numbers and expressions as payoffs);
- every file kept under ``tests/data/fuzz/`` (inputs that once broke negsolve: regressions).

A short profile runs by default.  The long profile runs on demand::

    NEGSOLVE_FUZZ=long python -m pytest tests/test_fuzz.py -q

and ``NEGSOLVE_FUZZ_SEED=7`` picks other mutations.  A failure prints the input; save it
under ``tests/data/fuzz/`` once fixed.
"""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negsolve.cli.main import cli

LONG = os.environ.get("NEGSOLVE_FUZZ") == "long"
SEED = int(os.environ.get("NEGSOLVE_FUZZ_SEED", "2026"))
MUTATIONS_PER_SEED = 40 if LONG else 3
TIME_CAP = 20 if LONG else 10  # seconds per command: far above any honest answer on these sizes
HERE = Path(__file__).parent
GAMES = HERE.parent / "games"
CORPUS = HERE.parent.parent / "shared" / "corpus" / "gambit"
FUZZ = HERE / "data" / "fuzz"
CORPUS_PICKS = ["contrib/games/2s2x2x2.efg", "contrib/games/2smp.efg", "contrib/games/2x2.nfg",
                "contrib/games/pd.nfg", "contrib/games/cent2.efg", "contrib/games/coord3.nfg"]

INTERESTING = [b"1e999999", b"1e-999999", b"1e99999", b"9" * 5000, b"((((2**12)**12)**12)**12)",
               b"(" * 300, b"-" * 300, b"\x00", "\u202e".encode(), "\u0661\u0662".encode(), b"\n", b'"', b"\\",
               b"{ 100000000 100000000 }", b"[[[[[[[[", b"{", b"}", b"=", b"[[players]]", b"[[nodes]]", b"0/0",
               b"1/0", b"nan", b"inf", b"-0", b"\xff\xfe", b"p \"\" 1 1 \"\" { \"a\" } 0", b"t \"\" 0", b"**"]


class FuzzTimeout(BaseException):
    """Raised by the alarm; a BaseException so negsolve's error boundary does not swallow it."""


def _alarm(signum, frame):  # type: ignore[no-untyped-def]
    raise FuzzTimeout


def seeds() -> list[tuple[str, bytes]]:
    files = sorted(GAMES.glob("*.toml")) + sorted((HERE / "data" / "valid").glob("*.toml"))
    files += [CORPUS / p for p in CORPUS_PICKS if (CORPUS / p).is_file()]
    return [(f.suffix, f.read_bytes()) for f in files]


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        where = rng.randrange(len(out) + 1)
        kind = rng.randrange(5)
        if kind == 0 and out:  # flip a byte
            out[min(where, len(out) - 1)] = rng.randrange(256)
        elif kind == 1:  # delete a range
            del out[where:where + rng.randint(1, 40)]
        elif kind == 2 and out:  # repeat a range
            start = rng.randrange(len(out))
            out[where:where] = out[start:start + rng.randint(1, 200)] * rng.randint(1, 5)
        else:  # splice in an interesting token, replacing a number or a word when it can
            token = rng.choice(INTERESTING)
            end = where
            while end < len(out) and end - where < 12 and chr(out[end]).isalnum():
                end += 1
            out[where:end] = token
    return bytes(out)


def mutated_inputs(count: int) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(SEED)
    for suffix, data in seeds():
        for _ in range(count):
            yield suffix, mutate(data, rng)


def check(path: Path, commands: tuple[str, ...] = ("validate", "show", "solve")) -> None:
    """Run each command on ``path`` in-process; fail with the input's text on any broken property."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for command in commands:
            signal.alarm(TIME_CAP)
            try:
                result = CliRunner().invoke(cli, [command, str(path)])
            except FuzzTimeout:
                pytest.fail(f"{command} took over {TIME_CAP} s on {path.name}:\n{path.read_bytes()[:3000]!r}")
            finally:
                signal.alarm(0)
            problem = None
            if result.exit_code not in (0, 2):
                problem = f"exit {result.exit_code}"
            elif "Traceback" in result.output or "internal error" in result.stderr:
                problem = "a traceback or an internal error"
            if problem:
                pytest.fail(f"{command} on {path.name}: {problem}\nstderr: {result.stderr[-2000:]}\n"
                            f"exception: {result.exception!r}\ninput: {path.read_bytes()[:3000]!r}")
    finally:
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.timeout(600 if LONG else 120)
def test_mutated_files(tmp_path: Path) -> None:
    for k, (suffix, data) in enumerate(mutated_inputs(MUTATIONS_PER_SEED)):
        path = tmp_path / f"mutant{k}{suffix}"
        path.write_bytes(data)
        check(path)


REGRESSIONS = sorted(p for p in FUZZ.iterdir() if p.suffix in (".toml", ".nfg", ".efg")) if FUZZ.is_dir() else []


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_kept_fuzz_findings(path: Path) -> None:
    check(path)


# -- generated TOML games ---------------------------------------------------------------------

NAMES = st.text(max_size=8)
NUMBERS = st.one_of(st.integers(-10**6, 10**6), st.sampled_from(["1e999999", "1e-999999", "2/3", "0/0", "1/0",
                                                                "s", "3 - s", "s**12", "((s))", "١٢", "1e1000"]),
                    st.text(alphabet="0123456789+-*/()es. ", max_size=30))


@st.composite
def toml_games(draw) -> str:  # type: ignore[no-untyped-def]
    nplayers = draw(st.integers(1, 3))
    players = [{"name": draw(NAMES), "strategies": draw(st.lists(NAMES, min_size=1, max_size=3))}
               for _ in range(nplayers)]
    lines = ["[game]", f"title = {json.dumps(draw(NAMES), ensure_ascii=False)}", "", "[parameters]",
             f"s = {{ value = {json.dumps(draw(NUMBERS), ensure_ascii=False)} }}"]
    for p in players:
        lines += ["", "[[players]]", f"name = {json.dumps(p['name'], ensure_ascii=False)}",
                  "strategies = " + json.dumps(p["strategies"], ensure_ascii=False)]
    lines += ["", "[payoffs]"]
    cols = players[1]["strategies"] if nplayers > 1 else [""]
    for row in players[0]["strategies"]:
        cells = [[draw(NUMBERS) for _ in range(nplayers)] for _ in cols]
        lines.append(f"{json.dumps(row, ensure_ascii=False)} = {json.dumps(cells, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


@settings(max_examples=300 if LONG else 25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=toml_games())
def test_generated_toml_games(text: str, tmp_path: Path) -> None:
    path = tmp_path / "generated.toml"
    path.write_text(text, encoding="utf-8")
    check(path)


# -- memory caps: adversarial files in a subprocess --------------------------------------------

ADVERSARIAL = {
    "huge-header.nfg": 'NFG 1 R "x" { "A" "B" } { 100000000 100000000 }\n""\n1 2\n',
    "many-players.nfg": ('NFG 1 R "x" { ' + " ".join(f'"P{k}"' for k in range(25)) + " } { " + "2 " * 25
                         + "}\n\"\"\n1\n"),
    "huge-number.toml": '[game]\ntitle = "x"\n[[players]]\nname = "A"\nstrategies = ["a"]\n[[players]]\n'
                        'name = "B"\nstrategies = ["b"]\n[payoffs]\na = [[1e999999, "1e-999999"]]\n',
}


def _limit_memory() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is reliable on Linux")
@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_files_within_a_memory_cap(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text(ADVERSARIAL[name], encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "negsolve", "solve", str(path)], capture_output=True, text=True,
                          timeout=60, preexec_fn=_limit_memory)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"Error: {path}")
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_within_a_memory_cap() -> None:
    done = subprocess.run([sys.executable, "-m", "negsolve", "validate", "/dev/zero"], capture_output=True,
                          text=True, timeout=60, preexec_fn=_limit_memory)
    assert done.returncode == 2
    assert done.stderr == ("Error: /dev/zero: is not a regular file (a device, pipe or socket); "
                           "negsolve reads game files only\n")
