"""Bundled negsolve games (TOML). Installed as the package ``negsolve.games``."""
