"""Leave-one-out: which span of a side, deleted, most raises the similarity of the pair.

A word of the original that the rendering left out makes the pair look *more* alike once it is deleted from
the original; a clause the rendering added does the same once deleted from the rendering. So each side is
cut into deletion units (source: each content word; rendering: windows of a few words), every variant is
encoded in one batch, and each unit gets the similarity it gains. The source side depends on the source
only, so its embeddings come from the encoder's cache when the original comes back with another rendering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from toolkit.score.words import CONTENT_ROLES, Word, words

_SPACES = re.compile(r"\s{2,}")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:!?»”)])")


@dataclass(frozen=True)
class SpanGain:
    """A deletion unit: character offsets [start, end) into its side's text, its text, and how much the
    cosine similarity of the pair rises (positive) or falls (negative) when it is deleted."""

    side: str  # "source" | "rendering"
    start: int
    end: int
    text: str
    gain: float
    word_indices: tuple[int, ...]
    # How far the deletion moves its own side's embedding (1 - cosine of the side with and without the
    # unit): a long or weighty unit moves it more, so gain / shift tells direction from size.
    shift: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "side": self.side,
            "span": [self.start, self.end],
            "text": self.text,
            "gain": round(self.gain, 4),
        }


def without(text: str, start: int, end: int) -> str:
    """`text` with [start, end) deleted and the seam tidied (no double space, no space before a comma)."""
    joined = text[:start] + " " + text[end:]
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", _SPACES.sub(" ", joined)).strip()


def units(side_words: list[Word], window: int, stride: int, content_only: bool) -> list[tuple[int, ...]]:
    """Deletion units as word indices: windows of `window` consecutive words every `stride` words, over
    content words only (`content_only`, windows of one) or over all words (windows start on a content word
    so that no unit is function words alone)."""
    if content_only:
        return [(k,) for k, w in enumerate(side_words) if w.role in CONTENT_ROLES]
    n = len(side_words)
    if n == 0:
        return []
    if n <= window:
        return [tuple(range(n))]
    out: list[tuple[int, ...]] = []
    for first in range(0, n - window + 1, stride):
        unit = tuple(range(first, first + window))
        if any(side_words[k].role in CONTENT_ROLES for k in unit):
            out.append(unit)
    last = tuple(range(n - window, n))
    if out and out[-1] != last and any(side_words[k].role in CONTENT_ROLES for k in last):
        out.append(last)
    return out


def variants(
    text: str, side_words: list[Word], unit_list: list[tuple[int, ...]]
) -> list[tuple[int, int, str]]:
    """(start, end, text without the unit) per unit."""
    out = []
    for unit in unit_list:
        start, end = side_words[unit[0]].start, side_words[unit[-1]].end
        out.append((start, end, without(text, start, end)))
    return out


def side_gains(
    side: str,
    text: str,
    side_words: list[Word],
    unit_list: list[tuple[int, ...]],
    variant_embeddings: Any,
    own_embedding: Any,
    other_embedding: Any,
    base_similarity: float,
) -> list[SpanGain]:
    """The similarity gained by deleting each unit (embeddings are unit length: a dot product is a cosine)."""
    if not unit_list:
        return []
    similarities = variant_embeddings @ other_embedding
    shifts = 1.0 - variant_embeddings @ own_embedding
    out = []
    for unit, similarity, shift in zip(unit_list, similarities, shifts, strict=True):
        start, end = side_words[unit[0]].start, side_words[unit[-1]].end
        gain = float(similarity) - base_similarity
        out.append(SpanGain(side, start, end, text[start:end], gain, unit, max(0.0, float(shift))))
    return out


def side_words_of(text: str, lang: str, cached: bool) -> list[Word]:
    return words(text, lang, cached=cached)
