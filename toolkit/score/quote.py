"""Scoring the renderings of a corpus quote: align, score each bead, and say what cannot be checked.

Where the original is missing, every segment is `no_original` and fidelity is None. Where it is partial,
a rendering sentence with no aligned source is `no_original` when it matches the quote's `missing` notes
or lies outside the span of the known original, otherwise an `addition`; and where the known original
stops mid-sentence, the rendering words past its last counterpart are `no_original` too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from toolkit.align import AlignedText, align_quote
from toolkit.corpus import Quote
from toolkit.resources import Resources, uses_resources
from toolkit.score.checks import bracket_insertions, gloss
from toolkit.score.fidelity import fidelity_signature, score_segment
from toolkit.score.matching import Analysis, analyse
from toolkit.score.results import Flag, RenderingScore, SegmentScore, weighted_fidelity
from toolkit.score.settings import DEFAULT_SETTINGS
from toolkit.score.words import words

_TERMINAL = re.compile(r"[.!?…»\"”')\]]\s*$")
NOTE_MATCH = 0.5  # share of a sentence's content words found in a `missing` note to call it that passage
CLAUSE_NOTE_MATCH = 0.8  # stricter for part of a sentence whose rest has an original
NO_ORIGINAL_DETAIL = "this part of the original has not been found, so it cannot be checked"


@uses_resources
def score_quote(
    quote: Quote,
    rendering_name: str | None = None,
    alignment: AlignedText | Mapping[str, AlignedText] | None = None,
    *,
    resources: Resources | None = None,
) -> list[RenderingScore]:
    """One RenderingScore per rendering (or only `rendering_name`), in the quote's order.

    `alignment`: the alignment of `rendering_name`, or alignments by rendering name, made once by the
    caller and shared with diff and report (any rendering without one is aligned here). `resources`: the
    lexicon and caches the aligner and the scorer share (`toolkit.resources`; the shipped lexicon if none)."""
    names = [rendering_name] if rendering_name else [r.name for r in quote.renderings]
    out = []
    for name in names:
        if isinstance(alignment, Mapping):
            given = alignment.get(name)
        else:
            given = alignment if (rendering_name or len(names) == 1) else None
        out.append(score_rendering(quote, name, given))
    return out


def _stems(text: str, lang: str = "en") -> list[str]:
    return [w.key[:5] for w in words(text, lang) if w.is_content]


def matches_missing_note(text: str, notes: list[str], share: float = NOTE_MATCH) -> bool:
    """Fuzzy: most content words of `text` (by 5-letter stem) occur in one of the `missing` notes."""
    stems = _stems(text)
    if not stems:
        return False
    for note in notes:
        note_stems = set(_stems(note))
        if sum(s in note_stems for s in stems) / len(stems) >= share:
            return True
    return False


def bracketed_insertions(text: str) -> list[Flag]:
    """[Translator's words] are the translator's whether or not the original is known (checks.py finds
    them, with the same severity rule, for sentences that have an original too)."""
    return [flag for flag, _ in bracket_insertions(text, major_words=DEFAULT_SETTINGS.bracket_major_words)]


def _mass(text: str, lang: str) -> float:
    return sum(w.weight for w in words(text, lang))


def _whole(text: str) -> tuple[int, int]:
    return (0, len(text))


def score_rendering(
    quote: Quote, rendering_name: str, alignment: AlignedText | None = None
) -> RenderingScore:
    rendering = quote.rendering(rendering_name)
    aligned = alignment if alignment is not None else align_quote(quote, rendering_name)
    signature = fidelity_signature() + (f"|align:{aligned.aligner}" if aligned.aligner else "")
    original = quote.original
    segments: list[SegmentScore] = []
    if original.text is None:
        for bead in aligned.beads:
            text = " ".join(aligned.target_sentences[j].text for j in bead.target)
            flag = Flag("no_original", text, "minor", detail=NO_ORIGINAL_DETAIL, rendering_span=_whole(text))
            flags = [flag, *bracketed_insertions(text)]
            segments.append(SegmentScore(None, text, (), tuple(bead.target), None, flags, {}))
        return RenderingScore(rendering_name, None, segments, signature)

    partial = original.status != "complete"
    source_beads = [k for k, bead in enumerate(aligned.beads) if bead.source]
    first, last = (source_beads[0], source_beads[-1]) if source_beads else (len(aligned.beads), -1)
    n_source = len(aligned.source_sentences)
    cut_at_end = partial and not _TERMINAL.search(original.text.rstrip())
    weighted: list[tuple[float, float]] = []
    for k, bead in enumerate(aligned.beads):
        source_text = " ".join(aligned.source_sentences[i].text for i in bead.source) if bead.source else None
        target_text = " ".join(aligned.target_sentences[j].text for j in bead.target) if bead.target else None
        if source_text is not None and target_text is not None:
            segment, mass = _score_bead(
                source_text,
                target_text,
                bead,
                rendering.lang,
                original.lang,
                notes=original.missing if partial else [],
                cut_at_end=cut_at_end and (n_source - 1) in bead.source,
                first_known=partial and 0 in bead.source,
            )
            weighted.append((segment.fidelity or 0.0, mass))
        elif source_text is not None:
            content = sum(w.is_content for w in words(source_text, original.lang))
            severity = "critical" if content >= 4 else "major"
            flag = Flag(
                "omission",
                source_text,
                severity,
                side="source",
                detail="no counterpart in the rendering",
                source_span=_whole(source_text),
                gloss=gloss(words(source_text, original.lang)),
            )
            segment = SegmentScore(source_text, None, tuple(bead.source), (), 0.0, [flag], {})
            weighted.append((0.0, _mass(source_text, original.lang)))
        else:
            assert target_text is not None
            outside = k < first or k > last
            if partial and (outside or matches_missing_note(target_text, original.missing)):
                flag = Flag(
                    "no_original",
                    target_text,
                    "minor",
                    detail=NO_ORIGINAL_DETAIL,
                    rendering_span=_whole(target_text),
                )
                flags = [flag, *bracketed_insertions(target_text)]
                segment = SegmentScore(None, target_text, (), tuple(bead.target), None, flags, {})
            else:
                content = sum(w.is_content for w in words(target_text, rendering.lang))
                severity = "critical" if content >= 4 else "major" if content >= 2 else "minor"
                flag = Flag(
                    "addition",
                    target_text,
                    severity,
                    detail="no counterpart in the original",
                    rendering_span=_whole(target_text),
                )
                segment = SegmentScore(None, target_text, (), tuple(bead.target), 0.0, [flag], {})
                weighted.append((0.0, _mass(target_text, rendering.lang)))
        segments.append(segment)
    return RenderingScore(rendering_name, weighted_fidelity(weighted), segments, signature)


def _linked_targets(analysis: Analysis) -> list[int]:
    return sorted(k.target for k in analysis.links if k.strength >= 0.5)


_CLAUSE_END = re.compile(r"[,;:—–]")


def _quoted_opening(analysis: Analysis, notes: list[str]) -> list[int]:
    """Word indices of the longest clause-bounded opening of the rendering found in a `missing` note."""
    words_ = analysis.rendering_words
    text = analysis.rendering_text
    best: list[int] = []
    for match in _CLAUSE_END.finditer(text):
        prefix = [j for j, w in enumerate(words_) if w.end <= match.start()]
        if len(prefix) * 2 > len(words_):
            break  # never more than half of the segment
        content = sum(words_[j].is_content for j in prefix)
        if content >= 3 and matches_missing_note(text[: match.start()], notes, CLAUSE_NOTE_MATCH):
            best = prefix
    return best


def _no_original_words(
    analysis: Analysis, notes: list[str], cut_at_end: bool, first_known: bool
) -> list[list[int]]:
    """Rendering word runs at the edges of the known original that belong to its missing parts."""
    linked = _linked_targets(analysis)
    rendering_words = analysis.rendering_words
    runs: list[list[int]] = []
    if not linked:
        return runs
    head = list(range(0, linked[0]))
    tail = list(range(linked[-1] + 1, len(rendering_words)))
    text = analysis.rendering_text
    if first_known and notes:
        # The longest opening clause run that one of the missing notes quotes ("His authority ... apparatus,").
        clause = _quoted_opening(analysis, notes)
        if len(clause) > len(head):
            head = clause
    if first_known and head:
        head_text = text[rendering_words[head[0]].start : rendering_words[head[-1]].end]
        if sum(rendering_words[j].is_content for j in head) >= 2 and matches_missing_note(
            head_text, notes, CLAUSE_NOTE_MATCH
        ):
            runs.append(head)
    if tail:
        tail_text = text[rendering_words[tail[0]].start : rendering_words[tail[-1]].end]
        content = sum(rendering_words[j].is_content for j in tail)
        if cut_at_end or (content >= 2 and matches_missing_note(tail_text, notes, CLAUSE_NOTE_MATCH)):
            runs.append(tail)
    return runs


def _score_bead(
    source_text: str,
    target_text: str,
    bead,
    target_lang: str,
    source_lang: str,
    notes: list[str],
    cut_at_end: bool,
    first_known: bool,
) -> tuple[SegmentScore, float]:
    ignored: set[int] = set()
    extra_flags: list[Flag] = []
    if notes or cut_at_end:
        analysis = analyse(source_text, target_text, source_lang, target_lang)
        for run in _no_original_words(analysis, notes, cut_at_end, first_known):
            ignored.update(run)
            words_ = analysis.rendering_words
            span = (words_[run[0]].start, words_[run[-1]].end)
            extra_flags.append(
                Flag(
                    "no_original",
                    target_text[span[0] : span[1]],
                    "minor",
                    detail=NO_ORIGINAL_DETAIL,
                    rendering_span=span,
                )
            )
    segment, mass = score_segment(
        source_text,
        target_text,
        source_lang,
        target_lang,
        source_ids=tuple(bead.source),
        rendering_ids=tuple(bead.target),
        ignored=ignored,
        source_cut_at_end=cut_at_end,
        extra_flags=extra_flags,
    )
    segment.evidence["bead_confidence"] = round(bead.confidence, 4)
    return segment, mass
