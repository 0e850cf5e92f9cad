"""What the encoder's spans may do to the lexical findings: corroborate them, or fill a silence.

The lexical evidence stays in charge. A span whose deletion raises the similarity
  - corroborates an omission (source span) or addition (rendering span) flag it overlaps: that flag is
    raised one severity step, and says so in its detail;
  - adds a minor flag of its own only where the lexicon is silent for lack of knowledge: no lexical flag
    there, and none of the span's content words known to the lexicon (a word the lexicon covers is never
    flagged on the embedding's word alone). Parts of the rendering that are not the translator's to answer
    for (no original known, bracketed insertions, untranslated words) are left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from toolkit.neural.settings import NeuralSettings
from toolkit.neural.similarity import WORD_MATCH
from toolkit.neural.spans import SpanGain
from toolkit.score.results import SEVERITIES, Flag, SegmentScore
from toolkit.score.words import CONTENT_ROLES, Word

KIND = {"source": "omission", "rendering": "addition"}
# Flags whose words the encoder must not speak about: other checks (or nobody) answer for them.
_HANDS_OFF = {"no_original", "interpolation", "untranslated", "truncation"}


def flag_span(flag: Flag, segment: SegmentScore, side: str) -> tuple[int, int] | None:
    """Where a flag lies on a side: its own span when it carries one, else its text found in the segment."""
    span = flag.source_span if side == "source" else flag.rendering_span
    if span is not None:
        return span
    if flag.side != side or not flag.text:
        return None
    text = (segment.source if side == "source" else segment.rendering) or ""
    start = text.find(flag.text)
    return (start, start + len(flag.text)) if start >= 0 else None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def strong_spans(gains: list[SpanGain], settings: NeuralSettings) -> list[SpanGain]:
    """The spans worth reporting on a side: gain >= span_gain, neighbours merged (a dropped phrase shows
    as several adjacent words that each gain), the largest `spans_per_side`, in text order."""
    picked = sorted((g for g in gains if g.gain >= settings.span_gain), key=lambda g: g.start)
    merged: list[SpanGain] = []
    for gain in picked:
        last = merged[-1] if merged else None
        if (
            last is not None
            and gain.start <= last.end + 1 + _GAP_CHARS
            and gain.word_indices[0] <= last.word_indices[-1] + 2
        ):
            merged[-1] = SpanGain(
                last.side,
                last.start,
                max(last.end, gain.end),
                "",
                max(last.gain, gain.gain),
                tuple(sorted(set(last.word_indices) | set(gain.word_indices))),
            )
        else:
            merged.append(gain)
    top = sorted(merged, key=lambda g: -g.gain)[: settings.spans_per_side]
    return sorted(top, key=lambda g: g.start)


_GAP_CHARS = 24  # merged neighbours: at most a short function word or two between them


def with_text(span: SpanGain, text: str) -> SpanGain:
    return replace(span, text=text[span.start : span.end])


def _matched(text: str, matches: dict[str, float]) -> bool:
    """Some word of `text` has a counterpart by the encoder's word-by-word match."""
    return any(matches.get(piece.strip(_PUNCTUATION), 0.0) >= WORD_MATCH for piece in text.split())


_PUNCTUATION = ".,;:!?\"'«»“”()[]—–-…"


def _raised(severity: str) -> str:
    return SEVERITIES[min(len(SEVERITIES) - 1, SEVERITIES.index(severity) + 1)]


def revise_flags(
    segment: SegmentScore,
    spans: dict[str, list[SpanGain]],
    side_words: dict[str, list[Word]],
    known: Callable[[str, str], bool],
    settings: NeuralSettings,
    languages: dict[str, str],
    word_match: dict[str, dict[str, float]] | None = None,
) -> tuple[list[Flag], list[dict]]:
    """The segment's flags after the encoder's spans were heard, and a record of each change.

    `word_match`: per side, each content word's best cross-lingual match (PairGains.source_match ...).
    When given, a span speaks about a flag's words only if the encoder also finds no counterpart for
    them word by word (a window's gain may come from its neighbours: «необъятную» / "unlimited" is a
    lexicon gap the encoder itself matches)."""
    flags = list(segment.flags)
    changes: list[dict] = []
    for side, side_spans in spans.items():
        kind = KIND[side]
        located = [(k, flag_span(f, segment, side)) for k, f in enumerate(flags)]
        for span in side_spans:
            where = (span.start, span.end)
            touching = [(k, s) for k, s in located if s is not None and _overlaps(s, where)]
            ours = [k for k, _ in touching if flags[k].type == kind]
            if ours:
                if span.gain < settings.corroborate_gain(side):
                    continue
                for k in ours:
                    flag = flags[k]
                    if flag.detail.endswith(")") and "sentence encoder" in flag.detail:
                        continue  # already corroborated by another span
                    if word_match is not None and _matched(flag.text, word_match.get(side, {})):
                        continue  # word by word the encoder finds a counterpart: no corroboration
                    note = f"corroborated by the sentence encoder (similarity +{span.gain:.3f} without {span.text!r})"
                    flags[k] = replace(
                        flag,
                        severity=_raised(flag.severity),
                        detail=f"{flag.detail}; {note}" if flag.detail else note,
                    )
                    changes.append(
                        {
                            "action": "corroborated",
                            "type": kind,
                            "text": flag.text,
                            "from": flag.severity,
                            "to": flags[k].severity,
                            "gain": round(span.gain, 4),
                        }
                    )
                continue
            if touching or span.gain < settings.add_gain(side):
                continue  # another finding explains these words, or the encoder is not sure enough
            content = [
                side_words[side][i] for i in span.word_indices if side_words[side][i].role in CONTENT_ROLES
            ]
            if not content or any(w.role in ("name", "number") for w in content):
                continue  # names and numbers have checks of their own
            if any(known(w.text, languages[side]) for w in content):
                continue  # the lexicon covers these words: its silence is an answer, not a gap
            if word_match is not None and any(
                word_match.get(side, {}).get(w.text, 0.0) >= WORD_MATCH for w in content
            ):
                continue  # the encoder matches these words one by one: the gain came from elsewhere
            detail = (
                f"the sentence encoder finds the pair more alike without it (similarity +{span.gain:.3f}); "
                "the lexicon does not know these words"
            )
            new = Flag(
                kind,
                span.text,
                "minor",
                side=side,
                detail=detail,
                source_span=where if side == "source" else None,
                rendering_span=where if side == "rendering" else None,
            )
            flags.append(new)
            located.append((len(flags) - 1, where))
            changes.append(
                {
                    "action": "added",
                    "type": kind,
                    "text": span.text,
                    "to": "minor",
                    "gain": round(span.gain, 4),
                }
            )
    return flags, changes


def hands_off(segment: SegmentScore) -> list[tuple[int, int]]:
    """Rendering spans the encoder must not report on."""
    out = []
    for flag in segment.flags:
        if flag.type in _HANDS_OFF:
            span = flag_span(flag, segment, "rendering")
            if span is not None:
                out.append(span)
    return out
