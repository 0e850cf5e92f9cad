"""The neural reading of one pair: the cosine of the two sides and the gain of every deletion unit."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from toolkit.neural.encoder import SentenceEncoder
from toolkit.neural.settings import DEFAULT_SETTINGS, NeuralSettings
from toolkit.neural.spans import SpanGain, side_gains, side_words_of, units, variants, without
from toolkit.score.words import CONTENT_ROLES, Word

# Source-script words left in the rendering are the `untranslated` check's business. To the encoder they
# look like a perfect match of the original (code-mixing fooled the plain cosine on DEMETR: 0.13), so they
# are taken out of the rendering before it is encoded.
_SOURCE_SCRIPT_WORD = re.compile(r"[\w'’-]*[а-яёА-ЯЁ][\w'’-]*")


def encodable_rendering(text: str) -> str:
    """The rendering as the encoder sees it: source-script words deleted."""
    if not _SOURCE_SCRIPT_WORD.search(text):
        return text
    return " ".join(_SOURCE_SCRIPT_WORD.sub(" ", text).split())


@dataclass
class PairGains:
    """Cosine of source and rendering, and the similarity each deleted unit gains, per side."""

    similarity: float
    source: list[SpanGain] = field(default_factory=list)
    rendering: list[SpanGain] = field(default_factory=list)
    # Word by word: for each content word of a side (its text), the best cosine between its embedding and
    # that of any word of the other side. The multilingual encoder places a word near its translation
    # (пенсий ~ pensions 0.78, unrelated words 0.3-0.5): a second, neural lexicon.
    source_match: list[tuple[str, float]] = field(default_factory=list)
    rendering_match: list[tuple[str, float]] = field(default_factory=list)
    # The two sides' embeddings (unit length), for further deletions asked about later (lone words).
    source_embedding: Any = None
    rendering_embedding: Any = None

    def largest(self, side: str, k: int = 1) -> float:
        """The k-th largest gain of a side (0.0 when it has fewer units)."""
        return _largest([g.gain for g in (self.source if side == "source" else self.rendering)], k)


def pair_gains(
    source: str,
    rendering: str,
    encoder: SentenceEncoder,
    settings: NeuralSettings = DEFAULT_SETTINGS,
    source_lang: str = "ru",
    target_lang: str = "en",
) -> PairGains:
    """One pass: the source and its deletion variants from the cache, the rendering and its variants in
    one batch."""
    source_words = side_words_of(source, source_lang, cached=True)
    rendering_words = side_words_of(rendering, target_lang, cached=False)
    source_units = (
        units(source_words, 1, 1, content_only=True)
        if settings.source_window == 1
        else units(source_words, settings.source_window, 1, content_only=False)
    )
    rendering_units = units(
        rendering_words, settings.rendering_window, settings.rendering_stride, content_only=False
    )
    source_variants = variants(source, source_words, source_units)
    rendering_variants = variants(rendering, rendering_words, rendering_units)
    # Two forward passes per pair (a pass costs ~2.5 ms whatever its size): the source, its variants and
    # its words (cached whole), then the rendering, its variants and its words.
    kept = [w for w in rendering_words if w.script != "cyrillic"]
    n_source, n_rendering = 1 + len(source_variants), 1 + len(rendering_variants)
    source_rows = encoder.encode_cached(
        [source, *(text for _, _, text in source_variants), *(w.text for w in source_words)]
    )
    rendering_rows = encoder.encode(
        [
            *(encodable_rendering(t) for t in (rendering, *(text for _, _, text in rendering_variants))),
            *(w.text for w in kept),
        ]
    )
    source_embedding, rendering_embedding = source_rows[0], rendering_rows[0]
    similarity = float(source_embedding @ rendering_embedding)
    source_match, rendering_match = word_matches(
        source_words, source_rows[n_source:], kept, rendering_rows[n_rendering:]
    )
    source_rows, rendering_rows = source_rows[:n_source], rendering_rows[:n_rendering]
    return PairGains(
        similarity,
        side_gains(
            "source",
            source,
            source_words,
            source_units,
            source_rows[1:],
            source_embedding,
            rendering_embedding,
            similarity,
        ),
        side_gains(
            "rendering",
            rendering,
            rendering_words,
            rendering_units,
            rendering_rows[1:],
            rendering_embedding,
            source_embedding,
            similarity,
        ),
        source_match,
        rendering_match,
        source_embedding,
        rendering_embedding,
    )


def rendering_word_gains(
    rendering: str,
    rendering_words: list[Word],
    indices: list[int],
    gains: PairGains,
    encoder: SentenceEncoder,
) -> dict[int, float]:
    """The similarity each of these rendering words gains when deleted alone (one more batch, asked only
    for the few lone-word candidates: the rendering's own units are windows of three words)."""
    if not indices or gains.source_embedding is None:
        return {}
    texts = [
        encodable_rendering(without(rendering, rendering_words[k].start, rendering_words[k].end))
        for k in indices
    ]
    similarities = encoder.encode(texts) @ gains.source_embedding
    return {k: float(v) - gains.similarity for k, v in zip(indices, similarities, strict=True)}


def word_matches(
    source_words: list[Word], source_rows: Any, rendering_words: list[Word], rendering_rows: Any
) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """Each content word's best cosine with any word of the other side, from the words' own embeddings
    (`rendering_words`: without source-script words, as for the pair)."""
    if not source_words or not rendering_words:
        return (
            [(w.text, 0.0) for w in source_words if w.role in CONTENT_ROLES],
            [(w.text, 0.0) for w in rendering_words if w.role in CONTENT_ROLES],
        )
    table = source_rows @ rendering_rows.T
    best_for_source = table.max(axis=1)
    best_for_rendering = table.max(axis=0)
    return (
        [
            (w.text, float(v))
            for w, v in zip(source_words, best_for_source, strict=True)
            if w.role in CONTENT_ROLES
        ],
        [
            (w.text, float(v))
            for w, v in zip(rendering_words, best_for_rendering, strict=True)
            if w.role in CONTENT_ROLES
        ],
    )


def _largest(values: list[float], k: int) -> float:
    """The k-th largest gain (0.0 when a side has fewer units)."""
    ordered = sorted(values, reverse=True)
    return ordered[k - 1] if len(ordered) >= k else 0.0


def _direction(gain: float, shift: float) -> float:
    """Gain per unit of movement: the cosine between the deletion's move and the other side (|move| is
    sqrt(2 * shift) for unit vectors)."""
    return gain / math.sqrt(2.0 * shift + 1e-6)


# A word whose best cross-lingual match is below this has no counterpart on the other side (translations
# score 0.6-0.95 in the example above, unrelated words mostly below 0.5).
WORD_MATCH = 0.55


def match_features(
    source_match: list[tuple[str, float]],
    rendering_match: list[tuple[str, float]],
    uncovered: set[str],
    unexplained: set[str],
) -> dict[str, float]:
    """Word-match inputs: how many content words find no counterpart, in the longest run, and how many
    of those the lexicon could not place either (`uncovered` / `unexplained`: the lexical evidence)."""
    out: dict[str, float] = {}
    for side, matches, lexical in (
        ("source", source_match, uncovered),
        ("rendering", rendering_match, unexplained),
    ):
        low = [value < WORD_MATCH for _, value in matches]
        longest = current = 0
        for flag in low:
            current = current + 1 if flag else 0
            longest = max(longest, current)
        out[f"{side}_match_min"] = min((v for _, v in matches), default=1.0)
        out[f"{side}_match_low"] = float(sum(low))
        out[f"{side}_match_run"] = float(longest)
        out[f"{side}_match_lexical"] = float(
            sum(1 for (text, _), flag in zip(matches, low, strict=True) if flag and text in lexical)
        )
    return out


def _best_run(gains: list[float], width: int) -> float:
    """The largest summed positive gain of `width` consecutive units (all of them when there are fewer):
    a dropped phrase shows as several neighbouring source words that each gain a little."""
    positive = [max(0.0, g) for g in gains]
    if len(positive) <= width:
        return sum(positive)
    return max(sum(positive[k : k + width]) for k in range(len(positive) - width + 1))


def _mean_positive(gains: list[float]) -> float:
    """The positive gains' sum per unit: the sum normalised by the side's length, so a long sentence's
    many small gains do not read as an omission."""
    return sum(max(0.0, g) for g in gains) / len(gains) if gains else 0.0


def uncovered_gain_features(gains: list[float], texts: list[str], uncovered: set[str]) -> dict[str, float]:
    """Leave-one-out gains of the source words the lexicon found no rendering for (`uncovered`), the
    others' set to 0: where the lexical and the neural evidence agree that a word is missing. A free
    translation's lexicon gaps rarely gain (the encoder finds their sense), and a word added to the
    rendering changes no source word's coverage, so these do not reward a shorter rendering. Alone they
    separate held-out drops better than any other input (WMT21 0.866, WMT23 0.81; r3-neural notes).
    `gains` and `texts`: the source's content words in text order."""
    gated = [max(0.0, g) if t in uncovered else 0.0 for g, t in zip(gains, texts, strict=True)]
    return {
        "source_uncovered_gain_1": max(gated, default=0.0),
        "source_uncovered_gain_sum": sum(gated),
        "source_uncovered_run_3": _best_run(gated, 3),
    }


def gains_features(
    similarity: float, source: list[tuple[float, float]], rendering: list[tuple[float, float]]
) -> dict[str, float]:
    """The neural inputs of the combined model (scripts/fit_neural.py fits on exactly these), from the
    cosine and each side's (gain, shift) per deletion unit, units in text order (source: content words;
    rendering: overlapping windows)."""
    source_gains = [g for g, _ in source]
    rendering_gains = [g for g, _ in rendering]
    return {
        "source_run_3": _best_run(source_gains, 3),
        "source_gain_mean": _mean_positive(source_gains),
        "rendering_run_2": _best_run(rendering_gains, 2),
        "rendering_gain_mean": _mean_positive(rendering_gains),
        "cosine": similarity,
        "source_gain_1": _largest(source_gains, 1),
        "source_gain_2": _largest(source_gains, 2),
        "source_gain_sum": sum(max(0.0, g) for g in source_gains),
        "source_direction_1": _largest([_direction(g, s) for g, s in source], 1),
        "rendering_gain_1": _largest(rendering_gains, 1),
        "rendering_gain_2": _largest(rendering_gains, 2),
        "rendering_gain_sum": sum(max(0.0, g) for g in rendering_gains),
        "rendering_direction_1": _largest([_direction(g, s) for g, s in rendering], 1),
    }
