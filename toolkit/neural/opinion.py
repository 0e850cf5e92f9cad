"""The neural second opinion on one scored segment: combined fidelity, strongest spans, revised flags."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from toolkit.neural.encoder import SentenceEncoder, get_encoder
from toolkit.neural.findings import _overlaps, hands_off, revise_flags, strong_spans, with_text
from toolkit.neural.lone import LoneWord, lone_candidates, lone_flags, spans_on
from toolkit.neural.model import CombinedModel, features, load_model
from toolkit.neural.settings import DEFAULT_SETTINGS, NeuralSettings
from toolkit.neural.similarity import PairGains, pair_gains, rendering_word_gains
from toolkit.neural.spans import SpanGain, side_words_of
from toolkit.score.lexical import get_lexicon
from toolkit.score.results import Flag, SegmentScore
from toolkit.score.words import CONTENT_ROLES, Word

_CAPPED_SEVERITIES = ("major", "critical")


@dataclass
class NeuralOpinion:
    """What `--neural` adds to a segment: the combined fidelity, the encoder's plain cosine, the spans whose
    deletion most raises the similarity (each side), and the flags after those spans were heard."""

    fidelity: float
    similarity: float
    spans: list[SpanGain]
    flags: list[Flag]
    changes: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "fidelity": self.fidelity,
            "similarity": round(self.similarity, 4),
            "spans": [span.to_dict() for span in self.spans],
            "changes": self.changes,
        }


def _known_to_lexicon() -> Any:
    lexicon = get_lexicon()
    if lexicon is None:
        return lambda word, lang: False  # no lexicon: it knows nothing, so it is silent everywhere
    return lambda word, lang: bool(lexicon.known(word, lang))


def neural_opinion(
    segment: SegmentScore,
    encoder: SentenceEncoder | None = None,
    settings: NeuralSettings = DEFAULT_SETTINGS,
    model: CombinedModel | None = None,
    source_lang: str = "ru",
    target_lang: str = "en",
) -> NeuralOpinion | None:
    """The second opinion on a segment that has both sides and a lexical fidelity (None otherwise).

    `segment` is what score_pair or score_quote returned (its evidence is read, so score with evidence).
    The segment itself is not changed: the opinion carries the revised flags.
    """
    if not segment.source or not segment.rendering or segment.fidelity is None:
        return None
    encoder = encoder or get_encoder()
    model = model or load_model()
    gains = pair_gains(segment.source, segment.rendering, encoder, settings, source_lang, target_lang)
    combined = round(model.score(features(segment, gains)), 4)
    if any(f.type in settings.lexical_caps and f.severity in _CAPPED_SEVERITIES for f in segment.flags):
        combined = min(combined, segment.fidelity)
    off_limits = hands_off(segment)
    spans = {
        "source": [with_text(s, segment.source) for s in strong_spans(gains.source, settings)],
        "rendering": [
            with_text(s, segment.rendering)
            for s in strong_spans(gains.rendering, settings)
            if not any(_overlaps((s.start, s.end), span) for span in off_limits)
        ],
    }
    side_words = {
        "source": side_words_of(segment.source, source_lang, cached=True),
        "rendering": side_words_of(segment.rendering, target_lang, cached=False),
    }
    flags, changes = revise_flags(
        segment,
        spans,
        side_words,
        _known_to_lexicon(),
        settings,
        {"source": source_lang, "rendering": target_lang},
        {"source": dict(gains.source_match), "rendering": dict(gains.rendering_match)},
    )
    lone = lone_words(segment, side_words, gains, encoder, settings, off_limits)
    for flag in lone:
        span = flag.source_span if flag.side == "source" else flag.rendering_span
        if any(_overlaps(span, other) for other in spans_on(flags, flag.side)):
            continue  # a finding is already there (the encoder's own, or one it corroborated)
        flags.append(flag)
        changes.append({"action": "lone", "type": flag.type, "text": flag.text, "to": flag.severity})
    return NeuralOpinion(combined, gains.similarity, spans["source"] + spans["rendering"], flags, changes)


def _by_content_index(side_words: list[Word], values: list[tuple[str, float]]) -> dict[int, float]:
    """A side's per-content-word values (in text order) keyed by word index."""
    content = [k for k, w in enumerate(side_words) if w.role in CONTENT_ROLES]
    return {k: v for k, (_, v) in zip(content, values, strict=False)}


def lone_words(
    segment: SegmentScore,
    side_words: dict[str, list[Word]],
    gains: PairGains,
    encoder: SentenceEncoder,
    settings: NeuralSettings,
    off_limits: list[tuple[int, int]],
) -> list[Flag]:
    """The lexicon's lone-word candidates that the encoder corroborates (toolkit/neural/lone.py)."""
    candidates = [
        c
        for c in lone_candidates(segment, side_words, settings, off_limits)
        if settings.lone_gain(c.side) is not None
    ]
    if not candidates:
        return []
    source_gain = {g.word_indices[0]: g.gain for g in gains.source}
    rendering = side_words["rendering"]
    kept = [w for w in rendering if w.script != "cyrillic"]
    kept_index = [k for k, w in enumerate(rendering) if w.script != "cyrillic"]
    rendering_match = {kept_index[k]: v for k, v in _by_content_index(kept, gains.rendering_match).items()}
    source_match = _by_content_index(side_words["source"], gains.source_match)
    asked = [c.index for c in candidates if c.side == "rendering"]
    rendering_gain = rendering_word_gains(segment.rendering or "", rendering, asked, gains, encoder)

    def gain(candidate: LoneWord) -> float:
        table = source_gain if candidate.side == "source" else rendering_gain
        return table.get(candidate.index, 0.0)

    def match(candidate: LoneWord) -> float:
        table = source_match if candidate.side == "source" else rendering_match
        return table.get(candidate.index, 1.0)

    return lone_flags(candidates, gain, match, settings)


def neural_signature(settings: NeuralSettings = DEFAULT_SETTINGS, model: CombinedModel | None = None) -> str:
    """What makes a `--neural` number: the encoder and its version, the settings, the fitted model."""
    model = model or load_model()
    return f"{settings.signature()}|model:{model.digest}"
