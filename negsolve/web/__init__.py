"""``negsolve serve``: a local web explorer of games (needs the ``web`` extra: Starlette and uvicorn).

Layers: :mod:`.catalog` (which games, saving), :mod:`.compute` (what a page shows, no HTML),
:mod:`.pictures` (SVG from :mod:`negsolve.draw`), :mod:`.downloads`, :mod:`.pages` (escaped
HTML), :mod:`.app` (Starlette routes, the token, limits) and :mod:`.server` (the socket, uvicorn).
Only the ``serve`` command imports this package; nothing here is imported at start-up.
"""
