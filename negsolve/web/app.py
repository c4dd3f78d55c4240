"""The Starlette application of ``negsolve serve``: routes, the per-run token, bounded requests and work.

Every request must carry the run's token: as ``?token=...`` (the printed URL; answered by a
redirect that stores it in a same-site, HTTP-only cookie) or in that cookie.  Request bodies
larger than :data:`MAX_REQUEST_BYTES` are refused (413) before they are read whole, and each
page's computation runs in a worker thread under a time limit, so a large game cannot hang
the server: the page says it took too long instead.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl, urlencode

import anyio
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from negsolve.errors import InputError, NegsolveError
from negsolve.web import pages
from negsolve.web.catalog import Catalog, Entry, refresh, save
from negsolve.web.compute import MAIN, MORE, GameView, check_text, game_view, parse_game, read_values

MAX_REQUEST_BYTES = 2 * 2**20
PAGE_TIME_FACTOR = 12  # a page may take this many times the equilibrium search's limit (explanation, pictures)
COOKIE = "negsolve_token"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                               "script-src 'self'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class TokenGate:
    """ASGI middleware: refuse (403) every request without the run's token; refuse oversized bodies (413)."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        given = request.query_params.get("token")
        if given is not None and hmac.compare_digest(given, self.token):
            if request.method == "GET":  # store it in the cookie and drop it from the address bar
                query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
                target = request.url.path + (f"?{query}" if query else "")
                response: Response = RedirectResponse(target, status_code=303)
                response.set_cookie(COOKIE, self.token, httponly=True, samesite="strict")
                await response(scope, receive, send)
                return
        elif not hmac.compare_digest(request.cookies.get(COOKIE, ""), self.token):
            await PlainTextResponse("403: this negsolve server needs the token from the URL it printed\n",
                                    status_code=403)(scope, receive, send)
            return
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_REQUEST_BYTES):
            await _too_large(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = dict(message, headers=headers)
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _too_large(scope: Scope, receive: Receive, send: Send) -> None:
    await PlainTextResponse(f"413: a request may have at most {MAX_REQUEST_BYTES // 2**20} MB\n",
                            status_code=413)(scope, receive, send)


class TooLarge(Exception):
    """The body grew past :data:`MAX_REQUEST_BYTES` while being read (no or a false Content-Length)."""


async def read_form(request: Request) -> dict[str, str]:
    """The url-encoded form of ``request``, read at most :data:`MAX_REQUEST_BYTES` bytes."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_REQUEST_BYTES:
            raise TooLarge
    return dict(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))


class Explorer:
    """The routes over one :class:`Catalog`; ``time_limit`` bounds each page's computation (seconds)."""

    def __init__(self, catalog: Catalog, time_limit: float) -> None:
        self.catalog = catalog
        self.time_limit = time_limit
        self.limiter = anyio.CapacityLimiter(2)
        self.slow_limiter = anyio.CapacityLimiter(1)  # stability and explanation: one at a time, apart

    def entry(self, request: Request) -> Entry:
        found = self.catalog.get(request.path_params["key"])
        if found is None:
            raise KeyError(request.path_params["key"])
        return found

    async def view(self, entry: Entry, text: str, form: dict[str, str], parts: tuple[str, ...] = (MAIN, MORE)
                   ) -> GameView:
        """The game view, or a view that says the work took too long."""
        def work() -> GameView:
            return game_view(text, entry.filename, entry.fmt, form, self.time_limit, parts)

        page_limit = PAGE_TIME_FACTOR * self.time_limit
        with anyio.move_on_after(page_limit):
            limiter = self.limiter if MORE not in parts or MAIN in parts else self.slow_limiter
            return await anyio.to_thread.run_sync(work, abandon_on_cancel=True, limiter=limiter)
        return GameView(problems=[f"{entry.filename}: this game took longer than {page_limit:g} s to solve "
                                  "and explain: it is too large for the web explorer; use 'negsolve solve' on "
                                  "the command line"], title=entry.filename)

    async def index(self, request: Request) -> Response:
        titles = {}
        for key, entry in self.catalog.entries.items():
            try:
                titles[key] = parse_game(entry.text, entry.filename, entry.fmt).title
            except InputError:
                titles[key] = entry.filename
        return HTMLResponse(pages.index_page(self.catalog, titles))

    async def game(self, request: Request) -> Response:
        entry = self.entry(request)
        if request.method == "GET":  # a reload shows the file as it is now (and saving starts from it)
            entry = refresh(entry)
            self.catalog.replace(entry)
        form = dict(request.query_params) if request.method == "GET" else await read_form(request)
        text = form.get("text", entry.text)
        return HTMLResponse(pages.game_page(entry, text, await self.view(entry, text, form)))

    async def fragment(self, request: Request) -> Response:
        entry = self.entry(request)
        form = await read_form(request)
        view = await self.view(entry, form.get("text", entry.text), form, (MAIN,))
        return HTMLResponse(pages.view_html(view, more_from=f"/game/{entry.key}/more"))

    async def more(self, request: Request) -> Response:
        entry = self.entry(request)
        form = await read_form(request)
        return HTMLResponse(pages.more_html(await self.view(entry, form.get("text", entry.text), form, (MORE,))))

    async def check(self, request: Request) -> Response:
        entry = self.entry(request)
        form = await read_form(request)
        problems = await anyio.to_thread.run_sync(check_text, form.get("text", ""), entry.filename, entry.fmt,
                                                  limiter=self.limiter)
        return HTMLResponse(pages.problems_html(problems))

    async def download(self, request: Request) -> Response:
        from negsolve.web.downloads import TARGETS, download_text, file_name

        entry = self.entry(request)
        target = request.path_params["target"]
        form = dict(request.query_params) if request.method == "GET" else await read_form(request)
        if target not in TARGETS:
            return PlainTextResponse(f"404: no download {target!r}\n", status_code=404)

        def work() -> tuple[str, str]:
            game = parse_game(form.get("text", entry.text), entry.filename, entry.fmt)
            values, problems = read_values(game, form)
            if problems:
                raise NegsolveError("; ".join(problems))
            return game.title, download_text(game, target, values, form.get("picture", "auto"),
                                             form.get("outcome") or None)

        with anyio.move_on_after(PAGE_TIME_FACTOR * self.time_limit):
            title, body = await anyio.to_thread.run_sync(work, abandon_on_cancel=True, limiter=self.limiter)
            name = file_name(title, target)
            return Response(body, media_type=TARGETS[target][1] + "; charset=utf-8",
                            headers={"Content-Disposition": f"attachment; filename=\"{name}\""})
        return PlainTextResponse("503: the download took too long\n", status_code=503)

    async def save(self, request: Request) -> Response:
        entry = self.entry(request)
        form = await read_form(request)
        text = form.get("text", "")
        problems = check_text(text, entry.filename, entry.fmt)
        message = ""
        if problems:
            message = "Not saved: fix the problems first (or download the text)."
        else:
            try:
                entry = save(entry, text, form.get("opened", ""))
                self.catalog.replace(entry)
                message = f"Saved to {entry.filename}."
            except InputError as exc:
                message = "Not saved: " + "; ".join(str(p) for p in exc.problems)
        status = 200 if message.startswith("Saved") else 409
        page = pages.game_page(entry, text, await self.view(entry, text, form), message)
        return HTMLResponse(page, status_code=status)

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ("htmx.min.js", "htmx-LICENSE.txt"):
            return PlainTextResponse("404\n", status_code=404)
        data = (resources.files("negsolve.web") / "static" / name).read_bytes()
        kind = "text/javascript" if name.endswith(".js") else "text/plain"
        return Response(data, media_type=kind + "; charset=utf-8")


def _errors(handler: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
    """Unknown games (404), oversized bodies (413) and input errors (400) as short plain answers."""
    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request)
        except KeyError as exc:
            return PlainTextResponse(f"404: no game {exc.args[0]!r} here\n", status_code=404)
        except TooLarge:
            return PlainTextResponse(f"413: a request may have at most {MAX_REQUEST_BYTES // 2**20} MB\n",
                                     status_code=413)
        except InputError as exc:
            return PlainTextResponse("".join(f"Error: {p}\n" for p in exc.problems), status_code=400)
        except NegsolveError as exc:
            return PlainTextResponse(f"Error: {exc}\n", status_code=400)
    return wrapped


def create_app(catalog: Catalog, token: str, time_limit: float = 5.0) -> Any:
    """The explorer as an ASGI application (Starlette behind :class:`TokenGate`)."""
    ex = Explorer(catalog, time_limit)
    routes = [
        Route("/", _errors(ex.index)),
        Route("/static/{name}", _errors(ex.static)),
        Route("/game/{key}", _errors(ex.game), methods=["GET", "POST"]),
        Route("/game/{key}/view", _errors(ex.fragment), methods=["POST"]),
        Route("/game/{key}/more", _errors(ex.more), methods=["POST"]),
        Route("/game/{key}/check", _errors(ex.check), methods=["POST"]),
        Route("/game/{key}/download/{target}", _errors(ex.download), methods=["GET", "POST"]),
        Route("/game/{key}/save", _errors(ex.save), methods=["POST"]),
    ]
    return TokenGate(Starlette(routes=routes), token)
