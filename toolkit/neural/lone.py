"""Lone words under `--neural`: a word the lexicon knows well with no counterpart on the other side, flagged
major only when the sentence encoder agrees.

The lexicon alone cannot make such a flag: a human paraphrase («во время» / "during", «провёл встречу» /
"met") reads to it word by word as a dropped «время» or «провёл», and the rule would flag a quarter of
faithful human translations (r3-demetr's curve). The encoder reads the sentence whole: deleting a word the
rendering really left out makes the two sides *more* alike, deleting a word the paraphrase carries in
other words does not. So a lexical candidate becomes a major omission (source) or addition (rendering)
only when deleting it raises cos(source, rendering) by a clear margin and the encoder finds no
counterpart for it word by word either. Never a flag from the embedding alone: the lexicon must name the
word first (issue 19).

The lexical evidence is read as the scorer leaves it (a segment's `uncovered_source`,
`unexplained_rendering` and `unverified_pairs`, its flags, the lexicon's probabilities), not recomputed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from toolkit.lexicon.morph import ru_parses
from toolkit.neural.settings import NeuralSettings
from toolkit.score.checks import dropped_word, function_like
from toolkit.score.lexical import source_row, well_known
from toolkit.score.results import Flag, SegmentScore
from toolkit.score.stoplists import EN_FUNCTION, EN_LIGHT
from toolkit.score.words import CONTENT_ROLES, Word

# Parts of speech that carry content (pymorphy3's tags): a pronoun-like or particle reading is no evidence.
# (checks' lone-word rule takes the same ones but comparatives.)
_CONTENT_POS = frozenset("NOUN VERB ADJF ADJS ADVB INFN PRTF PRTS GRND COMP".split())
# A translation at least this likely that is an English function or light word makes the Russian word
# function-like («против» / "against", «более» / "over", «составит» / "will be"): its absence in the
# rendering is no evidence (r3-demetr: these are most of the human-reference hits).
_FUNCTION_LIKE_PROB = 0.05


@dataclass(frozen=True)
class LoneWord:
    """A lexical candidate: `index` into its side's words (toolkit.score.words.words of the side's text)."""

    side: str  # "source" | "rendering"
    index: int
    word: Word
    translations: tuple[str, ...] = ()  # the source word's likeliest English (for the flag's detail)


def _unambiguous(side_words: list[Word], listed: list[str]) -> set[int]:
    """Indices of the content words the evidence lists by text, where the text says which one it is: a
    form that occurs twice with only one occurrence listed is left out (the evidence does not say which)."""
    listed_count = Counter(listed)
    occurs = Counter(w.text for w in side_words if w.role in CONTENT_ROLES)
    return {
        k
        for k, w in enumerate(side_words)
        if w.role in CONTENT_ROLES and listed_count[w.text] and listed_count[w.text] == occurs[w.text]
    }


def _in_flags(word: Word, spans: list[tuple[int, int]]) -> bool:
    return any(word.start < end and start < word.end for start, end in spans)


def spans_on(flags: list[Flag], side: str) -> list[tuple[int, int]]:
    """The spans the flags mark on one side ("source" or "rendering")."""
    spans = (f.source_span if side == "source" else f.rendering_span for f in flags)
    return [s for s in spans if s is not None]


def _source_known(word: Word, settings: NeuralSettings) -> tuple[str, ...] | None:
    """The word's likeliest translations when the lexicon knows it confidently as a content word, else None."""
    row = source_row(word.key) or {}
    ranked = sorted(row.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < settings.lone_source_prob:
        return None
    if not well_known(word.key, "ru", settings.lone_min_translations):
        return None
    if function_like(ranked, _FUNCTION_LIKE_PROB):
        return None
    parses = ru_parses(word.key)
    if not parses or str(parses[0].tag.POS) not in _CONTENT_POS:
        return None
    return tuple(english for english, _ in ranked[:3])


def lone_candidates(
    segment: SegmentScore,
    side_words: dict[str, list[Word]],
    settings: NeuralSettings,
    off_limits: list[tuple[int, int]] = (),  # type: ignore[assignment]
) -> list[LoneWord]:
    """The lexical candidates of a segment, both sides (no encoder yet): words the lexicon knows well,
    left with no counterpart and no probable correspondence, reported by no check, with at most
    `lone_free_words` words unaccounted for on the other side (where one might stand in their place);
    source words only in a source of `lone_min_words` content words or more.
    `off_limits`: rendering spans no one answers for (no original, brackets, untranslated words)."""
    evidence = segment.evidence or {}
    paired = evidence.get("unverified_pairs") or []
    paired_source = {a for a, _ in paired}
    paired_rendering = {b for _, b in paired}
    source_words, rendering_words = side_words["source"], side_words["rendering"]
    uncovered = _unambiguous(source_words, list(evidence.get("uncovered_source") or []))
    unexplained = _unambiguous(rendering_words, list(evidence.get("unexplained_rendering") or []))
    free_source = [
        k
        for k in uncovered
        if source_words[k].script == "cyrillic"
        and source_words[k].role in ("content", "light")
        and source_words[k].text not in paired_source
    ]
    free_rendering = [
        k
        for k in unexplained
        if rendering_words[k].script == "latin"
        and rendering_words[k].role in ("content", "light")
        and rendering_words[k].text not in paired_rendering
        and not _in_flags(rendering_words[k], list(off_limits))
    ]
    out: list[LoneWord] = []
    long_enough = sum(w.role in CONTENT_ROLES for w in source_words) >= settings.lone_min_words
    if long_enough and len(free_rendering) <= settings.lone_free_words:
        flagged = spans_on(segment.flags, "source")
        for k in sorted(free_source):
            word = source_words[k]
            if word.role != "content" or _in_flags(word, flagged):
                continue
            known = _source_known(word, settings)
            if known is not None:
                out.append(LoneWord("source", k, word, known))
    if len(free_source) <= settings.lone_free_words:
        flagged = spans_on(segment.flags, "rendering") + list(off_limits)
        for k in sorted(free_rendering):
            word = rendering_words[k]
            if (
                word.role != "content"
                or word.key in EN_FUNCTION
                or word.key in EN_LIGHT
                or _in_flags(word, flagged)
                or not well_known(word.key, "en", settings.lone_min_translations)
            ):
                continue
            out.append(LoneWord("rendering", k, word))
    return out


def lone_flags(
    candidates: list[LoneWord],
    gain: Callable[[LoneWord], float],
    match: Callable[[LoneWord], float],
    settings: NeuralSettings,
) -> list[Flag]:
    """The candidates the encoder corroborates, as major findings: deleting the word raises the pair's
    similarity by `lone_gain(side)` or more, and its best word-by-word match on the other side is below
    `lone_word_match`."""
    flags = []
    for candidate in candidates:
        margin = settings.lone_gain(candidate.side)
        if margin is None:
            continue
        value = gain(candidate)
        if value < margin or match(candidate) >= settings.lone_word_match:
            continue
        word = candidate.word
        span = (word.start, word.end)
        encoder = f"the sentence encoder agrees (similarity +{value:.3f} without it)"
        if candidate.side == "source":
            likeliest = ", ".join(repr(t) for t in candidate.translations)
            detail = (
                f"a word the lexicon knows well ({likeliest}) with no counterpart in the rendering; {encoder}"
            )
            flags.append(dropped_word(word, detail))
        else:
            flags.append(
                Flag(
                    "addition",
                    word.text,
                    "major",
                    side="rendering",
                    detail=f"a well-known English word with no counterpart in the original; {encoder}",
                    rendering_span=span,
                )
            )
    return flags
