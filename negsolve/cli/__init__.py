"""The ``negsolve`` command line (Click).  Thin: options -> library -> renderer.

This module is the one error boundary: negsolve's exceptions become ``Error: ...`` on
stderr and a non-zero exit code; a traceback is shown only with ``--debug``.  Heavy
libraries are never imported here.
"""

from negsolve.cli.main import main

__all__ = ["main"]
