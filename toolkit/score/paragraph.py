"""Scoring a segment pair that may hold several sentences: split, align inside, score per bead, aggregate.

A paragraph compared as one blob loses fidelity with its length (a human translation of 80 sentences scored
0.35 against 0.78 line by line), because word matching across a whole paragraph drifts. So when both sides
hold more than one sentence, both are split (toolkit.segment), aligned (toolkit.align), each bead is scored
with `score_pair`, and the bead scores are combined by `weighted_fidelity`, as a corpus quote's are. When
either side is a single sentence the pair is exactly `score_pair`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from toolkit.align import align_sentences
from toolkit.score.pair import score_pair
from toolkit.score.results import Flag, SegmentScore, weighted_fidelity
from toolkit.score.words import words
from toolkit.segment import Sentence, split_sentences


@dataclass
class ScoredText:
    """A scored segment pair with what aggregation needs: its content mass and its sentence counts."""

    score: SegmentScore
    mass: float
    source_sentences: int
    rendering_sentences: int


def text_mass(text: str, lang: str) -> float:
    """Content-word weight of a text: how much a segment counts when segment scores are averaged."""
    return sum(w.weight for w in words(text, lang))


def omission_flag(text: str, lang: str, span: tuple[int, int] | None = None) -> Flag:
    """An original sentence with no counterpart (the rule of toolkit.score.quote: 4+ content words critical)."""
    content = sum(w.is_content for w in words(text, lang))
    return Flag(
        "omission",
        text,
        "critical" if content >= 4 else "major",
        side="source",
        detail="no counterpart in the rendering",
        source_span=span,
    )


def addition_flag(text: str, lang: str, span: tuple[int, int] | None = None) -> Flag:
    """A rendering sentence with no counterpart in the original (the rule of toolkit.score.quote)."""
    content = sum(w.is_content for w in words(text, lang, cached=False))
    severity = "critical" if content >= 4 else "major" if content >= 2 else "minor"
    return Flag("addition", text, severity, detail="no counterpart in the original", rendering_span=span)


def _shift(span: tuple[int, int] | None, offset: int) -> tuple[int, int] | None:
    return None if span is None else (span[0] + offset, span[1] + offset)


def _run(text: str, sentences: list[Sentence], ids: tuple[int, ...]) -> tuple[str, int]:
    """The original characters of consecutive sentences (spaces between them kept) and their offset."""
    start, end = sentences[ids[0]].start, sentences[ids[-1]].end
    return text[start:end], start


def score_text_weighted(
    source: str, rendering: str, source_lang: str = "ru", target_lang: str = "en", with_evidence: bool = True
) -> ScoredText:
    """`score_text` plus the pair's mass and sentence counts (for callers that aggregate many pairs)."""
    source_sentences = split_sentences(source, source_lang)
    rendering_sentences = split_sentences(rendering, target_lang)
    counts = (len(source_sentences), len(rendering_sentences))
    if min(counts) <= 1:
        # One sentence on a side leaves nothing to align: the pair is one bead, scored as it is (a
        # rendering that splits a sentence in two, or adds one, is judged by score_pair's own checks).
        scored = score_pair(source, rendering, source_lang, target_lang, with_evidence=with_evidence)
        mass = text_mass(source, source_lang) + text_mass(rendering, target_lang)
        return ScoredText(scored, mass, *counts)
    beads = align_sentences(
        [s.text for s in source_sentences],
        [s.text for s in rendering_sentences],
        source_lang,
        target_lang,
    )
    flags: list[Flag] = []
    weighted: list[tuple[float, float]] = []
    bead_evidence: list[dict] = []
    for bead in beads:
        if bead.source and bead.target:
            source_part, source_offset = _run(source, source_sentences, bead.source)
            rendering_part, rendering_offset = _run(rendering, rendering_sentences, bead.target)
            scored = score_pair(source_part, rendering_part, source_lang, target_lang, with_evidence)
            fidelity = scored.fidelity or 0.0
            mass = text_mass(source_part, source_lang) + text_mass(rendering_part, target_lang)
            flags.extend(
                replace(
                    flag,
                    source_span=_shift(flag.source_span, source_offset),
                    rendering_span=_shift(flag.rendering_span, rendering_offset),
                )
                for flag in scored.flags
            )
            evidence = scored.evidence
        elif bead.source:
            source_part, offset = _run(source, source_sentences, bead.source)
            fidelity, mass = 0.0, text_mass(source_part, source_lang)
            flags.append(omission_flag(source_part, source_lang, (offset, offset + len(source_part))))
            evidence = {}
        else:
            rendering_part, offset = _run(rendering, rendering_sentences, bead.target)
            fidelity, mass = 0.0, text_mass(rendering_part, target_lang)
            flags.append(addition_flag(rendering_part, target_lang, (offset, offset + len(rendering_part))))
            evidence = {}
        weighted.append((fidelity, mass))
        if with_evidence:
            bead_evidence.append(
                {
                    "source_ids": list(bead.source),
                    "rendering_ids": list(bead.target),
                    "fidelity": round(fidelity, 4),
                    "bead_confidence": round(bead.confidence, 4),
                    **evidence,
                }
            )
    total = sum(mass for _, mass in weighted)
    fidelity_value = weighted_fidelity(weighted)
    score = SegmentScore(
        source=source,
        rendering=rendering,
        source_ids=tuple(range(counts[0])),
        rendering_ids=tuple(range(counts[1])),
        fidelity=fidelity_value if fidelity_value is not None else 0.0,
        flags=flags,
        evidence={"beads": bead_evidence} if with_evidence else {},
    )
    return ScoredText(score, total, *counts)


def score_text(
    source: str, rendering: str, source_lang: str = "ru", target_lang: str = "en", with_evidence: bool = True
) -> SegmentScore:
    """Fidelity and flags for a segment pair of any length: sentence pairs as `score_pair` does; paragraphs
    split, aligned and scored per bead, flag spans given in offsets of the whole `source` / `rendering`."""
    return score_text_weighted(source, rendering, source_lang, target_lang, with_evidence).score
