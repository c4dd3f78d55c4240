"""The ``serve`` command: the local web explorer.  Thin: options -> negsolve.web (imported only here).

Listed in :data:`negsolve.cli.app.COMMANDS` (loaded when the command runs).
Starlette and uvicorn (the ``web`` extra) are imported inside the command, never at start-up.
"""

from __future__ import annotations

import click

from negsolve.cli.options import _bundled_names
from negsolve.errors import NegsolveError

DEFAULT_HOST = "127.0.0.1"


@click.command()
@click.argument("games", nargs=-1, metavar="[GAME]...", shell_complete=_bundled_names)
@click.option("--port", type=click.IntRange(min=0, max=65535), default=0, show_default=True,
              help="The port to listen on (0: a free port).")
@click.option("--host", default=None, metavar="HOST",
              help=f"The address to listen on (default {DEFAULT_HOST}, this machine only). Another address "
                   "makes the explorer reachable from the network: a warning is printed.")
@click.option("--open", "open_browser", is_flag=True, help="Open the explorer in the web browser.")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=5.0, show_default=True,
              metavar="SECONDS", help="The longest equilibrium search for one page.")
def serve(games: tuple[str, ...], port: int, host: str | None, open_browser: bool, time_limit: float) -> None:
    """A local web page to explore games: story, pictures, every equilibrium, the explanation
    steps, sliders for the parameters, an editor with live checks, and downloads.

    GAME files given are listed first (and can be saved from the page); every bundled game is
    there too.  The printed URL holds a token for this run: requests without it are refused.
    Needs the web extra: pip install 'negsolve[web]'.

    \b
    Examples:
      negsolve serve --open
      negsolve serve my-game.toml
    """
    try:
        from negsolve.web.app import create_app
    except ImportError as exc:
        raise NegsolveError(f"'negsolve serve' needs the web extra ({exc.name} is missing): "
                            "pip install 'negsolve[web]'") from None
    from negsolve.web.catalog import build_catalog
    from negsolve.web.server import is_loopback, listen, new_token, run, url_of

    chosen = host if host is not None else DEFAULT_HOST
    if not is_loopback(chosen):
        click.echo(f"Warning: listening on {chosen}: anyone who can reach this machine and learns the URL "
                   "(with its token) can use the explorer, over plain unencrypted HTTP.", err=True)
    catalog = build_catalog(list(games))
    token = new_token()
    try:
        sock = listen(chosen, port)
    except OSError as exc:
        raise NegsolveError(f"cannot listen on {chosen}:{port}: {exc.strerror}") from None
    url = url_of(sock, chosen, token)
    click.echo(f"negsolve explorer: {url}")
    click.echo("Ctrl-C stops it.", err=True)

    def opened() -> None:
        if open_browser:
            import webbrowser

            webbrowser.open(url)

    run(create_app(catalog, token, time_limit), sock, opened)
