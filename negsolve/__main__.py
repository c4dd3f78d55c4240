"""``python -m negsolve``: the same as the ``negsolve`` command."""

from negsolve.cli import main

if __name__ == "__main__":
    main()
