"""The neural reading of one pair: the cosine of the two sides and the gain of every deletion unit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from toolkit.neural.encoder import SentenceEncoder
from toolkit.neural.settings import DEFAULT_SETTINGS, NeuralSettings
from toolkit.neural.spans import SpanGain, side_gains, side_words_of, units, variants

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
    source_rows = encoder.encode_cached([source, *(text for _, _, text in source_variants)])
    rendering_rows = encoder.encode(
        [encodable_rendering(t) for t in (rendering, *(text for _, _, text in rendering_variants))]
    )
    source_embedding, rendering_embedding = source_rows[0], rendering_rows[0]
    similarity = float(source_embedding @ rendering_embedding)
    return PairGains(
        similarity,
        side_gains(
            "source", source, source_words, source_units, source_rows[1:], rendering_embedding, similarity
        ),
        side_gains(
            "rendering",
            rendering,
            rendering_words,
            rendering_units,
            rendering_rows[1:],
            source_embedding,
            similarity,
        ),
    )


def _largest(values: list[float], k: int) -> float:
    """The k-th largest gain (0.0 when a side has fewer units)."""
    ordered = sorted(values, reverse=True)
    return ordered[k - 1] if len(ordered) >= k else 0.0


def gains_features(similarity: float, source: list[float], rendering: list[float]) -> dict[str, float]:
    """The neural inputs of the combined model (scripts/fit_neural.py fits on exactly these), from the
    cosine and each side's gains."""
    return {
        "cosine": similarity,
        "source_gain_1": _largest(source, 1),
        "source_gain_2": _largest(source, 2),
        "source_gain_sum": sum(max(0.0, g) for g in source),
        "rendering_gain_1": _largest(rendering, 1),
        "rendering_gain_2": _largest(rendering, 2),
        "rendering_gain_sum": sum(max(0.0, g) for g in rendering),
    }
