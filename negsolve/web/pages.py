"""The explorer's HTML: the index, a game page and its fragments.  Every text from a game or a form
goes through :func:`html.escape`; pictures are embedded as ``<img>`` data URIs (an SVG shown as an
image runs no script).  The pages work without JavaScript (plain forms); htmx only swaps fragments.
"""

from __future__ import annotations

import base64
from fractions import Fraction
from html import escape

from negsolve.web.catalog import Catalog, Entry
from negsolve.web.compute import GameView, Picture, Slider, decimal

MAX_EDIT_CHARS = 1_000_000  # larger files are shown but not offered in the editor

STYLE = """
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:0 1rem 3rem;line-height:1.4}
pre{background:#f6f6f4;padding:.5rem;overflow-x:auto;font-size:.85rem}
.pictures{display:flex;flex-wrap:wrap;gap:1rem}.pictures figure{margin:0}
.pictures img{max-width:100%;border:1px solid #ddd;background:#fff}
.problems{color:#a00;white-space:pre-wrap}.note{color:#555;font-style:italic}
.lever{display:grid;grid-template-columns:6rem 20rem auto;gap:.5rem;align-items:center}
textarea{width:100%;font-family:monospace;font-size:.85rem}
.saved{color:#060}
"""


def page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)} · negsolve</title>"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<style>{STYLE}</style><script src=\"/static/htmx.min.js\" defer></script></head>"
            f"<body>{body}</body></html>")


def index_page(catalog: Catalog, titles: dict[str, str]) -> str:
    items = []
    for entry in catalog.entries.values():
        where = " (file)" if entry.path is not None else ""
        items.append(f"<li><a href=\"/game/{escape(entry.key)}\">{escape(titles.get(entry.key, entry.key))}</a>"
                     f" <small>{escape(entry.filename)}{where}</small></li>")
    return page("Games", "<h1>negsolve explorer</h1><p>Pick a game: its story, pictures, every equilibrium and "
                "the reasoning, with sliders for its parameters.</p><ul id=\"games\">" + "".join(items) + "</ul>")


def number(value: Fraction) -> str:
    """Exact text (``5/2``) for people."""
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"




def problems_html(problems: list[str]) -> str:
    if not problems:
        return "<p class=\"ok\">No problems: the text reads as a game.</p>"
    return "<div class=\"problems\" role=\"alert\">" + "\n".join(
        f"<div>Error: {escape(p)}</div>" for p in problems) + "</div>"


def _lever(key: str, s: Slider) -> str:
    about = f" <small>{escape(s.about)}</small>" if s.about else ""
    return (f"<div class=\"lever\"><label for=\"p-{escape(s.name)}\">{escape(s.name)}</label>"
            f"<input type=\"range\" class=\"slider\" id=\"p-{escape(s.name)}\" name=\"p.{escape(s.name)}\" "
            f"min=\"{decimal(s.low)}\" max=\"{decimal(s.high)}\" step=\"{decimal(s.step)}\" "
            f"value=\"{decimal(s.value)}\" hx-post=\"/game/{escape(key)}/view\" hx-target=\"#view\" "
            "hx-trigger=\"input changed delay:40ms\" hx-sync=\"closest form:replace\">"
            f"<span>{escape(number(s.low))} … {escape(number(s.high))}{about}</span></div>")


def _outcome_select(key: str, view: GameView) -> str:
    if not view.outcomes or not view.sliders:
        return ""
    options = f"<option value=\"all\"{' selected' if view.outcome == 'all' else ''}>every outcome (map)</option>"
    options += "".join(f"<option{' selected' if o == view.outcome else ''}>{escape(o)}</option>"
                       for o in view.outcomes)
    return (f"<div class=\"lever\"><label for=\"outcome\">outcome</label><select id=\"outcome\" name=\"outcome\" "
            f"hx-post=\"/game/{escape(key)}/view\" hx-target=\"#view\" hx-trigger=\"change\" "
            f"hx-sync=\"closest form:replace\">{options}</select><span>its stability region</span></div>")


def view_html(view: GameView, more_from: str | None = None) -> str:
    """The part of the page that the sliders redraw; with ``more_from`` (a URL), the stability region
    and the explanation are not in it but fetched from there by htmx once the slider rests for
    0.4 s (the slow part: a replaced placeholder never fires, so a drag asks for it only once)."""
    out = []
    if view.sliders:
        out.append("<p id=\"values\">At " + ", ".join(
            f"{escape(s.name)} = {escape(number(s.value))}" for s in view.sliders) + "</p>")
    if view.problems:
        out.append(problems_html(view.problems))
    out.extend(f"<p class=\"note\">{escape(n)}</p>" for n in view.notes)
    quick = [p for p in view.pictures if p.kind != "region"]
    if quick:
        out.append("<section><h2>Pictures</h2><div class=\"pictures\">" + _figures(quick) + "</div></section>")
    if view.equilibria:
        out.append(f"<section><h2>Equilibria</h2><pre id=\"equilibria\">{escape(view.equilibria)}</pre></section>")
    if more_from is not None:
        out.append(f"<div id=\"more\" hx-post=\"{escape(more_from)}\" hx-trigger=\"load delay:400ms\" "
                   "hx-swap=\"outerHTML\" hx-include=\"#game-form\"><p class=\"note\">Working out the "
                   "stability region and the explanation…</p></div>")
        return "\n".join(out)
    out.append(more_html(view))
    return "\n".join(out)


def more_html(view: GameView) -> str:
    """The slow part of the view: the region picture, the stability of the outcome, the explanation."""
    from negsolve.explain.html import render_html

    out = ["<div id=\"more\">"]
    region = [p for p in view.pictures if p.kind == "region"]
    if region:
        out.append("<section><h2>Stability region</h2><div class=\"pictures\">" + _figures(region) + "</div></section>")
    if view.stability:
        out.append("<section><h2>Stability of the chosen outcome</h2>"
                   f"<pre id=\"stability\">{escape(view.stability)}</pre></section>")
    if view.explanation is not None:
        out.append(f"<section id=\"explanation\"><h2>Step by step</h2>{render_html(view.explanation)}</section>")
    out.append("</div>")
    return "\n".join(out)


def _figures(pictures: list[Picture]) -> str:
    figures = []
    for pic in pictures:
        if pic.svg is not None:
            data = base64.b64encode(pic.svg.encode("utf-8")).decode("ascii")
            body = f"<img alt=\"{escape(pic.kind)} picture\" src=\"data:image/svg+xml;base64,{data}\">"
        else:
            body = f"<pre>{escape(pic.text or '')}</pre>"
        figures.append(f"<figure class=\"picture\" data-kind=\"{escape(pic.kind)}\">{body}"
                       f"<figcaption>{escape(pic.kind)}</figcaption></figure>")
    return "".join(figures)


def _downloads(key: str, view: GameView) -> str:
    from negsolve.web.downloads import targets_for

    if view.game is None:
        return ""
    buttons = []
    for target in targets_for(view.game):
        if target == "svg":
            for pic in view.pictures:
                if pic.svg is not None:
                    buttons.append(f"<button name=\"picture\" value=\"{escape(pic.kind)}\" formmethod=\"post\" "
                                   f"formaction=\"/game/{key}/download/svg\" formnovalidate>"
                                   f"SVG: {escape(pic.kind)}</button>")
            continue
        label = {"latex": "LaTeX explanation"}.get(target, f".{target}")
        buttons.append(f"<button formmethod=\"post\" formaction=\"/game/{key}/download/{target}\" "
                       f"formnovalidate>{label}</button>")
    return "<section><h2>Download</h2><p>" + " ".join(buttons) + "</p></section>"


def game_page(entry: Entry, text: str, view: GameView, message: str = "") -> str:
    """A whole game page: story, levers, the redrawn view, downloads and the editor, in one form."""
    key = escape(entry.key)
    title = view.title or entry.filename
    story = "".join(f"<p>{escape(p.strip())}</p>" for p in view.summary.split("\n\n") if p.strip())
    levers = "".join(_lever(entry.key, s) for s in view.sliders) + _outcome_select(entry.key, view)
    apply = "<button type=\"submit\" id=\"apply\">Apply</button>"
    saving = ""
    if entry.path is not None:
        saving = (f"<button formmethod=\"post\" formaction=\"/game/{key}/save\" id=\"save\">"
                  f"Save to {escape(entry.filename)}</button>")
    editor = "<p class=\"note\">This file is too large to edit in the browser.</p>"
    if len(text) <= MAX_EDIT_CHARS:
        editor = (f"<textarea name=\"text\" id=\"text\" rows=\"24\" spellcheck=\"false\" "
                  f"hx-post=\"/game/{key}/check\" hx-target=\"#problems\" hx-trigger=\"input changed delay:250ms\">"
                  f"{escape(text)}</textarea>"
                  f"<input type=\"hidden\" name=\"opened\" value=\"{escape(entry.digest)}\">")
    checked = problems_html(view.problems if view.game is None else [])
    body = (f"<p><a href=\"/\">All games</a></p><h1>{escape(title)}</h1>"
            f"<div class=\"story\">{story}</div>"
            + (f"<p class=\"saved\" role=\"status\">{escape(message)}</p>" if message else "")
            + f"<form id=\"game-form\" method=\"post\" action=\"/game/{key}\">"
            + (f"<fieldset><legend>Levers</legend>{levers} {apply}</fieldset>" if levers else "")
            + f"<div id=\"view\">{view_html(view)}</div>"
            + _downloads(key, view)
            + "<section><h2>Edit the game</h2><p>Change the text; problems show as you type. "
            + f"Solve this text re-solves it here{'; save writes the file' if entry.path else ''}.</p>"
            + f"{editor}<div id=\"problems\" aria-live=\"polite\">{checked}</div>"
            + f"<p><button type=\"submit\" id=\"apply-text\">Solve this text</button> {saving}</p></section>"
            + "</form>")
    return page(title, body)
