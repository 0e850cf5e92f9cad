"""The one error a missing or damaged shipped data file raises (lexicon and WordNet alike)."""

__all__ = ["DATA_DIR", "LexiconDataMissing"]

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class LexiconDataMissing(RuntimeError):
    """A shipped data file is not installed or not readable; its scripts/build_*.py rebuilds it."""
