"""The shapes a score takes: flags, per-segment scores with evidence, per-rendering scores.

Plain dataclasses with `to_dict()` so the terminal, the HTML report and JSON all render the same facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

FLAG_TYPES = (
    "omission",
    "addition",
    "number",
    "name",
    "negation",
    "interpolation",
    "truncation",
    "untranslated",
    "no_original",
    "hedge",  # a qualifier, quantifier, modal or attribution whose strength or source changed
    "substitution",  # a well-known word rendered as another well-known word that is its opposite
    "garbled",  # the rendering is not well-formed English (words scrambled or cut out)
)
SEVERITIES = ("minor", "major", "critical")  # increasing: the one order every view and comparison uses


def plain_dict(item: Any, **extra: Any) -> dict[str, Any]:
    """Every field of a dataclass as JSON-ready values (tuples as lists, nested results through their own
    `to_dict`), plus `extra`: the one way the shapes here and in toolkit.views become dicts."""
    return {**{f.name: _plain(getattr(item, f.name)) for f in fields(item)}, **extra}


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value.to_dict() if hasattr(value, "to_dict") else value


@dataclass(frozen=True)
class Flag:
    """One reason a bilingual reader would give: what kind, which words, how bad, on which side."""

    type: str
    text: str
    severity: str
    side: str = "rendering"
    detail: str = ""
    # Character offsets [start, end) into the segment's source and rendering text (SegmentScore.source /
    # .rendering), so every view can highlight both sides; None where that side has no part in the finding.
    source_span: tuple[int, int] | None = None
    rendering_span: tuple[int, int] | None = None
    gloss: str = ""  # word-by-word English gloss of dropped Russian (omissions), for readers without Russian

    def __post_init__(self) -> None:
        if self.type not in FLAG_TYPES:
            raise ValueError(f"unknown flag type {self.type!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    def to_dict(self) -> dict[str, Any]:
        return plain_dict(self)


@dataclass
class AlignedSegment:
    """An aligned segment: source and rendering text (None when that side is empty), the sentences each
    side holds, and its fidelity; scored (SegmentScore) or as shown (toolkit.views.SegmentView)."""

    source: str | None
    rendering: str | None
    source_ids: tuple[int, ...]
    rendering_ids: tuple[int, ...]
    fidelity: float | None


@dataclass
class SegmentScore(AlignedSegment):
    """An aligned segment with its score's reasons: the flags and the evidence."""

    flags: list[Flag] = field(default_factory=list)
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return plain_dict(self)


@dataclass
class RenderingScore:
    """A whole rendering: its fidelity (None when nothing of it can be checked) and its segments."""

    name: str
    fidelity: float | None
    segments: list[SegmentScore]
    signature: str

    @property
    def flags(self) -> list[Flag]:
        return [flag for segment in self.segments for flag in segment.flags]

    @property
    def checked_sentences(self) -> int:
        """Rendering sentences scored against a known original."""
        return sum(
            len(segment.rendering_ids)
            for segment in self.segments
            if segment.source is not None and segment.rendering is not None and segment.fidelity is not None
        )

    @property
    def sentences(self) -> int:
        """Rendering sentences in all."""
        return sum(len(segment.rendering_ids) for segment in self.segments)

    @property
    def coverage(self) -> str:
        """What the quote's score stands on, to be shown wherever the score is: "1 of 8 sentences checked
        against an original" (a score over one checked sentence is not the quote's verdict)."""
        checked, total = self.checked_sentences, self.sentences
        noun = "sentence" if total == 1 else "sentences"
        return f"{checked} of {total} {noun} checked against an original"

    def to_dict(self) -> dict[str, Any]:
        return plain_dict(
            self,
            checked_segments=self.checked_sentences,
            segment_count=self.sentences,
            coverage=self.coverage,
        )


def weighted_fidelity(weighted: list[tuple[float, float]]) -> float | None:
    """The one way segment scores become a rendering's score: the mean of (fidelity, mass) pairs weighted by
    mass (a segment's content-word weight, both sides), None when nothing was checked."""
    total = sum(mass for _, mass in weighted)
    return round(sum(f * m for f, m in weighted) / total, 4) if total > 0 else None


def severity_rank(severity: str) -> int:
    """0 for minor, 1 major, 2 critical: compare severities through this, never by their names."""
    return SEVERITIES.index(severity)
