"""Where the tests find the repository's corpus and ../shared (import as `from paths import ...`)."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED_CORPUS = REPO / "parallel"
