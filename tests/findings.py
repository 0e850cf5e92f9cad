"""What the findings tests ask of a scored pair: its major and critical flags, optionally of one kind."""

from __future__ import annotations

from toolkit.score import score_pair
from toolkit.score.results import Flag


def serious_flags(source: str, rendering: str, kind: str | None = None) -> list[Flag]:
    """The pair's major and critical flags (of `kind` only, when given): what a reader is told to look at."""
    flags = [f for f in score_pair(source, rendering).flags if f.severity in ("major", "critical")]
    return [f for f in flags if kind is None or f.type == kind]
