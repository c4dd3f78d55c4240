"""``python -m negsolve``: the same as the ``negsolve`` command."""

from negsolve.cli.app import main

if __name__ == "__main__":
    main()
