"""The draw command, export --to svg, deals --plot, and golden PNGs (the optional png extra)."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

import negsolve
from negsolve.cli.main import cli
from negsolve.draw import render_svg
from negsolve.draw.png import png_available, svg_to_png

GOLDEN = Path(__file__).parent / "data" / "golden-png"
NO_PNG = "PNG output needs the png extra (pip install 'negsolve[png]': cairosvg with the system's libcairo)"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def test_draw_writes_svg_and_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "pd.svg"
    result = run("draw", "prisoners-dilemma", "-o", str(out))
    assert result.exit_code == 0, result.output
    root = ET.fromstring(out.read_text())
    assert root.tag.endswith("svg")
    out.write_text("keep me")
    refused = run("draw", "prisoners-dilemma", "-o", str(out))
    assert refused.exit_code == 2
    assert "does not overwrite" in refused.output
    assert out.read_text() == "keep me"
    forced = run("draw", "prisoners-dilemma", "-o", str(out), "--force")
    assert forced.exit_code == 0 and out.read_text().startswith("<svg")


def test_draw_to_standard_output_and_kinds() -> None:
    result = run("draw", "battle-of-the-sexes", "--what", "best-response")
    assert result.exit_code == 0
    assert "best responses" in result.output
    bad = run("draw", "rock-paper-scissors", "--what", "best-response")
    assert bad.exit_code == 2
    assert "does not apply" in bad.output and "table" in bad.output


def test_draw_region_axes_and_settings(tmp_path: Path) -> None:
    result = run("draw", "freeze-for-freeze", "--what", "region", "--param", "c=0:2", "--param", "r",
                 "--set", "s=2", "--outcome", "Hold exercises,Keep testing")
    assert result.exit_code == 0, result.output
    assert "fixed: s = 2" in result.output
    assert run("draw", "freeze-for-freeze", "--what", "region", "--param", "zz").exit_code == 2


def test_draw_refuses_other_file_types(tmp_path: Path) -> None:
    result = run("draw", "prisoners-dilemma", "-o", str(tmp_path / "pd.jpg"))
    assert result.exit_code == 2 and ".svg or .png" in result.output


def test_export_to_svg_matches_draw() -> None:
    result = run("export", "entry-deterrence", "--to", "svg")
    assert result.exit_code == 0
    assert result.output == render_svg(negsolve.load_game("entry-deterrence"))


def test_deals_plot(tmp_path: Path) -> None:
    out = tmp_path / "deals.svg"
    result = run("deals", "head-on-collision", "--plot", str(out))
    assert result.exit_code == 0, result.output
    svg = out.read_text()
    assert "Pareto frontier" in svg and "Nash bargaining solution (1/2, 1/2)" in svg
    again = run("deals", "head-on-collision", "--plot", str(out))
    assert again.exit_code == 2  # refused before any work
    three = run("deals", "three-party", "--plot", str(tmp_path / "three.svg"))
    assert three.exit_code == 2 and "two players" in three.output


@pytest.mark.skipif(not png_available(), reason=NO_PNG)
def test_draw_png(tmp_path: Path) -> None:
    out = tmp_path / "pd.png"
    result = run("draw", "prisoners-dilemma", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


GOLDEN_CASES = [("prisoners-dilemma", "table"), ("battle-of-the-sexes", "best-response"),
                ("entry-deterrence", "tree")]


@pytest.mark.skipif(not png_available(), reason=NO_PNG)
@pytest.mark.parametrize("name,what", GOLDEN_CASES)
def test_golden_png(name: str, what: str) -> None:
    """Rendered PNGs against committed ones, with a tolerance for font rasterisation.

    NEGSOLVE_UPDATE_GOLDEN=1 rewrites them (check the pictures before committing)."""
    import io

    from PIL import Image, ImageChops, ImageStat

    data = svg_to_png(render_svg(negsolve.load_game(name), what), scale=1.0)
    path = GOLDEN / f"{name}-{what}.png"
    if os.environ.get("NEGSOLVE_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    got = Image.open(io.BytesIO(data)).convert("L")
    want = Image.open(path).convert("L")
    assert got.size == want.size
    diff = ImageChops.difference(got, want)
    assert ImageStat.Stat(diff).mean[0] < 2.0  # mean grey-level difference (0-255)
    changed = sum(diff.point(lambda v: 255 if v > 64 else 0).histogram()[255:])
    assert changed < 0.01 * got.size[0] * got.size[1]
