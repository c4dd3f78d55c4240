"""The ``negsolve`` command line (Click).  Thin: options -> library -> renderer.

- :mod:`negsolve.cli.app`: the group, its lazy command table (name -> ``"module:function"``)
  and the one error boundary: negsolve's exceptions become ``Error: ...`` on stderr and a
  non-zero exit code; a traceback is shown only with ``--debug``;
- :mod:`negsolve.cli.options`: the options and helpers the commands share;
- one module per command family (browse, solving, formats, analysis, teach, deals, runs);
- :mod:`negsolve.cli.main`: the console-script entry ``negsolve.cli:main`` (a callable module).

Heavy libraries are never imported at module level here.
"""

from typing import Any


def __getattr__(name: str) -> Any:
    # ``negsolve.cli.main`` without importing it first: the (callable) entry module.
    if name == "main":
        import importlib

        return importlib.import_module("negsolve.cli.main")
    raise AttributeError(f"module 'negsolve.cli' has no attribute {name!r}")
