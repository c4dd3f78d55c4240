"""Where Gambit's published games live: ``../shared/corpus/gambit`` beside the repository."""

from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "gambit"
HOW_TO_GET = (
    "Gambit's corpus is absent: place the .nfg/.efg files of gambitproject/gambit (17.0.0-alpha.2) under "
    "../shared/corpus/gambit beside the repository to run the corpus tests"
)


def corpus_files(suffix: str) -> list[Path]:
    """Every corpus file ending in ``suffix``, sorted; empty when the corpus is absent."""
    if not CORPUS.is_dir():
        return []
    return sorted(CORPUS.rglob(f"*{suffix}"))


def corpus_key(path: Path) -> str:
    """The path relative to the corpus root, with forward slashes: the key of the frozen answers."""
    return path.relative_to(CORPUS).as_posix()


def content_hash(path: Path) -> str:
    """sha256 of the file's bytes: a changed corpus file no longer matches its frozen answers."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
