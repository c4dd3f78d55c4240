"""Slider -> redraw latency of ``negsolve serve`` on the bundled 2x2 games with parameters.

Starts ``negsolve serve`` in a subprocess and, for each game, moves its first parameter's
slider through ``--steps`` values as the page does: one ``POST /game/NAME/view`` per move
(re-solve, redraw the table and best-response pictures), then the follow-up ``POST .../more``
(stability region and explanation, sympy).  Prints the median and 90th percentile per game.
With ``--browser``, the same in headless Chromium (Debian's chromium and chromium-driver):
from the key press on the slider to the new values on the page.  Target: median < 300 ms.

    nice python benchmarks/bench_serve.py [--steps 20] [--browser]
"""

from __future__ import annotations

import argparse
import http.client
import re
import statistics
import subprocess
import sys
import time
from urllib.parse import urlencode

from negsolve.io import load_game
from negsolve.io.registry import bundled_names
from negsolve.web.compute import slider_for


def games() -> list[str]:
    out = []
    for name in bundled_names():
        game = load_game(name)
        if not hasattr(game, "nodes") and game.shape == (2, 2) and game.parameters:
            out.append(name)
    return out


def start() -> tuple[subprocess.Popen[str], str, int, str]:
    process = subprocess.Popen([sys.executable, "-m", "negsolve", "serve"], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    found = re.fullmatch(r"negsolve explorer: http://(127\.0\.0\.1):(\d+)/\?token=(\S+)\n", process.stdout.readline())
    assert found
    return process, found.group(1), int(found.group(2)), found.group(3)


def post(conn: http.client.HTTPConnection, token: str, path: str, form: dict[str, str]) -> float:
    body = urlencode(form)
    started = time.perf_counter()
    conn.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded",
                                      "Cookie": f"negsolve_token={token}"})
    answer = conn.getresponse()
    answer.read()
    assert answer.status == 200, answer.status
    return (time.perf_counter() - started) * 1000


def values(name: str, steps: int) -> tuple[str, list[str]]:
    slider = slider_for(load_game(name).parameters[0])
    return slider.name, [f"{float(slider.low + (slider.high - slider.low) * k / (steps - 1)):.6g}"
                         for k in range(steps)]


def http_run(steps: int) -> None:
    process, host, port, token = start()
    try:
        conn = http.client.HTTPConnection(host, port, timeout=120)
        print(f"{'game':22} {'redraw median':>14} {'p90':>8} {'more median':>12} {'p90':>8}   (ms, {steps} moves)")
        medians = []
        for name in games():
            param, points = values(name, steps)
            post(conn, token, f"/game/{name}/view", {})  # warm-up: imports, first solve
            redraw, more = [], []
            for value in points:
                redraw.append(post(conn, token, f"/game/{name}/view", {f"p.{param}": value}))
                more.append(post(conn, token, f"/game/{name}/more", {f"p.{param}": value}))
            medians.append(statistics.median(redraw))
            print(f"{name:22} {statistics.median(redraw):14.0f} {_p90(redraw):8.0f} "
                  f"{statistics.median(more):12.0f} {_p90(more):8.0f}")
        print(f"median of the games' redraw medians: {statistics.median(medians):.0f} ms")
    finally:
        process.terminate()
        process.wait()


def _p90(samples: list[float]) -> float:
    return sorted(samples)[max(0, int(len(samples) * 0.9) - 1)]


def browser_run(steps: int) -> None:
    import shutil

    from selenium import webdriver
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    process, host, port, token = start()
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=shutil.which("chromedriver")))
    try:
        driver.get(f"http://{host}:{port}/?token={token}")
        all_samples = []
        for name in games():
            param = load_game(name).parameters[0].name
            driver.get(f"http://{host}:{port}/game/{name}")
            samples = []
            for _ in range(steps):
                before = driver.find_element(By.ID, "values").text
                slider = driver.find_element(By.ID, f"p-{param}")
                started = time.perf_counter()
                slider.send_keys(Keys.ARROW_RIGHT)
                stale = (StaleElementReferenceException,)
                WebDriverWait(driver, 60, poll_frequency=0.005, ignored_exceptions=stale).until(
                    lambda d, b=before: d.find_element(By.ID, "values").text != b)
                samples.append((time.perf_counter() - started) * 1000)
            all_samples += samples
            print(f"{name:22} key -> redraw median {statistics.median(samples):5.0f} ms, p90 {_p90(samples):5.0f}")
        print(f"all games: median {statistics.median(all_samples):.0f} ms (includes htmx's 40 ms input delay)")
    finally:
        driver.quit()
        process.terminate()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--browser", action="store_true", help="measure in headless Chromium")
    args = parser.parse_args()
    (browser_run if args.browser else http_run)(args.steps)


if __name__ == "__main__":
    main()
