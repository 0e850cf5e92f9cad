"""Lone words under `--neural`: a well-known word with no counterpart is a major finding only when the
encoder corroborates it (toolkit/neural/lone.py). The lexical half runs without the extra; the rest skips
when the encoder is not installed."""

from __future__ import annotations

from dataclasses import replace

import pytest

import toolkit.neural.encoder as encoder_module
from toolkit.neural import DEFAULT_SETTINGS, neural_opinion
from toolkit.neural.lone import LoneWord, lone_candidates, lone_flags
from toolkit.neural.spans import side_words_of
from toolkit.score import Flag, score_pair

needs_encoder = pytest.mark.skipif(
    not encoder_module.encoder_available(), reason="the neural extra is not installed"
)

SOURCE = "В развитых странах вы редко можете услышать подобные жалобы на качество воды или падающие мосты."
FAITHFUL = "In developed countries, you rarely hear such complaints about water quality or falling bridges."
DROPPED = "In developed countries, you hear such complaints about water quality or falling bridges."
SHORT = "Об этом говорится в сообщении на официальном сайте Министерства обороны."  # 6 content words
SHORT_DROPPED = "This is stated in a message on the website of the Ministry of Defense."


def _side_words(source: str, rendering: str) -> dict:
    return {
        "source": side_words_of(source, "ru", cached=True),
        "rendering": side_words_of(rendering, "en", cached=False),
    }


def _candidates(source: str, rendering: str, settings=DEFAULT_SETTINGS) -> list[LoneWord]:
    segment = score_pair(source, rendering)
    return lone_candidates(segment, _side_words(source, rendering), settings)


def test_a_dropped_well_known_word_is_a_lexical_candidate():
    found = _candidates(SOURCE, DROPPED)
    assert [(c.side, c.word.text) for c in found] == [("source", "редко")]
    assert "seldom" in found[0].translations
    assert not _candidates(SOURCE, FAITHFUL)


def test_a_short_source_makes_no_candidate():
    assert not _candidates(SHORT, SHORT_DROPPED)
    loose = replace(DEFAULT_SETTINGS, lone_min_words=0)
    assert [c.word.text for c in _candidates(SHORT, SHORT_DROPPED, loose)] == ["официальном"]


def test_words_a_check_already_reports_are_no_candidates():
    segment = score_pair(SOURCE, DROPPED)
    word = next(w for w in side_words_of(SOURCE, "ru", cached=True) if w.text == "редко")
    flagged = replace(
        segment,
        flags=[Flag("omission", word.text, "minor", side="source", source_span=(word.start, word.end))],
    )
    assert not lone_candidates(flagged, _side_words(SOURCE, DROPPED), DEFAULT_SETTINGS)


def test_a_probable_correspondence_is_no_candidate():
    segment = score_pair(SOURCE, DROPPED)
    paired = replace(segment, evidence={**segment.evidence, "unverified_pairs": [["редко", "hear"]]})
    assert not lone_candidates(paired, _side_words(SOURCE, DROPPED), DEFAULT_SETTINGS)


def test_too_many_words_unaccounted_for_on_the_other_side_make_no_candidate():
    segment = score_pair(SOURCE, DROPPED)
    crowded = replace(
        segment,
        evidence={**segment.evidence, "unexplained_rendering": ["hear", "complaints"]},
    )
    strict = replace(DEFAULT_SETTINGS, lone_free_words=0)
    assert not [
        c for c in lone_candidates(crowded, _side_words(SOURCE, DROPPED), strict) if c.side == "source"
    ]


def test_only_a_corroborated_candidate_becomes_a_major_omission_with_spans_and_gloss():
    (candidate,) = _candidates(SOURCE, DROPPED)
    margin = DEFAULT_SETTINGS.lone_source_gain
    below = lone_flags([candidate], lambda c: margin - 0.001, lambda c: 0.3, DEFAULT_SETTINGS)
    matched = lone_flags([candidate], lambda c: margin + 0.01, lambda c: 0.9, DEFAULT_SETTINGS)
    assert below == [] and matched == []
    (flag,) = lone_flags([candidate], lambda c: margin + 0.01, lambda c: 0.3, DEFAULT_SETTINGS)
    assert (flag.type, flag.severity, flag.side) == ("omission", "major", "source")
    assert SOURCE[slice(*flag.source_span)] == "редко"
    assert flag.gloss == "rarely" and "sentence encoder agrees" in flag.detail


def test_a_rendering_candidate_becomes_a_major_addition_when_that_side_is_on():
    word = next(w for w in side_words_of(FAITHFUL, "en", cached=False) if w.text == "rarely")
    candidate = LoneWord("rendering", 0, word)
    assert lone_flags([candidate], lambda c: 1.0, lambda c: 0.0, DEFAULT_SETTINGS) == []  # off by default
    on = replace(DEFAULT_SETTINGS, lone_rendering_gain=0.05)
    (flag,) = lone_flags([candidate], lambda c: 1.0, lambda c: 0.0, on)
    assert (flag.type, flag.severity, flag.side) == ("addition", "major", "rendering")
    assert FAITHFUL[slice(*flag.rendering_span)] == "rarely" and flag.source_span is None


def test_the_lone_word_settings_are_in_the_signature():
    assert DEFAULT_SETTINGS.signature() != replace(DEFAULT_SETTINGS, lone_source_gain=0.5).signature()
    assert (
        DEFAULT_SETTINGS.input_signature()
        == replace(DEFAULT_SETTINGS, lone_source_gain=0.5).input_signature()
    )


@needs_encoder
def test_the_encoder_corroborates_a_dropped_word_and_not_a_faithful_one():
    dropped = neural_opinion(score_pair(SOURCE, DROPPED))
    lone = [f for f in dropped.flags if "sentence encoder agrees" in f.detail]
    assert [(f.type, f.severity, f.text) for f in lone] == [("omission", "major", "редко")]
    assert {"action": "lone", "type": "omission", "text": "редко", "to": "major"} in dropped.changes
    faithful = neural_opinion(score_pair(SOURCE, FAITHFUL))
    assert not [f for f in faithful.flags if f.severity in ("major", "critical")]


@needs_encoder
def test_no_lone_flag_without_the_encoders_agreement():
    never = replace(DEFAULT_SETTINGS, lone_source_gain=1.0, lone_rendering_gain=1.0)
    opinion = neural_opinion(score_pair(SOURCE, DROPPED), settings=never)
    assert not [f for f in opinion.flags if "sentence encoder agrees" in f.detail]


def test_without_neural_the_lexical_flags_are_unchanged():
    assert not [f for f in score_pair(SOURCE, DROPPED).flags if f.severity in ("major", "critical")]
