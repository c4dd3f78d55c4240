"""End-to-end: ``negsolve serve`` in a subprocess, driven in headless Chromium (Debian's ``chromium`` and
``chromium-driver``) through Selenium.  Run with ``python -m pytest -m browser`` (.ci/run does, with
skips forbidden); without that, or without a browser, these tests skip and say why."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from negsolve.io import load_game
from negsolve.io.registry import bundled_names, bundled_text

pytestmark = pytest.mark.browser

WAIT = 120  # seconds: a page of the largest bundled game takes many on a busy machine


def _why_not() -> str | None:
    """Why the browser tests cannot run here, or None."""
    missing = [name for name in ("selenium", "PIL", "starlette", "uvicorn") if not _importable(name)]
    if missing:
        return f"{', '.join(missing)} not installed (pip install -e '.[browser-test]')"
    for program in ("chromium", "chromedriver"):
        if shutil.which(program) is None:
            return f"no {program} on PATH (apt-get install chromium chromium-driver)"
    return None


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


@pytest.fixture(scope="module", autouse=True)
def _browser_selected(request: pytest.FixtureRequest) -> None:
    if "browser" not in (request.config.option.markexpr or ""):
        pytest.skip("browser tests run only when selected: python -m pytest -m browser (.ci/run does)")
    reason = _why_not()
    if reason:
        pytest.skip(f"browser tests need a browser: {reason}")


@pytest.fixture(scope="module")
def mine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "mine.toml"
    path.write_text(bundled_text("prisoners-dilemma") or "", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def server(mine: Path) -> Iterator[str]:
    """The printed URL (with its token) of a running ``negsolve serve mine.toml``."""
    process = subprocess.Popen([sys.executable, "-m", "negsolve", "serve", str(mine)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    found = re.fullmatch(r"negsolve explorer: (http://127\.0\.0\.1:\d+)/\?token=(\S+)\n", line)
    try:
        assert found, f"unexpected first line {line!r}"
        yield found.group(1) + "/?token=" + found.group(2)
    finally:
        process.terminate()
        process.communicate(timeout=30)


def _chrome(javascript: bool = True) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000"):
        options.add_argument(arg)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not download anything
    driver = webdriver.Chrome(options=options, service=Service(executable_path=shutil.which("chromedriver")))
    driver.set_page_load_timeout(WAIT)
    return driver


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    driver = _chrome()
    try:
        driver.get(server)  # the token becomes a cookie
        yield driver
    finally:
        driver.quit()


def base(server: str) -> str:
    return server.split("/?", 1)[0]


def wait_for(driver: Any, condition: Any) -> Any:
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    ignored = (NoSuchElementException, StaleElementReferenceException)  # htmx swaps the elements
    return WebDriverWait(driver, WAIT, ignored_exceptions=ignored).until(condition)


def shot(driver: Any, element: Any) -> bytes:
    """A screenshot of ``element``, scrolled into the viewport first (Chromium crops to what is visible)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", element)
    png: bytes = element.screenshot_as_png
    return png


def image(png: bytes) -> Any:
    from PIL import Image

    return Image.open(io.BytesIO(png)).convert("RGB")


def colours(png: bytes) -> int:
    """How many different colours a screenshot has (a blank region has one or two)."""
    found = image(png).getcolors(maxcolors=1 << 20)
    return len(found) if found is not None else 1 << 20


def differs(a: bytes, b: bytes) -> bool:
    from PIL import ImageChops

    first, second = image(a), image(b)
    return first.size != second.size or ImageChops.difference(first, second).getbbox() is not None


@pytest.mark.parametrize("name", bundled_names())
def test_every_bundled_game_page(browser: Any, server: str, name: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{base(server)}/game/{name}")
    assert browser.find_element(By.TAG_NAME, "h1").text == load_game(name).title
    assert browser.find_element(By.ID, "equilibria").text.strip()
    assert browser.find_elements(By.CSS_SELECTOR, "#explanation ol.steps > li")
    figures = browser.find_elements(By.CSS_SELECTOR, "figure.picture")
    assert figures, "no picture"
    for figure in figures:
        kind = figure.get_attribute("data-kind")
        shown = (figure.find_elements(By.TAG_NAME, "img") or figure.find_elements(By.TAG_NAME, "pre"))[0]
        if shown.tag_name == "img":
            wait_for(browser, lambda d, img=shown: d.execute_script(
                "return arguments[0].complete && arguments[0].naturalWidth", img) > 0)
        wait_for(browser, lambda d, e=shown: e.size["height"] > 40)  # laid out
        assert colours(shot(browser, shown)) > 2, f"{kind} picture is blank"
    assert browser.execute_script("return typeof htmx") == "object"  # the shipped htmx loaded


def test_moving_a_slider_resolves_and_redraws(browser: Any, server: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(f"{base(server)}/game/freeze-for-freeze")
    table = shot(browser, browser.find_element(By.CSS_SELECTOR, 'figure[data-kind="table"] img'))
    before = browser.find_element(By.ID, "equilibria").text
    assert "At s = 1," in browser.find_element(By.ID, "values").text
    slider = browser.find_element(By.ID, "p-s")
    slider.send_keys(Keys.END)  # s = 11, the top of its slider
    wait_for(browser, lambda d: "At s = 11," in d.find_element(By.ID, "values").text)
    after = browser.find_element(By.ID, "equilibria").text
    assert after != before and "Suspend exercises" in after
    wait_for(browser, lambda d: d.find_element(By.ID, "stability").text)  # the slow part arrives next
    redrawn = shot(browser, browser.find_element(By.CSS_SELECTOR, 'figure[data-kind="table"] img'))
    assert differs(table, redrawn), "the table picture did not change after the slider"
    assert colours(redrawn) > 2


def test_editing_a_payoff_checks_as_you_type_and_resolves(browser: Any, server: str, mine: Path) -> None:
    from selenium.webdriver.common.by import By

    original = mine.read_text(encoding="utf-8")
    browser.get(f"{base(server)}/game/file-1")
    before = browser.find_element(By.ID, "equilibria").text
    table = shot(browser, browser.find_element(By.CSS_SELECTOR, 'figure[data-kind="table"] img'))
    editor = browser.find_element(By.ID, "text")
    start = original.index('"Cooperate" = [[3, 3]') + len('"Cooperate" = [[')
    browser.execute_script("arguments[0].focus(); arguments[0].setSelectionRange(arguments[1], arguments[1] + 4);",
                           editor, start, start)
    editor.send_keys("9, ")  # half typed: [[9, ], ...
    wait_for(browser, lambda d: "Error: " in d.find_element(By.ID, "problems").text)
    assert f"{mine}:" in browser.find_element(By.ID, "problems").text  # file:line as the CLI says it
    editor.send_keys("9")
    wait_for(browser, lambda d: "No problems" in d.find_element(By.ID, "problems").text)
    browser.find_element(By.ID, "apply-text").click()
    wait_for(browser, lambda d: d.find_element(By.ID, "equilibria").text != before)
    assert "Cooperate" in browser.find_element(By.ID, "equilibria").text
    assert differs(table, shot(browser, browser.find_element(By.CSS_SELECTOR, 'figure[data-kind="table"] img')))
    assert mine.read_text(encoding="utf-8") == original  # nothing written until save is pressed
    browser.find_element(By.ID, "save").click()
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "p.saved"))
    assert "Saved to" in browser.find_element(By.CSS_SELECTOR, "p.saved").text
    assert "[[9, 9]" in mine.read_text(encoding="utf-8")


def test_reading_and_the_levers_work_without_javascript(server: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = _chrome(javascript=False)
    try:
        driver.get(server)
        driver.get(f"{base(server)}/game/freeze-for-freeze")
        assert driver.execute_script is not None
        assert driver.find_element(By.ID, "equilibria").text.strip()
        assert driver.find_elements(By.CSS_SELECTOR, "#explanation ol.steps > li")
        driver.find_element(By.ID, "p-s").send_keys(Keys.END)
        driver.find_element(By.ID, "apply").click()  # a plain form post: the whole page comes back
        wait_for(driver, lambda d: "At s = 11," in d.find_element(By.ID, "values").text)
        assert driver.find_element(By.ID, "stability").text
    finally:
        driver.quit()
