"""What `locate` returns: a span of the original, how the quote maps onto it, and what surrounds it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class SentenceLink:
    """Quote units (their text and span in the quote) rendered by a span of the original."""

    quote: str
    quote_start: int
    quote_end: int
    start: int  # character span in the original
    end: int
    similarity: float


@dataclass(frozen=True)
class Span:
    """A stretch of the original: `start`/`end` index its decoded text (Python string offsets)."""

    start: int
    end: int
    text: str

    def overlap(self, other: Span) -> float:
        """Characters in both over characters in either (1.0: the same stretch, 0.0: apart)."""
        inter = max(0, min(self.end, other.end) - max(self.start, other.start))
        union = max(self.end, other.end) - min(self.start, other.start)
        return inter / union if union else 0.0


@dataclass(frozen=True)
class Gap(Span):
    """Text of the original inside the match that the quote leaves out (an elision)."""


@dataclass(frozen=True)
class CutFlag:
    """The quote stops (side="after") or starts ("before") right next to words that change its meaning."""

    side: str
    kinds: tuple[str, ...]  # qualifier, contrast, negation, condition, attribution
    markers: tuple[str, ...]  # the words as written in the original
    text: str  # the words of the original on that side, for the reader
    message: str


@dataclass(frozen=True)
class Context:
    """The sentences around the match, and the cut flags."""

    before: str
    after: str
    flags: tuple[CutFlag, ...]


@dataclass(frozen=True)
class Match(Span):
    """A span of the original that the quote renders.

    `confidence` is the calibrated probability that this is the right span (see LocateSettings);
    `links` say which quote sentences render which part; `gaps` are the original's sentences the
    quote elides.
    """

    confidence: float
    score: float
    coverage: float  # weighted share of the quote's words found in the span
    links: tuple[SentenceLink, ...]
    gaps: tuple[Gap, ...]
    context: Context | None = None  # given for the top match
    # The quote's language: "en" (matched through the lexicon) or "ru" (matched directly, word for word).
    quote_language: str = "en"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
