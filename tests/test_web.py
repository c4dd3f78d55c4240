"""Route tests of ``negsolve serve`` with Starlette's test client: the token, sizes, bad TOML, downloads,
no disk writes, escaping, slider values; and the command itself (loopback by default, warning otherwise)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("starlette", reason="the web extra is not installed (pip install -e '.[web]')")
pytest.importorskip("httpx", reason="Starlette's test client needs httpx")

from starlette.testclient import TestClient  # noqa: E402

from negsolve.cli.main import cli  # noqa: E402
from negsolve.io.registry import bundled_text  # noqa: E402
from negsolve.web import app as web_app  # noqa: E402
from negsolve.web import compute  # noqa: E402
from negsolve.web.catalog import build_catalog  # noqa: E402
from negsolve.web.server import is_loopback  # noqa: E402

TOKEN = "t0ken-for-tests"
PD = bundled_text("prisoners-dilemma") or ""


def client(specs: list[str] | None = None, time_limit: float = 5.0) -> TestClient:
    c = TestClient(web_app.create_app(build_catalog(specs or []), TOKEN, time_limit))
    assert c.get(f"/?token={TOKEN}").status_code == 200  # sets the cookie
    return c


def pre(html: str, ident: str) -> str:
    found = re.search(rf'<pre id="{ident}">(.*?)</pre>', html, re.S)
    assert found, f"no <pre id={ident}>"
    return unescape(found.group(1))


def cli_out(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


# -- the token -----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/game/prisoners-dilemma", "/static/htmx.min.js", "/nowhere"])
def test_requests_without_the_token_are_refused(path: str) -> None:
    c = TestClient(web_app.create_app(build_catalog([]), TOKEN))
    assert c.get(path).status_code == 403
    assert c.get(path + "?token=wrong").status_code == 403
    assert c.post(path, data={"text": "x"}).status_code == 403
    c.cookies.set(web_app.COOKIE, "wrong")
    assert c.get(path).status_code == 403


def test_the_token_in_the_url_becomes_a_cookie_and_leaves_the_address() -> None:
    c = TestClient(web_app.create_app(build_catalog([]), TOKEN))
    first = c.get(f"/game/prisoners-dilemma?token={TOKEN}&p.x=1", follow_redirects=False)
    assert first.status_code == 303
    assert first.headers["location"] == "/game/prisoners-dilemma?p.x=1"
    cookie = first.headers["set-cookie"]
    assert f"{web_app.COOKIE}={TOKEN}" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    page = c.get("/")
    assert page.status_code == 200 and "Prisoner&#x27;s dilemma" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_htmx_is_served_from_the_package_with_its_licence() -> None:
    c = client()
    js = c.get("/static/htmx.min.js")
    assert js.status_code == 200 and js.text.startswith("/*! htmx 2.0.11") and "Zero-Clause BSD" in js.text[:200]
    assert "Zero-Clause BSD" in c.get("/static/htmx-LICENSE.txt").text
    assert c.get("/static/../app.py").status_code == 404
    assert 'src="/static/htmx.min.js"' in c.get("/game/entry-deterrence").text


# -- sizes and time ------------------------------------------------------------------------------

def test_a_body_over_the_limit_is_refused_before_it_is_read() -> None:
    c = client()
    big = "x" * (web_app.MAX_REQUEST_BYTES + 1)
    assert c.post("/game/prisoners-dilemma/check", content=f"text={big}",
                  headers={"content-type": "application/x-www-form-urlencoded"}).status_code == 413


def test_a_streamed_body_over_the_limit_is_refused() -> None:
    c = client()

    def chunks():  # no Content-Length: chunked transfer
        for _ in range(3):
            yield b"text=" + b"x" * (web_app.MAX_REQUEST_BYTES // 2)

    answer = c.post("/game/prisoners-dilemma/check", content=chunks(),
                    headers={"content-type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 413


def test_a_game_over_the_size_limit_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compute, "MAX_CELLS", 3)
    page = client().get("/game/prisoners-dilemma").text
    assert "too large for the web explorer (4 pure-strategy profiles; at most 3)" in page
    assert 'id="equilibria"' not in page


def test_work_past_the_time_limit_says_so_instead_of_hanging(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args: object, **kwargs: object) -> None:
        time.sleep(1.0)

    monkeypatch.setattr(web_app, "game_view", slow)
    started = time.monotonic()
    page = client(time_limit=0.02).get("/game/prisoners-dilemma").text
    assert "took longer than 0.24 s" in page and "too large for the web explorer" in page
    assert time.monotonic() - started < 1.0


# -- pages ---------------------------------------------------------------------------------------

def test_a_game_page_shows_story_equilibria_pictures_and_steps() -> None:
    page = client().get("/game/prisoners-dilemma").text
    assert "<h1>Prisoner&#x27;s dilemma</h1>" in page
    assert "Loyalty on both sides pays 3 each" in page
    assert pre(page, "equilibria") == cli_out("solve", "prisoners-dilemma").rstrip("\n")
    assert 'data-kind="table"' in page
    assert '<section id="explanation"><h2>Step by step</h2>' in page
    assert page.count("<h3>") >= 3


def test_a_tree_page_lists_its_subgame_perfect_equilibria() -> None:
    page = client().get("/game/entry-deterrence").text
    assert pre(page, "equilibria") == cli_out("solve", "entry-deterrence").rstrip("\n")
    assert 'data-kind="tree"' in page


def test_a_game_with_types_shows_its_tables_and_bayesian_equilibria() -> None:
    page = client().get("/game/uncertain-incumbent").text
    shown = pre(page, "equilibria")
    solved = cli_out("solve", "uncertain-incumbent").rstrip("\n")
    assert shown.endswith(solved)  # the same equilibria as 'negsolve solve', after one table per type profile
    assert "High cost" in shown and "Low cost" in shown
    assert 'data-kind="tree"' in page  # drawn as its tree: chance draws the incumbent's type


def test_slider_values_resolve_exactly() -> None:
    c = client()
    fragment = c.post("/game/freeze-for-freeze/view", data={"p.s": "5", "p.c": "2", "p.r": "1"}).text
    assert pre(fragment, "equilibria") == cli_out("solve", "freeze-for-freeze", "--set", "s=5").rstrip("\n")
    assert "At s = 5, c = 2, r = 1" in fragment
    assert 'hx-post="/game/freeze-for-freeze/more"' in fragment  # the slow part follows at once
    more = c.post("/game/freeze-for-freeze/more", data={"p.s": "5", "outcome": "Suspend exercises,Freeze tests"})
    expected = cli_out("stability", "freeze-for-freeze", "--outcome", "Suspend exercises,Freeze tests",
                       "--set", "s=5")
    assert pre(more.text, "stability") == expected.rstrip("\n")


def test_the_outcome_list_offers_the_map_of_every_outcome() -> None:
    pytest.importorskip("negsolve.draw", reason="the drawing package (negsolve.draw) is not merged here")
    from negsolve.draw import render_svg
    from negsolve.io import load_game

    more = client().post("/game/beijing/more", data={"outcome": "all"}).text
    assert 'id="stability"' not in more
    svg = re.search(r'data-kind="region"><img alt="region picture" src="data:image/svg\+xml;base64,([^"]+)"', more)
    assert svg
    import base64

    assert base64.b64decode(svg.group(1)).decode() == render_svg(load_game("beijing"), "region", outcome="all")


def test_a_decimal_slider_value_is_exact() -> None:
    fragment = client().post("/game/freeze-for-freeze/view", data={"p.s": "2.5"}).text
    assert "At s = 5/2, c = 2, r = 1" in fragment


@pytest.mark.parametrize("value, message", [
    ("-1", "parameter s=-1: outside the domain of 's' (s >= 0)"),
    ("abc", "s = 'abc': expected an exact number such as 5, -0.5 or 2/3"),
])
def test_slider_values_outside_the_domain_are_refused(value: str, message: str) -> None:
    fragment = client().post("/game/freeze-for-freeze/view", data={"p.s": value}).text
    assert f"Error: {message}" in unescape(fragment)
    assert 'id="equilibria"' not in fragment


def test_sliders_cover_each_parameters_domain() -> None:
    from negsolve.web.pages import game_page

    entry = build_catalog([]).get("freeze-for-freeze")
    assert entry is not None
    page = game_page(entry, entry.text, compute.game_view(entry.text, entry.filename, "toml", {}, 5, (compute.MAIN,)))
    assert re.search(r'name="p.s" min="0" max="11" step="0.1" value="1"', page)
    unit = compute.slider_for(compute.parse_game(bundled_text("talks-about-talks") or "", "t.toml", "toml")
                              .parameters[0])
    assert unit.low == 0 and unit.high == 1 and unit.step == compute.Fraction(1, 100)


def test_game_text_is_escaped_everywhere() -> None:
    evil = PD.replace("Prisoner's dilemma", "<script>alert(1)</script>").replace(
        '"Prisoner 1"', '"<img src=x onerror=alert(2)>"')
    c = client()
    for answer in (c.post("/game/prisoners-dilemma", data={"text": evil}),
                   c.post("/game/prisoners-dilemma/view", data={"text": evil})):
        assert "<script>alert" not in answer.text and "<img src=x" not in answer.text
        assert "&lt;img src=x onerror=alert(2)&gt;" in answer.text


# -- the editor ----------------------------------------------------------------------------------

def bad_pd(tmp_path: Path) -> tuple[str, list[str]]:
    """A broken copy of the prisoners' dilemma and what 'negsolve validate' says about it."""
    text = PD.replace('"Defect"    = [[5, 0],   [1, 1]]', '"Defect"    = [[5, 0]]').replace(
        '"Cooperate" = [[3, 3],   [0, 5]]', '"Cooperate" = [[3, 3], [0, "5 +"]]')
    (tmp_path / "prisoners-dilemma.toml").write_text(text, encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(cli, ["validate", "prisoners-dilemma.toml"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 2
    return text, [line for line in result.stderr.splitlines() if line]


def test_validation_as_you_type_gives_the_cli_messages(tmp_path: Path) -> None:
    text, expected = bad_pd(tmp_path)
    assert len(expected) >= 2  # every problem, not only the first
    line = text.splitlines().index('"Defect"    = [[5, 0]]') + 1
    assert any(m.startswith(f"Error: prisoners-dilemma.toml:{line}:") for m in expected)
    answer = client().post("/game/prisoners-dilemma/check", data={"text": text})
    shown = [unescape(m) for m in re.findall(r"<div>(Error: .*?)</div>", answer.text)]
    assert shown == expected


def test_valid_text_checks_clean_and_applies() -> None:
    c = client()
    assert "No problems" in c.post("/game/prisoners-dilemma/check", data={"text": PD}).text
    edited = PD.replace('"Cooperate" = [[3, 3],', '"Cooperate" = [[9, 9],')
    page = c.post("/game/prisoners-dilemma", data={"text": edited}).text
    assert "(Cooperate, Cooperate)" in pre(page, "equilibria") or "Cooperate, Cooperate" in pre(page, "equilibria")
    assert "9, 9" in unescape(page) or "9,9" in unescape(page)


# -- downloads -----------------------------------------------------------------------------------

@pytest.mark.parametrize("game, target, args", [
    ("prisoners-dilemma", "nfg", ["convert", "prisoners-dilemma", "--to", "nfg"]),
    ("prisoners-dilemma", "toml", ["convert", "prisoners-dilemma", "--to", "toml"]),
    ("entry-deterrence", "efg", ["convert", "entry-deterrence", "--to", "efg"]),
    ("entry-deterrence", "nfg", ["convert", "entry-deterrence", "--to", "nfg"]),
    ("prisoners-dilemma", "latex", ["explain", "prisoners-dilemma", "--format", "latex", "--standalone"]),
], ids=["nfg", "toml", "efg", "tree-nfg", "latex"])
def test_downloads_match_the_commands(game: str, target: str, args: list[str]) -> None:
    answer = client().post(f"/game/{game}/download/{target}", data={})
    assert answer.status_code == 200
    assert answer.headers["content-disposition"].startswith("attachment; filename=")
    assert answer.text == cli_out(*args).removesuffix("\n") or answer.text == cli_out(*args)


def test_downloads_use_the_slider_values() -> None:
    answer = client().post("/game/freeze-for-freeze/download/toml", data={"p.s": "5"})
    assert answer.text.rstrip("\n") == cli_out("convert", "freeze-for-freeze", "--to", "toml",
                                               "--set", "s=5").rstrip("\n")
    assert 'filename="freeze-for-freeze.toml"' in answer.headers["content-disposition"]


def test_svg_download_is_the_drawn_picture() -> None:
    pytest.importorskip("negsolve.draw", reason="the drawing package (negsolve.draw) is not merged here")
    from negsolve.draw import render_svg
    from negsolve.io import load_game

    answer = client().post("/game/prisoners-dilemma/download/svg", data={"picture": "table"})
    assert answer.headers["content-type"].startswith("image/svg+xml")
    assert ET.fromstring(answer.text).tag.endswith("svg")
    assert answer.text == render_svg(load_game("prisoners-dilemma"), "table")


def test_a_strategic_game_has_no_efg_download() -> None:
    c = client()
    answer = c.post("/game/prisoners-dilemma/download/efg", data={})
    assert answer.status_code == 400 and "no tree to write as .efg" in answer.text
    assert c.post("/game/prisoners-dilemma/download/pdf", data={}).status_code == 404
    assert "download/efg" not in c.get("/game/prisoners-dilemma").text


# -- the disk ------------------------------------------------------------------------------------

def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_nothing_is_written_unless_save_is_pressed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    game = tmp_path / "mine.toml"
    game.write_text(PD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    c = client([str(game)])
    edited = PD.replace("[[3, 3],", "[[4, 4],")
    c.get("/game/file-1")
    c.post("/game/file-1", data={"text": edited})
    c.post("/game/file-1/view", data={"text": edited})
    c.post("/game/file-1/more", data={"text": edited})
    c.post("/game/file-1/check", data={"text": edited})
    for target in ("toml", "nfg", "latex"):
        c.post(f"/game/file-1/download/{target}", data={"text": edited})
    assert snapshot(tmp_path) == before


def test_save_writes_the_opened_file(tmp_path: Path) -> None:
    game = tmp_path / "mine.toml"
    game.write_text(PD, encoding="utf-8")
    c = client([str(game)])
    page = c.get("/game/file-1").text
    opened = re.search(r'name="opened" value="([0-9a-f]{64})"', page)
    assert opened and 'id="save"' in page
    edited = PD.replace("[[3, 3],", "[[4, 4],")
    answer = c.post("/game/file-1/save", data={"text": edited, "opened": opened.group(1)})
    assert answer.status_code == 200 and "Saved to" in answer.text
    assert game.read_text(encoding="utf-8") == edited
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.toml"]  # no temporary file left


def test_save_never_overwrites_a_file_changed_on_disk(tmp_path: Path) -> None:
    game = tmp_path / "mine.toml"
    game.write_text(PD, encoding="utf-8")
    c = client([str(game)])
    opened = re.search(r'name="opened" value="([0-9a-f]{64})"', c.get("/game/file-1").text)
    assert opened
    changed = PD.replace("[1, 1]]", "[2, 2]]")
    assert changed != PD
    game.write_text(changed, encoding="utf-8")  # someone else's edit
    answer = c.post("/game/file-1/save", data={"text": PD.replace("[[3, 3],", "[[4, 4],"),
                                                  "opened": opened.group(1)})
    assert answer.status_code == 409 and "the file changed on disk since this page was made" in answer.text
    assert game.read_text(encoding="utf-8") == changed
    reloaded = c.get("/game/file-1").text  # a reload starts from the file as it is now
    fresh = re.search(r'name="opened" value="([0-9a-f]{64})"', reloaded)
    assert fresh and fresh.group(1) != opened.group(1) and "[2, 2]]" in unescape(reloaded)
    mine = changed.replace("[[3, 3],", "[[4, 4],")
    assert c.post("/game/file-1/save", data={"text": mine, "opened": fresh.group(1)}).status_code == 200
    assert game.read_text(encoding="utf-8") == mine


def test_invalid_text_and_bundled_games_are_not_saved(tmp_path: Path) -> None:
    game = tmp_path / "mine.toml"
    game.write_text(PD, encoding="utf-8")
    c = client([str(game)])
    digest = re.search(r'name="opened" value="([0-9a-f]{64})"', c.get("/game/file-1").text)
    assert digest
    answer = c.post("/game/file-1/save", data={"text": "[game", "opened": digest.group(1)})
    assert answer.status_code == 409 and game.read_text(encoding="utf-8") == PD
    bundled = c.post("/game/prisoners-dilemma/save", data={"text": PD, "opened": digest.group(1)})
    assert bundled.status_code == 409 and "a bundled game cannot be saved" in unescape(bundled.text)
    assert 'id="save"' not in c.get("/game/prisoners-dilemma").text


# -- the command ---------------------------------------------------------------------------------

@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("127.8.0.1", True), ("localhost", True),
                                            ("::1", True), ("0.0.0.0", False), ("192.168.1.5", False),
                                            ("::", False), ("example.org", False)])
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def start_serve(*args: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen([sys.executable, "-m", "negsolve", "serve", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    return process, process.stdout.readline()


def test_serve_binds_loopback_at_a_free_port_with_a_token() -> None:
    process, line = start_serve()
    try:
        found = re.fullmatch(r"negsolve explorer: http://127\.0\.0\.1:(\d+)/\?token=([\w-]{32})\n", line)
        assert found and int(found.group(1)) > 0
    finally:
        process.terminate()
        _, err = process.communicate(timeout=20)
    assert "Warning" not in err


def test_serve_warns_for_a_non_loopback_host() -> None:
    process, line = start_serve("--host", "0.0.0.0")
    try:
        assert line.startswith("negsolve explorer: http://0.0.0.0:")
    finally:
        process.terminate()
        _, err = process.communicate(timeout=20)
    assert "Warning: listening on 0.0.0.0: anyone who can reach this machine" in err


def test_serve_refuses_a_missing_game_file() -> None:
    result = CliRunner().invoke(cli, ["serve", "no-such-file.toml"])
    assert result.exit_code == 2 and "no-such-file.toml: no such file" in result.output


def test_the_cli_does_not_import_the_web_stack() -> None:
    code = ("import sys, negsolve.cli, negsolve.cli.serve; "
            "print(sorted(m for m in ('starlette', 'uvicorn', 'anyio', 'negsolve.web') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
